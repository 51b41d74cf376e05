/**
 * Entry points for the Amazon connection and the fetch job (spec §6, §9). Placeholder bodies until
 * the fetch pipeline lands.
 */
import type { AmazonSettingsInput, AmazonSettingsView, FetchRequest, JobStatus, TestConnectionResult } from '../shared/wire';

const PENDING = 'Fetching from Amazon is not available in this version yet.';

export function saveAmazonSettings(_input: AmazonSettingsInput): AmazonSettingsView {
  throw new Error(PENDING);
}

export function testAmazonConnection(): TestConnectionResult {
  throw new Error(PENDING);
}

export function fetchAmazonReports(_request?: FetchRequest): JobStatus {
  throw new Error(PENDING);
}

export function getJobStatus(): JobStatus {
  throw new Error(PENDING);
}

export function setAutoImport(_on: boolean): AmazonSettingsView {
  throw new Error(PENDING);
}
