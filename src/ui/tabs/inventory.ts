/**
 * Inventory tab (spec §4, §8): per location × component SKU, on hand, each lot's recorded
 * balance, estimate and possible range, the UNSPECIFIED figure, problems to fix, expiry
 * warnings, kits and Amazon's own figure; "Write lots table" for very large ledgers.
 */
import type { InventoryLot, InventoryQuery, InventoryResult, InventorySku, Method } from '../../shared/wire';
import { ALL, METHODS, METHOD_HELP, locationOptions, setSkus, skuDatalist } from '../common';
import { type Child, fill, h, options, setOptions } from '../dom';
import { num, plural, sentence } from '../format';
import { call } from '../rpc';
import { getState, navigate, onState, stale } from '../state';
import type { TabView } from '../tabs';
import { badge, busy, button, callout, field, input, notice, select, submitButton } from '../ui';

const COLORS = ['#1a73e8', '#12b5cb', '#1e8e3e', '#9334e6', '#e8710a', '#e52592', '#f9ab00', '#4e5fd4'];
/** Cards start open up to this many; beyond it they start closed (summaries stay readable). */
const OPEN_UP_TO = 6;

export function inventoryTab(): TabView {
  const st = getState();
  const loc = select({ name: 'invLocation' });
  setOptions(loc, locationOptions(st.locations, true), ALL);
  const method = select({ name: 'invMethod' }, options(METHODS, 'FIFO'));
  const skuList = skuDatalist('inv-skus', st.skus);
  const sku = input({ type: 'search', name: 'invSku', list: 'inv-skus', autocomplete: 'off', spellcheck: 'false', placeholder: 'All SKUs' });
  const asOf = input({ type: 'date', name: 'invAsOf', value: st.today });
  const showBtn = submitButton('Show stock');
  const writeBtn = button('Write lots table', 'secondary');
  const note = notice();
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': 'Inventory filters' },
    h('div', { class: 'grid2' },
      field('Location', loc).wrap,
      field('Estimate', method).wrap,
      field('SKU', sku).wrap,
      field('As of', asOf).wrap,
    ),
    skuList,
    h('div', { class: 'actions' }, showBtn, writeBtn),
    note.el,
  );
  const results = h('div', { class: 'results', id: 'inventory-results' });
  const panel = h('div', { class: 'panel' }, form, results);
  let loaded = false;

  onState((s) => {
    setOptions(loc, locationOptions(s.locations, true));
    setSkus(skuList, s.skus);
  });

  function query(): InventoryQuery {
    return {
      location: loc.value || null,
      sku: sku.value.trim() || null,
      // Today is "now": the server then adds Amazon's current figure (it has none for other days).
      asOf: asOf.value && asOf.value !== getState().today ? asOf.value : null,
      method: method.value as Method,
    };
  }

  async function load(): Promise<void> {
    const q = query();
    const r = await busy({ button: showBtn, region: results, notice: note, working: 'Computing stock…' }, () => call('getInventory', q));
    if (!r) return;
    loaded = true;
    stale.inventory = false;
    fill(results, render(r, q));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  writeBtn.addEventListener('click', async () => {
    const r = await busy({ button: writeBtn, notice: note, working: 'Writing the Lots sheet…' }, () => call('writeLotsTable', query()));
    if (r) note.show('ok', r.message || `Wrote ${plural(r.rows, 'row')} to the Lots sheet.`);
  });

  return {
    id: 'inventory',
    label: 'Inventory',
    panel,
    show() {
      if (!loaded || stale.inventory) void load();
    },
  };
}

function methodName(m: Method): string {
  return m === 'MIN' ? 'Min' : m === 'MAX' ? 'Max' : m;
}

