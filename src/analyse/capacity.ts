/**
 * Capacity planner (docs/metrics.md, "Capacity planner"): for one alternative responder, the units needed
 * in each hour of the week to meet a service goal, from the arrival rate of the calls eligible for it and
 * the service time its own calls took; the unit-hour utilisation of a schedule; and the reverse question,
 * what share of eligible calls a schedule of N units covers.
 */
import { eligibleColumn, isDiverted, type AnalysisContext, type Phase } from './context.js';
import { combosSql, counted } from './counted.js';
import { meanWait, erlangC, serviceLevel, unitsNeeded, type ServiceGoal } from './erlang.js';
import { codedValidSql, ivColumn, validSql } from './quality.js';
import { ratio, rowsOf, type TableResult } from './result.js';
import { NO_UNIT_RESPONDERS } from './response-times.js';
import { TASK_MEASURES } from './time-on-task.js';
import { minutesText } from '../util/minutes.js';
import { goalPercent } from '../util/percent.js';
import { literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';

/** Units on duty from `from` to `to` (local hours 0-24; to < from wraps past midnight), every day. */
export interface Shift {
  units: number;
  from: number;
  to: number;
}

/** Most units on duty at once: Erlang C's recursion runs once per unit for every hour of the week. */
export const MAX_UNITS_ON_DUTY = 10_000;

/** `3@07-23,2@23-07`: three units from 07:00 to 23:00, two from 23:00 to 07:00. */
export function parseSchedule(spec: string): Shift[] {
  const shifts = spec.split(',').map((part) => {
    const m = /^\s*(\d+)@(\d{1,2})-(\d{1,2})\s*$/.exec(part);
    const shift = m && { units: Number(m[1]), from: Number(m[2]), to: Number(m[3]) };
    const example =
      'for example --schedule 3@07-23,2@23-07: whole units on duty every day (a schedule names no days), from a start hour 0-23 to an end hour 1-24, whole hours (07, not 07:00; a shift may wrap past midnight)';
    // Name the shift at fault, not only the whole list (tester 296: a list of four shifts, one mistyped).
    if (!shift)
      throw new UserError(
        spec.includes(',')
          ? `--schedule \`${spec}\`: the shift \`${part.trim()}\` is not UNITS@FROM-TO.`
          : `--schedule \`${spec}\` is not a list of UNITS@FROM-TO shifts.`,
        `${example}.`,
      );
    if (shift.from > 23 || shift.to > 24)
      throw new UserError(
        `--schedule \`${part.trim()}\`: a shift starts at an hour 0-23 and ends at an hour 1-24.`,
        `${example}; a shift ending at midnight ends at 24.`,
      );
    if (shift.from === shift.to)
      throw new UserError(
        `--schedule \`${part.trim()}\` starts and ends at the same hour.`,
        `${example}; all day is ${shift.units}@0-24.`,
      );
    // A shift of 0 units is a typo or says nothing (hours no shift covers have no unit); taken, it left the
    // report blaming the team's service times for a utilisation of no staffed hour (tester 346).
    if (shift.units === 0) {
      const rest = spec
        .split(',')
        .map((p) => p.trim())
        .filter((p) => !/^0+@/.test(p));
      throw new UserError(
        `--schedule \`${part.trim()}\`: a shift of 0 units puts no unit on duty.`,
        rest.length
          ? `leave those hours out: hours no shift covers have no unit on duty (--schedule ${rest.join(',')}), or give the units the shift has.`
          : `hours no shift covers have no unit on duty, so a schedule of none is no schedule: give the units on duty, 1 or more, for example --schedule 1@${String(shift.from).padStart(2, '0')}-${String(shift.to).padStart(2, '0')}, or leave --schedule out.`,
      );
    }
    return shift;
  });
  // 10^20 units ran for ever; shifts add up, so the cap is on the units on duty in any one hour.
  const most = Math.max(...unitsByHour(shifts));
  if (most > MAX_UNITS_ON_DUTY)
    throw new UserError(
      `--schedule \`${spec.length > 60 ? `${spec.slice(0, 60)}...` : spec}\` has ${most > Number.MAX_SAFE_INTEGER ? 'more units on duty at once than' : `${most.toLocaleString('en-US')} units on duty at once, more than`} the planner takes (at most ${MAX_UNITS_ON_DUTY.toLocaleString('en-US')}).`,
      'write the units on duty at once, for example 3@07-23.',
    );
  return shifts;
}

/** Units on duty in each hour of the day under a schedule (shifts add up). */
export function unitsByHour(schedule: Shift[]): number[] {
  const units = new Array<number>(24).fill(0);
  for (const s of schedule) {
    const length = (s.to - s.from + 24) % 24 || 24;
    for (let i = 0; i < length; i++) units[(s.from + i) % 24]! += s.units;
  }
  return units;
}

/**
 * A note when shifts of a schedule overlap: their units add up there (docs/metrics.md), which a peak
 * overlay means and a mistyped hour does too (tester 296: `3@07-23,2@20-07` planned 5 units from 20:00 to
 * 23:00 in silence). Null when no hour has two shifts.
 */
export function scheduleOverlapNote(schedule: readonly Shift[]): string | null {
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  const covers = (sh: Shift, h: number) => (h - sh.from + 24) % 24 < ((sh.to - sh.from + 24) % 24 || 24);
  // The shifts with units on duty in each hour (a shift of 0 units adds none: tester 300).
  const on = Array.from({ length: 24 }, (_, h) => schedule.filter((sh) => sh.units > 0 && covers(sh, h)));
  const same = (a: Shift[], b: Shift[]) => a.length === b.length && a.every((x) => b.includes(x));
  // Runs of hours with the same two shifts or more, so that each range has one count of units; a run may
  // wrap past midnight.
  const runs: { from: number; to: number; shifts: Shift[] }[] = [];
  for (let h = 0; h < 24; h++) {
    const last = runs.at(-1);
    if (on[h]!.length < 2) continue;
    if (last && last.to === h && same(last.shifts, on[h]!)) last.to = h + 1;
    else runs.push({ from: h, to: h + 1, shifts: on[h]! });
  }
  if (
    runs.length > 1 &&
    runs[0]!.from === 0 &&
    runs.at(-1)!.to === 24 &&
    same(runs[0]!.shifts, runs.at(-1)!.shifts)
  )
    runs.at(-1)!.to = 24 + runs.shift()!.to;
  if (!runs.length) return null;
  const spec = (sh: Shift) =>
    `${sh.units}@${String(sh.from).padStart(2, '0')}-${String(sh.to).padStart(2, '0')}`;
  const parts = runs.map((r) => {
    const units = r.shifts.reduce((a, sh) => a + sh.units, 0);
    const names = r.shifts.map(spec);
    // Two all-day shifts overlap all day, not "from 00:00 to 00:00" (tester 363).
    const when = r.to - r.from === 24 ? 'all day' : `from ${hh(r.from)} to ${hh(r.to)}`;
    return `${when} (${names.slice(0, -1).join(', ')} and ${names.at(-1)}: ${units} units on duty)`;
  });
  return `The --schedule's shifts overlap ${parts.join(', ')}: their units add up there. If one shift was meant to begin as another ends, correct its hours.`;
}

export interface CapacityOptions {
  /** Alternative responder (taxonomy id); behavioural_crisis by default. */
  responder?: string;
  phase?: Phase;
  goal?: ServiceGoal;
  /**
   * Minutes every call takes besides its wait for a unit, for a "reached within" goal; by default each of
   * the responder's own calls' call-taking, dispatch and travel (reach_clock).
   */
  travelMinutes?: number;
  /** The schedule to evaluate (utilisation and coverage); none by default. */
  schedule?: Shift[];
  /** Fewest own calls with a valid service time before the planner uses all eligible calls' instead. */
  minServiceSample?: number;
}

/**
 * Fewest calls with a valid time the planner takes a responder's own service time (and stages of reaching
 * a call) from, before it takes its eligible calls' instead.
 */
export const MIN_SERVICE_SAMPLE = 30;

export interface CapacityRow {
  hour_of_week: number;
  /** ISO day of week, 1 = Monday. */
  dow: number;
  hour: number;
  eligible_calls: number;
  /** How many times this hour of the week occurs in the period. */
  hours_in_period: number;
  /** Null, with the figures built on it, for an hour of the week the period does not have (0 / 0). */
  arrivals_per_hour: number | null;
  /** Null, with every figure that needs it, when no call has a service time (a source without clearances). */
  service_minutes: number | null;
  offered_load: number | null;
  units_needed: number | null;
  p_wait_at_needed: number | null;
  service_level_at_needed: number | null;
  mean_wait_minutes_at_needed: number | null;
  /** Units on duty in the evaluated schedule (null without one) and the figures with them. */
  scheduled_units: number | null;
  p_wait_scheduled: number | null;
  service_level_scheduled: number | null;
  /** Expected calls per hour the scheduled units can take: the arrivals, or their capacity when overloaded. */
  served_per_hour_scheduled: number | null;
  /** Null for a responder with too few calls of its own to measure (service_source eligible_calls). */
  busy_unit_hours: number | null;
  utilisation_scheduled: number | null;
  /**
   * The scheduled units' busy share if they took the eligible calls they could: served calls x service time
   * / units (Erlang's occupancy, A / c capped at 1). Today's utilisation counts only the team's own calls.
   */
  occupancy_scheduled: number | null;
}

export interface CapacitySummary {
  responder: string;
  phase: Phase;
  /** Null when no call has a valid service time: nothing below that needs one can be planned. */
  service_minutes: number | null;
  /** Null when no call has a service time to take the mean of (service_sample 0), as travel_source. */
  service_source: 'own_calls' | 'eligible_calls' | null;
  service_sample: number;
  /**
   * What a reach goal's time counts from: the call's pickup (call-taking + wait for a unit + dispatch +
   * travel), or, when too few of the responder's own calls have a call-taking time, its entering the queue
   * (wait + dispatch + travel). Null for a P(wait) goal, or when the fixed part is assumed or given.
   */
  reach_clock: 'pickup' | 'queued' | null;
  /**
   * Median minutes of the part of reaching a call that is not the wait for a unit (call-taking, dispatch
   * and travel, as reach_clock says) over the responder's own calls (travel_source own_calls), or, when
   * fewer than the service sample's minimum have those stages, over its eligible calls (eligible_calls);
   * null when too few of those have them either (assumed_zero, planned as 0; travel_sample says how many
   * of its own did); or the minutes the caller gave (given); null with travel_sample for a responder that
   * sends no unit (not_applicable: nothing is added to the wait for a free report-taker). The plan uses
   * each call's own value, not this median.
   */
  travel_minutes: number | null;
  /** Null, with travel_minutes and travel_sample, for a P(wait) goal: it has no reach time. */
  travel_source: 'own_calls' | 'eligible_calls' | 'assumed_zero' | 'given' | 'not_applicable' | null;
  travel_sample: number | null;
  /**
   * Share of the calls the fixed part is taken from (travel_source) whose fixed part is within the reach
   * time: what any number of units reaches at most (null for a P(wait) goal).
   */
  reach_ceiling: number | null;
  /**
   * False when no number of units meets the goal: fewer calls than the goal's share can be reached in
   * time even with no wait (reach_ceiling <= the level). The units needed are then null. Null when no call
   * has a service time: nothing is planned, so whether units could meet the goal is unknown (tester 106).
   */
  goal_reachable: boolean | null;
  eligible_calls: number;
  /**
   * How many of the 168 hours of the week the period has: fewer than 168 (a period shorter than a week),
   * and the unit-hours "a week" below are those of these hours only. In a period shorter than a week, the
   * hours it has as they occur: a fall-back day has 25 (its repeated hour twice), as the plan counts them.
   */
  week_hours_in_period: number;
  /** Unit-hours a week the goal needs (sum of units needed over the 168 hours). */
  unit_hours_per_week_needed: number | null;
  peak_units_needed: number | null;
  scheduled_unit_hours_per_week: number | null;
  /** Share of eligible calls arriving while the schedule has a unit on. */
  share_in_scheduled_hours: number | null;
  /** Share of eligible calls the scheduled units could take (capacity-limited in overloaded hours). */
  share_served_scheduled: number | null;
  /** Share reached within the goal's time (0 for hours where the queue is overloaded). */
  share_within_goal_scheduled: number | null;
  /**
   * Busy unit-hours of the responder's own calls in the hours the schedule staffs / staffed unit-hours of
   * the schedule (work in hours it leaves empty is no load on its units: counted, 1 unit from 03:00 to 04:00
   * was 1,433% used). Null for a responder the store does not tell apart from police: no work of its own.
   */
  utilisation_scheduled: number | null;
  /**
   * Unit-hours the eligible calls the schedule could take would keep busy (served calls x service time) /
   * staffed unit-hours: how busy the schedule's units would be with the calls it is planned for.
   */
  occupancy_scheduled: number | null;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Occurrences of each hour of the week (ISO day - 1) x 24 + hour between two local days, inclusive, on the
 * clocks of a time zone: each real hour counts under the local hour it starts in, so a fall-back day has
 * its repeated hour twice and a spring-forward day lacks the skipped one.
 */
export function hourOfWeekOccurrences(from: string, to: string, timeZone = 'UTC'): number[] {
  const occ = new Array<number>(168).fill(0);
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    weekday: 'short',
  });
  // Every real hour from a day before `from` to a day after `to` (no zone is more than 14 hours off UTC),
  // kept when its local day is in the period.
  const end = Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000;
  for (let t = Date.parse(`${from}T00:00:00Z`) - 86_400_000; t < end; t += 3_600_000) {
    const p = Object.fromEntries(local.formatToParts(t).map((x) => [x.type, x.value]));
    const day = `${p.year}-${p.month}-${p.day}`;
    if (day < from || day > to) continue;
    occ[WEEKDAYS.indexOf(p.weekday!) * 24 + Number(p.hour)]! += 1;
  }
  return occ;
}

