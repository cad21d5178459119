/**
 * `analyze(options)`: the whole response analysis of a store (issue 4), the function behind
 * `safegap analyze`, the report and the benchmark. It builds the analysis relation once (materialised),
 * runs every metric as SQL over it, and writes the result tables to `<store>/analysis/` (Parquet) and,
 * when asked, to an output folder (CSV + analysis.json). docs/metrics.md defines every table.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  capacityPlan,
  MIN_SERVICE_SAMPLE,
  parseSchedule,
  scheduleOverlapNote,
  type CapacityOptions,
  type CapacityRow,
  type CapacitySummary,
} from './capacity.js';
import { minutesText } from '../util/minutes.js';
import {
  DEFAULT_DENOMINATOR,
  DENOMINATORS,
  checkDenominator,
  NEAR_METRES,
  NEAR_SECONDS,
  noCallTyped,
  type AnalysisContext,
  type Denominator,
  type Period,
  type PreparedQuality,
} from './context.js';
import {
  areaDemand,
  hourOfWeek,
  monthlySeries,
  type AreaDemandRow,
  type HourOfWeekRow,
  type MonthlyRow,
} from './demand.js';
import { divertedShare, type DivertedShareRow } from './diverted-share.js';
import {
  eligibilityCube,
  eligibleDemand,
  unrecordedResponders,
  type EligibleDemandRow,
} from './eligible-demand.js';
import { funnel, type FalloutRow, type FunnelRow } from './funnel.js';
import { pathways, type PathwayRow, type TargetGapRow } from './pathways.js';
import { noteText, periodDayCounts, periodNotes as periodCheck, type PeriodNote } from './period-check.js';
import { checkMinCount, repeatLocations, type RepeatLocationRow } from './repeat-locations.js';
import { recordsNoUnitTime, responseTimes, type ResponseTimeRow } from './response-times.js';
import { roundedPeriod, rowsOf, withoutFloatNoise, type TableResult } from './result.js';
import { counted } from './counted.js';
import { literal } from '../util/sql.js';
import { severityMix, type SeverityMixRow } from './severity-mix.js';
import { areaWarnings, type AreaJoin, type BoundaryLayer } from './spatial-join.js';
import { callsHavePoints, prepareStoreAnalysis, receivedIs, type StoreClasses } from './store-inputs.js';
import type { ReceivedIs } from '../time/intervals.js';
import { canonicalZone } from '../time/zone-transitions.js';
import { eligibleHours, timeOnTask, type EligibleHoursRow, type TimeOnTaskRow } from './time-on-task.js';
import { stageOutTables, tablesJson, writeStoreTables } from './write-tables.js';
import { openScratchEngine } from '../store/duckdb.js';
import { requireStore, type StoreManifest } from '../store/store.js';
import { parseProfile } from '../sources/load-profile.js';
import { UserError } from '../util/user-error.js';
import { checkOutputDir, refuseInsideStore } from '../util/publish.js';
import { cutLongWords, inSentence, listInWords } from '../util/words.js';

export interface AnalyzeOptions {
  store: string;
  /** First and last local day, YYYY-MM-DD; the store's first and last day by default. */
  from?: string;
  to?: string;
  /** Denominator of the headline figures (eligible demand, funnel, severity, pathways). */
  denominator?: string;
  /** Target diverted share, 0-1 (0.2). */
  target?: number;
  horizonYears?: number;
  city?: string;
  mapping?: string;
  /** Boundary layers: `[name=]FILE[#property]` strings or layer objects. */
  boundaries?: (string | BoundaryLayer)[];
  /** Folder for CSV files and analysis.json; none by default. */
  out?: string;
  /** Write the Parquet tables into `<store>/analysis/` (default true). */
  writeStore?: boolean;
  /** Repeat locations: fewest calls a listed block must have (11) and blocks per category (25). */
  minCount?: number;
  top?: number;
  capacity?: CapacityOptions;
  memoryLimit?: string;
  threads?: number;
}

/** Every result table, keyed by its table name. */
export interface AnalysisTables {
  diverted_share: TableResult<DivertedShareRow>;
  eligible_demand: TableResult<EligibleDemandRow>;
  funnel: TableResult<FunnelRow>;
  funnel_fallout: TableResult<FalloutRow>;
  target_gap: TableResult<TargetGapRow>;
  pathways: TableResult<PathwayRow>;
  response_times: TableResult<ResponseTimeRow>;
  time_on_task: TableResult<TimeOnTaskRow>;
  eligible_hours: TableResult<EligibleHoursRow>;
  severity_mix: TableResult<SeverityMixRow>;
  demand_hour_of_week: TableResult<HourOfWeekRow>;
  demand_monthly: TableResult<MonthlyRow>;
  demand_by_area: TableResult<AreaDemandRow>;
  capacity_plan: TableResult<CapacityRow>;
  capacity_summary: TableResult<CapacitySummary>;
  repeat_locations: TableResult<RepeatLocationRow>;
}

export type AnalysisTableName = keyof AnalysisTables;

export interface AnalyzeResult {
  store: string;
  storeVersion: string;
  /** When the tables were made (ISO 8601), as analysis.json and the store's manifest say. */
  createdAt: string;
  /** What the calls' received times record: response and total times run from it (store-inputs.ts). */
  receivedIs: ReceivedIs;
  period: Period;
  denominator: Denominator;
  classification: Pick<
    StoreClasses,
    'city' | 'mappingFile' | 'settingsFile' | 'types' | 'automaticTypes' | 'unreviewedTypes'
  >;
  /** The boundary layers joined (without the engine's internal relation name). */
  areas: Omit<AreaJoin, 'relation'>[];
  quality: PreparedQuality;
  /** What looks wrong with the period (period-check.ts): quiet first or last months, months without calls. */
  warnings: string[];
  tables: AnalysisTables;
  /** Folders written: `<store>/analysis` and the --out folder, or null. */
  written: { store: string | null; out: string | null };
  seconds: number;
}

