/** The sidebar's pure helpers: wording, days, base64 and the transfer form's checks. */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/ui/base64';
import { dayRange, defaultMonth, errorText, isIsoDay, lastDayOfMonth, num, signed, tooLargeMessage } from '../../src/ui/format';
import { validateTransfer } from '../../src/ui/validate';

describe('sidebar formatting', () => {
  it('writes numbers with separators and a real minus sign', () => {
    expect(num(1234567)).toBe('1,234,567');
    expect(num(-18)).toBe('−18');
    expect(signed(3)).toBe('+3');
    expect(signed(0)).toBe('0');
    expect(signed(-24)).toBe('−24');
  });

  it('shows the server\'s words without Apps Script prefixes, and explains transport failures', () => {
    expect(errorText(new Error('Exception: the report is 21.0 MiB'))).toBe('The report is 21.0 MiB');
    expect(errorText(new Error('Error: Date 2025-04-16 is in the future'))).toBe('Date 2025-04-16 is in the future');
    expect(errorText(new Error('ScriptError: Error: boom'))).toBe('Boom');
    expect(errorText(new Error('NetworkError: Connection failure due to HTTP 0'))).toMatch(/^Lost the connection to Google/);
    expect(errorText(new Error(''))).toMatch(/without saying why/);
    expect(errorText('plain text')).toBe('Plain text');
  });

  it('checks days and months', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-4-01')).toBe(false);
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-12')).toBe('2025-12-31');
    expect(defaultMonth(['2025-04', '2025-03', '2025-01'], '2025-04-15')).toBe('2025-03');
    expect(defaultMonth(['2025-04'], '2025-04-15')).toBe('2025-04');
    expect(defaultMonth([], '2025-04-15')).toBeNull();
    expect(dayRange('2025-03-01', '2025-03-31')).toBe('2025-03-01 – 2025-03-31');
    expect(dayRange('2025-03-01', '2025-03-01')).toBe('2025-03-01');
    expect(dayRange(null, null)).toBe('—');
  });

  it('refuses big files in the server\'s words', () => {
    expect(tooLargeMessage(21 * 1024 * 1024)).toBe(
      'The report is 21.0 MiB, over the 20 MiB this add-on reads at once: download fewer days (for example one month) or one event type per file');
  });
});

describe('base64 in chunks', () => {
  it('equals Node\'s encoding for every length around the chunk edges', async () => {
    for (const n of [0, 1, 2, 3, 4, 24575, 24576, 24577, 3 * 8192 * 48 + 5, 1_300_001]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 7) & 0xff;
      expect(await toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});

describe('transfer form checks', () => {
  const ok = { sku: 'VITC-500', lot: '25C020', quantity: '120', quantityBad: false, date: '2025-04-10', expiry: '', location: 'FBA-US' };
  it('accepts a complete form', () => {
    expect(validateTransfer(ok, '2025-04-15')).toEqual({});
    expect(validateTransfer({ ...ok, quantity: '-5', lot: '' }, '2025-04-15')).toEqual({});
  });
  it('names each problem', () => {
    expect(Object.keys(validateTransfer({ ...ok, sku: ' ', quantity: '' }, '2025-04-15'))).toEqual(['sku', 'quantity']);
    expect(validateTransfer({ ...ok, quantity: '1.5' }, '2025-04-15').quantity).toMatch(/whole number/);
    expect(validateTransfer({ ...ok, quantity: '0' }, '2025-04-15').quantity).toMatch(/cannot be zero/);
    expect(validateTransfer({ ...ok, quantityBad: true, quantity: '' }, '2025-04-15').quantity).toMatch(/whole number/);
    expect(validateTransfer({ ...ok, date: '2025-04-16' }, '2025-04-15').date).toBe('Date 2025-04-16 is in the future (today is 2025-04-15).');
    expect(validateTransfer({ ...ok, date: '' }, '2025-04-15').date).toMatch(/Enter the day/);
    expect(validateTransfer({ ...ok, location: '' }, '2025-04-15').location).toMatch(/location/);
  });
});