const occurrences = new WeakMap<AnalysisContext, readonly number[]>();

/** The period's occurrences of each hour of the week on the calls' clock, worked out once per analysis. */
export function periodHoursOfWeek(ctx: AnalysisContext): readonly number[] {
  let occ = occurrences.get(ctx);
  if (!occ) {
    occ = hourOfWeekOccurrences(ctx.period.from, ctx.period.to, ctx.timeZone);
    occurrences.set(ctx, occ);
  }
  return occ;
}

/**
 * Why nothing is planned when the service time is null: no valid time, or every valid one 0 (each call cleared
 * the moment a unit was assigned: tester 187 read "the source records no clearance" beside 40 valid times).
 */
export function noServiceTime(sample: number, withCount = true): string {
  // A crisis team's log records clearances and no assignment (tester 310): both are named.
  return sample > 0
    ? `each of the ${withCount ? `${sample.toLocaleString('en-US')} ` : ''}calls with a service time (from a unit being assigned to it being cleared) took 0 min, which gives the queue model no load`
    : 'no call has a valid service time (from a unit being assigned to it being cleared: the source records no assignment or no clearance, or each clearance is before the assignment or implausibly long)';
}

/** What the fixed part of reaching a call is, in words (analyze's summary; the report words its own). */
export function fixedPartText(sum: CapacitySummary, count: (n: number) => string): string {
  const stages = sum.reach_clock === 'queued' ? 'dispatch and travel' : 'call-taking, dispatch and travel';
  const minutes = minutesText(sum.travel_minutes ?? 0);
  if (sum.travel_source === 'given') return `${minutes} besides the wait for a unit, as given`;
  if (sum.travel_source === 'not_applicable')
    return `none: ${sum.responder} sends no unit (311 / online / telephone report), so no call-taking, dispatch or travel is added to the wait for a free report-taker; any arrival time its calls have is when the report was taken, not a unit's arrival`;
  if (sum.travel_source === 'assumed_zero')
    return `call-taking, dispatch and travel not measured (too few of its own calls or of the eligible calls record them: ${count(sum.travel_sample ?? 0)} of its own have dispatch and travel), so the plan assumes none`;
  return `${stages} took each call ${minutes} at the median, over ${count(sum.travel_sample ?? 0)} ${
    sum.travel_source === 'eligible_calls'
      ? 'eligible calls (too few of its own record them)'
      : 'of its own calls'
  }${
    sum.reach_clock === 'queued'
      ? ', counted from the call entering the queue: too few record call-taking'
      : ''
  }; each call's own time is used, and with no wait at all ${((sum.reach_ceiling ?? 0) * 100).toFixed(1)}% of them are reached in time`;
}

