/**
 * What the review and status commands need from the calls: how many calls each raw type has (as initial
 * and as final type), a few example records, and initial -> final type pairs. All computed in DuckDB.
 */
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { GIVE_A_REGULAR_FILE, isSpecialFile, NOT_REGULAR } from '../util/write-file.js';
import { requireStore, storeDamage } from '../store/store.js';
import { DEFAULT_NULLS } from '../sources/profile-schema.js';
import { namesAnAddress, namesAPoint, personalReason } from '../sources/personal.js';
import { splitFields } from '../util/csv-fields.js';
import { excelTextName, headerLineBreak, headerNames, notCsvText } from '../sources/inspect-file.js';
import { textValueMaskedSql, textValuesGateSql } from '../sources/personal-values.js';
import { excelTextSql } from '../sources/profile-sql.js';
import { representativeOrderSql } from '../analyse/context.js';

export interface CallSource {
  /** A FROM-clause relation: a table or view name, or a read_csv / read_parquet call. */
  relation: string;
  initialColumn: string;
  finalColumn?: string;
  /** The CSV or Parquet file the relation reads, when it is one: a malformed CSV is found by its line. */
  file?: string;
}

/** A CSV or Parquet file, or a folder of Parquet files (a store), as a relation. */
export function fileRelation(path: string): string {
  if (!existsSync(path))
    throw new UserError(
      `No such file or folder: ${path}`,
      'Give the calls export (CSV or Parquet) or the store folder.',
    );
  const stat = statSync(path);
  if (stat.isDirectory()) {
    // A store: its current version only (the previous version and scratch files would count calls twice).
    const state = requireStore(path, '--calls');
    const files = Object.values(state.manifest.sources).map((s) => literal(join(state.versionDir, s.file)));
    return `read_parquet([${files.join(', ')}], union_by_name = true)`;
  }
  // A device or pipe has no size to read and no end (tester 364: `<(head ...)` was "empty (0 bytes)").
  if (isSpecialFile(path))
    throw new UserError(
      `${path} ${NOT_REGULAR}.`,
      `${GIVE_A_REGULAR_FILE.replace(/\.$/, '')}, or give a store folder, as --calls.`,
    );
  // The file's first bytes, read once: whether it is gzip, blank or no CSV text at all.
  const head = headOf(path, stat.size);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  // A 0-byte file was read as one column, `column0`, said to lack the call type column (tester 231); so
  // were a gzip of nothing and a file of a line break alone (tester 238).
  if (stat.size === 0 || (stat.size <= HEAD_BYTES && blank(head, gzip)))
    throw new UserError(
      `${path} is empty (${stat.size === 0 ? '0 bytes' : gzip ? 'a gzip of no text' : 'no text but blank lines'}): there is nothing to classify; nothing was written.`,
      'export the calls again, or give a calls export with rows, or a store folder, as --calls.',
    );
  if (/\.parquet$/i.test(path)) return `read_parquet(${literal(path)})`;
  const not = gzip ? null : notCsvText(path, head);
  if (not) throw not;
  // A raw export is read with the missing-value markers a profile reads by default: `NA` was counted as
  // a call type of its own. Gzip is told by its magic bytes, as ingest tells it: DuckDB goes by the name,
  // and a gzip file named `.csv` failed its sniffing (tester 231).
  return `read_csv(${literal(path)}, all_varchar = true, nullstr = [${['', ...DEFAULT_NULLS].map(literal).join(', ')}]${gzip ? ", compression = 'gzip'" : ''}${formulaHeader(head, gzip)})`;
}

/**
 * The read_csv options that name a header written in Excel text formulas (`="Problem"`) as ingest names it
 * (headerNames: `Problem`, a repeat `Problem_1`): read as written, `--initial-column initialProblem` was
 * "no column" of a file ingest reads by that name (tester 336). '' for any other header, left to DuckDB.
 */
