/**
 * Looks at a file before DuckDB reads it, so the common mistakes get a message that names the cause:
 * missing file, binary data, wrong encoding, wrong delimiter, columns the profile needs but the file lacks.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Profile } from './profile-schema.js';
import { UserError } from '../util/user-error.js';
import { GIVE_A_REGULAR_FILE, NOT_REGULAR } from '../util/write-file.js';
import { utf16Order } from '../util/utf16.js';
import { builtinProfilesReading } from './fitting-profiles.js';
import { besidePath, linesCommand, shellWord } from '../util/words.js';

export interface FileInfo {
  path: string;
  name: string;
  kind: 'csv' | 'parquet';
  gzip: boolean;
  bytes: number;
  header: string[];
  /** Whether anything follows a CSV's header line: a file that has rows must yield rows (a Parquet file: true). */
  hasData: boolean;
}

const SAMPLE_BYTES = 64 * 1024;

/** What to do with a file that is not UTF-8 (DuckDB reads UTF-8, UTF-16 and Latin-1 only). */
export const NOT_UTF8_HINT =
  'a file from Excel or Windows is most often Windows-1252: convert it with `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`. A true Latin-1 (ISO-8859-1) file can instead set `format: { encoding: latin-1 }` in the profile.';

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

async function readGzipHead(path: string, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= n) break;
    }
  } catch (e) {
    if (total === 0)
      throw new UserError(
        `${basename(path)} looks gzip-compressed but cannot be decompressed: ${(e as Error).message}.`,
        'the download may be incomplete; fetch the file again, or check it with `gzip -t`.',
      );
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/** Split one CSV line into fields (quotes doubled inside quoted fields, as RFC 4180). */
export function splitCsvLine(line: string, delimiter: string, quote: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQuotes) {
      if (ch === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (ch === quote) inQuotes = false;
      else cur += ch;
    } else if (ch === quote) inQuotes = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Where the first byte sequence that is not UTF-8 is, or null; a character cut off at the end is fine.
 * Given the CSV's quote, `line` counts records: a line end inside a quoted value does not count, so that
 * the line less one is the row number every other message gives (docs/decisions.md, 4); `fileLine` is
 * the line of the file, which an editor shows.
 */
export function firstInvalidUtf8Line(buf: Buffer, quote?: string): { line: number; fileLine: number } | null {
  const watch = new Utf8Watch(quote ? quote.charCodeAt(0) : -1);
  watch.feed(buf);
  return watch.invalid ? { line: watch.line, fileLine: watch.fileLine } : null;
}

/**
 * firstInvalidUtf8Line over a whole file, read until that byte: only for a file already refused (the
 * reader's refusal names no line of the file).
 */
export async function firstInvalidUtf8(
  file: { path: string; gzip: boolean },
  quote: string,
): Promise<{ line: number; fileLine: number } | null> {
  const watch = new Utf8Watch(quote.charCodeAt(0));
  const stream = createReadStream(file.path);
  const text = file.gzip ? stream.pipe(createGunzip()) : stream;
  try {
    for await (const c of text) {
      watch.feed(c as Buffer);
      if (watch.invalid) return { line: watch.line, fileLine: watch.fileLine };
    }
  } finally {
    stream.destroy();
  }
  return null;
}

/**
 * Where a file is not UTF-8, by its row and its line both: the row as every other message counts, the
 * line as an editor and the Latin-1 check do (tester 382: "row 1" beside "line 2" read as two places).
 */
export const notUtf8At = (at: { line: number; fileLine: number }): string =>
  at.line === 1 ? 'its header' : `row ${at.line - 1}, line ${at.fileLine} of the file,`;

/** Whether bytes read as Latin-1 show as letters: none of them is a C1 control character (0x80-0x9F). */
const shows = (bytes: Buffer) => !bytes.some((b) => b >= 0x80 && b <= 0x9f);

/**
 * Whether bytes read under `encoding: latin-1` are UTF-8 text: they hold a multi-byte UTF-8 character and
 * no byte that is invalid UTF-8 (a Latin-1 é is the byte E9 alone, which is). Fed chunk by chunk, stopping
 * at the first invalid byte, whose line it keeps; with the CSV's quote, a line end inside a quoted value
 * does not count.
 */
export class Utf8Watch {
  /**
   * The first multi-byte character that reads as Latin-1 letters, else the first of any: its bytes and its
   * line (1 = the header). `É` is C3 89, whose 89 is an invisible control character in Latin-1.
   */
  first: { bytes: Buffer; line: number } | undefined;
  invalid = false;
  /** The line (1 = the header) the bytes fed so far end on, or the invalid byte is on. */
  line = 1;
  /** The same, counting every line end, a quoted value's too: the line of the file. */
  fileLine = 1;
  /** The offset in all the bytes fed of the first invalid byte, once there is one. */
  offset: number | undefined;
  private quoted = false;
  private rest: Buffer = Buffer.alloc(0);
  /** The offset of the next buffer's first byte: the carried rest's, if any. */
  private base = 0;
  constructor(private readonly quote: number) {}

  feed(chunk: Buffer): void {
    if (this.invalid) return;
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const base = this.base;
    this.rest = Buffer.alloc(0);
    this.base = base + buf.length;
    const stop = (i: number) => {
      this.invalid = true;
      this.offset = base + i;
    };
    for (let i = 0; i < buf.length;) {
      const b = buf[i]!;
      if (b < 0x80) {
        if (b === this.quote) this.quoted = !this.quoted;
        else if (b === 0x0a) {
          this.fileLine++;
          if (!this.quoted) this.line++;
        }
        i++;
        continue;
      }
      // The length, and the range of the second byte, which leaves out overlong forms and surrogates (RFC 3629).
      const [len, lo, hi] =
        b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b >= 0xf1 && b <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : b === 0xf4
                      ? [4, 0x80, 0x8f]
                      : [0, 0, 0];
      if (len === 0) return stop(i);
      // A character cut by the chunk's end is read with the next chunk.
      if (i + len > buf.length) {
        this.rest = Buffer.from(buf.subarray(i));
        this.base = base + i;
        return;
      }
      if (buf[i + 1]! < lo || buf[i + 1]! > hi) return stop(i);
      for (let k = 2; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return stop(i);
      if (!this.first || (!shows(this.first.bytes) && shows(buf.subarray(i, i + len))))
        this.first = { bytes: Buffer.from(buf.subarray(i, i + len)), line: this.line };
      i += len;
    }
  }

  /** At the end of the bytes: a character cut off there is no UTF-8. */
  end(): void {
    if (this.rest.length && !this.invalid) {
      this.invalid = true;
      this.offset = this.base;
    }
  }
}

/**
 * The refusal of a UTF-8 file read under `encoding: latin-1` (Utf8Watch), or null: each of its accented
 * letters was read as two (`CafÃ©` for Café) and stored so without a word, and a byte-order mark made the
 * first column's name `ï»¿incident_number`, which was said to be a column name to fix (tester 341).
 */
export async function utf8AsLatin1(
  file: { path: string; name: string; gzip: boolean },
  quote: string,
  drafting: boolean,
): Promise<UserError | null> {
  const watch = new Utf8Watch(quote.charCodeAt(0));
  const stream = createReadStream(file.path);
  const text = file.gzip ? stream.pipe(createGunzip()) : stream;
  let bom: boolean | undefined;
  try {
    for await (const c of text) {
      const b = c as Buffer;
      // The byte-order mark is no letter: the first accented one is looked for after it.
      const start = bom === undefined && b.subarray(0, 3).toString('hex') === 'efbbbf' ? 3 : 0;
      bom ??= start === 3;
      watch.feed(b.subarray(start));
      if (watch.invalid) return null;
    }
  } finally {
    stream.destroy();
  }
  watch.end();
  if (watch.invalid || (!bom && !watch.first)) return null;
  const first = watch.first;
  // Bytes that show no letters in Latin-1 are named by their values.
  const asLatin1 =
    first &&
    (shows(first.bytes)
      ? `\`${first.bytes.toString('latin1')}\``
      : `bytes ${[...first.bytes].map((b) => b.toString(16).toUpperCase()).join(' ')}`);
  const pair = first
    ? `it holds UTF-8 byte ${first.bytes.length === 2 ? 'pairs' : 'sequences'} such as ${asLatin1} for ${first.bytes.toString('utf8')}, on ${first.line === 1 ? 'its header' : `row ${first.line - 1}`}`
    : '';
  const mark = bom ? 'it starts with the UTF-8 byte-order mark, `ï»¿` read as Latin-1' : '';
  return new UserError(
    `${file.name} is UTF-8 text, not Latin-1 (${[mark, pair].filter(Boolean).join('; ')}): read as Latin-1, ${[first ? `${first.bytes.toString('utf8')} would be stored as ${asLatin1}` : '', bom ? "the first column's name would begin with `ï»¿`" : ''].filter(Boolean).join(' and ')}.`,
    drafting
      ? 'draft from it without `--encoding latin-1` (UTF-8 is the default).'
      : 'remove `encoding: latin-1` from the profile (UTF-8 is the default) and ingest the file again. Nothing was changed in the store.',
  );
}

/** Quote marks a file may use instead of the profile's. */
export const QUOTE_MARKS = ['"', "'", '`'];

/**
 * The quote mark every one of `cells` starts and ends with when it is not `quote` (the profile's), else
 * undefined: the file quotes with another mark than the profile says.
 */
export function otherQuote(cells: readonly string[], quote: string): string | undefined {
  const filled = cells.filter((c) => c !== '');
  if (!filled.length) return undefined;
  return QUOTE_MARKS.find(
    (q) => q !== quote && filled.every((c) => c.length >= 2 && c.startsWith(q) && c.endsWith(q)),
  );
}

/** A quote mark in a message: `'` in backticks, a backtick in words. */
export const shownQuote = (q: string): string => (q === '`' ? 'backticks' : `\`${q}\``);

/** A quote mark as a YAML value in a profile. */
export const quoteYaml = (q: string): string => (q === "'" ? `"'"` : `'${q}'`);

/**
 * The columns `name` may have been renamed to: those written the same but for case and punctuation, else
 * those whose name holds it or is held in it (`Problem` in `Final Problem`: a tester's second rename went
 * unsuggested). Columns the profile reads under their own name are not candidates.
 */
function closest(name: string, candidates: string[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const n = norm(name);
  const same = candidates.filter((c) => norm(c) === n);
  if (same.length || n.length < 4) return same;
  const holding = candidates.filter((c) => {
    const m = norm(c);
    return m.length >= 4 && (m.includes(n) || n.includes(m));
  });
  // A word added before or after (`Final Problem`) is likelier than one it sits inside (`is_Private_Problem_Type`).
  const atEnd = holding.filter((c) => {
    const m = norm(c);
    return m.startsWith(n) || m.endsWith(n) || n.startsWith(m) || n.endsWith(m);
  });
  if (holding.length) return atEnd.length ? atEnd : holding;
  // A word put in between (`Arrived Time` to `Arrived Date Time`, tester 129) or taken out: the shorter's
  // words, two at least, in order among the longer's.
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const within = (short: string[], long: string[]) => {
    let at = 0;
    for (const w of long) if (w === short[at]) at++;
    return short.length >= 2 && at === short.length;
  };
  const own = words(name);
  return candidates.filter((c) => {
    const theirs = words(c);
    return theirs.length !== own.length && (within(own, theirs) || within(theirs, own));
  });
}

/**
 * Header names as DuckDB's own reader names them (and so `safegap profile init`): an empty name is
 * `column<i>` (0-based; Excel's trailing delimiter makes one), a repeated one gets `_1`, `_2`... Without
 * this, such a header ended ingest in a DuckDB binder error.
 */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    let name = n === '' ? `column${i}` : n;
    for (let k = 1; seen.has(name); k++) name = `${n === '' ? `column${i}` : n}_${k}`;
    seen.add(name);
    return name;
  });
}

/**
 * A file lacks columns the profile reads (a CSV's header, a Parquet file's schema): which, and by default
 * the file's columns with the likeliest match for each missing one.
 */
export function lacksColumns(
  name: string,
  profileLabel: string,
  missing: string[],
  columns: string[],
  read: string[],
  hint?: string,
): UserError {
  const listed = `the file's columns are: ${columns
    .slice(0, 40)
    .map((h) => (h.length > 60 ? `${h.slice(0, 60)}...` : h))
    .join(', ')}${columns.length > 40 ? ', ...' : ''}. `;
  const unread = columns.filter((c) => !read.includes(c));
  // Another export altogether: its own built-in profile is named, and no column is guessed for one of
  // another meaning (`Call Type`, how a call came in, for a call type).
  const fits = builtinProfilesReading(columns, profileLabel);
  if (fits.length && !hint)
    return new UserError(
      `${name} lacks column(s) the profile ${profileLabel} reads: ${missing.map((m) => `\`${m}\``).join(', ')}; it has every column of the built-in profile ${fits.map((f) => `\`${f}\``).join(' and ')}.`,
      `if it is that source's export, ingest it with \`-p ${fits[0]}\`; if it is the export ${profileLabel} was written for, ${listed}Fix the column names in the profile.`,
    );
  const guesses = missing
    .map((m) => {
      const c = closest(m, unread);
      return c.length && c.length <= 3 ? `\`${m}\` may be ${c.map((x) => `\`${x}\``).join(' or ')}.` : '';
    })
    .filter(Boolean)
    .join(' ');
  return new UserError(
    `${name} lacks column(s) the profile ${profileLabel} reads: ${missing.map((m) => `\`${m}\``).join(', ')}.`,
    (
      hint ??
      `${listed}${guesses ? `${guesses} ` : ''}Fix the column names in the profile, or use the profile made for this export.`
    ).trim(),
  );
}

/** For `profile init`, where no profile exists yet to set an encoding in. */
export const NOT_UTF8_DRAFT_HINT =
  'a file from Excel or Windows is most often Windows-1252: convert it with `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv` and draft from out.csv. A true Latin-1 (ISO-8859-1) file can be drafted from as it is with `--encoding latin-1`.';

/**
 * The command that converts a file to UTF-8, to paste into a shell: a gzip'd file is unpacked on the way
 * (`iconv` on it converted the compressed bytes, tester 133), and its path is quoted where a shell would
 * split or expand it (tester 134: `calls oct 2022.csv.gz` failed inside the pipe and left an empty out.csv).
 */
export function iconvCommand(file: { path: string; gzip: boolean }, from: string): string {
  const path = /^[\w./+-]+$/.test(file.path) ? file.path : `'${file.path.replaceAll("'", "'\\''")}'`;
  return file.gzip
    ? `\`gunzip -c ${path} | iconv -f ${from} -t UTF-8 > out.csv\``
    : `\`iconv -f ${from} -t UTF-8 ${path} > out.csv\``;
}

