/**
 * What the times of a refused file's quarantined rows are, when no profile can read them as it stands: a
 * second format in the same column (every other row with seconds, tester 198), or Unix epoch seconds, which
 * no strptime format reads. "Fix the profile" was the advice for both, and no profile could.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIME_FORMATS } from '../sources/init-profile.js';
import type { Profile, TimeSpec } from '../sources/profile-schema.js';
import { dropsOffsets, readsOffset, UTC_IS_LOCAL_FIX } from '../sources/load-profile.js';
import { strptimeFormats } from '../sources/profile-sql.js';
import { queryRows } from '../store/duckdb.js';
import { literal } from '../util/sql.js';

/** Refused values looked at, of each field. */
const SAMPLE = 200;

/** The formats a refused time may fit: profile init's, and `iso8601` for a time with a UTC offset or `Z`. */
const FORMATS = [...TIME_FORMATS, 'iso8601'];
// A fraction after a point only: iso8601 reads no decimal comma, and times with one were told to set the
// format they were refused under (tester 381: `01:08:55,25-05:00`, "set the profile's format to iso8601"
// under iso8601). Their reason names the comma.
const ISO_WITH_OFFSET =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? ?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)';
/** A spreadsheet's date number, as src/sources/profile-sql.ts tells it in the reason. */
const SERIAL = '[1-9][0-9]{4}([.][0-9]+)?';

/** The refused times of one field, in its own sample: how many, and how many fit each reading. */
interface FieldFit {
  field: string;
  n: number;
  epoch: number;
  epoch_ms: number;
  utc: number;
  serial: number;
  example: string;
  best: { f: string; k: number } | undefined;
  /** The format with day and month the other way round from `best`'s, when it reads as many (days of 12 or less). */
  either?: string;
}

/** `format` with the day and the month the other way round, or itself when it has no such pair. */
const swapDayMonth = (format: string) =>
  format.includes('%m/%d') ? format.replace('%m/%d', '%d/%m') : format.replace('%d/%m', '%m/%d');

/**
 * Said after a format fitted where the other order of day and month fits every value as well (tester 293:
 * closing times written day first, every day 12 or less, were told `%m/%d/%Y %H:%M:%S`, and loaded on
 * the wrong dates in silence).
 */
const eitherNote = (x: FieldFit) =>
  x.either
    ? ` They read as well as \`${x.either}\` (day and month the other way round: no day is over 12): check one call against a time you know, or against another time of the same row, before choosing.`
    : '';

export async function timeFormatHint(
  conn: DuckDBConnection,
  file: string,
  profile: Profile,
): Promise<string> {
  const fits = await refusedByField(conn, file, profile);
  if (!fits.length) return '';
  const have = await pass1Names(conn);
  const read = await timesRead(conn, file, profile, have);
  const [only] = fits;
  // One format for every field fits only when no other field reads under it: the values of the Minneapolis
  // export's other columns did, and "set the profile's format to iso8601" for its pickup times refused
  // them in turn (tester 284, a loop between two formats).
  const othersRead = Object.keys(profile.times).some(
    (f) => f !== only?.field && !ownFormat(profile, f) && !secondsAfter(profile, f) && (read.get(f) ?? 0) > 0,
  );
  if (fits.length === 1 && only && !ownFormat(profile, only.field) && !othersRead)
    return profileWide(conn, file, profile, only, have);
  const shared = sharedFormat(profile, fits, read);
  if (shared) return shared;
  // Each field given the format its times fit, as advised below.
  const own = Object.fromEntries(
    fits.flatMap((x) => (x.best && x.best.k >= 0.9 * x.n ? [[x.field, x.best.f]] : [])),
  );
  const lost = dropsOffsets(profile, undefined, own);
  const said: { text: string; useful: boolean }[] = [];
  for (const x of fits) {
    const dayFirst =
      x.best !== undefined &&
      (await dayFirstThroughout(conn, file, x.field, formatOf(profile, x.field), x.best.f, have));
    said.push(fieldAdvice(profile, x, read.get(x.field) ?? 0, dayFirst, lost));
  }
  // Fields whose values fit nothing safegap knows and say nothing beyond that leave the generic advice.
  if (!said.some((s) => s.useful)) return '';
  // The times of several fields are told apart: one sample of them all said "all fit `iso8601`" of a file
  // whose arrived times and spreadsheet numbers fit neither that nor the profile's format (tester 284).
  const intro = fits.length > 1 ? ' The times of each refused field, judged on their own:' : '';
  return `${intro} ${said.map((s) => s.text).join(' ')} Then ingest again.`;
}

