import { describe, expect, it } from 'vitest';
import type { ReconciliationLine } from '../../../src/shared/wire';
import {
  applyRows, detectClosedMonthChanges, fnv1a64, Model, monthFingerprint, planCloseMonth, planPostings, planReopenMonth,
  reconcile, type ReconcileData,
} from '../../../src/core/reconcile';
import { d, detailImport, kit, row, summary, US } from './helpers';
import { base, setMarch, toData, type Scenario } from './scenarios';

const AT = '2026-04-02T10:00:00.000Z';

function unexplained(s: Scenario, ending = 70): void {
  setMarch(s, summary('2026-03', 'SKU1', { starting: 100, shipments: -30, returns: 2, lost: -1, ending }));
}

/** The data after the shell carried out a close plan (rows written, review rows replaced). */
function afterClose(data: ReconcileData, plan: ReturnType<typeof planCloseMonth>): ReconcileData {
  const kept = (data.review ?? []).filter((l) => !(l.month === plan.month && plan.locations.includes(l.location)));
  return { ...data, ledger: applyRows(data.ledger, plan.removeKeys, plan.write), review: [...kept, ...plan.lines] };
}

function afterReopen(data: ReconcileData, plan: ReturnType<typeof planReopenMonth>): ReconcileData {
  const gone = new Set(plan.reopened.map((r) => r.month + '|' + r.location));
  const kept = (data.review ?? []).filter((l) => !gone.has(l.month + '|' + l.location));
  return { ...data, review: [...kept, ...plan.lines] };
}

function closedLines(month: string, location = US, fingerprint = 'x', closing = 0): ReconciliationLine[] {
  const l = reconcile(toData(base()), { month }).lines[0];
  return [{ ...l, month, location, status: 'CLOSED', closedAt: AT, fingerprint, closing }];
}

