/**
 * Delimited text (spec §6 "Parsing"): tab or comma, chosen from the header line; fields quoted or
 * not (SP-API ledger downloads quote every value, `""` inside quotes is one quote, quoted fields
 * may hold delimiters and line breaks); LF or CRLF; the last line may lack its newline; blank lines
 * are skipped. Each record carries the 1-based number of the line it starts on.
 *
 * Built for speed: `indexOf` jumps instead of character loops, one reused field array per record
 * (callers copy what they keep), sliced strings.
 */
import { InputError } from '../errors';

export type Delimiter = '\t' | ',';

/**
 * Called once per non-blank record; `fields` is reused for the next record: copy what you keep.
 * Returning `false` stops the reading.
 */
export type RecordHandler = (fields: string[], line: number) => void | boolean;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Tab or comma for a header line: whichever occurs more often outside quotes (tab on a tie, comma
 * when neither occurs).
 */
export function detectDelimiter(headerLine: string): Delimiter {
  let tabs = 0, commas = 0, inQuotes = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === 9) tabs++;
      else if (c === 44) commas++;
    }
  }
  return tabs > 0 && tabs >= commas ? '\t' : ',';
}

/** The first line holding something other than whitespace (without its line break), or null. */
export function firstNonBlankLine(text: string): { line: string; lineNumber: number } | null {
  let pos = 0, lineNumber = 1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    if (line.trim() !== '') return { line: line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber };
    pos = nl + 1;
    lineNumber++;
  }
  return null;
}

/**
 * Reads every record of `text`, calling `onRecord` for each non-blank one (a record is blank when
 * all its fields are empty or whitespace: blank lines, and rows of bare delimiters that
 * spreadsheets leave). A leading byte-order mark is ignored. Returns the delimiter used.
 * With `keep`, only fields whose index is true in it are cut out of the text (the others, and
 * fields past its end, are passed as ''): a parser that reads 9 columns of 15 allocates 9 strings.
 * A skipped field that is not empty makes its record non-blank.
 */
export function readRecords(text: string, onRecord: RecordHandler, delimiter?: Delimiter, keep?: readonly boolean[]): Delimiter {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (delimiter === undefined) {
    const first = firstNonBlankLine(pos === 0 ? text : text.slice(pos));
    delimiter = first ? detectDelimiter(first.line) : '\t';
  }
  const delim = delimiter;
  const D = delim.charCodeAt(0);
  const n = text.length;
  const fields: string[] = [];
  let line = 1;
  let nextNl = text.indexOf('\n', pos);
  if (nextNl < 0) nextNl = n;
  let nextDelim = text.indexOf(delim, pos);
  if (nextDelim < 0) nextDelim = n;

  while (pos < n) {
    const recordLine = line;
    let nf = 0;
    let blank = true;
    // One record.
    for (;;) {
      let value = '';
      const want = keep === undefined || (nf < keep.length && keep[nf]);
      if (text.charCodeAt(pos) === QUOTE) {
        const openedAt = line;
        let q = text.indexOf('"', pos + 1);
        if (q < 0) throw new InputError('a quoted value is never closed (a " is missing)', openedAt);
        if (want) value = text.slice(pos + 1, q);
        else if (q > pos + 1) blank = false;
        pos = q + 1;
        while (text.charCodeAt(pos) === QUOTE) {
          q = text.indexOf('"', pos + 1);
          if (q < 0) throw new InputError('a quoted value is never closed (a " is missing)', openedAt);
          if (want) value += '"' + text.slice(pos + 1, q);
          else blank = false;
          pos = q + 1;
        }
        if (nextNl < pos) {
          // The quoted value held line breaks: count them, find the next real one.
          let k = nextNl;
          while (k >= 0 && k < pos) {
            line++;
            k = text.indexOf('\n', k + 1);
          }
          nextNl = k;
          if (nextNl < 0) nextNl = n;
        }
        const c = text.charCodeAt(pos);
        if (pos < n && c !== D && c !== LF && !(c === CR && (pos + 1 === n || text.charCodeAt(pos + 1) === LF))) {
          // Text after the closing quote (`"ab"c`): keep it, as spreadsheets do.
          if (nextDelim < pos) {
            nextDelim = text.indexOf(delim, pos);
            if (nextDelim < 0) nextDelim = n;
          }
          let end = nextDelim < nextNl ? nextDelim : nextNl;
          const stop = end;
          if (end === nextNl && end > pos && text.charCodeAt(end - 1) === CR) end--;
          if (want) value += text.slice(pos, end);
          else if (end > pos) blank = false;
          pos = stop;
        }
      } else {
        if (nextDelim < pos) {
          nextDelim = text.indexOf(delim, pos);
          if (nextDelim < 0) nextDelim = n;
        }
        let end: number;
        if (nextDelim < nextNl) end = nextDelim;
        else {
          end = nextNl;
          if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        }
        if (want) value = text.slice(pos, end);
        else if (end > pos) blank = false;
        pos = end;
      }
      fields[nf++] = value;
      if (blank && value.length > 0 && value.trim() !== '') blank = false;
      const c = text.charCodeAt(pos);
      if (c === D) {
        pos++;
        if (pos >= n) {
          fields[nf++] = '';
          break;
        }
        continue;
      }
      if (c === CR) pos++;
      if (text.charCodeAt(pos) === LF) {
        pos++;
        line++;
        nextNl = text.indexOf('\n', pos);
        if (nextNl < 0) nextNl = n;
      }
      break;
    }
    if (!blank) {
      fields.length = nf;
      if (onRecord(fields, recordLine) === false) break;
    }
  }
  return delim;
}

export interface Table {
  delimiter: Delimiter;
  /** The first non-blank record. */
  header: string[];
  headerLine: number;
  rows: string[][];
  /** 1-based line of each row. */
  lines: number[];
}

/** Reads a whole table (the header and every data row). Convenient for tests and small files. */
export function parseTable(text: string): Table {
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  const delimiter = readRecords(text, (fields, line) => {
    if (header === null) {
      header = fields.slice();
      headerLine = line;
    } else {
      rows.push(fields.slice());
      lines.push(line);
    }
  });
  return { delimiter, header: header ?? [], headerLine, rows, lines };
}