function formulaHeader(head: Buffer, gzip: boolean): string {
  let bytes = head;
  if (gzip)
    try {
      // The head is a gzip stream cut short: what it unpacks to so far.
      bytes = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  const first = (
    bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n', 1)[0] ?? ''
  ).replace(/\r$/, '');
  if (!first.includes('="')) return '';
  // The commonest in the first line, as headerOf takes it: the names must be split as DuckDB splits rows.
  const delimiter = [',', ';', '\t', '|'].sort((a, b) => first.split(b).length - first.split(a).length)[0]!;
  const names = headerNames(first, delimiter, '"');
  return `, header = true, delim = ${literal(delimiter)}, names = [${names.map(literal).join(', ')}]`;
}

export interface TypeCount {
  rawType: string;
  /** Calls with it as initial type, and as final type: of the record that represents each call. */
  initial: number;
  final: number;
  volume: number;
  /**
   * Records of a store linked to a call another source's record represents, with it as their own initial
   * type (a crisis team's words for a CAD call): no calls, and in no count above (tester 385).
   */
  linked: number;
}

/** The column calls() adds: whether a record represents its call. */
const REPRESENTS = '_safegap_represents';

/**
 * The calls' records with REPRESENTS, true of one record per call. A store of several sources holds one call
 * in each source that logged it (the same source_call_id); the record analyze takes for the call
 * (representativeOrderSql) represents it, with its types. Counted by record, a store of 20,041 calls read
 * "20,239 calls", and a crisis team's own type of 166 CAD calls was counted as theirs (tester 385). A raw
 * export, or a store of one source, is a call per record.
 */
async function calls(conn: DuckDBConnection, src: CallSource): Promise<string> {
  const every = `(SELECT *, true AS ${REPRESENTS} FROM ${src.relation})`;
  if (!isStoreFolder(src.file)) return every;
  const cols = await columns(conn, src);
  const needed = ['source', 'source_call_id', 'call_id', 'origin', 'call_type_initial', 'call_type_final'];
  if (!needed.every((c) => cols.has(c))) return every;
  const sources = await readRows<{ source: string }>(
    conn,
    src,
    `SELECT source FROM ${src.relation} GROUP BY 1 ORDER BY count(*) DESC, 1`,
  );
  if (sources.length < 2) return every;
  // The stage columns a store of an older schema may lack: read as empty, as analyze reads them.
  const stages = ['assigned_at', 'enroute_at', 'arrived_at', 'received_at'].filter((c) => !cols.has(c));
  const fill = stages.length ? `, ${stages.map((c) => `NULL::TIMESTAMPTZ AS ${c}`).join(', ')}` : '';
  const order = representativeOrderSql(sources.map((s) => s.source));
  return `(SELECT * EXCLUDE (_rk${stages.length ? `, ${stages.join(', ')}` : ''}), source_call_id IS NULL OR _rk = 1 AS ${REPRESENTS}
    FROM (SELECT *${fill}, row_number() OVER (PARTITION BY source_call_id ORDER BY ${order}, call_id) AS _rk FROM ${src.relation}))`;
}

/** A call type column as text: a Parquet export's codes may be whole numbers (checkSource). */
/**
 * A call type column as text. A raw export's is masked as ingest masks the store's (telephone numbers,
 * addresses at block level...): read with --calls RAW.csv, `Welfare Check per JOHN 612-555-0179 (P)` went
 * whole into the mapping sheet, made to be passed round (tester 301). Only the rows the gate lets through pay
 * for it; a store's types are masked already.
 */
function typeColumn(src: CallSource, c: string): string {
  const v = `${ident(c)}::VARCHAR`;
  // A raw export's `="ALARM"` as ingest reads it, `ALARM`: a mapping made of the raw file matched no type
  // of the store (tester 312).
  return maskedText(src, src.file && !isStoreFolder(src.file) ? excelTextSql(v) : v);
}

/** A text value of the calls, masked as ingest masks the store's when the calls are a raw export. */
function maskedText(src: CallSource, v: string): string {
  if (!src.file || isStoreFolder(src.file)) return v;
  return `CASE WHEN coalesce(${textValuesGateSql([v])}, false) THEN ${textValueMaskedSql(v)} ELSE ${v} END`;
}

/** The calls' columns, each with its DuckDB type. */
async function columns(conn: DuckDBConnection, src: CallSource): Promise<Map<string, string>> {
  try {
    const r = await conn.runAndReadAll(`SELECT * FROM ${src.relation} LIMIT 0`);
    const types = r.columnTypes();
    return new Map(r.columnNames().map((c, k) => [c, String(types[k])]));
  } catch (e) {
    // A file DuckDB cannot read as a table (binary, not CSV) ended in its own error and a stack trace;
    // a line of the wrong length can fail its sniffing, and is named.
    throw await unreadable(src, e, true);
  }
}

/** What is wrong with a CSV's first bad row, as malformedLine finds it. */
type BadLine =
  | { kind: 'fields'; line: number; fields: number; header: number }
  // A quote opened on `line` and closed only on `closedOn` (a row of `fields` fields, when it could be
  // split), or never closed (`closedOn` undefined).
  | { kind: 'quote'; line: number; closedOn?: number; fields?: number; header: number };

/** A quoted value longer than this is not kept to be split: a quote left open runs on through the file. */
const LONGEST_RECORD = 1_000_000;

/** Whether a gzip file: DuckDB reads a `.csv.gz` as CSV, so it is read as such here too (tester 224). */
function gzipped(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a file's head that fileRelation reads. */
const HEAD_BYTES = 65_536;

function headOf(file: string, size: number): Buffer {
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

/** Whether a whole small file, `bytes`, holds no text (gzip unpacked): blank lines or spaces alone. */
function blank(bytes: Buffer, gzip: boolean): boolean {
  let text = bytes;
  if (gzip)
    try {
      text = gunzipSync(bytes);
    } catch {
      return false; // Damaged: DuckDB's reading of it says so.
    }
  return /^[\s\uFEFF]*$/.test(text.toString('utf8'));
}

/**
 * Whether a quoted value is still open at the end of `line`, a record's first line (`open` false) or a line
 * of a record whose quote was left open. As splitFields reads it: a quote opens a value only at a field's
 * start (`5" pipe` is an inch mark), and a doubled quote inside one is a quote.
 */
function openAtEnd(line: string, delimiter: string, open: boolean): boolean {
  let atStart = !open;
  for (let i = 0; i < line.length; i++) {
    if (open) {
      if (line[i] === '"') {
        if (line[i + 1] === '"') i++;
        else open = false;
      }
    } else if (atStart && line[i] === '"') {
      open = true;
      atStart = false;
    } else if (line.startsWith(delimiter, i)) {
      atStart = true;
      i += delimiter.length - 1;
    } else atStart = false;
  }
  return open;
}

/**
 * The first row of a CSV whose fields do not match its header, when the header does name the column:
 * DuckDB then guessed the layout wrong from the bad line (a 2-row file's bad row became the header, a
 * longer one was read as one column) and the column looked missing (tester 146). A quoted value may hold
 * line ends, so a row runs on while its quote is open; a quote never closed before the end of the file
 * failed DuckDB's sniffing, said with no line (tester 224), and is named by the line it opened on.
 */
async function malformedLine(file: string, column: string): Promise<BadLine | undefined> {
  if (/\.parquet$/i.test(file) || !statSync(file).isFile()) return undefined;
  const raw = createReadStream(file);
  const input = gzipped(file) ? raw.pipe(createGunzip()) : raw;
  // A broken gzip ends the search, which then names no line (the caller says DuckDB's error).
  raw.on('error', (e) => input.destroy(e));
  input.setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | undefined;
  let delimiter = ',';
  let parts: string[] = [];
  let length = 0;
  let cut = false;
  let open = false;
  let start = 0;
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!open) {
        start = n;
        parts = [];
        length = 0;
        cut = false;
      }
      if (!parts.length || length + line.length <= LONGEST_RECORD) {
        parts.push(line);
        length += line.length + 1;
      } else cut = true;
      // The header's delimiter is not known yet: its quotes are counted.
      open = header ? openAtEnd(line, delimiter, open) : open !== ((line.match(/"/g)?.length ?? 0) % 2 === 1);
      if (open) continue;
      const text = parts.join('\n').replace(/^\uFEFF/, '');
      if (!header) {
        // Its names as fileRelation reads them, a name written `="Problem"` as `Problem`.
        const d = [',', ';', '\t', '|'].find((x) => splitFields(text, x).map(excelTextName).includes(column));
        if (!d) return undefined;
        delimiter = d;
        header = splitFields(text, d);
        continue;
      }
      if (text.trim() === '') continue;
      const fields = cut ? undefined : splitFields(text, delimiter).length;
      if (fields === header.length) continue;
      // A row over several lines with the wrong number of fields: a quote opened where none was meant to.
      return start < n || fields === undefined
        ? { kind: 'quote', line: start, closedOn: n, fields, header: header.length }
        : { kind: 'fields', line: start, fields, header: header.length };
    }
  } catch {
    return undefined;
  } finally {
    lines.close();
    raw.destroy();
    input.destroy();
  }
  return open && header ? { kind: 'quote', line: start, header: header.length } : undefined;
}

/** A row of `file` that does not match its header, as said to the user: its line, never its text. */
function malformed(file: string, bad: BadLine, column: string): UserError {
  const at = (line: number) => `line ${line.toLocaleString('en-US')}`;
  const fields = (k: number) => `${k} ${k === 1 ? 'field' : 'fields'}`;
  const why = `so the columns could not be read (the header names \`${column}\`)`;
  if (bad.kind === 'fields')
    return new UserError(
      `${file} ${at(bad.line)} has ${fields(bad.fields)} where the header has ${bad.header}, ${why}.`,
      'Quote any value that holds the delimiter, or remove the extra or missing delimiter on that line, and run the command again.',
    );
  return new UserError(
    bad.closedOn === undefined
      ? `${file} ${at(bad.line)} opens a quoted value that is never closed: no closing quote follows before the end of the file, ${why}.`
      : `${file} ${at(bad.line)} opens a quoted value that is closed only on ${at(bad.closedOn)}${bad.fields === undefined ? '' : `, making one row of ${fields(bad.fields)} where the header has ${bad.header}`}, ${why}.`,
    'Close the quote on that line, or double a quote that is part of a value (`""`), and run the command again.',
  );
}

/**
 * The rows of `sql` over the calls. A CSV DuckDB fails on part-way (a line of the wrong length after the
 * lines it sniffed) is a UserError naming the line: DuckDB's own message, an internal error, quoted the
 * whole line, its caller's name and phone number too (tester 222).
 */
async function readRows<T>(conn: DuckDBConnection, src: CallSource, sql: string): Promise<T[]> {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } catch (e) {
    throw await unreadable(src, e);
  }
}

/**
 * What to say of DuckDB's failure to read the calls (any failure when `always`, else one of reading a file):
 * a CSV's line where one is to blame, and never a line's text.
 */
/** A raw CSV export whose header runs over lines, refused as ingest refuses it; null otherwise. */
function headerOf(file: string): UserError | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    // The delimiter is DuckDB's sniffer's to find, and it failed: the commonest in the first line.
    const first = text.split('\n', 1)[0]!;
    const delimiter = [',', ';', '\t', '|'].sort((a, b) => first.split(b).length - first.split(a).length)[0]!;
    return headerLineBreak(basename(file), text.replace(/^\uFEFF/, ''), delimiter, '"');
  } finally {
    closeSync(fd);
  }
}

