/**
 * The options of the pathways (target and horizon) and the capacity planner, which `analyze` and `report`
 * both take, so that a report shows the plan an analyst asked `analyze` for (the report planned a 15-minute
 * goal whatever was wanted).
 */
import type { Command } from 'commander';
import { parseSchedule, type CapacityOptions } from '../analyse/capacity.js';
import { DENOMINATOR_NAMES, PHASES, type Phase } from '../analyse/context.js';
import type { ServiceGoal } from '../analyse/erlang.js';
import { UserError } from '../util/user-error.js';
import { parsePositive, parsePositiveInt, parseRatio } from './args.js';

export interface PlanOpts {
  target: string;
  horizonYears: string;
  capacityResponder: string;
  capacityPhase: string;
  reachMinutes: string;
  reachLevel: string;
  maxWaitProbability?: string;
  schedule?: string;
}

/**
 * How analyze and report say the classification and area options: in words of their own, `report --help`
 * said --city took the built-in mapping, where both take ./mappings/<id>.csv first (tester 103).
 */
export const OPTION_HELP = {
  // The period and denominator too (tester 149: the two said them two ways).
  from: 'first local day included, YYYY-MM-DD (default: the first day with a call)',
  to: 'last local day included, YYYY-MM-DD (default: the last day with a call)',
  denominator: `what shares are of: ${DENOMINATOR_NAMES.join(' | ')}; the diverted share is given under all three`,
  city: 'city: its mapping, ./mappings/<id>.csv if there is one, else the built-in taxonomy/mappings/<id>.csv, and its settings, <id>.yaml there; a city of settings alone is classified automatically (default: guessed from the source name)',
  mapping: "a city mapping CSV of your own; it takes the place of --city's CSV",
  boundaries:
    '[name=]FILE.geojson[#property] (repeatable): a layer named after an area column of the store (precinct) draws its map; any other name places calls in its polygons by their coordinates',
} as const;

export function withPlanOptions(command: Command): Command {
  return command
    .option('--target <share>', 'diverted-share goal, a decimal above 0 and below 1 (0.2 is 20%)', '0.2')
    .option('--horizon-years <years>', 'years to reach the target, at most 100', '1')
    .option(
      '--capacity-responder <id>',
      'alternative responder the capacity planner sizes',
      'behavioural_crisis',
    )
    .option(
      '--capacity-phase <phase>',
      'current | near_term | potential eligibility for the planner',
      'current',
    )
    .option(
      '--reach-minutes <m>',
      'service goal: calls reached within this many minutes of pickup (call-taking, wait, dispatch, travel), 0.1 to 1440',
      '15',
    )
    .option('--reach-level <share>', 'service goal: share of calls reached in time', '0.8')
    .option(
      '--max-wait-probability <p>',
      'service goal instead: probability a call waits for a unit at most p',
    )
    .option(
      '--schedule <shifts>',
      'schedule to evaluate: UNITS@FROM-TO shifts every day, hours 0-24, may wrap past midnight, e.g. 3@07-23,2@23-07',
    )
    .hook('preAction', (self) => oneGoal(self));
}

/**
 * A wait goal replaces the reach goal: given with it, the reach options were dropped in silence. Refused
 * here rather than by commander's `.conflicts()`, whose "option '--max-wait-probability <p>' cannot be
 * used with option '--reach-minutes <m>'" gave no hint, where every other capacity option gives one
 * (tester 375). Only options given count, not the reach goal's defaults.
 */
function oneGoal(command: Command): void {
  if (command.getOptionValue('maxWaitProbability') === undefined) return;
  const reach = [
    ['reachMinutes', '--reach-minutes'],
    ['reachLevel', '--reach-level'],
  ].flatMap(([key, flag]) =>
    command.getOptionValue(key!) !== undefined && command.getOptionValueSource(key!) !== 'default'
      ? [flag!]
      : [],
  );
  if (!reach.length) return;
  throw new UserError(
    `--max-wait-probability cannot be used with ${reach.join(' and ')}: they are two different goals, the probability that a call waits for a unit and the share of calls reached within a time, and a probability of waiting has no reach time.`,
    'pick one: --max-wait-probability alone for a goal on waiting (such as 0.2: at most a fifth of calls wait for a unit), or --reach-minutes and --reach-level without it for a share of calls reached in time.',
  );
}

