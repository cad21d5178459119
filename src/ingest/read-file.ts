/**
 * Pass 1 of ingest for one file: the raw rows through the profile's SQL into a scratch Parquet file, so
 * memory stays flat whatever the file's size. Rows that are not valid CSV are caught by DuckDB's rejects
 * table with their record numbers, and every loaded row gets its number in the file back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledProfile } from '../sources/profile-sql.js';
import type { Profile, TimeSpec } from '../sources/profile-schema.js';
import {
  compileProfile,
  namesForAHeader,
  secondHeaderError,
  strptimeFormats,
} from '../sources/profile-sql.js';
import { numberOf, queryRows, queryValue } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { resourceError, UserError } from '../util/user-error.js';
import { readFields, splitFields } from '../util/csv-fields.js';
import { listInWords, shellWord } from '../util/words.js';
import { BlankLineWatch, blankLines, fileChunks, textChunks } from './blank-lines.js';
import { codes, ExtraFieldWatch, extraFieldRows } from './extra-fields.js';
import {
  firstInvalidUtf8,
  headerCells,
  iconvCommand,
  lacksColumns,
  notUtf8At,
  notUtf8Hint,
  QUOTE_MARKS,
  quoteYaml,
  shownQuote,
  type FileInfo,
} from '../sources/inspect-file.js';

/**
 * Bytes in a line beyond which DuckDB's CSV reader drops the line without a word, not even in its rejects
 * (tester 239: a 33 MB row vanished from "rows read"; its buffer is 16 times the 2 MB longest line it
 * reads, and longer lines, up to the buffer, are rejected and quarantined as they should be). A megabyte
 * short of the buffer, to be safe of line ends.
 */
export const READER_LONGEST = 31_000_000;

/**
 * Refuses a file with a line the reader would drop unseen (digestFile's `longLine`), naming the line.
 * Counted only then: a read of the file up to it.
 */
export async function refuseLongLine(
  name: string,
  path: string,
  longLine: { start: number; bytes: number },
): Promise<never> {
  let line = 1;
  if (longLine.start > 0)
    for await (const c of createReadStream(path, { end: longLine.start - 1 })) {
      const b = c as Buffer;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) line++;
    }
  throw new UserError(
    `${name}: line ${line.toLocaleString('en-US')} is ${(longLine.bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB long, more than the ${READER_LONGEST / 1e6} MB the CSV reader can read: it would drop the row without a trace. Nothing was changed in the store.`,
    'most often a free-text column (notes, a narrative), which safegap never reads, holds a huge value: export the file without that column, or shorten the value, and ingest it again.',
  );
}

/**
 * The file's SHA-256, whether its bytes hold an empty line (blank-lines.ts), how many lines they have,
 * whether the last ends in a line end, and whether a line may be a row with extra empty fields
 * (extra-fields.ts; given `row`, the file's dialect and header width), in one read.
 */
export function digestFile(
  path: string,
  row?: { delimiter: string; quote: string; fields: number },
): Promise<{
  sha256: string;
  blankLine: boolean;
  lines: number;
  endsWithLineEnd: boolean;
  extraFields: boolean;
  /** The first line longer than READER_LONGEST: its first byte's offset and its length in bytes. */
  longLine?: { start: number; bytes: number };
}> {
  return new Promise((done, fail) => {
    const h = createHash('sha256');
    // A long line runs over many of the stream's 64 KB chunks, so one test at each chunk's first and last
    // line break finds it: no loop over the lines.
    let offset = 0;
    let lineStart = 0;
    let longLine: { start: number; bytes: number } | undefined;
    const watch = new BlankLineWatch();
    // Lines of the raw bytes (of a plain file; a gzip file's count means nothing): more lines than records
    // means a value runs over lines, which readFile then checks (about 0.1 s a gigabyte).
    const lines = new ExtraFieldWatch(row);
    let last = 10;
    let beforeLast = -1;
    createReadStream(path)
      .on('data', (c) => {
        const b = c as Buffer;
        if (!longLine) {
          const first = b.indexOf(10);
          if (first !== -1) {
            if (offset + first - lineStart > READER_LONGEST)
              longLine = { start: lineStart, bytes: offset + first - lineStart };
            lineStart = offset + b.lastIndexOf(10) + 1;
          }
          offset += b.length;
        }
        h.update(b);
        watch.feed(b);
        lines.feed(b);
        if (b.length) {
          beforeLast = b.length > 1 ? b[b.length - 2]! : last;
          last = b[b.length - 1]!;
        }
      })
      .on('end', () => {
        lines.end();
        // The last line, with no line end after it.
        if (!longLine && offset - lineStart > READER_LONGEST)
          longLine = { start: lineStart, bytes: offset - lineStart };
        // UTF-16 little-endian ends its line end in the LF's zero byte: a whole file was said to be
        // perhaps cut short (tester 127). No text of the other encodings ends in a zero byte.
        const ends = last === 10 || (last === 0 && beforeLast === 10);
        done({
          sha256: h.digest('hex'),
          blankLine: watch.seen,
          lines: lines.breaks + (ends ? 0 : 1),
          endsWithLineEnd: ends,
          extraFields: lines.seen,
          ...(longLine ? { longLine } : {}),
        });
      })
      .on('error', fail);
  });
}

/** DuckDB's text of a typed date-time: `2022-10-01 00:04:37.25`, read back by WHOLE_FORMAT. */
const TIMESTAMP_TYPE = /^TIMESTAMP(_NS|_MS|_S)?$/;
/** The format a typed time is read back in, seconds and their fraction kept (strptimeFormats adds `.%f`). */
const WHOLE_FORMAT = '%Y-%m-%d %H:%M:%S';

/**
 * The time fields of `profile` whose columns are all typed (a TIMESTAMP, or a DATE with a TIME in
 * `time_column`): those read in WHOLE_FORMAT. A column also read by a field that is not all typed keeps the
 * profile's format, and so that field too.
 */
function typedTimeFields(profile: Profile, types: Map<string, string>): Map<string, TimeSpec> {
  const specs = Object.entries(profile.times as Record<string, string | TimeSpec | undefined>)
    .filter((e): e is [string, string | TimeSpec] => e[1] !== undefined)
    .map(([field, t]) => [field, typeof t === 'string' ? { column: t } : t] as const);
  const cols = (c: string | string[]) => (Array.isArray(c) ? c : [c]);
  const read = (t: TimeSpec) => [...cols(t.column), ...(t.time_column ? cols(t.time_column) : [])];
  // Under iso8601 too: a typed TIMESTAMP has no offset, which iso8601 refuses, so every row of such a file
  // was quarantined and the refusal's advice (WHOLE_FORMAT) was the only way in (helper D75). A
  // TIMESTAMPTZ, written with its `+00`, is left to iso8601, which reads it.
  const typed = (t: TimeSpec) =>
    t.seconds_after === undefined &&
    (t.time_column
      ? cols(t.column).every((c) => types.get(c) === 'DATE') &&
        cols(t.time_column).every((c) => types.get(c) === 'TIME')
      : cols(t.column).every((c) => TIMESTAMP_TYPE.test(types.get(c) ?? '')));
  const whole = new Map(specs.filter(([, t]) => typed(t)));
  for (let changed = true; changed;) {
    changed = false;
    const kept = new Set(specs.filter(([f]) => !whole.has(f)).flatMap(([, t]) => read(t)));
    for (const [f, t] of whole)
      if (read(t).some((c) => kept.has(c))) {
        whole.delete(f);
        changed = true;
      }
  }
  return whole;
}

