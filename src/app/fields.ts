/**
 * Reading the fields of a server function's input: what the sidebar sends is checked again here,
 * because google.script.run accepts anything.
 */
import { dayFromIso, type Day } from '../core/days';
import { InputError } from '../core/errors';

/** Trimmed text (numbers read as text); '' when absent. */
export function textField(value: unknown, field: string, max = 200): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(`${field} must be text`);
  const s = String(value).trim();
  if (s.length > max) throw new InputError(`${field} is longer than ${max} characters`);
  if (/[\u0000-\u001f]/.test(s)) throw new InputError(`${field} contains a control character`);
  return s;
}

/** A `YYYY-MM-DD` day. */
export function dayField(value: unknown, field: string): Day {
  const d = typeof value === 'string' ? dayFromIso(value.trim()) : null;
  if (d === null) throw new InputError(`${field} must be a date written YYYY-MM-DD`);
  return d;
}
