/**
 * Fetch from Amazon (spec §6): start the resumable job, then poll getJobStatus every few
 * seconds while it runs and this sidebar is open (each poll advances the job by one step).
 */
import type { JobStatus } from '../../shared/wire';
import { type Child, fill, h } from '../dom';
import { dayRange, errorText, isIsoDay, num } from '../format';
import { call } from '../rpc';
import { refreshState } from '../refresh';
import { dataChanged, getState, onState, patchState, setTabIndicator } from '../state';
import { badge, busy, button, field, input, notice, section, submitButton } from '../ui';

export const POLL_MS = 4000;

/** "2025-05-01 – 2025-05-19" with each day kept on one line. */
function days(start: string | null | undefined, end: string | null | undefined): Child {
  if (!start || !end || start === end) return h('span', { class: 'nowrap' }, dayRange(start, end));
  return [h('span', { class: 'nowrap' }, start), ' – ', h('span', { class: 'nowrap' }, end)];
}
const RETRY_MS = 8000;
const MAX_FAILED_POLLS = 3;

export function fetchSection(): HTMLElement {
  const st = getState();
  const from = field('From', input({ type: 'date', name: 'dataStart', max: st.today }), undefined, { optional: true });
  const to = field('To', input({ type: 'date', name: 'dataEnd', max: st.today }), undefined, { optional: true });
  const hint = h('p', { class: 'hint', id: 'fetch-hint' });
  const go = submitButton('Fetch reports');
  const note = notice();
  const job = h('div', { class: 'job', hidden: true, id: 'job' });
  const form = h('form', { class: 'stack', novalidate: true, 'aria-label': 'Fetch from Amazon' },
    h('div', { class: 'grid2' }, from.wrap, to.wrap), hint, h('div', { class: 'actions' }, go), note.el);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let running = false;
  /** The finished job's outcome is in the notice (role=status): the job card does not repeat it. */
  let announced: string | null = null;

  function renderHint(): void {
    const s = getState();
    const last = s.amazon.lastImportDay;
    fill(hint, s.amazon.connected
      ? `Leave both blank to fetch from the day after the last import${last ? ` (${last})` : ''} to yesterday, or the last 30 days when nothing was imported yet.`
      : 'Connect to Amazon above first.');
    go.disabled = !s.amazon.connected || running;
  }

  function renderJob(j: JobStatus, extra?: HTMLElement): void {
    job.hidden = j.state === 'IDLE';
    if (job.hidden) return;
    const pct = Math.round(Math.max(0, Math.min(1, j.progress)) * 100);
    const tone = j.state === 'DONE' ? 'ok' : j.state === 'FAILED' ? 'error' : 'info';
    const label = j.state === 'RUNNING' ? 'Running' : j.state === 'DONE' ? 'Done' : 'Failed';
    fill(job,
      h('div', { class: 'job-head' },
        h('strong', null, j.dataStart || j.dataEnd ? ['Fetch ', days(j.dataStart, j.dataEnd)] : 'Fetch from Amazon'),
        badge(label, tone),
      ),
      h('div', { class: `progress${j.state === 'FAILED' ? ' progress-failed' : ''}`, role: 'progressbar', 'aria-label': 'Fetch progress', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct), 'aria-valuetext': `${pct}%` },
        h('span', { style: `width:${pct}%` })),
      j.state === 'RUNNING' && j.step ? h('p', { class: 'job-step' }, j.step) : null,
      j.message && !(j.state === 'DONE' && announced === j.message) ? h('p', { class: 'job-msg' }, j.message) : null,
      h('p', { class: 'muted small' },
        j.reportsTotal ? `Reports ${num(j.reportsDone || 0)} of ${num(j.reportsTotal)}` : '',
        j.state === 'RUNNING' ? `${j.reportsTotal ? ' · ' : ''}advances while this sidebar stays open` : ''),
      extra || null,
    );
  }

  function stop(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function schedule(ms: number): void {
    stop();
    timer = setTimeout(poll, ms);
  }

  function setRunning(on: boolean): void {
    running = on;
    setTabIndicator('import', on ? 'fetch running' : null);
    renderHint();
  }

  function track(j: JobStatus): void {
    if (j.state === 'DONE' && running) announced = j.message || null;
    patchState({ job: j });
    renderJob(j);
    if (j.state === 'RUNNING') {
      setRunning(true);
      schedule(POLL_MS);
    } else {
      stop();
      if (running) {
        setRunning(false);
        if (j.state === 'DONE') {
          note.show('ok', j.message || 'Fetch finished.');
          dataChanged();
          void refreshState();
        } else if (j.state === 'FAILED') {
          note.error(j.message || 'The fetch failed.');
        }
      }
    }
  }

  async function poll(): Promise<void> {
    timer = null;
    job.setAttribute('aria-busy', 'true');
    try {
      const j = await call('getJobStatus');
      failures = 0;
      track(j);
    } catch (err) {
      failures += 1;
      const msg = errorText(err);
      if (failures < MAX_FAILED_POLLS) {
        renderJob(getState().job, h('p', { class: 'warn-text' }, `Could not check progress: ${msg} Trying again…`));
        schedule(RETRY_MS);
      } else {
        setRunning(false);
        note.error(`Could not check the fetch's progress: ${msg}`);
        const again = button('Check again', 'secondary', {
          onclick: () => {
            failures = 0;
            setRunning(true);
            void poll();
          },
        });
        renderJob(getState().job, h('div', { class: 'actions' }, again));
      }
    } finally {
      job.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    from.setError(null);
    to.setError(null);
    const start = from.control.value;
    const end = to.control.value;
    const today = getState().today;
    let bad = '';
    if (start && !isIsoDay(start)) { bad = 'From must be a day written YYYY-MM-DD.'; from.setError(bad); }
    else if (end && !isIsoDay(end)) { bad = 'To must be a day written YYYY-MM-DD.'; to.setError(bad); }
    else if (start && end && start > end) { bad = 'From must be on or before To.'; to.setError(bad); }
    else if (start && start > today) { bad = `From ${start} is in the future.`; from.setError(bad); }
    if (bad) {
      note.error(bad);
      return;
    }
    const j = await busy({ button: go, region: form, notice: note, working: 'Starting the fetch…' }, () =>
      call('fetchAmazonReports', { dataStart: start || null, dataEnd: end || null }));
    if (!j) return;
    note.show('info', j.state === 'RUNNING' ? 'Fetching. Keep this sidebar open; you can use the other tabs meanwhile.' : j.message);
    if (j.state === 'RUNNING') setRunning(true);
    track(j);
  });

  onState(renderHint);
  renderHint();
  renderJob(st.job);
  if (st.job.state === 'RUNNING') {
    setRunning(true);
    schedule(POLL_MS);
  }
  window.addEventListener('pagehide', stop);
  return section('Fetch from Amazon', form, job);
}

