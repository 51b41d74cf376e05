/**
 * The `Kits` sheet (spec §3): an Amazon SKU sold as `units` of one tracked component. One row per
 * Amazon SKU; an Amazon SKU with no row is its own component, one unit per kit. Only one level: a
 * component that is also an Amazon SKU in column A, a duplicate Amazon SKU or a cycle is an error.
 * Matching is case-insensitive (other spellings of the same SKU give a warning).
 */
import { InputError } from '../errors';
import type { KitRow } from './types';
import { cellText, Spellings, textKey } from './text';
import { asMatrix, isBlankRow, readWholeNumber, showCell } from './cells';

/** Where an SKU's units go: its component and how many component units one unit of it holds. */
export interface KitTarget {
  /** The component SKU (display spelling). */
  component: string;
  /** Case-insensitive key of the component. */
  componentKey: string;
  unitsPerKit: number;
}

/** A validated kit map. */
export interface Kits {
  /** The kit rows, in sheet order. */
  readonly rows: readonly KitRow[];
  /** Spelling warnings. */
  readonly warnings: readonly string[];
  /** The component and units per kit of an SKU; an SKU with no kit row is its own component × 1. */
  resolve(sku: string): KitTarget;
  /** The kit row of an Amazon SKU (case-insensitive), if any. */
  rowOf(sku: string): KitRow | undefined;
  /** The kit rows whose component is `component` (case-insensitive). */
  kitsOf(component: string): readonly KitRow[];
}

class KitMap implements Kits {
  private readonly byAmazon = new Map<string, KitRow>();
  private readonly byComponent = new Map<string, KitRow[]>();
  private readonly componentKeys = new Map<KitRow, string>();

  constructor(
    readonly rows: readonly KitRow[],
    readonly warnings: readonly string[],
  ) {
    for (const r of rows) {
      this.byAmazon.set(textKey(r.amazonSku), r);
      const ck = textKey(r.component);
      this.componentKeys.set(r, ck);
      const list = this.byComponent.get(ck);
      if (list) list.push(r);
      else this.byComponent.set(ck, [r]);
    }
  }

  resolve(sku: string): KitTarget {
    const r = this.byAmazon.get(textKey(sku));
    if (r) return { component: r.component, componentKey: this.componentKeys.get(r)!, unitsPerKit: r.units };
    return { component: sku, componentKey: textKey(sku), unitsPerKit: 1 };
  }

  rowOf(sku: string): KitRow | undefined {
    return this.byAmazon.get(textKey(sku));
  }

  kitsOf(component: string): readonly KitRow[] {
    return this.byComponent.get(textKey(component)) ?? [];
  }
}

/** No kits: every SKU is its own component, one unit per kit. */
export const NO_KITS: Kits = new KitMap([], []);

/**
 * Reads and validates a Kits range (columns A:C: Amazon SKU, Component SKU, Units per kit). A row
 * whose first cell reads `Amazon SKU` is a header; blank rows are skipped. Throws
 * `InputError(reason, row)` (row = 1-based index in `values`) for a blank SKU, units per kit that
 * is not a whole number ≥ 1, a duplicate Amazon SKU, a cycle, or a component that is itself an
 * Amazon SKU in column A. An omitted range (undefined, null, '') means no kits.
 */
export function readKits(values: unknown): Kits {
  if (values === undefined || values === null || values === '') return NO_KITS;
  const matrix = asMatrix(values);
  const rows: KitRow[] = [];
  const skus = new Spellings('SKU');
  const firstRow = new Map<string, KitRow>();
  for (let i = 0; i < matrix.length; i++) {
    const cells = matrix[i];
    if (isBlankRow(cells)) continue;
    const rowNo = i + 1;
    if (typeof cells[0] === 'string' && cells[0].trim().toLowerCase() === 'amazon sku') continue;
    const amazonSku = cellText(cells[0]);
    if (amazonSku === '') throw new InputError('Amazon SKU is blank', rowNo);
    const component = cellText(cells[1]);
    if (component === '') throw new InputError(`Component SKU of ${amazonSku} is blank`, rowNo);
    const units = readWholeNumber(cells[2]);
    if (units === undefined || units < 1 || !Number.isSafeInteger(units)) {
      const raw = cells[2];
      const shown = raw === '' || raw === null || raw === undefined ? 'blank' : showCell(raw);
      throw new InputError(`Units per kit of ${amazonSku} must be a whole number ≥ 1 (is ${shown})`, rowNo);
    }
    const key = skus.note(amazonSku);
    const earlier = firstRow.get(key);
    if (earlier) {
      throw new InputError(`duplicate Amazon SKU ${amazonSku} (also on row ${earlier.row})`, rowNo);
    }
    skus.note(component);
    const row: KitRow = { row: rowNo, amazonSku, component, units };
    firstRow.set(key, row);
    rows.push(row);
  }
  for (const r of rows) {
    const ck = textKey(r.component);
    const target = firstRow.get(ck);
    if (!target) continue;
    // Follow the chain to tell a cycle from a second level.
    let cycle = false;
    const seen = new Set<string>([textKey(r.amazonSku)]);
    let at: KitRow | undefined = target;
    while (at) {
      const k = textKey(at.amazonSku);
      if (seen.has(k)) {
        cycle = true;
        break;
      }
      seen.add(k);
      at = firstRow.get(textKey(at.component));
    }
    if (cycle) {
      throw new InputError(
        target === r ? `kit ${r.amazonSku} lists itself as its component (a cycle)` : `kits form a cycle: ${r.amazonSku} → ${r.component} → …`,
        r.row,
      );
    }
    throw new InputError(
      `component ${r.component} of ${r.amazonSku} is itself an Amazon SKU in Kits (row ${target.row}); kits have one level only`,
      r.row,
    );
  }
  return new KitMap(rows, skus.warnings);
}
