/**
 * Small building blocks in Google's add-on style: buttons, labelled fields, message areas
 * (role=status for progress and success, role=alert for errors) and the loading state every
 * server call goes through.
 */
import { type Attrs, type Child, h, fill, uid } from './dom';
import { errorText } from './format';

export type ButtonKind = 'primary' | 'secondary' | 'link' | 'danger';

export function button(label: Child, kind: ButtonKind = 'secondary', attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn btn-${kind}`, ...attrs }, label);
}

export function submitButton(label: string, kind: ButtonKind = 'primary', attrs: Attrs = {}): HTMLButtonElement {
  return button(label, kind, { ...attrs, type: 'submit' });
}

export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'muted';

export function badge(text: string, tone: Tone = 'muted', attrs: Attrs = {}): HTMLSpanElement {
  return h('span', { class: `badge badge-${tone}`, ...attrs }, text);
}

export function spinner(): HTMLSpanElement {
  return h('span', { class: 'spinner', 'aria-hidden': 'true' });
}

/** A message box inside a card: problems, warnings, explanations. */
export function callout(tone: Tone, ...children: Child[]): HTMLDivElement {
  return h('div', { class: `callout callout-${tone}` }, ...children);
}

export interface Notice {
  el: HTMLDivElement;
  /** Progress or success, announced politely. */
  show(tone: 'ok' | 'warn' | 'info', ...children: Child[]): void;
  /** A failure in words, announced at once. */
  error(message: string): void;
  clear(): void;
}

/** The message area next to an action: one role=status line and one role=alert line. */
export function notice(): Notice {
  const status = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const alert = h('div', { class: 'notice notice-error', role: 'alert' });
  const el = h('div', { class: 'notices' }, status, alert);
  return {
    el,
    show(tone, ...children) {
      fill(alert);
      status.className = `notice notice-${tone}`;
      fill(status, ...children);
    },
    error(message) {
      fill(status);
      fill(alert, message);
    },
    clear() {
      fill(status);
      fill(alert);
    },
  };
}

export interface BusyOptions {
  /** Disabled, with a spinner, while the call runs. */
  button?: HTMLButtonElement | null;
  /** Other controls to disable meanwhile (e.g. a checkbox that triggered the call). */
  controls?: Array<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>;
  /** Gets aria-busy while the call runs (the form or card of the action). */
  region?: HTMLElement | null;
  notice?: Notice | null;
  /** "Saving…" — shown in the notice while the call runs. */
  working?: string;
}

/**
 * Runs a server call with its loading state and shows its failure in words. Resolves to the
 * call's value, or null when it failed (the notice then shows why). A button already busy is
 * not run again (no double submits).
 */
export async function busy<T>(opts: BusyOptions, task: () => Promise<T>): Promise<T | null> {
  const btn = opts.button || null;
  if (btn && btn.dataset.busy === '1') return null;
  const hadFocus = btn !== null && document.activeElement === btn;
  const spin = spinner();
  const disabled: Array<HTMLInputElement | HTMLSelectElement | HTMLButtonElement> = [];
  if (btn) {
    btn.dataset.busy = '1';
    btn.disabled = true;
    btn.insertBefore(spin, btn.firstChild);
  }
  for (const c of opts.controls || []) {
    if (!c.disabled) {
      c.disabled = true;
      disabled.push(c);
    }
  }
  if (opts.region) opts.region.setAttribute('aria-busy', 'true');
  if (opts.notice) opts.notice.show('info', spinner(), opts.working || 'Working…');
  try {
    const value = await task();
    if (opts.notice) opts.notice.clear();
    return value;
  } catch (err) {
    if (opts.notice) opts.notice.error(errorText(err));
    return null;
  } finally {
    if (btn) {
      delete btn.dataset.busy;
      btn.disabled = false;
      if (spin.parentNode === btn) btn.removeChild(spin);
      if (hadFocus && btn.isConnected) btn.focus();
    }
    for (const c of disabled) c.disabled = false;
    if (opts.region) opts.region.removeAttribute('aria-busy');
  }
}

export interface Field<T extends HTMLElement> {
  wrap: HTMLDivElement;
  control: T;
  label: HTMLLabelElement;
  hint: HTMLDivElement;
  setError(message: string | null): void;
  setHint(...children: Child[]): void;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled control with an optional hint and its own error line (wired with aria-describedby). */
export function field<T extends Control>(label: string, control: T, hint?: Child, opts: { optional?: boolean } = {}): Field<T> {
  const id = control.id || uid('f');
  control.id = id;
  const hintEl = h('div', { class: 'hint', id: `${id}-hint` });
  const errEl = h('div', { class: 'field-error', id: `${id}-err` });
  control.setAttribute('aria-describedby', `${id}-hint ${id}-err`);
  const labelEl = h('label', { for: id }, label, opts.optional ? h('span', { class: 'optional' }, ' (optional)') : null);
  const wrap = h('div', { class: 'field' }, labelEl, control, hintEl, errEl);
  if (hint !== undefined && hint !== null) fill(hintEl, hint);
  return {
    wrap,
    control,
    label: labelEl,
    hint: hintEl,
    setError(message) {
      fill(errEl, message || '');
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
    setHint(...children) {
      fill(hintEl, ...children);
    },
  };
}

export function input(attrs: Attrs = {}): HTMLInputElement {
  return h('input', { type: 'text', ...attrs });
}

export function select(attrs: Attrs = {}, ...children: Child[]): HTMLSelectElement {
  return h('select', attrs, ...children);
}

/** A titled section of a tab. */
export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/**
 * An inline confirmation (the sandboxed sidebar has no reliable confirm()): shows a question
 * with Confirm and Cancel in place of `host`'s content until one is chosen.
 */
export function confirmInline(host: HTMLElement, question: Child, confirmLabel: string, onConfirm: (btn: HTMLButtonElement) => void, onCancel?: () => void): void {
  const yes = button(confirmLabel, 'danger');
  const no = button('Cancel', 'secondary');
  const box = h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm' }, h('p', null, question), h('div', { class: 'actions' }, yes, no));
  host.appendChild(box);
  yes.addEventListener('click', () => onConfirm(yes));
  no.addEventListener('click', () => {
    box.remove();
    if (onCancel) onCancel();
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      no.click();
    }
  });
  no.focus();
}
