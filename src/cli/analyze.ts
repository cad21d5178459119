/**
 * `safegap analyze`: a thin shell over src/analyse/analyze.ts. Prints the headline figures; the tables go
 * to `<store>/analysis/` and, with --out, to CSV files and analysis.json.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { analyze, documentHeader, tablesJson, type AnalyzeResult } from '../analyse/analyze.js';
import type { TableResult } from '../analyse/result.js';
import { INTERVALS, intervalLabel } from '../time/intervals.js';
import { DEFAULT_DENOMINATOR, noCallTyped } from '../analyse/context.js';
import { parseCityId } from './args.js';
import { sayWhenInterrupted, storeStands } from './interrupt.js';
import { fixedPartText, noServiceTime, type CapacitySummary } from '../analyse/capacity.js';
import { fixed, goalPercent, percent } from '../util/percent.js';
// The report's minutes, so that the terminal and the report round a figure alike.
import { minutes as min } from '../report/format.js';
import { fewCalls, fmt, table, terminalSafe } from './format.js';
import {
  OPTION_HELP,
  planOptions,
  repeatOptions,
  withPlanOptions,
  withRepeatOptions,
  type PlanOpts,
  type RepeatOpts,
} from './plan-options.js';

const RESPONSE_LABEL = INTERVALS.find((i) => i.name === 'response')!.label;

interface Opts extends PlanOpts, RepeatOpts {
  store: string;
  from?: string;
  to?: string;
  denominator: string;
  city?: string;
  mapping?: string;
  boundaries?: string[];
  out?: string;
  json?: boolean;
  /** False with --no-save. */
  save: boolean;
}