async function unreadable(src: CallSource, e: unknown, always = false): Promise<unknown> {
  const message = String((e as Error).message);
  if (!always && !/CSV Error on Line|sniffing|Could not convert|Invalid unicode/i.test(message)) return e;
  const header = src.file && !/\.gz$/i.test(src.file) ? headerOf(src.file) : null;
  if (header) return header;
  const bad = src.file ? await malformedLine(src.file, src.initialColumn) : undefined;
  if (bad) return malformed(src.file!, bad, src.initialColumn);
  const at = /CSV Error on Line: (\d+)/.exec(message);
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  return new UserError(
    at
      ? `${src.file ?? 'The calls'} line ${Number(at[1]).toLocaleString('en-US')} cannot be read as a row of its table${counts ? ` (it has ${counts[2]} fields where the header has ${counts[1]})` : ' (a quote left open, a wrong number of fields, or text that is not UTF-8)'}.`
      : // Its first line only, and never DuckDB's quote of a line of the file (personal columns too).
        `The calls cannot be read as a table: ${message.split('\n')[0]!.replace(/\s*Original Line:.*/, '')}`,
    at
      ? 'Mend that line (quote a value that holds the delimiter; save the file as UTF-8), or ingest the export and give the store as --calls: ingest sets such lines aside and says why.'
      : 'give a calls export as CSV (with a header row) or Parquet, or a store folder.',
  );
}

