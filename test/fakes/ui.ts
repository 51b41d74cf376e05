/**
 * The editor UI (menus, sidebars, dialogs, alerts, prompts, toasts) as a record tests can read,
 * with scripted answers for alerts and prompts; and HtmlService over a map of HTML files.
 * https://developers.google.com/apps-script/reference/base/ui
 * https://developers.google.com/apps-script/reference/html/html-service
 */
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError } from './realm';
import { enumOf } from './spreadsheet';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;

export const ButtonEnum = enumOf<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSetEnum = enumOf<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
export const SandboxModeEnum = enumOf<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsModeEnum = enumOf<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

const SET_BUTTONS: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'], OK_CANCEL: ['OK', 'CANCEL'], YES_NO: ['YES', 'NO'], YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; entries: MenuEntry[] };

export interface MenuRecord {
  /** true for createAddonMenu() (Extensions ▸ add-on name). */
  addon: boolean;
  caption: string | null;
  entries: MenuEntry[];
  /** Auth mode of the execution that added it. */
  mode: string;
}

export interface ShownHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  at: number;
}

export class UiRecord {
  menus: MenuRecord[] = [];
  shown: ShownHtml[] = [];
  alerts: Array<{ title: string | null; prompt: string; buttons: ButtonSetName; answer: ButtonName }> = [];
  prompts: Array<{ title: string | null; prompt: string; buttons: ButtonSetName; answer: { text: string; button: ButtonName } }> = [];
  toasts: Array<{ message: string; title: string | null; timeoutSeconds: number | null }> = [];
  private alertAnswers: ButtonName[] = [];
  private promptAnswers: Array<{ text: string; button: ButtonName }> = [];

  get sidebars(): ShownHtml[] { return this.shown.filter((s) => s.kind === 'sidebar'); }
  get dialogs(): ShownHtml[] { return this.shown.filter((s) => s.kind !== 'sidebar'); }

  /** The add-on menu most recently added (what Extensions ▸ add-on shows). */
  get addonMenu(): MenuRecord | undefined {
    return [...this.menus].reverse().find((m) => m.addon);
  }

  /** Queues the button the user will click on the next alert(s). Unqueued alerts answer OK (YES for YES_NO sets). */
  answerAlert(...buttons: ButtonName[]): void { this.alertAnswers.push(...buttons); }

  /** Queues the next prompt's answer (button default OK). */
  answerPrompt(text: string, button: ButtonName = 'OK'): void { this.promptAnswers.push({ text, button }); }

  /** Finds a menu item's handler by caption in the add-on menu (submenus searched too). */
  findItem(caption: string): string | undefined {
    const walk = (entries: MenuEntry[]): string | undefined => {
      for (const e of entries) {
        if (e.kind === 'item' && e.caption === caption) return e.functionName;
        if (e.kind === 'submenu') { const f = walk(e.entries); if (f) return f; }
      }
      return undefined;
    };
    const menus = [...this.menus].reverse();
    for (const m of menus) { const f = walk(m.entries); if (f) return f; }
    return undefined;
  }

  clear(): void {
    this.menus = []; this.shown = []; this.alerts = []; this.prompts = []; this.toasts = [];
  }

  _nextAlert(set: ButtonSetName): ButtonName {
    const a = this.alertAnswers.shift() ?? (set.startsWith('YES') ? 'YES' : 'OK');
    if (a !== 'CLOSE' && !SET_BUTTONS[set].includes(a)) throw new Error(`scripted alert answer ${a} is not a button of ${set}`);
    return a;
  }

  _nextPrompt(set: ButtonSetName): { text: string; button: ButtonName } {
    const a = this.promptAnswers.shift() ?? { text: '', button: set.startsWith('YES') ? 'YES' : 'OK' };
    if (a.button !== 'CLOSE' && !SET_BUTTONS[set].includes(a.button)) throw new Error(`scripted prompt answer ${a.button} is not a button of ${set}`);
    return a;
  }

  _facade(x: Execution): Ui {
    return x.wrap<Ui>('Ui', new FakeUi(x));
  }
}

function isButtonSet(x: unknown): x is ButtonSetName {
  return typeof x === 'string' && x in SET_BUTTONS;
}

class FakeUi extends FakeObject implements Pick<Ui, 'Button' | 'ButtonSet' | 'alert' | 'prompt' | 'createAddonMenu' | 'createMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'> {
  readonly Button = ButtonEnum;
  readonly ButtonSet = ButtonSetEnum;

