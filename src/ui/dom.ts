/**
 * Tiny element helpers. Text always goes in as text nodes: nothing from the server is ever
 * parsed as HTML.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Attrs = Record<string, AttrValue>;

const PROPS = new Set(['value', 'checked', 'selected', 'indeterminate']);

function apply(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const key of Object.keys(attrs)) {
    const v = attrs[key];
    if (typeof v === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), v);
    } else if (PROPS.has(key)) {
      (el as unknown as Record<string, unknown>)[key] = v;
    } else if (v === true) {
      el.setAttribute(key, '');
    } else if (v !== false && v !== null && v !== undefined) {
      el.setAttribute(key, String(v));
    }
  }
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** h('button', {class: 'primary', onclick: f}, 'Save'): attributes, `on…` listeners, text children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

let counter = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

/** An <option> list; `selected` picks the matching value. */
export function options(items: ReadonlyArray<{ value: string; label: string }>, selected?: string | null): HTMLOptionElement[] {
  return items.map((o) => h('option', { value: o.value, selected: o.value === selected }, o.label));
}

/** Sets a select's options, keeping the current choice when it still exists. */
export function setOptions(select: HTMLSelectElement, items: ReadonlyArray<{ value: string; label: string }>, preferred?: string | null): void {
  const keep = preferred !== undefined && preferred !== null ? preferred : select.value;
  fill(select, options(items));
  if (items.some((o) => o.value === keep)) select.value = keep;
}
