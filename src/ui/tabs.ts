/**
 * The tab strip: role=tablist with roving tabindex; Left/Right move and select, Home/End jump.
 */
import { h } from './dom';
import type { NavParams, TabId } from './state';

export interface TabDef {
  id: TabId;
  label: string;
  panel: HTMLElement;
}

export interface TabStrip {
  el: HTMLElement;
  select(id: TabId, focus?: boolean): boolean;
  setIndicator(id: TabId, label: string | null): void;
}

export function tabStrip(defs: TabDef[], onSelect: (id: TabId) => void): TabStrip {
  const buttons = defs.map((d) =>
    h('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${d.id}`,
      class: 'tab',
      'aria-selected': 'false',
      'aria-controls': `panel-${d.id}`,
      tabindex: '-1',
      'data-tab': d.id,
    }, h('span', { class: 'tab-label' }, d.label)),
  );
  for (const d of defs) {
    d.panel.id = `panel-${d.id}`;
    d.panel.setAttribute('role', 'tabpanel');
    d.panel.setAttribute('aria-labelledby', `tab-${d.id}`);
    d.panel.hidden = true;
  }
  const el = h('div', { role: 'tablist', class: 'tablist', 'aria-label': 'FBA Lot Ledger' }, buttons);
  let currentIndex = -1;

  /** Shows a tab's panel (no callback: the caller shows the tab's content). */
  function select(id: TabId, focus = false): boolean {
    const i = defs.findIndex((d) => d.id === id);
    if (i < 0) return false;
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      defs[j].panel.hidden = i !== j;
    });
    if (focus) buttons[i].focus();
    const changed = i !== currentIndex;
    currentIndex = i;
    return changed;
  }

  function activate(id: TabId, focus: boolean): void {
    if (select(id, focus)) onSelect(id);
  }

  buttons.forEach((b, i) => {
    b.addEventListener('click', () => activate(defs[i].id, false));
    b.addEventListener('keydown', (e) => {
      let next = -1;
      if (e.key === 'ArrowRight') next = (i + 1) % defs.length;
      else if (e.key === 'ArrowLeft') next = (i - 1 + defs.length) % defs.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = defs.length - 1;
      if (next >= 0) {
        e.preventDefault();
        activate(defs[next].id, true);
      }
    });
  });

  function setIndicator(id: TabId, label: string | null): void {
    const b = buttons[defs.findIndex((d) => d.id === id)];
    if (!b) return;
    const old = b.querySelector('.tab-dot');
    if (old) old.remove();
    if (label) b.appendChild(h('span', { class: 'tab-dot', title: label }, h('span', { class: 'sr-only' }, ` (${label})`)));
  }

  return { el, select, setIndicator };
}

/** One tab's content: built once, told when it is shown (with what another tab asked for). */
export interface TabView {
  id: TabId;
  label: string;
  panel: HTMLElement;
  show(params?: NavParams): void;
}