export async function checkSource(conn: DuckDBConnection, src: CallSource): Promise<string[]> {
  // Before its columns are read: a header cut at a line break read as a file of other columns, or of the
  // same ones with the last cut short, and its types were counted all the same (tester 312).
  const header = src.file && /\.(csv|tsv|txt)$/i.test(src.file) ? headerOf(src.file) : null;
  if (header) throw header;
  const types = await columns(conn, src);
  const cols = [...types.keys()];
  for (const c of [src.initialColumn, src.finalColumn].filter((x): x is string => x !== undefined)) {
    if (!types.has(c)) {
      const bad = src.file ? await malformedLine(src.file, c) : undefined;
      if (bad) throw malformed(src.file!, bad, c);
      // A store's calls file of another shape is the store's damage, not a column to name (tester 361).
      const damage =
        src.file && statSync(src.file, { throwIfNoEntry: false })?.isDirectory() ? await storeDamage() : null;
      if (damage) throw damage;
      throw new UserError(
        `The calls have no column \`${c}\` (they have: ${cols.join(', ')}).`,
        src.file && existsSync(src.file) && statSync(src.file).isDirectory()
          ? "A store's call types are in `call_type_initial_raw` and `call_type_final_raw`, read by default: leave out --initial-column and --final-column, which name the columns of a raw CSV or Parquet export."
          : 'Name the call type columns with --initial-column and --final-column.',
      );
    }
    // A raw export's `Narrative` or `Caller Name` named as a call type went into the mapping sheet, made to
    // be passed round, and onto the terminal (tester 107): as in a profile, such a column is never read.
    // An address as a call type wrote whole addresses into the sheet (tester 184).
    const why = personalReason(c) ?? (namesAnAddress(c) ? 'an address' : namesAPoint(c) ? 'a point' : null);
    if (why)
      throw new UserError(
        `The column \`${c}\` is named as one that holds ${why}: safegap never reads such a column (docs/decisions.md, 18).`,
        'name the call type columns with --initial-column and --final-column; if this one truly holds call types, ingest the export with a profile that lists it under `not_personal`, and give the store as --calls.',
      );
    // A store's time column named as a call type ended in DuckDB's conversion error and a stack trace
    // (tester 254). Codes written as whole numbers are call types; times, decimals and lists are not.
    const type = types.get(c)!;
    if (!/^(VARCHAR|(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?))$/.test(type))
      throw new UserError(
        `The column \`${c}\` holds ${type} values, not call types.`,
        isStoreFolder(src.file)
          ? "leave out --initial-column and --final-column: a store's call types are in `call_type_initial_raw` and `call_type_final_raw`, read by default."
          : `name the columns that hold the call types with --initial-column and --final-column (the columns of ${src.file ?? 'the calls'}: ${cols.join(', ')}).`,
      );
  }
  return cols;
}