function render(r: InventoryResult, q: InventoryQuery): Child[] {
  const out: Child[] = [];
  const filtered = Boolean(q.location || q.sku);
  out.push(h('p', { class: 'meta' },
    `As of ${r.asOf} · ${METHOD_HELP[r.method] || r.method} · ${plural(r.skus.length, 'SKU')}`,
    q.location ? ` at ${q.location}` : r.locations.length > 1 ? ` in ${plural(r.locations.length, 'location')}` : '',
  ));
  if (r.warnings.length) out.push(callout('warn', h('ul', { class: 'plain' }, r.warnings.map((w) => h('li', null, sentence(w))))));
  if (!r.skus.length) {
    out.push(filtered
      ? h('div', { class: 'empty' }, h('p', null, 'Nothing matches these filters.'), h('p', { class: 'hint' }, 'Choose "All locations" or clear the SKU box to see everything.'))
      : emptyLedger());
    return out;
  }
  const byLocation = new Map<string, InventorySku[]>();
  for (const s of r.skus) {
    const list = byLocation.get(s.location) || [];
    list.push(s);
    byLocation.set(s.location, list);
  }
  const grouped = byLocation.size > 1;
  const open = r.skus.length <= OPEN_UP_TO;
  for (const [location, skus] of byLocation) {
    if (grouped) out.push(h('h3', { class: 'group' }, location, h('span', { class: 'muted' }, ` · ${plural(skus.length, 'SKU')}`)));
    for (const s of skus) out.push(skuCard(s, r, open, !grouped));
  }
  return out;
}

function emptyLedger(): HTMLElement {
  return h('div', { class: 'empty' },
    h('p', null, h('strong', null, 'No stock recorded yet.')),
    h('p', null, 'Stock appears here once the FBA Ledger has rows: record what you send to Amazon as a transfer, and import Amazon\'s reports for what it sold, returned and adjusted.'),
    h('div', { class: 'actions' },
      button('Record a transfer', 'primary', { onclick: () => navigate('transfer') }),
      button('Import reports', 'secondary', { onclick: () => navigate('import') }),
    ),
  );
}

function skuCard(s: InventorySku, r: InventoryResult, open: boolean, showLocation: boolean): HTMLElement {
  const depletion = s.unspecified.unallocatedDepletion;
  const expiring = s.lots.filter((l) => l.expiringSoon);
  const flags: Child[] = [];
  if (depletion > 0) flags.push(badge('Fix needed', 'error'));
  if (expiring.length) flags.push(badge('Expiring', 'warn'));
  if (s.lots.some((l) => l.estimate < 0)) flags.push(badge('Over-drawn', 'error'));

  const summary = h('summary', { class: 'sku-head' },
    h('span', { class: 'sku-title' },
      h('span', { class: 'sku-name' }, s.sku),
      showLocation ? h('span', { class: 'chip' }, s.location) : null,
    ),
    h('span', { class: 'sku-onhand' }, h('strong', null, num(s.onHand)), ' on hand'),
    flags.length ? h('span', { class: 'flags' }, flags) : null,
  );

  const body: Child[] = [
    h('p', { class: 'sub' }, `Sellable ${num(s.sellable)} · unsellable ${num(s.unsellable)}`),
    stockBar(s),
    lotTable(s, r.method),
  ];
  if (s.unspecified.unknownLotStock > 0) {
    body.push(h('p', { class: 'unknown-lot' },
      h('span', { class: 'swatch swatch-unknown', 'aria-hidden': 'true' }),
      `+ up to ${num(s.unspecified.unknownLotStock)} of unknown lot`,
      h('span', { class: 'muted' }, ' (stock no recorded lot explains; not in any lot\'s Max)'),
    ));
  }
  if (depletion > 0) {
    body.push(callout('error',
      h('p', null, h('strong', null, `${num(depletion)} units left FBA that no recorded lot could supply.`),
        ' Estimates for this SKU are unreliable: record the missing TRANSFER or OPENING.'),
      h('div', { class: 'actions' },
        button('Record the transfer', 'secondary', { onclick: () => navigate('transfer', { sku: s.sku, location: s.location }) }),
      ),
    ));
  }
  if (expiring.length) {
    body.push(callout('warn',
      h('p', null, h('strong', null, `Expiring within ${r.expiryHorizonDays} days`)),
      h('ul', { class: 'plain' }, expiring.map((l) => h('li', null,
        `Lot ${l.lot} ${l.expiry && l.expiry < r.asOf ? 'expired' : 'expires'} ${l.expiry || ''}: up to ${num(l.max)} may still be at Amazon`,
        l.estimate > 0 ? ` (estimate ${num(l.estimate)})` : '',
      ))),
    ));
  }
  if (s.kits.length) {
    body.push(h('div', { class: 'kv' },
      h('h4', null, 'Kits available'),
      h('ul', { class: 'plain' }, s.kits.map((k) => h('li', { class: 'kv-row' },
        h('span', null, k.amazonSku, k.unitsPerKit !== 1 ? h('span', { class: 'muted' }, ` (${k.unitsPerKit} per kit)`) : null),
        h('strong', null, num(k.available)),
      ))),
    ));
  }
  if (s.amazon) body.push(amazonFigure(s, r.asOf));
  if (s.warnings.length) {
    body.push(h('ul', { class: 'warnings' }, s.warnings.map((w) => h('li', null, sentence(w)))));
  }
  return h('details', { class: 'sku-card', open, 'data-sku': s.sku, 'data-location': s.location }, summary, h('div', { class: 'sku-body' }, body));
}

