/**
 * Whether a file's times written in UTC (`Z`, `+00:00`) are the city's clock labelled UTC, when the file's
 * other times have no offset and `clock: local` reads them as the local clock. An `iso8601` value with an
 * offset is a true instant under `local`, so a `2022-10-01T00:04:00Z` pickup beside an arrival written
 * `10/01/2022 00:17:00` put five hours on every Minneapolis response time, in silence (tester 284). The two
 * readings are told apart by the time between the stages: minutes under one, hours under the other.
 * Read from the first rows of each file, as written; said as a warning, since the rows are valid.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { strptimeFormats, type CompiledProfile } from '../sources/profile-sql.js';
import type { Profile } from '../sources/profile-schema.js';
import type { FileInfo } from '../sources/inspect-file.js';
import { queryRows } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { checkedRelation } from './zone-check.js';

/** Rows read per pair of columns. */
const SAMPLE = 2_000;
/** Pairs of values needed for a median worth a warning. */
const ENOUGH = 20;
const HOUR = 3_600;

const UTC_MARK = String.raw`(?i) ?(z|[+-]00(:?00)?)$`;

/** `s` seconds as a person reads a gap between two stages. */
const gap = (s: number) =>
  Math.abs(s) < HOUR ? `${Math.round(s / 60)} min` : `${(Math.round((s / HOUR) * 10) / 10).toString()} h`;

export async function utcLabelWarnings(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
  compiled: CompiledProfile,
): Promise<string[]> {
  if (profile.timestamps.clock !== 'local') return [];
  // Times of one column each: a date with its time in another column is left to the zone check.
  const single = compiled.times.filter((t) => {
    const spec = profile.times[t.field];
    return (
      t.format !== 'seconds' &&
      t.columns.length === 1 &&
      !(typeof spec === 'object' && spec.time_column !== undefined) &&
      (info.kind !== 'csv' || info.header.includes(t.columns[0]!))
    );
  });
  const labelled = single.filter((t) => t.format === 'iso8601');
  const naive = single.filter((t) => t.format !== 'iso8601');
  if (!labelled.length || !naive.length) return [];
  const from = checkedRelation(info, profile);
  const warnings: string[] = [];
  for (const l of labelled) {
    const lv = `trim(CAST(${ident(l.columns[0]!)} AS VARCHAR))`;
    // The first rows only, then those labelled UTC: a file with other offsets must not be read to its end.
    const sample = `SELECT ${lv} AS l, ${naive
      .map(
        (t, i) =>
          `try_strptime(trim(CAST(${ident(t.columns[0]!)} AS VARCHAR)), ${strptimeFormats(t.format)}) AS t${i}`,
      )
      .join(', ')} FROM ${from} LIMIT ${SAMPLE}`;
    const stats = naive
      .map(
        (_, i) =>
          `count(t${i})::DOUBLE AS n${i},
           median(epoch(t${i}) - epoch(try_cast(regexp_replace(l, ${literal(UTC_MARK)}, '') AS TIMESTAMP)))::DOUBLE AS clock${i},
           median(epoch(t${i}) - epoch(timezone(${literal(profile.time_zone)}, try_cast(l AS TIMESTAMPTZ))))::DOUBLE AS zone${i}`,
      )
      .join(', ');
    let row: Record<string, number | null> | undefined;
    try {
      [row] = await queryRows<Record<string, number | null>>(
        conn,
        `SELECT ${stats} FROM (${sample})
         WHERE regexp_matches(l, ${literal(UTC_MARK)}) AND try_cast(l AS TIMESTAMPTZ) IS NOT NULL`,
      );
    } catch {
      continue; // a column the file lacks, or a value of another type, is refused by the read itself
    }
    const pairs = naive.flatMap((t, i) => {
      const [n, clock, zone] = [row?.[`n${i}`] ?? 0, row?.[`clock${i}`], row?.[`zone${i}`]];
      return n >= ENOUGH && typeof clock === 'number' && typeof zone === 'number'
        ? [{ field: t.field, column: t.columns[0]!, n, clock, zone }]
        : [];
    });
    // Every stage nearer under the UTC reading, and one within the hour that is an hour or more away read
    // as an instant: one nearer read as an instant (a queue a minute after a true UTC pickup) says the UTC
    // is true, whatever a clearance hours later says.
    if (pairs.some((x) => Math.abs(x.clock) > Math.abs(x.zone))) continue;
    const p = pairs
      .filter((x) => Math.abs(x.clock) < HOUR && Math.abs(x.zone) >= HOUR)
      .sort((a, b) => Math.abs(a.clock) - Math.abs(b.clock))[0];
    if (!p) continue;
    warnings.push(
      `${info.name}: the ${l.field} times (column ${l.columns[0]}) are written in UTC (\`Z\` or +00:00), the ${p.field} times (column ${p.column}) with no offset, which \`clock: local\` reads as the city's clock: read so, ${p.field} comes ${gap(p.zone)} after ${l.field} (the median of ${p.n.toLocaleString('en-US')} calls), but ${gap(p.clock)} if the UTC times are the city's clock labelled UTC, as open-data portals and spreadsheets often write it. If they are (check one call against a time you know), set \`clock: utc_is_local\` in the profile and ingest again: as read, every interval between these times is off by hours (docs/profiles.md).`,
    );
  }
  return warnings;
}
