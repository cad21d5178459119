/**
 * The funnel (docs/metrics.md, "Funnel"): calls eligible for a responder by their initial type -> a unit
 * assigned -> a unit arrived -> handled by that responder, and at each step why the others fell out, as
 * far as CAD data shows it. One scan groups calls by the few per-call facts the steps need.
 */
import {
  DEFAULT_DENOMINATOR,
  alternativeResponders,
  isDiverted,
  PHASES,
  type AnalysisContext,
  type Denominator,
  type Phase,
} from './context.js';
import { counted } from './counted.js';
import { inDenominator, originClassSql } from './diverted-share.js';
import { denominatorOf, ratio, rowsOf, type TableResult } from './result.js';

export const FUNNEL_STAGES = ['eligible', 'assigned', 'arrived', 'handled'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * Why an eligible call left the funnel before `handled`:
 * - not_recorded: its source records no unit assigned, en route or arrived for any call in the period, so
 *   the steps after `eligible` cannot be seen (a police incident file, a crisis team's log); or its source
 *   records arrivals but never a unit assigned or en route, and the call has no arrival, no cancellation
 *   and was not handled by the responder: whether a unit was assigned cannot be seen; or, at `handled`, a
 *   unit arrived and no source records the responder handling any call (eligible demand's
 *   handled_recorded): whether it took the call cannot be seen;
 * - handled_without_arrival: the responder handled it, but no arrival (or no unit) is recorded: a 311
 *   referral, a team that went without the CAD timing it, a call cancelled once the team had taken it;
 * - cancelled: never reached the next step and the CAD recorded a cancel reason or a cancelled disposition;
 * - no_unit_assigned: no unit was ever assigned and nothing says it was cancelled (no unit free, handled
 *   by phone, or not recorded: CAD data cannot tell these apart);
 * - no_arrival_recorded: a unit was assigned but no arrival is recorded, without a cancellation;
 * - reclassified: a unit arrived, another responder handled it and the final type is of another category
 *   than the initial (where either has none: the final type differs from the initial);
 * - police_on_scene: a unit arrived and police handled it, its category unchanged;
 * - other_responder: a unit arrived and another non-police responder handled it, its category unchanged.
 */
export const FALLOUT_REASONS = [
  'not_recorded',
  'handled_without_arrival',
  'cancelled',
  'no_unit_assigned',
  'no_arrival_recorded',
  'reclassified',
  'police_on_scene',
  'other_responder',
] as const;
export type FalloutReason = (typeof FALLOUT_REASONS)[number];

export interface FunnelRow {
  phase: Phase;
  responder: string;
  stage: FunnelStage;
  /**
   * Null past `eligible` when no eligible call has a unit time and none is of a source that records a unit
   * assigned or en route: the step cannot be seen, which is not "no call got a unit" (FALLOUT_REASONS'
   * not_recorded).
   */
  calls: number | null;
  share_of_eligible: number | null;
}

export interface FalloutRow {
  phase: Phase;
  responder: string;
  /** The stage the call did not reach. */
  stage: FunnelStage;
  reason: FalloutReason;
  calls: number;
  share_of_eligible: number | null;
}

interface Cell {
  oc: string;
  source: string;
  responder: string;
  current: string[];
  near_term: string[];
  potential: string[];
  assigned: boolean;
  arrived: boolean;
  cancelled: boolean;
  changed: boolean;
  n: number;
}

export async function funnel(
  ctx: AnalysisContext,
  denominator: Denominator = DEFAULT_DENOMINATOR,
): Promise<{ funnel: TableResult<FunnelRow>; fallout: TableResult<FalloutRow> }> {
  const cells = (
    await rowsOf<Cell>(
      ctx.conn,
      `SELECT ${originClassSql()} AS oc, source, responder, eligible_current AS current,
         eligible_near_term AS near_term, eligible_potential AS potential,
         assigned, arrived,
         (cancel_reason IS NOT NULL OR coalesce(disposition_class = 'cancelled', false)) AS cancelled,
         -- Judged by category where both types have one: Seattle writes its final types from another
         -- code list (--CRISIS COMPLAINT - GENERAL for SUICIDE), and every call read as reclassified.
         CASE WHEN category IS NOT NULL AND final_category IS NOT NULL THEN final_category <> category
           ELSE call_type_final IS DISTINCT FROM call_type_initial AND call_type_final IS NOT NULL END AS changed,
         sum(_n)::DOUBLE AS n
       FROM ${await counted(ctx, ['assigned', 'arrived'])}
       WHERE len(eligible_current) + len(eligible_near_term) + len(eligible_potential) > 0
       GROUP BY ALL`,
    )
  ).filter((c) => inDenominator(denominator, c.oc));
  // One read of the counted calls, eligible or not: the sources that record no unit assigned, and the responders
  // some call of the denominator has (recorded, as in eligible demand).
  const all = await rowsOf<{
    source: string;
    oc: string;
    responder: string;
    assigned: boolean;
    unclassified: number;
  }>(
    ctx.conn,
    `SELECT source, ${originClassSql()} AS oc, responder, bool_or(assigned) AS assigned,
       coalesce(sum(_n) FILTER (WHERE category IS NULL), 0)::DOUBLE AS unclassified
     FROM ${await counted(ctx, ['assigned', 'arrived'])} GROUP BY ALL`,
  );
  const silent = new Set(all.map((r) => r.source));
  for (const r of all) if (r.assigned) silent.delete(r.source);
  const present = new Set(all.filter((r) => inDenominator(denominator, r.oc)).map((r) => r.responder));
  // Calls of such a source never reach `assigned`: they fall out as not recorded, not as unassigned.
  for (const c of cells) if (silent.has(c.source)) c.assigned = c.arrived = false;
  const noAssignment = new Set(ctx.noAssignmentSources);
  // Whether a call could show a unit: one is timed, or its source records units assigned or en route (one
  // that records arrivals alone, as a CAD given a team's arrivals by linked records does, cannot say that
  // a call without one had no unit).
  const canSee = (c: Cell) => c.assigned || (!silent.has(c.source) && !noAssignment.has(c.source));
  const rows: FunnelRow[] = [];
  const out: FalloutRow[] = [];
  for (const phase of PHASES) {
    for (const r of alternativeResponders(ctx.responders)) {
      const el = cells.filter((c) => c[phase].includes(r.id));
      const sum = (f: (c: Cell) => boolean) => el.filter(f).reduce((a, c) => a + c.n, 0);
      const handled = (c: Cell) => c.responder === r.storeResponder;
      const eligible = sum(() => true);
      // As in eligible demand: a police CAD export shows no Fire/EMS crew taking a call, and its 2,405
      // arrived Fire/EMS-eligible calls read as police on scene, 0.0% handled (tester 95).
      const recorded =
        ctx.recordedResponders === null ||
        ctx.recordedResponders.includes(r.storeResponder) ||
        present.has(r.storeResponder);
      // No eligible call with a unit time, and none of a source that records units assigned: the steps past
      // `eligible` are not recorded, not 0 (Burlington's "assigned 0, 0.0%" beside "assigned, not_recorded,
      // 289" in the fallout: tester 357). Judged on the responder's own calls: a crisis team's log linked to
      // some CAD calls gave the CAD arrivals, and 311's 405 eligible CAD calls, none timed, read "assigned
      // 0" beside null in a store of the CAD alone (tester 385).
      const unseen = eligible > 0 && sum(canSee) === 0;
      const counts: Record<FunnelStage, number | null> = {
        eligible,
        assigned: unseen ? null : sum((c) => c.assigned),
        arrived: unseen ? null : sum((c) => c.assigned && c.arrived),
        handled: unseen ? null : sum((c) => c.assigned && c.arrived && handled(c)),
      };
      for (const stage of FUNNEL_STAGES) {
        const n = counts[stage];
        rows.push({
          phase,
          responder: r.id,
          stage,
          calls: n,
          share_of_eligible: n === null || (stage === 'handled' && !recorded) ? null : ratio(n, eligible),
        });
      }
      const reason = (stage: FunnelStage, why: FalloutReason, f: (c: Cell) => boolean) => {
        const n = sum(f);
        out.push({
          phase,
          responder: r.id,
          stage,
          reason: why,
          calls: n,
          share_of_eligible: ratio(n, eligible),
        });
      };
      const seen = (c: Cell) => !silent.has(c.source);
      // A call the responder handled is no call lost (222 of the crisis team's eligible calls it handled
      // were listed as cancelled or without an arrival, under "not handled"): handled = the eligible-demand
      // table's eligible calls it handled, less those without an arrival, always.
      const unassigned = (c: Cell) => seen(c) && !c.assigned;
      const noArrival = (c: Cell) => c.assigned && !c.arrived;
      // In a source that records arrivals only, a call without one may have had a unit assigned: "no unit
      // assigned" is a claim it cannot make (Seattle's call data showed units cancelled while responding).
      const unassignedUnseen = (c: Cell) => unassigned(c) && noAssignment.has(c.source);
      reason(
        'assigned',
        'not_recorded',
        (c) => (!seen(c) || (unassignedUnseen(c) && !c.cancelled)) && !handled(c),
      );
      reason('assigned', 'handled_without_arrival', (c) => !c.assigned && handled(c));
      reason('assigned', 'cancelled', (c) => unassigned(c) && !handled(c) && c.cancelled);
      reason(
        'assigned',
        'no_unit_assigned',
        (c) => unassigned(c) && !unassignedUnseen(c) && !handled(c) && !c.cancelled,
      );
      reason('arrived', 'handled_without_arrival', (c) => noArrival(c) && handled(c));
      reason('arrived', 'cancelled', (c) => noArrival(c) && !handled(c) && c.cancelled);
      reason('arrived', 'no_arrival_recorded', (c) => noArrival(c) && !handled(c) && !c.cancelled);
      const arrivedOther = (c: Cell) => c.assigned && c.arrived && !handled(c);
      if (!recorded) {
        reason('handled', 'not_recorded', arrivedOther);
        continue;
      }
      reason('handled', 'reclassified', (c) => arrivedOther(c) && c.changed);
      reason('handled', 'police_on_scene', (c) => arrivedOther(c) && !c.changed && !isDiverted(c.responder));
      reason('handled', 'other_responder', (c) => arrivedOther(c) && !c.changed && isDiverted(c.responder));
    }
  }
  const definition = {
    metric: 'funnel',
    doc: 'docs/metrics.md#funnel',
    period: ctx.period,
    denominator: denominatorOf(denominator),
    // The denominator's calls without a category, which no responder is eligible for: it gave every call
    // of the period's, Burlington's 12 untyped phone calls under 911 calls (tester 357).
    quality: {
      unclassified: all
        .filter((r) => inDenominator(denominator, r.oc))
        .reduce((a, r) => a + r.unclassified, 0),
    },
  };
  return {
    funnel: {
      table: 'funnel',
      columns: {
        phase: 'VARCHAR',
        responder: 'VARCHAR',
        stage: 'VARCHAR',
        calls: 'INTEGER',
        share_of_eligible: 'DOUBLE',
      },
      rows,
      definition,
    },
    fallout: {
      table: 'funnel_fallout',
      columns: {
        phase: 'VARCHAR',
        responder: 'VARCHAR',
        stage: 'VARCHAR',
        reason: 'VARCHAR',
        calls: 'INTEGER',
        share_of_eligible: 'DOUBLE',
      },
      rows: out,
      definition: { ...definition, metric: 'funnel_fallout', doc: 'docs/metrics.md#funnel' },
    },
  };
}
