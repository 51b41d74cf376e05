/**
 * The latest Import Log entries, each with "Remove import…" (spec §6: deletes the rows an import
 * wrote; the Import Log keeps the record).
 */
import type { ImportLogEntry } from '../../shared/wire';
import { fill, h } from '../dom';
import { dayRange, instant, num, plural, reportTypeLabel } from '../format';
import { call } from '../rpc';
import { dataChanged, getState, onState, patchState } from '../state';
import { badge, busy, button, confirmInline, notice, section, type Tone } from '../ui';

export const LOG_LIMIT = 10;

const TONES: Record<string, Tone> = { OK: 'ok', NO_DATA: 'muted', FAILED: 'error', CLOSED_MONTH_CHANGED: 'warn', REMOVED: 'muted' };
const STATUS_TEXT: Record<string, string> = { OK: 'OK', NO_DATA: 'No data', FAILED: 'Failed', CLOSED_MONTH_CHANGED: 'Closed month changed', REMOVED: 'Removed' };

export function logSection(): HTMLElement {
  const list = h('ol', { class: 'log', 'aria-label': 'Latest imports' });
  const refresh = button('Refresh', 'link');
  const note = notice();
  const body = h('div', { class: 'stack' }, list, h('div', { class: 'actions' }, refresh), note.el);

  function render(entries: ImportLogEntry[]): void {
    const shown = entries.slice(0, LOG_LIMIT);
    fill(list, shown.length
      ? shown.map(entry)
      : h('li', { class: 'empty' }, 'No imports yet. Fetch from Amazon or upload a report file, and each import is listed here.'));
  }

  function entry(e: ImportLogEntry): HTMLElement {
    const removable = e.status === 'OK' || e.status === 'CLOSED_MONTH_CHANGED';
    const li = h('li', { class: 'log-entry', 'data-source': e.source },
      h('div', { class: 'log-head' },
        badge(STATUS_TEXT[e.status] || e.status, TONES[e.status] || 'muted'),
        h('strong', null, reportTypeLabel(e.reportType)),
      ),
      h('p', null, [e.location, dayRange(e.dataStart, e.dataEnd)].filter(Boolean).join(' · ')),
      e.eventTypes ? h('p', { class: 'muted small' }, e.eventTypes) : null,
      h('p', { class: 'small' }, `${num(e.rowsWritten)} written · ${num(e.rowsReplaced)} replaced · ${num(e.rowsSkipped)} skipped`),
      h('p', { class: 'muted small source' }, `${instant(e.time)} · ${e.source}`),
      e.warnings ? h('details', { class: 'small' }, h('summary', null, 'Warnings'), h('p', { class: 'pre' }, e.warnings)) : null,
    );
    if (removable) {
      const remove = button('Remove import…', 'link', { 'aria-label': `Remove import ${e.source}` });
      const holder = h('div', { class: 'actions' }, remove);
      li.appendChild(holder);
      remove.addEventListener('click', () => {
        remove.hidden = true;
        confirmInline(holder,
          `Remove the ${plural(e.rowsWritten, 'row')} this import wrote (${e.source})? Rows you typed are not touched; the Import Log keeps the record.`,
          'Remove rows',
          async (yes) => {
            const r = await busy({ button: yes, region: li, notice: note, working: 'Removing…' }, () => call('removeImport', e.source));
            if (!r) return;
            note.show('ok', r.message || `Removed ${plural(r.rowsRemoved, 'row')} of ${r.source}.`);
            dataChanged();
            await reload(false);
          },
          () => {
            remove.hidden = false;
            remove.focus();
          });
      });
    }
    return li;
  }

  async function reload(withNotice: boolean): Promise<void> {
    const entries = await busy({ button: refresh, region: list, notice: withNotice ? note : null, working: 'Reading the Import Log…' },
      () => call('getImportLog', LOG_LIMIT));
    if (entries) patchState({ importLog: entries });
  }

  refresh.addEventListener('click', () => {
    note.clear();
    void reload(true);
  });

  // Re-render only when the entries changed (keeps an open confirmation in place otherwise).
  let shown = '';
  const update = (entries: ImportLogEntry[]) => {
    const key = JSON.stringify(entries);
    if (key !== shown) {
      shown = key;
      render(entries);
    }
  };
  onState((s) => update(s.importLog));
  update(getState().importLog);
  return section('Import log', body);
}