export function autoImportSection(): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'auto-import', name: 'autoImport' });
  const owner = h('p', { class: 'hint' });
  const note = notice();
  const wrap = h('div', { class: 'stack' },
    h('label', { class: 'check', for: 'auto-import' }, box, h('span', null, 'Import new Amazon data when this workbook is opened')),
    h('p', { class: 'hint', id: 'auto-import-help' },
      'Once a day, when someone opens the workbook and the last import is older than today, it fetches from the day after the last import to yesterday. ' +
      'Nothing runs while nobody has the workbook open.'),
    owner,
    note.el,
  );
  box.setAttribute('aria-describedby', 'auto-import-help');

  function render(): void {
    const a = getState().amazon;
    box.checked = a.autoImport;
    box.disabled = !a.connected && !a.autoImport;
    fill(owner, !a.connected && !a.autoImport ? 'Connect to Amazon first.' :
      !a.autoImport ? 'Off. When you switch it on, scheduled imports use your credentials.' :
        a.autoImportOwner === 'you' ? 'On: scheduled imports use your credentials.' : `On: scheduled imports use the credentials of ${a.autoImportOwner || 'another editor'}.`);
  }

  box.addEventListener('change', async () => {
    const on = box.checked;
    const view = await busy({ controls: [box], region: wrap, notice: note, working: on ? 'Switching auto-import on…' : 'Switching auto-import off…' },
      () => call('setAutoImport', on));
    if (!view) {
      box.checked = !on;
      return;
    }
    patchState({ amazon: view });
    note.show('ok', view.autoImport ? 'Auto-import on open is on.' : 'Auto-import on open is off.');
  });

  onState(render);
  render();
  return section('Auto-import on open', wrap);
}
