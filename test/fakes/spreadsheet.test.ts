import { describe, expect, it } from 'vitest';
import { FakeEnv } from './index';

function setup(opts: ConstructorParameters<typeof FakeEnv>[0] = {}) {
  const env = new FakeEnv({ manifest: null, ...opts });
  const x = env.execute('FULL');
  const ss = x.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { env, x, ss, sheet: ss.getSheetByName('Sheet1')! };
}

describe('a new spreadsheet', () => {
  it('has one sheet Sheet1 of 1000 rows × 26 columns, in America/Los_Angeles', () => {
    const { ss, sheet } = setup();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getSheetId()).toBe(0);
    expect(ss.getSpreadsheetTimeZone()).toBe('America/Los_Angeles');
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  it('takes its time zone from the options and setSpreadsheetTimeZone', () => {
    const { ss } = setup({ timeZone: 'Europe/Berlin' });
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Berlin');
    ss.setSpreadsheetTimeZone('Asia/Tokyo');
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(() => ss.setSpreadsheetTimeZone('Nowhere/Special')).toThrow();
  });

  it('inserts sheets of 1000 × 26, makes them active, refuses duplicate names', () => {
    const { ss } = setup();
    const s = ss.insertSheet('Kits');
    expect([s.getMaxRows(), s.getMaxColumns(), s.getIndex()]).toEqual([1000, 26, 2]);
    expect(ss.getActiveSheet().getName()).toBe('Kits');
    expect(() => ss.insertSheet('Kits')).toThrow('A sheet with the name "Kits" already exists. Please enter another name.');
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['First', 'Sheet1', 'Kits']);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    ss.deleteSheet(ss.getSheetByName('First')!);
    expect(ss.getSheetByName('First')).toBeNull();
  });

  it('keeps at least one visible sheet', () => {
    const { ss, sheet } = setup();
    expect(() => sheet.hideSheet()).toThrow();
    expect(() => ss.deleteSheet(sheet)).toThrow();
    ss.insertSheet('Other');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });
});

describe('getRange', () => {
  it('throws outside the grid and for empty sizes', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(2, 1, 0, 12)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1.5, 1)).toThrow("Cannot convert '1.5' to int.");
    expect(() => sheet.getRange('nonsense!!')).toThrow('Range not found');
  });

  it('reads A1 notation, including open ranges', () => {
    const { sheet, ss } = setup();
    const r = sheet.getRange('B3:D7');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getLastRow(), r.getA1Notation()]).toEqual([3, 2, 5, 3, 7, 'B3:D7']);
    const cols = sheet.getRange('A:L');
    expect([cols.getRow(), cols.getNumRows(), cols.getNumColumns(), cols.getA1Notation()]).toEqual([1, 1000, 12, 'A:L']);
    const body = sheet.getRange('A2:L');
    expect([body.getRow(), body.getNumRows(), body.getA1Notation()]).toEqual([2, 999, 'A2:L']);
    expect(ss.getRange("'Sheet1'!C5").getA1Notation()).toBe('C5');
    expect(ss.getRange('Sheet1!$A$1:$B$2').getNumRows()).toBe(2);
  });

  it('getDataRange spans A1 to the last row and column with content', () => {
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C4').setValue('x');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
  });
});

