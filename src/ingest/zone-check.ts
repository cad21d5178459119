/**
 * Whether the offsets a file writes on its times fit the profile's time zone (src/time/offset-zones.ts):
 * a wrong zone moves every local time by whole hours against the instants, which no other check sees.
 * Read from the first rows of each file, as written; said as a warning, since the rows are valid. Under
 * `utc_is_local` too: the export converted its local clock with the zone's offsets, which a wrong zone
 * contradicts all the same (Burlington's -05:00 and -04:00 are New York's).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledProfile } from '../sources/profile-sql.js';
import type { Profile } from '../sources/profile-schema.js';
import type { FileInfo } from '../sources/inspect-file.js';
import { queryRows } from '../store/duckdb.js';
import { contradicts, offsetFit } from '../time/offset-zones.js';
import { ident, literal } from '../util/sql.js';
import { csvRead } from './read-file.js';

/** Values read per column: enough to see both offsets of a zone with daylight saving in most exports. */
const SAMPLE = 2_000;

/**
 * A file as the checks that read its first rows take it: a Parquet file by its schema, a CSV as ingest reads
 * it, rows it refuses skipped (ingest refuses them itself, with its own message).
 */
export function checkedRelation(info: FileInfo, profile: Profile): string {
  return info.kind === 'parquet'
    ? `read_parquet(${literal(info.path)})`
    : csvRead(info, profile, 'ignore_errors = true');
}

export async function zoneWarnings(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
  compiled: CompiledProfile,
): Promise<string[]> {
  // A Parquet file's columns are known from its schema, not a header (tester 121: never checked).
  const from = checkedRelation(info, profile);
  const warnings: string[] = [];
  for (const t of compiled.times) {
    if (t.format !== 'iso8601' || t.columns.length !== 1) continue;
    // A date with its time of day in a column of its own is read as "date time", the offset on the time.
    const spec = profile.times[t.field];
    const timeColumn =
      typeof spec === 'object' && typeof spec.time_column === 'string' ? spec.time_column : undefined;
    const named = [t.columns[0]!, ...(timeColumn ? [timeColumn] : [])];
    if (info.kind === 'csv' && !named.every((c) => info.header.includes(c))) continue;
    const value = named.map((c) => `trim(CAST(${ident(c)} AS VARCHAR))`).join(` || ' ' || `);
    let values: { v: string }[];
    try {
      values = await queryRows<{ v: string }>(
        conn,
        `SELECT ${value} AS v FROM ${from} WHERE ${named.map((c) => `${ident(c)} IS NOT NULL`).join(' AND ')} LIMIT ${SAMPLE}`,
      );
    } catch {
      continue; // a column the file lacks is refused by the read itself, with its own message
    }
    const fit = offsetFit(
      values.map((r) => r.v),
      profile.time_zone,
    );
    if (!contradicts(fit)) continue;
    warnings.push(
      `${info.name}: the ${t.field} times (column ${named.join(' with ')}) are written with UTC offsets ${fit.offsets.join(', ')}, which the profile's time zone ${profile.time_zone} does not have at ${fit.misfits} of the ${fit.sampled} of them read${
        fit.fitting.length ? `; they fit ${fit.fitting.join(', ')}` : ''
      }. If the zone is wrong, ${
        profile.timestamps.clock === 'utc_is_local'
          ? // The local clock is the UTC reading whatever the zone; the instants made from it are what move (tester 151).
            "the local hours, weekdays and days are still right (under `clock: utc_is_local` they are the values' UTC reading), but every instant the store gives these calls is off by whole hours, so calls of another source are not matched in time with them, and the hours the clocks change are those of the wrong zone"
          : "every local hour, weekday and day the store gives these calls is off by whole hours, and so is every interval between these times and the file's times without an offset"
      }: set \`time_zone\` in the profile${fit.fitting.length ? ` (${fit.fitting[0]}?)` : " to the city's IANA zone"} and ingest again.`,
    );
  }
  return warnings;
}
