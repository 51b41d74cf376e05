/**
 * Calendar days (spec §2). A `Day` is a whole number of days since 1970-01-01 in the proleptic
 * Gregorian calendar; it carries no time zone. Converting a cell's `Date` to its day in the
 * spreadsheet's time zone is the job of a `DayConverter`, which the shell provides.
 */
export type Day = number;

/** A `YYYY-MM` month. */
export type Month = string;

/** Converts between instants and calendar days of one time zone (the spreadsheet's). */
export interface DayConverter {
  /** The calendar day of an instant in the zone. */
  dayOf(date: Date): Day;
  /** Midnight of a calendar day in the zone, as an instant. */
  dateOf(day: Day): Date;
}

// Howard Hinnant's days_from_civil / civil_from_days.
export function dayFromYmd(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromDay(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  return dayFromYmd(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayFromYmd(y, m, 1);
}

/** True when y-m-d names a real calendar day (years 1000..9999). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD`; null when it is not a real calendar day. */
export function dayFromIso(text: string): Day | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : null;
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

export function isoFromDay(day: Day): string {
  const [y, m, d] = ymdFromDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function monthOfDay(day: Day): Month {
  const [y, m] = ymdFromDay(day);
  return `${pad(y, 4)}-${pad(m, 2)}`;
}

const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** The first and last day of a `YYYY-MM` month; null when the text is not a month. */
export function monthBounds(month: Month): { first: Day; last: Day } | null {
  const m = ISO_MONTH.exec(month);
  if (!m) return null;
  const y = +m[1], mo = +m[2];
  if (y < 1000 || mo < 1 || mo > 12) return null;
  const first = dayFromYmd(y, mo, 1);
  return { first, last: first + daysInMonth(y, mo) - 1 };
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const b = monthBounds(month);
  if (!b) throw new Error(`not a month: ${month}`);
  const [y, m] = ymdFromDay(b.first);
  const index = y * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/**
 * A DayConverter for a zone given by a function that formats an instant as `YYYY-MM-DD` in that
 * zone (Apps Script: `Utilities.formatDate(d, tz, 'yyyy-MM-dd')`). Results are memoised per instant
 * because ledgers hold few distinct instants (mostly midnights) and formatting calls are costly.
 * `dateOf` searches the instant of local midnight from the UTC midnight, correcting by the observed
 * offset, which handles every real zone (offsets within ±14 h, DST shifts).
 */
export function dayConverterFromFormatter(formatIsoDay: (d: Date) => string): DayConverter {
  const dayCache = new Map<number, Day>();
  const dateCache = new Map<Day, number>();
  const dayOf = (date: Date): Day => {
    const t = date.getTime();
    let day = dayCache.get(t);
    if (day === undefined) {
      const parsed = dayFromIso(formatIsoDay(date));
      if (parsed === null) throw new Error(`cannot read the day of ${String(date)}`);
      day = parsed;
      dayCache.set(t, day);
    }
    return day;
  };
  const HOUR = 3_600_000;
  const dateOf = (day: Day): Date => {
    const cached = dateCache.get(day);
    if (cached !== undefined) return new Date(cached);
    // Local midnight lies within ±14 h of UTC midnight; find the earliest instant whose local
    // day is `day`, hour by hour, then minute by minute inside the hour found.
    const utcMidnight = day * 86_400_000;
    let t = utcMidnight - 15 * HOUR;
    while (dayOf(new Date(t)) < day) t += HOUR;
    let lo = t - HOUR, hi = t; // dayOf(lo) < day <= dayOf(hi)
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
      if (mid === lo) break;
      if (dayOf(new Date(mid)) < day) lo = mid; else hi = mid;
    }
    dateCache.set(day, hi);
    return new Date(hi);
  };
  return { dayOf, dateOf };
}

/** A converter for UTC, for tests and pure code that has no zone. */
export const utcDays: DayConverter = {
  dayOf: (d) => Math.floor(d.getTime() / 86_400_000),
  dateOf: (day) => new Date(day * 86_400_000),
};