  private get rec(): UiRecord { return this._x.env.ui; }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: string, b?: string | ButtonSet, c?: ButtonSet): Button {
    let title: string | null = null, prompt: string, set: ButtonSetName = 'OK';
    if (c !== undefined) { title = String(a); prompt = String(b); set = String(c) as ButtonSetName; }
    else if (b !== undefined) { prompt = String(a); set = String(b) as ButtonSetName; }
    else prompt = String(a);
    if (!isButtonSet(set)) throw new GasError('Invalid argument: buttons');
    const answer = this.rec._nextAlert(set);
    this.rec.alerts.push({ title, prompt, buttons: set, answer });
    return answer as unknown as Button;
  }

  prompt(a: string, b?: string | ButtonSet, c?: ButtonSet): GoogleAppsScript.Base.PromptResponse {
    let title: string | null = null, prompt: string, set: ButtonSetName = 'OK';
    if (c !== undefined) { title = String(a); prompt = String(b); set = String(c) as ButtonSetName; }
    else if (b !== undefined) { prompt = String(a); set = String(b) as ButtonSetName; }
    else prompt = String(a);
    if (!isButtonSet(set)) throw new GasError('Invalid argument: buttons');
    const answer = this.rec._nextPrompt(set);
    this.rec.prompts.push({ title, prompt, buttons: set, answer });
    return this._x.wrap<GoogleAppsScript.Base.PromptResponse>('PromptResponse', new FakePromptResponse(this._x, answer.text, answer.button));
  }

  createAddonMenu(): Menu {
    return this._x.wrap<Menu>('Menu', new FakeMenu(this._x, true, null));
  }

  createMenu(caption: string): Menu {
    return this._x.wrap<Menu>('Menu', new FakeMenu(this._x, false, String(caption)));
  }

  private show(kind: ShownHtml['kind'], ui: unknown, title?: string): void {
    const h = this._x.unwrap<FakeHtmlOutput>(ui);
    if (!(h instanceof FakeHtmlOutput)) throw new GasError('Invalid argument: userInterface');
    this.rec.shown.push({
      kind, title: title !== undefined ? String(title) : h._title, content: h._content,
      width: h._width, height: h._height, at: this._x.env.clock.now(),
    });
  }

  /** The sidebar's title comes from HtmlOutput.setTitle. */
  showSidebar(userInterface: Pick<HtmlOutput, 'getContent'>): void { this.show('sidebar', userInterface); }
  showModalDialog(userInterface: Pick<HtmlOutput, 'getContent'>, title: string): void { this.show('modal', userInterface, title); }
  showModelessDialog(userInterface: Pick<HtmlOutput, 'getContent'>, title: string): void { this.show('modeless', userInterface, title); }
}

class FakePromptResponse extends FakeObject implements GoogleAppsScript.Base.PromptResponse {
  constructor(x: Execution, private text: string, private button: ButtonName) { super(x); }
  getResponseText(): string { return this.text; }
  getSelectedButton(): Button { return this.button as unknown as Button; }
}

class FakeMenu extends FakeObject implements Menu {
  private entries: MenuEntry[] = [];

  constructor(x: Execution, private addon: boolean, private caption: string | null) { super(x); }

  _entries(): MenuEntry[] { return this.entries; }

  addItem(caption: string, functionName: string): Menu {
    this.entries.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this._me<Menu>();
  }

  addSeparator(): Menu {
    this.entries.push({ kind: 'separator' });
    return this._me<Menu>();
  }

  addSubMenu(menu: Menu): Menu {
    const m = this._x.unwrap<FakeMenu>(menu);
    if (!(m instanceof FakeMenu)) throw new GasError('Invalid argument: menu');
    this.entries.push({ kind: 'submenu', caption: m.caption ?? '', entries: m._entries() });
    return this._me<Menu>();
  }

  /** Adding a menu with the same identity replaces the earlier one (each onOpen rebuilds it). */
  addToUi(): void {
    const rec = this._x.env.ui;
    rec.menus = rec.menus.filter((m) => !(m.addon === this.addon && m.caption === this.caption));
    rec.menus.push({ addon: this.addon, caption: this.caption, entries: this.entries, mode: this._x.mode });
  }
}

// ---------------------------------------------------------------------------------------------
// HtmlService

type OutputKeys = 'append' | 'clear' | 'getContent' | 'setContent' | 'getTitle' | 'setTitle' | 'getWidth' | 'setWidth' | 'getHeight'
  | 'setHeight' | 'setSandboxMode' | 'setXFrameOptionsMode' | 'addMetaTag' | 'setFaviconUrl' | 'getFaviconUrl';

