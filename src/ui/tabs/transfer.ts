/**
 * Record transfer tab (spec §3, §9): one TRANSFER row from a form, checked here first so most
 * mistakes are explained before a server call; the server checks again and its words are shown.
 */
import type { TransferInput } from '../../shared/wire';
import { locationOptions, setSkus, skuDatalist } from '../common';
import { h, setOptions } from '../dom';
import { call } from '../rpc';
import { dataChanged, getState, onState, setState, type NavParams } from '../state';
import type { TabView } from '../tabs';
import { busy, field, input, notice, section, select, submitButton, type Field } from '../ui';
import { validateTransfer } from '../validate';

const SKU_HINT = 'Product SKU, or a pack\'s Amazon SKU (Kits turn packs into units).';

export function transferTab(): TabView {
  const st = getState();
  const skuList = skuDatalist('transfer-skus', st.skus);
  const fields = {
    sku: field('SKU', input({ name: 'sku', list: 'transfer-skus', autocomplete: 'off', spellcheck: 'false', required: true }),
      SKU_HINT),
    lot: field('Lot', input({ name: 'lot', autocomplete: 'off', spellcheck: 'false' }), 'Lot or serial number; blank if unknown (UNSPECIFIED).'),
    quantity: field('Quantity', input({ type: 'number', name: 'quantity', step: '1', inputmode: 'numeric', required: true }), 'Negative takes units out.'),
    date: field('Date', input({ type: 'date', name: 'date', required: true, value: st.today, max: st.today })),
    expiry: field('Expiry', input({ type: 'date', name: 'expiry' }), undefined, { optional: true }),
    location: field('Location', select({ name: 'location', required: true })),
    reference: field('Shipment ID', input({ name: 'reference', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. FBA15ABCD1234' }), undefined, { optional: true }),
  };
  setOptions(fields.location.control, locationOptions(st.locations, false), st.defaultLocation);
  const submit = submitButton('Record transfer');
  const note = notice();
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Record a transfer' },
    fields.sku.wrap, skuList, fields.lot.wrap,
    h('div', { class: 'grid2' }, fields.quantity.wrap, fields.date.wrap),
    h('div', { class: 'grid2' }, fields.expiry.wrap, fields.location.wrap),
    fields.reference.wrap,
    h('div', { class: 'actions' }, submit),
    note.el,
  );

  // New SKUs are allowed, but say so: a typo would start a new product.
  fields.sku.control.addEventListener('change', () => {
    const v = fields.sku.control.value.trim();
    const known = getState().skus;
    fields.sku.setHint(v && known.length && !known.some((k) => k.toLowerCase() === v.toLowerCase())
      ? `${v} is new: not yet in the ledger or Kits. Check the spelling.`
      : SKU_HINT);
  });

  // The seller's default location (spec §3: forms always fill Location with it).
  const defSelect = select({ name: 'defaultLocation' });
  setOptions(defSelect, locationOptions(st.locations, false), st.defaultLocation);
  const defField = field('Location for new transfers', defSelect, 'New transfers start with it; a blank Location cell in the ledger still means FBA-US.');
  const defSave = submitButton('Save default', 'secondary');
  const defNote = notice();
  const defForm = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Default location' }, defField.wrap, h('div', { class: 'actions' }, defSave), defNote.el);

  const panel = h('div', { class: 'panel' },
    section('Record a transfer to FBA',
      h('p', { class: 'intro' }, 'Adds one TRANSFER row to the FBA Ledger: units you sent to Amazon, with their lot.'),
      form),
    section('Default location', defForm),
  );

  onState((s) => {
    setSkus(skuList, s.skus);
    setOptions(fields.location.control, locationOptions(s.locations, false));
    setOptions(defSelect, locationOptions(s.locations, false), s.defaultLocation);
    fields.date.control.max = s.today;
  });

  function clearErrors(): void {
    for (const f of Object.values(fields) as Array<Field<HTMLInputElement | HTMLSelectElement>>) f.setError(null);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    note.clear();
    const c = {
      sku: fields.sku.control.value,
      lot: fields.lot.control.value,
      quantity: fields.quantity.control.value,
      quantityBad: fields.quantity.control.validity.badInput,
      date: fields.date.control.value,
      expiry: fields.expiry.control.value,
      location: fields.location.control.value,
    };
    const errors = validateTransfer(c, getState().today);
    const names = Object.keys(errors) as Array<keyof typeof fields>;
    if (names.length) {
      for (const n of names) fields[n].setError(errors[n]);
      note.error(names.length === 1 ? errors[names[0]] : `Please fix ${names.length} fields: ${names.map((n) => fields[n].label.firstChild!.textContent).join(', ')}.`);
      fields[names[0]].control.focus();
      return;
    }
    const payload: TransferInput = {
      date: c.date,
      sku: c.sku.trim(),
      lot: c.lot.trim(),
      quantity: Number(c.quantity.trim()),
      expiry: c.expiry || null,
      location: c.location,
      reference: fields.reference.control.value.trim() || null,
    };
    const r = await busy({ button: submit, region: form, notice: note, working: 'Recording…' }, () => call('recordTransfer', payload));
    if (!r) return;
    note.show('ok', r.message);
    dataChanged();
    const s = getState();
    if (!s.skus.some((k) => k === payload.sku)) setState({ ...s, skus: [...s.skus, payload.sku].sort() });
    for (const k of ['sku', 'lot', 'quantity', 'expiry', 'reference'] as const) fields[k].control.value = '';
    fields.sku.setHint(SKU_HINT);
    fields.sku.control.focus();
  });

  defForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = defSelect.value;
    if (!value) {
      defField.setError('Choose a location.');
      return;
    }
    defField.setError(null);
    const s = await busy({ button: defSave, region: defForm, notice: defNote, working: 'Saving…' }, () => call('setDefaultLocation', value));
    if (!s) return;
    setState(s);
    fields.location.control.value = s.defaultLocation;
    defNote.show('ok', `Default location: ${s.defaultLocation}.`);
  });

  return {
    id: 'transfer',
    label: 'Transfer',
    panel,
    show(params?: NavParams) {
      if (params && params.sku) {
        fields.sku.control.value = params.sku;
        if (params.location) fields.location.control.value = params.location;
        fields.lot.control.focus();
      }
    },
  };
}
