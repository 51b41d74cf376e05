/** Sheet rows an import writes: content, then Source and Key. */
import { guardCell } from './guard';
import { computeRowKey, type SheetKind } from './keys';

/** A row ready to append: `values` are the sheet cells (dates as Day numbers; the shell converts). */
export interface SheetRow {
  values: unknown[];
  key: string;
  /** The first file line the row comes from (for messages). */
  line: number;
}

/**
 * Builds a row from its content cells (unguarded): the key is computed from them, then text from
 * Amazon gets the formula guard, then Source and Key are added.
 */
export function makeSheetRow(kind: SheetKind, content: readonly unknown[], source: string, line: number): SheetRow {
  if (content.length !== kind.columns.length) throw new Error(`${kind.name}: ${content.length} cells for ${kind.columns.length} columns`);
  const key = computeRowKey(kind, content);
  if (key === null) throw new Error(`${kind.name}: row from line ${line} has an unreadable cell`);
  const values = content.map(guardCell);
  values.push(source, key);
  return { values, key, line };
}

/** Multiset union of several downloads: per identity, the most occurrences any one download has. */
export function mergeDownloads<T>(downloads: readonly (readonly T[])[], identity: (r: T) => string): { records: T[]; duplicates: number } {
  if (downloads.length === 0) return { records: [], duplicates: 0 };
  if (downloads.length === 1) return { records: downloads[0].slice(), duplicates: 0 };
  const records: T[] = [];
  const kept = new Map<string, number>();
  let duplicates = 0;
  for (const download of downloads) {
    const local = new Map<string, number>();
    for (const r of download) {
      const id = identity(r);
      const k = (local.get(id) ?? 0) + 1;
      local.set(id, k);
      if (k > (kept.get(id) ?? 0)) {
        kept.set(id, k);
        records.push(r);
      } else duplicates++;
    }
  }
  return { records, duplicates };
}
