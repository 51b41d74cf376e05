/**
 * Report dates (spec §6 "Parsing", "Dates"). A Date cell is `MM/DD/YYYY`, `DD/MM/YYYY` or ISO
 * (`YYYY-MM-DD`, possibly followed by a time and an offset, which are ignored: the day is the
 * calendar day as written). Slashes, dots and hyphens are accepted as separators of the numeric
 * forms. The order of the numeric forms is decided once per file:
 * - a first field above 12 somewhere means day first; a second field above 12 means month first;
 *   both in one file is an error naming a line of each;
 * - for a fetched report (whose request window is known): the one order that puts every date
 *   within a month of the requested days, when only one does;
 * - otherwise by the rows' Country: US and CA write month first, every other country day first
 *   (a warning says so); with no country at all, month first (Amazon's documented format).
 *
 * Summary reports aggregated by month may date a row by its month only: `MM/YYYY`, `M/YYYY`,
 * `YYYY-MM` (and `YYYY/MM`) are read as that month; a full date is read as its month.
 */
import { dayFromYmd, isValidYmd, type Day } from '../days';
import { InputError } from '../errors';

/** The order of a file's numeric day-month dates. */
export type DateOrder = 'MM/DD/YYYY' | 'DD/MM/YYYY';

/** Countries whose reports write the month first (spec §6). */
export const MONTH_FIRST_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA']);

type Token =
  | { kind: 'ymd'; y: number; m: number; d: number; text: string; line: number }
  | { kind: 'ab'; a: number; b: number; y: number; text: string; line: number }
  | { kind: 'ym'; y: number; m: number; text: string; line: number };

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/;
const AB = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s,])/;
const YM = /^(\d{4})[-/](\d{1,2})$/;
const MY = /^(\d{1,2})[-/.](\d{4})$/;

function classify(raw: string, line: number): Token | null {
  const text = raw.trim();
  let m = YMD.exec(text);
  if (m) return { kind: 'ymd', y: +m[1], m: +m[2], d: +m[3], text, line };
  m = AB.exec(text);
  if (m) {
    const a = +m[1], b = +m[2];
    if (a < 1 || b < 1 || (a > 12 && b > 12)) return null;
    return { kind: 'ab', a, b, y: +m[3], text, line };
  }
  m = YM.exec(text);
  if (m) return { kind: 'ym', y: +m[1], m: +m[2], text, line };
  m = MY.exec(text);
  if (m) return { kind: 'ym', y: +m[2], m: +m[1], text, line };
  return null;
}

export interface ResolvedDates {
  /** Per input: the day (for a month-only date, the month's first day). */
  days: Day[];
  /** Per input: true when the input named a month only. */
  monthOnly: boolean[];
  /** The order used for numeric day-month dates; null when the file has none that were ambiguous-capable. */
  order: DateOrder | null;
  warnings: string[];
}

export interface DateOptions {
  /** Summary reports: accept month-only dates. */
  allowMonthOnly: boolean;
  /** Country to decide the order by when rows have none (e.g. the connection's marketplace). */
  defaultCountry?: string;
  /**
   * Days the file is known to cover (a fetched report's request window): when no field decides
   * the order and exactly one order puts every numeric date within 31 days of them, that order
   * is used (before the country rule).
   */
  window?: { first: Day; last: Day } | null;
}

const WINDOW_SLACK_DAYS = 31;

/** The one order that puts every ambiguous token near the window, or null. */
function decideByWindow(tokens: readonly Token[], window: { first: Day; last: Day }): DateOrder | null {
  const fits = (order: DateOrder): boolean => {
    for (const t of tokens) {
      if (t.kind !== 'ab') continue;
      const m = order === 'DD/MM/YYYY' ? t.b : t.a;
      const d = order === 'DD/MM/YYYY' ? t.a : t.b;
      if (!isValidYmd(t.y, m, d)) return false;
      const day = dayFromYmd(t.y, m, d);
      if (day < window.first - WINDOW_SLACK_DAYS || day > window.last + WINDOW_SLACK_DAYS) return false;
    }
    return true;
  };
  const mdy = fits('MM/DD/YYYY');
  const dmy = fits('DD/MM/YYYY');
  return mdy === dmy ? null : mdy ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
}

function decideByCountry(countryCounts: ReadonlyMap<string, number>, opts: DateOptions, example: string): { order: DateOrder; warning: string } {
  let monthFirst = 0, dayFirst = 0;
  const seen = new Set<string>();
  for (const [raw, n] of countryCounts) {
    const c = raw.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(c)) continue;
    seen.add(c);
    if (MONTH_FIRST_COUNTRIES.has(c)) monthFirst += n;
    else dayFirst += n;
  }
  if (monthFirst === 0 && dayFirst === 0 && opts.defaultCountry) {
    const c = opts.defaultCountry.trim().toUpperCase();
    seen.add(c);
    if (MONTH_FIRST_COUNTRIES.has(c)) monthFirst++;
    else dayFirst++;
  }
  const list = [...seen].sort().join(', ');
  const ambiguity = `dates such as "${example}" could be read day first or month first`;
  if (monthFirst === 0 && dayFirst === 0) {
    return { order: 'MM/DD/YYYY', warning: `${ambiguity}; with no country to go by they were read as MM/DD/YYYY (Amazon's documented format)` };
  }
  const order: DateOrder = monthFirst >= dayFirst ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
  const mixed = monthFirst > 0 && dayFirst > 0 ? ' (the rows mix countries; most decide)' : '';
  return { order, warning: `${ambiguity}; they were read as ${order} because the rows are in ${list}${mixed}` };
}