describe('setValues', () => {
  it('throws when the data does not match the range size', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('turns a leading = into a formula: getFormulas has it, getValues reads ""', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['=SUM(1,2)', 'plain']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=SUM(1,2)', '']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 'plain']]);
    expect(sheet.getLastRow()).toBe(1);
  });

  it('takes a leading apostrophe as "text" and does not store it', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([["'=HYPERLINK(1)", "'00123", "'TRUE"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=HYPERLINK(1)', '00123', 'TRUE']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
  });

  it('parses typed text outside plain-text cells; keeps strings in @ cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A7').setValues([['00123'], ['TRUE'], ['false'], ['1,234.5'], ['50%'], ['MAR21'], ['-0.5e1']]);
    expect(sheet.getRange('A1:A7').getValues()).toEqual([[123], [true], [false], [1234.5], [0.5], ['MAR21'], [-5]]);
    sheet.getRange('B1:B3').setNumberFormat('@');
    sheet.getRange('B1:B3').setValues([['00123'], ['TRUE'], ['2026-01-05']]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['00123'], ['TRUE'], ['2026-01-05']]);
    expect(sheet.getRange('B1').getNumberFormat()).toBe('@');
  });

  it('still makes a formula of a leading = in an @ cell by default (the apostrophe is the guard)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@').setValue('=1+1');
    expect(sheet.getRange('A1').getFormula()).toBe('=1+1');
    const strict = setup({ plainTextBlocksFormulas: true });
    strict.sheet.getRange('A1').setNumberFormat('@').setValue('=1+1');
    expect(strict.sheet.getRange('A1').getValue()).toBe('=1+1');
  });

  it('reads YYYY-MM-DD as a Date at midnight in the spreadsheet zone, on both sides of DST', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['2026-03-07'], ['2026-03-09']]);
    const [[a], [b]] = sheet.getRange('A1:A2').getValues();
    expect(a).toBeInstanceOf(Date);
    expect((a as Date).toISOString()).toBe('2026-03-07T08:00:00.000Z'); // PST
    expect((b as Date).toISOString()).toBe('2026-03-09T07:00:00.000Z'); // PDT
    const tokyo = setup({ timeZone: 'Asia/Tokyo' });
    tokyo.sheet.getRange('A1').setValue('2026-03-07');
    expect((tokyo.sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-03-06T15:00:00.000Z');
  });

  it('writes null/undefined as empty, keeps numbers, booleans and Dates', () => {
    const { sheet } = setup();
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    sheet.getRange('A1:E1').setValues([[null, undefined, 42, false, d]]);
    const row = sheet.getRange('A1:E1').getValues()[0];
    expect(row).toEqual(['', '', 42, false, d]);
  });

  it('getValues returns copies', () => {
    const { sheet } = setup();
    const d = new Date(Date.UTC(2026, 0, 2));
    sheet.getRange('A1:B1').setValues([[d, 'x']]);
    const v = sheet.getRange('A1:B1').getValues();
    (v[0][0] as Date).setUTCFullYear(1999);
    v[0][1] = 'changed';
    d.setUTCFullYear(2000);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[new Date(Date.UTC(2026, 0, 2)), 'x']]);
  });

  it('setValue fills every cell; getDisplayValues are strings', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([[7, 7], [7, 7]]);
    sheet.getRange('C1').setValue(true);
    sheet.getRange('D1').setNumberFormat('yyyy-mm-dd').setValue('2026-04-01');
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['7', '7', 'TRUE', '2026-04-01']]);
  });
});

