/**
 * What the tabs share: the SidebarState from getSidebarState (updated by the calls that return
 * parts of it), which data may have changed since a tab last loaded, and tab navigation.
 */
import type { SidebarState } from '../shared/wire';

let current: SidebarState | null = null;
const listeners: Array<(s: SidebarState) => void> = [];

export function getState(): SidebarState {
  if (!current) throw new Error('The sidebar has not loaded its state yet');
  return current;
}

export function setState(next: SidebarState): void {
  current = next;
  for (const fn of listeners) fn(next);
}

export function patchState(part: Partial<SidebarState>): void {
  setState({ ...getState(), ...part });
}

export function onState(fn: (s: SidebarState) => void): void {
  listeners.push(fn);
}

/** Tabs whose data changed since they last loaded reload when next shown. */
export const stale = { inventory: false, reconcile: false };

/** The ledger or Amazon's data changed: Inventory and Reconcile reload next time. */
export function dataChanged(): void {
  stale.inventory = true;
  stale.reconcile = true;
}

export type TabId = 'inventory' | 'transfer' | 'import' | 'reconcile';
export const TAB_IDS: readonly TabId[] = ['inventory', 'transfer', 'import', 'reconcile'];

/** What one tab may ask of another when switching to it. */
export interface NavParams {
  sku?: string;
  month?: string;
  location?: string | null;
}

let navigator: ((tab: TabId, params?: NavParams) => void) | null = null;

export function setNavigator(fn: (tab: TabId, params?: NavParams) => void): void {
  navigator = fn;
}

export function navigate(tab: TabId, params?: NavParams): void {
  if (navigator) navigator(tab, params);
}

/** A marker on a tab's label (e.g. while an Amazon fetch runs); remembered until the strip exists. */
let indicator: ((tab: TabId, label: string | null) => void) | null = null;
const indicators = new Map<TabId, string | null>();

export function setIndicatorHandler(fn: (tab: TabId, label: string | null) => void): void {
  indicator = fn;
  for (const [tab, label] of indicators) fn(tab, label);
}

export function setTabIndicator(tab: TabId, label: string | null): void {
  indicators.set(tab, label);
  if (indicator) indicator(tab, label);
}
