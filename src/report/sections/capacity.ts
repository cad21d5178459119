/**
 * Capacity needed, from two analysis tables: the Erlang C plan for the behavioural crisis team (units
 * needed in each hour of the week to reach eligible calls within the service goal, capacity_plan and
 * capacity_summary), and the unit-hours a year that eligible calls police handled took (eligible_hours),
 * with the number of units that workload keeps busy on average: a floor, not a staffing plan.
 */
import { barChart, columnChart, figure } from '../charts.js';
import { decimal, percent, quantity, unitCount } from '../format.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { sharedCount } from '../shared-counts.js';
import { metaLine, renderTable } from '../tables.js';
import { isSmall, isSuppressed, WITHHELD, type CellValue } from '../suppress.js';
import { fact, growthFacts, partsWithinFacts, unionFacts } from '../facts.js';
import { chartCell } from './demand.js';
import { noServiceTime } from '../../analyse/capacity.js';
import { noCallTyped, PHASES, type Phase } from '../../analyse/context.js';
import { minutesText } from '../../util/minutes.js';
import { listedPathways, PHASE_NAMES, pathwayStep, todaySuppressed } from './eligible.js';

const HOURS_PER_YEAR = 365.25 * 24;

export function capacitySection(ctx: SectionContext): Section {
  const d = ctx.data;
  if (noCallTyped(d.analysisQuality))
    return {
      id: 'capacity',
      title: 'Capacity needed',
      body: html`<p>
        No call of the period has an initial call type, so which calls an alternative responder could take
        cannot be judged: neither the units it would need nor the hours police spend on those calls can be
        given (Eligible demand and pathways to the goal).
      </p>`,
    };
  const src = d.tables.eligible_hours.rows;
  const demand = (r: { phase: string; responder: string }) =>
    d.tables.eligible_demand.rows.find((e) => e.phase === r.phase && e.responder === r.responder);
  const otherHandled = (r: { phase: string; responder: string; police_handled_calls: number }) => {
    const e = demand(r);
    if (!e) return null;
    // Both tables count the denominator's calls, so the rest is never negative but for a bug.
    const rest = e.eligible_calls - r.police_handled_calls - e.handled_eligible;
    return rest >= 0 ? rest : null;
  };
  const anyName = ctx.responder('any_alternative');
  // Withheld with the diverted calls, a pathway share gives nothing of these away (eligible.ts).
  const divertedHidden = todaySuppressed(ctx);
  const types = listedPathways(ctx).all.map((x) => x.r);
  const listedUpTo = (phase: Phase, responder: string) =>
    types
      .filter(
        (t) =>
          PHASES.indexOf(t.phase as Phase) <= PHASES.indexOf(phase) &&
          (responder === 'any_alternative' || t.responder === responder),
      )
      .reduce((a, t) => a + t.calls, 0);
  const leftOut = src
    .filter((r) => r.responder === 'any_alternative')
    .reduce((a, r) => Math.max(a, r.committed_left_out), 0);
  const t = ctx.table({
    id: 'capacity_eligible_hours',
    rowHeaders: 2,
    title: 'Workload of eligible calls police handled',
    columns: [
      { key: 'phase', label: 'Phase', kind: 'text' },
      { key: 'responder', label: 'Alternative responder', kind: 'text' },
      { key: 'calls', label: 'Eligible calls police handled', kind: 'count' },
      { key: 'calls_per_year', label: 'Per year', kind: 'rate', basis: 'calls' },
      {
        key: 'hours_per_year',
        label: 'Unit-hours a year (assigned to cleared)',
        kind: 'number',
        basis: 'calls',
      },
      { key: 'units', label: 'Units busy on average, around the clock', kind: 'number', basis: 'calls' },
      { key: 'left_out', label: 'Calls without a valid committed time', kind: 'count' },
      { key: '_valid', label: 'Calls with a valid committed time', kind: 'count', hidden: true },
      { key: '_eligible', label: 'Eligible calls', kind: 'count', hidden: true },
      { key: '_handled', label: 'Eligible calls the responder handled', kind: 'count', hidden: true },
      {
        key: '_other',
        label: 'Eligible calls another non-police responder handled',
        kind: 'count',
        hidden: true,
      },
      {
        key: '_listed',
        label: 'Calls police handled of the call types the pathways list gives for it, up to this phase',
        kind: 'count',
        hidden: true,
        fixed: true,
      },
    ],
    // The eligible and handled counts carried (never shown) are the eligible-demand table's cells.
    links: [
      { column: '_eligible', key: (r) => sharedCount.eligible(String(r.phase), String(r.responder)) },
      { column: '_handled', key: (r) => sharedCount.handledEligible(String(r.phase), String(r.responder)) },
      // The funnel table carries these (facts there tie them to its counts).
      { column: 'calls', key: (r) => sharedCount.policeHandled(String(r.phase), String(r.responder)) },
      { column: 'left_out', key: (r) => sharedCount.policeLeftOut(String(r.phase), String(r.responder)) },
      // A phase's pathway share is the calls diverted today plus these (any alternative) over the calls:
      // where the pathways table withholds it with the diverted calls shown, they go too, or it came back
      // (tester 340: Burlington's current-practice x was (931 + 2,319) / 9,392).
      {
        column: 'calls',
        key: (r) => {
          const phase = PHASES.find((p) => PHASE_NAMES[p] === r.phase);
          return r.responder === anyName && phase && !divertedHidden
            ? sharedCount.pathwayShare(pathwayStep(phase))
            : null;
        },
      },
    ],
    // The any-alternative row is the union of the others; counts grow phase by phase no faster than the
    // eligible calls (tester 84: the near term's disjoint rows and the animal team's equal phases gave
    // traffic control's hidden 42 as 728 less the others).
    facts: (rows) => {
      const isWhole = (r: Record<string, CellValue>) => r.responder === anyName;
      return [
        ...unionFacts(rows, {
          columns: ['calls', 'left_out', '_valid', '_eligible'],
          groupBy: ['phase'],
          isWhole,
          disjointBy: '_eligible',
        }),
        ...partsWithinFacts(rows, { columns: ['_handled'], groupBy: ['phase'], isWhole }),
        // The pathways list's call types of a responder, eligible from this phase or an earlier one, are
        // some of its police-handled calls (tester 88: Animal Call's 23 and the team's 26 eligible calls
        // left its 1 eligible call handled at 0 to 3).
        ...rows.map((_, row) =>
          fact([
            [row, '_listed', 1],
            [row, 'calls', -1],
          ]),
        ),
        ...growthFacts(rows, {
          columns: ['calls', 'left_out', '_valid', '_handled', '_other'],
          groupBy: ['responder'],
          by: 'phase',
          order: PHASES.map((p) => PHASE_NAMES[p]),
          size: '_eligible',
        }),
      ];
    },
    // The calls are the eligible calls not handled by the responder less those another non-police
    // responder took: 59 against 55 gave 4 such calls. (When this table counted every origin, its calls
    // outside the denominator bounded a withheld count to 9 values: tester 82.)
    // Each count grows phase by phase, the phases being cumulative: the near term's 15 police-handled
    // calls bounded the potential phase's withheld ones from below, and with 20 eligible, the calls the
    // team handled to 0-5.
    orders: ['calls', 'left_out', '_valid', '_eligible', '_handled', '_other'].map((column) => ({
      column,
      groupBy: ['responder'],
      by: 'phase',
      order: PHASES.map((p) => PHASE_NAMES[p]),
    })),
    apart: [
      {
        column: 'calls',
        from: (r) =>
          typeof r._eligible === 'number' && typeof r._handled === 'number' ? r._eligible - r._handled : null,
      },
    ],
    rowSums: [
      // Eligible calls are those police handled, those the responder handled and those another non-police
      // responder took: the eligible-demand table publishes the total, so a hidden part would come back
      // by subtraction (1 taken by another responder, on a day, when the first two were shown).
      { total: '_eligible', parts: ['calls', '_handled', '_other'] },
      // Calls with a committed time and those without: where none has one, the second count is the
      // first, and would give a withheld one away.
      { total: 'calls', parts: ['_valid', 'left_out'] },
    ],
    rows: src.map((r) => ({
      phase: PHASE_NAMES[r.phase],
      responder: ctx.responder(r.responder),
      _eligible: demand(r)?.eligible_calls ?? null,
      _handled: demand(r)?.handled_eligible ?? null,
      calls: r.police_handled_calls,
      calls_per_year: r.police_handled_calls / d.period.years,
      hours_per_year: r.committed_hours_per_year,
      units: r.committed_hours_per_year === null ? null : r.committed_hours_per_year / HOURS_PER_YEAR,
      left_out: r.committed_left_out,
      _valid: r.committed_valid,
      _other: otherHandled(r),
      _listed: listedUpTo(r.phase, r.responder),
    })),
    meta: ctx.meta({
      denominator: {
        label: `Calls eligible for an alternative responder but handled by police (or an unknown responder), of ${d.denominator.label.replace(/^./, (c) => c.toLowerCase())}`,
      },
      quality: [
        { label: 'calls without a valid committed time (any alternative, largest phase)', value: leftOut },
      ],
      note: 'First unit only; per-year figures divide by the period in years.',
    }),
  });
  // The caption's count is a cell of the table (the largest left out of the any-alternative rows): it says
  // what the cell says (244 was printed beside a withheld cell).
  if (t && ctx.isPublic) {
    const i = src.findIndex((r) => r.responder === 'any_alternative' && r.committed_left_out === leftOut);
    const q = t.spec.meta.quality[0];
    if (q && i >= 0 && isSuppressed(t.rows[i]?.left_out)) q.value = WITHHELD;
  }
  const parts: Html[] = [];
  const sum = d.tables.capacity_summary.rows[0];
  const plan = d.tables.capacity_plan.rows;
  /**
   * A share of the eligible calls as the edition may print it: a share times the calls is a count (5 of 300
   * calls arriving while a unit is on read 1.7%), so the public edition leaves it out when that count or
   * the rest is from 1 to 10, as it would such a cell.
   */
  // A schedule's shares are sums of the hours it covers: beside the hours of the day table, a share gave
  // its hidden hours away (tester 197: 3.3% of 697 calls at 03:00-05:00 with 03:00 shown as 15 gave the
  // hidden 04:00's 8). Where the public edition hides any hour, it answers no schedule.
  const callsByHour = Array.from({ length: 24 }, (_, h) =>
    plan.filter((r) => r.hour === h).reduce((a, r) => a + r.eligible_calls, 0),
  );
  const hourHidden = ctx.isPublic && callsByHour.some((n) => isSmall(n));
  const shareOfEligible = (share: number | null) => {
    if (share === null || !sum || hourHidden) return null;
    const part = Math.round(share * sum.eligible_calls);
    if (ctx.isPublic && (isSmall(part) || isSmall(sum.eligible_calls - part) || isSmall(sum.eligible_calls)))
      return null;
    return percent(share);
  };
  const scheduleSpec = d.tables.capacity_plan.definition.parameters?.schedule;
  const inHours = sum ? shareOfEligible(sum.share_in_scheduled_hours) : null;
  const served = sum ? shareOfEligible(sum.share_served_scheduled) : null;
  // What could be taken is not what is reached in time: 49.5% "could take" was 2.0% within the goal.
  const withinGoal = sum ? shareOfEligible(sum.share_within_goal_scheduled) : null;
  const goalText = String(d.tables.capacity_plan.definition.parameters?.goal ?? 'the goal');
  // Eligible calls of the plan's phase the team did not take: what taking them would add to its work.
  const planned = d.tables.eligible_demand.rows.find(
    (r) => r.phase === sum?.phase && r.responder === sum?.responder,
  );
  // Taking them adds work only where calls take time: none where there is no service time (each call
  // cleared as assigned; tester 218), which the sentence below checks.
  const othersEligible = planned ? planned.eligible_calls > planned.handled_eligible : false;
  // The calls the units could take times the service time, over the hours staffed: a count of calls in
  // disguise, printed only where the share it comes from is.
  const occupancy =
    served !== null && sum?.occupancy_scheduled !== null && sum?.occupancy_scheduled !== undefined
      ? percent(sum.occupancy_scheduled)
      : null;
  const withEligible = occupancy === null ? '' : `; with every eligible call they could take, ${occupancy}`;
  const ownCalls = d.tables.capacity_summary.definition.quality.own_calls;
  const busy = hourHidden
    ? ''
    : sum?.utilisation_scheduled === null || sum?.utilisation_scheduled === undefined
      ? scheduleSpec && sum?.scheduled_unit_hours_per_week === 0
        ? // No hour staffed is no utilisation, whatever the team's times (tester 346: "too few of them have
          // a time" beside 1,062 that had one). A shift of 0 units is refused; a shift in hours the period
          // lacks, the hour a spring-forward day skips, still staffs none.
          ` No unit of the schedule is on duty in any hour the period has, so how busy its units would be is not measured.`
        : scheduleSpec && sum?.service_minutes !== null
          ? // With no call of its own (`police_clinician`, which the store records as police), "too few of
            // them have a time" gave a reason that was not the one.
            ` How busy its units are with the team's own calls is not measured: ${ownCalls === 0 ? 'no call of the period is recorded as handled by it' : 'too few of them have a time from assignment to clearance'}.${occupancy === null ? '' : ` With every eligible call they could take, its units would be busy ${occupancy} of the hours they are staffed.`}`
          : ''
      : // Today's work, not the plan's: 6.3% read as overstaffing where the calls it could take give 69%.
        ` With the calls the team took itself in the period, its units would be busy ${percent(sum.utilisation_scheduled)} of the hours they are staffed${sum.utilisation_scheduled > 1 ? ', more than they have: the calls received in those hours take longer than they are staffed' : ''}${withEligible || (othersEligible && sum.service_minutes !== null ? '; taking the eligible calls it did not take as well would keep them busier' : '')}.`;
  // Every share analyze gives of a schedule, whether or not a plan can be made: each case left out one
  // (tester 132: the share arriving while a unit is on beside a plan, the share it could take without one).
  const scheduleAnswer = (ofThem: string) => {
    const all = [
      inHours === null ? null : `${inHours}${ofThem} arrive while a unit is on duty`,
      served === null ? null : `it could take ${served}`,
      withinGoal === null ? null : `${withinGoal} would be reached within the goal (${goalText})`,
    ].filter((x) => x !== null);
    return all.length ? `${all.slice(0, -1).join(', ')}${all.length > 1 ? ' and ' : ''}${all.at(-1)}` : null;
  };
  // Every share withheld (a day's few calls): said, not left out as if no schedule had been asked for
  // (tester 133).
  const scheduleWithheld = `The schedule asked for (${String(scheduleSpec)}) is answered in the internal edition only: ${hourHidden ? 'some hours have so few eligible calls (1 to 10) that its shares, sums of the hours it covers, would give them away' : 'with so few eligible calls, its shares would give hidden counts away'}.`;
  // The schedule asked for is answered when no plan can be made too (the report left it out).
  const scheduleOnly =
    scheduleSpec && scheduleAnswer('') !== null
      ? html`<p>
          With the schedule asked for (<code>${String(scheduleSpec)}</code>), of the calls eligible for the
          ${ctx.responderInText(sum!.responder)}, ${scheduleAnswer('')}.${busy}
        </p>`
      : scheduleSpec && ctx.isPublic
        ? html`<p>${scheduleWithheld}</p>`
        : html``;
  if (sum && sum.eligible_calls === 0)
    parts.push(
      html`<p>
        No call in the period is eligible for the ${ctx.responderInText(sum.responder)} under
        ${PHASE_NAMES[sum.phase].toLowerCase()} rules, so there are no units to plan.
        ${
          // The schedule asked for went unsaid (tester 375). Its unit-hours are the user's, and no call is
          // counted: the public edition says it too.
          scheduleSpec && sum.scheduled_unit_hours_per_week !== null
            ? `The schedule asked for (${String(scheduleSpec)}, ${decimal(sum.scheduled_unit_hours_per_week, 0)} unit-hours ${sum.week_hours_in_period < 168 ? `over the ${sum.week_hours_in_period} hours the period has` : 'a week'}) has no eligible call to cover.`
            : ''
        }
      </p>`,
    );
  else if (sum && sum.service_minutes === null)
    parts.push(
      html`<p>
        The units the ${ctx.responderInText(sum.responder)} would need cannot be planned from these data:
        ${noServiceTime(sum.service_sample, !ctx.isPublic)}.${sum.service_sample > 0 ? '' : ' The queue model needs one.'}
      </p>`,
      scheduleOnly,
    );
  else if (sum && !sum.goal_reachable)
    parts.push(
      html`<p>
        No number of units would meet the service goal for the ${ctx.responderInText(sum.responder)}
        (${String(d.tables.capacity_plan.definition.parameters?.goal ?? '')}): even if no call waited for a
        unit, ${ceiling(sum, ctx.isPublic) ?? 'too few'} of ${sampleCalls(sum)} would be reached in time,
        given the time each took for ${fixedStages(sum)} (${minutesText(sum.travel_minutes ?? 0)} at the
        median).
        ${
          // A public reader runs no command: its flags meant nothing there (tester 360).
          ctx.isPublic
            ? 'A plan could be made for a longer reach time, a lower share of calls reached in time or a goal on the chance of a call waiting for a unit.'
            : html`A longer reach time (<code>--reach-minutes</code>), a lower share
              (<code>--reach-level</code>) or a goal on the chance of waiting
              (<code>--max-wait-probability</code>) can be planned for.`
        }
      </p>`,
      scheduleOnly,
    );
  else if (sum && plan.length) {
    // The plan counts the eligible calls of every origin, the eligible-demand table its denominator's. Equal,
    // the hours add up to that table's count and are protected against it; 1-10 apart, the difference
    // (204 less 203: one eligible call not from 911) would be published, so the hours are not.
    const eligibleKey = sharedCount.eligible(PHASE_NAMES[sum.phase], ctx.responder(sum.responder));
    const apart = Math.abs(sum.eligible_calls - (demand(sum)?.eligible_calls ?? 0));
    const countShown = !ctx.isPublic || (apart === 0 ? !ctx.hiddenElsewhere(eligibleKey) : !isSmall(apart));
    const handledByResponder =
      d.tables.diverted_share.rows.find(
        (r) => r.responder === sum.responder && r.denominator === d.denominator.name && r.period === 'all',
      )?.calls ?? 0;
    // The busiest day at each hour: what a roster has to cover, since shifts repeat daily.
    // An hour no day of the period has (02:00 on a spring-forward day alone) has no units, not 0.
    const byHour = Array.from({ length: 24 }, (_, h) => {
      const units = plan.filter((r) => r.hour === h && r.units_needed !== null).map((r) => r.units_needed!);
      return {
        hour: h,
        units: units.length ? Math.max(0, ...units) : null,
        calls: callsByHour[h]!,
      };
    });
    const goal = d.tables.capacity_plan.definition.parameters ?? {};
    const ct =
      ctx.isPublic && isSmall(apart)
        ? null
        : ctx.table({
            id: 'capacity_units_by_hour',
            title: 'Units needed by hour of the day',
            columns: [
              { key: 'hour', label: 'Hour (local)', kind: 'text' },
              { key: 'calls', label: 'Eligible calls in the period', kind: 'count' },
              // Units rise with the calls of their hour: shown beside a hidden count, they order it.
              { key: 'units', label: 'Units needed (busiest day)', kind: 'number', basis: 'calls' },
            ],
            rows: byHour.map((r) => ({
              hour: `${String(r.hour).padStart(2, '0')}:00`,
              calls: r.calls,
              units: r.units,
            })),
            additive: ['calls'],
            ...(apart === 0
              ? { groupTotals: [{ column: 'calls', groupBy: [], key: () => eligibleKey }] }
              : {}),
            meta: ctx.meta({
              denominator: {
                // Of every origin, as the plan counts them: the eligible-demand table's, of the denominator, can be
                // fewer under the same words (tester 208: 2,762 here, 2,698 there).
                label: `Calls eligible for ${ctx.responderInText(sum.responder)} (${PHASE_NAMES[sum.phase].toLowerCase()}), of every origin`,
                ...(countShown ? { calls: sum.eligible_calls } : {}),
              },
              quality: [
                {
                  label: 'service-time sample (calls with a valid committed time)',
                  // Beside the eligible calls, it gives the calls without a valid time: 21 of 22 gave 1. Where
                  // the eligible calls are hidden it bounds them, and with no call left out gave them (tester
                  // 201: a sample of 25 beside animal control's hidden 25); a sample of 1 to 10 is a count too.
                  // Drawn from the responder's own calls, beside the calls it handled it gives those without
                  // a valid time (tester 203: 104 handled and a sample of 101 put a hidden funnel cell at 1
                  // to 3).
                  value:
                    ctx.isPublic &&
                    (!countShown ||
                      isSmall(sum.service_sample) ||
                      isSmall(sum.eligible_calls - sum.service_sample) ||
                      (sum.service_source === 'own_calls' &&
                        isSmall(handledByResponder - sum.service_sample)))
                      ? WITHHELD
                      : sum.service_sample,
                },
              ],
              note: `${[
                'Erlang C per hour of the week',
                `service time ${decimal(sum.service_minutes)} min (${sum.service_source === 'own_calls' ? "the responder's own calls" : 'eligible calls'})`,
                ...(sum.travel_source === 'own_calls' || sum.travel_source === 'eligible_calls'
                  ? [
                      `${fixedStages(sum)} each call's own (${minutesText(sum.travel_minutes ?? 0)} at the median), with which ${
                        ceiling(sum, ctx.isPublic) === null
                          ? `a share of ${sampleCalls(sum)}, withheld here, is reached in time at most`
                          : `at most ${ceiling(sum, ctx.isPublic)} of ${sampleCalls(sum)} are reached in time`
                      }`,
                    ]
                  : sum.travel_source === 'given'
                    ? [`time besides the wait for a unit ${decimal(sum.travel_minutes)} min (as given)`]
                    : sum.travel_source === 'not_applicable'
                      ? [
                          "no unit sent (311 / online / telephone report): a call is reached when a report-taker is free, no call-taking, dispatch or travel added; any arrival time its calls have is when the report was taken, not a unit's arrival",
                        ]
                      : sum.travel_source === 'assumed_zero'
                        ? [
                            'call-taking, dispatch and travel not measured (too few of its own calls or of the eligible calls record them), taken as 0 min',
                          ]
                        : []),
              ].join('; ')}.${
                Object.keys(goal).length
                  ? ` Parameters: ${Object.entries(goal)
                      .filter(([, v]) => v !== null && v !== undefined)
                      .map(([k, v]) => `${k.replaceAll('_', ' ')} ${String(v)}`)
                      .join(', ')}.`
                  : ''
              }`,
            }),
          });
    if (!ct && ctx.isPublic)
      parts.push(
        html`<p>
          The units the ${ctx.responderInText(sum.responder)} would need are not in the public edition for
          this period: the plan counts its eligible calls of every origin, and their difference from those of
          the denominator, which the other tables publish, is a small count.
          ${scheduleSpec ? `The schedule asked for (${String(scheduleSpec)}) is answered in the internal edition only, as the plan is.` : ''}
        </p>`,
      );
    // A period shorter than a week has only some of the week's hours: their unit-hours are no week's (a
    // day's 41 read as a week's).
    // A week of 7 days whose clocks went forward has 167 hours: still a week.
    // A fall-back day's unit-hours count its repeated hour twice, as the plan does: its 25 hours, not "the
    // 24 hours of the week" (tester 346).
    const repeated = plan.some((r) => r.hours_in_period > 1);
    const weekly =
      d.period.days < 7
        ? `over the ${sum.week_hours_in_period} hours ${repeated ? 'the period has (the clocks went back, so one hour of the day came twice; a whole week needs a period of 7 days or more)' : 'of the week the period has (a whole week needs a period of 7 days or more)'}`
        : 'a week';
    if (ct) {
      // The unit-hours and the peak are sums over the hours of the week of a known function of each hour's
      // calls: where the table hides an hour's calls they gave them away (19 calls of a week, 36
      // unit-hours and a peak of 4 units left exactly 16 hours of 1 call and one of 3; an outside tester).
      const totalsShown = !ctx.isPublic || !ct.rows.some((r) => isSuppressed(r.calls));
      const unitsShown = ct.rows.some((r) => typeof r.units === 'number' && r.units > 0);
      const needs = totalsShown
        ? `${decimal(sum.unit_hours_per_week_needed, 0)} unit-hours ${weekly}, with at most ${unitCount(sum.peak_units_needed)} on at once`
        : unitsShown
          ? 'the units the table below shows for the hours whose calls it shows; its total unit-hours and its peak are not in the public edition for this period, since with so few calls an hour they would give the hidden counts away'
          : 'units whose numbers by hour, total unit-hours and peak are not in the public edition for this period, since with so few calls an hour they would give the hidden counts away';
      parts.push(
        html`<p>
          To reach the calls eligible for the ${ctx.responderInText(sum.responder)} under
          ${PHASE_NAMES[sum.phase].toLowerCase()} rules (${goalText}), the plan needs ${needs}.
          ${scheduleSpec && scheduleAnswer(' of them') !== null ? `With the schedule asked for (${String(scheduleSpec)}), ${scheduleAnswer(' of them')}.${busy}` : scheduleSpec && ctx.isPublic ? scheduleWithheld : ''}
        </p>`,
        figure(
          {
            title: 'Units needed by hour of the day',
            description: `Columns of the units needed in each hour of the day on the busiest day of the week for that hour, from an Erlang C queue model.${totalsShown ? ` Peak ${unitCount(sum.peak_units_needed)}; ${decimal(sum.unit_hours_per_week_needed, 0)} unit-hours ${weekly} in all.` : ''}`,
            meta: metaLine(ct.spec.meta, ctx.isPublic),
            table: renderTable(ct),
          },
          columnChart({
            title: 'Units needed by hour of the day',
            description: 'Units needed by hour',
            xLabel: 'Hour of the day (local time)',
            yLabel: 'Units needed',
            data: ct.rows.map((r, i) => ({
              label: String(r.hour).slice(0, 2),
              ...chartCell(ct, i, 'units'),
            })),
          }),
        ),
      );
    }
  }
  if (t) {
    const anyRows = t.rows
      .map((r, i) => ({ r, i, src: src[i]! }))
      .filter((x) => x.src.responder === 'any_alternative');
    const data = anyRows.map((x) => ({ label: String(x.r.phase), ...chartCell(t, x.i, 'units') }));
    // No call has a committed time: known from the analysis, not from the cells, which the public edition
    // hides where the calls are hidden ("The table gives those hours" over no hours at all; tester 219).
    const unknown = anyRows.every((x) => x.src.committed_hours_per_year === null);
    parts.push(
      html`<p>
        To take over the calls it is eligible for, an alternative responder needs the unit-hours police spend
        on them today.
        ${
          // "The table gives those hours" over a table of "-" (tester 208, Burlington).
          unknown
            ? 'The source records no time from a unit being assigned to a call to it being cleared, so the table gives how many such calls there are, not the hours they take.'
            : 'The table gives those hours, from a unit being assigned to it being cleared, and how many units they keep busy on average. Staff for the peaks, not the average: see the hour-of-week heatmap in the demand section.'
        }
      </p>`,
    );
    parts.push(
      figure(
        {
          title: 'Units kept busy by eligible calls police handled',
          // The table's cells, as suppression left them: the raw units were printed beside a hidden cell.
          description: unknown
            ? ''
            : `Horizontal bars of the average number of units, around the clock, that the calls eligible for any alternative responder but handled by police kept busy, by phase. ${anyRows
                .map((x) => `${String(x.r.phase)}: ${ctx.cellText(t, x.i, 'units', quantity)}`)
                .join('; ')}.`,
          // An empty 0-1 axis read as 0 units, over a caption of "-" (tester 118, Burlington).
          ...(unknown
            ? {
                emptyReason:
                  'No chart: no eligible call police handled has a time from a unit being assigned to it being cleared, so the units they kept busy are not known (not 0).',
              }
            : {}),
          meta: metaLine(t.spec.meta, ctx.isPublic),
          table: renderTable(t),
        },
        barChart({
          title: 'Units kept busy by eligible calls police handled',
          description: 'Average units busy by phase',
          valueLabel: 'Units busy on average',
          format: quantity,
          data,
        }),
      ),
    );
  }
  return { id: 'capacity', title: 'Capacity needed', body: html`${parts}` };
}

/** The stages the planner adds to the wait for a unit (docs/metrics.md, "Capacity planner"). */
function fixedStages(sum: { reach_clock: string | null }): string {
  return sum.reach_clock === 'queued'
    ? 'dispatch and travel (from the call entering the queue; too few calls record call-taking)'
    : 'call-taking, dispatch and travel';
}

/** The calls the fixed part is measured on: the responder's own, or its eligible calls when it has too few. */
function sampleCalls(sum: { travel_source: string | null }): string {
  return sum.travel_source === 'eligible_calls'
    ? 'the eligible calls (too few of its own record the times)'
    : 'its own calls';
}

/**
 * The share of the responder's own calls (or eligible calls) reached in time with no wait, or null in the public edition when
 * the calls it counts or leaves out are 1-10 (a share of the team's few calls of a day gives them away).
 */
export function ceiling(
  sum: { reach_ceiling: number | null; travel_sample: number | null },
  isPublic: boolean,
): string | null {
  const n = sum.travel_sample ?? 0;
  const reached = Math.round((sum.reach_ceiling ?? 0) * n);
  if (isPublic && (isSmall(reached) || isSmall(n - reached))) return null;
  return percent(sum.reach_ceiling);
}
