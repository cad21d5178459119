/**
 * Time on task (docs/metrics.md, "Time on task" and "Hours eligible calls consume"): the unit-hours each
 * category and responder consumed, and the hours a year that calls eligible for an alternative responder
 * but handled by police take, which diverting them would free.
 *
 * Two measures, both per call and for the first unit only (CAD exports record the first unit's times):
 * `on_scene` (arrived to cleared, the CAD interval; "time on task" in the usual sense) and `committed`
 * (assigned to cleared, which adds dispatch and travel: what the unit was unavailable for).
 */
import {
  DEFAULT_DENOMINATOR,
  DENOMINATORS,
  PHASES,
  alternativeResponders,
  eligibleColumn,
  NOT_DIVERTED,
  type AnalysisContext,
  type Denominator,
  type Phase,
} from './context.js';
import { counted } from './counted.js';
import { NO_UNIT_RESPONDERS } from './response-times.js';
import { literal } from '../util/sql.js';
import { denominatorOf, rowsOf, type TableResult } from './result.js';

export const TASK_MEASURES = ['on_scene', 'committed'] as const;
export type TaskMeasure = (typeof TASK_MEASURES)[number];

export interface TimeOnTaskRow {
  measure: TaskMeasure;
  /** Category of the initial type, '(unclassified)' when none, 'all' for the total of a responder. */
  category: string;
  /** Store responder value, or 'all'. */
  responder: string;
  calls: number;
  valid: number;
  missing: number;
  negative: number;
  implausible: number;
  /**
   * On scene only: calls of a responder that sends no unit (311 / online / telephone report), whose
   * "arrival" to clearance is a report-taker's time, not a unit's (tester 384); 0 for `committed`.
   * calls = valid + missing + negative + implausible + no_unit_sent.
   */
  no_unit_sent: number;
  /**
   * Sum of the valid values, in hours; null when calls have none (a source that records no clearance):
   * nothing was measured, which is not zero hours.
   */
  unit_hours: number | null;
  unit_hours_per_year: number | null;
  mean_minutes: number | null;
}

/** Calls none of which has a valid time: their hours are unknown, not zero (no calls at all are zero). */
export const unmeasured = (calls: number, valid: number) => calls > 0 && valid === 0;

export async function timeOnTask(ctx: AnalysisContext): Promise<TableResult<TimeOnTaskRow>> {
  // A call no unit went to has no time on scene, whatever its export says (docs/metrics.md, "Time on
  // task"); its committed time, from assignment, is kept as response_times keeps it.
  const noUnit = (m: TaskMeasure) =>
    m === 'on_scene' ? `responder IN (${NO_UNIT_RESPONDERS.map(literal).join(', ')})` : 'false';
  const unlessNoUnit = (m: TaskMeasure, v: string) => `CASE WHEN ${noUnit(m)} THEN 0 ELSE ${v} END`;
  const parts = TASK_MEASURES.map(
    (m) => `
    SELECT ${literal(m)} AS measure, coalesce(category, '(unclassified)') AS category, responder,
      sum(_n) AS calls, sum(${unlessNoUnit(m, `_valid_${m}`)}) AS valid,
      sum(${unlessNoUnit(m, `_missing_${m}`)}) AS missing,
      sum(${unlessNoUnit(m, `_negative_${m}`)}) AS negative,
      sum(${unlessNoUnit(m, `_implausible_${m}`)}) AS implausible,
      sum(CASE WHEN ${noUnit(m)} THEN _n ELSE 0 END) AS no_unit_sent,
      coalesce(sum(${unlessNoUnit(m, `_sum_${m}`)}), 0) / 3600.0 AS unit_hours
    FROM counted
    GROUP BY GROUPING SETS ((coalesce(category, '(unclassified)'), responder), (responder), (coalesce(category, '(unclassified)')), ())`,
  );
  // GROUPING SETS leave NULL for a rolled-up column; category and responder are never NULL themselves.
  const raw = await rowsOf<Omit<TimeOnTaskRow, 'unit_hours_per_year' | 'mean_minutes'>>(
    ctx.conn,
    `SELECT measure, coalesce(category, 'all') AS category, coalesce(responder, 'all') AS responder,
       calls, valid::DOUBLE AS valid, missing::DOUBLE AS missing, negative::DOUBLE AS negative,
       implausible::DOUBLE AS implausible, no_unit_sent::DOUBLE AS no_unit_sent,
       unit_hours::DOUBLE AS unit_hours
     FROM (WITH counted AS ${await counted(ctx, [], TASK_MEASURES)} ${parts.join(' UNION ALL ')})
     ORDER BY measure, unit_hours DESC, category, responder`,
  );
  const rows = raw.map((r) => {
    // Calls no unit went to are no unmeasured time: a responder that sends none has 0 hours on scene.
    const hours = unmeasured(r.calls - r.no_unit_sent, r.valid) ? null : r.unit_hours;
    return {
      ...r,
      unit_hours: hours,
      unit_hours_per_year: hours === null ? null : hours / ctx.period.years,
      mean_minutes: r.valid > 0 && hours !== null ? (hours * 60) / r.valid : null,
    };
  });
  return {
    table: 'time_on_task',
    columns: {
      measure: 'VARCHAR',
      category: 'VARCHAR',
      responder: 'VARCHAR',
      calls: 'INTEGER',
      valid: 'INTEGER',
      missing: 'INTEGER',
      negative: 'INTEGER',
      implausible: 'INTEGER',
      no_unit_sent: 'INTEGER',
      unit_hours: 'DOUBLE',
      unit_hours_per_year: 'DOUBLE',
      mean_minutes: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'time_on_task',
      doc: 'docs/metrics.md#time-on-task',
      period: ctx.period,
      parameters: { unit: 'first unit only; one unit per call' },
      quality: Object.fromEntries(
        rows
          .filter((r) => r.category === 'all' && r.responder === 'all')
          .flatMap((r) => [
            [`${r.measure}_missing`, r.missing],
            [`${r.measure}_negative`, r.negative],
            [`${r.measure}_implausible`, r.implausible],
            ...(r.measure === 'on_scene' ? [[`${r.measure}_no_unit_sent`, r.no_unit_sent]] : []),
          ]),
      ),
    },
  };
}