/**
 * What to do with a file that is not UTF-8, its command for this file: `iconv` on a gzip'd file read the
 * compressed bytes and failed (tester 309), so that one is unpacked on the way, as iconvCommand does.
 */
export function notUtf8Hint(file: { path: string; gzip: boolean }, drafting: boolean): string {
  const hint = drafting ? NOT_UTF8_DRAFT_HINT : NOT_UTF8_HINT;
  // Every file's own path, as the UTF-16 refusal gives it: `in.csv` was left to be replaced (tester 382).
  return hint.replace(
    '`iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`',
    iconvCommand(file, 'WINDOWS-1252'),
  );
}

/**
 * A header name written as an Excel text formula (`="Received"`, a sheet whose every cell was so written)
 * as the text inside it, as ingest reads a value (excelTextSql, profile-sql.ts); a CSV's header line, before
 * it is split, by excelTextHeader. The name was read with its `="`, and a draft that mapped
 * `=\"Received\"` left the `Hour` column beside it unread and read the times 5 hours off (tester 326).
 */
export const excelTextName = (name: string): string => /^="(.+)"$/s.exec(name)?.[1] ?? name;

/**
 * A CSV header line's names as written, each trimmed and unwrapped from an Excel text formula (excelTextName):
 * split after excelTextHeader, as ingest, `profile init` and `classify --calls` all read a header.
 */
