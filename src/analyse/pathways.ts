/**
 * Pathways to a target (docs/metrics.md, "Pathways to a target"): how many more calls a year must go to
 * non-police responders for the diverted share to reach the target, and which call types and responders
 * could supply them, ranked.
 *
 * Each call that police handled counts once as possible supply: in the earliest phase in which any
 * alternative responder is eligible for it, for the first such responder in taxonomy order, so the supply
 * rows add up without double counting a call eligible for two responders.
 */
import {
  DEFAULT_DENOMINATOR,
  alternativeResponders,
  DENOMINATORS,
  DENOMINATOR_NAMES,
  eligibleColumn,
  NOT_DIVERTED,
  PHASES,
  type AnalysisContext,
  type Denominator,
} from './context.js';
import { counted } from './counted.js';
import { denominatorOf, ratio, rowsOf, type TableResult } from './result.js';
import { literal } from '../util/sql.js';

export interface PathwayOptions {
  denominator?: Denominator;
  /** Target diverted share, 0-1; 0.2 by default. */
  target?: number;
  /** Years over which to reach the target; 1 by default. */
  horizonYears?: number;
}

export interface TargetGapRow {
  denominator: Denominator;
  denominator_calls: number;
  diverted_calls: number;
  current_share: number | null;
  target_share: number;
  /** Diverted calls the target means over the period, and the extra beyond today's. */
  target_calls: number;
  additional_calls: number;
  additional_per_year: number;
  additional_per_week: number;
  horizon_years: number;
  /** The extra calls a year to add in each year of the horizon for a steady climb to the target. */
  /** Null with a horizon under a year: no yearly step (tester 192: 74,563 "a year" over half a year). */
  increase_per_year_over_horizon: number | null;
  /** Police-handled calls some alternative responder is eligible for, by the end of each phase. */
  supply_current: number;
  supply_near_term: number;
  supply_potential: number;
  /** True when the diverted calls already meet the target: no supply is needed. */
  target_met: boolean;
  /** The earliest phase whose supply covers the additional calls; null when none does or none is needed. */
  reachable_phase: string | null;
}

export interface PathwayRow {
  rank: number;
  phase: string;
  responder: string;
  category: string;
  call_type: string;
  calls: number;
  calls_per_year: number;
  calls_per_week: number;
  cumulative_per_year: number;
  /** Diverted share if this row and every row ranked above it were diverted. */
  cumulative_share: number | null;
  /**
   * True for the rows needed to reach the target: up to and including the one that crosses it, every row
   * when none does (all of them and still short), none when the target is already met.
   */
  needed_for_target: boolean;
}

