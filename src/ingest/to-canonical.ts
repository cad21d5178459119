/**
 * Pass 2's SELECT: loaded pass-1 rows to canonical calls. Local times become UTC instants through the zone's
 * segments (docs/time.md); calls are flagged for DST hours and for negative or implausible intervals.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompiledProfile, TimePlan } from '../sources/profile-sql.js';
import { TIME_FIELDS } from '../sources/profile-sql.js';
import type { Profile } from '../sources/profile-schema.js';
import { textValueMaskedSql, textValuesGateSql } from '../sources/personal-values.js';
import { CALL_COLUMN_NAMES, CALL_COLUMNS } from '../store/calls-schema.js';
import { queryRows } from '../store/duckdb.js';
import { INTERVALS, intervalSecondsSql, sourceStages } from '../time/intervals.js';
import { localSegments, segmentCaseSql, SEGMENT_KIND_CODE } from '../time/zone-transitions.js';
import { literal } from '../util/sql.js';

/**
 * Stored text columns whose telephone numbers are masked (docs/schema.md, "What is never loaded"): every
 * one a person typed or a CAD wrote from what was typed, call types, priorities, dispositions, cancel
 * reasons, response plans, agencies and area labels (tester 235: a final type `Welfare Check per JOHN ...
 * 612-555-0179` and an area holding only `206-555-0500` reached the public report). Not the ids (a call's
 * number is no telephone's, and masking it would merge calls), names the profile gives (source, zone),
 * the rules' outcomes (from fixed lists), the file's name, nor the address, which has its own rules in
 * pass 1. A column added to the schema is masked unless it is named here.
 */
const NOT_TYPED = new Set([
  'call_id',
  'source',
  'source_call_id',
  'time_zone',
  'origin',
  'responder',
  'disposition_class',
  'block_address',
  'source_file',
]);
const TYPED_TEXT = CALL_COLUMNS.filter((c) => c.type === 'VARCHAR' && !NOT_TYPED.has(c.name)).map(
  (c) => c.name,
);

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
  // How far the second reading of a fall-back hour lies after the first; asked only of times in one.
  await conn.run(
    `CREATE OR REPLACE TEMP MACRO sg_fold(l) AS ${segmentCaseSql(segs, 'l', (s) =>
      s.kind === 'ambiguous' ? Math.round(s.offsetMinutes - s.laterOffsetMinutes!) : 0,
    )}`,
  );
}

/** No switch: every time of a fall-back hour read as the earlier instant. */
const NO_SWITCH = TIME_FIELDS.length;

/**
 * The stage from which a call's times in a fall-back hour are read as the later instant (docs/time.md):
 * the clock turns back once, so of a call's stages, those before some stage read the first time round and
 * those from it on the second. Of the places that turn can go, the one under which the call's clock moves
 * least wins: the sum of the steps from each stage's time to the next one's, forward or back (a step back
 * is a recording slip of a few minutes more often than a turned clock, so it weighs as its length, no
 * more); then the latest place (the earlier reading). As one number per place, least first: microseconds
 * moved, then 7 - place. `at(f, later)` is a field's time in microseconds, read the second time round or
 * not; `foldStage` gives the stage whose reading a field follows, for the fields that can be read so.
 */
