/** Option lists and pieces the tabs share. */
import { h } from './dom';
import type { Method } from '../shared/wire';

export const ALL = '';

export function locationOptions(locations: readonly string[], withAll: boolean): Array<{ value: string; label: string }> {
  const list = locations.map((l) => ({ value: l, label: l }));
  return withAll ? [{ value: ALL, label: 'All locations' }, ...list] : list;
}

export const METHODS: ReadonlyArray<{ value: Method; label: string }> = [
  { value: 'FIFO', label: 'FIFO' },
  { value: 'FEFO', label: 'FEFO' },
  { value: 'MIN', label: 'Min' },
  { value: 'MAX', label: 'Max' },
];

/** How each estimate charges Amazon's unspecified sales to lots (spec §4). */
export const METHOD_HELP: Record<Method, string> = {
  FIFO: 'FIFO: oldest lot first',
  FEFO: 'FEFO: earliest expiry first',
  MIN: 'Min: the least that may remain of each lot',
  MAX: 'Max: the most that may remain of each lot',
};

/** A <datalist> of SKUs, kept in step with the known SKUs. */
export function skuDatalist(id: string, skus: readonly string[]): HTMLDataListElement {
  const list = h('datalist', { id });
  setSkus(list, skus);
  return list;
}

export function setSkus(list: HTMLDataListElement, skus: readonly string[]): void {
  while (list.firstChild) list.removeChild(list.firstChild);
  for (const s of skus) list.appendChild(h('option', { value: s }));
}
