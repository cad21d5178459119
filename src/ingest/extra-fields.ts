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

/** Single-byte delimiter and quote codes, or undefined when either is not one byte of ASCII. */
function codes(delimiter: string, quote: string): { d: number; q: number } | undefined {
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

/** Whether bytes `from` to `to` of `line` end in an empty field (a delimiter, or a delimiter and `""`). */
function endsEmpty(line: Buffer, from: number, to: number, c: { d: number; q: number }): boolean {
  let e = to;
  if (e > from && line[e - 1] === CR) e--;
  if (e > from && line[e - 1] === c.d) return true;
  return (
    e - from >= 2 && line[e - 1] === c.q && line[e - 2] === c.q && (e - from === 2 || line[e - 3] === c.d)
  );
}

function naiveFields(line: Buffer, from: number, to: number, c: { d: number; q: number }): number {
  let n = 1;
  let quoted = false;
  let atStart = true;
  for (let i = from; i < to; i++) {
    const x = line[i]!;
    if (quoted) {
      if (x === c.q) quoted = false;
    } else if (x === c.d) {
      n++;
      atStart = true;
      continue;
    } else if (x === c.q && atStart) quoted = true;
    atStart = false;
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
 * quotes respected. When more than half of the rows have extra empty fields, the export ends every row
 * with a delimiter: then only rows with more fields than the commonest count are returned, and `expected`
 * is that count.
 */
export async function extraFieldRows(
  path: string,
  gzip: boolean,
  delimiter: string,
  quote: string,
  headerFields: number,
): Promise<{ rows: ExtraFieldRow[]; expected: number }> {
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
  let filled = false;
  let quoted = false;
  let atStart = true;
  for await (const b of fileChunks(path, gzip)) {
    for (let i = 0; i < b.length; i++) {
      const x = b[i]!;
      if (quoted) {
        if (x === c.q) quoted = false;
        else filled = true;
        continue;
      }
      if (x === c.d) {
        if (filled) lastFilled = fields;
        fields++;
        filled = false;
        atStart = true;
        continue;
      }
      if (x === LF) {
        if (filled) lastFilled = fields;
        if (line > 1) {
          rowsSeen++;
          if (fields > headerFields && lastFilled <= headerFields) wide(line, fields);
        }
        line++;
        fields = 1;
        lastFilled = 0;
        filled = false;
        atStart = true;
        continue;
      }
      if (x === c.q && atStart) quoted = true;
      else if (x !== CR) filled = true;
      atStart = false;
    }
  }
  // A last line without a line end.
  if (filled) lastFilled = fields;
  if (line > 1 && (fields > 1 || filled)) {
    rowsSeen++;
    if (fields > headerFields && lastFilled <= headerFields) wide(line, fields);
  }
  const wideRows = [...byCount.values()].reduce((a, l) => a + l.length, 0);
  let expected = headerFields;
  if (wideRows > rowsSeen / 2)
    expected = [...byCount.entries()].reduce((best, e) => (e[1].length > best[1].length ? e : best))[0];
  const rows = [...byCount.entries()]
    .filter(([n]) => n > expected)
    .flatMap(([n, lines]) => lines.map((l) => ({ line: l, fields: n })))
    .sort((a, b) => a.line - b.line);
  return { rows, expected };
}
