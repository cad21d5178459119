/**
 * Calls of a responder that sends no unit (311 / online / telephone report) have no arrival on scene,
 * whatever the export puts in its arrival column (tester 384: Seattle's Telephone Reporting Unit calls,
 * `TRU - ...`, have an `Arrived Time`, when the report was taken, and their 16 "responses" went into the
 * headline median, 33.5 minutes against police's 34.7). Their travel, response and time on scene are neither
 * valid nor missing: counted apart as `no_unit_sent`. Every expected figure is worked out here by hand, or
 * from the raw CSV read a second way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { analyze } from '../../src/analyse/analyze.js';
import { capacityPlan } from '../../src/analyse/capacity.js';
import { recordsNoUnitTime, responseTimes, type ResponseTimeRow } from '../../src/analyse/response-times.js';
import { severityMix } from '../../src/analyse/severity-mix.js';
import { timeOnTask, type TimeOnTaskRow } from '../../src/analyse/time-on-task.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, fixtureClasses, memoryConn, quantile } from './helpers.js';

const at = '2022-10-03 10:00';

describe('calls with no unit sent, on hand-made calls', () => {
  let rows: ResponseTimeRow[];
  let task: TimeOnTaskRow[];
  const row = (interval: string, groupBy = 'all', value = 'all') =>
    rows.find((r) => r.interval === interval && r.group_by === groupBy && r.group_value === value)!;
  beforeAll(async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      // Police, minutes after receipt.
      { id: 'p1', at, stages: { queued: 1, assigned: 2, enroute: 3, arrived: 5, cleared: 25 } },
      { id: 'p2', at, stages: { queued: 1, assigned: 2, enroute: 4, arrived: 9, cleared: 39 } },
      { id: 'p3', at, stages: { queued: 2, assigned: 4, enroute: 5, arrived: 13, cleared: 53 } },
      { id: 'p4', at, stages: { queued: 1 } },
      // Telephone reports: an "arrival" when the report was taken, or none.
      { id: 'o1', at, responder: 'online_311', stages: { queued: 1, assigned: 2, arrived: 60, cleared: 70 } },
      { id: 'o2', at, responder: 'online_311', stages: { queued: 3, arrived: 120, cleared: 125 } },
      { id: 'o3', at, responder: 'online_311', stages: { queued: 2 } },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    rows = (await responseTimes(ctx)).rows;
    task = (await timeOnTask(ctx)).rows;
  });

  it('leaves the reports out of the response time, counted as no unit sent, not missing', () => {
    // Police responses 5, 9, 13 minutes (p4 has none: missing); median 9; 90th: h = 2 x 0.9 = 1.8,
    // 9 + 0.8 x (13 - 9) = 12.2 minutes. With the reports' 60 and 120 it was 13.
    expect(row('response')).toMatchObject({
      calls: 7,
      valid: 3,
      missing: 1,
      negative: 0,
      implausible: 0,
      no_unit_sent: 3,
      median_s: 9 * 60,
    });
    expect(row('response').p90_s).toBeCloseTo(12.2 * 60, 9);
    expect(row('response', 'responder', 'online_311')).toMatchObject({
      calls: 3,
      valid: 0,
      missing: 0,
      no_unit_sent: 3,
      median_s: null,
    });
    expect(row('response', 'responder', 'police')).toMatchObject({ calls: 4, valid: 3, no_unit_sent: 0 });
  });

  it('does the same for travel and time on scene', () => {
    // Travel: 2, 5, 8 minutes (p4 missing); on scene: 20, 30, 40 (p4 missing).
    expect(row('travel')).toMatchObject({ valid: 3, missing: 1, no_unit_sent: 3, median_s: 5 * 60 });
    expect(row('on_scene')).toMatchObject({ valid: 3, missing: 1, no_unit_sent: 3, median_s: 30 * 60 });
  });

  it('keeps the reports in call-taking, queue and committed, which do not run through an arrival', () => {
    // Call-taking: 1, 1, 2, 1 (police), 1, 3, 2 (reports): median 1 minute over 7.
    expect(row('call_taking')).toMatchObject({ valid: 7, missing: 0, no_unit_sent: 0, median_s: 60 });
    // Queue: 1, 1, 2 (police) and o1's 1; p4, o2, o3 have no assignment.
    expect(row('queue')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0, median_s: 60 });
    // Committed: 23, 37, 49 (police) and o1's 68.
    expect(row('committed')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0 });
  });

  it('gives time on task no on-scene hours for the reports, and keeps their committed time', () => {
    const t = (measure: string, responder: string) =>
      task.find((r) => r.measure === measure && r.category === 'all' && r.responder === responder)!;
    // On scene: police's 20 + 30 + 40 = 90 minutes, 1.5 unit-hours (with the reports' 10 and 5, 1.75).
    expect(t('on_scene', 'all')).toMatchObject({ calls: 7, valid: 3, missing: 1, no_unit_sent: 3 });
    expect(t('on_scene', 'all').unit_hours).toBeCloseTo(1.5, 12);
    // No unit went: 0 unit-hours, not an unmeasured null.
    expect(t('on_scene', 'online_311')).toMatchObject({ calls: 3, valid: 0, missing: 0, no_unit_sent: 3 });
    expect(t('on_scene', 'online_311').unit_hours).toBe(0);
    // Committed: 23 + 37 + 49 (police) + o1's 68 = 177 minutes.
    expect(t('committed', 'all')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0 });
    expect(t('committed', 'all').unit_hours).toBeCloseTo(177 / 60, 12);
    for (const r of task)
      expect(r.valid + r.missing + r.negative + r.implausible + r.no_unit_sent, JSON.stringify(r)).toBe(
        r.calls,
      );
  });

  it('accounts for every call of every row', () => {
    for (const r of rows)
      expect(r.valid + r.missing + r.negative + r.implausible + r.no_unit_sent, JSON.stringify(r)).toBe(
        r.calls,
      );
  });
});

describe('calls with no unit sent in the severity mix and the capacity planner', () => {
  // One category per tier, so that the severity mix's tiers and time on task's categories are the same
  // calls; every call eligible for the crisis team, which handles none (the planner falls back to them).
  const calls = [
    // Police, minutes after receipt: on scene 20, 30, 40; p4 never arrived.
    { id: 'p1', at, stages: { queued: 1, assigned: 2, enroute: 3, arrived: 5, cleared: 25 } },
    { id: 'p2', at, stages: { queued: 1, assigned: 2, enroute: 4, arrived: 9, cleared: 39 } },
    { id: 'p3', at, stages: { queued: 2, assigned: 4, enroute: 5, arrived: 13, cleared: 53 } },
    { id: 'p4', at, stages: { queued: 1 } },
    { id: 'p5', at, stages: { queued: 1 } },
    // Telephone reports: "arrivals" when the report was taken, 10 and 5 minutes before clearance.
    {
      id: 'o1',
      at,
      responder: 'online_311',
      stages: { queued: 1, assigned: 2, enroute: 3, arrived: 60, cleared: 70 },
    },
    { id: 'o2', at, responder: 'online_311', stages: { queued: 3, arrived: 120, cleared: 125 } },
    { id: 'o3', at, responder: 'online_311', stages: { queued: 2 } },
  ];
  const tierOf: Record<string, [string, string]> = {
    p1: ['disorder', 'misdemeanour'],
    o1: ['disorder', 'misdemeanour'],
    p2: ['welfare', 'non_criminal'],
    p3: ['welfare', 'non_criminal'],
    p4: ['welfare', 'non_criminal'],
    p5: ['assault', 'serious_violent_felony'],
    o2: ['property', 'non_violent_felony'],
    o3: ['property', 'non_violent_felony'],
  };
  const prepared = async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, calls);
    await fixtureClasses(
      conn,
      calls.map((c) => ({
        id: c.id,
        category: tierOf[c.id]![0],
        tier: tierOf[c.id]![1],
        current: ['behavioural_crisis'],
      })),
    );
    return prepareAnalysis(conn, { classes: 'call_classes' });
  };

  it("gives the severity mix time on task's on-scene hours, the reports' none", async () => {
    const ctx = await prepared();
    const mix = (await severityMix(ctx)).rows;
    const task = (await timeOnTask(ctx)).rows;
    const tier = (t: string) => mix.find((r) => r.tier === t)!;
    // By hand: misdemeanour p1's 20 minutes (o1's 10 are a report-taker's); non-criminal p2's 30 and p3's
    // 40; the non-violent felonies are reports only: 0 hours, nothing left unmeasured (the old code gave
    // 0.5, 7/6 and 5/60: 1.75 hours in all).
    expect(tier('misdemeanour')).toMatchObject({
      calls: 2,
      on_scene_valid: 1,
      on_scene_left_out: 1,
      on_scene_no_unit_sent: 1,
    });
    expect(tier('misdemeanour').on_scene_hours).toBeCloseTo(20 / 60, 12);
    expect(tier('non_criminal')).toMatchObject({ calls: 3, on_scene_valid: 2, on_scene_no_unit_sent: 0 });
    expect(tier('non_criminal').on_scene_hours).toBeCloseTo(70 / 60, 12);
    expect(tier('non_violent_felony')).toMatchObject({
      calls: 2,
      on_scene_valid: 0,
      on_scene_left_out: 2,
      on_scene_no_unit_sent: 2,
      on_scene_hours: 0,
      hours_share: 0,
    });
    expect(tier('misdemeanour').hours_share).toBeCloseTo(20 / 90, 12);
    // A unit was sent to p5 and no time recorded: unknown hours, not 0.
    expect(tier('serious_violent_felony')).toMatchObject({
      calls: 1,
      on_scene_hours: null,
      hours_share: null,
    });
    // The second way: each tier's hours are its category's in time on task, and the tiers add up to every
    // call's 1.5 unit-hours there (all of them in the default denominator: none officer-initiated).
    const onScene = (category: string) =>
      task.find((r) => r.measure === 'on_scene' && r.category === category && r.responder === 'all')!;
    for (const [category, t] of Object.values(tierOf))
      if (onScene(category).unit_hours === null) expect(tier(t).on_scene_hours, t).toBeNull();
      else expect(tier(t).on_scene_hours, t).toBeCloseTo(onScene(category).unit_hours!, 12);
    const hours = mix.reduce((a, r) => a + (r.on_scene_hours ?? 0), 0);
    expect(hours).toBeCloseTo(1.5, 12);
    expect(hours).toBeCloseTo(onScene('all').unit_hours!, 12);
  });

  it("leaves the reports out of the eligible calls' reach sample, not their service time", async () => {
    const ctx = await prepared();
    const { summary } = await capacityPlan(ctx, { minServiceSample: 3 });
    // The crisis team has no call: the eligible calls' call-taking + dispatch + travel, police's only:
    // p1 1 + 1 + 2 = 4, p2 1 + 2 + 5 = 8, p3 2 + 1 + 8 = 11 minutes (p4 and p5 have none): median 8, all within
    // 15 minutes. With o1's 1 + 1 + 57 = 59 it was a median of 9.5 over 4, 3 of them within 15.
    expect(summary.rows[0]).toMatchObject({
      travel_source: 'eligible_calls',
      reach_clock: 'pickup',
      travel_sample: 3,
      reach_ceiling: 1,
    });
    expect(summary.rows[0]!.travel_minutes).toBeCloseTo(8, 9);
    // Service time, assigned to cleared, keeps the report's: 23, 37, 49 and o1's 68 minutes.
    expect(summary.rows[0]!.service_sample).toBe(4);
    expect(summary.rows[0]!.service_minutes).toBeCloseTo((23 + 37 + 49 + 68) / 4, 9);
  });
});

describe('recordsNoUnitTime with telephone reports', () => {
  const timesOf = async (calls: Parameters<typeof fixtureCalls>[1]) => {
    const conn = await memoryConn();
    await fixtureCalls(conn, calls);
    return (await responseTimes(await prepareAnalysis(conn, { classes: null }))).rows;
  };

  it("does not take a report's arrival, or a report with no time, for a unit time", async () => {
    // Police calls with a received time only; the reports' "arrival" and clearance are a report-taker's.
    const police = [
      { id: 'p1', at },
      { id: 'p2', at },
    ];
    expect(
      recordsNoUnitTime(
        await timesOf([
          ...police,
          { id: 'o1', at, responder: 'online_311', stages: { arrived: 30, cleared: 40 } },
          { id: 'o2', at, responder: 'online_311' },
        ]),
      ),
    ).toBe(true);
    // A unit's arrival is one; so is a report's queue and assignment, which the export records.
    expect(recordsNoUnitTime(await timesOf([...police, { id: 'p3', at, stages: { arrived: 9 } }]))).toBe(
      false,
    );
    expect(
      recordsNoUnitTime(
        await timesOf([
          ...police,
          { id: 'o3', at, responder: 'online_311', stages: { queued: 1, assigned: 4 } },
        ]),
      ),
    ).toBe(false);
  });
});

/** Epoch milliseconds of a Seattle wall-clock time `MM/DD/YYYY h:mm:ss AM`, by Intl's time zone rules. */
function seattleTime(text: string): number {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d{1,2}):(\d\d):(\d\d) (AM|PM)$/.exec(text.trim());
  if (!m) throw new Error(`not a Seattle time: ${text}`);
  const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6]));
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const wallOf = (t: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  };
  // The offset at a first guess, then at the time it gives (right on either side of a change).
  let t = wall - (wallOf(wall) - wall);
  t = wall - (wallOf(t) - t);
  return t;
}

