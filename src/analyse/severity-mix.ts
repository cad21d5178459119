/**
 * Severity mix (docs/metrics.md, "Severity mix"): calls and time on task by severity tier of the initial
 * type, the table the NICJR study of Seattle calls (2017-19) published, with its shares beside ours.
 */
import { DEFAULT_DENOMINATOR, DENOMINATORS, type AnalysisContext, type Denominator } from './context.js';
import { counted } from './counted.js';
import { NO_UNIT_RESPONDERS } from './response-times.js';
import { TASK_MEASURES, unmeasured } from './time-on-task.js';
import { denominatorOf, ratio, rowsOf, type TableResult } from './result.js';
import { literal } from '../util/sql.js';

export const TIERS = [
  'non_criminal',
  'misdemeanour',
  'non_violent_felony',
  'serious_violent_felony',
] as const;

/** NICJR, Seattle calls for service 2017-2019: share of calls by tier. */
export const NICJR_SEATTLE_SHARES: Record<(typeof TIERS)[number], number> = {
  non_criminal: 0.797,
  misdemeanour: 0.142,
  non_violent_felony: 0.04,
  serious_violent_felony: 0.021,
};

export interface SeverityMixRow {
  /** A tier, or '(unclassified)'. */
  tier: string;
  calls: number;
  share: number | null;
  /** Share among classified calls only, comparable with the published table. */
  share_of_classified: number | null;
  /** Null when the tier's calls have no valid on-scene time: nothing was measured, which is not zero. */
  on_scene_hours: number | null;
  on_scene_valid: number;
  /**
   * Calls without a valid time on scene: missing, negative, implausible, or of a responder that sends no
   * unit (on_scene_no_unit_sent of them), as the table of every interval leaves them out.
   */
  on_scene_left_out: number;
  /** Calls of a responder that sends no unit (311 / online / telephone report): no time on scene (tester 384). */
  on_scene_no_unit_sent: number;
  hours_share: number | null;
  nicjr_seattle_share: number | null;
}

export async function severityMix(
  ctx: AnalysisContext,
  denominator: Denominator = DEFAULT_DENOMINATOR,
): Promise<TableResult<SeverityMixRow>> {
  // In a fixed order: the shares below add the hours up in JavaScript, and a floating-point sum depends
  // on its order (unordered, the same store gave hours_share differing in the last bit from run to run).
  // A call no unit went to has no time on scene, as time on task counts it (docs/metrics.md, "Time on
  // task"): a telephone report's "arrival" to clearance, a report-taker's time, was counted here as
  // on-scene hours time on task no longer had, and the two tables' unit-hours disagreed (tester 384).
  const noUnit = `responder IN (${NO_UNIT_RESPONDERS.map(literal).join(', ')})`;
  const unit = (v: string) => `CASE WHEN ${noUnit} THEN 0 ELSE ${v} END`;
  const got = await rowsOf<{ tier: string; calls: number; valid: number; no_unit: number; hours: number }>(
    ctx.conn,
    `SELECT coalesce(tier, '(unclassified)') AS tier, sum(_n)::DOUBLE AS calls,
       sum(${unit('_valid_on_scene')})::DOUBLE AS valid,
       sum(CASE WHEN ${noUnit} THEN _n ELSE 0 END)::DOUBLE AS no_unit,
       coalesce(sum(${unit('_sum_on_scene')}), 0)::DOUBLE / 3600 AS hours
     FROM ${await counted(ctx, [], TASK_MEASURES)} WHERE ${DENOMINATORS[denominator].where} GROUP BY 1 ORDER BY 1`,
  );
  const total = got.reduce((a, r) => a + r.calls, 0);
  const classified = got.filter((r) => r.tier !== '(unclassified)').reduce((a, r) => a + r.calls, 0);
  const hours = got.reduce((a, r) => a + r.hours, 0);
  const order = [...TIERS, '(unclassified)'] as string[];
  const tiers = [...new Set([...order, ...got.map((r) => r.tier)])];
  const rows = tiers.map((tier) => {
    const r = got.find((x) => x.tier === tier) ?? { calls: 0, valid: 0, no_unit: 0, hours: 0 };
    // Calls no unit went to are no unmeasured time: a tier of such calls only has 0 hours, as in time on task.
    const none = unmeasured(r.calls - r.no_unit, r.valid);
    return {
      tier,
      calls: r.calls,
      share: ratio(r.calls, total),
      share_of_classified: tier === '(unclassified)' ? null : ratio(r.calls, classified),
      on_scene_hours: none ? null : r.hours,
      on_scene_valid: r.valid,
      on_scene_left_out: r.calls - r.valid,
      on_scene_no_unit_sent: r.no_unit,
      hours_share: none ? null : ratio(r.hours, hours),
      nicjr_seattle_share: NICJR_SEATTLE_SHARES[tier as (typeof TIERS)[number]] ?? null,
    };
  });
  return {
    table: 'severity_mix',
    columns: {
      tier: 'VARCHAR',
      calls: 'INTEGER',
      share: 'DOUBLE',
      share_of_classified: 'DOUBLE',
      on_scene_hours: 'DOUBLE',
      on_scene_valid: 'INTEGER',
      on_scene_left_out: 'INTEGER',
      on_scene_no_unit_sent: 'INTEGER',
      hours_share: 'DOUBLE',
      nicjr_seattle_share: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'severity_mix',
      doc: 'docs/metrics.md#severity-mix',
      period: ctx.period,
      denominator: denominatorOf(denominator),
      quality: {
        calls: total,
        unclassified: total - classified,
        on_scene_left_out: rows.reduce((a, r) => a + r.on_scene_left_out, 0),
        on_scene_no_unit_sent: rows.reduce((a, r) => a + r.on_scene_no_unit_sent, 0),
      },
    },
  };
}