type DocumentParts = Pick<
  AnalyzeResult,
  | 'storeVersion'
  | 'createdAt'
  | 'receivedIs'
  | 'period'
  | 'denominator'
  | 'classification'
  | 'areas'
  | 'quality'
  | 'warnings'
>;

/**
 * What analysis.json, the store's manifest and `--json` say above the tables, in one spelling: the
 * tables' own (snake_case), not the library's. `--json` printed `storeVersion` where the file has
 * `store_version`, so a script written against one failed on the other.
 */
export function documentHeader(r: DocumentParts): Record<string, unknown> {
  const c = r.classification;
  return {
    store_version: r.storeVersion,
    created_at: r.createdAt,
    received_is: r.receivedIs,
    // Years and weeks of a period are fractions, rounded as every figure of the tables is (docs/metrics.md).
    period: roundedPeriod(r.period),
    denominator: r.denominator,
    classification: {
      city: c.city,
      mapping_file: c.mappingFile,
      settings_file: c.settingsFile,
      types: c.types,
      automatic_types: c.automaticTypes,
      unreviewed_types: c.unreviewedTypes,
    },
    areas: r.areas,
    quality: r.quality,
    warnings: r.warnings,
  };
}

function checkOptions(o: AnalyzeOptions): { denominator: Denominator; target: number; horizon: number } {
  const denominator = checkDenominator(o.denominator);
  const target = o.target ?? 0.2;
  if (!(target > 0 && target < 1))
    throw new UserError(
      `--target must be a share between 0 and 1; got ${target}.`,
      'for 20% write --target 0.2.',
    );
  // Clamped in silence before.
  checkMinCount(o.minCount);
  const horizon = o.horizonYears ?? 1;
  if (!(horizon > 0))
    throw new UserError(
      `--horizon-years must be positive; got ${horizon}.`,
      'for example --horizon-years 3.',
    );
  return { denominator, target, horizon };
}

/** What looks wrong with the data of a run, said by `analyze` and in the report's notes alike. */
export async function analysisWarnings(
  ctx: AnalysisContext,
  tables: AnalysisTables,
  areas: readonly AreaJoin[],
  classes: Pick<StoreClasses, 'warnings'>,
  denominator: Denominator,
  idColumns: Record<string, string[]> = {},
): Promise<string[]> {
  const notes = [
    ...(await periodNotes(ctx, tables)).map((n) => noteText(n)),
    ...areaWarnings(areas, ctx.layerPoints),
    ...linkWarnings(ctx.quality, ctx.period, idColumns),
    ...typeWarnings(ctx.quality),
    ...incidentWarnings(tables, denominator, ctx.quality),
    ...midnightWarnings(tables),
    ...recordWarnings(ctx, tables.eligible_demand.rows),
    ...pathwayRecordWarnings(ctx, tables),
    ...planWarnings(tables.capacity_summary.rows[0], false, tables.capacity_summary.definition.quality),
    ...scheduleWarnings(tables.capacity_plan.definition.parameters?.schedule),
    ...zoneWarnings(ctx.sourceZones),
    // Without an initial type no call is eligible, and these notes blamed each responder's types for
    // what typeWarnings says once (tester 105).
    ...(ctx.quality.untyped === ctx.quality.calls_in_period
      ? []
      : await outsideEligibilityWarnings(ctx, tables.eligible_demand.rows, denominator)),
    ...classes.warnings,
  ];
  return notes.map((n) => cutLongWords(n));
}

/**
 * Sources in different time zones are of different cities or agencies, whose priorities are scales of their
 * own: a store of Minneapolis' and Seattle's calls pooled their priority 3s in one median, timed from the
 * pickup and from the queue, and one city's mapping and settings classified both, with nothing said (tester
 * 322).
 */
function zoneWarnings(zones: readonly { source: string; zone: string }[]): string[] {
  // Two names of one zone (`US/Eastern` beside `America/New_York`) are one city's (tester 326).
  if (new Set(zones.map((z) => canonicalZone(z.zone))).size < 2) return [];
  return [
    `The store's sources are in different time zones (${zones.map((z) => `${z.source}: ${z.zone}`).join(', ')}), most likely of different cities or agencies: each reads its local times in its own zone, but the tables by priority pool their priorities by the number written (each source's own scale), and one city's mapping and settings classify every call. Analyse each city in a store of its own for figures by priority.`,
  ];
}

/** The note on overlapping shifts of the schedule the plan was given (its spec, as the plan records it). */
function scheduleWarnings(spec: string | number | boolean | null | undefined): string[] {
  const note = typeof spec === 'string' ? scheduleOverlapNote(parseSchedule(spec)) : null;
  return note ? [note] : [];
}

/**
 * Assumptions the capacity plan's figures rest on, said where scripts and the report read the notes too
 * (tester 212: only the terminal's capacity line said them).
 */
