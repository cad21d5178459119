/**
 * Rows with more fields than the header whose extra fields are empty. DuckDB's reader takes such a row
 * without a word, dropping the empty fields at its end, so a value holding an unquoted delimiter in a row
 * whose last value is empty (`0003XX 1ST AVE N, APT 2` where a Minneapolis row has no cancel reason) is
 * loaded with every value after it one column to the right. These rows are found in the raw bytes and
 * quarantined as any row with the wrong number of fields is.
 */
import { fileChunks } from './blank-lines.js';

const LF = 10;
const CR = 13;
/** The share of rows with extra empty fields from which an export is taken to end every row so. */
const TRAILING_SHARE = 0.9;
const SPACE = 32;
const TAB = 9;

/** Single-byte delimiter and quote codes, or undefined when either is not one byte of ASCII. */
export function codes(delimiter: string, quote: string): { d: number; q: number } | undefined {
  const d = delimiter.charCodeAt(0);
  const q = quote.charCodeAt(0);
  return delimiter.length === 1 && quote.length === 1 && d < 128 && q < 128 ? { d, q } : undefined;
}

/**
 * Watches a plain file's bytes, chunk by chunk, for a line that ends in an empty field and has more fields
 * than the header, reading each such line as a whole row (a value running over lines can fool it either
 * way; `extraFieldRows` then decides). Only lines ending in an empty field are counted, so a file whose
 * last column is mostly filled costs next to nothing. Also counts the file's line ends.
 */
export class ExtraFieldWatch {
  /** Line ends (LF) seen. */
  breaks = 0;
  seen = false;
  private carry: Buffer = Buffer.alloc(0);
  private readonly c: { d: number; q: number } | undefined;
  private readonly fields: number;
  /** Without `row` (a Parquet file, a gzip file's raw bytes), only counts line ends. */
  constructor(row?: { delimiter: string; quote: string; fields: number }) {
    this.c = row && codes(row.delimiter, row.quote);
    this.fields = row?.fields ?? 0;
  }

  feed(b: Buffer): void {
    const c = this.c;
    let start = 0;
    let breaks = this.breaks;
    // Locals and no object a line: this runs for every line of every file ingested.
    for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) {
      breaks++;
      // The header (line 1) is not a row.
      if (c && breaks > 1 && !this.seen) {
        if (start === 0 && this.carry.length) {
          const line = Buffer.concat([this.carry, b.subarray(0, i)]);
          this.seen = this.wide(line, 0, line.length, c);
        } else this.seen = this.wide(b, start, i, c);
      }
      start = i + 1;
    }
    this.breaks = breaks;
    if (this.seen || !c) return;
    const rest = b.subarray(start);
    // A line longer than this is no row of a calls export; the exact scan then decides.
    if (start === 0 && this.carry.length + rest.length > 1 << 20) this.seen = true;
    else this.carry = start === 0 ? Buffer.concat([this.carry, rest]) : Buffer.from(rest);
  }

  private wide(line: Buffer, from: number, to: number, c: { d: number; q: number }): boolean {
    return endsEmpty(line, from, to, c) && naiveFields(line, from, to, c) > this.fields;
  }

  /** Whether the file's last line, when it has no line end, ends in an empty field with too many fields. */
  end(): void {
    const l = this.carry;
    if (!this.seen && this.c && this.breaks > 0 && l.length) this.seen = this.wide(l, 0, l.length, this.c);
  }
}

/**
 * Whether bytes `from` to `to` of `line` end in an empty field: a delimiter, or `""`, with spaces around
 * it or not (DuckDB takes `"" ` for empty).
 */
function endsEmpty(line: Buffer, from: number, to: number, c: { d: number; q: number }): boolean {
  let e = to;
  const blank = (x: number | undefined) => (x === SPACE || x === TAB || x === CR) && x !== c.d;
  while (e > from && blank(line[e - 1])) e--;
  if (e > from && line[e - 1] === c.d) return true;
  if (!(e - from >= 2 && line[e - 1] === c.q && line[e - 2] === c.q)) return false;
  e -= 2;
  while (e > from && blank(line[e - 1])) e--;
  return e === from || line[e - 1] === c.d;
}

function naiveFields(line: Buffer, from: number, to: number, c: { d: number; q: number }): number {
  let n = 1;
  let quoted = false;
  // A quote right after a closing one is an escaped quote (`""` inside a quoted value): quoted again.
  let closed = false;
  let atStart = true;
  for (let i = from; i < to; i++) {
    const x = line[i]!;
    if (quoted) {
      if (x === c.q) {
        quoted = false;
        closed = true;
      }
      continue;
    }
    if (x === c.q && (closed || atStart)) {
      quoted = true;
      closed = false;
    } else if (x === c.d) {
      n++;
      atStart = true;
      closed = false;
      continue;
    } else if (x !== SPACE && x !== TAB) closed = false;
    if (x !== SPACE && x !== TAB) atStart = false;
  }
  return n;
}

