/**
 * Import a report file (spec §6): read it, send base64 for a dry run, show what it would replace,
 * and write only when the seller confirms. A change to a closed month offers Reconcile.
 */
import type { ClosedMonthChange, ImportResult } from '../../shared/wire';
import { ALL, locationOptions } from '../common';
import { type Child, fill, h, setOptions } from '../dom';
import { MAX_REPORT_BYTES, dayRange, num, plural, reportTypeLabel, sentence, tooLargeMessage } from '../format';
import { toBase64 } from '../base64';
import { call } from '../rpc';
import { refreshState } from '../refresh';
import { dataChanged, getState, navigate, onState } from '../state';
import { busy, button, callout, field, input, notice, section, select, submitButton } from '../ui';

interface Pending {
  name: string;
  base64: string;
  location: string | null;
}

export function uploadSection(): HTMLElement {
  const file = field('Report file', input({ type: 'file', name: 'report', accept: '.txt,.tsv,.csv,.gz' }),
    'Seller Central ▸ Reports ▸ Fulfillment: Inventory Ledger (detailed or summary view) or Manage FBA Inventory. Up to 20 MiB; .gz is fine.');
  const loc = field('Location', select({ name: 'importLocation' }),
    'Only for Manage FBA Inventory reports (they carry no country). Automatic: your connection\'s marketplace, else FBA-US.');
  const autoOption = [{ value: ALL, label: 'Automatic' }];
  setOptions(loc.control, [...autoOption, ...locationOptions(getState().locations, false)], ALL);
  const check = submitButton('Check file');
  const note = notice();
  const preview = h('div', { class: 'preview', id: 'import-preview', hidden: true });
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Upload a report file' },
    file.wrap, loc.wrap, h('div', { class: 'actions' }, check), note.el);
  let pending: Pending | null = null;

  onState((s) => setOptions(loc.control, [...autoOption, ...locationOptions(s.locations, false)]));

  function reset(): void {
    pending = null;
    preview.hidden = true;
    fill(preview);
  }

  file.control.addEventListener('change', () => {
    reset();
    note.clear();
    file.setError(null);
  });
  loc.control.addEventListener('change', () => {
    if (pending) {
      reset();
      note.show('info', 'Location changed: check the file again.');
    }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    reset();
    file.setError(null);
    const f = file.control.files && file.control.files[0];
    let bad = '';
    if (!f) bad = 'Choose a report file first.';
    else if (f.size > MAX_REPORT_BYTES) bad = tooLargeMessage(f.size);
    else if (f.size === 0) bad = `${f.name} is empty.`;
    if (bad || !f) {
      file.setError(bad);
      note.error(bad);
      file.control.focus();
      return;
    }
    const location = loc.control.value || null;
    const name = f.name;
    let base64 = '';
    const r = await busy({ button: check, region: form, notice: note, working: `Reading and checking ${name}…` }, async () => {
      const bytes = new Uint8Array(await f.arrayBuffer());
      base64 = await toBase64(bytes);
      return call('importReportFile', name, base64, { dryRun: true, location });
    });
    if (!r) return;
    pending = { name, base64, location };
    showPreview(r);
  });

  function showPreview(r: ImportResult): void {
    const confirm = button(r.rowsWritten > 0 ? `Import ${plural(r.rowsWritten, 'row')}` : 'Import', 'primary');
    const cancel = button('Cancel', 'secondary');
    const own = notice();
    fill(preview,
      h('h3', null, 'Check before importing'),
      facts(r, true),
      scopeList(r),
      h('p', { class: 'hint' }, 'Amazon rows already imported for these days, event types and location are replaced. Rows you typed, OPENING and RECONCILIATION rows are never touched; rows someone edited are kept and reported.'),
      r.status === 'NO_DATA' ? callout('info', 'The file has no data rows: importing it changes no rows and records the days as covered (with no data) in the Import Log.') : null,
      r.closedMonthChanges.length ? callout('warn', h('p', null, h('strong', null, 'This changes closed months:')), changesList(r.closedMonthChanges)) : null,
      warningsBlock(r.warnings),
      h('div', { class: 'actions' }, confirm, cancel),
      own.el,
    );
    preview.hidden = false;
    preview.scrollIntoView({ block: 'nearest' });
    confirm.focus();
    cancel.addEventListener('click', () => {
      reset();
      note.show('info', 'Nothing was imported.');
      file.control.focus();
    });
    confirm.addEventListener('click', async () => {
      const p = pending;
      if (!p) return;
      const done = await busy({ button: confirm, controls: [cancel], region: preview, notice: own, working: 'Importing…' },
        () => call('importReportFile', p.name, p.base64, { dryRun: false, location: p.location }));
      if (!done) return;
      reset();
      file.control.value = '';
      showResult(done);
      dataChanged();
      void refreshState();
    });
  }

  function showResult(r: ImportResult): void {
    const what = `${reportTypeLabel(r.reportType)}, ${r.location}, ${dayRange(r.dataStart, r.dataEnd)}`;
    const counts = `${plural(r.rowsWritten, 'row')} written, ${num(r.rowsReplaced)} replaced, ${num(r.rowsSkipped)} skipped`;
    if (r.status === 'FAILED') {
      note.error(`The import failed and changed nothing. ${r.warnings.map(sentence).join(' ')}`);
    } else if (r.status === 'NO_DATA') {
      note.show('info', `No data rows in ${what}: nothing changed (logged as NO_DATA).`);
    } else if (r.status === 'CLOSED_MONTH_CHANGED') {
      const months = unique(r.closedMonthChanges.map((c) => `${c.month}|${c.location}`));
      note.show('warn',
        h('p', null, h('strong', null, `Imported ${what}: ${counts}.`), ' It changed months that were already closed:'),
        changesList(r.closedMonthChanges),
        h('p', null, 'Review them in Reconcile, and reopen and close them again if the new closing is right.'),
        h('div', { class: 'actions' }, months.map((k) => {
          const [month, location] = k.split('|');
          return button(`Open Reconcile for ${month}${months.length > 1 ? ` (${location})` : ''}`, 'secondary', {
            onclick: () => navigate('reconcile', { month, location }),
          });
        })),
      );
    } else {
      note.show('ok', `Imported ${what}: ${counts}.`, r.warnings.length ? ` ${plural(r.warnings.length, 'warning')} in the Import Log.` : '');
    }
  }

  return section('Upload a report file', form, preview);
}