describe("Seattle's sample, Telephone Reporting Unit calls left out", () => {
  it('gives the headline median of the calls a unit went to, recomputed from the CSV', async () => {
    const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const raw = csvObjects(readFileSync(file, 'utf8'));
    // The default denominator leaves officer-initiated calls out (profile: ONVIEW, OFFICER INITIATED,
    // SCHEDULED EVENT); TRU calls are the telephone reports (profile's responder rule).
    const timed = raw.filter(
      (r) => !/^ONVIEW$|OFFICER INITIATED|^SCHEDULED EVENT/.test(r['Call Type']!.trim()),
    );
    const tru = timed.filter((r) => r['Initial Call Type']!.trim().startsWith('TRU -'));
    const seconds = timed
      .filter((r) => !r['Initial Call Type']!.trim().startsWith('TRU -') && r['Arrived Time']!.trim())
      .map((r) => (seattleTime(r['Arrived Time']!) - seattleTime(r['Original Time Queued']!)) / 1000)
      .filter((s) => s >= 0 && s <= 24 * 3600);
    expect(tru.length).toBe(16);
    expect(new Set(raw.map((r) => r['CAD Event Number'])).size).toBe(raw.length);

    const store = join(tempDir(), 'sea');
    await ingest({ files: [file], profile: 'seattle-call-data', store });
    const result = await analyze({ store, writeStore: false });
    const all = result.tables.response_times.rows.find(
      (r) => r.interval === 'response' && r.group_by === 'all',
    )!;
    expect(all.calls).toBe(timed.length);
    // The figures first: the old code gave 173 valid times and a median of 2,010 s with the reports in.
    expect(all.median_s).toBe(quantile(seconds, 0.5));
    expect(all.p90_s).toBeCloseTo(quantile(seconds, 0.9), 6);
    expect(all.valid).toBe(seconds.length);
    expect(all.no_unit_sent).toBe(tru.length);
  });

  it("prints the reports in analyze's table by priority, in a column of their own", () => {
    const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const raw = csvObjects(readFileSync(file, 'utf8'));
    const timed = raw.filter(
      (r) => !/^ONVIEW$|OFFICER INITIATED|^SCHEDULED EVENT/.test(r['Call Type']!.trim()),
    );
    const tru = timed.filter((r) => r['Initial Call Type']!.trim().startsWith('TRU -')).length;
    const store = join(tempDir(), 'sea-cli');
    const main = 'src/cli/main.ts';
    const cli = (...args: string[]) =>
      spawnSync('node', ['--import', 'tsx', main, ...args], {
        encoding: 'utf8',
        cwd: resolve(import.meta.dirname, '../..'),
      });
    const ingested = cli('ingest', '-p', 'seattle-call-data', '-s', store, file);
    expect(ingested.status, ingested.stderr).toBe(0);
    const out = cli('analyze', '-s', store, '--no-save');
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    const head = lines.findIndex((l) => /^priority\s+valid\s+median/.test(l));
    expect(lines[head]!.trim().split(/\s{2,}/)).toEqual([
      'priority',
      'valid',
      'median',
      '90th pct',
      'missing',
      'negative',
      'implausible',
      'no unit sent',
    ]);
    // The row of every call: its counts add up to the calls the CSV times, the reports among them.
    const all = lines[head + 2]!.trim().split(/\s{2,}/);
    expect(all[0]).toBe('all');
    const n = (s: string) => Number(s.replaceAll(',', ''));
    expect(n(all[7]!)).toBe(tru);
    expect(n(all[1]!) + n(all[4]!) + n(all[5]!) + n(all[6]!) + n(all[7]!)).toBe(timed.length);
  });
});