export function headerCells(line: string, delimiter: string, quote: string): string[] {
  return splitCsvLine(excelTextHeader(line, delimiter, quote), delimiter, quote).map((h) =>
    excelTextName(h.trim()),
  );
}

/**
 * The names a CSV header line's columns are read by (uniqueNames of headerCells), in one place for every
 * command. Unwrapped before they are made unique: `Problem` beside `="Problem"` were two names to DuckDB
 * and then one, which `profile init` could not read ("Duplicate struct entry name"), and `="Problem"` twice
 * was drafted as `="Problem"_1`, a name ingest does not read (tester 336).
 */
export const headerNames = (line: string, delimiter: string, quote: string): string[] =>
  uniqueNames(headerCells(line, delimiter, quote));

/** A value shaped as a date or a time of day (`2022-02-16T17:50:10-05:00`, `2/16/2022 5:50`, `17:50`). */
const DATE_SHAPED = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d|$)|^\d{1,2}:\d{2}(?::\d{2})?$/;

/** A value's shape, to tell a row from a header: a date or time, a number, or text. */
const valueShape = (v: string): 'date' | 'number' | 'text' => {
  const t = v.trim();
  return DATE_SHAPED.test(t) ? 'date' : /^-?\d+(?:\.\d+)?$/.test(t) ? 'number' : 'text';
};

