/**
 * Entry points for the Amazon connection and the fetch job (spec §6, §9, §10): the sidebar's
 * calls, the menu's "Fetch Amazon reports now" and the auto-import on-open trigger.
 */
import { saveSettings } from '../app/amazon/connection';
import {
  autoImportOnOpen, fetchNow, fetchReports, pollJob, setAutoImport as setAutoImportUseCase, testConnection, type FetchEnv,
} from '../app/amazon/fetch';
import type { AmazonSettingsInput, AmazonSettingsView, FetchRequest, JobStatus, TestConnectionResult } from '../shared/wire';
import { gasDeps } from '../gas/services';
import { reconcileHooks } from './imports';
import { serve, userMessage } from './run';
import { currentUserKey } from './sidebar';

function env(): FetchEnv {
  return { deps: gasDeps(), hooks: reconcileHooks, userKey: currentUserKey() };
}

export function saveAmazonSettings(input: AmazonSettingsInput): AmazonSettingsView {
  return serve('saveAmazonSettings', () => saveSettings(gasDeps(), input, currentUserKey()));
}

export function testAmazonConnection(): TestConnectionResult {
  return serve('testAmazonConnection', () => testConnection(env()));
}

export function fetchAmazonReports(request?: FetchRequest): JobStatus {
  return serve('fetchAmazonReports', () => fetchReports(env(), request ?? {}));
}

export function getJobStatus(): JobStatus {
  return serve('getJobStatus', () => pollJob(env()));
}

export function setAutoImport(on: boolean): AmazonSettingsView {
  return serve('setAutoImport', () => setAutoImportUseCase(env(), on));
}

/** Menu: fetches the days not yet imported and advances the job in this execution, then says how it went. */
export function fetchAmazonReportsNow(): JobStatus {
  return serve('fetchAmazonReportsNow', () => {
    const e = env();
    const { status, message } = fetchNow(e);
    e.deps.workbook.toast(message, status.state === 'FAILED' ? 'Fetch from Amazon failed' : 'Fetch from Amazon');
    return status;
  });
}

/** Installable on-open trigger (auto-import): never throws, so no failure mail reaches the owner for a passing hiccup. */
export function onOpenAutoImport(_e?: unknown): void {
  try {
    const e = env();
    const outcome = autoImportOnOpen(e);
    if (outcome) {
      try {
        e.deps.workbook.toast(outcome.message, outcome.status.state === 'FAILED' ? 'Auto-import failed' : 'Auto-import from Amazon');
      } catch {
        // No one to show it to.
      }
    }
  } catch (err) {
    console.warn(`onOpenAutoImport: ${userMessage(err)}`);
  }
}