/**
 * The responder's own calls' fixed part of reaching them (`reachSql`, seconds), as shares of those calls
 * with a value: each value within `withinS` with its share (rounded to the second: a few thousand at most),
 * the values over it left out.
 */
async function fixedPart(
  ctx: AnalysisContext,
  reachSql: string,
  own: string,
  withinS: number,
): Promise<{ fixed: { x: number; w: number }[]; reached: number; total: number }> {
  const rows = await rowsOf<{ x: number | null; n: number }>(
    ctx.conn,
    `SELECT CASE WHEN v <= ${withinS} THEN round(v) END::DOUBLE AS x, count(*)::DOUBLE AS n
     FROM (SELECT (${reachSql})::DOUBLE AS v FROM ${ctx.parts.calls}
           WHERE combo_id IN (SELECT combo_id FROM ${combosSql(ctx)} WHERE ${own})) WHERE v IS NOT NULL
     GROUP BY 1 ORDER BY 1`,
  );
  const total = rows.reduce((t, r) => t + r.n, 0);
  return {
    fixed: rows.flatMap((r) => (r.x === null ? [] : [{ x: Math.min(r.x, withinS), w: r.n / total }])),
    reached: rows.reduce((t, r) => t + (r.x === null ? 0 : r.n), 0),
    total,
  };
}