/**
 * Typed Parquet columns (a TIMESTAMP, an INTEGER) are read as their text, as a CSV's would be: the
 * profile's rules work on text, and strlen(TIMESTAMP) ended ingest in a binder error. A whole number in a
 * floating-point column is written without its `.0`: pandas stores integer columns with a missing value
 * as float64, and `2023000319821.0` was then another id than the CSV's `2023000319821` (the same calls
 * twice in the store). A time field whose columns are typed (typedTimeFields) is read by the query of a
 * profile whose format for it is WHOLE_FORMAT, which is returned with the SQL.
 */
async function parquetSql(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
  compiled: CompiledProfile,
): Promise<{ sql: string; compiled: CompiledProfile }> {
  const from = `read_parquet(${literal(info.path)})`;
  let columns: { column_name: string; column_type: string }[];
  try {
    columns = await queryRows(conn, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${from})`);
  } catch (e) {
    throw resourceError(e) ?? notParquet(info, e);
  }
  const names = columns.map((c) => c.column_name);
  const missing = compiled.columns.filter((c) => !names.includes(c));
  if (missing.length) throw lacksColumns(info.name, compiled.label, missing, names, compiled.columns);
  // A typed time holds its own time, seconds and fractions too: written in the profile's format, which
  // most often has no seconds (`%m/%d/%Y %H:%M`), 00:04:37.25 was stored as 00:04:00 without a word
  // (tester 341). Such a field is read in WHOLE_FORMAT whatever the profile's format says.
  const whole = typedTimeFields(profile, new Map(columns.map((c) => [c.column_name, c.column_type])));
  const wholeColumns = new Set([...whole.values()].flatMap((t) => [t.column, t.time_column ?? []].flat()));
  // Any other typed time stamp is written in the profile's own format, so that the format reads it back
  // whatever it is (DuckDB's text for it, 2023-11-04 18:08:26, matched no US-style format: every row
  // quarantined).
  const timeFormat = new Map(compiled.times.map((t) => t.columns.map((c) => [c, t.format] as const)).flat());
  const text = columns.map(({ column_name: name, column_type: type }) => {
    const c = ident(name);
    const format = timeFormat.get(name);
    if (/^(DOUBLE|FLOAT|REAL)$/.test(type))
      return `CASE WHEN ${c} = trunc(${c}) AND abs(${c}) < 9007199254740992 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END AS ${c}`;
    // In any unit: pandas and pyarrow write nanoseconds (TIMESTAMP_NS), and such a column was read as text
    // that matched no US-style format (tester 304). strftime takes a TIMESTAMP: the others are cast first,
    // and to microseconds, the most WHOLE_FORMAT's fraction reads.
    const stamp = type === 'TIMESTAMP' ? c : `CAST(${c} AS TIMESTAMP)`;
    if (TIMESTAMP_TYPE.test(type) && wholeColumns.has(name)) return `CAST(${stamp} AS VARCHAR) AS ${c}`;
    if (TIMESTAMP_TYPE.test(type) && format && format.includes('%'))
      return `strftime(${stamp}, ${literal(format)}) AS ${c}`;
    return `CAST(${c} AS VARCHAR) AS ${c}`;
  });
  const sql = `(SELECT ${text.join(', ')} FROM ${from})`;
  if (!whole.size) return { sql, compiled };
  const times = Object.fromEntries(
    Object.entries(profile.times).map(([f, t]) => {
      const spec = whole.get(f);
      return [f, spec ? { ...spec, format: WHOLE_FORMAT } : t];
    }),
  ) as Profile['times'];
  return { sql, compiled: compileProfile({ ...profile, times }, compiled.label) };
}

function notParquet(info: FileInfo, e: unknown): UserError {
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return new UserError(
    `${info.name} could not be read as Parquet: ${msg}`,
    'check that the file is a complete Parquet file (a download cut short, or a CSV saved with a .parquet name, is not); export it again.',
  );
}

function sourceSql(info: FileInfo, profile: Profile, idx: number): string {
  return csvRead(
    info,
    profile,
    `store_rejects = true, rejects_table = 'rejects_${idx}', rejects_scan = 'reject_scans_${idx}'`,
  );
}

/** A CSV file read as text, every column named by its header, in the profile's dialect, with `options`. */
export function csvRead(info: FileInfo, profile: Profile, options: string): string {
  const columns = `{${info.header.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ')}}`;
  const f = profile.format;
  // The dialect comes from the profile, never from sniffing (docs/decisions.md, 3).
  return `read_csv(${literal(info.path)}, auto_detect = false, header = true, columns = ${columns},
    delim = ${literal(f.delimiter)}, quote = ${literal(f.quote)}, escape = ${literal(f.quote)},
    encoding = ${literal(f.encoding)}, compression = ${literal(info.gzip ? 'gzip' : 'none')},
    nullstr = '', ${options})`;
}

/**
 * SQL: whether the text `l` (one line of a value that runs over lines) is a whole row of the file: exactly
 * the header's number of fields, and a received time the profile can read where the file has it. Free text
 * with many commas is neither (a team's note "Spoke with client, mother, sister, neighbour" was taken for
 * swallowed rows and the file refused).
 */
function wholeRowSql(l: string, info: FileInfo, profile: Profile): string {
  const f = profile.format;
  const fields = `string_split(${l}, ${literal(f.delimiter)})`;
  const received = profile.times.received;
  const spec = typeof received === 'string' ? { column: received } : received;
  const column = typeof spec.column === 'string' && !spec.time_column ? spec.column : undefined;
  const at = column === undefined ? -1 : info.header.indexOf(column);
  const format = spec.format ?? profile.timestamps.format;
  const value = `trim(${fields}[${at + 1}])`;
  const parses =
    at < 0
      ? 'true'
      : format === 'iso8601'
        ? `try_cast(${value} AS TIMESTAMPTZ) IS NOT NULL`
        : `try_strptime(${value}, ${strptimeFormats(format)}) IS NOT NULL`;
  return `(len(${fields}) = ${info.header.length} AND ${parses})`;
}

/**
 * Notes of a CSV header that names a column the profile reads more than once: the reader names the
 * repeats `Name_1`, `Name_2`..., so the profile's `Name` reads the first of them, and the others were left
 * unread without a word (helper D75). None where the profile reads a repeat by its own name too: chosen.
 */
export async function repeatedNameNotes(info: FileInfo, profile: Profile, read: string[]): Promise<string[]> {
  if (info.kind !== 'csv') return [];
  let line = '';
  for await (const l of fileLines(info, profile)) {
    line = l.replace(/^\uFEFF/, '');
    break;
  }
  const cells = headerCells(line, profile.format.delimiter, profile.format.quote);
  // As written, and as the header's names are told apart only when cells and names agree in number.
  if (cells.length !== info.header.length) return [];
  const notes: string[] = [];
  for (const name of new Set(cells)) {
    const at = cells.flatMap((c, i) => (c === name ? [i] : []));
    if (at.length < 2 || !read.includes(info.header[at[0]!]!)) continue;
    const unread = at.slice(1).filter((i) => !read.includes(info.header[i]!));
    if (unread.length < at.length - 1) continue;
    notes.push(
      `${info.name}: its header names \`${name}\` ${at.length === 2 ? 'twice' : `${at.length} times`} (columns ${listInWords(at.map((i) => String(i + 1)))}); the profile reads the first (column ${at[0]! + 1}) and not ${unread.length === 1 ? 'the other' : 'the others'}, which the reader names ${unread.map((i) => `\`${info.header[i]}\``).join(', ')}: if ${unread.length === 1 ? 'that is' : 'one of those is'} the column to read, map ${unread.length === 1 ? 'that name' : 'its name'} in a profile of your own (a copy of this one), or give the columns names of their own in the file, and ingest it again.`,
    );
  }
  return notes;
}

/**
 * The first value of a CSV file that runs over lines that are whole rows (wholeRowSql): rows a stray quote
 * took into one value. Reads the file again, every column as text.
 */
export async function valueHoldingRows(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
): Promise<{ column: string; line: number | undefined } | undefined> {
  const holds = (h: string) =>
    `len(list_filter(string_split(${ident(h)}, chr(10))[2:], l -> ${wholeRowSql('rtrim(l, chr(13))', info, profile)})) > 0`;
  // A quote closed on the very next line, in the same column, holds no whole line: the next row's first
  // fields end the value and its other fields complete the record, which reads as one row, one call lost
  // and the rest of the stray line (an unread caller's name too) stored in the value (tester 185). That
  // next row is the value's second line and the record's fields after the value, put back together.
  const d = literal(profile.format.delimiter);
  // A field after it that holds the delimiter was quoted in the file, one field: written back bare, it
  // split in two, and a Seattle row wrapped in Excel (`"FALSE<LF>COMPLAINT"`) beside `"ALARM - ..., SILENT"`
  // counted the header's fields and was refused for a stray quote it did not have (tester 325).
  const closedNextLine = (c: number) => {
    const h = ident(info.header[c]!);
    const after = info.header.slice(c + 1).map((x) => `replace(coalesce(${ident(x)}, ''), ${d}, chr(1))`);
    const next = `rtrim(string_split(${h}, chr(10))[2], chr(13))${after.length ? ` || ${d} || concat_ws(${d}, ${after.join(', ')})` : ''}`;
    return `(len(string_split(${h}, chr(10))) = 2 AND ${wholeRowSql(next, info, profile)})`;
  };
  // The rows with a line break are few: the test of their lines runs on those only.
  const [hit] = await queryRows<{ column: string; first: string }>(
    conn,
    `SELECT c.name AS "column", rtrim(string_split(c.value, chr(10))[1], chr(13)) AS first FROM (
       SELECT unnest([${info.header.map((h, i) => `{name: ${literal(h)}, value: ${ident(h)}, holds: contains(${ident(h)}, chr(10)) AND (${holds(h)} OR ${closedNextLine(i)})}`).join(', ')}]) AS c
       FROM ${csvRead(info, profile, 'ignore_errors = true')}
       WHERE ${info.header.map((h) => `contains(${ident(h)}, chr(10))`).join(' OR ')}
     ) WHERE c.holds LIMIT 1`,
  );
  // Named by its line, not its text: the value's first line runs on over the row's other columns, those
  // the profile does not read too (a caller's name and phone), and a house number (tester 179).
  return hit
    ? { column: hit.column, line: await lineEndingWith(info, profile, `${profile.format.quote}${hit.first}`) }
    : undefined;
}

/**
 * The text of the records numbered `wanted` (1 = the header; a line break inside the profile's quotes
 * does not end one), read until the last of them.
 */
async function recordsAt(
  info: FileInfo,
  profile: Profile,
  wanted: Set<number>,
): Promise<Map<number, string>> {
  const quote = profile.format.quote;
  const found = new Map<number, string>();
  const last = [...wanted].reduce((a, b) => Math.max(a, b), 0);
  let n = 0;
  let record: string | undefined;
  for await (const line of fileLines(info, profile)) {
    record = record === undefined ? line : `${record}\n${line}`;
    if (record.split(quote).length % 2 === 0) continue;
    n++;
    if (wanted.has(n)) found.set(n, record);
    record = undefined;
    if (n >= last) break;
  }
  return found;
}

/** The refusal of a row whose value opens a quote that its line does not close, taking rows after it. */
function strayQuoteError(
  info: FileInfo,
  profile: Profile,
  row: number,
  column: string | undefined,
  reason?: string,
): UserError {
  const q = profile.format.quote;
  return new UserError(
    `${info.name}: row ${row} opens a quote ${column === undefined ? '' : `in its value of ${column} `}that is not closed on its line${reason === undefined ? '' : ` (${reason})`}, so the reader took the lines after it, whole rows, into that value: the rows in them would be lost.`,
    `fix the quoting ${column === undefined ? '' : `of ${column} `}at row ${row} (a stray \`${q}\` at the start of a value: remove it, or write it as \`${q}${q}\` inside a quoted value) and ingest the file again. Nothing was changed in the store.`,
  );
}

/**
 * The first record of the file over several lines and more than 10,000 bytes (a quote opened and closed
 * only far below, or never), by its row (its first line's number less the header's) and the column whose
 * value opens the quote.
 */
async function longRecord(
  info: FileInfo,
  profile: Profile,
): Promise<{ row: number; column: string | undefined } | undefined> {
  const quote = profile.format.quote;
  let line = 0;
  let open = false;
  let first = { line: 0, text: '' };
  let bytes = 0;
  for await (const text of fileLines(info, profile)) {
    line++;
    if (!open) {
      first = { line, text };
      bytes = 0;
    }
    bytes += Buffer.byteLength(text) + 1;
    // A quote written twice inside a quoted value leaves the count's parity as it was.
    if ((text.split(quote).length - 1) % 2 === 1) open = !open;
    if (line > first.line && bytes > 10_000)
      return { row: first.line - 1, column: openQuoteColumn(first.text, info, profile) };
  }
  return undefined;
}

/** The number of the file's first line (1 = the header) that ends with `text`. */
async function lineEndingWith(info: FileInfo, profile: Profile, text: string): Promise<number | undefined> {
  let n = 0;
  for await (const line of fileLines(info, profile)) {
    n++;
    if (line.endsWith(text)) return n;
  }
  return undefined;
}

/** The file's lines as text in the profile's encoding; the reader is closed when the caller stops early. */
async function* fileLines(info: FileInfo, profile: Profile): AsyncGenerator<string> {
  const encoding = profile.format.encoding;
  const chunks = async function* () {
    for await (const b of textChunks(info.path, info.gzip, encoding))
      yield encoding === 'latin-1' ? b.toString('latin1') : b;
  };
  const lines = createInterface({ input: Readable.from(chunks()), crlfDelay: Infinity });
  try {
    yield* lines;
  } finally {
    lines.close();
  }
}

/**
 * The quarantine reason of a row DuckDB could not read: a row with the wrong number of fields in plain
 * words with how to fix it, in the style of the other reasons; anything else in DuckDB's words. The line
 * itself is not kept (docs/schema.md): it holds columns the profile does not read, and its fields cannot
 * be matched to columns when there are too many or too few of them.
 */
function rejectReason(
  r: {
    reason: string;
    types: string;
    fields: number | null;
    column?: number | null;
    quotedWith?: { quote: string; column: string } | undefined;
  },
  info: FileInfo,
  profile: Profile,
  /** The fields of a row: more than the header's when the export ends every row with a delimiter. */
  expected = info.header.length,
): string {
  const header = info.header.length;
  // The reader's longest row: the row is no worse CSV than the others (tester 179: a 2.25 MB value).
  const long = /Maximum line size of (\d+) bytes exceeded/.exec(r.reason);
  if (long)
    return `the row is longer than the ${(Number(long[1]) / 1e6).toLocaleString('en-US')} MB a row may have: most often a free-text column (notes, a narrative), which safegap never reads; export the file without that column, or shorten the value, and ingest the row again`;
  // DuckDB's "Value with unterminated quote found." named no column and no fix (tester 309).
  const column = r.column !== undefined && r.column !== null ? info.header[r.column - 1] : undefined;
  if (r.types.includes('UNQUOTED VALUE') && column !== undefined)
    return `column ${column}: its value holds a quote mark (${profile.format.quote}) not written twice, most often one typed into the value; remove it, or write it twice (${profile.format.quote.repeat(2)}) inside a quoted value, in the file and ingest the row again`;
  if (r.fields === null) return `not valid CSV: ${r.reason}`;
  const d = profile.format.delimiter;
  const delimiter = d === '\t' ? 'a tab' : `\`${d}\``;
  const has = `has ${r.fields} field${r.fields === 1 ? '' : 's'} where ${expected === header ? `the header has ${header}` : `the file's other rows have ${expected}`}`;
  if (r.quotedWith && r.fields > expected)
    return `${has}: its value of ${r.quotedWith.column} holds the delimiter, ${delimiter}, within ${shownQuote(r.quotedWith.quote)}, which the profile does not read as a quote mark (it reads ${shownQuote(profile.format.quote)}); set \`format: { quote: ${quoteYaml(r.quotedWith.quote)} }\` in the profile and ingest the file again`;
  return r.fields > expected
    ? `${has}: most often a value holds the delimiter, ${delimiter}, without quotes around it, or the row ends with a delimiter too many; quote that value (or remove the stray delimiter) in the file and ingest it again`
    : `${has}: ${SHORT_ROW}; a summary line is no call and can stay quarantined, a row cut short needs its values from the source before the file is ingested again`;
}

/**
 * The other quote mark a rejected record of too many fields is read whole with, and the column of the value
 * it quotes: `'34 AV N/35 AV N; REAR'` under the profile's `"` was two values, and the reason said to quote
 * a value that was quoted (tester 341).
 */
function quotedWith(
  record: string,
  info: FileInfo,
  profile: Profile,
  expected: number,
): { quote: string; column: string } | undefined {
  const d = profile.format.delimiter;
  for (const q of QUOTE_MARKS) {
    if (q === profile.format.quote || q === d || !record.includes(q)) continue;
    const raw = splitFields(record, d, '\u0000');
    const fields = splitFields(record, d, q);
    if (fields.length !== expected) continue;
    const at = raw.findIndex((v) => v.trimStart().startsWith(q));
    if (at >= 0) return { quote: q, column: info.header[at] ?? `column ${at + 1}` };
  }
  return undefined;
}

/** ", most have 21": the field count of most short rows, in words (was DuckDB's own, tester 179). */
function fieldsOfShort(rejects: readonly { types: string; fields: number | null }[]): string {
  const counts = new Map<number, number>();
  for (const r of rejects)
    if (r.types === 'MISSING COLUMNS' && r.fields !== null)
      counts.set(r.fields, (counts.get(r.fields) ?? 0) + 1);
  const most = [...counts].sort((a, b) => b[1] - a[1])[0];
  return most ? `; ${counts.size === 1 ? 'they have' : 'most have'} ${most[0]}` : '';
}

/** DuckDB's reason for a record whose quote is never closed: its words are replaced by ours. */
const UNTERMINATED = /unterminated quote/i;

/**
 * The header's name of the field whose quote is still open at the end of the record's first line, or
 * undefined when none is. As DuckDB reads it (readFields): a quote opens a value only at its start, and a
 * doubled quote inside one is a quote.
 */
function openQuoteColumn(record: string, info: FileInfo, profile: Profile): string | undefined {
  const line = record
    .replace(/^[\r\n]+/, '')
    .split('\n')[0]!
    .replace(/\r$/, '');
  const { fields, open } = readFields(line, profile.format.delimiter, profile.format.quote);
  return open ? (info.header[fields.length - 1] ?? `field ${fields.length}`) : undefined;
}

/** What a quarantined summary line is, in its reason: ingest's refusal looks for it. */
export const SUMMARY_LINE = 'a summary line (a total)';

/** What a quarantined row with too few fields may be, in its reason. */
export const SHORT_ROW = `${SUMMARY_LINE} or a row cut short`;

/** A value that names a total or a count: `Total rows:`, `TOTAL`, `Record count: 10830`, `Grand Total: 30 calls`. */
const SUMMARY_LABEL =
  /^(grand |sub)?(totals?|count|sum|record count|row count|number of)\b[a-z ]*:?\s*([0-9][0-9,.]*( [a-z]+)*)?$/i;
const NUMBER = /^[-+]?[0-9][0-9,]*([.][0-9]+)?$/;

/**
 * The file's last row, when the reader took it as a row of every field and it is an export's summary line:
 * its first value names a total or a count and every other is empty or a number (`Total rows:,10830,,,`).
 * Its reason said only that it had no received time, where a total written on one field was called a
 * summary line (tester 348). Still quarantined, never dropped: it is a row read. Looked for only when
 * the last row read has a problem.
 */
async function summaryLine(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
  out: string,
  accepted: number,
  rejectedRows: number[],
  blankRows: number[],
): Promise<{ row: number; reason: string } | undefined> {
  if (info.kind !== 'csv' || accepted === 0) return undefined;
  const [last] = await queryRows<{ bad: boolean }>(
    conn,
    `SELECT problems IS NOT NULL AS bad FROM read_parquet(${literal(out)}, file_row_number = true)
     WHERE file_row_number = ${accepted - 1}`,
  );
  if (!last?.bad) return undefined;
  // The last accepted row's number, as rows are numbered below; a rejected row after it is the file's last.
  const skipped = [...rejectedRows, ...blankRows].sort((a, b) => a - b);
  const row = accepted + skipped.filter((r, j) => r - 1 - j <= accepted - 1).length;
  if (rejectedRows.some((r) => r > row)) return undefined;
  const line = await lastLine(info, profile);
  if (line === undefined) return undefined;
  // The label is the first value written: `,Grand Total: 30 calls,,` leaves the first column empty.
  const values = splitFields(line, profile.format.delimiter, profile.format.quote).map((v) => v.trim());
  const at = values.findIndex((v) => v !== '');
  const first = values[at];
  if (
    first === undefined ||
    values.length < info.header.length ||
    !SUMMARY_LABEL.test(first) ||
    !values.every((v, i) => i === at || v === '' || NUMBER.test(v))
  )
    return undefined;
  return {
    row,
    reason: `${SUMMARY_LINE} and no call: its label, \`${first}\`, names a total or a count, and its other values are empty or numbers; it can stay quarantined, or be deleted from the file before it is ingested again`,
  };
}

/** The file's last line that is not blank, undefined when it cannot be told (a record of several lines). */
async function lastLine(info: FileInfo, profile: Profile): Promise<string | undefined> {
  const notBlank = (l: string) => l.trim() !== '';
  if (!info.gzip && profile.format.encoding !== 'utf-16') {
    // A plain file's tail: the whole file is not read again for its last line.
    const f = await open(info.path, 'r');
    try {
      const { size } = await f.stat();
      const length = Math.min(size, 1 << 20);
      const b = Buffer.alloc(length);
      await f.read(b, 0, length, size - length);
      const lines = b.toString(profile.format.encoding === 'latin-1' ? 'latin1' : 'utf8').split(/\r?\n/);
      const at = lines.findLastIndex(notBlank);
      // The line's start must be in the tail read: past its first line break, or the file's start.
      return at > 0 || (at === 0 && length === size) ? lines[at] : undefined;
    } finally {
      await f.close();
    }
  }
  let found: string | undefined;
  for await (const line of fileLines(info, profile)) if (notBlank(line)) found = line;
  return found;
}

/** The first byte 0x80-0x9F of a file DuckDB refused as Latin-1, and its line (1 = the header). */
async function firstC1Byte(info: FileInfo): Promise<{ line: number; byte: number } | undefined> {
  let line = 1;
  for await (const b of fileChunks(info.path, info.gzip)) {
    const at = b.findIndex((x) => x >= 0x80 && x <= 0x9f);
    const end = at === -1 ? b.length : at;
    for (let i = b.indexOf(10); i !== -1 && i < end; i = b.indexOf(10, i + 1)) line++;
    if (at !== -1) return { line, byte: b[at]! };
  }
  return undefined;
}

/**
 * DuckDB's Latin-1 reader refuses bytes 0x80-0x9F, where Windows-1252 (Excel) keeps curly quotes and
 * dashes: the refusal, with the line and how to convert the file, when that is what `e` is; else null.
 * Ingest and profile init both read with it (tester 143: init said DuckDB's words and "not .xlsx").
 */
export async function notLatin1(info: FileInfo, e: unknown): Promise<UserError | null> {
  if (!(e instanceof Error) || !/not latin-1 encoded/i.test(e.message)) return null;
  // DuckDB does not say where; the file is searched for the line only now that it is refused.
  const at = await firstC1Byte(info);
  return new UserError(
    `${info.name} is not Latin-1 text: ${at ? `line ${at.line} holds byte 0x${at.byte.toString(16).toUpperCase()}, one of` : 'it holds'} bytes 0x80-0x9F, which Latin-1 does not use and Windows-1252 (Excel's "ANSI") does.`,
    `convert it to UTF-8 with ${iconvCommand(info, 'WINDOWS-1252')} and leave \`encoding\` out of the profile.`,
  );
}

/**
 * The error for a file whose line endings are mixed or hold a stray carriage return, naming the first line
 * that differs and the command that fixes it, then `then` (ingest the file again, or draft from it: profile
 * init said only that DuckDB could not sniff it, tester 326); undefined when every line ends alike.
 */
export async function lineEndError(
  info: FileInfo,
  format: { delimiter: string; quote: string },
  then: 'ingest' | 'profile init',
): Promise<UserError | undefined> {
  const at = await firstOtherLineEnd(info, format);
  if (at === undefined) return undefined;
  return new UserError(
    at.ends === 'CR'
      ? `${info.name} could not be read as CSV: line ${at.line.toLocaleString('en-US')} holds a carriage return that ends no line.`
      : `${info.name} could not be read as CSV: line ${at.line.toLocaleString('en-US')} ends in ${at.ends}, where the lines before it end in ${at.first} (two exports joined, or a file edited on another system?).`,
    lineEndHint(info, then),
  );
}

/** How to remove a file's carriage returns, then `then` the file written. */
function lineEndHint(info: FileInfo, then: 'ingest' | 'profile init'): string {
  const next = then === 'ingest' ? 'ingest' : 'run `safegap profile init` on';
  return (
    // `sed -i` on a gzip file corrupts it (tester 325): its text is unpacked on the way.
    info.gzip
      ? `most often the line endings are mixed (some lines end in CRLF, others in LF) or a line holds a stray carriage return: write its text anew with the carriage returns removed (\`gunzip -c ${shellWord(info.path)} | sed 's/\\r$//' > ${shellWord(`${info.path.replace(/(\.csv)?\.gz$/i, '')}-fixed.csv`)}\`) and ${next} that file.`
      : `most often the line endings are mixed (some lines end in CRLF, others in LF) or a line holds a stray carriage return: convert the file with \`dos2unix\` (or \`sed -i 's/\\r$//' FILE\`) and ${then === 'ingest' ? 'ingest it again' : `${next} it again`}.`
  );
}

/**
 * The first line whose ending differs from the header's (CRLF against LF), or that holds a carriage return
 * not before its line feed; 1 is the header. DuckDB's refusal of such a file names no line (tester 143).
 */
async function firstOtherLineEnd(
  info: FileInfo,
  format: { delimiter: string; quote: string },
): Promise<{ line: number; ends: 'CRLF' | 'LF' | 'CR'; first: 'CRLF' | 'LF' } | undefined> {
  const name = (crlf: boolean) => (crlf ? 'CRLF' : 'LF');
  let line = 1;
  let first: boolean | undefined;
  let previous = -1; // the byte before the chunk's first
  // A line break inside a quoted value (a cell wrapped in Excel with Alt+Enter, LF in a CRLF file) is the
  // value's, which DuckDB reads: it was named as the line ending otherwise (tester 319), and the lines that
  // did were not. Such a line is still counted, as an editor numbers lines. A quote opens a value only at
  // its start (one inside an unquoted value is part of it) and `""` within one is a quote.
  const c = codes(format.delimiter, format.quote);
  const [quote, delimiter] = c ? [c.q, c.d] : [-2, -2];
  let quoted = false;
  let closing = false; // a quote seen in a quoted value: it closes the value unless another follows
  for await (const b of fileChunks(info.path, info.gzip)) {
    for (let i = 0; i < b.length; i++) {
      const x = b[i]!;
      const before = i > 0 ? b[i - 1]! : previous;
      if (quoted) {
        if (closing) {
          closing = false;
          if (x === quote) continue;
          quoted = false;
        } else {
          if (x === quote) closing = true;
          else if (x === 10) line++;
          continue;
        }
      } else if (
        x === quote &&
        (before === -1 ||
          before === delimiter ||
          before === 10 ||
          before === 13 ||
          (line === 1 && before === 0xbf))
      ) {
        quoted = true;
        continue;
      }
      if (x === 13 && (i + 1 < b.length ? b[i + 1] !== 10 : false))
        return { line, ends: 'CR', first: name(first ?? true) };
      if (x !== 10) continue;
      const crlf = before === 13;
      if (first === undefined) first = crlf;
      else if (crlf !== first) return { line, ends: name(crlf), first: name(first) };
      line++;
    }
    previous = b.at(-1) ?? previous;
  }
  return undefined;
}

/** A bug, not a user's mistake: readFile passes it on rather than blaming the file. */
class RowOrderError extends Error {}

/** A profile's encoding as a message names it (it said "not utf-8 text" where inspection says "UTF-8"). */
const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'latin-1': 'Latin-1', 'utf-16': 'UTF-16' } as const;

/** Physical operators that pass rows on in the order they come: the only ones pass 1 may use. */
const ORDER_KEEPING = new Set(['PROJECTION', 'READ_CSV', 'READ_PARQUET', 'TABLE_SCAN']);

/**
 * Throws unless every operator of the query's plan keeps row order. Pass 1 numbers rows by their place in
 * the scratch file, so an operator that reorders (DuckDB rewrites a long `IN (...)` list into a hash join,
 * whose output order varies from run to run) would give quarantined rows and duplicates wrong row numbers,
 * and could keep the earlier of two conflicting rows instead of the later.
 */
export async function assertKeepsRowOrder(conn: DuckDBConnection, sql: string): Promise<void> {
  const [plan] = await queryRows<{ explain_value: string }>(conn, `EXPLAIN (FORMAT json) ${sql}`);
  const found = new Set<string>();
  const walk = (n: { name: string; children?: unknown[] }) => {
    found.add(n.name);
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  for (const n of JSON.parse(plan?.explain_value ?? '[]') as { name: string }[]) walk(n);
  const other = [...found].filter((n) => !ORDER_KEEPING.has(n));
  if (other.length)
    throw new RowOrderError(
      `pass 1 of ingest would not keep the file's row order: its plan uses ${other.join(', ')}`,
    );
}

export interface ReadResult {
  rowsRead: number;
  /** SELECT over the scratch file: pass-1 columns plus file_idx, source_file and source_row. */
  rows: string;
  /** SELECT of the rows that are not valid CSV: source_file, source_row, reason, raw_values. */
  rejects: string;
  /** Whether a CSV file's text ends in a line end (undefined for Parquet). */
  endsWithLineEnd: boolean | undefined;
  /**
   * SELECT of every row of the file that pass 1 read, as text: its row_hash (as pass 1's) and raw_values
   * (the columns the profile reads, as the quarantine shows them). Run only when some row has a
   * conflicting id, for that row's raw values (row-checks.ts).
   */
  rawValues: string;
}

export async function readFile(
  conn: DuckDBConnection,
  info: FileInfo,
  idx: number,
  profile: Profile,
  compiled: CompiledProfile,
  out: string,
  /**
   * From digestFile: whether the raw bytes hold an empty line, how many lines they have, and whether the
   * last ends in a line end (of a plain file; a gzip file's raw bytes say nothing of its text).
   */
  digest?: { blankLine: boolean; lines: number; endsWithLineEnd?: boolean; extraFields?: boolean },
): Promise<ReadResult> {
  const parquet = info.kind === 'parquet' ? await parquetSql(conn, info, profile, compiled) : undefined;
  const query = parquet
    ? parquet.compiled.query(parquet.sql, info.header)
    : compiled.query(sourceSql(info, profile, idx), info.header);
  // Keeps `x IN (a, b, ...)` a plain test: DuckDB's rewrite of long lists into a join reorders rows.
  await conn.run(`SET disabled_optimizers = 'in_clause'`);
  try {
    await assertKeepsRowOrder(conn, query);
    await conn.run(
      // Scratch: fast compression; written in file order, which is how rows get their numbers back.
      `COPY (${query}) TO ${literal(out)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)`,
    );
  } catch (e) {
    if (!(e instanceof Error) || e instanceof RowOrderError) throw e;
    // A full disk or a folder that cannot be written is not the file's fault.
    const resource = resourceError(e);
    if (resource) throw resource;
    const msg = e.message.split('\n')[0] ?? '';
    const latin1 = await notLatin1(info, e);
    if (latin1) throw latin1;
    if (info.kind === 'parquet') throw notParquet(info, e);
    // DuckDB's reader stops at a line ending that is not the file's: CRLF and LF lines mixed, or a stray CR.
    if (/state machine|invalid state/i.test(msg))
      throw (
        (await lineEndError(info, profile.format, 'ingest')) ??
        new UserError(`${info.name} could not be read as CSV: ${msg}`, lineEndHint(info, 'ingest'))
      );
    // DuckDB's UTF-16 reader refuses a surrogate pair (an emoji, a rare CJK character) anywhere in the file:
    // valid UTF-16 was "not utf-16 encoded", with advice to check the file (tester 134).
    if (/not utf-16 encoded/i.test(msg))
      throw new UserError(
        `${info.name} could not be read as UTF-16: it holds a character the UTF-16 reader does not take, most often one outside the Basic Multilingual Plane (an emoji such as 😀, or a rare CJK character), which the reader refuses anywhere in the file; or it is not UTF-16.`,
        `convert it with ${iconvCommand(info, 'UTF-16LE')} and leave \`encoding\` out of the profile.`,
      );
    // DuckDB keeps a rejected record's first 10,000 bytes, cut within a character when one spans the cut,
    // and then fails to store it (tester 369: a quote opened 120 rows before the end of a file whose later
    // rows hold `’`): the record is found here, by its quotes, and named as any stray quote is.
    if (/invalid unicode.*segment statistics/i.test(msg)) {
      const long = await longRecord(info, profile);
      if (long) throw strayQuoteError(info, profile, long.row, long.column);
    }
    throw new UserError(
      `${info.name} could not be read as CSV with the profile's settings (delimiter ${JSON.stringify(profile.format.delimiter)}, quote ${JSON.stringify(profile.format.quote)}, encoding ${profile.format.encoding}): ${msg}`,
      'check that the file is a complete, uncorrupted export of this source; open it in a text editor to see its delimiter and quoting.',
    );
  }
  const accepted = numberOf(await queryValue(conn, `SELECT count(*) FROM read_parquet(${literal(out)})`));
  const rejects =
    info.kind === 'parquet'
      ? []
      : (
          await queryRows<{
            line: string;
            reason: string;
            types: string;
            column_idx: number | null;
            record: string | null;
            swallows: boolean;
          }>(
            conn,
            // One message per line (DuckDB reports a short line once per column it lacks). `swallows`: the
            // record DuckDB read runs over lines of the file after its first that are whole rows
            // (wholeRowSql): rows taken into a value a stray quote opened. DuckDB cuts a rejected record's
            // text at 10,000 bytes, within a character when one spans the cut, and `trim` on such text never
            // ends (tester 369: a quote left open 120 rows before the end of a file with `é` and `’` hung
            // ingest for good): the record's lines are split before anything else reads them, and the last
            // is left out when the text is not whole UTF-8.
            `SELECT line, first(error_message ORDER BY column_idx NULLS LAST) AS reason, string_agg(DISTINCT error_type, ',') AS types,
               min(column_idx) FILTER (WHERE error_type = 'UNQUOTED VALUE')::INTEGER AS column_idx,
               first(csv_line) AS record,
               bool_or(len(list_filter(
                 list_filter(string_split(csv_line, chr(10)), x -> x NOT IN ('', chr(13)))
                   [2:CASE WHEN try(decode(encode(csv_line))) IS NULL THEN -2 ELSE -1 END],
                 l -> ${wholeRowSql('rtrim(l, chr(13))', info, profile)})) > 0) AS swallows
             FROM rejects_${idx} GROUP BY line ORDER BY line`,
          )
        ).map((r) => {
          const values =
            (r.types === 'MISSING COLUMNS' || r.types === 'TOO MANY COLUMNS') && r.record !== null
              ? splitFields(r.record, profile.format.delimiter, profile.format.quote)
              : null;
          return {
            row: numberOf(r.line) - 1,
            reason: r.reason,
            types: r.types,
            fields: values?.length ?? null,
            quotedWith:
              r.types === 'TOO MANY COLUMNS' && r.record !== null
                ? quotedWith(r.record, info, profile, info.header.length)
                : undefined,
            column: r.column_idx,
            // Mostly this file's column names: a second export's header, with columns added or dropped.
            header:
              values !== null &&
              values.filter((v) => info.header.includes(v.trim())).length >=
                namesForAHeader(info.header.length),
            swallows: r.swallows,
            opensQuoteIn: r.record === null ? undefined : openQuoteColumn(r.record, info, profile),
          };
        });

  // Was "has 30 fields where the header has 29: most often a value holds the delimiter", which sent the
  // analyst looking for a stray comma (tester 74).
  const second = rejects.find((r) => r.header);
  if (second)
    throw secondHeaderError(
      info.name,
      second.row,
      `with other columns (${second.fields} where this file's header has ${info.header.length})`,
      info.path,
      info.gzip,
    );
  const badEncoding = rejects.find((r) => r.types.includes('INVALID ENCODING'));
  if (badEncoding) {
    // A UTF-8 file's row is named with its line, as inspectFile names one in the file's head (tester 382).
    const at =
      profile.format.encoding === 'utf-8' ? await firstInvalidUtf8(info, profile.format.quote) : null;
    throw new UserError(
      `${info.name} is not ${ENCODING_NAMES[profile.format.encoding]} text: ${at ? notUtf8At(at) : `row ${badEncoding.row}`} holds bytes that are not valid ${ENCODING_NAMES[profile.format.encoding]}.`,
      notUtf8Hint(info, false),
    );
  }
  const rowsRead = accepted + rejects.length;
  // Blank lines take a row number (as in DuckDB's line numbers and a spreadsheet) but are no row.
  const blanks =
    info.kind === 'parquet'
      ? []
      : (
          await blankLines(
            info.path,
            info.gzip,
            profile.format.quote,
            profile.format.encoding,
            info.gzip || profile.format.encoding === 'utf-16' ? undefined : digest?.blankLine,
          )
        ).map((line) => line - 1);
  // A Parquet file of no rows (columns and no rows, as a CSV of a header alone) was refused with these
  // words about lines; it is read as that CSV is, loading nothing.
  if (rowsRead === 0 && info.kind === 'csv' && info.hasData)
    throw new UserError(
      `${info.name} has lines after its header, but none could be read as rows with the profile's settings.`,
      'check the line endings and quoting (a text editor shows them); re-export the file as plain CSV.',
    );
  const short = rejects.filter((r) => r.types === 'MISSING COLUMNS').length;
  if (rowsRead > 1 && short >= 0.9 * rowsRead)
    throw new UserError(
      `${info.name}: ${short.toLocaleString('en-US')} of its ${rowsRead.toLocaleString('en-US')} rows have fewer values than its header has columns (${info.header.length}${fieldsOfShort(rejects)}).`,
      'the header names a column the rows do not have: most often a delimiter at the end of the header line only (an empty last column name), or a column added to the header by hand. Make the header match the rows and ingest the file again. Nothing was changed in the store.',
    );
  // A quote opened in a value and not closed on its line takes the lines after it into that value, up to
  // the next quote, and DuckDB reads them as one bad record: those rows would be lost without a trace.
  // Whatever DuckDB calls the error: a quote closed later by an inch mark before a delimiter gave only
  // wrong column counts.
  // The column is named, and DuckDB's "Value with unterminated quote found." said no more than ours (tester 348).
  const swallowed = rejects.find((r) => r.swallows);
  if (swallowed)
    throw strayQuoteError(
      info,
      profile,
      swallowed.row,
      swallowed.opensQuoteIn,
      UNTERMINATED.test(swallowed.reason) ? undefined : swallowed.reason,
    );
  // A stray quote closed lines later in the same column (an inch mark before a delimiter) makes one record
  // of the right width and no error at all: ten rows of the Minneapolis file became one street name.
  // Only a file whose lines outnumber its records can hold such a value, so only such a file is searched.
  if (info.kind !== 'parquet' && (info.gzip || !digest || digest.lines - 1 > rowsRead + blanks.length)) {
    const spill = await valueHoldingRows(conn, info, profile);
    if (spill)
      throw new UserError(
        `${info.name}: a value of ${spill.column}${spill.line ? ` that begins on line ${spill.line}` : ''} runs over the lines after it, which hold rows of their own: a quote opened in it was closed only on a later line, and the rows up to that quote were read as part of it.`,
        `find the stray \`"\` at the start of that value${spill.line ? ` (line ${spill.line} of the file, counting the header as 1)` : ''} and remove it (or write it as \`""\` inside a quoted value), then ingest the file again. Nothing was changed in the store.`,
      );
  }
  // Rows DuckDB took by dropping extra empty fields (extra-fields.ts): their values are in the wrong
  // columns when a value holds the delimiter. Found in the bytes only when the digest saw such a line.
  const wide =
    info.kind === 'csv' && (info.gzip || digest?.extraFields !== false)
      ? await extraFieldRows(
          info.path,
          info.gzip,
          profile.format.delimiter,
          profile.format.quote,
          info.header.length,
        )
      : { rows: [], expected: info.header.length, endsWithLineEnd: undefined };
  // A download cut short ends part-way through a record, without a final line end. A short last row of a
  // file that ends in one is a whole line (an export's summary row, `Total,63347`): a ragged row like any
  // other, quarantined with its number. A gzip file's raw bytes do not tell: its text's last byte is read
  // above, in the pass over it for rows of extra fields (tester 263: a whole export ending in `Total rows:
  // 226` was refused as cut short, gzipped only). Numbered as every row is (decisions.md, 4): blank lines count.
  const last = rejects.at(-1);
  const wholeLastLine =
    info.kind === 'csv' && (info.gzip ? wide.endsWithLineEnd : digest?.endsWithLineEnd) === true;
  if (
    last &&
    last.row === rowsRead + blanks.length &&
    /MISSING COLUMNS|UNQUOTED VALUE/.test(last.types) &&
    !(last.types === 'MISSING COLUMNS' && wholeLastLine)
  )
    throw new UserError(
      `${info.name} looks truncated: its last row read (row ${last.row}) ends part-way through a record (${last.fields !== null ? `${last.fields} of the header's ${info.header.length} fields` : last.opensQuoteIn !== undefined && UNTERMINATED.test(last.reason) ? `a quote opened in its value of ${last.opensQuoteIn} is not closed` : last.reason}).`,
      `the export or download was cut short: fetch the complete file and ingest it again. If the file goes on after row ${last.row}, a quote opened there is never closed and swallowed the rest: fix the quoting at that row.${last.types === 'MISSING COLUMNS' ? ` If that row is the export's summary line (a total such as \`Total,5000\`) and no call, the file is whole: delete the line, or end it with a line break, and ingest it again.` : ''} Nothing was changed in the store.`,
    );

  const rejected = new Set(rejects.map((r) => r.row));
  const shifted = wide.rows
    .map((r) => ({ row: r.line - 1, fields: r.fields }))
    .filter((r) => !rejected.has(r.row));
  // Row numbers and widths only, the reason once a width (and once a quote mark and column, below): a
  // file of many such rows made a long statement.
  const records = shifted.length
    ? await recordsAt(info, profile, new Set(shifted.map((r) => r.row + 1)))
    : new Map<number, string>();
  const kinds = new Map<string, string>();
  const keyed = shifted.map((r) => {
    const record = records.get(r.row + 1);
    const quote = record === undefined ? undefined : quotedWith(record, info, profile, wide.expected);
    const key = JSON.stringify([r.fields, quote?.quote, quote?.column]);
    if (!kinds.has(key))
      kinds.set(
        key,
        rejectReason(
          { reason: '', types: '', fields: r.fields, quotedWith: quote },
          info,
          profile,
          wide.expected,
        ),
      );
    return { row: r.row, key };
  });
  const summary = await summaryLine(
    conn,
    info,
    profile,
    out,
    accepted,
    rejects.map((r) => r.row),
    blanks,
  );
  if (summary && !shifted.some((r) => r.row === summary.row)) {
    kinds.set('summary', summary.reason);
    keyed.push({ row: summary.row, key: 'summary' });
  }
  if (keyed.length)
    await conn.run(
      `CREATE TEMP TABLE wide_${idx} AS SELECT source_row, reason
       FROM (VALUES ${keyed.map((r) => `(${r.row}, ${literal(r.key)})`).join(', ')}) v(source_row, kind)
       JOIN (VALUES ${[...kinds].map(([k, reason]) => `(${literal(k)}, ${literal(reason)})`).join(', ')}) w(kind, reason) USING (kind)`,
    );

  // Rows are numbered as in the file (1 = first record after the header). The k-th accepted row (0-based)
  // comes after every skipped row j (0-based, at row r_j: rejected, or a blank line) with k >= r_j - 1 - j.
  const skipped = [
    ...rejects.map((r) => ({ row: r.row, reason: rejectReason(r, info, profile) })),
    ...blanks.map((row) => ({ row, reason: null })),
  ].sort((a, b) => a.row - b.row);
  await conn.run(
    `CREATE TEMP TABLE rej_${idx} AS SELECT * FROM (VALUES ${
      skipped.length
        ? skipped
            .map((r, j) => `(${r.row}, ${r.row - 1 - j}, ${r.reason === null ? 'NULL' : literal(r.reason)})`)
            .join(', ')
        : '(NULL::BIGINT, NULL::BIGINT, NULL::VARCHAR)'
    }) v(source_row, threshold, reason) WHERE source_row IS NOT NULL`,
  );
  const rowNumber = skipped.length
    ? `k + 1 + (SELECT count(*) FROM rej_${idx} r WHERE r.threshold <= k)`
    : 'k + 1';
  const rows = `SELECT *, ${idx} AS file_idx, ${literal(info.name)} AS source_file, ${rowNumber} AS source_row
      FROM (SELECT * EXCLUDE (file_row_number), file_row_number AS k FROM read_parquet(${literal(out)}, file_row_number = true))`;
  const unreadable = `SELECT ${literal(info.name)} AS source_file, source_row, reason, NULL AS raw_values FROM rej_${idx} WHERE reason IS NOT NULL`;
  // Whether the text ends in a line end: from the raw bytes, or for gzip from the scan of its text. A
  // Parquet file has no text: every complete one was said to be perhaps cut short (tester 97).
  const endsWithLineEnd =
    info.kind === 'parquet' ? undefined : info.gzip ? wide.endsWithLineEnd : digest?.endsWithLineEnd;
  const rawValues = compiled.rawRows(
    parquet ? parquet.sql : csvRead(info, profile, 'ignore_errors = true'),
    info.header,
  );
  return keyed.length
    ? {
        rowsRead,
        endsWithLineEnd,
        rawValues,
        rows: `SELECT * FROM (${rows}) WHERE source_row NOT IN (SELECT source_row FROM wide_${idx})`,
        rejects: `${unreadable} UNION ALL SELECT ${literal(info.name)}, source_row, reason, NULL FROM wide_${idx}`,
      }
    : { rowsRead, endsWithLineEnd, rawValues, rows, rejects: unreadable };
}