function unique(list: string[]): string[] {
  return list.filter((v, i) => list.indexOf(v) === i);
}

/** A day range whose days never break inside. */
function days(start: string | null, end: string | null): Child {
  if (!start || !end || start === end) return h('span', { class: 'nowrap' }, dayRange(start, end));
  return [h('span', { class: 'nowrap' }, start), ' – ', h('span', { class: 'nowrap' }, end)];
}

function facts(r: ImportResult, dryRun: boolean): HTMLElement {
  const row = (k: string, v: Child) => [h('dt', null, k), h('dd', null, v)];
  return h('dl', { class: 'facts' },
    row('Report', reportTypeLabel(r.reportType)),
    row('Location', r.location || '—'),
    row('Days', days(r.dataStart, r.dataEnd)),
    r.eventTypes.length ? row('Event types', r.eventTypes.join(', ')) : null,
    row('Rows read', num(r.rowsRead)),
    row(dryRun ? 'Rows to write' : 'Rows written', num(r.rowsWritten)),
    row(dryRun ? 'Rows to replace' : 'Rows replaced', num(r.rowsReplaced)),
    row('Rows skipped', num(r.rowsSkipped)),
  );
}

/** Several scopes (a file spanning locations) are listed one by one. */
function scopeList(r: ImportResult): Child {
  const scopes = r.scopes || [];
  const interesting = scopes.length > 1 || scopes.some((s) => s.skus && s.skus.length);
  if (!interesting) return null;
  return h('div', { class: 'scopes' },
    h('h4', null, 'Replace scope'),
    h('ul', { class: 'plain' }, scopes.map((s) => h('li', null,
      h('strong', null, s.location), ` · ${dayRange(s.dataStart, s.dataEnd)}`,
      s.eventTypes.length ? ` · ${s.eventTypes.join(', ')}` : '',
      s.skus && s.skus.length ? h('span', { class: 'muted' }, ` · only ${s.skus.join(', ')}`) : null,
    ))),
  );
}

function changesList(changes: ClosedMonthChange[]): HTMLElement {
  return h('ul', { class: 'plain changes' }, changes.map((c) => h('li', null,
    `${c.month} · ${c.location} · ${c.sku}: closing ${num(c.oldClosing)} → ${num(c.newClosing)}`)));
}

function warningsBlock(warnings: string[]): Child {
  if (!warnings.length) return null;
  const items = warnings.map((w) => h('li', null, sentence(w)));
  if (warnings.length <= 3) return callout('warn', h('ul', { class: 'plain' }, items));
  return h('details', { class: 'callout callout-warn' }, h('summary', null, plural(warnings.length, 'warning')), h('ul', { class: 'plain' }, items));
}
