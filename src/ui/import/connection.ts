/**
 * The workbook's Amazon connection (spec §6): credentials typed here go to the server once and
 * never come back; when connected, blank fields keep what is stored.
 */
import { MARKETPLACES } from '../../core/spapi/marketplaces';
import type { AmazonSettingsInput, AmazonSettingsView, Region } from '../../shared/wire';
import { fill, h, options } from '../dom';
import { COUNTRY_NAMES, REGION_NAMES } from '../format';
import { call } from '../rpc';
import { getState, onState, patchState } from '../state';
import { badge, busy, button, field, input, notice, section, select, submitButton } from '../ui';

export function ownerSentence(view: AmazonSettingsView): string {
  if (!view.autoImport || !view.autoImportOwner) return 'Scheduled imports are off. When switched on, they use the connection of whoever switches them on.';
  return view.autoImportOwner === 'you'
    ? 'Scheduled imports (auto-import on open) use your credentials.'
    : `Scheduled imports (auto-import on open) use the credentials of ${view.autoImportOwner}.`;
}

export function connectionSection(): HTMLElement {
  const status = h('div', { class: 'conn-status' });
  const clientId = field('Client ID', input({ name: 'clientId', autocomplete: 'off', spellcheck: 'false' }));
  const clientSecret = field('Client secret', input({ type: 'password', name: 'clientSecret', autocomplete: 'new-password', spellcheck: 'false' }));
  const refreshToken = field('Refresh token', input({ type: 'password', name: 'refreshToken', autocomplete: 'new-password', spellcheck: 'false' }),
    'Starts with "Atzr|" (Develop Apps ▸ Authorize app).');
  const region = field('Region', select({ name: 'region' },
    options([{ value: '', label: 'Choose a region…' }, ...(['NA', 'EU', 'FE'] as const).map((r) => ({ value: r, label: REGION_NAMES[r] }))])));
  const marketsBox = h('div', { class: 'checks' });
  const marketsErr = h('div', { class: 'field-error', id: 'mkt-err' });
  const markets = h('fieldset', { class: 'field', 'aria-describedby': 'mkt-err' },
    h('legend', null, 'Marketplaces'), marketsBox, marketsErr);
  const save = submitButton('Save connection');
  const test = button('Test connection', 'secondary');
  const owner = h('p', { class: 'hint' });
  const note = notice();
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Amazon connection' },
    clientId.wrap, clientSecret.wrap, refreshToken.wrap, region.wrap, markets,
    h('div', { class: 'actions' }, save),
  );
  const testRow = h('div', { class: 'actions' }, test);
  const summary = h('summary', null, 'Connect');
  const disclosure = h('details', { class: 'disclosure', open: true }, summary, form);
  let wasConnected: boolean | null = null;
  let checked = new Set<string>(getState().amazon.marketplaceIds);

  function renderMarkets(r: string): void {
    const list = MARKETPLACES.filter((m) => m.region === r);
    marketsBox.className = list.length ? 'checks' : '';
    fill(marketsBox, list.length
      ? list.map((m) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'marketplace', value: m.id, checked: checked.has(m.id),
          onchange: (e: Event) => {
            const box = e.target as HTMLInputElement;
            if (box.checked) checked.add(m.id);
            else checked.delete(m.id);
          } }),
        h('span', null, h('span', { class: 'code' }, m.country), ' ', COUNTRY_NAMES[m.country] || m.country)))
      : h('p', { class: 'hint' }, 'Choose a region to see its marketplaces.'));
  }

  function render(view: AmazonSettingsView): void {
    fill(status,
      view.connected
        ? [badge('Connected', 'ok'), ' ', h('span', null, `${view.region || ''} · ${view.marketplaceIds.map((id) => MARKETPLACES.find((m) => m.id === id)?.country || id).join(', ')}`)]
        : [badge('Not connected', 'muted'), ' ', h('span', null, 'Use your own private SP-API app (Seller Central ▸ Apps and Services ▸ Develop Apps).')],
    );
    clientId.control.value = '';
    clientSecret.control.value = '';
    refreshToken.control.value = '';
    clientId.control.placeholder = view.connected ? view.clientIdMasked : 'amzn1.application-oa2-client.…';
    clientSecret.control.placeholder = view.connected ? 'unchanged' : '';
    refreshToken.control.placeholder = view.connected ? 'unchanged' : 'Atzr|…';
    clientId.setHint(view.connected ? 'Stored: ' + view.clientIdMasked + '. Leave blank to keep it.' : 'From View LWA credentials of your app.');
    clientSecret.setHint(view.connected ? 'Leave blank to keep the stored secret. Secrets must be rotated every 180 days.' : 'Secrets must be rotated every 180 days.');
    checked = new Set(view.marketplaceIds);
    if (view.region) region.control.value = view.region;
    renderMarkets(region.control.value);
    testRow.hidden = !view.connected;
    fill(summary, view.connected ? 'Change credentials, region or marketplaces' : 'Connect to Amazon');
    if (wasConnected !== view.connected) disclosure.open = !view.connected;
    wasConnected = view.connected;
    fill(owner, ownerSentence(view), ' Credentials are kept in your own user properties for this workbook, never in a cell.');
  }

  region.control.addEventListener('change', () => {
    const r = region.control.value;
    checked = new Set([...checked].filter((id) => MARKETPLACES.some((m) => m.id === id && m.region === r)));
    renderMarkets(r);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const view = getState().amazon;
    const ids = MARKETPLACES.filter((m) => checked.has(m.id)).map((m) => m.id);
    const data: AmazonSettingsInput = {
      clientId: clientId.control.value.trim(),
      clientSecret: clientSecret.control.value.trim(),
      refreshToken: refreshToken.control.value.trim(),
      region: region.control.value as Region,
      marketplaceIds: ids,
    };
    const errors: Array<[{ setError(m: string | null): void; control: HTMLElement } | null, string]> = [];
    for (const f of [clientId, clientSecret, refreshToken, region]) f.setError(null);
    marketsErr.textContent = '';
    if (!view.connected) {
      if (!data.clientId) errors.push([clientId, 'Enter the client ID.']);
      if (!data.clientSecret) errors.push([clientSecret, 'Enter the client secret.']);
      if (!data.refreshToken) errors.push([refreshToken, 'Enter the refresh token.']);
    }
    if (!data.region) errors.push([region, 'Choose the region of your marketplaces.']);
    else if (!ids.length) errors.push([null, 'Choose at least one marketplace.']);
    if (errors.length) {
      for (const [f, m] of errors) {
        if (f) f.setError(m);
        else marketsErr.textContent = m;
      }
      note.error(errors.map(([, m]) => m).join(' '));
      const first = errors[0][0];
      (first ? first.control : (marketsBox.querySelector('input') as HTMLElement | null) || region.control).focus();
      return;
    }
    const next = await busy({ button: save, region: form, notice: note, working: 'Saving the connection…' }, () => call('saveAmazonSettings', data));
    if (!next) return;
    patchState({ amazon: next });
    for (const f of [clientId, clientSecret, refreshToken]) f.control.value = '';
    note.show('ok', 'Connection saved. Use Test connection to check it with Amazon.');
  });

  test.addEventListener('click', async () => {
    const r = await busy({ button: test, region: testRow, notice: note, working: 'Asking Amazon…' }, () => call('testAmazonConnection'));
    if (!r) return;
    if (r.ok) note.show('ok', r.message);
    else note.error(r.message);
  });

  // Re-render only when the connection itself changed, so typing is never wiped by other updates.
  let shown = '';
  const update = (view: AmazonSettingsView) => {
    const key = JSON.stringify(view);
    if (key !== shown) {
      shown = key;
      render(view);
    }
  };
  onState((s) => update(s.amazon));
  update(getState().amazon);
  return section('Amazon connection', status, testRow, disclosure, note.el, owner);
}