function planWarnings(
  plan: CapacitySummary | undefined,
  publishable = false,
  quality: Record<string, unknown> = {},
): string[] {
  if (!plan) return [];
  // The team's busy time is the committed time of those of its calls that record one: with nine in ten
  // of its calls without, "busy 2.7% of staffed time" read as an idle team (tester 308).
  const [own, timed] = [Number(quality.own_calls ?? 0), Number(quality.own_calls_with_service_time ?? 0)];
  const unmeasured =
    plan.service_source === 'own_calls' && own > 0 && timed < 0.9 * own
      ? [
          `The busy time of ${plan.responder} (busy_unit_hours${plan.utilisation_scheduled !== null ? ', and the utilisation of the schedule' : ''}) counts only those of its own calls with a valid committed time (from a unit being assigned to it being cleared)${publishable ? ', fewer than nine in ten of them' : `, ${timed.toLocaleString('en-US')} of its ${own.toLocaleString('en-US')}`}: the others record no assignment or clearance, or an implausible one, so read it as a floor of the team's work, not its whole.`,
        ]
      : [];
  if (plan.eligible_calls === 0 || plan.service_minutes === null) return unmeasured;
  return [
    ...unmeasured,
    ...(plan.travel_source === 'assumed_zero'
      ? [
          `The capacity plan for ${plan.responder} assumes calls are reached the moment a unit is free: too few calls record call-taking, dispatch and travel${publishable ? '' : ` (${plan.travel_sample ?? 0} of its own have dispatch and travel, too few to use)`}, so its units are the fewest the goal could need, not what it needs.`,
        ]
      : []),
    // Its Seattle telephone reports' "arrivals" were planned as a unit's travel (tester 384's counting).
    ...(plan.travel_source === 'not_applicable'
      ? [
          `The capacity plan for ${plan.responder} plans report-takers, not units on the road: it sends no unit (311 / online / telephone report), so a call counts as reached when a report-taker is free, with no call-taking, dispatch or travel added; any arrival time its calls have is when the report was taken, not a unit's arrival.`,
        ]
      : []),
    // The planner takes the eligible calls' mean when the responder's own are too few, and planned on a
    // mean of 2 calls without a word (tester 212). The public edition says so without the count, which it
    // may hide (tester 220: it said nothing).
    ...(plan.service_sample < MIN_SERVICE_SAMPLE
      ? [
          `The capacity plan for ${plan.responder} takes its service time${publishable ? '' : `, ${minutesText(plan.service_minutes)} a call,`} from ${publishable ? '' : `only ${plan.service_sample} ${plan.service_sample === 1 ? 'call' : 'calls'} with a valid time (`}fewer than ${MIN_SERVICE_SAMPLE}${publishable ? ' calls with a valid time' : ')'}, too few for a firm mean: read its units as a rough guide, or plan over a longer period.`,
        ]
      : []),
  ];
}

/**
 * A responder most of whose calls are of types its current eligibility does not give it: its "handled
 * vs eligible" reads over 100% and its handled share of its eligible calls near nothing, and the pathways
 * leave those calls out (not their types, which may rank for another responder or phase: tester 340),
 * which no reader can make sense of (tester 76: Burlington's online reports are half larceny and
 * vandalism, which the classification takes for crimes in progress). Named with its commonest such
 * types, for the analyst to check their classification. `hiddenBelow`: the public edition's, without a count
 * and without the advice, its types named only where they hold more calls than that (tester 360: Burlington's
 * public page showed "property crime in progress" 42% diverted online, and left this note out as one of counts).
 */
export async function outsideEligibilityWarnings(
  ctx: AnalysisContext,
  rows: readonly EligibleDemandRow[],
  denominator: Denominator,
  hiddenBelow?: number,
): Promise<string[]> {
  const names = new Map(ctx.responders.map((r) => [r.id, r.name]));
  const out: string[] = [];
  for (const r of rows) {
    const outside = r.handled_all - r.handled_eligible;
    if (r.phase !== 'current' || r.responder === 'any_alternative' || r.handled_all < 20) continue;
    if (outside <= r.handled_all / 2) continue;
    // Eligibility is judged by the initial type: calls without one are said apart, with their own advice
    // (tester 231: 546 of 575 calls had none, and were named by their final types as types to reclassify).
    const types = await rowsOf<{ t: string | null; n: number }>(
      ctx.conn,
      `SELECT call_type_initial AS t, sum(_n)::DOUBLE AS n
       FROM ${await counted(ctx)}
       WHERE responder = ${literal(r.store_responder)} AND NOT list_contains(eligible_current, ${literal(r.responder)})
         AND ${DENOMINATORS[denominator].where}
       GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const untyped = types.find((x) => x.t === null)?.n ?? 0;
    const top = types.filter((x) => x.t !== null).slice(0, 3);
    const typed = outside - untyped;
    const name = names.get(r.responder) ?? r.responder;
    const where = `under the denominator (${DENOMINATORS[denominator].label.toLowerCase()})`;
    if (hiddenBelow !== undefined) {
      const named = top.filter((x) => x.n > hiddenBelow).map((x) => x.t!);
      const kinds = [
        typed > 0 &&
          `of types its current eligibility does not give it${named.length ? ` (most often ${listInWords(named)})` : ''}`,
        untyped > 0 && 'with no initial call type, by which eligibility is judged',
      ].filter(Boolean);
      out.push(
        `Most of the calls ${inSentence(name)} handled in the period ${where} are ${kinds.join(', or ')}: its handled-to-eligible ratio counts them, its share of its eligible calls does not, and the pathways leave such calls out.`,
      );
      continue;
    }
    const parts = [
      typed > 0 &&
        `${fmtCount(typed)} of them of types its current eligibility does not give it (most: ${top.map((x) => `${x.t}, ${fmtCount(x.n)}`).join('; ')})`,
      untyped > 0 &&
        `${fmtCount(untyped)}${typed > 0 ? '' : ' of them'} with no initial call type, by which eligibility is judged`,
    ].filter(Boolean);
    const advice = [
      typed > 0 &&
        'Check how those types are classified (`safegap classify review`, docs/classification.md).',
      untyped > 0 &&
        "A call without an initial type is eligible for no responder: check that the profile maps the export's initial type column (`fields.call_type_initial`, docs/profiles.md).",
    ].filter(Boolean);
    out.push(
      `${name[0]!.toUpperCase()}${name.slice(1)} handled ${fmtCount(r.handled_all)} of the period's calls ${where}, ${parts.join(', and ')}: its handled-to-eligible ratio counts them, its share of its eligible calls does not, and the pathways leave such calls out. ${advice.join(' ')}`,
    );
  }
  return out;
}

const fmtCount = (n: number) => n.toLocaleString('en-US');

/**
 * Alternative responders eligible for calls of the period that no source records as handling a call:
 * Burlington's export has no responder column, and its crisis team "handled 0.0%" of its eligible calls.
 * `publishable`: without the table's column name and the advice to the analyst.
 */
export function recordWarnings(
  ctx: AnalysisContext,
  rows: readonly EligibleDemandRow[],
  options: { publishable?: boolean } = {},
): string[] {
  const names = new Map(ctx.responders.map((r) => [r.id, r.name]));
  const unrecorded = unrecordedResponders(rows).map((id) => inSentence(names.get(id) ?? id));
  if (!unrecorded.length) return [];
  const one = unrecorded.length === 1;
  const said = `No source of the store records calls handled by ${listInWords(unrecorded)}: no profile rule gives ${one ? 'it' : 'them'} as a call's responder. How many of ${one ? 'its' : 'their'} eligible calls ${one ? 'it' : 'they'} took is not recorded, not 0; the diverted share, and the calls any alternative responder handled, count only the responders a source records.`;
  return [
    options.publishable
      ? said
      : `${said} (handled_recorded is false in eligible_demand.) Add a source that records them (the team's own log, docs/profiles.md), or a responder rule to the profile if the export does show them.`,
  ];
}

/**
 * The pathways' calls for responders no source records handling: ranked as calls still to divert, though
 * some may be theirs already (tester 331: 1,424 of Minneapolis' 3,201 current-practice calls were Fire /
 * EMS's and traffic control's, and "eligible calls suffice" rested on them, in silence).
 */
export function pathwayRecordWarnings(ctx: AnalysisContext, tables: AnalysisTables): string[] {
  const unrecorded = new Set(unrecordedResponders(tables.eligible_demand.rows));
  const rows = tables.pathways.rows;
  const theirs = rows.filter((r) => unrecorded.has(r.responder));
  const calls = (rs: readonly PathwayRow[]) => rs.reduce((a, r) => a + r.calls, 0);
  if (!theirs.length || !calls(theirs)) return [];
  const names = new Map(ctx.responders.map((r) => [r.id, r.name]));
  const who = [...new Set(theirs.map((r) => r.responder))].map((id) => inSentence(names.get(id) ?? id));
  return [
    `${fmtCount(calls(theirs))} of the ${fmtCount(calls(rows))} calls the pathways rank (${Math.round((100 * calls(theirs)) / calls(rows))}%) are eligible for ${listInWords(who)}, whom no source records handling calls: some may be theirs already, which the diverted share leaves out and the pathways count as still to divert, so the calls the target needs and the phase whose eligible calls suffice may differ from what they say. A source that records those responders' calls would tell.`,
  ];
}

/**
 * The period's notes (period-check.ts: days without calls, empty months, stray records, gaps, a short
 * period), the first of either edition's: the report's summary puts them first too (tester 343).
 * `hiddenBelow`: the public edition's, without counts that can be 1 to 10. Each note's finding and advice
 * apart: the public page prints the finding alone (noteText).
 */
export async function periodNotes(
  ctx: AnalysisContext,
  tables: AnalysisTables,
  hiddenBelow?: number,
): Promise<PeriodNote[]> {
  const days = await periodDays(ctx);
  const m = ctx.quality.months_without_main_source;
  return periodCheck(ctx.period, tables.demand_monthly.rows, days.withCalls, {
    edges: days,
    ...(hiddenBelow !== undefined ? { hiddenBelow } : {}),
    // Where the caveat on sources that share no month applies to the period (linkWarnings), and the
    // report's Read first says it in either edition.
    ...(m && !m.shared_month && mainSourceGapMonths(ctx.quality, ctx.period).length
      ? { mainSource: { first: m.first, last: m.last } }
      : {}),
  });
}

/**
 * The notes a public report may carry: the period's, without counts that can be 1 to 10, the
 * responders no source records, those whose calls are mostly outside their eligibility, the schedule's
 * overlapping shifts and the sources' time zones (no count at all). The others hold counts of calls (linked, untyped) or are advice to the
 * analyst.
 */
export async function publishableWarnings(
  ctx: AnalysisContext,
  tables: AnalysisTables,
  hiddenBelow: number,
  denominator: Denominator,
): Promise<string[]> {
  return [
    // With their advice: `report` prints these to the analyst too (src/cli/report.ts); the page, the
    // findings alone (method.ts).
    ...(await periodNotes(ctx, tables, hiddenBelow)).map((n) => noteText(n)),
    ...recordWarnings(ctx, tables.eligible_demand.rows, { publishable: true }),
    ...incidentWarnings(tables, denominator, ctx.quality),
    ...midnightWarnings(tables, true),
    ...planWarnings(tables.capacity_summary.rows[0], true, tables.capacity_summary.definition.quality),
    // Of the schedule given, no count: the public page answered a mistyped schedule without it (tester 364).
    ...scheduleWarnings(tables.capacity_plan.definition.parameters?.schedule),
    ...(ctx.quality.untyped === ctx.quality.calls_in_period
      ? []
      : await outsideEligibilityWarnings(ctx, tables.eligible_demand.rows, denominator, hiddenBelow)),
    // Sources and zones, no count: a public page pooling two cities' priorities said nothing (tester 326).
    ...zoneWarnings(ctx.sourceZones),
  ];
}

/**
 * A source with no unit time and no way in is most likely a record of incidents, not of calls: a tester's
 * Minneapolis incident reports were presented as "calls for service" with response times "pickup to first
 * unit", and compared with a study of Seattle's calls, without a word.
 */
export function incidentWarnings(
  tables: AnalysisTables,
  denominator: Denominator,
  quality: Pick<PreparedQuality, 'calls_in_period' | 'calls_in_store'>,
): string[] {
  const q = tables.diverted_share.definition.quality;
  // A denominator that holds none of the period's calls leaves every figure over it empty, response times
  // too, so those cannot say whether the calls have unit times (tester 102: Seattle's dispatch file, whose
  // 1,000 calls have assignment times, was called a record of incidents under calls_911).
  const counted = tables.diverted_share.rows.find((r) => r.denominator === denominator && r.period === 'all');
  // A short period may just hold none (tester 331: a day of Seattle's sample with no 911 call was told to
  // map origins, which the profile does), unless it holds the whole store (tester 337: a 4-day export
  // mapping no origin was sent to a longer period first).
  const short =
    tables.diverted_share.definition.period.days < 28 && quality.calls_in_period < quality.calls_in_store;
  const days = tables.diverted_share.definition.period.days;
  if (q.calls && !counted?.denominator_calls)
    return [
      `No call of the period counts in the denominator \`${denominator}\` (${DENOMINATORS[denominator].label.replace(/ \(.*\)$/, '').toLowerCase()}): ${short ? `the period's ${days === 1 ? 'day holds' : `${days} days hold`} none of its calls` : "no call's origin puts it there"}, so every share, eligibility and response time over it is empty (the capacity plan counts every origin). ${short ? "Choose a longer period (--from, --to) or another --denominator; if no call of the store came so, map how calls came in (`origin` in the source's profile, docs/profiles.md)." : "Map how calls came in (`origin` in the source's profile, docs/profiles.md), or choose another --denominator."}`,
    ];
  if (!recordsNoUnitTime(tables.response_times.rows) || !q.calls) return [];
  if (!q.calls_911 && !q.officer_initiated)
    return [
      `No call of the period has a unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival) or says it came by 911 or was officer-initiated: the source may be a record of incidents, reported or written up after the fact, rather than of calls for service, or its profile maps neither. Either way no response time can be measured and the denominators cannot tell 911 and officer-initiated calls from others; if its calls are incident reports, their types were written after the fact and say more than a dispatcher knew (docs/profiles.md, "Incident exports").`,
    ];
  // Calls with origins and no unit time at all (Burlington's export has no such column): the report gave
  // the reasons a call goes without an arrival, not that the export has none (tester 106).
  return [
    "No call of the period has a unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival): the export records when calls were received and not when units were sent or arrived, or its profile maps no such column. No response time, time on task or service time can be measured, and no capacity plan made; map the unit time columns if the export has them (`times` in its profile, docs/profiles.md).",
  ];
}

/**
 * Most calls in the hour after midnight: a received time of dates alone (a tester's draft mapped
 * `reportedDate`, always 00:00, and the report named Monday 00:00 the busiest hour without a word).
 */
export function midnightWarnings(tables: AnalysisTables, publishable = false): string[] {
  const all = tables.demand_hour_of_week.rows.filter((r) => r.group_by === 'all');
  const calls = all.reduce((a, r) => a + r.calls, 0);
  const atZero = all.filter((r) => r.hour === 0).reduce((a, r) => a + r.calls, 0);
  if (!calls || atZero < 0.5 * calls) return [];
  return [
    // The public edition gives no share: it could be made of a small count.
    `${publishable ? 'Most' : `${Math.round((100 * atZero) / calls)}%`} of the period's calls were received between 00:00 and 00:59: the received time may hold dates alone (a date column mapped as a time), and every figure by hour, every response time and the capacity plan would then be wrong. Map a column with the time of day, or the date and time columns together (docs/profiles.md).`,
  ];
}

/**
 * The period's days with calls, its edge days' calls and the store's first and last days, queried once per
 * analysis (both kinds of notes need them).
 */
type PeriodDays = Awaited<ReturnType<typeof periodDayCounts>> & {
  storeFirstDay: string;
  storeLastDay: string;
};
const daysOf = new WeakMap<AnalysisContext, Promise<PeriodDays>>();
function periodDays(ctx: AnalysisContext): Promise<PeriodDays> {
  let days = daysOf.get(ctx);
  if (!days)
    daysOf.set(
      ctx,
      (days = periodDayCounts(ctx.conn, ctx.period).then((d) => ({
        ...d,
        storeFirstDay: ctx.storeDays.first,
        storeLastDay: ctx.storeDays.last,
      }))),
    );
  return days;
}

/**
 * Calls without a call type have no category and are eligible for nothing: a source without a type column
 * (Seattle's dispatch file) read as "no call is eligible for an alternative responder", and nothing said why.
 */
export function typeWarnings(q: PreparedQuality): string[] {
  if (!q.untyped) return [];
  const fix =
    "Map the source's call type column as it was when the call came in (`call_type_initial` in its profile; the final type alone does not say what a dispatcher knew), or combine it with a source that has one (docs/profiles.md).";
  if (noCallTyped(q))
    return [
      `No call of the period has an initial call type: no category or eligibility can be judged, so every eligibility, funnel, pathway and capacity figure reads as none. ${fix}`,
    ];
  // Some calls have a type, so a column is mapped: the advice to map one misled for Burlington, whose 12
  // untyped calls hold `NA` (tester 106).
  return [
    `${q.untyped.toLocaleString('en-US')} of the period's ${q.calls_in_period.toLocaleString('en-US')} calls have no initial call type: they have no category and are eligible for no alternative responder. Their call type is empty, or one of the profile's nulls, in the export; or their source's profile maps no initial call type (\`call_type_initial\`; the final type alone does not say what a dispatcher knew).`,
  ];
}

/**
 * The period's months without the main source's records where other sources have some (linkWarnings).
 * None where the sources share no month and the period lies outside the main source's: its figures are
 * the other sources' alone, as "analyse each source's months apart" asks, yet the caveat said so (tester
 * 351: Seattle's four days of dispatch, after its sample of 2018-2023; the report's Read first did not,
 * tester 344). Where they share one, its advice (the months every source covers) still holds.
 */
export function mainSourceGapMonths(
  q: Pick<PreparedQuality, 'months_without_main_source'>,
  period: Pick<Period, 'from' | 'to'>,
): string[] {
  const m = q.months_without_main_source;
  const [from, to] = [period.from.slice(0, 7), period.to.slice(0, 7)];
  if (!m || (!m.shared_month && (m.first > to || m.last < from))) return [];
  return m.months.filter((x) => x >= from && x <= to);
}

/**
 * Each source's `id` columns, as the profile of its latest run whose profile still parses (the store's
 * manifest keeps every run's) reads them: what the unlinked-records note quotes (linkWarnings).
 */
export function sourceIdColumns(
  manifest: Pick<StoreManifest, 'runs' | 'profiles'>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const run of manifest.runs) {
    const p = manifest.profiles[run.profile_sha256];
    if (!p) continue;
    try {
      const id = parseProfile(p.text, p.name).id;
      const column = typeof id === 'object' && !Array.isArray(id) ? id.column : id;
      out[run.source] = typeof column === 'string' ? [column] : [...column];
    } catch {
      // A profile that no longer parses (an older schema): the note names no columns.
    }
  }
  return out;
}

