/**
 * Reconcile tab (spec §7): the month's roll-forward per location × SKU against Amazon's summary,
 * disagreeing lines with their cause, inbound shortfalls, close / reopen with reconciliation rows
 * for unexplained lines, and starting mid-stream.
 */
import type { CauseCode, InboundShortfall, ReconciliationLine, ReconciliationQuery, ReconciliationResult } from '../../shared/wire';
import { ALL, locationOptions } from '../common';
import { type Child, fill, h, setOptions } from '../dom';
import { defaultMonth, maybe, monthName, num, plural, sentence, signed } from '../format';
import { call } from '../rpc';
import { dataChanged, getState, navigate, onState, stale, type NavParams } from '../state';
import type { TabView } from '../tabs';
import { badge, busy, button, callout, field, input, notice, select, submitButton } from '../ui';
import { midStreamSection } from './midstream';
import { isPostable, isUnexplained } from '../reconcileRules';

/** A cause in words, for a line the server gave a code but no text. */
const CAUSE_LABELS: Record<CauseCode, string> = {
  DAYS_NOT_IMPORTED: 'Days not imported',
  UNKNOWN_AMAZON_SKU: 'Unknown Amazon SKU',
  INBOUND_SHORTFALL: 'Inbound shortfall',
  FLOW_MISMATCH: 'Flow mismatch',
  NO_SUMMARY: 'No Amazon summary',
  UNEXPLAINED: 'Unexplained',
};

/** What the seller can do about each kind of cause. */
const CAUSE_HELP: Record<CauseCode, string> = {
  DAYS_NOT_IMPORTED: 'Fetch or upload Amazon\'s detailed ledger for the missing days, then show the month again.',
  UNKNOWN_AMAZON_SKU: 'Add a Kits row mapping that Amazon SKU to the product it contains.',
  INBOUND_SHORTFALL: 'Amazon received fewer units than were sent: see Inbound shortfalls below.',
  FLOW_MISMATCH: 'Open the line: the flow marked ≠ differs between the ledger and Amazon\'s summary.',
  NO_SUMMARY: 'Import Amazon\'s summary report for this month.',
  UNEXPLAINED: 'Unexplained: you can post a RECONCILIATION row for it when closing the month (below).',
};

function monthOptions(months: readonly string[]): Array<{ value: string; label: string }> {
  return [...months].sort().reverse().map((m) => ({ value: m, label: monthName(m) }));
}

export function reconcileTab(): TabView {
  const st = getState();
  const month = field('Month', select({ name: 'rcMonth' }));
  const loc = field('Location', select({ name: 'rcLocation' }));
  setOptions(month.control, monthOptions(st.months), defaultMonth(st.months, st.today));
  setOptions(loc.control, locationOptions(st.locations, true), ALL);
  const showBtn = submitButton('Show month');
  const note = notice();
  const form = h('form', { class: 'filters', novalidate: true, 'aria-label': 'Month to reconcile' },
    h('div', { class: 'grid2' }, month.wrap, loc.wrap), h('div', { class: 'actions' }, showBtn), note.el);
  const results = h('div', { class: 'results', id: 'reconcile-results' });
  const panel = h('div', { class: 'panel' }, form, results, midStreamSection());
  let loaded = false;
  let last: ReconciliationQuery | null = null;

  onState((s) => {
    setOptions(month.control, monthOptions(s.months), month.control.value || defaultMonth(s.months, s.today));
    setOptions(loc.control, locationOptions(s.locations, true));
  });

  /** Loads the chosen month; `flash` is the outcome of an action, shown by the actions again. */
  async function load(flash?: string): Promise<void> {
    if (!month.control.value) {
      loaded = true;
      fill(results, h('div', { class: 'empty' },
        h('p', null, h('strong', null, 'No months to reconcile yet.')),
        h('p', null, 'A month appears here once the ledger or Amazon\'s reports have rows in it. Import Amazon\'s summary and detailed ledger reports first.'),
        h('div', { class: 'actions' }, button('Go to Import', 'secondary', { onclick: () => navigate('import') }))));
      return;
    }
    const q: ReconciliationQuery = { month: month.control.value, location: loc.control.value || null };
    const r = await busy({ button: showBtn, region: results, notice: note, working: `Reconciling ${q.month}…` }, () => call('getReconciliation', q));
    if (!r) return;
    loaded = true;
    stale.reconcile = false;
    last = q;
    fill(results, render(r, q, load, flash));
    if (flash) {
      // The action's card was rebuilt: keep keyboard focus on it, where its outcome is shown.
      const head = results.querySelector<HTMLElement>('#rc-actions');
      if (head) head.focus();
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });

  return {
    id: 'reconcile',
    label: 'Reconcile',
    panel,
    show(params?: NavParams) {
      if (params && params.month) {
        if (![...month.control.options].some((o) => o.value === params.month)) {
          month.control.appendChild(h('option', { value: params.month }, monthName(params.month)));
        }
        month.control.value = params.month;
        loc.control.value = params.location || ALL;
        void load();
        return;
      }
      if (!loaded || stale.reconcile || !last) void load();
    },
  };
}

