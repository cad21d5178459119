/**
 * `safegap profile init FILE`: a first draft of a profile from a file's header and a sample of its rows.
 * Every guess is marked `# GUESS` so an analyst knows what to check; columns that look like personal data
 * (names, phone numbers, narratives) are listed as never loaded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileChunks } from '../ingest/blank-lines.js';
import { personalReason } from './personal.js';
import { openEngine, queryRows } from '../store/duckdb.js';
import { literal, ident } from '../util/sql.js';
import { resourceError, UserError } from '../util/user-error.js';
import { STAGES } from '../store/calls-schema.js';
import { YEARS } from './profile-sql.js';
import { inspectFile, NOT_UTF8_DRAFT_HINT } from './inspect-file.js';
import type { Profile } from './profile-schema.js';
import { countFields } from '../util/csv-fields.js';

/** Canonical roles and the header patterns that suggest them; a role's first pattern that finds a column wins. */
const ROLE_PATTERNS: [role: string, pattern: RegExp][] = [
  [
    'id',
    /^(master_?incident_?(number|id)|cad.*(event|incident).*(number|id|no)|incident_?(number|id|no)|event_?(number|id|no)|call_?(number|id)|cad_?id)$/i,
  ],
  [
    'times.received',
    // A 311 case is `Opened`, an online report `Submitted` (a tester's companion exports went unmapped).
    /(phone_?pick|received|call_?time|call_?received|create|reported_?(date|time)|original.*queued|opened|submitted)/i,
  ],
  ['times.queued', /(entered_?queue|queued)/i],
  ['times.assigned', /(first_?unit_?assigned|assigned|dispatch(ed)?_?(time|date)?$)/i],
  ['times.enroute', /(en_?route)/i],
  ['times.arrived', /(arriv|on_?scene)/i],
  ['times.cleared', /(cleared|clear_?time)/i],
  ['times.closed', /(closed|close_?time)/i],
  ['fields.call_type_initial', /(initial.*(type|problem|nature)|initial_?problem)/i],
  ['fields.call_type_final', /final.*(type|problem|nature)/i],
  ['fields.call_type_final', /^problem$/i],
  ['fields.call_type_final', /(^call_?type$|nature|incident_?type)/i],
  ['fields.priority_initial', /(initial_?priority)/i],
  ['fields.priority', /(priority)/i],
  ['fields.disposition', /(disposition|clearance|^dispo|^disp(_?code)?$)/i],
  ['fields.cancel_reason', /(cancel)/i],
  ['fields.response_plan', /(response_?plan)/i],
  ['fields.precinct', /(precinct|district|division)/i],
  ['fields.sector', /(sector|battalion)/i],
  ['fields.beat', /(beat|zone|area$)/i],
  ['fields.neighborhood', /(neighbo|areaname|community)/i],
  ['fields.postal_code', /(zip|postal)/i],
  ['fields.lat', /(^lat|latitude)/i],
  ['fields.lon', /(^lon|^lng|longitude)/i],
  ['fields.block_address', /^(?!cross)(.*street|.*address|block|location)/i],
];

const TIME_FORMATS = [
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %I:%M %p',
  // Two-digit years, as a spreadsheet saves them (10/1/22 0:06).
  '%m/%d/%y %H:%M',
  '%m/%d/%y %H:%M:%S',
  '%m/%d/%y %I:%M %p',
  '%m/%d/%y %I:%M:%S %p',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%dT%H:%M:%S.%f',
  '%Y-%m-%dT%H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y %I:%M:%S %p',
  '%d/%m/%Y %I:%M %p',
  '%m/%d/%Y %H:%M:%S.%f',
  '%Y-%m-%d %H:%M:%S.%f',
  '%d-%b-%Y %H:%M',
  '%d-%b-%Y %H:%M:%S',
  '%Y%m%d%H%M%S',
];

export interface DraftProfile {
  yaml: string;
  /** role -> column, for tests and for the CLI's summary. */
  guesses: Record<string, string>;
  personal: string[];
  /** What the analyst should know about the sample (rows with the wrong number of fields). */
  notes: string[];
}

interface Sniffed {
  Delimiter: string;
  HasHeader: boolean;
  SkipRows: number;
  Columns: { name: string }[];
}

/** One column whose name holds delimiters: a sniff that found no dialect that reads the file. */
const oneDelimitedColumn = (s: Sniffed) => s.Columns.length === 1 && /[,;\t|]/.test(s.Columns[0]!.name);