/**
 * Collects a file's dates row by row (each distinct text is classified once), then resolves them
 * all at once when the file's order is known. `add` returns a token id; `resolve` gives the day of
 * every token id.
 */
export class DateCollector {
  private readonly cache = new Map<string, number>();
  private readonly tokens: Token[] = [];
  private readonly countryCounts = new Map<string, number>();
  private dayFirstEvidence: Token | null = null;
  private monthFirstEvidence: Token | null = null;
  private ambiguous: Token | null = null;

  constructor(private readonly opts: DateOptions) {}

  /** Records one row's Date text (and Country, which may decide an ambiguous order). */
  add(text: string, line: number, country = ''): number {
    let id = this.cache.get(text);
    if (id === undefined) {
      const tok = classify(text, line);
      if (tok === null) {
        throw new InputError(text.trim() === '' ? 'no Date' : `unreadable Date "${text.trim()}" (expected MM/DD/YYYY, DD/MM/YYYY or YYYY-MM-DD)`, line);
      }
      if (tok.kind === 'ym' && !this.opts.allowMonthOnly) {
        throw new InputError(`the Date "${tok.text}" names a month, not a day`, line);
      }
      if (tok.kind === 'ab') {
        if (tok.a > 12) {
          if (!this.dayFirstEvidence) this.dayFirstEvidence = tok;
        } else if (tok.b > 12) {
          if (!this.monthFirstEvidence) this.monthFirstEvidence = tok;
        } else if (!this.ambiguous) this.ambiguous = tok;
      }
      id = this.tokens.length;
      this.tokens.push(tok);
      this.cache.set(text, id);
    }
    const tok = this.tokens[id];
    if (tok.kind === 'ab' && tok.a <= 12 && tok.b <= 12) this.countryCounts.set(country, (this.countryCounts.get(country) ?? 0) + 1);
    return id;
  }

  /** The order and each token's day (for a month-only date, the month's first day). */
  resolve(): { dayOf: Day[]; monthOnly: boolean[]; order: DateOrder | null; warnings: string[] } {
    const { dayFirstEvidence, monthFirstEvidence, ambiguous } = this;
    const warnings: string[] = [];
    let order: DateOrder | null = null;
    if (dayFirstEvidence && monthFirstEvidence) {
      throw new InputError(
        `the file mixes date orders: line ${dayFirstEvidence.line} has "${dayFirstEvidence.text}" (day first) and line ` +
          `${monthFirstEvidence.line} has "${monthFirstEvidence.text}" (month first)`,
        monthFirstEvidence.line,
      );
    }
    if (dayFirstEvidence) order = 'DD/MM/YYYY';
    else if (monthFirstEvidence) order = 'MM/DD/YYYY';
    else if (ambiguous) {
      const byWindow = this.opts.window ? decideByWindow(this.tokens, this.opts.window) : null;
      if (byWindow) order = byWindow;
      else {
        const decided = decideByCountry(this.countryCounts, this.opts, ambiguous.text);
        order = decided.order;
        warnings.push(decided.warning);
      }
    }
    const dayOf: Day[] = [];
    const monthOnly: boolean[] = [];
    for (const tok of this.tokens) {
      let y: number, m: number, d: number;
      if (tok.kind === 'ymd') {
        y = tok.y; m = tok.m; d = tok.d;
      } else if (tok.kind === 'ab') {
        y = tok.y;
        if (order === 'DD/MM/YYYY') {
          d = tok.a; m = tok.b;
        } else {
          m = tok.a; d = tok.b;
        }
      } else {
        y = tok.y; m = tok.m; d = 1;
      }
      if (!isValidYmd(y, m, d)) {
        throw new InputError(`the Date "${tok.text}" is not a real day${tok.kind === 'ab' ? ` when read as ${order}` : ''}`, tok.line);
      }
      dayOf.push(dayFromYmd(y, m, d));
      monthOnly.push(tok.kind === 'ym');
    }
    return { dayOf, monthOnly, order, warnings };
  }
}

/**
 * Reads a list of dates at once (see {@link DateCollector}). `countries` (per input, or null)
 * decides an ambiguous order. Throws an InputError naming the line of the first unreadable date.
 */
export function resolveDates(
  texts: readonly string[],
  lines: readonly number[],
  countries: readonly string[] | null,
  opts: DateOptions,
): ResolvedDates {
  const c = new DateCollector(opts);
  const ids = texts.map((t, i) => c.add(t, lines[i], countries ? countries[i] : ''));
  const r = c.resolve();
  return { days: ids.map((id) => r.dayOf[id]), monthOnly: ids.map((id) => r.monthOnly[id]), order: r.order, warnings: r.warnings };
}