export async function pathways(
  ctx: AnalysisContext,
  options: PathwayOptions = {},
): Promise<{ gap: TableResult<TargetGapRow>; pathways: TableResult<PathwayRow> }> {
  const denominator = options.denominator ?? DEFAULT_DENOMINATOR;
  const target = options.target ?? 0.2;
  const horizon = options.horizonYears ?? 1;
  const alts = alternativeResponders(ctx.responders);
  const altList = `[${alts.map((a) => literal(a.id)).join(', ')}]::VARCHAR[]`;
  const police = `responder IN (${NOT_DIVERTED.map(literal).join(', ')})`;
  // The earliest phase with an alternative responder, and the first such responder in taxonomy order.
  const phaseCase = `CASE ${PHASES.map((p) => `WHEN list_has_any(${eligibleColumn(p)}, ${altList}) THEN ${literal(p)}`).join(' ')} END`;
  const firstAlt = (p: string) =>
    `list_filter(${altList}, x -> list_contains(${eligibleColumn(p as (typeof PHASES)[number])}, x))[1]`;
  const responderCase = `CASE ${PHASES.map((p) => `WHEN list_has_any(${eligibleColumn(p)}, ${altList}) THEN ${firstAlt(p)}`).join(' ')} END`;

  // The list tests run on the few distinct (origin, police, eligibility) combinations, not on every call.
  const cube = `SELECT origin, ${police} AS is_police, eligible_current, eligible_near_term, eligible_potential,
      category IS NULL AS unclassified, sum(_n) AS n
    FROM ${await counted(ctx)} GROUP BY ALL`;
  const counts = await rowsOf<Record<string, number>>(
    ctx.conn,
    `SELECT ${DENOMINATOR_NAMES.map(
      (d) => `coalesce(sum(n) FILTER (WHERE ${DENOMINATORS[d].where}), 0)::DOUBLE AS n_${d},
        coalesce(sum(n) FILTER (WHERE ${DENOMINATORS[d].where} AND NOT is_police), 0)::DOUBLE AS div_${d},
        coalesce(sum(n) FILTER (WHERE ${DENOMINATORS[d].where} AND unclassified), 0)::DOUBLE AS u_${d},
        ${PHASES.map(
          (p) => `coalesce(sum(n) FILTER (WHERE ${DENOMINATORS[d].where} AND is_police
            AND list_has_any(${eligibleColumn(p)}, ${altList})), 0)::DOUBLE AS s_${p}_${d}`,
        ).join(', ')}`,
    ).join(', ')}
     FROM (${cube})`,
  );
  const c = counts[0] ?? {};
  const gapRows: TargetGapRow[] = DENOMINATOR_NAMES.map((d) => {
    const n = c[`n_${d}`] ?? 0;
    const div = c[`div_${d}`] ?? 0;
    // To 15 significant digits, as the tables keep them: 0.1 x 101,608 is 10,160.800000000001 in floating
    // point. Rounded to a billionth of a call before, a target of 0.123456789012345678 lost five digits and
    // one of 1e-9 read as met with no call diverted (tester 188).
    const targetCalls = Number((target * n).toPrecision(15));
    // The gap to the same decimals as the larger of its terms: 10,160.8 - 9,515 is 645.7999999999993. A
    // target met exactly is met: 0.035 x 1,600 is 56.00000000000001, and 7.1e-15 calls "to add" read as a
    // gap in the table and as "about 0 more calls a year" in the report.
    const scale = Math.max(targetCalls, div);
    const decimals = scale > 0 ? Math.min(100, Math.max(0, 14 - Math.floor(Math.log10(scale)))) : 0;
    const gap = Number((targetCalls - div).toFixed(decimals));
    const additional = gap > 0 ? gap : 0;
    const supply = (p: string) => c[`s_${p}_${d}`] ?? 0;
    const perYear = additional / ctx.period.years;
    return {
      denominator: d,
      denominator_calls: n,
      diverted_calls: div,
      current_share: ratio(div, n),
      target_share: target,
      target_calls: targetCalls,
      additional_calls: additional,
      additional_per_year: perYear,
      additional_per_week: additional / ctx.period.weeks,
      horizon_years: horizon,
      increase_per_year_over_horizon: horizon < 1 ? null : perYear / horizon,
      supply_current: supply('current'),
      supply_near_term: supply('near_term'),
      supply_potential: supply('potential'),
      // A denominator without calls meets no target: there is no share (it read "already met").
      target_met: n > 0 && additional <= 0,
      // With nothing to add every phase "covers" it; saying the current one would read as a plan.
      reachable_phase:
        n === 0 || additional <= 0 ? null : (PHASES.find((p) => supply(p) >= additional) ?? null),
    };
  });

  const supplyRows = await rowsOf<{
    phase: string;
    responder: string;
    category: string;
    call_type: string;
    calls: number;
  }>(
    ctx.conn,
    `SELECT ${phaseCase} AS phase, ${responderCase} AS responder, coalesce(category, '(unclassified)') AS category,
       coalesce(call_type_initial, '(none)') AS call_type, sum(_n)::DOUBLE AS calls
     FROM ${await counted(ctx)}
     WHERE ${DENOMINATORS[denominator].where} AND ${police} AND list_has_any(eligible_potential, ${altList})
     GROUP BY ALL`,
  );
  const phaseOrder = new Map<string, number>(PHASES.map((p, i) => [p, i]));
  supplyRows.sort(
    (a, b) =>
      phaseOrder.get(a.phase)! - phaseOrder.get(b.phase)! ||
      b.calls - a.calls ||
      // A fixed collation: ties' running figures depend on it, and a runtime's default locale may vary.
      a.call_type.localeCompare(b.call_type, 'en') ||
      a.responder.localeCompare(b.responder, 'en'),
  );
  const g = gapRows.find((r) => r.denominator === denominator)!;
  let cum = 0;
  let reached = g.additional_calls <= 0;
  const rows: PathwayRow[] = supplyRows.map((r, i) => {
    const needed = !reached;
    cum += r.calls;
    if (cum >= g.additional_calls) reached = true;
    return {
      rank: i + 1,
      phase: r.phase,
      responder: r.responder,
      category: r.category,
      call_type: r.call_type,
      calls: r.calls,
      calls_per_year: r.calls / ctx.period.years,
      calls_per_week: r.calls / ctx.period.weeks,
      cumulative_per_year: cum / ctx.period.years,
      cumulative_share: ratio(g.diverted_calls + cum, g.denominator_calls),
      needed_for_target: needed,
    };
  });
  // The gap has a row per denominator, so its definition names none, and its quality counts the
  // unclassified calls of each; the pathways are of one, and count its own. Both gave every call of the
  // period's: Burlington's 12 untyped phone calls read as 12 under 911 calls, none of them one (tester 357).
  const unclassifiedOf = (d: Denominator) => c[`u_${d}`] ?? 0;
  const definition = {
    metric: 'target_gap',
    doc: 'docs/metrics.md#pathways-to-a-target',
    period: ctx.period,
    parameters: { target, horizon_years: horizon },
    quality: Object.fromEntries(DENOMINATOR_NAMES.map((d) => [`unclassified_${d}`, unclassifiedOf(d)])),
  };
  const num = 'DOUBLE' as const;
  return {
    gap: {
      table: 'target_gap',
      columns: {
        denominator: 'VARCHAR',
        denominator_calls: 'INTEGER',
        diverted_calls: 'INTEGER',
        current_share: num,
        target_share: num,
        target_calls: num,
        additional_calls: num,
        additional_per_year: num,
        additional_per_week: num,
        horizon_years: num,
        increase_per_year_over_horizon: num,
        supply_current: 'INTEGER',
        supply_near_term: 'INTEGER',
        supply_potential: 'INTEGER',
        target_met: 'BOOLEAN',
        reachable_phase: 'VARCHAR',
      },
      rows: gapRows,
      definition,
    },
    pathways: {
      table: 'pathways',
      columns: {
        rank: 'INTEGER',
        phase: 'VARCHAR',
        responder: 'VARCHAR',
        category: 'VARCHAR',
        call_type: 'VARCHAR',
        calls: 'INTEGER',
        calls_per_year: num,
        calls_per_week: num,
        cumulative_per_year: num,
        cumulative_share: num,
        needed_for_target: 'BOOLEAN',
      },
      rows,
      definition: {
        ...definition,
        metric: 'pathways',
        denominator: denominatorOf(denominator),
        quality: { unclassified: unclassifiedOf(denominator) },
      },
    },
  };
}