describe('posting RECONCILIATION rows and closing', () => {
  it('posts −Variance for an unexplained SKU, dated the last day, and closes with variance 0', () => {
    const s = base();
    unexplained(s);
    const data = toData(s);
    const plan = planCloseMonth(data, { month: '2026-03', location: US, postAdjustments: ['SKU1'], notes: { sku1: 'stock count' }, closedAt: AT });
    expect(plan.ok).toBe(true);
    expect(plan.write).toEqual([{
      day: d('2026-03-31'), event: 'RECONCILIATION', sku: 'SKU1', lot: null, quantity: -1, location: US, disposition: '', reason: '',
      reference: 'stock count', source: 'reconciliation:2026-03', key: 'reconciliation:2026-03:FBA-US:SKU1',
    }]);
    expect(plan.removeKeys).toEqual([]);
    expect(plan.lines).toHaveLength(1);
    expect(plan.lines[0]).toMatchObject({ reconciliation: -1, closing: 70, variance: 0, cause: '', status: 'CLOSED', closedAt: AT });
    expect(plan.lines[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(plan.message).toBe('Closed 2026-03 at FBA-US; posted 1 RECONCILIATION row (SKU1 -1).');
    const closed = afterClose(data, plan);
    const r = reconcile(closed, { month: '2026-03', location: US });
    expect(r.closed).toBe(true);
    expect(r.lines[0]).toMatchObject({ variance: 0, status: 'CLOSED', fingerprint: plan.fingerprints[US] });
    expect(r.states[0].changed).toBeNull();
    expect(r.closeBlockers).toEqual(['FBA-US: 2026-03 is already closed (closed at 2026-04-02T10:00:00.000Z).']);
    expect(detectClosedMonthChanges(closed)).toEqual([]);
  });

  it('re-closing replaces the row, computed without the row it replaces', () => {
    const s = base();
    unexplained(s);
    let data = toData(s);
    data = afterClose(data, planCloseMonth(data, { month: '2026-03', location: US, postAdjustments: ['SKU1'], closedAt: AT }));
    const reopen = planReopenMonth(data, { month: '2026-03', location: US });
    expect(reopen.ok).toBe(true);
    expect(reopen.lines.map((l) => [l.status, l.closedAt, l.fingerprint])).toEqual([['REOPENED', null, null]]);
    data = afterReopen(data, reopen);
    // Amazon revises its ending: without the old row the variance is 2.
    unexplained(s, 69);
    data = { ...data, summary: s.summary };
    const review = reconcile(data, { month: '2026-03', location: US });
    expect(review.lines[0]).toMatchObject({ reconciliation: -1, variance: 1, causeKind: 'flow-mismatch', status: 'REOPENED' });
    const plan = planCloseMonth(data, { month: '2026-03', location: US, postAdjustments: ['SKU1'], notes: { SKU1: 'recount' }, closedAt: AT });
    expect(plan.ok).toBe(true);
    expect(plan.removeKeys).toEqual(['reconciliation:2026-03:FBA-US:SKU1']);
    expect(plan.write.map((r) => [r.quantity, r.key, r.reference])).toEqual([[-2, 'reconciliation:2026-03:FBA-US:SKU1', 'recount']]);
    const closed = afterClose(data, plan);
    expect(closed.ledger.filter((r) => r.event === 'RECONCILIATION').map((r) => r.quantity)).toEqual([-2]);
    expect(reconcile(closed, { month: '2026-03' }).lines[0]).toMatchObject({ variance: 0, reconciliation: -2, status: 'CLOSED' });
  });

  it('a chosen SKU that agrees without its earlier row loses that row', () => {
    const s = base();
    s.ledger.push(row('2026-03-31', 'RECONCILIATION', 'SKU1', -4, { key: 'reconciliation:2026-03:FBA-US:SKU1', source: 'reconciliation:2026-03' }));
    const plan = planPostings(toData(s), '2026-03', [US], ['SKU1']);
    expect(plan).toMatchObject({ refusals: [], write: [], removeKeys: ['reconciliation:2026-03:FBA-US:SKU1'] });
  });

  it('refuses to post for a SKU whose cause is not "unexplained", naming the cause', () => {
    const s = base();
    setMarch(s, summary('2026-03', 'SKU1', { starting: 100, shipments: -28, returns: 2, lost: -1 }));
    const plan = planCloseMonth(toData(s), { month: '2026-03', location: US, postAdjustments: ['SKU1'], closedAt: AT });
    expect(plan.ok).toBe(false);
    expect(plan.write).toEqual([]);
    expect(plan.lines).toEqual([]);
    expect(plan.blockers).toEqual([
      'SKU1 at FBA-US: cannot post a RECONCILIATION row, the cause is flow mismatch: Shipments -30 vs Amazon shipments -28.',
    ]);
    const unknown = planCloseMonth(toData(s), { month: '2026-03', location: US, postAdjustments: ['NOPE'], closedAt: AT });
    expect(unknown.blockers).toEqual(['NOPE: no line in 2026-03 at FBA-US.']);
  });

  it('without posting, a month with a variance still closes (the variance stays on the review)', () => {
    const s = base();
    unexplained(s);
    const plan = planCloseMonth(toData(s), { month: '2026-03', location: US, closedAt: AT });
    expect(plan.ok).toBe(true);
    expect(plan.write).toEqual([]);
    expect(plan.lines[0]).toMatchObject({ variance: 1, cause: 'unexplained', status: 'CLOSED' });
  });

  it('an Amazon SKU chosen for posting posts on its component, in component units', () => {
    const s = base();
    unexplained(s);
    const plan = planCloseMonth(toData(s, { kits: [kit('SKU1-6PK', 'SKU1', 6)] }), {
      month: '2026-03', location: US, postAdjustments: ['SKU1-6PK'], closedAt: AT,
    });
    expect(plan.write.map((r) => [r.sku, r.quantity, r.key])).toEqual([['SKU1', -1, 'reconciliation:2026-03:FBA-US:SKU1']]);
  });

  it('with no location, closes every location that has lines and is still open', () => {
    const s = base();
    const data = toData(s, { review: closedLines('2026-03', 'FBA-CA') });
    s.ledger.push(row('2026-03-02', 'TRANSFER', 'SKU1', 1, { location: 'FBA-CA' }));
    const plan = planCloseMonth({ ...data, ledger: s.ledger }, { month: '2026-03', closedAt: AT });
    expect(plan.ok).toBe(true);
    expect(plan.locations).toEqual([US]);
  });
});

describe('close preconditions', () => {
  it('refuses a month whose days are not all imported', () => {
    const s = base();
    s.importLog = s.importLog.filter((e) => e.reportType !== 'GET_LEDGER_DETAIL_VIEW_DATA');
    s.importLog.push(detailImport('2026-02-01', '2026-03-03'), detailImport('2026-03-07', '2026-03-31'));
    s.importLog.push(detailImport('2026-03-04', '2026-03-06', ['CustomerReturns', 'VendorReturns', 'Adjustments', 'Receipts']));
    const plan = planCloseMonth(toData(s), { month: '2026-03', location: US, closedAt: AT });
    expect(plan.ok).toBe(false);
    expect(plan.blockers).toEqual(['FBA-US: days not imported: 2026-03-04..2026-03-06 (Shipments).']);
    expect(reconcile(toData(s), { month: '2026-03' })).toMatchObject({ canClose: false, closeBlockers: plan.blockers });
  });

  it('refuses a month whose summary is not imported', () => {
    const s = base();
    s.summary = s.summary.filter((r) => r.month !== '2026-03');
    s.importLog = s.importLog.filter((e) => !(e.reportType === 'GET_LEDGER_SUMMARY_VIEW_DATA' && e.dataStart === d('2026-03-01')));
    expect(planCloseMonth(toData(s), { month: '2026-03', location: US, closedAt: AT }).blockers).toEqual([
      'FBA-US: the Amazon Summary for 2026-03 is not imported.',
    ]);
  });

  it('the first month closed may be any month; later ones follow in order', () => {
    const s = base();
    expect(planCloseMonth(toData(s), { month: '2026-03', location: US, closedAt: AT }).ok).toBe(true);
    const janClosed = toData(s, { review: closedLines('2026-01') });
    expect(planCloseMonth(janClosed, { month: '2026-03', location: US, closedAt: AT }).blockers).toEqual([
      'FBA-US: months are closed in order; the next month to close is 2026-02 (2026-01 is the latest closed).',
    ]);
    expect(planCloseMonth(janClosed, { month: '2026-02', location: US, closedAt: AT }).ok).toBe(true);
    // Another location's closed months do not matter.
    const other = toData(s, { review: closedLines('2026-01', 'FBA-CA') });
    expect(planCloseMonth(other, { month: '2026-03', location: US, closedAt: AT }).ok).toBe(true);
  });

  it('refuses a month already closed', () => {
    const data = toData(base(), { review: closedLines('2026-03') });
    expect(planCloseMonth(data, { month: '2026-03', location: US, closedAt: AT }).blockers).toEqual([
      'FBA-US: 2026-03 is already closed (closed at 2026-04-02T10:00:00.000Z).',
    ]);
    expect(planCloseMonth(data, { month: '2026-03', closedAt: AT }).blockers).toEqual(['2026-03 is already closed at every location.']);
  });

  it('refuses a month that has not ended', () => {
    expect(planCloseMonth(toData(base(), { today: d('2026-03-31') }), { month: '2026-03', location: US, closedAt: AT }).blockers)
      .toEqual(['FBA-US: 2026-03 has not ended yet.']);
    expect(planCloseMonth(toData(base(), { today: d('2026-04-01') }), { month: '2026-03', location: US, closedAt: AT }).ok).toBe(true);
  });

  it('refuses a location with nothing to reconcile', () => {
    expect(planCloseMonth(toData(base()), { month: '2026-03', location: 'FBA-JP', closedAt: AT }).blockers[0])
      .toBe('FBA-JP: nothing to reconcile in 2026-03.');
  });
});

describe('reopen', () => {
  it('reopens the month and every later closed month of the location', () => {
    let data = toData(base());
    data = afterClose(data, planCloseMonth(data, { month: '2026-02', location: US, closedAt: AT }));
    data = afterClose(data, planCloseMonth(data, { month: '2026-03', location: US, closedAt: AT }));
    expect(reconcile(data, { month: '2026-02' }).closed).toBe(true);
    const plan = planReopenMonth(data, { month: '2026-02', location: US });
    expect(plan.reopened).toEqual([{ month: '2026-02', location: US }, { month: '2026-03', location: US }]);
    expect(plan.message).toBe('Reopened 2026-02 at FBA-US, 2026-03 at FBA-US.');
    data = afterReopen(data, plan);
    const feb = reconcile(data, { month: '2026-02' });
    expect(feb.lines[0].status).toBe('REOPENED');
    expect(feb.canClose).toBe(true);
  });

  it('refuses a month that is not closed', () => {
    expect(planReopenMonth(toData(base()), { month: '2026-03', location: US })).toMatchObject({
      ok: false, blockers: ['FBA-US: 2026-03 is not closed.'],
    });
    expect(planReopenMonth(toData(base()), { month: '2026-03' }).blockers).toEqual(['2026-03 is not closed at any location.']);
  });
});

describe('fingerprint', () => {
  it('is 64-bit FNV-1a', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('é')).toBe(fnv1a64('\u00e9'));
  });

  const fp = (data: ReconcileData, month = '2026-03') => monthFingerprint(new Model(data), month, US);

  it('is stable under reordering of every sheet', () => {
    const s = base();
    const kits = [kit('SKU1-6PK', 'SKU1', 6), kit('SKU2-2PK', 'SKU2', 2)];
    s.summary.push(summary('2026-03', 'SKU1', { returns: 1, damaged: -1 }, { disposition: 'CUSTOMER_DAMAGED' }));
    const a = fp(toData(s, { kits }));
    const rev = <T>(x: T[]) => [...x].reverse();
    expect(fp(toData({ ...s, ledger: rev(s.ledger), summary: rev(s.summary), receipts: rev(s.receipts) }, { kits: rev(kits) }))).toBe(a);
  });

  it('changes with an edit in the month, a kit, or an earlier month; not with a later month or a Source', () => {
    const s = base();
    const a = fp(toData(s));
    const edit = (f: (x: Scenario) => void) => {
      const c: Scenario = JSON.parse(JSON.stringify(s));
      f(c);
      return fp(toData(c));
    };
    expect(edit((c) => (c.ledger[1].quantity = -31))).not.toBe(a);
    expect(edit((c) => (c.ledger[1].disposition = 'DEFECTIVE'))).not.toBe(a);
    expect(edit((c) => (c.summary[1].figures['Customer Shipments'] = -29))).not.toBe(a);
    expect(edit((c) => (c.ledger[0].quantity = 99))).not.toBe(a);
    expect(fp(toData(s, { kits: [kit('SKU1-6PK', 'SKU1', 6)] }))).not.toBe(a);
    expect(edit((c) => c.ledger.push(row('2026-04-01', 'SHIPMENT', 'SKU1', -1)))).toBe(a);
    expect(edit((c) => (c.ledger[1].source = 'report:999'))).toBe(a);
    expect(edit((c) => c.ledger.push(row('2026-03-05', 'SHIPMENT', 'SKU1', -1, { location: 'FBA-CA' })))).toBe(a);
  });

  it('detects a closed month whose data changed, with old and new closing per SKU', () => {
    let data = toData(base());
    data = afterClose(data, planCloseMonth(data, { month: '2026-03', location: US, closedAt: AT }));
    expect(detectClosedMonthChanges(data)).toEqual([]);
    const changed = { ...data, ledger: [...data.ledger, row('2026-03-20', 'SHIPMENT', 'SKU1', -3)] };
    const reports = detectClosedMonthChanges(changed);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      month: '2026-03', location: US, changes: [{ month: '2026-03', location: US, sku: 'SKU1', oldClosing: 71, newClosing: 68 }],
    });
    expect(reports[0].newFingerprint).not.toBe(reports[0].oldFingerprint);
    const r = reconcile(changed, { month: '2026-03' });
    expect(r.states[0].changed).toEqual(reports[0].changes);
    expect(r.warnings).toContain('FBA-US: 2026-03 was closed but its data changed since (SKU1 71 → 68); reopen it and close it again.');
  });
});