/** The wording of a file whose one refused field shares the profile's format with no field that reads. */
async function profileWide(
  conn: DuckDBConnection,
  file: string,
  profile: Profile,
  x: FieldFit,
  have: Set<string>,
): Promise<string> {
  const { n } = x;
  const which = ` Only \`${x.field}\` times (column ${columnsOf(profile, x.field)}) were refused.`;
  // Thirteen digits are milliseconds (tester 200: read as seconds, 1641017269000 is in the year 53970).
  const unit = epochUnit(x);
  if (unit) return `${which} The refused times ${epochAdvice(unit)} and ingest again.`;
  const { best } = x;
  if (!best || best.k < 0.9 * n) return '';
  const labelledUtc = labelledUtcNote(x);
  const fit = `${best.k === n ? 'All' : `${best.k.toLocaleString('en-US')} of the first ${n.toLocaleString('en-US')}`} of the refused times fit \`${best.f}\` instead`;
  if (dropsOffsets(profile, best.f, {})) return `${which} ${offsetsAdvice('The refused times', best.f)}`;
  if (await dayFirstThroughout(conn, file, x.field, formatOf(profile, x.field), best.f, have))
    return `${which} ${fit}, and so do the times that loaded (their second number is 12 or less, so they read either way): the column may be day first throughout, its days up to the 12th read month first. Set the profile's format to \`${best.f}\` and ingest again.`;
  // No row of the file loaded: the column is in that format throughout, and the profile's is wrong (tester
  // 250: a uniform column was said to mix two formats). Its rows were read, every one (tester 348: "no row
  // of the file was read" of a file whose every row was read and refused).
  const [loaded] = await queryRows<{ n: number }>(
    conn,
    `SELECT count(*)::DOUBLE AS n FROM p1 WHERE source_file = ${literal(file)} AND problems IS NULL`,
  );
  if ((loaded?.n ?? 0) === 0)
    return `${which} ${fit}, and no row of the file loaded: set the profile's format to \`${best.f}\` and ingest again.${labelledUtc}${eitherNote(x)}`;
  return `${which} ${fit}: the column mixes two formats, and a profile reads one. Write every time in one format (in a spreadsheet, format the column as a date and time and save again) and ingest again.`;
}

/**
 * The one line to change when every refused field fits one format, none of them has a format of its own
 * and no field under the profile's format read a time: tester 336's ISO times under minneapolis-cad's
 * `%m/%d/%Y %H:%M` were told to give each of its seven fields its own format, seven lines where one does.
 * Undefined where the fields differ, and each is then advised on its own.
 */
function sharedFormat(profile: Profile, fits: FieldFit[], read: Map<string, number>): string | undefined {
  const [first] = fits;
  const f = first?.best?.f;
  if (fits.length < 2 || !f) return undefined;
  const wide = (field: string) => !ownFormat(profile, field) && !secondsAfter(profile, field);
  if (!fits.every((x) => wide(x.field) && !epochUnit(x) && x.best?.f === f && x.best.k >= 0.9 * x.n))
    return undefined;
  // A field that read under the format would be refused under the new one: each is then advised alone.
  if (Object.keys(profile.times).some((field) => wide(field) && (read.get(field) ?? 0) > 0)) return undefined;
  if (dropsOffsets(profile, f, {}))
    return ` ${offsetsAdvice(`The refused times of ${fits.length} fields (${fits.map((x) => `\`${x.field}\` in column ${columnsOf(profile, x.field)}`).join(', ')})`, f)}`;
  const n = fits.reduce((s, x) => s + x.n, 0);
  const k = fits.reduce((s, x) => s + (x.best?.k ?? 0), 0);
  const fit =
    k === n ? 'all fit' : `${k.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} looked at fit`;
  const columns = fits.map((x) => `\`${x.field}\` in column ${columnsOf(profile, x.field)}`).join(', ');
  // docs/profiles.md: `%S` reads seconds with a fraction or without, so the fraction needs no format of its own.
  const fraction =
    f.includes('%S') && !f.includes('%S.%f') && fits.some((x) => /:[0-9]{2}[.][0-9]+/.test(x.example))
      ? ' (`%S` reads their fractions of a second too)'
      : '';
  const line = `format: ${f === 'iso8601' ? f : `'${f.replaceAll("'", "''")}'`}`;
  const either = fits.every((x) => x.either === first.either) ? eitherNote(first) : '';
  const utc = fits.every((x) => labelledUtcNote(x) !== '') ? labelledUtcNote(first) : '';
  return ` The refused times of ${fits.length} fields (${columns}) ${fit} \`${f}\`${fraction}, and none of them was read under \`${profile.timestamps.format}\`: set the profile's \`timestamps.format\` to \`${f}\`, one line for every field (\`${line}\` under \`timestamps:\`), and ingest again.${utc}${either}`;
}