/** How a profile's `id` of these columns is written in it. */
const idYaml = (cols: readonly string[]) =>
  `id: ${cols.length === 1 ? JSON.stringify(cols[0]) : `[${cols.map((c) => JSON.stringify(c)).join(', ')}]`}`;

/**
 * Calls linked across sources whose records lie days apart: most likely two numbering schemes colliding.
 * `idColumns`: each source's `id` columns (sourceIdColumns), quoted in the note on a source's unlinked records.
 */
export function linkWarnings(
  q: PreparedQuality,
  period: Pick<Period, 'from' | 'to'>,
  idColumns: Record<string, readonly string[]> = {},
): string[] {
  const out: string[] = [];
  if (q.linked_far_apart) {
    const days = q.linked_far_apart_days ?? 1;
    out.push(
      `${q.linked_far_apart} call${q.linked_far_apart === 1 ? '' : 's'} of the store link records of different sources received more than a day apart (up to ${days.toFixed(days < 10 ? 1 : 0)} days): records are linked by their id alone, so some of these may be different calls counted as one. Check that each source's \`id\` holds the CAD's incident number, not a number of its own (a 311 or team log's own numbers can coincide with the CAD's).`,
    );
  }
  for (const o of q.linked_clock_offsets) {
    const [lo, hi] = o.hours.map(Math.abs).sort((x, y) => x - y);
    const hours = lo === hi ? `${lo} hour${lo === 1 ? '' : 's'}` : `${lo} or ${hi} hours`;
    out.push(
      `${o.offset_calls.toLocaleString('en-US')} of the ${o.calls.toLocaleString('en-US')} calls that sources ${o.sources[0]} and ${o.sources[1]} share were received ${hours} apart, ${o.sources[o.hours[0] > 0 ? 1 : 0]}'s later: one source's times are most likely read on the wrong clock (times written in UTC without an offset, read as local time), which moves every time it gives a call, response times included. Check \`time_zone\` and \`timestamps.clock\` in both profiles (docs/time.md) and ingest the source again with the right ones.`,
    );
  }
  const main = q.months_without_main_source?.source ?? 'the main source';
  // One note for every source whose records within the main source's span share no id (context.ts lists
  // which): they are counted as calls of their own, said whether few or most link (tester 362: a log whose
  // CAD numbers were a fifth blank, most linked, was said nowhere), with how many lie where and when a call
  // of the main source does, the likely double counts.
  const n = (x: number) => x.toLocaleString('en-US');
  const within = `received within ${NEAR_SECONDS / 60} minutes at the same block address, or within ${NEAR_METRES} m,`;
  for (const u of q.unlinked_sources) {
    const apart = u.records - u.linked;
    // A responder's log of dispatched calls (most time an arrival) of which fewer than half link: the main
    // source most likely holds them under ids written otherwise (testers 114, 115).
    const otherwise = u.records >= 20 && u.linked < u.records / 2 && u.arrived > u.records / 2;
    const of = u.with_place === apart ? 'them' : `the ${n(u.with_place)} with a block address or point`;
    const near = !u.with_place
      ? `None has a block address or point, so which are calls of ${main} cannot be told.`
      : u.near_main
        ? `${n(u.near_main)} of ${of} ${u.near_main === 1 ? 'has' : 'have'} a call of ${main} ${within} that no linked record of ${u.source} claims: most likely the same call${u.near_main === 1 ? '' : 's'}, counted twice.`
        : `None of ${of} has a call of ${main} ${within} that no linked record of ${u.source} claims: most likely calls of the source's own.`;
    // The source's own profile's columns: the note quoted the crisis log's `["CAD Ref", "Contact ID"]` for a
    // 311 export read by `["CAD Incident", "SR Number"]`, in a store without the log (tester 385).
    const cols = idColumns[u.source] ?? [];
    const column =
      cols.length > 1
        ? `the column \`${cols[0]}\`, which ${u.source}'s profile's \`id\` reads first (\`${idYaml(cols)}\`),`
        : cols.length === 1
          ? `a column that ${u.source}'s profile's \`id\` reads first, before the one it reads now (\`${idYaml([`${main}'s number`, cols[0]!])}\` for \`${idYaml(cols)}\`),`
          : `the column ${u.source}'s profile's \`id\` reads first (its own number after it),`;
    const fix = [
      ...(u.near_main || !u.with_place
        ? [
            `Write ${main}'s number in ${column} for every call ${main} had (docs/profiles.md, "Several sources for one city") and ingest the sources into a fresh store`,
          ]
        : []),
      ...(otherwise
        ? [
            `if ${main} holds them under ids written otherwise (\`2022-243932\` for \`22-243932\`), give both profiles' \`id\` normalisers that write them alike, or have the export fixed`,
          ]
        : []),
    ];
    const then = fix.length
      ? ` ${fix.join('; ').replace(/^if/, 'If')}; if they are calls of the source's own, nothing is wrong.`
      : '';
    out.push(
      `${n(apart)} of the ${n(u.records)} records of source ${u.source} received within the span of ${main} ${apart === 1 ? 'shares' : 'share'} no id with another source${otherwise ? ", though most time an arrival, as a responder's log of dispatched calls does" : ''}: ${apart === 1 ? 'it is counted as a call of its own' : 'they are counted as calls of their own'}, apart from ${main}'s. ${near}${then}`,
    );
  }
  for (const l of q.lookalike_ids)
    out.push(
      `${l.ids.toLocaleString('en-US')} ${l.ids === 1 ? 'id' : 'ids'} of source ${l.source} ${l.ids === 1 ? 'is one' : 'are ones'} ${l.main} holds written another way (such as \`${l.example[0]}\` and \`${l.example[1]}\`): records are linked by id as written, so if they are the same calls, each is counted twice, once per source. Give both profiles' \`id\` normalisers that write them alike (\`digits_only\` on both sides; docs/profiles.md) and ingest into a fresh store; if they are different calls, nothing is wrong.`,
    );
  const m = q.months_without_main_source;
  const months = mainSourceGapMonths(q, period);
  if (m && months.length) {
    const list =
      months.length > 3 ? `${months[0]} to ${months.at(-1)} (${months.length} months)` : months.join(', ');
    // Sources that share no month (Seattle's two files) have no period that serves both (tester 115).
    const fix = m.shared_month
      ? 'Give --from and --to for the months every source covers, or ingest the missing export.'
      : `No month holds records of ${m.source} and of another source: analyse each source's months apart (--from and --to), or ingest the missing exports.`;
    out.push(
      `${m.source}, the main source (the most 911 calls, else the most records; ${m.first} to ${m.last}), has no records, or a tenth of its usual month's at most, in ${list}, where other sources have records: those months' figures count the other sources' calls alone (a responder's own log alone reads as all diverted), and per-year figures divide by the longer period. ${fix}`,
    );
  }
  return out;
}

