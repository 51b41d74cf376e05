/**
 * Formatting for the sidebar: numbers, days, months, labels and error wording. Pure (no DOM), so
 * it can be unit-tested in Node.
 */

const MINUS = '\u2212';

/** 1234 → "1,234"; −5 → "−5" (a real minus sign). */
export function num(n: number): string {
  if (!isFinite(n)) return '—';
  const abs = Math.abs(n).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return n < 0 ? MINUS + abs : abs;
}

/** Like num, with an explicit "+" on positive numbers (flows, variances). */
export function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : num(n);
}

/** null → "—". */
export function maybe(n: number | null | undefined, f: (n: number) => string = num): string {
  return n === null || n === undefined ? '—' : f(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** "2025-02" → "2025-02-28". */
export function lastDayOfMonth(month: string): string {
  const y = +month.slice(0, 4), m = +month.slice(5, 7);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-02" → "February 2025". */
export function monthName(month: string): string {
  const m = +month.slice(5, 7);
  return m >= 1 && m <= 12 ? `${MONTHS[m - 1]} ${month.slice(0, 4)}` : month;
}

/**
 * The month the Reconcile tab opens on: the newest month before today's (the latest complete
 * month), else the newest there is. `months` are newest first.
 */
export function defaultMonth(months: readonly string[], today: string): string | null {
  const current = today.slice(0, 7);
  const complete = months.filter((m) => m < current).sort();
  if (complete.length) return complete[complete.length - 1];
  return months.length ? [...months].sort()[months.length - 1] : null;
}

/** "2025-03-01".."2025-03-31" → "2025-03-01 – 2025-03-31"; a single day once. */
export function dayRange(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return '—';
  if (!start || !end || start === end) return (start || end) as string;
  return `${start} – ${end}`;
}

/** An ISO instant → "2025-04-15 09:12" (local wall time); other text as it is. */
export function instant(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(s);
  return m ? `${m[1]} ${m[2]}` : s;
}

/** Capital first letter, so server messages that start lowercase read as sentences. */
export function sentence(s: string): string {
  const t = s.trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

/**
 * What an Error from google.script.run's failure handler says, in words: the server's message
 * without the "Error: " / "Exception: " prefixes Apps Script may add, with the transport's own
 * failures explained.
 */
export function errorText(err: unknown): string {
  let m = err instanceof Error ? err.message : typeof err === 'string' ? err : err && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : '';
  for (let i = 0; i < 3; i++) m = m.replace(/^\s*(?:ScriptError|Error|Exception|InputError|UserFacingError|TypeError)\s*:\s*/, '');
  if (/^NetworkError\b/.test(m) || /HTTP 0\b/.test(m)) {
    return 'Lost the connection to Google (network error). Check your connection and try again.';
  }
  if (/authori[sz]ation is required/i.test(m)) {
    return `${sentence(m)} Close the sidebar and open it again from Extensions ▸ FBA Lot Ledger to grant access.`;
  }
  if (!m.trim()) return 'The server failed without saying why. Try again; if it keeps failing, close and reopen the sidebar.';
  return sentence(m);
}

/** The server refuses bigger reports (after decompression); the sidebar refuses bigger files first. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** Same words as the server's refusal, so the seller gets one explanation. */
export function tooLargeMessage(size: number): string {
  const mib = (size / (1024 * 1024)).toFixed(1);
  return `The report is ${mib} MiB, over the ${MAX_REPORT_BYTES / (1024 * 1024)} MiB this add-on reads at once: ` +
    'download fewer days (for example one month) or one event type per file';
}

export const REPORT_TYPES: Record<string, string> = {
  GET_LEDGER_DETAIL_VIEW_DATA: 'Inventory Ledger, detailed view',
  GET_LEDGER_SUMMARY_VIEW_DATA: 'Inventory Ledger, summary view',
  GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: 'Manage FBA Inventory',
};

export function reportTypeLabel(type: string): string {
  return REPORT_TYPES[type] || type || 'Report';
}

export const COUNTRY_NAMES: Record<string, string> = {
  CA: 'Canada', US: 'United States', MX: 'Mexico', BR: 'Brazil', IE: 'Ireland', ES: 'Spain', GB: 'United Kingdom',
  FR: 'France', BE: 'Belgium', NL: 'Netherlands', DE: 'Germany', IT: 'Italy', SE: 'Sweden', ZA: 'South Africa',
  PL: 'Poland', EG: 'Egypt', TR: 'Türkiye', SA: 'Saudi Arabia', AE: 'United Arab Emirates', IN: 'India',
  SG: 'Singapore', AU: 'Australia', JP: 'Japan',
};

export const REGION_NAMES: Record<string, string> = {
  NA: 'North America (NA)',
  EU: 'Europe, India, Middle East, Africa (EU)',
  FE: 'Far East: Japan, Australia, Singapore (FE)',
};
