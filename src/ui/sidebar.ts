/**
 * The sidebar (spec §8). Loads the shared state once, offers Set up workbook when the sheets do
 * not exist yet, then shows four tabs; the first is `document.body.dataset.initialTab`, which the
 * server sets when a menu item opens the sidebar on a tab.
 */
import type { SidebarState } from '../shared/wire';
import { fill, h } from './dom';
import { errorText } from './format';
import { call } from './rpc';
import { TAB_IDS, type TabId, setIndicatorHandler, setNavigator, setState } from './state';
import { type TabView, tabStrip } from './tabs';
import { importTab } from './tabs/import';
import { inventoryTab } from './tabs/inventory';
import { reconcileTab } from './tabs/reconcile';
import { transferTab } from './tabs/transfer';
import { busy, button, notice, spinner, submitButton } from './ui';

function initialTab(): TabId {
  const wanted = (document.body.dataset.initialTab || '').trim().toLowerCase();
  return (TAB_IDS as readonly string[]).includes(wanted) ? (wanted as TabId) : 'inventory';
}

function loading(root: HTMLElement): void {
  root.setAttribute('aria-busy', 'true');
  fill(root, h('div', { class: 'loading', role: 'status' }, spinner(), 'Loading…'));
}

async function start(root: HTMLElement): Promise<void> {
  loading(root);
  let state: SidebarState;
  try {
    state = await call('getSidebarState');
  } catch (err) {
    root.removeAttribute('aria-busy');
    const retry = button('Try again', 'primary', { onclick: () => void start(root) });
    fill(root, h('div', { class: 'card' },
      h('h2', null, 'The sidebar could not load'),
      h('p', { role: 'alert', class: 'notice notice-error' }, errorText(err)),
      h('div', { class: 'actions' }, retry)));
    retry.focus();
    return;
  }
  root.removeAttribute('aria-busy');
  setState(state);
  if (state.setupDone) showApp(root);
  else showSetup(root);
}

function showSetup(root: HTMLElement): void {
  const go = submitButton('Set up workbook');
  const note = notice();
  const form = h('form', { class: 'card setup', 'aria-labelledby': 'setup-title' },
    h('h2', { id: 'setup-title' }, 'Set up this workbook'),
    h('p', null, 'FBA Lot Ledger keeps its data in sheets of this spreadsheet. Setting up creates the ones that are missing:'),
    h('ul', { class: 'bullets' },
      h('li', null, h('strong', null, 'FBA Ledger'), ': one row per movement at Amazon'),
      h('li', null, h('strong', null, 'Kits'), ' and ', h('strong', null, 'Locations'), ': packs and Amazon countries'),
      h('li', null, 'Amazon\'s imported data, ', h('strong', null, 'Reconciliation'), ' and the ', h('strong', null, 'Import Log')),
    ),
    h('p', { class: 'hint' }, 'Nothing you already have is erased or reordered; you can run it again at any time.'),
    h('div', { class: 'actions' }, go),
    note.el,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await busy({ button: go, region: form, notice: note, working: 'Creating the sheets…' }, () => call('setupWorkbook'));
    if (!r) return;
    note.show('ok', r.message);
    const state = await busy({ button: go, region: form, notice: note, working: 'Loading…' }, () => call('getSidebarState'));
    if (!state) return;
    setState(state);
    if (state.setupDone) showApp(root, r.message);
    else note.error('Set up finished but the workbook still looks incomplete. Reload the sidebar and try again.');
  });
  fill(root, form);
  go.focus();
}

function showApp(root: HTMLElement, welcome?: string): void {
  const views: TabView[] = [inventoryTab(), transferTab(), importTab(), reconcileTab()];
  const byId = (id: TabId) => views.find((v) => v.id === id)!;
  const strip = tabStrip(views.map((v) => ({ id: v.id, label: v.label, panel: v.panel })), (id) => byId(id).show());
  setNavigator((id, params) => {
    strip.select(id, true);
    byId(id).show(params);
  });
  setIndicatorHandler((id, label) => strip.setIndicator(id, label));
  fill(root,
    h('div', { class: 'tabbar' }, strip.el),
    welcome ? h('p', { class: 'notice notice-ok welcome', role: 'status' }, welcome) : null,
    views.map((v) => v.panel),
  );
  const first = initialTab();
  strip.select(first);
  byId(first).show();
}

function main(): void {
  const root = document.getElementById('app');
  if (root) void start(root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
