/**
 * Time-zone math and the subset of Java's SimpleDateFormat that Utilities.formatDate/parseDate
 * accept (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 * links to java.text.SimpleDateFormat). Zone rules come from Node's Intl (tzdata), which is fine for
 * a fake: what matters is that wall-clock math really follows the zone, DST included.
 */
import { GasError } from './realm';

interface Fixed { kind: 'fixed'; offsetMs: number; id: string }
interface Named { kind: 'named'; id: string }
type Zone = Fixed | Named;

const formatters = new Map<string, Intl.DateTimeFormat>();

const zones = new Map<string, Zone>();

function parseZone(tz: string): Zone {
  let z = zones.get(tz);
  if (!z) zones.set(tz, (z = parseZoneUncached(String(tz))));
  return z;
}

function parseZoneUncached(id: string): Zone {
  if (/^(UTC|GMT|Z|Etc\/UTC|Etc\/GMT)$/i.test(id)) return { kind: 'fixed', offsetMs: 0, id: 'UTC' };
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(id);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    return { kind: 'fixed', offsetMs: sign * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60000, id };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return { kind: 'named', id };
  } catch {
    // Java's TimeZone.getTimeZone falls back to GMT for unknown IDs. (unverified for Apps Script)
    return { kind: 'fixed', offsetMs: 0, id: 'GMT' };
  }
}

export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return /^(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?$/i.test(tz);
  }
}

function formatter(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(id, f);
  }
  return f;
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, tz: string): number {
  const z = parseZone(tz);
  if (z.kind === 'fixed') return z.offsetMs;
  const parts = formatter(z.id).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const floored = instant - (((instant % 1000) + 1000) % 1000);
  return wall - floored;
}

export interface Wall {
  year: number; month: number; day: number; // month 1..12
  hour: number; minute: number; second: number; ms: number;
}

export function wallOf(instant: number, tz: string): Wall & { offsetMs: number; weekday: number } {
  const offsetMs = zoneOffsetMs(instant, tz);
  const d = new Date(instant + offsetMs);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
    offsetMs, weekday: d.getUTCDay(),
  };
}

/**
 * The instant at which the zone's wall clock shows `w` (fields may overflow, as Java's lenient
 * Calendar allows). In a DST gap the time is moved forward by the gap; in an overlap the earlier
 * instant is chosen (java.util.GregorianCalendar's behaviour).
 */
export function instantOf(w: Wall, tz: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const fixYear = (ms: number) => {
    // Date.UTC maps years 0..99 to 1900..1999.
    if (w.year >= 0 && w.year < 100) {
      const d = new Date(ms);
      d.setUTCFullYear(d.getUTCFullYear() - 1900);
      return d.getTime();
    }
    return ms;
  };
  const local = fixYear(naive);
  const o1 = zoneOffsetMs(local - zoneOffsetMs(local, tz), tz);
  const candidates = new Set<number>([
    local - o1,
    local - zoneOffsetMs(local - 86400000, tz),
    local - zoneOffsetMs(local + 86400000, tz),
  ]);
  const matches = [...candidates].filter((t) => t + zoneOffsetMs(t, tz) === local).sort((a, b) => a - b);
  if (matches.length) return matches[0];
  // Gap: interpret with the offset before the transition, which lands after the gap.
  return local - zoneOffsetMs(local - 86400000, tz);
}

/** Midnight of y-m-d in the zone. */
export function zonedMidnight(year: number, month: number, day: number, tz: string): number {
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, tz);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { kind: 'field'; letter: string; count: number } | { kind: 'literal'; text: string };

const SUPPORTED = 'GyYMLdDEuaHkKhmsSzZX';

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const lit = (t: string) => {
    const last = out[out.length - 1];
    if (last && last.kind === 'literal') last.text += t;
    else out.push({ kind: 'literal', text: t });
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") { lit("'"); i += 2; continue; }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new GasError(`Unterminated quote in date pattern: ${pattern}`);
      let j = i + 1;
      let text = '';
      // inside quotes, '' is a literal quote
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { text += "'"; j += 2; continue; }
          break;
        }
        text += pattern[j++];
      }
      lit(text);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!SUPPORTED.includes(c)) throw new GasError(`Illegal pattern character '${c}'`);
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ kind: 'field', letter: c, count: n });
      i += n;
      continue;
    }
    lit(c);
    i++;
  }
  return out;
}

const pad = (n: number, w: number) => {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
};

function offsetText(offsetMs: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (style !== 'Z' && offsetMs === 0) return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const mins = Math.abs(Math.round(offsetMs / 60000));
  const hh = pad(Math.floor(mins / 60), 2), mm = pad(mins % 60, 2);
  if (style === 'Z' || style === 'X2') return `${sign}${hh}${mm}`;
  if (style === 'X1') return `${sign}${hh}${mins % 60 ? mm : ''}`;
  return `${sign}${hh}:${mm}`;
}

function zoneName(instant: number, tz: string, long: boolean): string {
  const z = parseZone(tz);
  if (z.kind === 'fixed') return z.offsetMs === 0 ? (long ? 'Coordinated Universal Time' : 'UTC') : `GMT${offsetText(z.offsetMs, 'X3')}`;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: z.id, timeZoneName: long ? 'long' : 'short' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? z.id;
}

