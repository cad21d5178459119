/**
 * What the times of a refused file's quarantined rows are, when no profile can read them as it stands: a
 * second format in the same column (every other row with seconds, tester 198), or Unix epoch seconds, which
 * no strptime format reads. "Fix the profile" was the advice for both, and no profile could.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { TIME_FORMATS } from '../sources/init-profile.js';
import { queryRows } from '../store/duckdb.js';
import { literal } from '../util/sql.js';

/** Refused values looked at. */
const SAMPLE = 200;

/** The formats a refused time may fit: profile init's, and `iso8601` for a time with a UTC offset or `Z`. */
const FORMATS = [...TIME_FORMATS, 'iso8601'];
const ISO_WITH_OFFSET =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)';

export async function timeFormatHint(conn: DuckDBConnection, file: string): Promise<string> {
  // The first problem of a row's reason, when it is a time its format does not read (the words of src/sources/profile-sql.ts).
  // An ISO-8601 column's too (tester 247: ISO times with `Z` mixed with `10/1/2022 12:04:00 AM` got no hint
  // under either format); not a time of its look that is none (`T24:00`, an offset no zone has).
  const refused = `'^[a-z_ ]+ time: (.*?) (?:does not match format |does not match an ISO-8601 time)'`;
  const values = `(SELECT regexp_extract(reason, ${refused}, 1) AS v
    FROM quarantine WHERE source_file = ${literal(file)} AND regexp_matches(reason, ${refused})
    ORDER BY source_row LIMIT ${SAMPLE})`;
  // %Y reads `22` as the year 22: `%d/%m/%Y` was advised for `13/10/22 00:04`, and refused every row
  // (tester 228). A format fits a value only where the year it gives has four digits, as in profile init.
  const [r] = await queryRows<Record<string, number>>(
    conn,
    `SELECT count(*)::DOUBLE AS n,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{8,9}([.][0-9]+)?'))::DOUBLE AS epoch,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{11,12}([.][0-9]+)?'))::DOUBLE AS epoch_ms,
       count(*) FILTER (WHERE regexp_matches(trim(v), '(?i)(z|[+-]00(:?00)?)$'))::DOUBLE AS utc,
       ${FORMATS.map((f, i) => `count(*) FILTER (WHERE ${f === 'iso8601' ? `regexp_full_match(trim(v), ${literal(ISO_WITH_OFFSET)})` : `year(try_strptime(trim(v), ${literal(f)})) >= 1000`})::DOUBLE AS f${i}`).join(', ')}
     FROM ${values}`,
  );
  const n = r?.n ?? 0;
  if (n === 0) return '';
  // Thirteen digits are milliseconds (tester 200: read as seconds, 1641017269000 is in the year 53970).
  for (const [k, unit] of [
    ['epoch', 'seconds'],
    ['epoch_ms', 'milliseconds'],
  ] as const)
    if ((r?.[k] ?? 0) >= 0.9 * n)
      return ` The refused times look like Unix epoch ${unit} (a count of ${unit} since 1970), which no format reads: write them as dates and times in the export (or convert the column first) and ingest again.`;
  const best = FORMATS.map((f, i) => ({ f, k: r?.[`f${i}`] ?? 0 })).sort((a, b) => b.k - a.k)[0];
  if (!best || best.k < 0.9 * n) return '';
  // Times labelled UTC are often the city's clock (open-data portals write them so): read as UTC they
  // are hours off, with no word (tester 252: `+00` times, told "set iso8601", were read six hours early).
  const labelledUtc =
    best.f === 'iso8601' && (r?.utc ?? 0) >= 0.9 * n
      ? " If they are the city's clock labelled UTC, as open-data portals often write it (check one call against a time you know), set `clock: utc_is_local` as well (docs/profiles.md)."
      : '';
  const fit = `${best.k === n ? 'All' : `${best.k.toLocaleString('en-US')} of the first ${n.toLocaleString('en-US')}`} of the refused times fit \`${best.f}\` instead`;
  if (await dayFirstThroughout(conn, file, best.f))
    return ` ${fit}, and so do the times that loaded (their second number is 12 or less, so they read either way): the column may be day first throughout, its days up to the 12th read month first. Set the profile's format to \`${best.f}\` and ingest again.`;
  // No row of the file read: the column is in that format throughout, and the profile's is wrong (tester
  // 250: a uniform column was said to mix two formats).
  const [read] = await queryRows<{ n: number }>(
    conn,
    `SELECT count(*)::DOUBLE AS n FROM p1 WHERE source_file = ${literal(file)} AND problems IS NULL`,
  );
  if ((read?.n ?? 0) === 0)
    return ` ${fit}, and no row of the file was read: set the profile's format to \`${best.f}\` and ingest again.${labelledUtc}`;
  return ` ${fit}: the column mixes two formats, and a profile reads one. Write every time in one format (in a spreadsheet, format the column as a date and time and save again) and ingest again.`;
}

/**
 * Whether `suggested` is the profile's own format of the refused times with the day and month the other way
 * round, and every time the profile did read would read that way too (its day is 12 or less). Day-first
 * times under a month-first format load up to the 12th of each month and are refused after: "the column
 * mixes two formats" was said of a column day first in every row (tester 228).
 */
async function dayFirstThroughout(conn: DuckDBConnection, file: string, suggested: string): Promise<boolean> {
  const swapped = suggested.includes('%m/%d')
    ? suggested.replace('%m/%d', '%d/%m')
    : suggested.replace('%d/%m', '%m/%d');
  if (swapped === suggested) return false;
  // The field and the format of each refusal, in the words of src/sources/profile-sql.ts.
  const refusals = await queryRows<{ field: string; format: string }>(
    conn,
    `SELECT DISTINCT regexp_extract(reason, '^([a-z_]+) time: ', 1) AS field,
       regexp_extract(reason, '^[a-z_]+ time: .*? does not match format (.*?)(: | [(]column )', 1) AS format
     FROM quarantine WHERE source_file = ${literal(file)} AND regexp_matches(reason, '^[a-z_]+ time: .*? does not match format ')`,
  );
  if (!refusals.length || refusals.some((x) => x.format !== swapped)) return false;
  try {
    const have = new Set(
      (await queryRows<{ c: string }>(conn, 'SELECT column_name AS c FROM (DESCRIBE p1)')).map((x) => x.c),
    );
    // The pass-1 columns of those fields (src/sources/profile-sql.ts, pass1Column): a local time as written,
    // or an instant whose UTC reading is the time as written under the format.
    const days = refusals.flatMap(({ field }) =>
      have.has(`${field}_local`)
        ? [`day("${field}_local")`]
        : have.has(`${field}_utc`)
          ? [`day(timezone('UTC', "${field}_utc"))`]
          : [],
    );
    if (days.length !== refusals.length) return false;
    const [r] = await queryRows<{ late: number }>(
      conn,
      `SELECT count(*) FILTER (WHERE ${days.map((d) => `${d} > 12`).join(' OR ')})::DOUBLE AS late
       FROM p1 WHERE source_file = ${literal(file)}`,
    );
    return r !== undefined && Number(r.late) === 0;
  } catch {
    // No pass-1 rows to look at: the refused times alone cannot tell.
    return false;
  }
}