export interface EligibleHoursRow {
  phase: Phase;
  /** Alternative responder id, or 'any_alternative'. */
  responder: string;
  /** Eligible calls police (or an unknown responder) handled: those a diversion would take over. */
  police_handled_calls: number;
  on_scene_valid: number;
  on_scene_left_out: number;
  /** Null, as the next, when the calls have no valid time: nothing was measured, which is not zero. */
  on_scene_hours_per_year: number | null;
  committed_valid: number;
  committed_left_out: number;
  committed_hours_per_year: number | null;
}

export async function eligibleHours(
  ctx: AnalysisContext,
  denominator: Denominator = DEFAULT_DENOMINATOR,
): Promise<TableResult<EligibleHoursRow>> {
  const alts = alternativeResponders(ctx.responders);
  const ids = [...alts.map((a) => a.id), 'any_alternative'];
  const police = `responder IN (${NOT_DIVERTED.map(literal).join(', ')})`;
  const select = PHASES.flatMap((p) =>
    ids.map((id, k) => {
      const eligible =
        id === 'any_alternative'
          ? `list_has_any(${eligibleColumn(p)}, [${alts.map((a) => literal(a.id)).join(', ')}]::VARCHAR[])`
          : `list_contains(${eligibleColumn(p)}, ${literal(id)})`;
      const f = `${p}_${k}`;
      return TASK_MEASURES.map(
        (m) => `coalesce(sum(n) FILTER (WHERE ${eligible}), 0)::DOUBLE AS n_${f}_${m},
          coalesce(sum(v_${m}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS v_${f}_${m},
          coalesce(sum(s_${m}) FILTER (WHERE ${eligible}), 0)::DOUBLE AS s_${f}_${m}`,
      ).join(', ');
    }),
  );
  // The list tests run on the few distinct eligibility combinations, not on every call.
  const cube = `SELECT eligible_current, eligible_near_term, eligible_potential, sum(_n) AS n,
      sum(_n) FILTER (WHERE category IS NULL) AS u,
      ${TASK_MEASURES.map((m) => `sum(_valid_${m}) AS v_${m}, sum(_sum_${m}) AS s_${m}`).join(', ')}
    FROM ${await counted(ctx, [], TASK_MEASURES)} WHERE ${police} AND ${DENOMINATORS[denominator].where} GROUP BY ALL`;
  const [r] = await rowsOf<Record<string, number>>(
    ctx.conn,
    `SELECT ${select.join(',\n')}, coalesce(sum(u), 0)::DOUBLE AS _unclassified FROM (${cube})`,
  );
  const rows: EligibleHoursRow[] = [];
  for (const p of PHASES)
    ids.forEach((id, k) => {
      const g = (x: string, m: TaskMeasure) => r?.[`${x}_${p}_${k}_${m}`] ?? 0;
      const n = g('n', 'on_scene');
      rows.push({
        phase: p,
        responder: id,
        police_handled_calls: n,
        on_scene_valid: g('v', 'on_scene'),
        on_scene_left_out: n - g('v', 'on_scene'),
        on_scene_hours_per_year: unmeasured(n, g('v', 'on_scene'))
          ? null
          : g('s', 'on_scene') / 3600 / ctx.period.years,
        committed_valid: g('v', 'committed'),
        committed_left_out: n - g('v', 'committed'),
        committed_hours_per_year: unmeasured(n, g('v', 'committed'))
          ? null
          : g('s', 'committed') / 3600 / ctx.period.years,
      });
    });
  return {
    table: 'eligible_hours',
    columns: {
      phase: 'VARCHAR',
      responder: 'VARCHAR',
      police_handled_calls: 'INTEGER',
      on_scene_valid: 'INTEGER',
      on_scene_left_out: 'INTEGER',
      on_scene_hours_per_year: 'DOUBLE',
      committed_valid: 'INTEGER',
      committed_left_out: 'INTEGER',
      committed_hours_per_year: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'eligible_hours',
      doc: 'docs/metrics.md#hours-eligible-calls-consume',
      period: ctx.period,
      denominator: denominatorOf(denominator),
      parameters: { unit: 'first unit only; unit-hours, not officer-hours' },
      // The police-handled calls of the denominator it counts without a category, never eligible: it gave
      // every call of the period's, 12 untyped phone calls under 911 calls for Burlington (tester 357).
      quality: { unclassified: r?._unclassified ?? 0 },
    },
  };
}