/**
 * The first `lines` lines of a file (decompressed when gzip), and whether that is the whole file: the
 * sample is read from these alone, since DuckDB keeps the rows it rejects only when it reads to the end.
 */
async function headLines(
  path: string,
  gzip: boolean,
  lines: number,
): Promise<{ text: Buffer; whole: boolean }> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const b of fileChunks(path, gzip)) {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1))
      if (++seen === lines) {
        chunks.push(b.subarray(0, i + 1));
        return { text: Buffer.concat(chunks), whole: false };
      }
    chunks.push(b);
  }
  return { text: Buffer.concat(chunks), whole: true };
}

const norm = (s: string) => s.replace(/[\s.-]+/g, '_');

/** A year, a year and quarter or half (2022q4), a year and month or a whole date written without separators. */
const DATE_WORD = /^(19|20)\d{2}(q[1-4]|h[12]|\d{2}|\d{4})?$/;

/**
 * The draft's source name: the file's name without the dates in it (`mpls_311_2022q4.csv` is `mpls_311`),
 * since the source must stay the same from one export to the next (it is part of every call id), while
 * the file name says which stretch of time the export holds (a tester's next quarter got a new source).
 */
export function sourceName(path: string): string {
  const words = basename(path)
    .replace(/\.[^.]+(\.gz)?$/, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept: string[] = [];
  let inDate = false;
  for (const w of words) {
    // After a year, a month, a day, a quarter or the `to` of a range belong to the date too.
    if (DATE_WORD.test(w) || (inDate && /^(\d{1,2}|q[1-4]|to)$/.test(w))) inDate = true;
    else {
      inDate = false;
      kept.push(w);
    }
  }
  const name = (kept.length ? kept : words).join('_');
  // A source begins with a letter.
  return !name ? 'my_source' : /^[a-z]/.test(name) ? name : `src_${name}`;
}

/**
 * The encodings a draft can be read in. UTF-16 is not one: the sample is cut at a byte 10, which in UTF-16
 * may fall inside a character; such a file is converted first (inspectFile says how).
 */
export type DraftEncoding = 'utf-8' | 'latin-1';

/** Enough of a profile for inspectFile's checks of the bytes (empty, a workbook, UTF-16, not UTF-8). */
const ANY_CSV: Pick<Profile, 'format' | 'source'> = {
  source: 'draft',
  format: { type: 'csv', delimiter: ',', quote: '"', encoding: 'utf-8' },
};

/** The profile JSON schema shipped with safegap, for editors that complete keys from it. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/profile.schema.json', import.meta.url));

/**
 * Draft a profile for `path`. `outDir`, the folder the draft will be saved in, makes its `$schema` line a
 * path that works from there (editors resolve it relative to the file).
 */
export async function draftProfile(
  path: string,
  sampleRows = 2000,
  outDir?: string,
  encoding: DraftEncoding = 'utf-8',
): Promise<DraftProfile> {
  // The same early refusals as ingest, with their fixes: DuckDB's sniffer gave a generic error, or a draft
  // of an empty file.
  const info = await inspectFile(path, { ...ANY_CSV, format: { ...ANY_CSV.format, encoding } }, [], true);
  const readAs = encoding === 'utf-8' ? '' : `, encoding = ${literal(encoding)}`;
  // SAFEGAP_MEMORY_LIMIT as every command honours it (a fixed 512MB took no notice of it).
  const conn = await openEngine();
  const scratch = mkdtempSync(join(tmpdir(), 'safegap-init-'));
  try {
    // A Parquet file was "could not be read as CSV": its first rows are drafted from as a CSV of their text
    // (as ingest reads its columns), and the draft says `type: parquet`.
    const parquet = info.kind === 'parquet';
    const text = parquet ? join(scratch, 'sample.csv') : path;
    if (parquet)
      try {
        await conn.run(
          `COPY (SELECT * FROM read_parquet(${literal(path)}) LIMIT ${sampleRows}) TO ${literal(text)} (FORMAT csv, HEADER true)`,
        );
      } catch (e) {
        throw new UserError(
          `${basename(path)} begins as a Parquet file does, but could not be read as one: ${(e as Error).message.split('\n')[0]}`,
          'check that the file is a complete Parquet file (a download cut short is not); export it again.',
        );
      }
    const sniffWith = async (options: string) =>
      (
        await queryRows<Sniffed>(
          conn,
          `SELECT * FROM sniff_csv(${literal(text)}, sample_size = ${sampleRows}${parquet ? '' : readAs}${options})`,
        )
      )[0]!;
    let s: Sniffed | undefined;
    let sniffError: unknown;
    try {
      s = await sniffWith('');
    } catch (e) {
      sniffError = e;
    }
    // One sampled row with a field too many or too few makes the sniffer give up, read the file as one
    // column, or take the header for a row and skip down past the odd row. Tolerating such rows finds the
    // dialect, and its answer is taken when it is a header of several columns on the first line (with a
    // title above the header, the tolerant sniff reads the title as a one-column header: kept as before).
    if (!s || oneDelimitedColumn(s) || !s.HasHeader || Number(s.SkipRows) > 0) {
      const tolerant = await sniffWith(', ignore_errors = true').catch(() => undefined);
      if (tolerant && tolerant.Columns.length > 1 && tolerant.HasHeader && Number(tolerant.SkipRows) === 0)
        s = tolerant;
    }
    if (!s)
      // Memory that ran out is no fault of the file (a small SAFEGAP_MEMORY_LIMIT read "could not be read as CSV").
      throw (
        resourceError(sniffError) ??
        new UserError(
          `${basename(path)} could not be read as CSV: ${(sniffError as Error).message.split('\n')[0]}`,
          'check that the file is a text CSV export (not .xlsx) and that it is complete.',
        )
      );
    const delimiter = String(s.Delimiter);
    const columns = s.Columns.map((c) => c.name);
    // Drafting from such a header would give a profile of nonsense (a cut-off last line, a quote never
    // closed).
    if (oneDelimitedColumn(s))
      throw new UserError(
        `${basename(path)} could not be read as CSV with any delimiter: its header came out as one column, \`${columns[0]!.slice(0, 60)}\`.`,
        'the file may be cut short or have a quote that is never closed; check its last lines and its quoting, or export it again.',
      );
    // The sample is read as ingest will read the file with the draft (its delimiter, quote `"`), so that the
    // rows it would quarantine for their number of fields can be named; a reader that sniffs the dialect
    // again gave up on them.
    const skip = Number(s.SkipRows);
    // Ingest reads the first line as the header: a draft from the header further down could not be
    // ingested (its columns "missing"), and nothing said why.
    if (skip > 0 && !parquet)
      throw new UserError(
        `${basename(path)} has its header on line ${skip + 1}; ingest reads the first line as the header, so the line${skip > 1 ? 's' : ''} above it (a title or notes) must go.`,
        `remove ${skip > 1 ? 'them' : 'it'}, e.g. \`tail -n +${skip + 1} ${basename(path)} > fixed.csv\`, then draft from fixed.csv and ingest fixed.csv. No draft was written.`,
      );
    const head = await headLines(text, info.gzip, sampleRows + 1 + skip);
    const headFile = join(scratch, 'head.csv');
    writeFileSync(headFile, head.text);
    const sample = await queryRows<Record<string, string | null>>(
      conn,
      `SELECT * FROM read_csv(${literal(headFile)}, auto_detect = false, header = true, skip = ${skip},
         columns = {${columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}},
         delim = ${literal(delimiter)}, quote = '"', escape = '"'${parquet ? '' : readAs},
         store_rejects = true, rejects_table = 'init_rejects', rejects_scan = 'init_scans')`,
    );
    const rejected = (
      await queryRows<{ line: number; types: string; message: string; record: string }>(
        conn,
        // DuckDB reports a short row once per column it lacks: one row per line.
        `SELECT line::INTEGER AS line, string_agg(DISTINCT error_type, ',') AS types,
           first(error_message ORDER BY column_idx NULLS LAST) AS message, first(csv_line) AS record
         FROM init_rejects GROUP BY line ORDER BY line`,
      )
    ).map((r) => ({ ...r, row: r.line - 1 - skip }));
    // The head may end inside a quoted value that runs over lines: that is where it was cut, not the file.
    if (!head.whole && rejected.at(-1)?.types.includes('UNQUOTED VALUE')) rejected.pop();
    const ragged = rejected.filter((r) => r.types === 'MISSING COLUMNS' || r.types === 'TOO MANY COLUMNS');
    const unreadable = rejected.find((r) => !ragged.includes(r));
    if (unreadable)
      throw /ENCODING|UNICODE/.test(unreadable.types)
        ? new UserError(
            `${basename(path)} is not UTF-8 text: row ${unreadable.row} holds bytes that are not valid UTF-8.`,
            NOT_UTF8_DRAFT_HINT,
          )
        : new UserError(
            `${basename(path)} could not be read as CSV with delimiter ${JSON.stringify(delimiter)} and quote '"': row ${unreadable.row} ${
              unreadable.types.includes('UNQUOTED VALUE')
                ? 'opens a quote that is never closed'
                : `is not valid CSV (${unreadable.message})`
            }.`,
            unreadable.types.includes('UNQUOTED VALUE')
              ? `the file may be cut short at row ${unreadable.row} (fetch the complete file), or a value there starts with a stray \`"\` (remove it, or write it as \`""\` inside a quoted value); then run profile init again.`
              : `check the file at row ${unreadable.row} in a text editor (its delimiter and quoting), or export it again.`,
          );
    const notes: string[] = [];
    // A file of a header alone has no values to judge: its time columns were "named like a time, but its
    // values fit no format", the format a TODO for want of a received column.
    const noRows = sample.length === 0 && rejected.length === 0;
    if (noRows)
      notes.push(
        `${basename(path)} has ${parquet ? 'columns' : 'a header'} and no rows: its columns were matched by their names alone, and the timestamp format could not be guessed. Draft from an export with rows if there is one.`,
      );
    if (ragged.length) {
      const fields = (r: (typeof ragged)[number]) => countFields(r.record, delimiter);
      const shown = ragged
        .slice(0, 3)
        .map((r) => `row ${r.row}: ${fields(r)}`)
        .join(', ');
      notes.push(
        `${ragged.length} of the ${sample.length + ragged.length} rows sampled ${ragged.length === 1 ? 'has' : 'have'} the wrong number of fields for the header's ${columns.length} (${shown}${ragged.length > 3 ? ', ...' : ''}): ingest quarantines such rows, each with its row number; fix them in the export if they hold calls.`,
      );
    }

    const personal = columns.filter((c) => personalReason(c) !== null);
    // A time column is one whose sampled values read as times with some known format: `How Received` (911,
    // Phone) is named like one and is not.
    const readsAsTimes = new Map<string, boolean>();
    const timeLike = async (c: string) => {
      if (noRows) return true;
      if (!readsAsTimes.has(c)) {
        const values = sample
          .map((r) => r[c])
          .filter((v): v is string => !!v?.trim())
          .slice(0, 200);
        const list = `[${values.map(literal).join(', ')}]`;
        const tests = [
          ...TIME_FORMATS.map((f) => `try_strptime(v, ${literal(f)})`),
          'try_cast(v AS TIMESTAMPTZ)',
        ];
        const [r] = values.length
          ? await queryRows<{ n: number }>(
              conn,
              `SELECT count(*)::INTEGER n FROM unnest(${list}) t(v) WHERE coalesce(${tests.join(', ')}) IS NOT NULL`,
            )
          : [];
        readsAsTimes.set(c, values.length > 0 && (r?.n ?? 0) >= values.length / 2);
      }
      return readsAsTimes.get(c)!;
    };
    const guesses: Record<string, string> = {};
    /** Columns named like a time whose values do not read as times. */
    const notTimes: string[] = [];
    for (const [role, pattern] of ROLE_PATTERNS) {
      if (guesses[role]) continue;
      for (const c of columns) {
        if (!pattern.test(norm(c)) || personal.includes(c) || Object.values(guesses).includes(c)) continue;
        // A column named like a time is never drafted as something else (`Dispatch Time` as a disposition).
        if (!role.startsWith('times.') && notTimes.includes(c)) continue;
        if (role.startsWith('times.') && !(await timeLike(c))) {
          if (!notTimes.includes(c)) notTimes.push(c);
          continue;
        }
        guesses[role] = c;
        break;
      }
    }
    if (!guesses['fields.call_type_initial'] && guesses['fields.call_type_final'])
      guesses['fields.call_type_initial'] = guesses['fields.call_type_final'];

    /** A time with a UTC offset (2022-01-01T20:08:55-05:00), which the format `iso8601` reads. */
    const withOffset = (v: string) => /[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?([+-]\d{2}:?\d{2}|Z)$/.test(v);
    /** The sampled values of a column, up to 500. */
    const valuesOf = (c: string) =>
      sample
        .map((r) => r[c]?.trim())
        .filter((v): v is string => !!v)
        .slice(0, 500);
    /** How many of `values` each known format reads, most first, in one query (one a format was 17 round trips). */
    const scoreFormats = async (values: string[]) => {
      const [counts] = await queryRows<Record<string, number>>(
        conn,
        // %Y reads `22` as the year 22: a format reads a value only where the year it gives has four digits.
        `SELECT ${TIME_FORMATS.map((f, i) => `count_if(year(try_strptime(v, ${literal(f)})) >= 1000)::INTEGER AS s${i}`).join(', ')}
         FROM unnest([${values.map(literal).join(', ')}]) t(v)`,
      );
      return TIME_FORMATS.map((f, i) => ({ f, n: Number(counts?.[`s${i}`] ?? 0) })).sort((a, b) => b.n - a.n);
    };

    // The timestamp format that parses most sampled values of the received column.
    let format = '%m/%d/%Y %H:%M';
    let clockNote = noRows
      ? 'TODO: the file has no rows to guess the format from; write it'
      : 'TODO: no received time column found to guess the format from; write it';
    const receivedCol = guesses['times.received'];
    if (receivedCol) {
      const values = valuesOf(receivedCol);
      if (values.length && values.every(withOffset)) {
        format = 'iso8601';
        clockNote = 'GUESS: values carry a UTC offset; check that they are true instants';
      } else if (values.length) {
        const scores = await scoreFormats(values);
        if (scores[0] && scores[0].n > 0) {
          format = scores[0].f;
          clockNote = `GUESS: ${scores[0].n} of ${values.length} sampled values parse`;
          // 01/10/2022 reads as 10 January or 1 October: when the sample has no day after the 12th, both
          // orders fit it, and only the analyst knows which the export uses.
          const swapped = format.includes('%m/%d')
            ? format.replace('%m/%d', '%d/%m')
            : format.replace('%d/%m', '%m/%d');
          const other = scores.find((x) => x.f === swapped);
          if (swapped !== format && other && other.n === scores[0].n)
            clockNote += `, but read day first (${swapped}) they parse too: check a date after the 12th of a month in the export`;
        } else
          clockNote = `TODO: none of ${values.length} sampled values of ${receivedCol} (such as ${JSON.stringify(values[0])}) fits a format safegap knows; write its strptime format`;
      }
    }

    // A stage column whose values the received time's format does not read gets a format of its own: all
    // were drafted under the one format, and ingest then quarantined every row (received 10/01/2022 10:00,
    // the others 2022-10-01T10:05:00).
    const ownFormat = new Map<string, { format: string; n: number; of: number }>();
    if (clockNote.startsWith('GUESS'))
      for (const st of STAGES) {
        const c = guesses[`times.${st}`];
        const values = c ? valuesOf(c) : [];
        if (!values.length) continue;
        const scores = await scoreFormats(values);
        const global =
          format === 'iso8601'
            ? values.filter(withOffset).length
            : (scores.find((x) => x.f === format)?.n ?? 0);
        // Most values read: a few odd ones are the rows' own faults, quarantined with their reasons.
        if (global >= values.length / 2) continue;
        const best = values.every(withOffset) ? { f: 'iso8601', n: values.length } : scores[0];
        if (best && best.n > global) ownFormat.set(st, { format: best.f, n: best.n, of: values.length });
      }
    const formatOf = (c: string) =>
      [...ownFormat].find(([st]) => guesses[`times.${st}`] === c)?.[1].format ?? format;

    // Placeholders for a missing time (1900-01-01, 9999-12-31): values of the time columns that parse to a
    // year ingest refuses (outside YEARS), each with its column's format. Listed as nulls, so their rows load
    // with the time missing.
    const timeCols = [
      ...new Set(
        Object.entries(guesses)
          .filter(([r]) => r.startsWith('times.'))
          .map(([, c]) => c),
      ),
    ];
    const found = new Set<string>();
    for (const c of timeCols) {
      const values = [...new Set(sample.map((r) => r[c]?.trim()).filter((v): v is string => !!v))];
      if (!values.length) continue;
      const f = formatOf(c);
      for (const r of await queryRows<{ v: string }>(
        conn,
        `SELECT v FROM unnest([${values.map(literal).join(', ')}]) t(v)
         WHERE year(${f === 'iso8601' ? 'try_cast(v AS TIMESTAMPTZ)' : `try_strptime(v, ${literal(f)})`}) NOT BETWEEN ${YEARS.from} AND ${YEARS.to}`,
      ))
        found.add(r.v);
    }
    const placeholders = [...found].sort();

    const y: string[] = [
      `# yaml-language-server: $schema=${relative(resolve(outDir ?? '.'), SCHEMA_FILE)
        .split(sep)
        .join('/')}`,
      `# Draft profile for ${basename(path)}, written by \`safegap profile init\`.`,
      '# Lines marked GUESS were inferred from the header and a sample: check each one, then run',
      '# `safegap profile check` on this file. docs/profiles.md explains every key.',
      ...notes.map((n) => `# NOTE: ${n}`),
      `name: ${basename(path).replace(/\.[^.]+(\.gz)?$/, '')}  # GUESS: a human name for this source`,
      `source: ${sourceName(path)}  # GUESS: stable; part of every call id`,
      `time_zone: America/Chicago  # GUESS: set your city's IANA zone`,
      'format:',
      parquet ? '  type: parquet' : `  delimiter: ${JSON.stringify(delimiter)}`,
      ...(encoding !== 'utf-8' && !parquet ? [`  encoding: ${encoding}`] : []),
      'timestamps:',
      `  format: ${JSON.stringify(format)}  # ${clockNote}`,
      '  clock: local  # GUESS: local wall-clock; `utc` if the export is in UTC',
      `nulls: [${['NA', 'NULL', 'N/A', ...placeholders].map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]${
        placeholders.length
          ? `  # GUESS: ${placeholders.join(', ')} in the time columns look${placeholders.length === 1 ? 's' : ''} like a placeholder for a missing time`
          : ''
      }`,
      `id: ${JSON.stringify(guesses.id ?? 'TODO_incident_number_column')}${guesses.id ? '  # GUESS' : '  # TODO: no incident-number column found'}`,
      'times:',
      `  received: ${JSON.stringify(receivedCol ?? 'TODO_received_time_column')}${receivedCol ? '  # GUESS' : '  # TODO: required'}`,
      ...STAGES.filter((st) => guesses[`times.${st}`]).map((st) => {
        const own = ownFormat.get(st);
        const column = JSON.stringify(guesses[`times.${st}`]);
        return own
          ? `  ${st}: { column: ${column}, format: ${JSON.stringify(own.format)} }  # GUESS: a format of its own (${own.n} of ${own.of} sampled values parse), not the received time's`
          : `  ${st}: ${column}  # GUESS`;
      }),
      ...notTimes.map((c) => {
        const example = sample.map((r) => r[c]).find((v) => v?.trim());
        return `  # ${c} is named like a time, but its values${example ? ` (such as ${JSON.stringify(example)})` : ''} fit no format safegap knows: map it by hand if it is one`;
      }),
      ...(Object.keys(guesses).some((role) => role.startsWith('fields.'))
        ? [
            'fields:',
            ...Object.entries(guesses)
              .filter(([role]) => role.startsWith('fields.'))
              .map(([role, col]) => `  ${role.slice(7)}: ${JSON.stringify(col)}  # GUESS`),
          ]
        : ['fields: {}  # TODO: no call type, priority or area column found; map them by hand']),
      'origin:',
      '  default: unknown',
      '  rules: []  # e.g. - if: { column: Call Source, equals: "911" }\n  #            then: "911"',
      'responder:',
      '  default: police',
      '  rules: []  # e.g. - if: { field: call_type_final, equals: Behavioral Crisis Response }\n  #            then: behavioural_crisis',
    ];
    if (personal.length)
      y.push(
        '# Never loaded: these columns look like personal data (names, phone numbers, narratives).',
        ...personal.map((c) => `#   ${c}`),
      );
    const unmapped = columns.filter((c) => !Object.values(guesses).includes(c) && !personal.includes(c));
    if (unmapped.length)
      y.push('# Not mapped (available for rules with `column:`):', ...unmapped.map((c) => `#   ${ident(c)}`));
    return { yaml: `${y.join('\n')}\n`, guesses, personal, notes };
  } finally {
    conn.closeSync();
    rmSync(scratch, { recursive: true, force: true });
  }
}
