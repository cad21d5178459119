/**
 * Whether the offsets a file writes on its times fit the profile's time zone (src/time/offset-zones.ts):
 * a wrong zone moves every local time by whole hours against the instants, which no other check sees.
 * Read from the first rows of each file, as written; said as a warning, since the rows are valid.
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

export async function zoneWarnings(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
  compiled: CompiledProfile,
): Promise<string[]> {
  // Values labelled UTC that are local times (`utc_is_local`) carry no offset of their own.
  if (profile.timestamps.clock === 'utc_is_local') return [];
  const from =
    info.kind === 'parquet'
      ? `read_parquet(${literal(info.path)})`
      : csvRead(info, profile, 'ignore_errors = true');
  const warnings: string[] = [];
  for (const t of compiled.times) {
    if (t.format !== 'iso8601' || t.columns.length !== 1 || !info.header.includes(t.columns[0]!)) continue;
    const column = t.columns[0]!;
    const values = await queryRows<{ v: string }>(
      conn,
      `SELECT CAST(${ident(column)} AS VARCHAR) AS v FROM ${from} WHERE ${ident(column)} IS NOT NULL LIMIT ${SAMPLE}`,
    );
    const fit = offsetFit(
      values.map((r) => r.v),
      profile.time_zone,
    );
    if (!contradicts(fit)) continue;
    warnings.push(
      `${info.name}: the ${t.field} times (column ${column}) are written with UTC offsets ${fit.offsets.join(', ')}, which the profile's time zone ${profile.time_zone} does not have at ${fit.misfits} of the ${fit.sampled} of them read${
        fit.fitting.length ? `; they fit ${fit.fitting.join(', ')}` : ''
      }. If the zone is wrong, every interval between a local time of the file and these instants is off by whole hours: set \`time_zone\` in the profile${fit.fitting.length ? ` (${fit.fitting[0]}?)` : ''} and ingest again.`,
    );
  }
  return warnings;
}