/**
 * Calls per raw type, by the record that represents each call (calls()); `volume` is calls with it as initial
 * type, or as final type when it never is initial. A type only linked records have is listed with no calls,
 * so that the mapping still covers it.
 */
export async function typeCounts(conn: DuckDBConnection, src: CallSource): Promise<TypeCount[]> {
  await checkSource(conn, src);
  const i = typeColumn(src, src.initialColumn);
  const f = src.finalColumn ? typeColumn(src, src.finalColumn) : undefined;
  const rel = await calls(conn, src);
  const sql = `WITH r AS (SELECT * FROM ${rel}), t AS (
      SELECT ${i} AS v, ${REPRESENTS}::INT AS is_i, 0 AS is_f, (NOT ${REPRESENTS})::INT AS is_l FROM r
      ${f ? `UNION ALL SELECT ${f}, 0, ${REPRESENTS}::INT, 0 FROM r` : ''})
    SELECT v, sum(is_i)::BIGINT AS i, sum(is_f)::BIGINT AS f, sum(is_l)::BIGINT AS l FROM t WHERE v IS NOT NULL
    GROUP BY v HAVING sum(is_i) + sum(is_f) + sum(is_l) > 0`;
  const rows = await readRows<{ v: string; i: string; f: string; l: string }>(conn, src, sql);
  if (!rows.length) await requireCalls(conn, src);
  return rows
    .map((r) => ({
      rawType: r.v,
      initial: Number(r.i),
      final: Number(r.f),
      volume: Number(r.i) || Number(r.f),
      linked: Number(r.l),
    }))
    .sort((a, b) => b.volume - a.volume || a.rawType.localeCompare(b.rawType));
}