function switchStageSql(
  fields: string[],
  foldStage: Map<string, number>,
  at: (f: string, later: boolean) => string,
  ambiguous: string,
): string {
  const places = [...new Set([...foldStage.values(), NO_SWITCH])];
  const keys = places.map((p) => {
    const t = fields.map((f) => at(f, (foldStage.get(f) ?? NO_SWITCH) >= p));
    // Each time's step to the next time the call has (a stage may be missing).
    const steps = t.slice(0, -1).map((ti, i) => {
      const next = t.slice(i + 1);
      return `coalesce(abs(${next.length > 1 ? `coalesce(${next.join(', ')})` : next[0]} - ${ti}), 0)`;
    });
    // In microseconds: six steps of at most 130 years, times 8, fit a BIGINT (to the millisecond, two
    // places 0.8 ms apart were taken as equal, tester 89).
    return `(${steps.length ? steps.join(' + ') : '0'}) * 8 + ${NO_SWITCH - p}`;
  });
  return `CASE WHEN ${ambiguous} THEN ${NO_SWITCH} - least(${keys.join(', ')}) % 8 ELSE ${NO_SWITCH} END`;
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
  const plans = new Map<string, TimePlan>(compiled.times.map((t) => [t.field, t]));
  // Each time as microseconds since the epoch, a time of a fall-back hour read the first time round, and
  // the field whose fall-back reading it follows (a delay follows the time it counts from).
  const earlierUs = (f: string): string => {
    const plan = plans.get(f)!;
    if (plan.mode === 'instant') return `epoch_us(${f}_utc)`;
    // A delay: the time it counts from, plus the seconds, rounded to the microsecond.
    if (plan.mode === 'seconds')
      return `(${earlierUs(plan.after!)} + CAST(round(${f}_secs * 1000000) AS BIGINT))`;
    // In whole microseconds: a cast from TIMESTAMP to TIMESTAMPTZ goes through the ICU calendar (about
    // 0.5 s per column at ten million rows), the arithmetic does not. Pass 1 lets no infinite time through,
    // so every value has an epoch.
    return `(epoch_us(${f}_local) - (z_${f} // 4 - ${OFFSET_BIAS}) * 60000000::BIGINT)`;
  };
  const foldsWith = (f: string): string | null => {
    const plan = plans.get(f)!;
    return plan.mode === 'local' ? f : plan.mode === 'seconds' ? foldsWith(plan.after!) : null;
  };
  const mapped: string[] = TIME_FIELDS.filter((f) => plans.has(f));
  // Each field that can be read the second time round: the local time it follows.
  const foldOf = new Map(mapped.flatMap((f) => (foldsWith(f) ? [[f, foldsWith(f)!] as const] : [])));
  const foldStage = new Map([...foldOf].map(([f, by]) => [f, mapped.indexOf(by)]));
  const usAt = (f: string, later: boolean): string =>
    later && foldOf.has(f) ? `(sg_e_${f} + sg_d_${foldOf.get(f)})` : `sg_e_${f}`;
  const at = TIME_FIELDS.map((f) => {
    if (!plans.has(f)) return `NULL::TIMESTAMPTZ AS ${f}_at`;
    const us = foldOf.has(f)
      ? `sg_e_${f} + CASE WHEN sg_switch <= ${foldStage.get(f)} THEN sg_d_${foldOf.get(f)} ELSE 0 END`
      : `sg_e_${f}`;
    return `make_timestamptz(${us}) AS ${f}_at`;
  });
  const receivedInstant = compiled.times.find((t) => t.field === 'received')!.mode === 'instant';
  const kinds = local.map((f) => `sg_zone(${f}_local) AS z_${f}`);
  const anyKind = (code: number) =>
    local.length ? local.map((f) => `z_${f} % 4 = ${code}`).join(' OR ') : 'false';
  const earlier = mapped.map((f) => `${earlierUs(f)} AS sg_e_${f}`);
  const folds = local.map(
    (f) => `CASE WHEN z_${f} % 4 = 1 THEN sg_fold(${f}_local) * 60000000::BIGINT ELSE 0 END AS sg_d_${f}`,
  );
  const switchStage = local.length ? switchStageSql(mapped, foldStage, usAt, anyKind(1)) : String(NO_SWITCH);
  const maxSec = profile.timestamps.max_interval_hours * 3600;
  const anyInterval = (test: (e: string) => string) =>
    INTERVALS.map(
      (i) =>
        `coalesce(${test(intervalSecondsSql(i, sourceStages(i, profile.timestamps.received_is)))}, false)`,
    ).join(' OR ');
  const source = literal(profile.source);
  // Masked after the rules, which read the values as the export wrote them; only in the rows whose text
  // may hold a number (textValuesGateSql). A field read with `digits_only` was masked in pass 1, before that
  // normaliser took a number's shape away (profile-sql.ts, TAKES_SHAPE; tester 238). With them e-mail
  // addresses, social security numbers, dates of birth and licence numbers (tester 241), and a street
  // address's house number, at block level (tester 297; the gate lets a number before a street type through).
  const masked = TYPED_TEXT.map(
    (c) => `CASE WHEN _phones THEN ${textValueMaskedSql(c)} ELSE ${c} END AS ${c}`,
  );

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
        FROM (SELECT *, ${switchStage} AS sg_switch FROM (
          SELECT *, ${[...earlier, ...folds].join(', ')} FROM (
            SELECT * REPLACE (${masked.join(', ')})${kinds.length ? `, ${kinds.join(', ')}` : ''}${receivedInstant ? ', NULL::TIMESTAMP AS received_local' : ''}
            FROM (SELECT *, coalesce(${textValuesGateSql(TYPED_TEXT)}, false) AS _phones FROM ${from}))))))`;
}
