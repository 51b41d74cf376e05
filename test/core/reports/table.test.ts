import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { detectDelimiter, parseTable, readRecords } from '../../../src/core/reports/table';
import { thrown } from './helpers';

describe('delimiter', () => {
  it('is chosen from the header line: tab or comma, quoted ones ignored', () => {
    expect(detectDelimiter('"Date"\t"FNSKU"\t"MSKU"')).toBe('\t');
    expect(detectDelimiter('Date,FNSKU,MSKU')).toBe(',');
    expect(detectDelimiter('"A, B"\t"C"')).toBe('\t');
    expect(detectDelimiter('"A\tB",C,D')).toBe(',');
    expect(detectDelimiter('Date')).toBe(',');
    const t = parseTable('a,b,c\td\n1,2,3\t4\n');
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([['1', '2', '3\t4']]);
  });
});

describe('records', () => {
  it('reads fully quoted TSV with doubled quotes, tabs, commas and line breaks inside quotes', () => {
    const text = '"Date"\t"Title"\t"Qty"\n"01/02/2025"\t"12"" ruler,\tsteel\nline two"\t"-1"\n"01/03/2025"\t""\t"2"\n';
    const t = parseTable(text);
    expect(t.header).toEqual(['Date', 'Title', 'Qty']);
    expect(t.rows).toEqual([
      ['01/02/2025', '12" ruler,\tsteel\nline two', '-1'],
      ['01/03/2025', '', '2'],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });

  it('reads LF and CRLF, a missing final newline, and skips blank lines (line numbers stay physical)', () => {
    const crlf = 'a\tb\r\n\r\n1\t2\r\n   \r\n\t\r\n3\t4';
    const t = parseTable(crlf);
    expect(t.rows).toEqual([['1', '2'], ['3', '4']]);
    expect(t.lines).toEqual([3, 6]);
    expect(parseTable('a,b\n1,2').rows).toEqual([['1', '2']]);
    expect(parseTable('\n\na,b\n1,2\n\n').headerLine).toBe(3);
  });

  it('keeps empty fields, a trailing delimiter, and text after a closing quote', () => {
    expect(parseTable('a,b,c\n1,,\n').rows).toEqual([['1', '', '']]);
    expect(parseTable('a,b\n"x"y,2\n').rows).toEqual([['xy', '2']]);
    expect(parseTable('a,b\n"x"\r\n').rows).toEqual([['x']]);
  });

  it('drops a byte-order mark before the header', () => {
    expect(parseTable('\uFEFF"Date"\t"MSKU"\n"1"\t"2"\n').header).toEqual(['Date', 'MSKU']);
  });

  it('names the line where an unclosed quote opens', () => {
    const e = thrown(() => parseTable('a,b\n1,2\n"3,4\n5,6\n'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.row).toBe(3);
  });

  it('stops when the handler returns false', () => {
    let n = 0;
    readRecords('a\n1\n2\n3\n', () => ++n < 2);
    expect(n).toBe(2);
  });

  const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', ',', '\t', '\n', '\r\n', 'é', '€', '1'), maxLength: 8 });
  const table = fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 }));

  it('round-trips any table written with every value quoted (tab) or quoted when needed (comma)', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\t', ','), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, d, eol, quoteAll) => {
        const header = rows[0].map((_, i) => `h${i}`);
        const q = (s: string): string => (quoteAll || /["\t,\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
        const text = [header, ...rows].map((r) => r.map(q).join(d)).join(eol);
        const t = parseTable(text);
        const nonBlank = rows.filter((r) => r.some((v) => v.trim() !== ''));
        expect(t.header).toEqual(header);
        expect(t.rows).toEqual(nonBlank);
      }),
      { numRuns: 300 },
    );
  });

  it('with a keep mask, cuts out only the kept fields (the others read as \'\')', () => {
    fc.assert(
      fc.property(table, fc.array(fc.boolean(), { maxLength: 6 }), (rows, keep) => {
        const text = rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join('\t')).join('\n');
        const full: string[][] = [];
        readRecords(text, (f) => {
          full.push(f.slice());
        }, '\t');
        const masked: string[][] = [];
        readRecords(text, (f) => {
          masked.push(f.slice());
        }, '\t', keep);
        // A record whose only content lies in skipped fields is still delivered (as blanks).
        const expected = full.map((r) => r.map((v, i) => (keep[i] ? v : '')));
        expect(masked.length).toBeGreaterThanOrEqual(expected.length);
        expect(masked.filter((r) => r.some((v) => v.trim() !== ''))).toEqual(expected.filter((r) => r.some((v) => v.trim() !== '')));
      }),
      { numRuns: 200 },
    );
    const got: string[][] = [];
    readRecords('a,b,c\n1,"x",3\n,"y",\n,,\n', (f) => {
      got.push(f.slice());
    }, ',', [true, false, true]);
    expect(got).toEqual([['a', '', 'c'], ['1', '', '3'], ['', '', '']]);
  });

  it('agrees with papaparse on quoted TSV', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = rows.map((r) => r.map((s) => `"${s.replace(/"/g, '""')}"`).join('\t')).join('\n');
        const papa = Papa.parse<string[]>(text, { delimiter: '\t', skipEmptyLines: false }).data;
        const ours: string[][] = [];
        readRecords(text, (f) => {
          ours.push(f.slice());
        }, '\t');
        const nonBlank = papa.filter((r) => r.some((v) => v.trim() !== ''));
        expect(ours).toEqual(nonBlank);
      }),
      { numRuns: 200 },
    );
  });
});