/**
 * The first of the run's other files whose header holds every column the profile reads, if any, and its
 * first row (within its head).
 */
async function runFileWithHeader(
  path: string,
  run: string[],
  profile: Pick<Profile, 'format' | 'source'>,
  neededColumns: string[],
  label: string,
): Promise<{ info: FileInfo; firstRow: string[] | undefined } | undefined> {
  for (const other of run.filter((p) => p !== path))
    try {
      const info = await inspectFile(other, profile, neededColumns, false, label);
      if (info.kind !== 'csv') continue;
      const head = info.gzip ? await readGzipHead(other, SAMPLE_BYTES) : readHead(other, SAMPLE_BYTES);
      const enc = profile.format.encoding;
      const line = new TextDecoder(enc === 'latin-1' ? 'latin1' : enc).decode(head).split(/\r?\n/)[1];
      const firstRow = line ? splitCsvLine(line, profile.format.delimiter, profile.format.quote) : undefined;
      return { info, firstRow };
    } catch {
      // A file refused for its own fault is refused when ingest comes to it.
    }
  return undefined;
}

/**
 * The refusal of a file whose first line is a row, not a header, with the command that puts the header of
 * `withHeader` (a file of the same run that has one) above it.
 */
function noHeader(file: { path: string; name: string; gzip: boolean }, withHeader?: FileInfo): UserError {
  const source = withHeader
    ? linesCommand('head -n 1', withHeader.path, withHeader.gzip)
    : 'head -n 1 first-part.csv';
  const rows = file.gzip ? `gzip -dc ${shellWord(file.path)}` : `cat ${shellWord(file.path)}`;
  const out = shellWord(besidePath(file.path, 'with-header'));
  return new UserError(
    `the first line of ${file.name} looks like a row of calls, not a header: the file has no header (a part split off another export?).`,
    `put ${withHeader ? `the header of ${withHeader.name}` : 'the header of the export it was split from (first-part.csv: the part that has it)'} above its rows: \`(${source}; ${rows}) > ${out}\`, then ingest ${out} in its place.`,
  );
}

