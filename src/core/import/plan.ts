/**
 * Planning one sheet's part of an import (spec §6 "Safety of imports"). Given the sheet's current
 * data rows and the rows the import writes, decide which rows go and which come:
 *
 * - Only rows the caller's `inScope` accepts are candidates (for `FBA Ledger`: SHIPMENT, RETURN,
 *   REMOVAL, ADJUSTMENT rows with a `report:`/`file:` Source inside the scope).
 * - A candidate whose Key no longer matches its content was edited by a person: it stays, and is
 *   reported. Its Key still names the row the import first wrote, so a new row with that same key
 *   is not written again (the person's version stands for it).
 * - A candidate whose Key matches and equals a new row's key is already what the import would
 *   write: it stays where it is and that new row is not appended (so importing the same data
 *   again changes nothing, not even the order of rows, and costs no sheet call). Its Source keeps
 *   naming the import that wrote it.
 * - Every other candidate is deleted; every new row not accounted for is appended.
 *
 * Deletions come as blocks of contiguous sheet rows, bottom first, so the shell deletes them one
 * block per call without renumbering what is left to delete.
 */
import { rowKeyMatchesFor, storedKey, defaultReadDay, type DayReader, type SheetKind } from './keys';
import type { SheetRow } from './rows';

export interface RowBlock {
  /** First sheet row (1-based) of the block. */
  start: number;
  count: number;
}

export interface SheetPlan {
  sheet: string;
  /** Contiguous blocks to delete, highest first. */
  deleteBlocks: RowBlock[];
  /** Rows to append, in order. */
  append: unknown[][];
  /** Rows deleted. */
  replaced: number;
  /** Rows already present identically (left in place, not appended). */
  unchanged: number;
  /** Rows appended. */
  written: number;
  /** Sheet rows kept because a person edited them since an import wrote them. */
  edited: number[];
  /** New rows not appended because an edited row stands for them. */
  supersededByEdits: number;
}

export interface SheetPlanInput {
  kind: SheetKind;
  /** The sheet's data rows (header excluded). */
  existing: readonly (readonly unknown[])[];
  /** Sheet row number of existing[0] (default 2: the row under the header). */
  firstRow?: number;
  newRows: readonly SheetRow[];
  /** True for rows this import may replace. */
  inScope: (values: readonly unknown[]) => boolean;
  readDay?: DayReader;
}

export function emptySheetPlan(sheet: string): SheetPlan {
  return { sheet, deleteBlocks: [], append: [], replaced: 0, unchanged: 0, written: 0, edited: [], supersededByEdits: 0 };
}

/** Groups ascending sheet rows into contiguous blocks, returned highest first. */
export function toBlocks(rows: readonly number[]): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (const r of rows) {
    const last = blocks[blocks.length - 1];
    if (last && last.start + last.count === r) last.count++;
    else blocks.push({ start: r, count: 1 });
  }
  return blocks.reverse();
}

export function planSheet(input: SheetPlanInput): SheetPlan {
  const { kind, existing, newRows, inScope } = input;
  const firstRow = input.firstRow ?? 2;
  const readDay = input.readDay ?? defaultReadDay;
  const pending = new Map<string, number>();
  for (const r of newRows) pending.set(r.key, (pending.get(r.key) ?? 0) + 1);
  const deleteRows: number[] = [];
  const edited: number[] = [];
  let unchanged = 0;
  let supersededByEdits = 0;
  const satisfied = new Map<string, number>();
  for (let i = 0; i < existing.length; i++) {
    const values = existing[i];
    if (!inScope(values)) continue;
    const key = storedKey(kind, values);
    const left = pending.get(key) ?? 0;
    if (rowKeyMatchesFor(kind, values, readDay)) {
      if (left > 0) {
        pending.set(key, left - 1);
        satisfied.set(key, (satisfied.get(key) ?? 0) + 1);
        unchanged++;
      } else deleteRows.push(firstRow + i);
    } else {
      edited.push(firstRow + i);
      if (left > 0) {
        pending.set(key, left - 1);
        satisfied.set(key, (satisfied.get(key) ?? 0) + 1);
        supersededByEdits++;
      }
    }
  }
  const append: unknown[][] = [];
  for (const r of newRows) {
    const s = satisfied.get(r.key) ?? 0;
    if (s > 0) {
      satisfied.set(r.key, s - 1);
      continue;
    }
    append.push(r.values.slice());
  }
  return {
    sheet: kind.name, deleteBlocks: toBlocks(deleteRows), append, replaced: deleteRows.length, unchanged,
    written: append.length, edited, supersededByEdits,
  };
}

/**
 * What the sheet holds after the plan (pure; the shell does the same with sheet calls). `existing`
 * are data rows starting at sheet row `firstRow`.
 */
export function applySheetPlan(existing: readonly (readonly unknown[])[], plan: SheetPlan, firstRow = 2): unknown[][] {
  const out = existing.map((r) => r.slice());
  for (const b of plan.deleteBlocks) out.splice(b.start - firstRow, b.count);
  for (const r of plan.append) out.push(r.slice());
  return out;
}