function render(r: ReconciliationResult, q: ReconciliationQuery, reload: (flash?: string) => Promise<void>, flash?: string): Child[] {
  const where = q.location || 'all locations';
  const disagree = r.lines.filter((l) => l.variance !== 0);
  const out: Child[] = [
    h('div', { class: 'rc-head' },
      h('h3', null, `${monthName(r.month)} · ${where}`),
      r.closed ? badge('Closed', 'ok') : badge('Open', 'muted'),
    ),
    h('p', { class: 'meta' }, `${plural(r.lines.length, 'SKU line')}${r.lines.length ? ` · ${disagree.length ? `${num(disagree.length)} disagree` : 'all agree'}` : ''}`),
  ];
  if (r.warnings.length) out.push(callout('warn', h('ul', { class: 'plain' }, r.warnings.map((w) => h('li', null, sentence(w))))));
  if (!r.lines.length) {
    out.push(h('div', { class: 'empty' }, h('p', null, `Nothing to reconcile for ${r.month}${q.location ? ` at ${q.location}` : ''}: no ledger rows and no Amazon summary rows.`)));
  } else {
    out.push(h('p', { class: 'hint' }, 'Variance = our closing − (Amazon\'s ending + in transit between warehouses + inbound in transit). Open a line for its flows.'));
    out.push(h('div', { class: 'rf-list' }, r.lines.map((l) => lineRow(l, !q.location, !r.closed))));
  }
  if (r.shortfalls.length) out.push(shortfalls(r, q, reload));
  out.push(actions(r, q, reload, flash));
  return out;
}

function varianceBadge(l: ReconciliationLine): HTMLElement {
  if (l.variance === null) return badge('No Amazon data', 'muted');
  if (l.variance === 0) return badge('Agrees', 'ok');
  return badge(`Variance ${signed(l.variance)}`, isUnexplained(l) ? 'error' : 'warn');
}