/** A header line with each cell written as an Excel text formula (`="Received"`) written as a quoted one. */
export function excelTextHeader(line: string, delimiter: string, quote: string): string {
  if (quote !== '"') return line;
  const d = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return line.replace(new RegExp(`(^|${d})="((?:[^"]|"")+)"(?=${d}|\\r?$)`, 'g'), '$1"$2"');
}

/**
 * The refusal of a CSV whose header runs over lines, or null: a header cell with a line break (a
 * spreadsheet's wrapped header text) cut the header there, and its columns were "missing", or no row
 * could be read, or DuckDB's sniffer failed (tester 311). The names are quoted, the line break shown.
 */
export function headerLineBreak(
  name: string,
  text: string,
  delimiter: string,
  quote: string,
): UserError | null {
  const lines = text.split(/\r?\n/, 20);
  let record = lines[0] ?? '';
  if (!quote || record.split(quote).length % 2 === 1) return null;
  for (let i = 1; i < lines.length && record.split(quote).length % 2 === 0; i++) record += `\n${lines[i]}`;
  const broken = splitCsvLine(record, delimiter, quote)
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h.includes('\n'));
  if (!broken.length) return null;
  return new UserError(
    `${name}: its header runs over more than one line: ${broken.map(({ h, i }) => `column ${i + 1}, \`${h.trim().replace(/\s*\n\s*/g, '⏎')}\``).join(', ')} ${broken.length === 1 ? 'holds a line break' : 'hold line breaks'} (⏎), as a spreadsheet writes a header cell with wrapped text, and the header must be one line.`,
    `rename ${broken.length === 1 ? 'that column' : 'those columns'} on one line in the spreadsheet and save the file again (or take the line break out of the file's header), then run the command again.`,
  );
}

const isZip = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'PK\x03\x04';

const zipArchive = (name: string) =>
  new UserError(
    `${name} is a ZIP archive, not a CSV file (an Excel .xlsx workbook is one).`,
    'open it in a spreadsheet and save the sheet as CSV, or unzip it if it holds CSV files.',
  );

/**
 * What JSON (GeoJSON boundaries above all) or a YAML profile given as the export is: read as CSV, a
 * GeoJSON file was drafted as a header of JSON fragments and no rows, and a profile as a file of `|`
 * delimiters, every field TODO, exit 0 (tester 239).
 */