export function planOptions(o: PlanOpts): {
  target: number;
  horizonYears: number;
  capacity: CapacityOptions;
} {
  if (!(PHASES as readonly string[]).includes(o.capacityPhase))
    throw new UserError(
      `--capacity-phase must be one of ${PHASES.join(', ')}; got \`${o.capacityPhase}\`.`,
      // The phases' names alone left the choice unexplained, where every other capacity option hints
      // (tester 375).
      "give current (the calls eligible under today's practice), near_term (those and the ones the near-term rules add) or potential (those and every call the later rules add); the phases are cumulative (docs/classification.md).",
    );
  const goal: ServiceGoal =
    o.maxWaitProbability !== undefined
      ? {
          kind: 'max_wait_probability',
          // A fifth of calls waiting, as the planner's own refusal suggests (capacity.ts).
          p: parseRatio(o.maxWaitProbability, '--max-wait-probability', { open: true, example: 0.2 }),
        }
      : {
          kind: 'service_level',
          withinS: reachMinutes(o.reachMinutes) * 60,
          // Its default, not the target's 0.2: a share of calls reached in time (tester 346).
          level: parseRatio(o.reachLevel, '--reach-level', { open: true, example: 0.8 }),
        };
  return {
    target: parseRatio(o.target, '--target', { open: true, example: 0.2 }),
    horizonYears: parseHorizon(o.horizonYears),
    capacity: {
      responder: o.capacityResponder,
      phase: o.capacityPhase as Phase,
      goal,
      ...(o.schedule !== undefined ? { schedule: parseSchedule(o.schedule) } : {}),
    },
  };
}

export interface RepeatOpts {
  minCount: string;
  top: string;
}

/** The repeat-location options, which `report` takes for its internal edition as `analyze` does. */
export function withRepeatOptions(command: Command): Command {
  return command
    .option('--min-count <n>', 'repeat locations: fewest calls a listed block must have (at least 2)', '11')
    .option(
      '--top <n>',
      'repeat locations: how many blocks are listed (for all calls; in analyze, for each category too)',
      '25',
    );
}

export function repeatOptions(o: RepeatOpts): { minCount: number; top: number } {
  return {
    // One rule for every value below 2 (0 was "above 0", then 1 "at least 2").
    minCount: parsePositiveInt(
      o.minCount,
      '--min-count',
      2,
      'a block listed for a single call points at one household: keep the default 11, or at least 2.',
    ),
    top: parsePositiveInt(o.top, '--top'),
  };
}

/**
 * Years to reach the target: up to a century. 99999999999999999999 was taken and printed back as
 * "100,000,000,000,000,000,000 years", while 1e9 was refused for how it is written (tester 227).
 */
function parseHorizon(value: string): number {
  // One fix for either bound, with years for examples (tester 357).
  const hint = 'give the years in which the target is to be reached, such as 1, 3 or 0.5';
  const years = parsePositive(value, '--horizon-years', undefined, hint);
  if (years > MAX_HORIZON_YEARS)
    throw new UserError(
      `--horizon-years must be at most ${MAX_HORIZON_YEARS}; got \`${value}\`.`,
      `${hint}.`,
    );
  return years;
}

const MAX_HORIZON_YEARS = 100;

/**
 * A reach time from 0.1 minutes to a day: `1e-11` was planned for and printed so, and 10^23 minutes taken
 * (tester 308), where no call's time on task past a day is valid.
 */
function reachMinutes(value: string): number {
  // One range said by either refusal (tester 327: `0` was "above 0", `0.05` "from 0.1").
  const range = 'from 0.1 to 1,440 (a day)';
  const m = parsePositive(value, '--reach-minutes', range);
  if (m < 0.1 || m > 1440)
    throw new UserError(
      `--reach-minutes must be a number ${range}; got \`${value}\`.`,
      'give the minutes within which calls should be reached, such as 15.',
    );
  return m;
}