describe('rows and columns', () => {
  it('insertRowsAfter gives new rows the formats of the row above', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setFontWeight('bold');
    sheet.getRange('A2:C2').setNumberFormat('@').setBackground('#eeeeee');
    sheet.getRange('A2').setValue('kept');
    sheet.insertRowsAfter(2, 3);
    expect(sheet.getMaxRows()).toBe(1003);
    expect(sheet.getRange('A3:C5').getNumberFormats()).toEqual([['@', '@', '@'], ['@', '@', '@'], ['@', '@', '@']]);
    expect(sheet.getRange('A3').getBackground()).toBe('#eeeeee');
    expect(sheet.getRange('A3:A5').getValues()).toEqual([[''], [''], ['']]);
    sheet.insertRowsBefore(2, 1);
    expect(sheet.getRange('A2').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A3').getValue()).toBe('kept');
  });

  it('deleteRows removes rows and shrinks the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A5').setValues([[1], [2], [3], [4], [5]]);
    sheet.deleteRows(2, 2);
    expect(sheet.getMaxRows()).toBe(998);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [4], [5]]);
    expect(() => sheet.deleteRows(990, 20)).toThrow('Those rows are out of bounds.');
  });

  it('refuses to delete all non-frozen rows', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
    expect(() => sheet.deleteRow(2)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
  });

  it('appendRow writes after the last row with content and grows a full grid', () => {
    const { ss, sheet } = setup();
    sheet.getRange('A3').setValue('x');
    sheet.appendRow(['a', '00123', '=A1']);
    expect(sheet.getRange('A4:C4').getValues()).toEqual([['a', 123, '']]);
    expect(sheet.getRange('C4').getFormula()).toBe('=A1');
    const small = ss.insertSheet('Small');
    small.deleteRows(3, 998);
    small.getRange('A1:A2').setValues([['h'], ['r']]);
    small.appendRow(['grown']);
    expect(small.getMaxRows()).toBe(3);
    expect(small.getRange('A3').getValue()).toBe('grown');
    small.appendRow(new Array(30).fill('w'));
    expect(small.getMaxColumns()).toBe(30);
  });

  it('enforces the 10,000,000-cell workbook limit on every growth', () => {
    const { ss, sheet } = setup();
    const msg = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(() => sheet.insertRowsAfter(1000, 384_000)).toThrow(msg); // 26 × 385,000 > 10M
    sheet.insertRowsAfter(1000, 383_615); // 26 × 384,615 = 9,999,990
    expect(sheet.getMaxRows()).toBe(384_615);
    expect(() => ss.insertSheet('More')).toThrow(msg);
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(msg);
    sheet.getRange(384_615, 1).setValue('last');
    expect(() => sheet.appendRow(['one more'])).toThrow(msg);
    sheet.deleteRows(2, 300_000);
    expect(ss.insertSheet('More').getMaxRows()).toBe(1000);
  });

  it('inserts and deletes columns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    sheet.deleteColumns(2, 2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', 'b', 'c']]);
    expect(() => sheet.deleteColumns(1, 26)).toThrow('Sorry, it is not possible to delete all non-frozen columns.');
  });

  it('keeps frozen rows, widths, tab colour and clear semantics', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.setColumnWidth(2, 240);
    expect(sheet.getColumnWidth(2)).toBe(240);
    sheet.setTabColor('#ff0000');
    expect(sheet.getTabColor()).toBe('#ff0000');
    sheet.getRange('A1').setNumberFormat('@').setValue('x');
    sheet.clearContents();
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('@');
    sheet.clear();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('named ranges', () => {
  it('follow their sheet through renames and row inserts; whole-column ranges stay whole-column', () => {
    const { ss, sheet } = setup();
    ss.setNamedRange('FBA_LEDGER', sheet.getRange('A:L'));
    ss.setNamedRange('HEADER', sheet.getRange('A1:L1'));
    ss.setNamedRange('BLOCK', sheet.getRange('B5:B6'));
    sheet.setName('FBA Ledger');
    sheet.insertRowsAfter(1, 10);
    expect(ss.getRangeByName('FBA_LEDGER')!.getA1Notation()).toBe('A:L');
    expect(ss.getRangeByName('FBA_LEDGER')!.getNumRows()).toBe(1010);
    expect(ss.getRangeByName('FBA_LEDGER')!.getSheet().getName()).toBe('FBA Ledger');
    expect(ss.getRangeByName('HEADER')!.getA1Notation()).toBe('A1:L1');
    expect(ss.getRangeByName('BLOCK')!.getA1Notation()).toBe('B15:B16');
    sheet.deleteRows(2, 5);
    expect(ss.getRangeByName('BLOCK')!.getA1Notation()).toBe('B10:B11');
    expect(ss.getNamedRanges().map((n) => n.getName()).sort()).toEqual(['BLOCK', 'FBA_LEDGER', 'HEADER']);
    ss.removeNamedRange('HEADER');
    expect(ss.getRangeByName('HEADER')).toBeNull();
    const nr = ss.getNamedRanges().find((n) => n.getName() === 'BLOCK')!;
    nr.setRange(sheet.getRange('C1:C2'));
    expect(nr.getRange().getA1Notation()).toBe('C1:C2');
    nr.remove();
    expect(ss.getRangeByName('BLOCK')).toBeNull();
    expect(() => ss.setNamedRange('A1', sheet.getRange('A1'))).toThrow();
  });
});

describe('data validation', () => {
  it('builds, sets, reads and clears rules', () => {
    const { x, sheet } = setup();
    const rule = x.globals.SpreadsheetApp.newDataValidation()
      .requireValueInList(['TRANSFER', 'OPENING'], true).setAllowInvalid(false).setHelpText('Pick one').build();
    sheet.getRange('B2:B4').setDataValidation(rule);
    const got = sheet.getRange('B3').getDataValidation()!;
    expect(String(got.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(got.getCriteriaValues()).toEqual([['TRANSFER', 'OPENING'], true]);
    expect(got.getAllowInvalid()).toBe(false);
    expect(got.getHelpText()).toBe('Pick one');
    expect(sheet.getRange('B1:B2').getDataValidations().map((r) => r[0] === null)).toEqual([true, false]);
    sheet.getRange('B2:B4').clearDataValidations();
    expect(sheet.getRange('B3').getDataValidation()).toBeNull();
    expect(String(x.globals.SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN)).toBe('NUMBER_BETWEEN');
  });
});

describe('call counters', () => {
  it('count every call by Class.method, resettably', () => {
    const { env, sheet } = setup();
    env.resetCounters();
    sheet.getRange('A1:B2').setValues([[1, 2], [3, 4]]);
    sheet.getRange('A1:B2').getValues();
    expect(env.count('Sheet.getRange')).toBe(2);
    expect(env.count('Range.setValues')).toBe(1);
    expect(env.count('Range.')).toBe(2);
    expect(env.sheetCalls()).toBe(4);
    expect(env.counts()).toEqual({ 'Range.getValues': 1, 'Range.setValues': 1, 'Sheet.getRange': 2 });
    env.resetCounters();
    expect(env.sheetCalls()).toBe(0);
  });

  it('let a test see that batched writes cost calls per block, not per row', () => {
    const { env, sheet } = setup();
    const write = (rows: number) => {
      env.resetCounters();
      const data = Array.from({ length: rows }, (_, i) => [`sku${i}`, i]);
      sheet.getRange(2, 1, rows, 2).setValues(data);
      return env.sheetCalls();
    };
    expect(write(10)).toBe(write(900));
  });
});

describe('test setup helpers', () => {
  it('seed writes with setValues coercion and peek reads the data range, without counting', () => {
    const env = new FakeEnv({ manifest: null });
    env.seed('Kits', [['Amazon SKU', 'Component SKU', 'Units per kit'], ['SKU1-6PK', 'SKU1', '6']]);
    expect(env.peek('Kits')).toEqual([['Amazon SKU', 'Component SKU', 'Units per kit'], ['SKU1-6PK', 'SKU1', 6]]);
    expect(env.sheetCalls()).toBe(0);
  });
});
