/**
 * Pass 2's SELECT: loaded pass-1 rows to canonical calls. Local times become UTC instants through the zone's
 * segments (docs/time.md); calls are flagged for DST hours and for negative or implausible intervals.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledProfile } from '../sources/profile-sql.js';
import { TIME_FIELDS } from '../sources/profile-sql.js';
import type { Profile } from '../sources/profile-schema.js';
import { CALL_COLUMN_NAMES } from '../store/calls-schema.js';
import { queryRows } from '../store/duckdb.js';
import { INTERVALS, intervalSecondsSql, sourceStages } from '../time/intervals.js';
import { localSegments, segmentCaseSql, SEGMENT_KIND_CODE } from '../time/zone-transitions.js';
import { literal } from '../util/sql.js';

/** Added to a UTC offset in minutes (at most 14 hours either way) to make it non-negative. */
const OFFSET_BIAS = 2048;

/**
 * Define the zone macro `sg_zone(local)` for the span of local times in `from`: one number per local time
 * that holds both the zone's offset and the kind of segment it falls in, (offset + OFFSET_BIAS) * 4 + kind,
 * so that each time stamp walks the segment tree once rather than twice.
 */
async function defineZoneMacro(conn: DuckDBConnection, profile: Profile, fields: string[], from: string) {
  const cols = fields.map((f) => `${f}_local`).join(', ');
  // As numbers, not text: DuckDB writes a year past 9999 in a form JavaScript cannot parse, and a span
  // that did not parse turned the DST lookup off for the whole file. (Pass 1 now keeps every time within
  // YEARS of profile-sql.ts, which also keeps the lookup short.)
  const [b] = await queryRows<{ lo: number | null; hi: number | null }>(
    conn,
    `SELECT epoch_ms(min(least(${cols})))::DOUBLE lo, epoch_ms(max(greatest(${cols})))::DOUBLE hi FROM ${from}`,
  );
  const ms = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isFinite(v) ? v : Date.UTC(2000, 0);
  const segs = localSegments(profile.time_zone, ms(b?.lo), ms(b?.hi));
  await conn.run(
    `CREATE OR REPLACE TEMP MACRO sg_zone(l) AS ${segmentCaseSql(
      segs,
      'l',
      (s) => (Math.round(s.offsetMinutes) + OFFSET_BIAS) * 4 + SEGMENT_KIND_CODE[s.kind],
    )}`,
  );
}

/**
 * The SELECT of canonical calls (CALL_COLUMN_NAMES, plus file_idx) from a relation of loaded pass-1 rows.
 * Each layer computes its expressions once: zone kinds, then instants, then flags.
 */
export async function canonicalSelect(
  conn: DuckDBConnection,
  profile: Profile,
  compiled: CompiledProfile,
  run: number,
  from: string,
): Promise<string> {
  const local = compiled.times.filter((t) => t.mode === 'local').map((t) => t.field);
  if (local.length) await defineZoneMacro(conn, profile, local, from);
  const zone = literal(profile.time_zone);
  const instantOf = (f: string): string => {
    const plan = compiled.times.find((t) => t.field === f);
    if (!plan) return 'NULL::TIMESTAMPTZ';
    if (plan.mode === 'instant') return `${f}_utc`;
    // A delay: the instant it counts from, plus the seconds, rounded to the microsecond.
    if (plan.mode === 'seconds')
      return `make_timestamptz(epoch_us(${instantOf(plan.after!)}) + CAST(round(${f}_secs * 1000000) AS BIGINT))`;
    // In whole microseconds: a cast from TIMESTAMP to TIMESTAMPTZ goes through the ICU calendar (about
    // 0.5 s per column at ten million rows), the arithmetic does not. Pass 1 lets no infinite time through,
    // so every value has an epoch.
    return `make_timestamptz(epoch_us(${f}_local) - (z_${f} // 4 - ${OFFSET_BIAS}) * 60000000::BIGINT)`;
  };
  const at = TIME_FIELDS.map((f) => `${instantOf(f)} AS ${f}_at`);
  const receivedInstant = compiled.times.find((t) => t.field === 'received')!.mode === 'instant';
  const kinds = local.map((f) => `sg_zone(${f}_local) AS z_${f}`);
  const anyKind = (code: number) =>
    local.length ? local.map((f) => `z_${f} % 4 = ${code}`).join(' OR ') : 'false';
  const maxSec = profile.timestamps.max_interval_hours * 3600;
  const anyInterval = (test: (e: string) => string) =>
    INTERVALS.map(
      (i) =>
        `coalesce(${test(intervalSecondsSql(i, sourceStages(i, profile.timestamps.received_is)))}, false)`,
    ).join(' OR ');
  const source = literal(profile.source);

  return `
    SELECT ${CALL_COLUMN_NAMES.join(', ')}, file_idx FROM (
      SELECT *, list_filter([
          CASE WHEN ${anyKind(1)} THEN 'dst_ambiguous' END,
          CASE WHEN ${anyKind(2)} THEN 'dst_gap' END,
          CASE WHEN ${anyInterval((e) => `${e} < 0`)} THEN 'negative_interval' END,
          CASE WHEN ${anyInterval((e) => `${e} > ${maxSec}`)} THEN 'implausible_interval' END
        ], f -> f IS NOT NULL) AS time_flags
      FROM (
        SELECT * EXCLUDE (received_local), ${at.join(', ')},
          ${receivedInstant ? `timezone(${zone}, received_utc)` : 'received_local'} AS received_local,
          ${source} || ':' || source_call_id AS call_id, ${source} AS source, ${zone} AS time_zone, ${run} AS ingest_run
        FROM (SELECT *${kinds.length ? `, ${kinds.join(', ')}` : ''}${receivedInstant ? ', NULL::TIMESTAMP AS received_local' : ''} FROM ${from})))`;
}