/** `markClosed`: some locations of the month are closed and others not, so say which lines are. */
function lineRow(l: ReconciliationLine, showLocation: boolean, markClosed: boolean): HTMLElement {
  const amazonTotal = l.amazonEnding === null ? null : l.amazonEnding + (l.amazonInTransitBetweenWarehouses || 0) + l.inboundInTransit;
  const off = l.variance !== 0;
  const pair = (label: string, ours: number | null, theirs: number | null, compare = true, fmt: (n: number) => string = signed) => {
    const differs = compare && ours !== null && theirs !== null && ours !== theirs;
    return h('tr', { class: differs ? 'diff' : null },
      h('th', { scope: 'row' }, label, differs ? h('span', { class: 'diff-mark', title: 'Ours and Amazon\'s differ' }, ' ≠') : null),
      h('td', { class: 'n' }, maybe(ours, fmt)),
      h('td', { class: 'n' }, maybe(theirs, fmt)),
    );
  };
  const table = h('table', { class: 'flows' },
    h('caption', { class: 'sr-only' }, `Roll-forward of ${l.sku} at ${l.location}`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Flow'), h('th', { scope: 'col', class: 'n' }, 'Ours'), h('th', { scope: 'col', class: 'n' }, 'Amazon'))),
    h('tbody', null,
      pair('Opening / starting', l.opening, l.amazonStarting, true, num),
      pair('Transfers / receipts', l.transfers, l.amazonReceipts, false),
      pair('Shipments', l.shipments, l.amazonShipments),
      pair('Returns', l.returns, l.amazonReturns),
      pair('Removals', l.removals, l.amazonRemovals),
      pair('Adjustments', l.adjustments, l.amazonAdjustments),
      pair('Reconciliation', l.reconciliation, null, false),
      pair('Closing / ending', l.closing, l.amazonEnding, false, num),
      pair('Between warehouses', null, l.amazonInTransitBetweenWarehouses, false, num),
      pair('Inbound in transit', null, l.inboundInTransit, false, num),
      h('tr', { class: `total${off ? ' diff' : ''}` },
        h('th', { scope: 'row' }, 'Variance'),
        h('td', { class: 'n', colspan: '2' }, l.variance === null ? 'no Amazon summary' : signed(l.variance))),
    ),
  );
  return h('details', { class: `rf${off ? ' rf-off' : ''}`, 'data-sku': l.sku, 'data-location': l.location },
    h('summary', null,
      h('span', { class: 'rf-top' },
        h('span', { class: 'rf-sku' }, l.sku, showLocation ? h('span', { class: 'chip' }, l.location) : null),
        varianceBadge(l),
      ),
      h('span', { class: 'rf-sub' }, `Closing ${num(l.closing)} · Amazon ${maybe(amazonTotal)}${markClosed && l.status === 'CLOSED' ? ' · closed' : ''}`),
      off && (l.cause || l.causeCode) ? h('span', { class: 'rf-cause', 'data-cause': l.causeCode || null }, l.cause ? sentence(l.cause) : CAUSE_LABELS[l.causeCode!]) : null,
    ),
    h('div', { class: 'rf-body' },
      table,
      off && l.causeCode ? h('p', { class: 'hint' }, CAUSE_HELP[l.causeCode]) : null,
    ),
  );
}

/** What the shipment still lacks (sent − received + adjustments already posted), or has in excess. */
function shortText(s: InboundShortfall): string {
  if (s.difference < 0) return `${num(-s.difference)} extra`;
  return s.overdue ? `${num(s.difference)} missing` : `${num(s.difference)} not received yet`;
}

function shortfalls(r: ReconciliationResult, q: ReconciliationQuery, reload: (flash?: string) => Promise<void>): HTMLElement {
  const showLocation = !q.location;
  return h('section', { class: 'card', 'aria-labelledby': 'rc-short' },
    h('h2', { id: 'rc-short' }, `Inbound shortfalls (${num(r.shortfalls.length)})`),
    h('p', { class: 'hint' }, 'Shipments Amazon received fewer (or more) units of than were sent. Wait while Amazon is still receiving; after 30 days, open a case with Amazon. ' +
      'When a shipment carried a single lot and the units will not be found, post an ADJUSTMENT on that lot.'),
    h('ul', { class: 'plain shortfalls' }, r.shortfalls.map((s) => shortfallItem(s, r, q, reload, showLocation))),
  );
}

function shortfallItem(s: InboundShortfall, r: ReconciliationResult, q: ReconciliationQuery, reload: (flash?: string) => Promise<void>, showLocation: boolean): HTMLElement {
  const li = h('li', { class: 'shortfall', 'data-shipment': s.shipmentId, 'data-sku': s.sku },
    h('div', { class: 'rf-top' },
      h('span', null, h('strong', null, s.shipmentId), ' · ', s.sku, showLocation ? h('span', { class: 'chip' }, s.location) : null),
      s.overdue ? badge('Overdue', 'error') : s.firstReceipt ? badge('Receiving', 'muted') : badge('In transit', 'muted'),
    ),
    h('p', { class: 'small' }, `Sent ${num(s.sent)} · received ${num(s.received)} · ${shortText(s)}`),
    h('p', { class: 'muted small' }, `Lots: ${s.lots.length ? s.lots.join(', ') : 'unknown'}${s.firstReceipt ? ` · first receipt ${s.firstReceipt}` : ''}`),
  );
  // Offered once Amazon has started receiving the shipment: before that, the units are simply in transit.
  if (r.closed || !s.singleLot || s.difference === 0 || !s.firstReceipt) return li;
  const lot = s.singleLot;
  const units = -s.difference;
  const note = notice();
  const post = button(`Post adjustment on lot ${lot}`, 'secondary', { 'aria-label': `Post adjustment on lot ${lot} for ${s.shipmentId} ${s.sku}` });
  const holder = h('div', { class: 'actions' }, post);
  if (!s.overdue) li.append(h('p', { class: 'hint' }, 'Amazon may still be receiving this shipment: post only once you know the units will not be found.'));
  li.append(holder, note.el);
  post.addEventListener('click', () => {
    post.hidden = true;
    const noteInput = input({ name: `sf-note-${s.shipmentId}-${s.sku}`, autocomplete: 'off', placeholder: 'e.g. case 12345, not found' });
    const nf = field('Note', noteInput, undefined, { optional: true });
    const yes = button('Post adjustment', 'primary');
    const no = button('Cancel', 'secondary');
    const box = h('div', { class: 'confirm', role: 'group', 'aria-label': `Post adjustment for ${s.shipmentId}` },
      h('p', null, `Add an ADJUSTMENT row of ${signed(units)} ${s.sku} on lot ${lot} (Reference ${s.shipmentId}) in ${monthName(q.month)}?`),
      nf.wrap,
      h('div', { class: 'actions' }, yes, no));
    holder.appendChild(box);
    const cancel = () => {
      box.remove();
      post.hidden = false;
      post.focus();
    };
    no.addEventListener('click', cancel);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    });
    yes.addEventListener('click', async () => {
      const text = noteInput.value.trim();
      const res = await busy({ button: yes, controls: [no, noteInput], region: li, notice: note, working: 'Posting the adjustment…' }, () =>
        call('postShortfallAdjustment', { month: q.month, location: s.location, shipmentId: s.shipmentId, sku: s.sku, note: text || null }));
      if (!res) return;
      dataChanged();
      await reload(res.message);
    });
    noteInput.focus();
  });
  return li;
}