/** The on-hand picture: one segment per lot's estimate, unknown-lot stock hatched, missing units red. */
function stockBar(s: InventorySku): HTMLElement {
  const parts: Array<{ size: number; cls: string; color?: string; label: string }> = [];
  s.lots.forEach((l, i) => {
    if (l.estimate > 0) parts.push({ size: l.estimate, cls: 'seg', color: COLORS[i % COLORS.length], label: `lot ${l.lot} ${num(l.estimate)}` });
  });
  if (s.unspecified.unknownLotStock > 0) parts.push({ size: s.unspecified.unknownLotStock, cls: 'seg seg-unknown', label: `unknown lot ${num(s.unspecified.unknownLotStock)}` });
  if (s.unspecified.unallocatedDepletion > 0) parts.push({ size: s.unspecified.unallocatedDepletion, cls: 'seg seg-missing', label: `missing ${num(s.unspecified.unallocatedDepletion)}` });
  const total = parts.reduce((a, p) => a + p.size, 0);
  if (total <= 0) return h('div', { class: 'bar bar-empty', role: 'img', 'aria-label': 'No estimated stock' });
  return h('div', { class: 'bar', role: 'img', 'aria-label': `Estimated stock: ${parts.map((p) => p.label).join(', ')}` },
    parts.map((p) => h('span', {
      class: p.cls,
      style: `width:${((p.size / total) * 100).toFixed(2)}%${p.color ? `;background:${p.color}` : ''}`,
      title: p.label,
    })),
  );
}

function lotTable(s: InventorySku, method: Method): HTMLElement {
  const scale = Math.max(1, ...s.lots.map((l) => Math.max(l.max, l.estimate, 0)));
  const gone = s.lots.filter(isGone);
  const rows: Child[] = s.lots.map((l, i) => lotRow(l, COLORS[i % COLORS.length], scale, gone.length > 0 && gone.length < s.lots.length && isGone(l)));
  rows.push(h('tr', { class: 'unspecified' },
    h('th', { scope: 'row' }, h('span', { class: 'swatch swatch-unknown', 'aria-hidden': 'true' }), 'UNSPECIFIED'),
    h('td', { class: 'n' }, num(s.unspecified.recorded)),
    h('td', { class: `n${s.unspecified.figure < 0 ? ' neg' : ''}` }, num(s.unspecified.figure)),
    h('td', { class: 'n muted' }, '—'),
  ));
  const table = h('table', { class: 'lots' },
    h('caption', { class: 'sr-only' }, `Lots of ${s.sku} at ${s.location}`),
    h('colgroup', null, h('col', { class: 'c-lot' }), h('col', { class: 'c-rec' }), h('col', { class: 'c-est' }), h('col', { class: 'c-range' })),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Lot'),
      h('th', { scope: 'col', class: 'n', title: 'Recorded balance (sum of the lot\'s rows)' }, 'Recorded'),
      h('th', { scope: 'col', class: 'n', title: `Estimated remaining (${methodName(method)})` }, 'Est.'),
      h('th', { scope: 'col', class: 'n', title: 'Possible range: least and most that may remain' }, 'Min–Max'),
    )),
    h('tbody', null, rows),
  );
  const wrap = h('div', { class: 'lots-wrap' }, table);
  if (gone.length > 0 && gone.length < s.lots.length) {
    const toggle = button(`Show ${plural(gone.length, 'lot')} certainly gone (Max 0)`, 'link', { 'aria-expanded': 'false' });
    toggle.addEventListener('click', () => {
      const expand = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(expand));
      fill(toggle, expand ? 'Hide lots certainly gone' : `Show ${plural(gone.length, 'lot')} certainly gone (Max 0)`);
      table.querySelectorAll<HTMLElement>('tr.gone').forEach((tr) => { tr.hidden = !expand; });
    });
    wrap.appendChild(toggle);
  }
  return wrap;
}

