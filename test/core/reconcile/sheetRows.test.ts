import { describe, expect, it } from 'vitest';
import { RECONCILIATION, SUMMARY_FIGURES } from '../../../src/app/layout';
import {
  lineFromCells, lineToCells, RECONCILIATION_COLUMNS, reconcile, SUMMARY_FIGURE_NAMES, toWireLine,
} from '../../../src/core/reconcile';
import { base, toData } from './scenarios';

describe('the Reconciliation sheet', () => {
  it("uses the sheets' own column names", () => {
    expect([...RECONCILIATION_COLUMNS]).toEqual([...RECONCILIATION.headers]);
    expect([...SUMMARY_FIGURE_NAMES]).toEqual([...SUMMARY_FIGURES]);
  });

  it('a review line goes to cells and back unchanged', () => {
    const s = base();
    s.summary = s.summary.filter((r) => r.month !== '2026-03');
    s.importLog = s.importLog.filter((e) => e.reportType !== 'GET_LEDGER_SUMMARY_VIEW_DATA');
    const noSummary = reconcile(toData(s), { month: '2026-03' }).lines[0];
    const agrees = reconcile(toData(base()), { month: '2026-03' }).lines[0];
    for (const l of [noSummary, { ...agrees, status: 'CLOSED', closedAt: '2026-04-02T10:00:00.000Z', fingerprint: '0123456789abcdef' }]) {
      const cells = lineToCells(l);
      expect(cells).toHaveLength(RECONCILIATION_COLUMNS.length);
      expect(lineFromCells(cells)).toEqual({ ...toWireLine(l), causeCode: null }); // the sheet keeps the cause text, not its code
    }
    expect(lineToCells(noSummary)[20]).toBe('');
    expect(lineFromCells([...lineToCells(agrees).slice(0, 23), new Date('2026-04-02T10:00:00Z'), 'ab']).closedAt).toBe('2026-04-02T10:00:00.000Z');
  });
});