/** Every metric over a prepared context (no files written): what analyze() and tests run. */
export async function computeTables(
  ctx: AnalysisContext,
  o: Pick<AnalyzeOptions, 'target' | 'horizonYears' | 'minCount' | 'top' | 'capacity'> & {
    denominator?: Denominator;
  } = {},
): Promise<AnalysisTables> {
  const denominator = o.denominator ?? DEFAULT_DENOMINATOR;
  const cube = await eligibilityCube(ctx);
  const f = await funnel(ctx, denominator);
  const p = await pathways(ctx, {
    denominator,
    ...(o.target !== undefined ? { target: o.target } : {}),
    ...(o.horizonYears !== undefined ? { horizonYears: o.horizonYears } : {}),
  });
  const cap = await capacityPlan(ctx, o.capacity ?? {});
  const tables: AnalysisTables = {
    diverted_share: await divertedShare(ctx),
    eligible_demand: await eligibleDemand(ctx, denominator, cube),
    funnel: f.funnel,
    funnel_fallout: f.fallout,
    target_gap: p.gap,
    pathways: p.pathways,
    response_times: await responseTimes(ctx, { denominator }),
    time_on_task: await timeOnTask(ctx),
    eligible_hours: await eligibleHours(ctx, denominator),
    severity_mix: await severityMix(ctx, denominator),
    demand_hour_of_week: await hourOfWeek(ctx),
    demand_monthly: await monthlySeries(ctx),
    demand_by_area: await areaDemand(ctx),
    capacity_plan: cap.plan,
    capacity_summary: cap.summary,
    repeat_locations: await repeatLocations(ctx, {
      ...(o.minCount !== undefined ? { minCount: o.minCount } : {}),
      ...(o.top !== undefined ? { top: o.top } : {}),
    }),
  };
  return Object.fromEntries(
    Object.entries(tables).map(([k, t]) => [k, withoutFloatNoise(t as TableResult<object>)]),
  ) as unknown as AnalysisTables;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const started = performance.now();
  const { denominator, target, horizon } = checkOptions(options);
  if (options.out) {
    const out = checkOutputDir(options.out);
    refuseInsideStore(options.out, options.store);
    // A report's folder may be published as it is: the tables (blocks, counts of 1 to 10) must not join it.
    if (existsSync(join(out, 'report.html')))
      throw new UserError(
        `--out ${options.out} holds a report (report.html), and a report's folder may be published as it is: the analysis tables, with their blocks and small counts, must not go beside it.`,
        'give analyze a folder of its own.',
      );
  }
  const state = requireStore(options.store);
  const { conn, close } = await openScratchEngine('analyse', {
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  });
  try {
    const { ctx, classes, areas, boundaries } = await prepareStoreAnalysis(conn, state, {
      ...(options.city ? { city: options.city } : {}),
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.boundaries ? { boundaries: options.boundaries } : {}),
    });
    const tables = await computeTables(ctx, {
      denominator,
      target,
      horizonYears: horizon,
      ...(options.minCount !== undefined ? { minCount: options.minCount } : {}),
      ...(options.top !== undefined ? { top: options.top } : {}),
      ...(options.capacity ? { capacity: options.capacity } : {}),
    });
    const classification = {
      city: classes.city,
      mappingFile: classes.mappingFile,
      settingsFile: classes.settingsFile,
      types: classes.types,
      automaticTypes: classes.automaticTypes,
      unreviewedTypes: classes.unreviewedTypes,
    };
    const mapOnly = boundaries.filter((b) => !areas.some((a) => a.name === b.layer.name));
    // Told to give the layer a name of its own, a store without coordinates was then refused it, and sent
    // back here (tester 216).
    const points = mapOnly.length > 0 && (await callsHavePoints(conn));
    const located = tables.repeat_locations.definition.quality.calls_with_block;
    const warnings = [
      ...(await analysisWarnings(ctx, tables, areas, classes, denominator, sourceIdColumns(state.manifest))),
      // An empty repeat_locations read as "no repeat locations", where none could be counted; the report
      // says so in its section (tester 320).
      ...(located === 0 && ctx.quality.calls_in_period > 0
        ? [
            "No call of the period has a block address, so repeat_locations is empty: no repeat location can be found, not none found. Map the source's address column in its profile (`fields: block_address`, docs/profiles.md) if its export has one.",
          ]
        : []),
      // Such a layer draws the report's map; here it did nothing, and said nothing (tester 78).
      ...mapOnly.map(
        ({ layer }) =>
          `--boundaries ${layer.name}=${layer.file} is not joined to the calls' points: the calls have a ${layer.name} of their own, which the tables use; a layer of that name only draws the report's map. ${
            points
              ? `To place the calls in its polygons by their coordinates, give it a name of its own (${layer.name}_area=${layer.file}).`
              : 'The calls have no coordinates, so they can be placed in no polygon; the tables give them by their own areas.'
          }`,
      ),
    ];
    // The relation is the engine's name for the join, nothing a reader of the tables can use.
    // Its points are the period's, as the notes count them (tester 189: the store's were given).
    const layers = areas.map(({ relation: _relation, ...layer }) => {
      const p = ctx.layerPoints.find((x) => x.name === layer.name)!;
      return { ...layer, points: p.points, located: p.points - p.unlocated, unlocated: p.unlocated };
    });
    const createdAt = new Date().toISOString();
    const received = receivedIs(state);
    const header = documentHeader({
      storeVersion: state.manifest.version,
      createdAt,
      receivedIs: received,
      period: ctx.period,
      denominator,
      classification,
      areas: layers,
      quality: ctx.quality,
      warnings,
    });
    const list = Object.values(tables) as TableResult<object>[];
    const out = options.out ? await stageOutTables(conn, options.out, list, header) : null;
    // Tests: a Ctrl-C while the tables are being written (failures.test.ts).
    if (process.env.SAFEGAP_FAULT === 'interrupt-writing') process.kill(process.pid, 'SIGINT');
    let written: { store: string | null; out: string | null };
    // Before the store's tables are replaced: both are written, or neither (tester 153).
    out?.check();
    try {
      const saved =
        options.writeStore === false
          ? null
          : await writeStoreTables(conn, state.dir, list, {
              ...header,
              store_version: state.manifest.version,
              // Absolute paths: kept in the store, not in analysis.json, which is handed on.
              classification_files: classes.files,
            });
      if (saved && 'movedTo' in saved)
        warnings.push(
          `The store moved to ${saved.movedTo} while this analysis of ${state.manifest.version} ran (an ingest committed it), so its tables were not saved in ${join(state.dir, 'analysis')}, which is left for the newer version: run analyze again for its figures.${options.out ? ` The tables in ${options.out} are of ${state.manifest.version}, as they say.` : ''}`,
        );
      // Absolute, as the store's folder is: a script that changed folders found the wrong one (tester 353).
      written = {
        store: saved && 'folder' in saved ? saved.folder : null,
        out: options.out ? resolve(options.out) : null,
      };
    } catch (e) {
      out?.abandon();
      throw e;
    }
    out?.finish();
    return {
      store: state.dir,
      storeVersion: state.manifest.version,
      createdAt,
      receivedIs: received,
      period: ctx.period,
      denominator,
      classification,
      areas: layers,
      quality: ctx.quality,
      warnings,
      tables,
      written,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    close();
  }
}

export { tablesJson };