export async function capacityPlan(
  ctx: AnalysisContext,
  options: CapacityOptions = {},
): Promise<{ plan: TableResult<CapacityRow>; summary: TableResult<CapacitySummary> }> {
  const responderId = options.responder ?? 'behavioural_crisis';
  const info = ctx.responders.find((r) => r.id === responderId);
  // Police are what the plan is an alternative to (the list of choices named police, then refused it).
  const isPolice = (r: { id: string; storeResponder: string }) =>
    r.id === r.storeResponder && !isDiverted(r.id);
  if (!info || isPolice(info))
    throw new UserError(
      info
        ? `The capacity planner sizes a responder other than police; got \`${responderId}\`.`
        : `Unknown responder \`${responderId}\` for the capacity planner.`,
      `choose one of ${ctx.responders
        .filter((r) => !isPolice(r))
        .map((r) => r.id)
        .join(', ')}.`,
    );
  const phase = options.phase ?? 'current';
  const goal = options.goal ?? { kind: 'service_level', withinS: 15 * 60, level: 0.8 };
  // A wait never certain to be zero, nor every call reached in time: no number of units meets such a goal,
  // and rounding would pretend a finite one does.
  const share = goal.kind === 'service_level' ? goal.level : goal.p;
  if (!(share > 0 && share < 1))
    throw new UserError(
      `The capacity goal must be a share between 0 and 1, both excluded; got ${share}.`,
      goal.kind === 'service_level'
        ? 'for example --reach-level 0.8 (80% of calls reached within the time).'
        : 'for example --max-wait-probability 0.2.',
    );
  const eligible = `list_contains(${eligibleColumn(phase)}, ${literal(responderId)})`;
  // A co-responder the store records as police (police_clinician) has no calls of its own to learn from:
  // every police call was taken for its own (54,583 calls, 36 minutes each).
  const hasOwn = isDiverted(info.storeResponder);
  const own = hasOwn ? `responder = ${literal(info.storeResponder)}` : 'FALSE';
  const committed = validSql(ivColumn('committed'));
  // Read from the per-call table, whose intervals are coded (quality.ts). Reaching a call takes its
  // call-taking, the wait for a unit (the queue Erlang C models), dispatch and travel: the first and the
  // last two are each call's own. The median alone is no plan: with Minneapolis' team (13 minutes, half its
  // calls longer) 82.8% were "reached within 15 minutes" where 56.8% would be (an outside tester's figure).
  // A fixed part of 0, every stage at one time, is a unit on scene logging the call, no evidence of how
  // fast a dispatched one is reached: Minneapolis' animal calls, 120 of a week's 144 so, made a goal out of
  // reach over two months "met" over the week, whose few own calls sent the plan to the eligible calls
  // (tester 259). Left out, as a missing time is.
  const queueToArrival = `${codedValidSql(ivColumn('dispatch'))} + ${codedValidSql(ivColumn('travel'))}`;
  const fromQueue = `nullif(${queueToArrival}, 0)`;
  const fromPickup = `nullif(${codedValidSql(ivColumn('call_taking'))} + ${queueToArrival}, 0)`;

  // The fixed part's median and sample over the calls `which` picks, from pickup and from the queue.
  const reachOf = (which: string) => `(SELECT quantile_cont((${fromPickup})::DOUBLE, 0.5)::DOUBLE AS pickup,
      count(${fromPickup})::DOUBLE AS pickup_n, quantile_cont((${fromQueue})::DOUBLE, 0.5)::DOUBLE AS queued,
      count(${fromQueue})::DOUBLE AS queued_n
    FROM ${ctx.parts.calls} WHERE combo_id IN (SELECT combo_id FROM ${combosSql(ctx)} WHERE ${which}))`;
  const [svc] = await rowsOf<{
    own_n: number;
    own_calls: number;
    own_mean: number | null;
    el_n: number;
    el_mean: number | null;
    pickup: number | null;
    pickup_n: number;
    queued: number | null;
    queued_n: number;
  }>(
    ctx.conn,
    `SELECT coalesce(sum(_valid_committed) FILTER (WHERE ${own}), 0)::DOUBLE AS own_n,
       coalesce(sum(_n) FILTER (WHERE ${own}), 0)::DOUBLE AS own_calls,
       (sum(_sum_committed) FILTER (WHERE ${own}) / sum(_valid_committed) FILTER (WHERE ${own}))::DOUBLE AS own_mean,
       coalesce(sum(_valid_committed) FILTER (WHERE ${eligible}), 0)::DOUBLE AS el_n,
       (sum(_sum_committed) FILTER (WHERE ${eligible}) / sum(_valid_committed) FILTER (WHERE ${eligible}))::DOUBLE AS el_mean,
       any_value(reach.pickup) AS pickup, coalesce(any_value(reach.pickup_n), 0) AS pickup_n,
       any_value(reach.queued) AS queued, coalesce(any_value(reach.queued_n), 0) AS queued_n
     FROM ${reachOf(own)} AS reach, ${await counted(ctx, [], TASK_MEASURES)}`,
  );
  const minSample = options.minServiceSample ?? MIN_SERVICE_SAMPLE;
  const useOwn = (svc?.own_n ?? 0) >= minSample;
  // Utilisation is of the responder's own work, measured on the sample the service time needs: without it
  // (a traffic team Minneapolis' CAD never records; one 20-minute 311 call outside the hours staffed) it
  // read "0.0% busy", an idle team, not an unmeasured one.
  const measured = hasOwn && useOwn;
  // No service time at all is no basis for a plan: zero would plan zero units and call every call reached.
  const mean = (useOwn ? svc?.own_mean : svc?.el_mean) ?? null;
  const serviceS = mean !== null && mean > 0 ? mean : null;
  // One call is no sample (311's one dispatched referral took 12 minutes off the goal).
  const given = options.travelMinutes !== undefined;
  // A responder that sends no unit (311 / online / telephone report) has no travel to plan for: Seattle's
  // `TRU -` calls give the time the report was taken as their Arrived Time, which the planner took for a
  // unit reaching the call, and the eligible calls' (police's) travel is no report-taker's either. Its
  // "units" are report-takers, a call is reached when one is free: the wait Erlang C models, nothing
  // added (travel_source not_applicable), as response times count those calls in no_unit_sent (tester 384).
  const noUnit = [responderId, info.storeResponder].some((r) =>
    (NO_UNIT_RESPONDERS as readonly string[]).includes(r),
  );
  const clockOf = (pickupN: number | undefined, queuedN: number | undefined) =>
    noUnit ? null : (pickupN ?? 0) >= minSample ? 'pickup' : (queuedN ?? 0) >= minSample ? 'queued' : null;
  const ownClock = clockOf(svc?.pickup_n, svc?.queued_n);
  // Too few of its own calls, as for the service time: the eligible calls' own stages (police's, mostly),
  // not none. Taken as none, a co-responder with no calls of its own "met" a 15-minute goal that its
  // eligible calls' call-taking, dispatch and travel alone put out of reach (tester 78). Measured only
  // then: a scan of every eligible call.
  // Of the eligible calls a unit went to: a telephone report's "travel" ends when the report was taken,
  // which response times count as no unit sent, not as reaching a call (tester 384). Their service time,
  // assigned to cleared, is kept, as response times keep it.
  // (A call of no known responder stays: NOT IN would drop it with the null.)
  const reachedEligible = `${eligible} AND NOT coalesce(responder IN (${NO_UNIT_RESPONDERS.map(literal).join(', ')}), false)`;
  const [el] =
    ownClock === null && goal.kind === 'service_level' && !given && !noUnit
      ? await rowsOf<{ pickup: number | null; pickup_n: number; queued: number | null; queued_n: number }>(
          ctx.conn,
          `SELECT pickup, coalesce(pickup_n, 0) AS pickup_n, queued, coalesce(queued_n, 0) AS queued_n FROM ${reachOf(reachedEligible)}`,
        )
      : [];
  const elClock = el ? clockOf(el.pickup_n, el.queued_n) : null;
  const fromEligible = ownClock === null && elClock !== null;
  const clock = goal.kind !== 'service_level' || given ? null : (ownClock ?? elClock);
  const sample = fromEligible ? el : svc;
  const travelN = clock === 'pickup' ? (sample?.pickup_n ?? 0) : (sample?.queued_n ?? 0);
  const travelSource = given
    ? 'given'
    : noUnit
      ? 'not_applicable'
      : clock
        ? fromEligible
          ? 'eligible_calls'
          : 'own_calls'
        : 'assumed_zero';
  const travelS = given
    ? options.travelMinutes! * 60
    : clock
      ? ((clock === 'pickup' ? sample?.pickup : sample?.queued) ?? 0)
      : 0;
  const part =
    goal.kind !== 'service_level'
      ? null
      : clock
        ? await fixedPart(
            ctx,
            clock === 'pickup' ? fromPickup : fromQueue,
            fromEligible ? reachedEligible : own,
            goal.withinS,
          )
        : {
            fixed: [{ x: travelS, w: 1 }],
            reached: travelS <= goal.withinS ? 1 : 0,
            total: 1,
          };
  const fixed = part?.fixed ?? null;
  // One division of whole counts: a sum of shares made 84 of 105 calls 0.8000000000000002, a goal of 0.8
  // "reachable", and 32 units planned for it.
  const ceiling = part ? part.reached / part.total : null;
  // A goal not below the share of calls whose fixed part alone is within the reach time: no number of units
  // meets it (planning for no wait instead had 5 units "meet" a 10-minute goal 13 minutes of travel away).
  const reachable = goal.kind !== 'service_level' || part!.reached > goal.level * part!.total * (1 + 1e-12);
  const effective: ServiceGoal = goal.kind === 'service_level' ? { ...goal, fixed: fixed! } : goal;
  const planned = serviceS !== null && reachable;

  const hours = await rowsOf<{ hour_of_week: number; eligible: number; busy_s: number }>(
    ctx.conn,
    `SELECT hour_of_week, count(*) FILTER (WHERE ${eligible})::DOUBLE AS eligible,
       coalesce(sum(${committed}) FILTER (WHERE ${own}), 0)::DOUBLE AS busy_s
     FROM ${ctx.relation} GROUP BY 1`,
  );
  const byHour = new Map(hours.map((h) => [h.hour_of_week, h]));
  const occ = periodHoursOfWeek(ctx);
  const scheduled = options.schedule ? unitsByHour(options.schedule) : null;
  const rows: CapacityRow[] = [];
  for (let how = 0; how < 168; how++) {
    const h = byHour.get(how);
    const n = h?.eligible ?? 0;
    const inPeriod = occ[how]! > 0;
    const lambda = inPeriod ? n / occ[how]! : null;
    const a = serviceS === null || lambda === null ? null : (lambda * serviceS) / 3600;
    const need = !planned || a === null ? null : unitsNeeded(a, serviceS, effective);
    const s = scheduled ? scheduled[how % 24]! : null;
    // Calls an hour the scheduled units can take: the arrivals, or their capacity when overloaded.
    const served =
      s === null || serviceS === null || lambda === null ? null : Math.min(lambda, (s * 3600) / serviceS);
    const slAt = (c: number) =>
      goal.kind !== 'service_level' || serviceS === null || a === null
        ? null
        : serviceLevel(c, a, serviceS, goal.withinS, fixed!);
    rows.push({
      hour_of_week: how,
      dow: Math.floor(how / 24) + 1,
      hour: how % 24,
      eligible_calls: n,
      hours_in_period: occ[how]!,
      arrivals_per_hour: lambda,
      service_minutes: serviceS === null ? null : serviceS / 60,
      offered_load: a,
      units_needed: need,
      p_wait_at_needed: need && a !== null ? erlangC(need, a) : null,
      service_level_at_needed: need ? slAt(need) : null,
      mean_wait_minutes_at_needed:
        need && a !== null && serviceS !== null ? meanWait(need, a, serviceS) / 60 : null,
      scheduled_units: s,
      // An hour without a call, units on: no call waits (tester 259: null read as "not computed"); with
      // none on, there is nothing to say.
      p_wait_scheduled: s === null || a === null || (a === 0 && s === 0) ? null : erlangC(s, a),
      service_level_scheduled: s === null || a === null || (a === 0 && s === 0) ? null : slAt(s),
      served_per_hour_scheduled: served,
      busy_unit_hours: measured ? (h?.busy_s ?? 0) / 3600 : null,
      utilisation_scheduled:
        s === null || s === 0 || mean === null || !inPeriod || !measured
          ? null
          : (h?.busy_s ?? 0) / 3600 / (s * occ[how]!),
      occupancy_scheduled: served === null || s === 0 ? null : (served * serviceS!) / 3600 / s!,
    });
  }
  const total = rows.reduce((x, r) => x + r.eligible_calls, 0);
  const perWeek = (f: (r: CapacityRow) => number) => rows.reduce((x, r) => x + f(r), 0);
  const calls = (f: (r: CapacityRow) => number) => rows.reduce((x, r) => x + f(r) * r.hours_in_period, 0);
  const staffed = scheduled ? calls((r) => r.scheduled_units ?? 0) : 0;
  // The hours "a week" counts: each hour of the week the period has once, or, in a period shorter than a
  // week, each as often as it occurs, as the plan and the staffed unit-hours do. A fall-back day's
  // repeated hour was counted once there and twice in the occupancy: 66 unit-hours staffed beside 64
  // scheduled (tester 346).
  const short = ctx.period.days < 7;
  const weekHours = (r: CapacityRow) => (short ? r.hours_in_period : r.hours_in_period > 0 ? 1 : 0);
  const summary: CapacitySummary = {
    responder: responderId,
    phase,
    service_minutes: serviceS === null ? null : serviceS / 60,
    // No source where nothing was measured: `eligible_calls` with a sample of 0 beside no eligible call
    // (tester 375).
    service_source: useOwn ? 'own_calls' : (svc?.el_n ?? 0) > 0 ? 'eligible_calls' : null,
    service_sample: (useOwn ? svc?.own_n : svc?.el_n) ?? 0,
    reach_clock: clock,
    // Null, not 0, when none was measured: 0 read as zero minutes of travel (tester 78), nor where there
    // is none to measure (no unit sent).
    travel_minutes:
      goal.kind === 'service_level' && travelSource !== 'assumed_zero' && travelSource !== 'not_applicable'
        ? travelS / 60
        : null,
    // Nor an assumption where nothing is planned (tester 212: `assumed_zero` beside no eligible call); a
    // fixed part measured keeps its source (tester 218: null beside its median and sample).
    travel_source:
      goal.kind !== 'service_level' || (travelSource === 'assumed_zero' && (serviceS === null || total === 0))
        ? null
        : travelSource,
    travel_sample: goal.kind === 'service_level' && travelSource !== 'not_applicable' ? travelN : null,
    // Null with nothing planned, as goal_reachable: an assumed zero travel made it 1 (tester 112).
    reach_ceiling: serviceS === null ? null : ceiling,
    goal_reachable: serviceS === null ? null : reachable,
    week_hours_in_period: perWeek(weekHours),
    eligible_calls: total,
    unit_hours_per_week_needed: planned ? perWeek((r) => (r.units_needed ?? 0) * weekHours(r)) : null,
    peak_units_needed: planned ? Math.max(...rows.map((r) => r.units_needed ?? 0)) : null,
    // Over the hours the period has, as the unit-hours needed are (a day's 24 hours against 168 scheduled).
    scheduled_unit_hours_per_week: scheduled ? perWeek((r) => (r.scheduled_units ?? 0) * weekHours(r)) : null,
    share_in_scheduled_hours: scheduled
      ? ratio(
          rows.filter((r) => (r.scheduled_units ?? 0) > 0).reduce((x, r) => x + r.eligible_calls, 0),
          total,
        )
      : null,
    share_served_scheduled:
      scheduled && serviceS !== null
        ? ratio(
            calls((r) => r.served_per_hour_scheduled ?? 0),
            total,
          )
        : null,
    share_within_goal_scheduled:
      scheduled && goal.kind === 'service_level' && serviceS !== null
        ? ratio(
            rows.reduce(
              (x, r) => x + r.eligible_calls * (r.service_level_scheduled ?? (r.offered_load === 0 ? 1 : 0)),
              0,
            ),
            total,
          )
        : null,
    // The team's own busy time over the hours staffed needs no queue model: measured when its calls all
    // took 0 minutes too (tester 187 read "not measured" beside 40 valid times).
    utilisation_scheduled:
      scheduled && mean !== null && measured
        ? ratio(
            rows.reduce((x, r) => x + ((r.scheduled_units ?? 0) > 0 ? (r.busy_unit_hours ?? 0) : 0), 0),
            staffed,
          )
        : null,
    occupancy_scheduled:
      scheduled && serviceS !== null
        ? ratio((calls((r) => r.served_per_hour_scheduled ?? 0) * serviceS) / 3600, staffed)
        : null,
  };
  const definition = {
    metric: 'capacity_plan',
    doc: 'docs/metrics.md#capacity-planner',
    period: ctx.period,
    parameters: {
      responder: responderId,
      phase,
      goal:
        goal.kind === 'service_level'
          ? `${goalPercent(goal.level)} reached within ${goal.withinS / 60} min of ${clock === 'queued' || travelSource === 'not_applicable' ? 'entering the queue' : 'pickup'}${travelSource === 'not_applicable' ? ' by a free report-taker (no unit is sent)' : ''}`
          : `at most ${goalPercent(goal.p)} of calls waiting for a unit`,
      schedule: options.schedule
        ? options.schedule.map((s) => `${s.units}@${s.from}-${s.to}`).join(',')
        : null,
    },
    quality: {
      own_calls: svc?.own_calls ?? 0,
      own_calls_with_service_time: svc?.own_n ?? 0,
      eligible_calls_with_service_time: svc?.el_n ?? 0,
    },
  };
  const num = 'DOUBLE' as const;
  return {
    plan: {
      table: 'capacity_plan',
      columns: {
        hour_of_week: 'INTEGER',
        dow: 'INTEGER',
        hour: 'INTEGER',
        eligible_calls: 'INTEGER',
        hours_in_period: 'INTEGER',
        arrivals_per_hour: num,
        service_minutes: num,
        offered_load: num,
        units_needed: 'INTEGER',
        p_wait_at_needed: num,
        service_level_at_needed: num,
        mean_wait_minutes_at_needed: num,
        scheduled_units: 'INTEGER',
        p_wait_scheduled: num,
        service_level_scheduled: num,
        served_per_hour_scheduled: num,
        busy_unit_hours: num,
        utilisation_scheduled: num,
        occupancy_scheduled: num,
      },
      rows,
      definition,
    },
    summary: {
      table: 'capacity_summary',
      columns: {
        responder: 'VARCHAR',
        phase: 'VARCHAR',
        service_minutes: num,
        service_source: 'VARCHAR',
        service_sample: 'INTEGER',
        reach_clock: 'VARCHAR',
        travel_minutes: num,
        travel_source: 'VARCHAR',
        travel_sample: 'INTEGER',
        reach_ceiling: num,
        goal_reachable: 'BOOLEAN',
        week_hours_in_period: 'INTEGER',
        eligible_calls: 'INTEGER',
        unit_hours_per_week_needed: 'INTEGER',
        peak_units_needed: 'INTEGER',
        scheduled_unit_hours_per_week: 'INTEGER',
        share_in_scheduled_hours: num,
        share_served_scheduled: num,
        share_within_goal_scheduled: num,
        utilisation_scheduled: num,
        occupancy_scheduled: num,
      },
      rows: [summary],
      definition: { ...definition, metric: 'capacity_summary' },
    },
  };
}
