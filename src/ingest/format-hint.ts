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

export async function timeFormatHint(conn: DuckDBConnection, file: string): Promise<string> {
  // The first problem of a row's reason, when it is a time its format does not read (the words of src/sources/profile-sql.ts).
  const refused = `'^[a-z_ ]+ time: (.*?) does not match format '`;
  const values = `(SELECT regexp_extract(reason, ${refused}, 1) AS v
    FROM quarantine WHERE source_file = ${literal(file)} AND regexp_matches(reason, ${refused})
    ORDER BY source_row LIMIT ${SAMPLE})`;
  const [r] = await queryRows<Record<string, number>>(
    conn,
    `SELECT count(*)::DOUBLE AS n,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{8,9}([.][0-9]+)?'))::DOUBLE AS epoch,
       count(*) FILTER (WHERE regexp_full_match(trim(v), '[1-9][0-9]{11,12}([.][0-9]+)?'))::DOUBLE AS epoch_ms,
       ${TIME_FORMATS.map((f, i) => `count(*) FILTER (WHERE try_strptime(trim(v), ${literal(f)}) IS NOT NULL)::DOUBLE AS f${i}`).join(', ')}
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
  const best = TIME_FORMATS.map((f, i) => ({ f, k: r?.[`f${i}`] ?? 0 })).sort((a, b) => b.k - a.k)[0];
  if (!best || best.k < 0.9 * n) return '';
  return ` ${best.k === n ? 'All' : `${best.k.toLocaleString('en-US')} of the first ${n.toLocaleString('en-US')}`} of the refused times fit \`${best.f}\` instead: the column mixes two formats, and a profile reads one. Write every time in one format (in a spreadsheet, format the column as a date and time and save again) and ingest again.`;
}