/** Whether --calls names a folder, so a store: the store's refusals say to ingest again, an export's to name columns. */
export function isStoreFolder(file: string | undefined): boolean {
  return file !== undefined && existsSync(file) && statSync(file).isDirectory();
}

/**
 * Refuses calls that hold no row at all. A store with no calls was told that its profile maps no call type
 * column (status, exit 0), or that its type columns are empty in every row (auto), and review offered the
 * mapping's types at 0 calls each (tester 230): as `report` does, it is refused as holding no calls.
 */
async function requireCalls(conn: DuckDBConnection, src: CallSource): Promise<void> {
  const [row] = await readRows<{ n: string }>(conn, src, `SELECT count(*)::BIGINT AS n FROM ${src.relation}`);
  if (Number(row?.n ?? 0) > 0) return;
  const store = isStoreFolder(src.file);
  throw new UserError(
    store
      ? `The store \`${src.file}\` holds no calls: there is nothing to classify; nothing was written.`
      : `${src.file ?? 'The calls'} holds no calls (${/\.parquet$/i.test(src.file ?? '') ? 'no rows' : 'a header and no rows'}): there is nothing to classify; nothing was written.`,
    store
      ? 'ingest an export with rows into it (`safegap ingest`), or give another store or export as --calls.'
      : 'give a calls export with rows, or a store folder, as --calls.',
  );
}

/**
 * Refuses calls that have rows but no call type in the columns read (`counts`, as typeCounts gave them),
 * for a command that would write the mapping or a sheet of their types: export said "No mapping for X yet.
 * How to fix: Pass --calls" with --calls given, and review saved a mapping of no type (tester 231).
 * `status` prints it instead, and writes nothing.
 */