/** One field's sentence when fields are judged one by one; `useful` when it says more than "fits nothing". */
function fieldAdvice(
  profile: Profile,
  x: FieldFit,
  read: number,
  dayFirst: boolean,
  lost: boolean,
): { text: string; useful: boolean } {
  const refused = `The refused \`${x.field}\` times (column ${columnsOf(profile, x.field)})`;
  if (lost && x.best && x.best.k >= 0.9 * x.n && !readsOffset(x.best.f))
    return { text: offsetsAdvice(refused, x.best.f), useful: true };
  const unit = epochUnit(x);
  if (unit)
    return {
      text: `${refused} ${epochAdvice(unit)}.`,
      useful: true,
    };
  const { best, n } = x;
  if (!best || best.k < 0.9 * n) {
    // The reason of each row already says so of a spreadsheet's date number: repeated here, for this field.
    if (x.serial >= 0.9 * n)
      return {
        text: `${refused} fit no format: they look like a spreadsheet's date number (\`${x.example}\`): format the column as a date and time in the spreadsheet and save the CSV again.`,
        useful: true,
      };
    return {
      text: `${refused} fit none of the formats safegap knows (\`${x.example}\`, refused by \`${formatOf(profile, x.field)}\`): write them in a format docs/profiles.md names.`,
      useful: false,
    };
  }
  // "All" only of the whole of that field's sample.
  const fit = `${refused}${best.k === n ? ' all' : `: ${best.k.toLocaleString('en-US')} of the first ${n.toLocaleString('en-US')}`} fit \`${best.f}\``;
  // Beside a time read with an offset, a stage without one is the export's own clock under utc_is_local
  // (tester 284), or a spreadsheet's re-save of one with an offset (tester 391): which, only the file says.
  const asWritten =
    profile.timestamps.clock === 'utc_is_local' && !readsOffset(best.f)
      ? ` Under \`clock: utc_is_local\` that format reads them as the city's clock as written: right if the export wrote them so, hours early if a spreadsheet's re-save dropped their UTC offsets (check one against another time of its call; docs/profiles.md, "Clocks").`
      : '';
  const give = `give that field its own format, \`${specWith(profile, x.field, best.f)}\`${asWritten ? `.${asWritten.slice(0, -1)}` : ''}`;
  if (dayFirst)
    return {
      text: `${fit}, and so do that column's times that loaded (their second number is 12 or less, so they read either way): the column may be day first throughout, its days up to the 12th read month first: ${give}.`,
      useful: true,
    };
  if (read === 0)
    return {
      text: `${fit}, and none of them was read: ${give}.${labelledUtcNote(x)}${eitherNote(x)}`,
      useful: true,
    };
  return {
    text: `${fit}, but ${read.toLocaleString('en-US')} of that column's times read under \`${formatOf(profile, x.field)}\`: the column mixes two formats, and a profile reads one for a field. Write every time of the column in one format (in a spreadsheet, format the column as a date and time and save again), or, if they are all in \`${best.f}\`, ${give}.`,
    useful: true,
  };
}