function isGone(l: InventoryLot): boolean {
  return l.max === 0 && l.min === 0 && l.estimate === 0 && l.recorded >= 0 && !l.expiringSoon;
}

function lotRow(l: InventoryLot, color: string, scale: number, hideAsGone: boolean): HTMLElement {
  const pct = (v: number) => `${((Math.max(0, Math.min(v, scale)) / scale) * 100).toFixed(1)}%`;
  const lo = Math.max(0, l.min);
  const hi = Math.max(lo, l.max);
  return h('tr', { class: `${isGone(l) ? 'gone' : ''}${l.expiringSoon ? ' expiring' : ''}`.trim() || null, hidden: hideAsGone },
    h('th', { scope: 'row' },
      h('span', { class: 'swatch', style: `background:${color}`, 'aria-hidden': 'true' }),
      h('span', { class: 'lot-name' }, l.lot),
      l.expiry ? h('span', { class: `lot-exp${l.expiringSoon ? ' warn' : ''}` }, `exp ${l.expiry}`) : null,
    ),
    h('td', { class: 'n' }, num(l.recorded)),
    h('td', { class: `n${l.estimate < 0 ? ' neg' : ''}` }, h('strong', null, num(l.estimate))),
    h('td', { class: 'n range' },
      l.min === l.max ? num(l.min) : `${num(l.min)}–${num(l.max)}`,
      h('span', { class: 'range-track', 'aria-hidden': 'true' },
        h('span', { class: 'range-band', style: `left:${pct(lo)};width:calc(${pct(hi)} - ${pct(lo)});background:${color}` }),
        l.estimate >= 0 ? h('span', { class: 'range-tick', style: `left:${pct(l.estimate)}` }) : null,
      ),
    ),
  );
}

function amazonFigure(s: InventorySku, asOf: string): HTMLElement {
  const a = s.amazon!;
  const inbound = a.inboundShipped + a.inboundReceiving;
  const total = a.warehouse + inbound;
  let check: Child = null;
  if (a.snapshot === asOf) {
    const diff = s.onHand - total;
    check = diff === 0
      ? h('p', { class: 'ok-text' }, 'Matches our on hand (warehouse + inbound).')
      : h('p', { class: 'warn-text' }, `Our on hand is ${num(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} than Amazon's warehouse + inbound (${num(total)}).`);
  }
  return h('div', { class: 'kv amazon' },
    h('h4', null, `Amazon's figure (${a.snapshot})`),
    h('ul', { class: 'plain' },
      kv('In warehouse', a.warehouse),
      h('li', { class: 'muted' }, `fulfillable ${num(a.fulfillable)} · unsellable ${num(a.unsellable)} · reserved ${num(a.reserved)}`),
      kv('Inbound (shipped + receiving)', inbound),
    ),
    check,
  );
}

function kv(label: string, value: number): HTMLElement {
  return h('li', { class: 'kv-row' }, h('span', null, label), h('span', null, num(value)));
}