function actions(r: ReconciliationResult, q: ReconciliationQuery, reload: (flash?: string) => Promise<void>, flash?: string): HTMLElement {
  const note = notice();
  if (flash) note.show('ok', flash);
  const card = h('section', { class: 'card', 'aria-labelledby': 'rc-actions' }, h('h2', { id: 'rc-actions', tabindex: '-1' }, r.closed ? 'Month closed' : 'Close the month'));
  if (r.closed) {
    const closedAt = r.lines.map((l) => l.closedAt).find(Boolean);
    const reopen = button(`Reopen ${r.month}`, 'secondary');
    reopen.addEventListener('click', async () => {
      const res = await busy({ button: reopen, region: card, notice: note, working: 'Reopening…' }, () => call('reopenMonth', { month: q.month, location: q.location }));
      if (!res) return;
      dataChanged();
      await reload(res.message);
    });
    card.append(
      h('p', null, `${monthName(r.month)} is closed${closedAt ? ` (${closedAt.slice(0, 10)})` : ''}. Its review is in the Reconciliation sheet. Reopen it to change or re-close it; imports into a closed month are flagged.`),
      h('div', { class: 'actions' }, reopen), note.el);
    return card;
  }

  // One checkbox per SKU with unexplained lines (postAdjustments names SKUs).
  const bySku = new Map<string, ReconciliationLine[]>();
  for (const l of r.lines.filter(isPostable)) bySku.set(l.sku, [...(bySku.get(l.sku) || []), l]);
  const picks: Array<{ sku: string; box: HTMLInputElement; noteInput: HTMLInputElement }> = [];
  const close = button(`Close ${r.month}`, 'primary');
  const label = () => {
    const n = picks.filter((p) => p.box.checked).length;
    fill(close, n ? `Close ${r.month} and post ${plural(n, 'row')}` : `Close ${r.month}`);
  };
  if (bySku.size) {
    const rows = [...bySku].map(([sku, lines]) => {
      const box = h('input', { type: 'checkbox', name: 'post', value: sku, onchange: label });
      const noteInput = h('input', { type: 'text', name: `note-${sku}`, autocomplete: 'off', placeholder: 'e.g. case 12345, lost in warehouse' });
      picks.push({ sku, box, noteInput });
      const units = lines.map((l) => `${signed(-(l.variance || 0))}${lines.length > 1 || !q.location ? ` at ${l.location}` : ''}`).join(', ');
      const nf = field(`Note for ${sku}`, noteInput, undefined, { optional: true });
      return h('li', { class: 'post' },
        h('label', { class: 'check' }, box, h('span', null, 'Post ', h('strong', null, units), ` for ${sku}`)),
        nf.wrap);
    });
    card.append(h('fieldset', { class: 'field' },
      h('legend', null, 'Unexplained lines'),
      h('p', { class: 'hint' }, 'A RECONCILIATION row (lot UNSPECIFIED, dated the month\'s last day, your note as Reference) makes our closing equal Amazon\'s. Use it only once you know why they differ.'),
      h('ul', { class: 'plain' }, rows)));
  }
  if (!r.canClose && r.closeBlockers.length) {
    card.append(callout('warn', h('p', null, h('strong', null, 'Not ready to close:')), h('ul', { class: 'plain' }, r.closeBlockers.map((b) => h('li', null, sentence(b))))));
  } else if (!r.canClose) {
    card.append(callout('warn', 'This month cannot be closed yet.'));
  } else {
    card.append(h('p', { class: 'hint' }, 'Closing writes the review to the Reconciliation sheet and marks the month CLOSED with a fingerprint of Kits and its rows.'));
  }
  close.disabled = !r.canClose;
  close.addEventListener('click', async () => {
    const chosen = picks.filter((p) => p.box.checked);
    const notes: Record<string, string> = {};
    for (const p of chosen) if (p.noteInput.value.trim()) notes[p.sku] = p.noteInput.value.trim();
    const res = await busy({ button: close, region: card, notice: note, working: `Closing ${r.month}…` }, () =>
      call('closeMonth', { month: q.month, location: q.location, postAdjustments: chosen.map((p) => p.sku), notes }));
    if (!res) return;
    dataChanged();
    await reload(res.message);
  });
  const review = button('Write review', 'secondary', { title: 'Write this month\'s roll-forward to the Reconciliation sheet without closing it' });
  review.addEventListener('click', async () => {
    const res = await busy({ button: review, region: card, notice: note, working: 'Writing the review…' }, () =>
      call('writeReview', { month: q.month, location: q.location }));
    if (res) note.show('ok', res.message);
  });
  card.append(h('div', { class: 'actions' }, close, review), note.el);
  return card;
}