export class FakeHtmlOutput extends FakeObject implements Pick<HtmlOutput, OutputKeys> {
  _content: string;
  _title = '';
  _width: number | null = null;
  _height: number | null = null;
  _favicon = '';
  _meta: Array<{ name: string; content: string }> = [];

  constructor(x: Execution, content = '') {
    super(x);
    this._content = content;
  }

  append(addedContent: string): HtmlOutput { this._content += String(addedContent); return this._me<HtmlOutput>(); }
  clear(): HtmlOutput { this._content = ''; return this._me<HtmlOutput>(); }
  getContent(): string { return this._content; }
  setContent(content: string): HtmlOutput { this._content = String(content); return this._me<HtmlOutput>(); }
  getTitle(): string { return this._title; }
  setTitle(title: string): HtmlOutput { this._title = String(title); return this._me<HtmlOutput>(); }
  getWidth(): number { return this._width ?? 0; }
  setWidth(width: number): HtmlOutput { this._width = Number(width); return this._me<HtmlOutput>(); }
  getHeight(): number { return this._height ?? 0; }
  setHeight(height: number): HtmlOutput { this._height = Number(height); return this._me<HtmlOutput>(); }
  setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput { return this._me<HtmlOutput>(); }
  setXFrameOptionsMode(_mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput { return this._me<HtmlOutput>(); }
  addMetaTag(name: string, content: string): HtmlOutput { this._meta.push({ name: String(name), content: String(content) }); return this._me<HtmlOutput>(); }
  setFaviconUrl(iconUrl: string): HtmlOutput { this._favicon = String(iconUrl); return this._me<HtmlOutput>(); }
  getFaviconUrl(): string { return this._favicon; }
}

/**
 * A template supporting printing scriptlets `<?= name ?>` (HTML-escaped) and `<?!= name ?>` (raw)
 * whose expression is a property assigned on the template. Code scriptlets `<? … ?>` and other
 * expressions are not supported by the fake and throw.
 * https://developers.google.com/apps-script/guides/html/templates
 */
class FakeHtmlTemplate extends FakeObject {
  [propName: string]: any;

  constructor(x: Execution, private readonly _raw: string) {
    super(x);
    this._writable = true;
  }

  getRawContent(): string { return this._raw; }

  evaluate(): HtmlOutput {
    const html = this._raw.replace(/<\?(!?=)?([\s\S]*?)\?>/g, (_m, kind: string | undefined, expr: string) => {
      const name = expr.trim();
      if (!kind) throw new GasError(`The HtmlService fake does not run code scriptlets: <?${expr}?>`);
      if (!/^[A-Za-z$][\w$]*$/.test(name)) throw new GasError(`The HtmlService fake only prints template properties, not: ${name}`);
      const v = (this as Record<string, unknown>)[name];
      const s = v === undefined || v === null ? '' : String(v);
      return kind === '!=' ? s : s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    });
    return this._x.wrap<HtmlOutput>('HtmlOutput', new FakeHtmlOutput(this._x, html));
  }
}

type HtmlServiceKeys = 'SandboxMode' | 'XFrameOptionsMode' | 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate'
  | 'createTemplateFromFile';

export class FakeHtmlService extends FakeObject implements Pick<GoogleAppsScript.HTML.HtmlService, HtmlServiceKeys> {
  readonly SandboxMode = SandboxModeEnum;
  readonly XFrameOptionsMode = XFrameOptionsModeEnum;

  private file(filename: string): string {
    const name = String(filename);
    const html = this._x.env.html;
    const found = html.get(name) ?? html.get(name.replace(/\.html$/, ''));
    if (found === undefined) throw new GasError(`No HTML file named ${name} was found.`);
    return found;
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    let content = '';
    if (typeof html === 'string') content = html;
    else if (html && typeof html === 'object' && typeof (html as { getDataAsString?: unknown }).getDataAsString === 'function') {
      content = (html as { getDataAsString(): string }).getDataAsString();
    }
    return this._x.wrap<HtmlOutput>('HtmlOutput', new FakeHtmlOutput(this._x, content));
  }

  /** Files are named without `.html` (https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutputFromFile(String)). */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return this._x.wrap<HtmlOutput>('HtmlOutput', new FakeHtmlOutput(this._x, this.file(filename)));
  }

  createTemplate(html: unknown): HtmlTemplate {
    return this._x.wrap<HtmlTemplate>('HtmlTemplate', new FakeHtmlTemplate(this._x, String(html)));
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    return this._x.wrap<HtmlTemplate>('HtmlTemplate', new FakeHtmlTemplate(this._x, this.file(filename)));
  }
}