function printSummary(r: AnalyzeResult): void {
  const t = r.tables;
  const out: string[] = [];
  out.push(
    `Analysed ${fmt(r.quality.calls_in_period)} call${r.quality.calls_in_period === 1 ? '' : 's'}${r.quality.linked_duplicates ? ` (and ${fmt(r.quality.linked_duplicates)} records of them in a second source, counted once)` : ''}, ${r.period.from} to ${r.period.to} (${r.period.days} day${r.period.days === 1 ? '' : 's'}), store ${r.storeVersion}.`,
    // "automatic (0 types, ...)" of a store without call types (tester 243).
    r.classification.types === 0
      ? `Classification: none (no call has a call type)${r.classification.mappingFile ? `; mapping ${r.classification.mappingFile}` : ''}.`
      : `Classification: ${r.classification.mappingFile ?? 'automatic'}${r.classification.settingsFile ? `; city settings ${r.classification.settingsFile}` : ''} (${fmt(r.classification.types)} types, ${fmt(r.classification.automaticTypes)} classified automatically, ${fmt(r.classification.unreviewedTypes)} listed by the mapping as automatic and not reviewed).`,
    ...r.warnings.map((w) => `Note: ${terminalSafe(w, '\n')}`),
    '',
    'Diverted share (whole period):',
    table(
      ['denominator', 'diverted', 'of calls', 'share'],
      t.diverted_share.rows
        .filter((x) => x.period === 'all' && x.responder === 'all_diverted')
        .map((x) => [x.denominator, fmt(x.calls), fmt(x.denominator_calls), percent(x.share)]),
    ),
  );
  const gap = t.target_gap.rows.find((x) => x.denominator === r.denominator);
  if (gap)
    out.push(
      '',
      gap.denominator_calls === 0
        ? `Target ${goalPercent(gap.target_share)} of ${r.denominator}: no call of the period is in it, so there is no share to raise.`
        : gap.target_met
          ? metTargetLine(gap.current_share ?? 0, gap.target_share, r.denominator)
          : `Target ${goalPercent(gap.target_share)} of ${r.denominator}: ${fewCalls(gap.additional_per_year)} more diverted calls a year (${fewCalls(gap.additional_per_week)} a week)${
              // Within a year there is no yearly step: "adding 149,126 a year each year" over a quarter read as
              // four times the gap (tester 188).
              gap.horizon_years > 1
                ? `, reached over ${fmt(gap.horizon_years)} years by adding ${fewCalls(gap.increase_per_year_over_horizon!)} a year each year`
                : gap.horizon_years < 1
                  ? `, to be reached within ${String(gap.horizon_years)} years`
                  : ''
            }; ${noCallTyped(r.quality) ? 'which calls could supply them cannot be judged without call types' : gap.reachable_phase ? `eligible calls suffice from phase ${gap.reachable_phase}` : `even every potentially eligible call falls short (${fmt(Math.round(gap.supply_potential / r.period.years))} a year, ${fmt(gap.supply_potential)} in the period)`}.`,
    );
  const eligibleNow = t.eligible_demand.rows.filter((x) => x.phase === 'current' && x.eligible_calls > 0);
  out.push(
    '',
    'Handled vs eligible (current practice):',
    eligibleNow.length
      ? table(
          ['responder', 'eligible', 'handled of eligible', 'handled / eligible'],
          eligibleNow.map((x) => [
            x.responder,
            fmt(x.eligible_calls),
            x.handled_recorded ? percent(x.handled_of_eligible) : 'not recorded',
            x.handled_recorded ? percent(x.handled_to_eligible) : 'not recorded',
          ]),
        )
      : noCallTyped(r.quality)
        ? '  unknown: no call of the period has an initial call type.'
        : r.tables.diverted_share.rows.some((x) => x.denominator === r.denominator && x.denominator_calls > 0)
          ? '  no call in the period is eligible for an alternative responder under current practice.'
          : // "No call eligible" where the denominator had no call (tester 212): the note above says why.
            `  no call of the period counts in ${r.denominator}.`,
    '',
    `${intervalLabel(RESPONSE_LABEL, r.receivedIs)} by priority, ${r.denominator}:`,
  );
  const responseRows = t.response_times.rows.filter(
    (x) => x.interval === 'response' && (x.group_by === 'priority' || x.group_by === 'all'),
  );
  // A header over no rows said nothing (the 911 denominator of a store without 911 calls).
  out.push(
    responseRows.length
      ? table(
          // Telephone reports' calls are neither valid nor missing (tester 384): without their column the
          // counts did not add up to the calls timed.
          ['priority', 'valid', 'median', '90th pct', 'missing', 'negative', 'implausible', 'no unit sent'],
          responseRows.map((x) => [
            x.group_value,
            fmt(x.valid),
            min(x.median_s),
            min(x.p90_s),
            fmt(x.missing),
            fmt(x.negative),
            fmt(x.implausible),
            fmt(x.no_unit_sent),
          ]),
        )
      : `  no call of the period is in ${r.denominator}, so none is timed.`,
  );
  const cap = t.capacity_summary.rows[0];
  const schedule = t.capacity_summary.definition.parameters?.schedule;
  if (cap)
    out.push(
      '',
      ...capacityLines(cap, noCallTyped(r.quality), typeof schedule === 'string' ? schedule : undefined),
    );
  if (r.written.store) out.push('', `Tables written to ${r.written.store}`);
  if (r.written.out) out.push(`CSV and analysis.json written to ${r.written.out}`);
  out.push(`Took ${r.seconds.toFixed(1)} s.`);
  console.log(out.join('\n'));
}

