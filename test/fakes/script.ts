/**
 * ScriptApp (installable triggers), Session, Logger and console.
 * https://developers.google.com/apps-script/reference/script/script-app
 */
import { format } from 'node:util';
import { createHash } from 'node:crypto';
import { FakeObject } from './object';
import type { Execution } from './execution';
import { GasError, isDate } from './realm';
import { enumOf } from './spreadsheet';

type Trigger = GoogleAppsScript.Script.Trigger;
type EventType = GoogleAppsScript.Script.EventType;
type TriggerSource = GoogleAppsScript.Script.TriggerSource;

export const AuthModeEnum = enumOf<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const EventTypeEnum = enumOf<typeof GoogleAppsScript.Script.EventType>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSourceEnum = enumOf<typeof GoogleAppsScript.Script.TriggerSource>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const WeekdayEnum = enumOf<typeof GoogleAppsScript.Base.Weekday>(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']);

export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';

export interface TriggerModel {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: 'SPREADSHEETS' | 'CLOCK';
  /** The spreadsheet id for spreadsheet triggers; for clock triggers in an add-on, the document it was created from. */
  sourceId: string;
  user: string;
  /** Clock schedule, as built. */
  clock?: { everyMinutes?: number; everyHours?: number; everyDays?: number; everyWeeks?: number; atHour?: number; nearMinute?: number; after?: number; at?: number; timezone?: string };
}

/**
 * Installable-trigger limits.
 * "20 triggers / user / script" (https://developers.google.com/apps-script/guides/services/quotas#current_limitations).
 * Editor add-ons: "Each add-on can only have one trigger of each type, per user, per document",
 * and time-driven triggers cannot run more often than once an hour
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions). (unverified: the messages)
 */
export const TRIGGERS_PER_USER = 20;

export function checkNewTrigger(x: Execution, t: Omit<TriggerModel, 'id'>): void {
  const env = x.env;
  const mine = env.triggers.filter((o) => o.user === t.user);
  if (mine.length >= TRIGGERS_PER_USER) {
    throw new GasError('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  }
  if (env.options.addOn ?? true) {
    if (mine.some((o) => o.eventType === t.eventType && o.sourceId === t.sourceId)) {
      throw new GasError(`An add-on can only have one ${t.eventType} trigger per user per document.`);
    }
    if (t.clock?.everyMinutes !== undefined) {
      throw new GasError('Add-on time-driven triggers cannot run more often than once per hour.');
    }
  }
}

class FakeTrigger extends FakeObject implements Trigger {
  constructor(x: Execution, private readonly t: TriggerModel) {
    super(x);
  }
  _model(): TriggerModel { return this.t; }
  getEventType(): EventType { return this.t.eventType as unknown as EventType; }
  getHandlerFunction(): string { return this.t.handler; }
  getTriggerSource(): TriggerSource { return this.t.source as unknown as TriggerSource; }
  getTriggerSourceId(): string { return this.t.source === 'CLOCK' ? (null as unknown as string) : this.t.sourceId; }
  getUniqueId(): string { return this.t.id; }
}

function triggerFacade(x: Execution, t: TriggerModel): Trigger {
  return x.wrap<Trigger>('Trigger', new FakeTrigger(x, t));
}

function create(x: Execution, t: Omit<TriggerModel, 'id'>): Trigger {
  checkNewTrigger(x, t);
  const model: TriggerModel = { ...t, id: String(x.env._nextTriggerId()) };
  x.env.triggers.push(model);
  return triggerFacade(x, model);
}

class FakeSpreadsheetTriggerBuilder extends FakeObject implements GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
  private type: EventTypeName | null = null;
  constructor(x: Execution, private readonly handler: string, private readonly ssId: string) { super(x); }
  private set(t: EventTypeName): GoogleAppsScript.Script.SpreadsheetTriggerBuilder { this.type = t; return this._me(); }
  onOpen() { return this.set('ON_OPEN'); }
  onEdit() { return this.set('ON_EDIT'); }
  onChange() { return this.set('ON_CHANGE'); }
  onFormSubmit() { return this.set('ON_FORM_SUBMIT'); }
  create(): Trigger {
    if (!this.type) throw new GasError('Trigger type must be specified before create().'); // (unverified message)
    return create(this._x, { handler: this.handler, eventType: this.type, source: 'SPREADSHEETS', sourceId: this.ssId, user: this._x.user });
  }
}

type ClockKeys = 'after' | 'at' | 'atHour' | 'create' | 'everyDays' | 'everyHours' | 'everyMinutes' | 'everyWeeks' | 'inTimezone' | 'nearMinute';

class FakeClockTriggerBuilder extends FakeObject implements Pick<GoogleAppsScript.Script.ClockTriggerBuilder, ClockKeys> {
  private c: NonNullable<TriggerModel['clock']> = {};
  constructor(x: Execution, private readonly handler: string) { super(x); }
  private me(): GoogleAppsScript.Script.ClockTriggerBuilder { return this._me(); }
  /** https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer): 1, 5, 10, 15 or 30. */
  everyMinutes(n: number) {
    if (![1, 5, 10, 15, 30].includes(Number(n))) throw new GasError('Invalid argument: minutes'); // (unverified message)
    this.c.everyMinutes = Number(n); return this.me();
  }
  /** https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer): 1, 2, 4, 6, 8 or 12. */
  everyHours(n: number) {
    if (![1, 2, 4, 6, 8, 12].includes(Number(n))) throw new GasError('Invalid argument: hours'); // (unverified message)
    this.c.everyHours = Number(n); return this.me();
  }
  everyDays(n: number) { this.c.everyDays = Number(n); return this.me(); }
  everyWeeks(n: number) { this.c.everyWeeks = Number(n); return this.me(); }
  atHour(h: number) { this.c.atHour = Number(h); return this.me(); }
  nearMinute(m: number) { this.c.nearMinute = Number(m); return this.me(); }
  after(ms: number) { this.c.after = Number(ms); return this.me(); }
  at(date: GoogleAppsScript.Base.Date) { this.c.at = isDate(date) ? (date as unknown as Date).getTime() : NaN; return this.me(); }
  inTimezone(tz: string) { this.c.timezone = String(tz); return this.me(); }
  create(): Trigger {
    const c = this.c;
    if (c.everyMinutes === undefined && c.everyHours === undefined && c.everyDays === undefined && c.everyWeeks === undefined && c.after === undefined && c.at === undefined) {
      throw new GasError('Clock trigger schedule must be specified before create().'); // (unverified message)
    }
    const env = this._x.env;
    return create(this._x, { handler: this.handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: env.containerBound ? env.spreadsheet.id : '', user: this._x.user, clock: { ...c } });
  }
}

class FakeTriggerBuilder extends FakeObject implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'forSpreadsheet' | 'timeBased'> {
  constructor(x: Execution, private readonly handler: string) { super(x); }

  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    const env = this._x.env;
    let id: string;
    if (typeof sheet === 'string') id = sheet;
    else {
      const s = this._x.unwrap<FakeObject>(sheet);
      if (!s || typeof (sheet as { getId?: unknown }).getId !== 'function') throw new GasError('Invalid argument: sheet');
      id = env.spreadsheet.id;
    }
    if (id !== env.spreadsheet.id) throw new GasError(`You do not have permission to access the requested document.`); // currentonly scope (unverified message)
    return this._x.wrap('SpreadsheetTriggerBuilder', new FakeSpreadsheetTriggerBuilder(this._x, this.handler, id));
  }

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this._x.wrap('ClockTriggerBuilder', new FakeClockTriggerBuilder(this._x, this.handler));
  }
}

