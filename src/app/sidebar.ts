/**
 * What the sidebar needs when it opens (one call), and the seller's default location.
 */
import { isoFromDay, monthOfDay } from '../core/days';
import { InputError } from '../core/errors';
import { cellText, textKey } from '../core/ledger/index';
import type { SidebarState } from '../shared/wire';
import { settingsView } from './amazon/connection';
import { jobStatus, loadJob } from './amazon/job';
import { latestImports } from './importLog';
import { DEFAULT_LOCATIONS, KITS, LEDGER, LOCATIONS, SUMMARY, WORKBOOK } from './layout';
import type { Deps } from './ports';
import { optionalSheet, readData } from './sheets';
import { DEFAULT_LOCATION_KEY, defaultLocation } from './transfer';

function unique(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const t = v.trim();
    if (t && !seen.has(textKey(t))) seen.set(textKey(t), t);
  }
  return [...seen.values()];
}

export function sidebarState(deps: Deps, currentUserKey?: string): SidebarState {
  const wb = deps.workbook;
  const setupDone = WORKBOOK.every((l) => wb.sheet(l.name) !== null);
  const ledger = optionalSheet(wb, LEDGER);
  const ledgerRows = ledger ? readData(ledger, LEDGER.headers.length) : [];
  const kits = optionalSheet(wb, KITS);
  const kitRows = kits ? readData(kits, KITS.headers.length) : [];
  const locationsSheet = optionalSheet(wb, LOCATIONS);
  const locationRows = locationsSheet ? readData(locationsSheet, 2) : DEFAULT_LOCATIONS.map((r) => [r[0], r[1]]);
  const summary = optionalSheet(wb, SUMMARY);
  const summaryMonths = summary ? readData(summary, 2).map((r) => cellText(r[0])) : [];

  const months = new Set<string>(summaryMonths.filter((m) => /^\d{4}-\d{2}$/.test(m)));
  for (const r of ledgerRows) {
    if (r[0] instanceof Date) months.add(monthOfDay(wb.days.dayOf(r[0])));
    else if (typeof r[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[0].trim())) months.add(r[0].trim().slice(0, 7));
  }
  const def = defaultLocation(deps);
  return {
    setupDone,
    timeZone: wb.timeZone(),
    today: isoFromDay(wb.days.dayOf(new Date(deps.clock.now()))),
    defaultLocation: def,
    locations: unique([def, ...locationRows.map((r) => cellText(r[1])), ...ledgerRows.map((r) => cellText(r[6]) || 'FBA-US')]),
    skus: unique([...ledgerRows.map((r) => cellText(r[2])), ...kitRows.flatMap((r) => [cellText(r[0]), cellText(r[1])])]).sort(),
    months: [...months].sort().reverse(),
    amazon: settingsView(deps, currentUserKey),
    job: jobStatus(loadJob(deps)),
    importLog: latestImports(wb, 10),
  };
}

export function setDefaultLocation(deps: Deps, location: unknown, currentUserKey?: string): SidebarState {
  const value = typeof location === 'string' ? location.trim() : '';
  if (!value || value.length > 60 || /[\u0000-\u001f]/.test(value)) throw new InputError('Choose a location name (up to 60 characters)');
  deps.docProps.set(DEFAULT_LOCATION_KEY, value);
  return sidebarState(deps, currentUserKey);
}