/** A row with more fields than expected, all the extra ones empty. */
export interface ExtraFieldRow {
  /** Numbered as DuckDB numbers lines: the header is 1, blank lines count, quoted line breaks do not. */
  line: number;
  fields: number;
}

/**
 * The rows of a CSV file with more fields than the header whose extra fields are all empty, read with
 * quotes respected. When nine rows in ten or more have extra empty fields, the export ends every row
 * with a delimiter: then only rows with more fields than the commonest count are returned, and `expected`
 * is that count.
 */
export async function extraFieldRows(
  path: string,
  gzip: boolean,
  delimiter: string,
  quote: string,
  headerFields: number,
): Promise<{ rows: ExtraFieldRow[]; expected: number; endsWithLineEnd?: boolean }> {
  const c = codes(delimiter, quote);
  if (!c) return { rows: [], expected: headerFields };
  const byCount = new Map<number, number[]>();
  const wide = (at: number, n: number) => {
    const list = byCount.get(n) ?? [];
    list.push(at);
    byCount.set(n, list);
  };
  let line = 1;
  let rowsSeen = 0;
  let fields = 1;
  // 1-based index of the last field with a value so far; a field of `""` alone has none.
  let lastFilled = 0;
  // The field so far: a value (any byte in quotes but the quotes, or other than a space outside them),
  // spaces outside quotes, and whether it was quoted. DuckDB takes `"" ` for empty and ` ` for a value.
  let content = false;
  let spaces = false;
  let quotedField = false;
  let quoted = false;
  let closed = false;
  let atStart = true;
  const endField = () => {
    if (content || (spaces && !quotedField)) lastFilled = fields;
    content = spaces = quotedField = closed = false;
    atStart = true;
  };
  const endRecord = () => {
    if (line > 1 && (fields > 1 || lastFilled > 0)) {
      rowsSeen++;
      if (fields > headerFields && lastFilled <= headerFields) wide(line, fields);
    }
    line++;
    fields = 1;
    lastFilled = 0;
  };
  // The text's last byte: a gzip file's raw bytes do not show whether its text ends in a line end.
  let last = LF;
  let beforeLast = -1;
  for await (const b of fileChunks(path, gzip)) {
    if (b.length) {
      beforeLast = b.length > 1 ? b[b.length - 2]! : last;
      last = b[b.length - 1]!;
    }
    for (let i = 0; i < b.length; i++) {
      const x = b[i]!;
      // Plain assignments, no destructuring: this runs once a byte of the file.
      if (quoted) {
        if (x === c.q) {
          quoted = false;
          closed = true;
        } else content = true;
        continue;
      }
      if (x === c.q && closed) {
        // `""` inside a quoted value: a quote, and quoted again.
        quoted = content = true;
        closed = false;
        continue;
      }
      closed = false;
      if (x === c.d) {
        endField();
        fields++;
      } else if (x === LF) {
        endField();
        endRecord();
      } else if (x === c.q && atStart) {
        quoted = quotedField = true;
        atStart = false;
      } else if (x === SPACE || x === TAB) spaces = true;
      else if (x !== CR) {
        content = true;
        atStart = false;
      }
    }
  }
  // A last line without a line end.
  if (content || spaces || fields > 1) {
    endField();
    endRecord();
  }
  const wideRows = [...byCount.values()].reduce((a, l) => a + l.length, 0);
  let expected = headerFields;
  // Nine rows in ten: at a half, a file of 60% such rows took the other 40%'s stray delimiters for
  // whole rows (tester 85); below, every wide row is quarantined, which refuses a mixed file rather than
  // load part of it shifted.
  // A file of a header alone has no row, wide or not (a gzip file of one crashed here: helper D66).
  if (wideRows > 0 && wideRows >= TRAILING_SHARE * rowsSeen)
    expected = [...byCount.entries()].reduce((best, e) => (e[1].length > best[1].length ? e : best))[0];
  const rows = [...byCount.entries()]
    .filter(([n]) => n > expected)
    .flatMap(([n, lines]) => lines.map((l) => ({ line: l, fields: n })))
    .sort((a, b) => a.line - b.line);
  // UTF-16 little-endian's line end ends in the LF's zero byte (as digestFile reads it, tester 130).
  return { rows, expected, endsWithLineEnd: last === LF || (last === 0 && beforeLast === LF) };
}
