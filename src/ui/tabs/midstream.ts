/**
 * Start mid-stream (spec §7): OPENING rows at the end of a complete month from Amazon's figures,
 * for sellers who sold on Amazon before keeping this ledger.
 */
import type { StartMidStreamInput } from '../../shared/wire';
import { locationOptions } from '../common';
import { h, setOptions } from '../dom';
import { defaultMonth, lastDayOfMonth, monthName } from '../format';
import { call } from '../rpc';
import { refreshState } from '../refresh';
import { dataChanged, getState, onState } from '../state';
import { busy, button, confirmInline, field, input, notice, select, submitButton } from '../ui';

export function midStreamSection(): HTMLElement {
  const st = getState();
  const month = field('Month', select({ name: 'msMonth' }));
  const loc = field('Location', select({ name: 'msLocation' }));
  const monthList = (months: readonly string[]) => [...months].sort().reverse().map((m) => ({ value: m, label: monthName(m) }));
  setOptions(month.control, monthList(st.months), defaultMonth(st.months, st.today));
  setOptions(loc.control, locationOptions(st.locations, false), st.defaultLocation);
  const rows = h('ul', { class: 'plain inbound-rows' });
  const add = button('+ Add a SKU in transit', 'link');
  const err = h('div', { class: 'field-error', id: 'ms-err' });
  const submit = submitButton('Write opening rows', 'secondary');
  const note = notice();
  const confirmHost = h('div');
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Start mid-stream' },
    h('p', { class: 'hint' },
      'For stock that was at Amazon before this ledger starts: choose the last complete month before it. Writes OPENING rows (lot UNSPECIFIED, which you may split into named lots) dated that month\'s last day: ' +
      'Amazon\'s ending + in transit between warehouses + inbound in transit. Detail imports dated on or before that day are then refused for the location.'),
    h('div', { class: 'grid2' }, month.wrap, loc.wrap),
    h('fieldset', { class: 'field', 'aria-describedby': 'ms-err' },
      h('legend', null, 'Inbound in transit at month end (optional)'),
      h('p', { class: 'hint' }, 'Units shipped to Amazon but not yet received, per SKU. Leave empty to use the inventory report\'s inbound figures.'),
      rows, add, err),
    h('div', { class: 'actions' }, submit), confirmHost, note.el,
  );

  function addRow(): void {
    const sku = input({ name: 'msSku', list: 'transfer-skus', autocomplete: 'off', spellcheck: 'false' });
    const qty = input({ type: 'number', name: 'msQty', step: '1', min: '0', inputmode: 'numeric' });
    const remove = button('Remove', 'link');
    const li = h('li', { class: 'inbound-row' }, field('SKU', sku).wrap, field('Units', qty).wrap, remove);
    remove.addEventListener('click', () => {
      li.remove();
      add.focus();
    });
    rows.appendChild(li);
    sku.focus();
  }
  add.addEventListener('click', addRow);

  onState((s) => {
    setOptions(month.control, monthList(s.months));
    setOptions(loc.control, locationOptions(s.locations, false));
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    err.textContent = '';
    month.setError(null);
    loc.setError(null);
    note.clear();
    if (!month.control.value) {
      month.setError('There are no months yet: import Amazon\'s summary report for that month first.');
      note.error('Choose a month.');
      return;
    }
    if (!loc.control.value) {
      loc.setError('Choose a location.');
      note.error('Choose a location.');
      return;
    }
    const inbound: Record<string, number> = {};
    for (const li of Array.from(rows.children)) {
      const [skuEl, qtyEl] = Array.from(li.querySelectorAll('input'));
      const sku = skuEl.value.trim();
      const q = qtyEl.value.trim();
      if (!sku && !q) continue;
      let problem = '';
      if (!sku) problem = 'Each inbound line needs a SKU.';
      else if (qtyEl.validity.badInput || !/^\d+$/.test(q)) problem = `Units in transit for ${sku} must be a whole number, 0 or more.`;
      else if (sku in inbound) problem = `${sku} is listed twice.`;
      if (problem) {
        err.textContent = problem;
        note.error(problem);
        (sku ? qtyEl : skuEl).focus();
        return;
      }
      inbound[sku] = Number(q);
    }
    const payload: StartMidStreamInput = { month: month.control.value, location: loc.control.value };
    if (Object.keys(inbound).length) payload.inboundInTransit = inbound;
    submit.hidden = true;
    confirmInline(confirmHost,
      `Write OPENING rows for ${payload.location} dated ${lastDayOfMonth(payload.month)}? Detail imports on or before that day will be refused for ${payload.location}.`,
      'Write opening rows',
      async (yes) => {
        const r = await busy({ button: yes, region: form, notice: note, working: 'Writing opening rows…' }, () => call('startMidStream', payload));
        if (!r) return;
        confirmHost.textContent = '';
        submit.hidden = false;
        note.show('ok', r.message);
        dataChanged();
        void refreshState();
      },
      () => {
        submit.hidden = false;
        submit.focus();
      });
  });

  return h('details', { class: 'card disclosure', id: 'midstream' },
    h('summary', null, h('h2', { class: 'inline' }, 'Start mid-stream')),
    form);
}