/** Utilities.formatDate: https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String) */
export function formatDate(instant: number, tz: string, pattern: string): string {
  if (!Number.isFinite(instant)) throw new GasError('Invalid argument: date');
  const w = wallOf(instant, tz);
  let s = '';
  for (const t of tokenize(pattern)) {
    if (t.kind === 'literal') { s += t.text; continue; }
    const n = t.count;
    switch (t.letter) {
      case 'G': s += w.year > 0 ? 'AD' : 'BC'; break;
      case 'y': case 'Y': // Y (week year) is treated as y: exact only away from the year boundary. (unverified edge)
        s += n === 2 ? pad(((w.year % 100) + 100) % 100, 2) : pad(w.year, n); break;
      case 'M': case 'L':
        s += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n); break;
      case 'd': s += pad(w.day, n); break;
      case 'D': {
        const doy = Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) + 1;
        s += pad(doy, n); break;
      }
      case 'E': s += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3); break;
      case 'u': s += pad(w.weekday === 0 ? 7 : w.weekday, n); break;
      case 'a': s += w.hour < 12 ? 'AM' : 'PM'; break;
      case 'H': s += pad(w.hour, n); break;
      case 'k': s += pad(w.hour === 0 ? 24 : w.hour, n); break;
      case 'K': s += pad(w.hour % 12, n); break;
      case 'h': s += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n); break;
      case 'm': s += pad(w.minute, n); break;
      case 's': s += pad(w.second, n); break;
      case 'S': s += pad(w.ms, n); break;
      case 'z': s += zoneName(instant, tz, n >= 4); break;
      case 'Z': s += offsetText(w.offsetMs, 'Z'); break;
      case 'X': s += offsetText(w.offsetMs, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3'); break;
    }
  }
  return s;
}

const NUMERIC = 'yYMLdDuHkKhmsS';

/**
 * Utilities.parseDate: https://developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String)
 * Java's lenient parsing: out-of-range fields roll over, text after the pattern is ignored,
 * a mismatch throws `Unparseable date: "…"`. A zone or offset in the text overrides `tz`.
 */
export function parseDate(text: string, tz: string, pattern: string, nowMs: number = Date.now()): number {
  const tokens = tokenize(pattern);
  const str = String(text);
  const fail = (): never => { throw new GasError(`Unparseable date: "${str}"`); };
  let pos = 0;
  const f: Wall = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pm: boolean | null = null;
  let hour12: number | null = null;
  let offsetMs: number | null = null;
  let zone: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'literal') {
      if (str.startsWith(t.text, pos)) { pos += t.text.length; continue; }
      fail();
      continue;
    }
    const next = tokens[i + 1];
    const adjacentNumeric = next && next.kind === 'field' && NUMERIC.includes(next.letter);
    const readNumber = (): number => {
      const m = /^[+-]?\d+/.exec(str.slice(pos));
      if (!m) fail();
      let digits = m![0];
      if (adjacentNumeric && NUMERIC.includes(t.letter)) digits = digits.slice(0, t.count);
      pos += digits.length;
      return Number(digits);
    };
    const readWord = (words: string[]): number => {
      const rest = str.slice(pos).toLowerCase();
      let best = -1, len = 0;
      words.forEach((word, idx) => {
        for (const cand of [word, word.slice(0, 3)]) {
          if (rest.startsWith(cand.toLowerCase()) && cand.length > len) { best = idx; len = cand.length; }
        }
      });
      if (best < 0) fail();
      pos += len;
      return best;
    };
    switch (t.letter) {
      case 'G': { const m = /^(AD|BC)/i.exec(str.slice(pos)); if (!m) fail(); pos += 2; break; }
      case 'y': case 'Y': {
        const start = pos;
        let y = readNumber();
        if (t.count <= 2 && pos - start === 2) {
          // two-digit years land within 80 years before / 20 after now (Java's default century)
          const now = new Date(nowMs).getUTCFullYear();
          const base = now - 80;
          y = base - (base % 100) + y;
          if (y < base) y += 100;
        }
        f.year = y; break;
      }
      case 'M': case 'L':
        if (t.count >= 3) f.month = readWord(MONTHS) + 1; else f.month = readNumber();
        break;
      case 'd': f.day = readNumber(); break;
      case 'D': f.month = 1; f.day = readNumber(); break;
      case 'E': readWord(DAYS); break;
      case 'u': readNumber(); break;
      case 'a': { const m = /^(AM|PM)/i.exec(str.slice(pos)); if (!m) fail(); pm = m![1].toUpperCase() === 'PM'; pos += 2; break; }
      case 'H': f.hour = readNumber(); break;
      case 'k': { const h = readNumber(); f.hour = h === 24 ? 0 : h; break; }
      case 'K': hour12 = readNumber(); break;
      case 'h': { const h = readNumber(); hour12 = h === 12 ? 0 : h; break; }
      case 'm': f.minute = readNumber(); break;
      case 's': f.second = readNumber(); break;
      case 'S': f.ms = readNumber(); break;
      case 'z': case 'Z': case 'X': {
        const rest = str.slice(pos);
        let m: RegExpExecArray | null;
        if (rest[0] === 'Z' && (t.letter === 'X' || t.letter === 'z' || t.letter === 'Z')) {
          offsetMs = 0; pos += 1;
        } else if ((m = /^(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?/.exec(rest))) {
          const sign = m[1] === '-' ? -1 : 1;
          offsetMs = sign * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60000;
          pos += m[0].length;
        } else if ((m = /^(UTC|GMT)/.exec(rest))) {
          offsetMs = 0; pos += m[0].length;
        } else if ((m = /^[A-Za-z_]+\/[A-Za-z_/+-]+/.exec(rest)) && isKnownTimeZone(m[0])) {
          zone = m[0]; pos += m[0].length;
        } else {
          fail();
        }
        break;
      }
    }
  }
  if (hour12 !== null) f.hour = hour12 + (pm ? 12 : 0);
  else if (pm !== null && pm && f.hour < 12) f.hour += 12;
  if (offsetMs !== null) {
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) - offsetMs;
  }
  return instantOf(f, zone ?? tz);
}
