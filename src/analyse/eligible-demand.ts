/**
 * Eligible demand (docs/metrics.md, "Eligible demand" and "Handled vs eligible"): for each phase and
 * alternative responder, the share of calls whose initial type makes them eligible, and how many of those
 * the responder handled. One scan groups calls by origin class, responder and their three eligibility
 * lists (a few hundred combinations); every figure is arithmetic on that small cube.
 */
import {
  DEFAULT_DENOMINATOR,
  PHASES,
  alternativeResponders,
  isDiverted,
  type AnalysisContext,
  type Denominator,
  type Phase,
} from './context.js';
import { counted } from './counted.js';
import { inDenominator, originClassSql } from './diverted-share.js';
import { denominatorOf, ratio, rowsOf, type TableResult } from './result.js';

export interface EligibilityCell {
  oc: string;
  responder: string;
  current: string[];
  near_term: string[];
  potential: string[];
  /** Whether the cell's calls have no category (no classification row, or an unmapped type). */
  unclassified: boolean;
  n: number;
}

export async function eligibilityCube(ctx: AnalysisContext): Promise<EligibilityCell[]> {
  return rowsOf<EligibilityCell>(
    ctx.conn,
    `SELECT ${originClassSql()} AS oc, responder, eligible_current AS current,
       eligible_near_term AS near_term, eligible_potential AS potential,
       category IS NULL AS unclassified, sum(_n)::DOUBLE AS n
     FROM ${await counted(ctx)} GROUP BY ALL`,
  );
}

export interface EligibleDemandRow {
  phase: Phase;
  /** Taxonomy responder id, or 'any_alternative'. */
  responder: string;
  /** The store responder value its calls show up as ('any_alternative': every non-police value). */
  store_responder: string;
  eligible_calls: number;
  denominator_calls: number;
  eligible_share: number | null;
  /**
   * Whether some source of the store can show the responder handling a call (AnalysisContext
   * .recordedResponders). When not, its handled counts are 0 because nothing records them, and the two
   * shares below are null: not recorded, rather than 0.0%.
   */
  handled_recorded: boolean;
  /** Eligible calls this responder handled. */
  handled_eligible: number;
  /** All calls this responder handled, eligible or not. */
  handled_all: number;
  /** handled_eligible / eligible_calls: the share of its eligible calls the responder took. */
  handled_of_eligible: number | null;
  /** handled_all / eligible_calls: calls taken per eligible call (the published "took 67%" reading). */
  handled_to_eligible: number | null;
}

/**
 * Alternative responders (taxonomy ids, once each) eligible for some call of the rows whose handled calls
 * no source records: what `analyze`'s note and the report's table note name.
 */
export function unrecordedResponders(rows: readonly EligibleDemandRow[]): string[] {
  return [
    ...new Set(
      rows
        .filter((r) => !r.handled_recorded && r.responder !== 'any_alternative' && r.eligible_calls > 0)
        .map((r) => r.responder),
    ),
  ];
}

export async function eligibleDemand(
  ctx: AnalysisContext,
  denominator: Denominator = DEFAULT_DENOMINATOR,
  cube?: EligibilityCell[],
): Promise<TableResult<EligibleDemandRow>> {
  const cells = (cube ?? (await eligibilityCube(ctx))).filter((c) => inDenominator(denominator, c.oc));
  const total = cells.reduce((a, c) => a + c.n, 0);
  const alts = alternativeResponders(ctx.responders);
  const altIds = new Set(alts.map((a) => a.id));
  const sum = (f: (c: EligibilityCell) => boolean) => cells.filter(f).reduce((a, c) => a + c.n, 0);
  type Test = (c: EligibilityCell) => boolean;
  const recorded = (storeResponder: string) =>
    ctx.recordedResponders === null || ctx.recordedResponders.includes(storeResponder);
  const row = (
    phase: Phase,
    responder: string,
    storeResponder: string,
    eligible: Test,
    handled: Test,
    isRecorded: boolean,
  ) => {
    const e = sum(eligible);
    const he = sum((c) => eligible(c) && handled(c));
    const ha = sum(handled);
    // Calls it handled are its record, whatever the rules were thought to give.
    isRecorded ||= ha > 0;
    return {
      phase,
      responder,
      store_responder: storeResponder,
      eligible_calls: e,
      denominator_calls: total,
      eligible_share: ratio(e, total),
      handled_recorded: isRecorded,
      handled_eligible: he,
      handled_all: ha,
      handled_of_eligible: isRecorded ? ratio(he, e) : null,
      handled_to_eligible: isRecorded ? ratio(ha, e) : null,
    };
  };
  const rows: EligibleDemandRow[] = [];
  for (const phase of PHASES) {
    for (const r of alts)
      rows.push(
        row(
          phase,
          r.id,
          r.storeResponder,
          (c) => c[phase].includes(r.id),
          (c) => c.responder === r.storeResponder,
          recorded(r.storeResponder),
        ),
      );
    rows.push(
      row(
        phase,
        'any_alternative',
        'any_alternative',
        (c) => c[phase].some((id) => altIds.has(id)),
        (c) => isDiverted(c.responder),
        alts.some((a) => recorded(a.storeResponder)),
      ),
    );
  }
  return {
    table: 'eligible_demand',
    columns: {
      phase: 'VARCHAR',
      responder: 'VARCHAR',
      store_responder: 'VARCHAR',
      eligible_calls: 'INTEGER',
      denominator_calls: 'INTEGER',
      eligible_share: 'DOUBLE',
      handled_recorded: 'BOOLEAN',
      handled_eligible: 'INTEGER',
      handled_all: 'INTEGER',
      handled_of_eligible: 'DOUBLE',
      handled_to_eligible: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'eligible_demand',
      doc: 'docs/metrics.md#eligible-demand',
      period: ctx.period,
      denominator: denominatorOf(denominator),
      // The denominator's calls without a category, as severity mix counts them: the period's 12 untyped
      // Burlington calls, all phone calls, read as 12 under 911 calls, where none of them is (tester 357).
      quality: {
        calls: total,
        unclassified: sum((c) => c.unclassified),
      },
    },
  };
}
