/**
 * Tester 375's gaps of the capacity planner, on the first 40,000 Minneapolis calls, where no call is
 * eligible for the community responders: a `--schedule` went unsaid by `analyze` and the report though
 * capacity_summary gave its unit-hours, `service_source` read `eligible_calls` over a sample of none, and
 * `--capacity-phase later` and a wait goal beside a reach goal were refused with no hint.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { parseSchedule, type CapacitySummary } from '../../src/analyse/capacity.js';
import { capacityLines } from '../../src/cli/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROOT = resolve(import.meta.dirname, '../..');

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

const plainText = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

describe('a schedule with no eligible call to cover (tester 375)', () => {
  // Nothing planned, a schedule asked for: what the summary of such a run holds.
  const none: CapacitySummary = {
    responder: 'community',
    phase: 'current',
    service_minutes: null,
    service_source: null,
    service_sample: 0,
    reach_clock: null,
    travel_minutes: null,
    travel_source: null,
    travel_sample: 0,
    reach_ceiling: null,
    goal_reachable: null,
    week_hours_in_period: 168,
    eligible_calls: 0,
    unit_hours_per_week_needed: null,
    peak_units_needed: null,
    scheduled_unit_hours_per_week: 168,
    share_in_scheduled_hours: null,
    share_served_scheduled: null,
    share_within_goal_scheduled: null,
    utilisation_scheduled: null,
    occupancy_scheduled: null,
  };

  it("is said by analyze's lines, with its unit-hours over the span the plan's are", () => {
    expect(capacityLines(none, false, '2@8-20')).toEqual([
      'Capacity (community, current): no call in the period is eligible for it under these rules; nothing to plan.',
      '  The schedule 2@8-20 (168 unit-hours a week) has no eligible call to cover.',
    ]);
    // A day: 2 units for 12 of its 24 hours.
    expect(
      capacityLines(
        { ...none, week_hours_in_period: 24, scheduled_unit_hours_per_week: 24 },
        false,
        '2@8-20',
      )[1],
    ).toBe(
      '  The schedule 2@8-20 (24 unit-hours over the 24 hours the period has) has no eligible call to cover.',
    );
    // No schedule, no line of one.
    expect(capacityLines({ ...none, scheduled_unit_hours_per_week: null })).toHaveLength(1);
  });

  describe('on the first 40,000 Minneapolis calls', () => {
    const dir = tempDir('safegap-375-');
    const store = join(dir, 'store');
    beforeAll(async () => {
      const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split(/\r?\n/);
      writeFileSync(join(dir, 'calls.csv'), `${lines.slice(0, 40_001).join('\n')}\n`);
      await ingest({ files: [join(dir, 'calls.csv')], profile: 'minneapolis-cad', store });
    }, 120_000);

    it('gives no service source where no call was measured, and the schedule in analyze and both editions', async () => {
      const schedule = parseSchedule('2@08-20');
      const { tables } = await analyze({
        store,
        writeStore: false,
        capacity: { responder: 'community', schedule },
      });
      const sum = tables.capacity_summary.rows[0]!;
      // The eligible-demand table, a second count: no call of the period is eligible for the team.
      expect(
        tables.eligible_demand.rows
          .filter((r) => r.phase === 'current' && r.responder === 'community')
          .reduce((a, r) => a + r.eligible_calls, 0),
      ).toBe(0);
      expect(sum.eligible_calls).toBe(0);
      // More than a week of calls: 2 units x 12 hours x 7 days.
      expect(sum.week_hours_in_period).toBe(168);
      expect(sum).toMatchObject({
        scheduled_unit_hours_per_week: 2 * 12 * 7,
        service_source: null,
        service_sample: 0,
        travel_source: null,
      });

      const run = cli(
        'analyze',
        '--store',
        store,
        '--no-save',
        '--capacity-responder',
        'community',
        '--schedule',
        '2@08-20',
      );
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        'Capacity (community, current): no call in the period is eligible for it under these rules; nothing to plan.\n  The schedule 2@8-20 (168 unit-hours a week) has no eligible call to cover.\n',
      );

      // No count of calls is in the sentence: the public edition says it too.
      for (const edition of ['internal', 'public'] as const) {
        const report = await buildReport({
          store,
          out: join(dir, edition),
          public: edition === 'public',
          capacity: { responder: 'community', schedule },
        });
        expect(plainText(report.html), edition).toContain(
          'so there are no units to plan. The schedule asked for (2@8-20, 168 unit-hours a week) has no eligible call to cover.',
        );
      }
    }, 300_000);
  });
});

describe('capacity options refused with a hint (tester 375)', () => {
  const nowhere = join(ROOT, 'no-such-store-375');

  it('--capacity-phase names what each phase means', () => {
    const r = cli('analyze', '--store', nowhere, '--capacity-phase', 'later');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "safegap: --capacity-phase must be one of current, near_term, potential; got `later`.\n  How to fix: give current (the calls eligible under today's practice), near_term (those and the ones the near-term rules add) or potential (those and every call the later rules add); the phases are cumulative (docs/classification.md).\n",
    );
  });

  it('a wait goal beside a reach goal says they are two goals, and to pick one', () => {
    const hint =
      '  How to fix: pick one: --max-wait-probability alone for a goal on waiting (such as 0.2: at most a fifth of calls wait for a unit), or --reach-minutes and --reach-level without it for a share of calls reached in time.\n';
    const r = cli('analyze', '--store', nowhere, '--max-wait-probability', '0.2', '--reach-minutes', '20');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `safegap: --max-wait-probability cannot be used with --reach-minutes: they are two different goals, the probability that a call waits for a unit and the share of calls reached within a time, and a probability of waiting has no reach time.\n${hint}`,
    );
    // Both reach options named; the report's options are the same, and --json gives the hint too.
    const both = cli(
      'report',
      '--store',
      nowhere,
      '--out',
      join(nowhere, 'o'),
      '--reach-level',
      '0.7',
      '--max-wait-probability',
      '0.2',
      '--reach-minutes',
      '20',
      '--json',
    );
    expect(both.status).toBe(2);
    expect(JSON.parse(both.stdout)).toMatchObject({
      error: expect.stringMatching(
        /^--max-wait-probability cannot be used with --reach-minutes and --reach-level: /,
      ),
      hint: hint.replace('  How to fix: ', '').trim(),
    });
    // Alone, or beside the reach goal's defaults, it is no conflict: the missing store is what is refused.
    const alone = cli('analyze', '--store', nowhere, '--max-wait-probability', '0.2');
    expect(alone.status).toBe(2);
    expect(alone.stderr).not.toContain('cannot be used with');
    expect(alone.stderr).toContain(nowhere);
  });
});