export function registerAnalyzeCommand(program: Command): void {
  const command = program
    .command('analyze')
    .description(
      'Diverted share, eligible demand, funnel, pathways to a target, demand profiles, response times, time on task, severity mix, capacity and repeat locations (docs/metrics.md)',
    )
    .requiredOption('-s, --store <dir>', 'store directory')
    .option('--from <date>', OPTION_HELP.from)
    .option('--to <date>', OPTION_HELP.to)
    .option('--denominator <name>', OPTION_HELP.denominator, DEFAULT_DENOMINATOR)
    .option('--city <id>', OPTION_HELP.city, parseCityId)
    .option('--mapping <file>', OPTION_HELP.mapping)
    .option('--boundaries <spec...>', OPTION_HELP.boundaries)
    .option('-o, --out <dir>', 'also write every table as CSV plus analysis.json here');
  withPlanOptions(withRepeatOptions(command))
    .option('--json', 'print every table as JSON on stdout')
    .option('--no-save', 'do not write the tables into <store>/analysis (a store you may only read)')
    .action(async (o: Opts) => {
      const plan = planOptions(o);
      // "analyze was interrupted" said nothing of --out and the store's tables, which are left as they were
      // (tester 350, by md5sum): their folders are written aside and moved in at once, at the end.
      const dirs = [...(o.out ? [o.out] : []), ...(o.save ? [join(o.store, 'analysis')] : [])];
      const had = dirs.filter((d) => existsSync(d)).map((d) => `\`${d}\``);
      const kept = [
        ...(had.length
          ? [`${had.join(' and ')} ${had.length > 1 ? 'keep what they' : 'keeps what it'} held before`]
          : []),
        ...dirs.filter((d) => !existsSync(d)).map((d) => `no \`${d}\` was made`),
      ];
      sayWhenInterrupted(
        (signal) =>
          `analyze was interrupted (${signal})${kept.length ? ` before it wrote its tables: ${kept.join(', and ')}` : ''}`,
        () => ({ written: false, ...storeStands(o.store), out: o.out ?? null }),
      );
      const result = await analyze({
        store: o.store,
        ...(o.from !== undefined ? { from: o.from } : {}),
        ...(o.to !== undefined ? { to: o.to } : {}),
        denominator: o.denominator,
        target: plan.target,
        horizonYears: plan.horizonYears,
        ...(o.city ? { city: o.city } : {}),
        ...(o.mapping ? { mapping: o.mapping } : {}),
        ...(o.boundaries ? { boundaries: o.boundaries } : {}),
        ...(o.out ? { out: o.out } : {}),
        writeStore: o.save,
        ...repeatOptions(o),
        capacity: plan.capacity,
      });
      const written = [result.written.out, result.written.store].filter((w) => w !== null);
      sayWhenInterrupted(
        (signal) =>
          `analyze was interrupted (${signal}) after its work was done${written.length ? `: its tables are written in ${written.map((w) => `\`${w}\``).join(' and ')}` : ''}`,
        () => ({ written: written.length > 0, ...storeStands(o.store), out: result.written.out }),
      );
      // The document analysis.json holds, with where the run wrote it.
      if (o.json)
        process.stdout.write(
          tablesJson(Object.values(result.tables) as TableResult<object>[], {
            ...documentHeader(result),
            store: result.store,
            written: result.written,
            seconds: Number(result.seconds.toFixed(3)),
          }),
        );
      else printSummary(result);
    });
}

/**
 * The capacity plan in a few lines, with what it assumed where the data could not say. `schedule`: the
 * --schedule asked for, as the plan's definition gives it.
 */