type ScriptAppKeys = 'AuthMode' | 'EventType' | 'TriggerSource' | 'WeekDay' | 'getProjectTriggers' | 'getUserTriggers' | 'newTrigger'
  | 'deleteTrigger' | 'getScriptId' | 'getOAuthToken';

export class FakeScriptApp extends FakeObject implements Pick<GoogleAppsScript.Script.ScriptApp, ScriptAppKeys> {
  readonly AuthMode = AuthModeEnum;
  readonly EventType = EventTypeEnum;
  readonly TriggerSource = TriggerSourceEnum;
  readonly WeekDay = WeekdayEnum;

  /** "Gets all installable triggers associated with the current project and current user." */
  getProjectTriggers(): Trigger[] {
    return this._x.env.triggers.filter((t) => t.user === this._x.user).map((t) => triggerFacade(this._x, t));
  }

  /** The current user's triggers for that document. */
  getUserTriggers(spreadsheet: any): Trigger[] {
    const id = this._x.env.spreadsheet.id;
    if (!spreadsheet || typeof spreadsheet.getId !== 'function') throw new GasError('Invalid argument: spreadsheet');
    return this._x.env.triggers.filter((t) => t.user === this._x.user && t.sourceId === id).map((t) => triggerFacade(this._x, t));
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    return this._x.wrap('TriggerBuilder', new FakeTriggerBuilder(this._x, String(functionName)));
  }

