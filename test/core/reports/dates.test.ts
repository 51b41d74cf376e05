import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay } from '../../../src/core/days';
import { InputError } from '../../../src/core/errors';
import { resolveDates } from '../../../src/core/reports/dates';
import { thrown } from './helpers';

const DAY = { allowMonthOnly: false };
const iso = (texts: string[], countries: string[] | null = null, opts: { allowMonthOnly: boolean; defaultCountry?: string } = DAY) => {
  const r = resolveDates(texts, texts.map((_, i) => i + 2), countries, opts);
  return { ...r, iso: r.days.map(isoFromDay) };
};

describe('dates', () => {
  it('a first field above 12 makes the file day first', () => {
    const r = iso(['13/01/2025', '02/01/2025']);
    expect(r.order).toBe('DD/MM/YYYY');
    expect(r.iso).toEqual(['2025-01-13', '2025-01-02']);
    expect(r.warnings).toEqual([]);
  });

  it('a second field above 12 makes the file month first', () => {
    const r = iso(['01/13/2025', '02/01/2025'], ['DE', 'DE']);
    expect(r.order).toBe('MM/DD/YYYY');
    expect(r.iso).toEqual(['2025-01-13', '2025-02-01']);
  });

  it('both in one file is an error naming a line of each', () => {
    const e = thrown(() => iso(['13/01/2025', '01/02/2025', '01/14/2025']));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/line 2 has "13\/01\/2025" \(day first\) and line 4 has "01\/14\/2025" \(month first\)/);
  });

  it('otherwise the Country decides, with a warning: US and CA month first, elsewhere day first', () => {
    const us = iso(['02/03/2025'], ['US']);
    expect(us.iso).toEqual(['2025-02-03']);
    expect(us.warnings[0]).toMatch(/read as MM\/DD\/YYYY because the rows are in US/);
    expect(iso(['02/03/2025'], ['CA']).iso).toEqual(['2025-02-03']);
    const de = iso(['02/03/2025'], ['DE']);
    expect(de.iso).toEqual(['2025-03-02']);
    expect(de.warnings[0]).toMatch(/DD\/MM\/YYYY because the rows are in DE/);
    expect(iso(['02/03/2025', '02/03/2025', '02/03/2025'], ['US', 'DE', 'FR']).order).toBe('DD/MM/YYYY');
    expect(iso(['02/03/2025'], null, { allowMonthOnly: false, defaultCountry: 'GB' }).order).toBe('DD/MM/YYYY');
    expect(iso(['02/03/2025'], null).warnings[0]).toMatch(/no country/);
  });

  it('ISO dates are unambiguous; a time and an offset are ignored (the day as written)', () => {
    const r = iso(['2025-01-31T23:30:00-08:00', '2025-02-01', '2025-02-01 00:10:00', '2025-3-4']);
    expect(r.iso).toEqual(['2025-01-31', '2025-02-01', '2025-02-01', '2025-03-04']);
    expect(r.order).toBeNull();
    expect(r.warnings).toEqual([]);
  });

  it('reads one-digit fields and dot or hyphen separators', () => {
    expect(iso(['1/2/2025', '13.1.2025']).iso).toEqual(['2025-02-01', '2025-01-13']);
  });

  it('refuses unreadable dates and days that do not exist, naming the line', () => {
    expect(thrown(() => iso(['01/02/2025', 'Jan 3, 2025'])).row).toBe(3);
    expect(thrown(() => iso(['13/13/2025'])).message).toMatch(/unreadable Date/);
    expect(thrown(() => iso(['02/30/2025', '01/13/2025'])).message).toMatch(/not a real day when read as MM\/DD\/YYYY/);
    expect(thrown(() => iso(['2025-02-29'])).message).toMatch(/not a real day/);
    expect(thrown(() => iso([''])).message).toBe('no Date (row 2)');
  });

  it('month-only dates: only where allowed (summary), read as the month', () => {
    const opts = { allowMonthOnly: true };
    const r = iso(['01/2025', '2/2025', '2025-03', '2025/04', '05/31/2025', '2025-06-15'], null, opts);
    expect(r.iso).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-31', '2025-06-15']);
    expect(r.monthOnly).toEqual([true, true, true, true, false, false]);
    expect(thrown(() => iso(['01/2025'])).message).toMatch(/names a month, not a day/);
    expect(thrown(() => iso(['13/2025'], null, opts)).message).toMatch(/not a real day/);
  });

  it('is fast on many rows with few distinct dates', () => {
    const texts: string[] = [];
    for (let i = 0; i < 200_000; i++) texts.push(`01/${String((i % 28) + 1).padStart(2, '0')}/2025`);
    const t0 = Date.now();
    const r = resolveDates(texts, texts.map((_, i) => i + 2), null, DAY);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.days[27]).toBe(dayFromYmd(2025, 1, 28));
  });
});