export function capacityLines(cap: CapacitySummary, noneTyped = false, schedule?: string): string[] {
  // The plan's unit-hours and the schedule's are of one span: a week, or the hours a shorter period has.
  const per =
    cap.week_hours_in_period < 168 ? `over the ${cap.week_hours_in_period} hours the period has` : 'a week';
  const head = `Capacity (${cap.responder}, ${cap.phase})`;
  if (noneTyped)
    return [`${head}: which calls are eligible cannot be judged without call types; nothing to plan.`];
  if (cap.eligible_calls === 0)
    return [
      `${head}: no call in the period is eligible for it under these rules; nothing to plan.`,
      // The schedule asked for went unsaid, where capacity_summary gives its unit-hours (tester 375).
      ...(cap.scheduled_unit_hours_per_week === null
        ? []
        : [
            `  The schedule${schedule ? ` ${schedule}` : ''} (${fmt(cap.scheduled_unit_hours_per_week)} unit-hours ${per}) has no eligible call to cover.`,
          ]),
    ];
  // The schedule asked for is answered whether or not the goal can be met (it vanished when it could not),
  // with what can be said of it.
  const scheduleLines =
    cap.scheduled_unit_hours_per_week === null
      ? []
      : [
          // A week's, as the plan's line above says (tester 363: "448 unit-hours" read as the period's).
          `  Schedule (${fmt(cap.scheduled_unit_hours_per_week)} unit-hours ${per}): ${[
            `${percent(cap.share_in_scheduled_hours)} of eligible calls arrive while a unit is on`,
            ...(cap.share_served_scheduled === null
              ? []
              : [`it could take ${percent(cap.share_served_scheduled)}`]),
            ...(cap.share_within_goal_scheduled === null
              ? []
              : [`${percent(cap.share_within_goal_scheduled)} within the goal`]),
            cap.scheduled_unit_hours_per_week === 0
              ? 'no unit on duty'
              : cap.utilisation_scheduled === null
                ? "units busy with the team's own calls of today: not measured"
                : `units busy ${percent(cap.utilisation_scheduled)} of staffed time with the team's own calls of today${
                    cap.utilisation_scheduled > 1
                      ? ' (more than the units have: the calls received in those hours took longer than they are staffed)'
                      : ''
                  }`,
            ...(cap.occupancy_scheduled === null || cap.scheduled_unit_hours_per_week === 0
              ? []
              : [
                  `${cap.utilisation_scheduled === null ? 'busy ' : ''}${percent(cap.occupancy_scheduled)} with the eligible calls they could take`,
                ]),
          ].join(', ')}.`,
        ];
  if (cap.service_minutes === null)
    return [`${head}: not planned, ${noServiceTime(cap.service_sample)}.`, ...scheduleLines];
  if (!cap.goal_reachable || cap.unit_hours_per_week_needed === null)
    return [
      `${head}: no number of units meets the goal: ${fixedPartText(cap, fmt)}. Plan for a longer --reach-minutes, a lower --reach-level or for --max-wait-probability.`,
      ...scheduleLines,
    ];
  const lines = [
    `${head}: ${cap.service_minutes.toFixed(0)} min per call (${cap.service_source === 'own_calls' ? 'its own calls' : 'eligible calls'}, ${fmt(cap.service_sample)}), peak ${cap.peak_units_needed} unit${cap.peak_units_needed === 1 ? '' : 's'}, ${fmt(cap.unit_hours_per_week_needed)} unit-hours ${per} to meet the goal.`,
    ...(cap.reach_ceiling === null ? [] : [`  Besides the wait for a unit: ${fixedPartText(cap, fmt)}.`]),
    ...scheduleLines,
  ];
  return lines;
}

/**
 * A target met and the share that meets it, at one precision: the goal's own decimals (one at least), or
 * more, up to four, where they tell the two apart. A share met to the 15 digits the gap is judged to, printed past them as
 * short of the goal, read "Target 3.6235203356%: already met (3.62352033559% diverted)" (tester 357). Met,
 * the share never reads under the goal at the goal's decimals: rounding keeps the order.
 */
export function metTargetLine(share: number, goal: number, denominator: string): string {
  const given = goalPercent(goal);
  const goalDigits = given.slice(0, -1).replace(/^[^.]*\.?/, '').length;
  const at = (d: number) => ({
    goal: d === goalDigits ? given : `${fixed(goal * 100, d)}%`,
    share: percent(share, d),
  });
  // One decimal at least, as every share prints: a 2% goal met by 3.6% read "4% diverted".
  const least = Math.max(1, goalDigits);
  let both = at(least);
  for (let d = least + 1; both.goal === both.share && d <= Math.max(4, least); d++) {
    const more = at(d);
    if (more.goal !== more.share) both = more;
  }
  return `Target ${both.goal} of ${denominator}: already met (${both.share} diverted).`;
}