export async function requireTypedCalls(
  conn: DuckDBConnection,
  src: CallSource,
  counts: TypeCount[],
): Promise<void> {
  if (counts.length) return;
  const cols = await checkSource(conn, src);
  const [row] = await readRows<{ n: string }>(
    conn,
    src,
    `SELECT count(*)::BIGINT AS n FROM ${await calls(conn, src)} WHERE ${REPRESENTS}`,
  );
  const n = Number(row?.n ?? 0);
  const named = [src.initialColumn, src.finalColumn].filter((x): x is string => x !== undefined);
  const store = isStoreFolder(src.file);
  throw new UserError(
    `No call of ${src.file ?? 'the calls'} has a call type: ${named.map((c) => `\`${c}\``).join(' and ')} ${named.length === 1 ? 'is' : 'are'} empty in every row (${n.toLocaleString('en-US')} ${n === 1 ? 'call' : 'calls'}), so there is nothing to classify; nothing was written.`,
    store
      ? "map the export's call type column in the profile (`fields: { call_type_initial: ..., call_type_final: ... }`, docs/profiles.md), ingest it again, and give the store as --calls."
      : `name the columns that hold the call types with --initial-column and --final-column (the columns of ${src.file ?? 'the calls'}: ${cols.join(', ')}).`,
  );
}

/** Calls with no initial type: left out of every count by type, so said beside them. */
export async function untypedCalls(conn: DuckDBConnection, src: CallSource): Promise<number> {
  await checkSource(conn, src);
  const rows = await readRows<{ n: string }>(
    conn,
    src,
    `SELECT count(*)::BIGINT AS n FROM ${await calls(conn, src)} WHERE ${REPRESENTS} AND ${ident(src.initialColumn)} IS NULL`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Columns of a place: a raw export's address has its house number (`1234 MAIN ST` was shown, tester 108),
 * and a type is judged without it.
 */
const PLACE = /addr|street|location|premise|intersection|cross|lat|lon|coord|^[xy]$/i;

/**
 * Up to `n` records of a type (as initial or final type), with their non-empty short fields; a raw export's
 * columns named as personal (`Caller Name`, `ANI/ALI`) or as a place are never shown.
 */
export async function examples(
  conn: DuckDBConnection,
  src: CallSource,
  rawType: string,
  n = 3,
): Promise<Record<string, string>[]> {
  const typeColumns = [...new Set([src.initialColumn, src.finalColumn])].filter(
    (x): x is string => x !== undefined,
  );
  const cond = typeColumns.map((c) => `${typeColumn(src, c)} = ${literal(rawType)}`);
  // Every text column shown masked as the store's would be: the type as the mapping lists it, and a raw
  // export's disposition, cancel reason or plan (tester 305: `AOK at 4567 ELM AVE APT 5 CB 612-555-0134`
  // was shown on the reviewer's screen).
  const types = await columns(conn, src);
  const masked = [...types]
    .filter(([c, t]) => t === 'VARCHAR' || typeColumns.includes(c))
    .map(([c]) => `${maskedText(src, `${ident(c)}::VARCHAR`)} AS ${ident(c)}`)
    .join(', ');
  const rows = await readRows<Record<string, unknown>>(
    conn,
    src,
    `SELECT * REPLACE (${masked}) FROM ${src.relation} WHERE ${cond.join(' OR ')} LIMIT ${n}`,
  );
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(
          ([k, v]) =>
            v !== null &&
            v !== '' &&
            String(v).length <= 60 &&
            personalReason(k) === null &&
            !PLACE.test(k) &&
            !namesAnAddress(k) &&
            !namesAPoint(k),
        )
        .map(([k, v]) => [k, String(v)]),
    ),
  );
}

export interface TypeChange {
  initial: string;
  final: string;
  calls: number;
}

export async function typeChanges(
  conn: DuckDBConnection,
  src: CallSource,
): Promise<{ total: number; changes: TypeChange[] }> {
  if (!src.finalColumn) return { total: 0, changes: [] };
  const i = typeColumn(src, src.initialColumn);
  const f = typeColumn(src, src.finalColumn);
  // Calls, by the record that represents each, as typeCounts counts them (tester 385).
  const rel = await calls(conn, src);
  const [total] = await readRows<{ n: string }>(
    conn,
    src,
    `SELECT count(*)::BIGINT AS n FROM ${rel} WHERE ${REPRESENTS} AND ${i} IS NOT NULL`,
  );
  const rows = await readRows<{ a: string; b: string; n: string }>(
    conn,
    src,
    `SELECT ${i} AS a, ${f} AS b, count(*)::BIGINT AS n FROM ${rel} WHERE ${REPRESENTS} AND ${i} IS NOT NULL AND ${f} IS NOT NULL AND ${i} <> ${f} GROUP BY ALL`,
  );
  return {
    total: Number(total?.n ?? 0),
    changes: rows
      .map((r) => ({ initial: r.a, final: r.b, calls: Number(r.n) }))
      .sort((x, y) => y.calls - x.calls),
  };
}
