/**
 * Tester 346's defects of the capacity planner's options, on the first 40,000 Minneapolis calls: a shift
 * of 0 units taken in silence (and the report then blaming the team's service times for a utilisation of
 * no staffed hour), `--reach-level` refused with the --target's example, and a fall-back day's unit-hours
 * counted over 24 hours where the plan and its occupancy count 25.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { parseSchedule } from '../../src/analyse/capacity.js';
import { ingest } from '../../src/ingest/ingest.js';
import { planOptions, type PlanOpts } from '../../src/cli/plan-options.js';
import { buildReport } from '../../src/report/report.js';
import { UserError } from '../../src/util/user-error.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROOT = resolve(import.meta.dirname, '../..');

const refusal = (f: () => unknown): { message: string; hint: string | undefined } => {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return { message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error('not refused');
};

const DEFAULTS: PlanOpts = {
  target: '0.2',
  horizonYears: '1',
  capacityResponder: 'behavioural_crisis',
  capacityPhase: 'current',
  reachMinutes: '15',
  reachLevel: '0.8',
};

describe('a shift of 0 units (tester 346)', () => {
  it('is refused, naming the shift and what to leave out', () => {
    expect(refusal(() => parseSchedule('0@07-23'))).toEqual({
      message: '--schedule `0@07-23`: a shift of 0 units puts no unit on duty.',
      hint: 'hours no shift covers have no unit on duty, so a schedule of none is no schedule: give the units on duty, 1 or more, for example --schedule 1@07-23, or leave --schedule out.',
    });
    // Among others: the shift named, and the schedule without it given back.
    expect(refusal(() => parseSchedule('0@0-24,3@07-23'))).toEqual({
      message: '--schedule `0@0-24`: a shift of 0 units puts no unit on duty.',
      hint: 'leave those hours out: hours no shift covers have no unit on duty (--schedule 3@07-23), or give the units the shift has.',
    });
    expect(refusal(() => parseSchedule('3@07-23, 00@23-07'))).toMatchObject({
      message: '--schedule `00@23-07`: a shift of 0 units puts no unit on duty.',
    });
    // A unit or more is still taken.
    expect(parseSchedule('1@07-23')).toEqual([{ units: 1, from: 7, to: 23 }]);
  });

  it('exits 2 from the command line', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'analyze',
        '--store',
        join(ROOT, 'no-such-store'),
        '--schedule',
        '0@07-23',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--schedule `0@07-23`: a shift of 0 units puts no unit on duty.');
  });
});

describe('the example a refused share gives (tester 346)', () => {
  it('is the option’s own: 0.8 for --reach-level, 0.2 for --target and --max-wait-probability', () => {
    expect(refusal(() => planOptions({ ...DEFAULTS, reachLevel: '1.5' }))).toEqual({
      message:
        '--reach-level must be a plain decimal between 0 and 1, both excluded, such as 0.8 (0.01 is 1%); got `1.5`.',
      hint: 'give a share between 0 and 1 as a plain decimal, such as 0.8 for 80%.',
    });
    expect(refusal(() => planOptions({ ...DEFAULTS, reachLevel: '1' })).hint).toBe(
      'a share of 0 or 1 (0% or 100%) cannot be planned for: give one between, such as 0.8.',
    );
    expect(refusal(() => planOptions({ ...DEFAULTS, target: '1.5' }))).toEqual({
      message:
        '--target must be a plain decimal between 0 and 1, both excluded, such as 0.2 (0.01 is 1%); got `1.5`.',
      hint: 'give a share between 0 and 1 as a plain decimal, such as 0.2 for 20%.',
    });
    expect(refusal(() => planOptions({ ...DEFAULTS, maxWaitProbability: '-0.5' }))).toEqual({
      message:
        '--max-wait-probability must be a plain decimal between 0 and 1, both excluded, such as 0.2 (0.01 is 1%); got `-0.5`.',
      hint: 'give a share between 0 and 1 as a plain decimal, such as 0.2 for 20%; it cannot be negative.',
    });
  });
});

describe('the first 40,000 Minneapolis calls (tester 346)', () => {
  const dir = tempDir('safegap-346-');
  const store = join(dir, 'store');
  const spring = join(dir, 'spring');
  beforeAll(async () => {
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split(/\r?\n/);
    const head = lines.slice(0, 40_001);
    writeFileSync(join(dir, 'calls.csv'), `${head.join('\n')}\n`);
    // No spring-forward day in the file: its Sunday 2022-10-02 moved to 2022-03-13, whose 02:00 the clocks
    // skip in Minneapolis.
    const oct2 = head.slice(1).filter((l) => l.includes(',10/2/2022 '));
    expect(oct2.length).toBeGreaterThan(100);
    writeFileSync(
      join(dir, 'spring.csv'),
      `${[head[0], ...oct2.map((l) => l.replaceAll(',10/2/2022 ', ',3/13/2022 '))].join('\n')}\n`,
    );
    await ingest({ files: [join(dir, 'calls.csv')], profile: 'minneapolis-cad', store });
    await ingest({ files: [join(dir, 'spring.csv')], profile: 'minneapolis-cad', store: spring });
  }, 120_000);

  it('counts a fall-back day’s repeated hour in the unit-hours as the plan and the occupancy do', async () => {
    // 2 units from 07:00 to 22:00 (15 hours) and 2 from 00:00 to 02:00, whose 01:00 came twice on
    // 2022-11-06: 2 x 15 + 2 x 3 = 36 unit-hours over the day's 25 hours (34 over 24 before).
    const { tables } = await analyze({
      store,
      from: '2022-11-06',
      to: '2022-11-06',
      writeStore: false,
      capacity: { schedule: parseSchedule('2@07-22,2@00-02') },
    });
    const sum = tables.capacity_summary.rows[0]!;
    const plan = tables.capacity_plan.rows;
    expect(plan.find((r) => r.dow === 7 && r.hour === 1)!.hours_in_period).toBe(2);
    expect(sum.week_hours_in_period).toBe(25);
    expect(sum.scheduled_unit_hours_per_week).toBe(36);
    // The unit-hours needed, summed over the day's real hours, a second way: each hour's units times the
    // times it came.
    expect(sum.unit_hours_per_week_needed).toBe(
      plan.reduce((x, r) => x + (r.units_needed ?? 0) * r.hours_in_period, 0),
    );
    // Every eligible call arrives while 2 units are on and none waits past their capacity, so the occupancy
    // is the calls' work over the unit-hours staffed: 36, the figure the summary gives.
    expect(sum.share_served_scheduled).toBe(1);
    expect(sum.occupancy_scheduled! * sum.scheduled_unit_hours_per_week!).toBeCloseTo(
      (sum.eligible_calls * sum.service_minutes!) / 60,
      9,
    );

    const report = await buildReport({
      store,
      out: join(dir, 'day'),
      from: '2022-11-06',
      to: '2022-11-06',
      capacity: { schedule: parseSchedule('2@07-22,2@00-02') },
    });
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(
      `${sum.unit_hours_per_week_needed} unit-hours over the 25 hours the period has (the clocks went back, so one hour of the day came twice;`,
    );
    expect(text).not.toContain('24 hours of the week the period has');
  }, 120_000);

  it('says a schedule on no hour the period has staffs none, not that service times are missing', async () => {
    // 1 unit from 02:00 to 03:00: an hour 2022-03-13 does not have.
    const schedule = parseSchedule('1@02-03');
    const { tables } = await analyze({
      store: spring,
      from: '2022-03-13',
      to: '2022-03-13',
      writeStore: false,
      capacity: { schedule },
    });
    const sum = tables.capacity_summary.rows[0]!;
    expect(sum.week_hours_in_period).toBe(23);
    expect(sum.scheduled_unit_hours_per_week).toBe(0);
    const report = await buildReport({
      store: spring,
      out: join(dir, 'spring-report'),
      from: '2022-03-13',
      to: '2022-03-13',
      capacity: { schedule },
    });
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('No unit of the schedule is on duty in any hour the period has');
    expect(text).not.toContain('too few of them have a time from assignment to clearance');
  }, 120_000);
});
