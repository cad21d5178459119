/**
 * The headline figures of the executive summary, read off the analysis tables. Each has a stable key
 * (`data-figure` in the HTML), so a test or a script can find it in the page and compare it with the tables.
 */
import type { Phase } from '../analyse/context.js';
import type { ReportData } from './data.js';

/**
 * The diverted share if every call eligible for an alternative responder in `phase` went to one: calls
 * already diverted plus eligible calls not yet diverted, over the denominator.
 */
export function pathwayShare(d: ReportData, phase: Phase): number | null {
  const any = d.tables.eligible_demand.rows.find(
    (r) => r.phase === phase && r.responder === 'any_alternative',
  );
  if (!any || any.denominator_calls <= 0) return null;
  return (any.eligible_calls + any.handled_all - any.handled_eligible) / any.denominator_calls;
}

export interface HeadlineValues {
  calls: number;
  denominatorCalls: number;
  divertedCalls: number;
  divertedShare: number | null;
  eligibleNearTermShare: number | null;
  /** Calls eligible for an alternative in the near term, and diverted calls that were not. */
  eligibleNearTerm: number;
  nearTermDivertedNotEligible: number;
  /** Share of the denominator that would be diverted if every near-term eligible call went to an alternative. */
  nearTermPathwayShare: number | null;
  bcrEligibleNow: number;
  /** Whether a source of the store can show the team handling a call (eligible_demand.handled_recorded). */
  bcrRecorded: boolean;
  bcrHandledOfEligible: number | null;
  bcrHandledEligible: number;
  /** Every call the team handled, eligible or not, and that over its eligible calls (handled_to_eligible). */
  bcrHandledAll: number;
  bcrHandledToEligible: number | null;
  /** The team as the store names it, which the diverted-share table's counts are keyed by. */
  bcrStoreName: string | null;
  /** The response interval's median and 90th percentile, in seconds (tester 264: the key did not say). */
  responseMedianSeconds: number | null;
  responseP90Seconds: number | null;
  responseValid: number;
}

export function headlineValues(d: ReportData): HeadlineValues {
  const all = d.tables.diverted_share.rows.find(
    (r) => r.denominator === d.denominator.name && r.period === 'all' && r.responder === 'all_diverted',
  );
  const anyNear = d.tables.eligible_demand.rows.find(
    (r) => r.phase === 'near_term' && r.responder === 'any_alternative',
  );
  const bcr = d.tables.eligible_demand.rows.find(
    (r) => r.phase === 'current' && r.responder === 'behavioural_crisis',
  );
  const resp = d.tables.response_times.rows.find((r) => r.interval === 'response' && r.group_by === 'all');
  const pathway = pathwayShare(d, 'near_term');
  return {
    calls: d.analysisQuality.calls_in_period,
    denominatorCalls: all?.denominator_calls ?? 0,
    divertedCalls: all?.calls ?? 0,
    divertedShare: all?.share ?? null,
    eligibleNearTermShare: anyNear?.eligible_share ?? null,
    eligibleNearTerm: anyNear?.eligible_calls ?? 0,
    nearTermDivertedNotEligible: anyNear ? anyNear.handled_all - anyNear.handled_eligible : 0,
    nearTermPathwayShare: pathway,
    bcrEligibleNow: bcr?.eligible_calls ?? 0,
    bcrRecorded: bcr?.handled_recorded ?? true,
    bcrHandledOfEligible: bcr?.handled_of_eligible ?? null,
    bcrHandledEligible: bcr?.handled_eligible ?? 0,
    bcrHandledAll: bcr?.handled_all ?? 0,
    bcrHandledToEligible: bcr?.handled_to_eligible ?? null,
    bcrStoreName: bcr?.store_responder ?? null,
    responseMedianSeconds: resp?.median_s ?? null,
    responseP90Seconds: resp?.p90_s ?? null,
    responseValid: resp?.valid ?? 0,
  };
}