function otherText(name: string, text: string): UserError | null {
  const start = text.trimStart();
  // A JSON object or list, not a header whose first name is in brackets (`[Incident Number],[Type]`, as a
  // SQL Server export writes it).
  if (/^\{\s*["}]|^\[\s*(?:[{[\]"]|-?\d)/.test(start))
    return /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(start.slice(0, 65_536))
      ? new UserError(
          `${name} is GeoJSON (area boundaries), not a calls export.`,
          'give it to analyze or report as --boundaries NAME=FILE, and give this command the CSV (or Parquet) export of the calls.',
        )
      : new UserError(
          `${name} is JSON, not a CSV export.`,
          'export the calls as CSV (or Parquet) and give that file.',
        );
  const keys = start
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
    .slice(0, 40)
    .map((l) => /^([$\w]+):(\s|$)/.exec(l)?.[1]);
  if (
    keys.includes('fields') &&
    (keys.includes('source') || keys.includes('format') || keys.includes('time_zone'))
  )
    return new UserError(
      `${name} is a profile (YAML, with \`source:\` and \`fields:\`), not a calls export.`,
      'give it as --profile, and the CSV (or Parquet) export of the calls as the file.',
    );
  return null;
}

/**
 * For a reader of calls that is not ingest (classify's --calls): what a file's first bytes say it is when it
 * is no CSV text, as ingest and profile init say it (tester 239: a GeoJSON file given to classify was quoted
 * whole, 203 KB, as "the columns it has"; a workbook and UTF-16 text were "line 1 cannot be read as a row").
 */
export function notCsvText(name: string, head: Buffer): UserError | null {
  if (isZip(head)) return zipArchive(name);
  const order = utf16Order(head);
  if (order)
    return new UserError(
      `${name} is UTF-16 text, which this command reads only as UTF-8.`,
      `convert it with ${iconvCommand({ path: name, gzip: false }, order === 'little' ? 'UTF-16LE' : 'UTF-16BE')} and give out.csv.`,
    );
  if (head.includes(0))
    return new UserError(
      `${name} is not a text CSV file: it contains binary data (NUL bytes).`,
      'check that this is the CSV export and not a spreadsheet, archive or database file; save it as CSV first.',
    );
  return otherText(name, head.toString('utf8').replace(/^\uFEFF/, ''));
}

/**
 * `drafting`: for `profile init`, whose fixes cannot be a profile's settings. `label`: the profile as it was
 * given (a path or a built-in's name), which a refusal names; its source by default.
 */
