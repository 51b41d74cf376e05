import { describe, expect, it } from 'vitest';
import { countingEntries, logLocations, Model, type ImportLogRecord } from '../../../src/core/reconcile';
import { d, data, detailImport, summaryImport, US } from './helpers';

const missing = (log: ImportLogRecord[], location = US, extra = {}) =>
  new Model(data({ importLog: log, ...extra })).missingDays(location, '2026-03').length;

describe('coverage from the Import Log', () => {
  it('a day is covered when each of the five detail event types was imported for it', () => {
    expect(missing([detailImport('2026-03-01', '2026-03-31')])).toBe(0);
    expect(missing([detailImport('2026-03-01', '2026-03-31', ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments'])])).toBe(31);
    expect(missing([
      detailImport('2026-03-01', '2026-03-15', ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts']),
      detailImport('2026-03-16', '2026-03-31', ['Shipments', 'CustomerReturns', 'VendorReturns', 'Adjustments']),
      detailImport('2026-02-20', '2026-03-31', ['Receipts']),
    ])).toBe(0);
  });

  it('OK, NO_DATA and CLOSED_MONTH_CHANGED count; FAILED and REMOVED do not', () => {
    for (const status of ['OK', 'NO_DATA', 'CLOSED_MONTH_CHANGED', 'ok']) expect(missing([detailImport('2026-03-01', '2026-03-31', undefined, US, status)])).toBe(0);
    for (const status of ['FAILED', 'REMOVED', '']) expect(missing([detailImport('2026-03-01', '2026-03-31', undefined, US, status)])).toBe(31);
  });

  it("a removed import's coverage no longer counts; importing it again counts again", () => {
    const imp = detailImport('2026-03-01', '2026-03-31');
    const removed: ImportLogRecord = { ...imp, status: 'REMOVED' };
    expect(missing([imp, removed])).toBe(31);
    expect(missing([imp, removed, { ...imp }])).toBe(0);
    expect(countingEntries([imp, removed, { ...imp }])).toHaveLength(1);
    // Or the shell passes the removed Sources.
    expect(missing([imp], US, { removedSources: [imp.source] })).toBe(31);
  });

  it('matches the location; a list or * covers several', () => {
    expect(missing([detailImport('2026-03-01', '2026-03-31', undefined, 'FBA-CA')])).toBe(31);
    expect(missing([detailImport('2026-03-01', '2026-03-31', undefined, 'FBA-CA, FBA-US')])).toBe(0);
    expect(missing([detailImport('2026-03-01', '2026-03-31', undefined, '*')], 'FBA-MX')).toBe(0);
    expect(logLocations('')).toEqual(['FBA-US']);
    expect(logLocations('FBA-EU; FBA-UK')).toEqual(['FBA-EU', 'FBA-UK']);
  });

  it('event types are read case- and space-insensitively', () => {
    expect(missing([detailImport('2026-03-01', '2026-03-31', ['shipments', 'Customer Returns', 'VENDORRETURNS', 'adjustments', 'Receipts'])])).toBe(0);
  });

  it('days on or before the opening day count as covered', () => {
    const log = [detailImport('2026-03-16', '2026-03-31')];
    expect(missing(log, US, { openings: [{ location: US, month: '2026-03', day: d('2026-03-15'), inboundInTransit: {} }] })).toBe(0);
  });

  it('a summary import counts for a month it covers whole', () => {
    const m = (log: ImportLogRecord[]) => new Model(data({ importLog: log })).summaryImported(US, '2026-03');
    expect(m([summaryImport('2026-03')])).toBe(true);
    expect(m([{ ...summaryImport('2026-03'), dataEnd: d('2026-03-30') }])).toBe(false);
    expect(m([{ ...detailImport('2026-03-01', '2026-03-31'), reportType: 'x', eventTypes: ['Summary'] }])).toBe(true);
    expect(m([summaryImport('2026-03', US, 'FAILED')])).toBe(false);
    expect(m([])).toBe(false);
  });
});