/** The refused times of each time field, judged on its own first SAMPLE, in the profile's order of fields. */
async function refusedByField(conn: DuckDBConnection, file: string, profile: Profile): Promise<FieldFit[]> {
  // Each problem of a row's reason (joined by `; ` in src/sources/profile-sql.ts) that is a time its format
  // does not read: the first alone pooled every field's times with the received time's (tester 284).
  // An ISO-8601 column's too (tester 247: ISO times with `Z` mixed with `10/1/2022 12:04:00 AM` got no hint
  // under either format); not a time of its look that is none (`T24:00`, an offset no zone has).
  const refused = literal(
    '^([a-z_]+) time: (.*?) (?:does not match format |does not match an ISO-8601 time)',
  );
  // %Y reads `22` as the year 22: `%d/%m/%Y` was advised for `13/10/22 00:04`, and refused every row
  // (tester 228). A format fits a value only where the year it gives has four digits, as in profile init.
  const rows = await queryRows<Record<string, number> & { field: string; example: string }>(
    conn,
    `WITH parts AS (
       SELECT source_row, unnest(string_split(reason, '; ')) AS p FROM quarantine WHERE source_file = ${literal(file)}
     ), refused AS (
       SELECT source_row, regexp_extract(p, ${refused}, 1) AS field, regexp_extract(p, ${refused}, 2) AS v
       FROM parts WHERE regexp_matches(p, ${refused})
       QUALIFY row_number() OVER (PARTITION BY field ORDER BY source_row) <= ${SAMPLE}
     )
     SELECT field, count(*)::DOUBLE AS n, arg_min(v, source_row) AS example,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{8,9}([.][0-9]+)?'))::DOUBLE AS epoch,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{11,12}([.][0-9]+)?'))::DOUBLE AS epoch_ms,
       count(*) FILTER (WHERE regexp_matches(trim(v), '(?i)(z|[+-]00(:?00)?)$'))::DOUBLE AS utc,
       count(*) FILTER (WHERE regexp_full_match(trim(v), ${literal(SERIAL)}))::DOUBLE AS serial,
       ${FORMATS.map((f, i) => `count(*) FILTER (WHERE ${f === 'iso8601' ? `regexp_full_match(trim(v), ${literal(ISO_WITH_OFFSET)})` : `year(try_strptime(trim(v), ${strptimeFormats(f)})) >= 1000`})::DOUBLE AS f${i}`).join(', ')}
     FROM refused GROUP BY field`,
  );
  const order = Object.keys(profile.times);
  return rows
    .map((r) => ({
      field: r.field,
      n: r.n ?? 0,
      epoch: r.epoch ?? 0,
      epoch_ms: r.epoch_ms ?? 0,
      utc: r.utc ?? 0,
      serial: r.serial ?? 0,
      example: String(r.example),
      ...bestOf(FORMATS.map((f, i) => ({ f, k: r[`f${i}`] ?? 0 }))),
    }))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The format that reads the most values, and its other order of day and month when that reads as many. */
function bestOf(scores: { f: string; k: number }[]): Pick<FieldFit, 'best' | 'either'> {
  const best = [...scores].sort((a, b) => b.k - a.k)[0];
  const other = best && scores.find((x) => x.f === swapDayMonth(best.f) && x.f !== best.f);
  return { best, ...(best && best.k > 0 && other?.k === best.k ? { either: other.f } : {}) };
}

/** The advice for refused times without an offset whose format `clock: utc_is_local` would be refused with. */
const offsetsAdvice = (refused: string, f: string) =>
  `${refused} have no UTC offset (they fit \`${f}\`), and \`clock: utc_is_local\` reads each time's UTC reading as the city's clock, which needs its offset: read as written, every call would be hours early (4-5 in New York), and a spreadsheet's re-save of an export writes its times so, without their offsets. Rather than change the format, ${UTC_IS_LOCAL_FIX}`;

/** What a column of epoch times is and what to do with it, said for the file or for one field. */
const epochAdvice = (unit: string) =>
  `look like Unix epoch ${unit} (a count of ${unit} since 1970), which no format reads: write them as dates and times in the export (or convert the column first)`;

function epochUnit(x: FieldFit): 'seconds' | 'milliseconds' | undefined {
  return x.epoch >= 0.9 * x.n ? 'seconds' : x.epoch_ms >= 0.9 * x.n ? 'milliseconds' : undefined;
}

/**
 * Times labelled UTC are often the city's clock (open-data portals write them so): read as UTC they are
 * hours off, with no word (tester 252: `+00` times, told "set iso8601", were read six hours early).
 */
function labelledUtcNote(x: FieldFit): string {
  return x.best?.f === 'iso8601' && x.utc >= 0.9 * x.n
    ? " If they are the city's clock labelled UTC, as open-data portals often write it (check one call against a time you know), set `clock: utc_is_local` as well (docs/profiles.md)."
    : '';
}

function specOf(profile: Profile, field: string): TimeSpec | undefined {
  const spec = (profile.times as Record<string, string | TimeSpec | undefined>)[field];
  return spec === undefined ? undefined : typeof spec === 'string' ? { column: spec } : spec;
}
function ownFormat(profile: Profile, field: string): string | undefined {
  return specOf(profile, field)?.format;
}
function secondsAfter(profile: Profile, field: string): boolean {
  return specOf(profile, field)?.seconds_after !== undefined;
}
function formatOf(profile: Profile, field: string): string {
  return ownFormat(profile, field) ?? profile.timestamps.format;
}
/** The columns of a field as the reasons name them. */
function columnsOf(profile: Profile, field: string): string {
  const s = specOf(profile, field);
  if (!s) return '?';
  const cols = (c: string | string[]) => (Array.isArray(c) ? c.join(' / ') : c);
  return `${cols(s.column)}${s.time_column ? ` with ${cols(s.time_column)}` : ''}`;
}

/** The field's line of `times:` with a format of its own, in docs/profiles.md's `{ column: X, format: ... }`. */
function specWith(profile: Profile, field: string, format: string): string {
  const s = specOf(profile, field) ?? { column: field };
  const scalar = (v: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? v : `'${v.replaceAll("'", "''")}'`);
  const value = (v: string | string[]) => (Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : scalar(v));
  const parts = [`column: ${value(s.column)}`];
  if (s.time_column) parts.push(`time_column: ${value(s.time_column)}`);
  parts.push(`format: ${scalar(format)}`);
  return `${field}: { ${parts.join(', ')} }`;
}

/** The pass-1 columns, or none when there are no pass-1 rows to look at. */
async function pass1Names(conn: DuckDBConnection): Promise<Set<string>> {
  try {
    return new Set(
      (await queryRows<{ c: string }>(conn, 'SELECT column_name AS c FROM (DESCRIBE p1)')).map((x) => x.c),
    );
  } catch {
    return new Set();
  }
}

/**
 * The pass-1 column of a field (src/sources/profile-sql.ts, pass1Column): a local time as written, or an
 * instant whose UTC reading is the time as written under the format.
 */
function pass1Of(field: string, have: Set<string>): { col: string; day: string } | undefined {
  if (have.has(`${field}_local`)) return { col: `"${field}_local"`, day: `day("${field}_local")` };
  if (have.has(`${field}_utc`)) return { col: `"${field}_utc"`, day: `day(timezone('UTC', "${field}_utc"))` };
  return undefined;
}

/** How many of the file's rows each time field read. */
async function timesRead(
  conn: DuckDBConnection,
  file: string,
  profile: Profile,
  have: Set<string>,
): Promise<Map<string, number>> {
  const cols = Object.keys(profile.times).flatMap((f) => {
    const p = pass1Of(f, have);
    return p ? [{ f, col: p.col }] : [];
  });
  if (!cols.length) return new Map();
  const [r] = await queryRows<Record<string, number>>(
    conn,
    `SELECT ${cols.map((c, i) => `count(${c.col})::DOUBLE AS c${i}`).join(', ')} FROM p1 WHERE source_file = ${literal(file)}`,
  );
  return new Map(cols.map((c, i) => [c.f, Number(r?.[`c${i}`] ?? 0)]));
}

/**
 * Whether `suggested` is the field's own format with the day and month the other way round, and every time
 * of the field that did read would read that way too (its day is 12 or less). Day-first times under a
 * month-first format load up to the 12th of each month and are refused after: "the column mixes two formats"
 * was said of a column day first in every row (tester 228).
 */
async function dayFirstThroughout(
  conn: DuckDBConnection,
  file: string,
  field: string,
  current: string,
  suggested: string,
  have: Set<string>,
): Promise<boolean> {
  const swapped = swapDayMonth(suggested);
  if (swapped === suggested || swapped !== current) return false;
  const p = pass1Of(field, have);
  if (!p) return false;
  const [r] = await queryRows<{ late: number }>(
    conn,
    `SELECT count(*) FILTER (WHERE ${p.day} > 12)::DOUBLE AS late FROM p1 WHERE source_file = ${literal(file)}`,
  );
  return r !== undefined && Number(r.late) === 0;
}
