/**
 * The preview's sample workbook (preview/seed.ts) keeps its promises, checked through the built
 * bundle: every month reconciles but one, which has exactly one unexplained variance; one inbound
 * shortfall on a single-lot shipment; the files cover every day of their months; "Fetch" brings
 * the rest of May from the emulator without a single request Amazon would refuse.
 */
import { describe, expect, it } from 'vitest';
import { callFromClient } from '../fakes/index';
import { createPreviewWorld } from '../../preview/seed';
import { IMPORTED_MONTHS, SAMPLE_TODAY, VANISHED } from '../../preview/sample';
import type { ImportLogEntry, InventoryResult, JobStatus, ReconciliationResult, SidebarState } from '../../src/shared/wire';

describe('the preview sample workbook', () => {
  const world = createPreviewWorld();
  const call = <T>(name: string, ...args: unknown[]): T => callFromClient(world.env, name, args) as T;

  it('is set up, with the history imported month by month through importReportFile', () => {
    const state = call<SidebarState>('getSidebarState');
    expect(state).toMatchObject({ setupDone: true, today: SAMPLE_TODAY, timeZone: 'America/Los_Angeles' });
    expect(state.skus).toEqual(['MAGN-250', 'OMEGA3-120', 'VITC-500', 'VITC-500-6PK']);
    expect(state.months).toEqual(['2025-04', '2025-03', '2025-02', '2025-01', '2024-12']);
    expect(state.amazon).toMatchObject({ connected: true, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'] });
    expect(world.imports).toHaveLength(IMPORTED_MONTHS.length * 2 + 1);
    const log = call<ImportLogEntry[]>('getImportLog', 50);
    expect(log.map((e) => e.status)).toEqual(log.map(() => 'OK'));
    for (const m of IMPORTED_MONTHS.slice(1)) {
      expect(log.find((e) => e.source === `file:inventory-ledger-detail-${m}.tsv`)).toMatchObject({ dataStart: `${m}-01` });
    }
  });

  it('shows lots with expiry, a 6-pack kit and Amazon\'s current figure', () => {
    const inv = call<InventoryResult>('getInventory', {});
    const vitc = inv.skus.find((s) => s.sku === 'VITC-500')!;
    expect(vitc.lots.map((l) => l.lot)).toEqual(['24K101', '25A044', '25C012']);
    expect(vitc.kits.map((k) => [k.amazonSku, k.unitsPerKit])).toContainEqual(['VITC-500-6PK', 6]);
    expect(vitc.amazon).toMatchObject({ snapshot: SAMPLE_TODAY });
    const omega = inv.skus.find((s) => s.sku === 'OMEGA3-120')!;
    expect(omega.lots.find((l) => l.lot === 'OM2411')).toMatchObject({ expiry: '2025-07-31', expiringSoon: true });
    expect(inv.skus.every((s) => s.unspecified.unallocatedDepletion === 0)).toBe(true);
  });

  it('reconciles every imported month but one, whose only variance is unexplained; one single-lot shipment is short', () => {
    for (const month of IMPORTED_MONTHS) {
      const r = call<ReconciliationResult>('getReconciliation', { month });
      const off = r.lines.filter((l) => l.variance !== 0);
      if (month === VANISHED.month) {
        expect(off.map((l) => [l.sku, l.variance, l.causeCode])).toEqual([[VANISHED.msku, VANISHED.units, 'UNEXPLAINED']]);
        expect(r.canClose).toBe(true);
      } else {
        expect(off).toEqual([]);
      }
      if (month !== '2024-12') expect(r.closeBlockers).toEqual([]);
    }
    const april = call<ReconciliationResult>('getReconciliation', { month: '2025-04' });
    expect(april.shortfalls.filter((s) => s.overdue).map((s) => [s.shipmentId, s.sku, s.difference, s.singleLot])).toEqual([['FBA18ZR2002', 'MAGN-250', 12, 'MG2501']]);
  });

  it('fetches May 1 to yesterday from the emulator within a few polls', () => {
    let job = call<JobStatus>('fetchAmazonReports', { dataStart: null, dataEnd: null });
    expect(job).toMatchObject({ state: 'RUNNING', dataStart: '2025-05-01', dataEnd: '2025-05-19' });
    let polls = 0;
    while (job.state === 'RUNNING' && polls < 20) {
      world.clock.advance(31_000);
      job = call<JobStatus>('getJobStatus');
      polls++;
    }
    expect(job.state).toBe('DONE');
    expect(polls).toBeLessThanOrEqual(10);
    world.emulator.assertNoViolations();
    const inv = call<InventoryResult>('getInventory', {});
    const vitc = inv.skus.find((s) => s.sku === 'VITC-500')!;
    expect(vitc.onHand).toBe(vitc.amazon!.warehouse + vitc.amazon!.inboundShipped + vitc.amazon!.inboundReceiving);
  });
});