export async function inspectFile(
  path: string,
  profile: Pick<Profile, 'format' | 'source'>,
  neededColumns: string[],
  drafting = false,
  label = profile.source,
  run: string[] = [],
): Promise<FileInfo> {
  let bytes: number;
  try {
    const st = statSync(path);
    // Said with a fix, as the other commands say it (tester 239: a folder had none).
    if (!st.isFile())
      throw new UserError(
        st.isDirectory() ? `${path} is a folder, not an export file.` : `${path} ${NOT_REGULAR}.`,
        // A pipe or device in the words every other reader uses (tester 367: "is not a file" here only).
        !st.isDirectory()
          ? GIVE_A_REGULAR_FILE
          : readdirSync(path).some((f) => /\.csv(\.gz)?$/i.test(f))
            ? `give the export files themselves (all the CSV files of a folder: ${path.replace(/\/$/, '')}/*.csv).`
            : // A pattern that matches nothing was the fix for a folder of GeoJSON (tester 245).
              'give the export files themselves; this folder holds no CSV file.',
      );
    bytes = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Which of the two it is, with the fix for each: "no such file, or no permission" left the user to
    // guess which (tester 378).
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new UserError(
        `Cannot read ${path}: it cannot be read by this user (permission denied).`,
        "check the file's permissions and those of its folders (`ls -l`), or run as a user who may read it.",
      );
    if (code === 'ENOTDIR')
      throw new UserError(
        `Cannot read ${path}: a part of that path is a file, not a folder.`,
        'check the path.',
      );
    if (code === 'ENOENT')
      throw new UserError(
        `Cannot read ${path}: it does not exist.`,
        'check the path (its spelling, and the folder the command is run from).',
      );
    // A link that loops, a name too long: said by the system's code, not taken for a missing file.
    throw new UserError(`Cannot read ${path} (${code ?? String(e)}).`, 'check the path.');
  }
  const name = basename(path);
  if (bytes === 0) throw new UserError(`${name} is empty (0 bytes).`, 'export the data again.');
  const magic = readHead(path, 4);

  // Read by its content, whatever `format.type` says: a CSV export of a source whose profile says parquet
  // was refused as "No magic bytes" (tester 341), where a CSV profile already read a Parquet file.
  if (magic.subarray(0, 4).toString('latin1') === 'PAR1') {
    return { path, name, kind: 'parquet', gzip: false, bytes, header: [], hasData: true };
  }

  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const head = gzip ? await readGzipHead(path, SAMPLE_BYTES) : readHead(path, SAMPLE_BYTES);
  const enc = profile.format.encoding;
  if (isZip(head)) throw zipArchive(name);
  const bom = head.subarray(0, 2).toString('hex');
  // Without a byte-order mark, UTF-16 shows as a zero byte in every other place: read as UTF-8 it was
  // "binary data", and big-endian read as little-endian a header of garbled column names (tester 130).
  const order = utf16Order(head);
  const how =
    bom === 'fffe' || bom === 'feff'
      ? `it starts with the ${order}-endian byte-order mark`
      : 'every other byte is zero, and it has no byte-order mark';
  const iconv = (from: string) => iconvCommand({ path, gzip }, from);
  // UTF-16 writes every comma and line end with a zero byte; a UTF-8 export under a utf-16 profile (the next
  // export came as UTF-8) was read as garbled column names "missing" (tester 134).
  if (enc === 'utf-16' && order === null && !head.subarray(0, 4096).includes(0))
    throw new UserError(
      `${name} is not UTF-16 text: its first ${head.length < 4096 ? `${head.length} bytes hold` : '4 KB hold'} no zero byte, where UTF-16 writes one in every comma and line end; it is most likely UTF-8.`,
      'read it with a profile without `encoding` (UTF-8 is the default), or with `encoding: latin-1` if it is Latin-1.',
    );
  // TextDecoder's utf-16 is little-endian; a big-endian file would be read as one garbled line.
  if (enc === 'utf-16' && order === 'big')
    throw new UserError(
      `${name} is UTF-16 big-endian text (${how}), which safegap reads only as little-endian.`,
      `convert it with ${iconv('UTF-16BE')} and leave \`encoding\` out of the profile.`,
    );
  if (enc !== 'utf-16' && order)
    throw new UserError(
      `${name} is UTF-16 ${order}-endian text: ${how}.`,
      drafting || order === 'big'
        ? `convert it with ${iconv(`UTF-16${order === 'big' ? 'BE' : 'LE'}`)} and ${drafting ? 'draft from' : 'ingest'} out.csv.`
        : `set \`format: { encoding: utf-16 }\` in the profile, or convert it with ${iconv('UTF-16LE')}.`,
    );
  const headSize = head.length < 1024 ? `${head.length} bytes` : `${Math.round(head.length / 1024)} KB`;
  if (enc !== 'utf-16' && head.includes(0))
    throw new UserError(
      `${name} is not a text CSV file: it contains binary data (NUL bytes) in its first ${headSize}.`,
      'check that this is the CSV export and not a spreadsheet (.xlsx), archive or database file; save it as CSV first.',
    );
  if (enc === 'utf-8') {
    const bad = firstInvalidUtf8Line(head, profile.format.quote);
    if (bad !== null)
      throw new UserError(
        `${name} is not UTF-8 text: ${notUtf8At(bad)} holds bytes that are not valid UTF-8.`,
        notUtf8Hint({ path, gzip }, drafting),
      );
  }
  // The whole file is read for it (a Latin-1 file stops at its first accented letter): a UTF-8 file's
  // first accent may be far from its head.
  if (enc === 'latin-1') {
    const utf8 = await utf8AsLatin1({ path, name, gzip }, profile.format.quote, drafting);
    if (utf8) throw utf8;
  }
  let text = new TextDecoder(enc === 'latin-1' ? 'latin1' : enc).decode(head);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Under utf-16 the zero bytes of UTF-16 are its letters' halves; two in one character are binary data
  // or UTF-32, which read as columns "missing" that the message then listed, or as old Mac line ends
  // (tester 133: UTF-32, an .xls workbook, a SQLite file).
  if (enc === 'utf-16' && text.includes('\u0000'))
    throw new UserError(
      `${name} is not UTF-16 text: read as UTF-16, it holds NUL characters in its first ${headSize}, as binary data and UTF-32 text do.`,
      `check that this is the CSV export and not a spreadsheet (.xls, .xlsx), archive or database file; UTF-32 text converts with ${iconv('UTF-32')} (then leave \`encoding\` out of the profile).`,
    );
  // Classic Mac line endings: DuckDB would read the whole file as its header.
  if (!text.includes('\n') && text.includes('\r'))
    throw new UserError(
      `${name} ends its lines with a carriage return alone (old Mac line endings), which the CSV reader does not take as line ends.`,
      "convert them with `tr '\\r' '\\n' < in.csv > out.csv` (or `mac2unix`) and ingest the converted file.",
    );
  const other = otherText(name, text);
  if (other) throw other;
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/\r$/, '');
  // Read as a header of one column, `column0`, a blank first line was said to lack the profile's columns.
  if (!firstLine.trim())
    throw new UserError(
      text.trim()
        ? `${name} has no header: its first line is blank, and the header must be the first line.`
        : `${name} has no header and no rows: it holds nothing but ${text ? 'blank lines' : 'a byte-order mark'}.`,
      text.trim()
        ? 'remove the blank lines above the header and ingest the file again.'
        : 'export the data again.',
    );
  const broken = headerLineBreak(name, text, profile.format.delimiter, profile.format.quote);
  if (broken) throw broken;
  const hasData = text.slice(text.indexOf(firstLine) + firstLine.length).trim().length > 0;
  const header = headerNames(firstLine, profile.format.delimiter, profile.format.quote);

  const missing = neededColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const shown = (d: string) => (d === '\t' ? 'tab' : `\`${d}\``);
    const others = [',', ';', '\t', '|'].filter(
      (d) => d !== profile.format.delimiter && firstLine.includes(d),
    );
    // A title or notes above the header (report-style exports): the header is a few lines down.
    const lines = text.split(/\r?\n/).slice(1, 10);
    const below = lines.findIndex((l) => {
      const names = splitCsvLine(l, profile.format.delimiter, profile.format.quote).map((h) => h.trim());
      return neededColumns.every((c) => names.includes(c));
    });
    // Every name within another quote mark (`'Master_Incident_Number'`): the profile's quote is not the
    // file's, which was said to be column names to fix (tester 341).
    const quoted = otherQuote(header, profile.format.quote);
    const unquoted = quoted && header.map((h) => h.slice(1, -1));
    // A part split off an export without its header: its first row was listed as "the file's columns"
    // (tester 382: `22BU002290, Mental Health Issue, ...`). Only a file the profile finds none of its
    // columns in pays for reading the run's other files' heads.
    if (below < 0 && !quoted && missing.length === neededColumns.length) {
      const cells = headerCells(firstLine, profile.format.delimiter, profile.format.quote);
      const withHeader = await runFileWithHeader(path, run, profile, neededColumns, label);
      // A date or a time is no column's name; a line shaped as the other file's first row, value for value
      // where that row has a date or a number, is a row of the same export (a header of renamed columns
      // has none of them).
      const other = withHeader?.firstRow;
      const likeItsRows =
        other !== undefined &&
        other.length === cells.length &&
        other.some((v) => valueShape(v) !== 'text') &&
        other.every((v, i) => valueShape(v) === 'text' || valueShape(v) === valueShape(cells[i]!));
      if (cells.some((c) => DATE_SHAPED.test(c.trim())) || likeItsRows)
        throw noHeader({ path, name, gzip }, withHeader?.info);
    }
    throw lacksColumns(
      name,
      label,
      missing,
      header,
      neededColumns,
      quoted && unquoted && neededColumns.every((c) => unquoted.includes(c))
        ? `every column name is within ${shownQuote(quoted)}, which the profile does not read as a quote mark (it reads ${shownQuote(profile.format.quote)}): set \`format: { quote: ${quoteYaml(quoted)} }\` in the profile${drafting ? '' : ' and ingest the file again'}.`
        : below >= 0
          ? `the profile's columns are the header of line ${below + 2}: the line${below ? 's' : ''} above it (a title or notes) must go, e.g. \`tail -n +${below + 2} ${name} > fixed.csv\`, then ingest fixed.csv.`
          : header.length === 1 && others.length > 0
            ? `the header splits into one column with delimiter ${shown(profile.format.delimiter)}, but it contains ${others.map(shown).join(' and ')}: set \`format: { delimiter: ${others[0] === '\t' ? '"\\t"' : `'${others[0]}'`} }\` in the profile.`
            : undefined,
    );
  }
  return { path, name, kind: 'csv', gzip, bytes, header, hasData };
}