  deleteTrigger(trigger: Trigger): void {
    const t = this._x.unwrap<FakeTrigger>(trigger);
    if (!(t instanceof FakeTrigger)) throw new GasError('Invalid argument: trigger');
    const id = t._model().id;
    const env = this._x.env;
    env.triggers.splice(0, env.triggers.length, ...env.triggers.filter((x) => x.id !== id));
  }

  getScriptId(): string { return this._x.env.options.scriptId ?? 'fake-script-id'; }
  getOAuthToken(): string { return 'fake-oauth-token'; }
}

// ---------------------------------------------------------------------------------------------

class FakeUser extends FakeObject implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(x: Execution, private readonly email: string) { super(x); }
  getEmail(): string { return this.email; }
}

export class FakeSession extends FakeObject implements Pick<GoogleAppsScript.Base.Session, 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey' | 'getActiveUser' | 'getEffectiveUser'> {
  /** The manifest's timeZone (https://developers.google.com/apps-script/manifest#Manifest.FIELDS.timeZone). */
  getScriptTimeZone(): string { return this._x.env.manifest?.timeZone ?? 'America/New_York'; }
  getActiveUserLocale(): string { return this._x.env.options.locale ?? 'en'; }

  /** Stable per user (and script). */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`${this._x.env.options.scriptId ?? 'fake-script-id'}:${this._x.user}`).digest('base64').slice(0, 43);
  }

  /** The email is only known in FULL mode here. (unverified: consumer accounts often get '') */
  getActiveUser(): GoogleAppsScript.Base.User {
    return this._x.wrap('User', new FakeUser(this._x, this._x.mode === 'FULL' ? this._x.user : ''));
  }

  getEffectiveUser(): GoogleAppsScript.Base.User {
    return this._x.wrap('User', new FakeUser(this._x, this._x.mode === 'FULL' ? this._x.user : ''));
  }
}

// ---------------------------------------------------------------------------------------------

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: number;
  execution: number;
}

function fmt(args: unknown[]): string {
  return format(...(args as [unknown, ...unknown[]]));
}

export class FakeLogger extends FakeObject implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'clear' | 'getLog'> {
  private lines: string[] = [];

  /** log(data) | log(format, ...values) with %s-style placeholders. */
  log(...args: any[]): GoogleAppsScript.Base.Logger {
    const message = fmt(args);
    this.lines.push(message);
    this._x.env.logs.push({ source: 'Logger', level: 'log', message, at: this._x.env.clock.now(), execution: this._x.id });
    return this._me();
  }

  clear(): void { this.lines = []; }
  getLog(): string { return this.lines.map((l) => `${l}\n`).join(''); }
}

/** console.* go to the env's log (they are not Apps Script services: not counted or time-checked). */
export function makeConsole(x: Execution): FakeConsole {
  const put = (level: LogEntry['level']) => (...args: unknown[]) => {
    x.env.logs.push({ source: 'console', level, message: fmt(args), at: x.env.clock.now(), execution: x.id });
  };
  return { log: put('log'), info: put('info'), warn: put('warn'), error: put('error'), debug: put('debug') };
}

export type FakeConsole = Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
