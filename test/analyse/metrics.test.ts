/**
 * The metrics beyond share and eligibility on hand-made calls (test/analyse/scenario.ts and small fixtures
 * here); every expected figure is worked out in the comments beside it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { analyze, computeTables, type AnalysisTables } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CSV_COLUMNS } from '../../src/synth/synth.js';
import {
  capacityPlan,
  fixedPartText,
  hourOfWeekOccurrences,
  noServiceTime,
  parseSchedule,
  scheduleOverlapNote,
  unitsByHour,
} from '../../src/analyse/capacity.js';
import {
  makePeriod,
  prepareAnalysis,
  type AnalysisContext,
  type Denominator,
} from '../../src/analyse/context.js';
import type { TableResult } from '../../src/analyse/result.js';
import { stageOutTables, writeStoreTables } from '../../src/analyse/write-tables.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { summarizeStore } from '../../src/store/summary.js';
import { printStoreSummary } from '../../src/cli/store.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { repeatLocations } from '../../src/analyse/repeat-locations.js';
import { responseTimes } from '../../src/analyse/response-times.js';
import { minutesText } from '../../src/util/minutes.js';
import { fixtureCalls, fixtureClasses, memoryConn } from './helpers.js';
import { SCENARIO_CALLS, SCENARIO_CLASSES } from './scenario.js';

/** Two crisis-team calls on Monday 2022-10-03 in the 10:00 hour, each keeping a unit 30 minutes. */
const MONDAY_CRISIS_CALLS = [
  {
    id: 'a',
    at: '2022-10-03 10:00',
    responder: 'behavioural_crisis',
    stages: { assigned: 0, cleared: 30 },
  },
  {
    id: 'b',
    at: '2022-10-03 10:30',
    responder: 'behavioural_crisis',
    stages: { assigned: 0, cleared: 30 },
  },
];

/** What `store info` says of a store: its summary's saved analysis, and the text it prints. */
async function storeInfo(conn: DuckDBConnection, store: string) {
  const s = await summarizeStore(conn, requireStore(store));
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((x: string) => void lines.push(x));
  printStoreSummary(s);
  log.mockRestore();
  return { analysis: s.analysis, text: lines.join('\n') };
}

describe('metrics on the hand-made city', () => {
  let conn: DuckDBConnection;
  let ctx: AnalysisContext;
  let t: AnalysisTables;
  beforeAll(async () => {
    conn = await memoryConn();
    await fixtureCalls(conn, SCENARIO_CALLS);
    await fixtureClasses(conn, SCENARIO_CLASSES);
    ctx = await prepareAnalysis(conn, { classes: 'call_classes', materialise: true });
    t = await computeTables(ctx, { target: 0.6, horizonYears: 2 });
  });

  it('gives the same tables from the relation materialised in a scratch database file', async () => {
    const dir = tempDir('safegap-scratch-');
    const c2 = await openEngine({ tempDirectory: dir });
    try {
      await fixtureCalls(c2, SCENARIO_CALLS);
      await fixtureClasses(c2, SCENARIO_CLASSES);
      const onFile = await prepareAnalysis(c2, { classes: 'call_classes', materialise: 'file' });
      expect(onFile.relation).toBe('"analysis_calls"');
      const [where] = await queryRows<{ db: string }>(
        c2,
        `SELECT database_name AS db FROM duckdb_tables() WHERE table_name = 'analysis_calls_base'`,
      );
      expect(where?.db).toBe('safegap_work');
      expect(readdirSync(dir).some((f) => f.endsWith('.duckdb'))).toBe(true);
      const t2 = await computeTables(onFile, { target: 0.6, horizonYears: 2 });
      expect(t2).toEqual(t);
      // Preparing again on the same engine replaces the table.
      const again = await prepareAnalysis(c2, { classes: 'call_classes', materialise: 'file' });
      expect(await computeTables(again, { target: 0.6, horizonYears: 2 })).toEqual(t);
    } finally {
      c2.closeSync();
    }
  });

  it('equals quantile_cont, avg and plain counts over the per-call relation, for every interval and group', async () => {
    // A second way: DuckDB's own exact quantile over one row per call, against the counted histograms, over
    // the default denominator's calls.
    const rows = t.response_times.rows;
    expect(rows.length).toBeGreaterThan(40);
    const dims: Record<string, string> = {
      all: `'all'`,
      priority: `coalesce(CAST(priority AS VARCHAR), '(none)')`,
      responder: 'responder',
      hour: `lpad(CAST(hour AS VARCHAR), 2, '0')`,
      [ctx.areas[0]!]: `coalesce(CAST(${ctx.areas[0]} AS VARCHAR), '(none)')`,
    };
    for (const r of rows) {
      const v = `CASE WHEN iv_${r.interval} >= 0 AND iv_${r.interval} <= max_interval_s THEN iv_${r.interval} END`;
      const [want] = await queryRows<{
        calls: number;
        valid: number;
        q: number[] | null;
        mean: number | null;
      }>(
        conn,
        `SELECT count(*)::DOUBLE AS calls, count(${v})::DOUBLE AS valid, quantile_cont(${v}, [0.5, 0.9]) AS q,
           avg(${v}) AS mean
         FROM ${ctx.relation} WHERE ${dims[r.group_by]} = '${r.group_value.replaceAll("'", "''")}'
           AND origin IS DISTINCT FROM 'officer_initiated'`,
      );
      // quantile_cont interpolates as lo (1 - d) + hi d, which can differ in the last bit.
      expect({ ...r, q: [r.median_s, r.p90_s] }).toMatchObject({
        calls: want!.calls,
        valid: want!.valid,
        q: want!.q ? want!.q.map((x) => expect.closeTo(x, 9)) : [null, null],
      });
      if (want!.mean === null) expect(r.mean_s).toBeNull();
      else expect(r.mean_s).toBeCloseTo(want!.mean, 9);
    }
  });
  it('gives the same tables when calls find their combination by comparing every key column', async () => {
    const byColumns = await prepareAnalysis(conn, {
      classes: 'call_classes',
      materialise: true,
      keyJoin: 'columns',
      name: 'by_columns',
    });
    expect(await computeTables(byColumns, { target: 0.6, horizonYears: 2 })).toEqual(t);
  });

  it('sizes the gap to a target and ranks the call types that would close it', () => {
    // Excluding officer-initiated f: 9 calls, 4 diverted (a d g h). 60% of 9 = 5.4, so 1.4 more calls over
    // the 34 days. Police-handled calls an alternative is eligible for: b c e j (crisis team, current), i
    // (near-term).
    const gap = t.target_gap.rows.find((r) => r.denominator === 'cfs_excl_officer_initiated')!;
    expect(gap).toMatchObject({
      denominator_calls: 9,
      diverted_calls: 4,
      supply_current: 4,
      supply_near_term: 5,
    });
    expect(gap.additional_calls).toBeCloseTo(1.4, 12);
    expect(gap.additional_per_year).toBeCloseTo(1.4 / (34 / 365.25), 9);
    expect(gap.additional_per_week).toBeCloseTo(1.4 / (34 / 7), 12);
    expect(gap.increase_per_year_over_horizon).toBeCloseTo(1.4 / (34 / 365.25) / 2, 9);
    expect(gap.reachable_phase).toBe('current');
    // 911 only: a b c e g i j; diverted a g; 60% of 7 = 4.2, 2.2 more.
    expect(t.target_gap.rows.find((r) => r.denominator === 'calls_911')!.additional_calls).toBeCloseTo(
      2.2,
      12,
    );
    expect(
      t.pathways.rows.map((r) => [r.rank, r.phase, r.responder, r.call_type, r.calls, r.needed_for_target]),
    ).toEqual([
      [1, 'current', 'behavioural_crisis', 'Crisis', 4, true],
      [2, 'near_term', 'behavioural_crisis', 'Welfare', 1, false],
    ]);
    expect(t.pathways.rows[0]!.cumulative_share).toBeCloseTo(8 / 9, 12);
    expect(t.pathways.rows[1]!.cumulative_share).toBeCloseTo(1, 12);
    expect(gap.target_met).toBe(false);
    // The gap has a row per denominator, so its definition names none (it named the pathways' one).
    expect(t.target_gap.definition.denominator).toBeUndefined();
    expect(t.pathways.definition.denominator?.name).toBe('cfs_excl_officer_initiated');
  });

  it('keeps a target to 15 significant digits, and a tiny one unmet with no call diverted (tester 188)', async () => {
    const conn = await memoryConn();
    // Three police-handled calls, none diverted.
    await fixtureCalls(
      conn,
      ['a', 'b', 'c'].map((id) => ({ id, at: '2022-10-03 10:00' })),
    );
    const c = await prepareAnalysis(conn, { classes: null });
    const gapAt = async (target: number) =>
      (await computeTables(c, { target })).target_gap.rows.find((r) => r.denominator === 'all_calls')!;
    // 0.123456789012345678 x 3 = 0.370370367037037034, to 15 significant digits (it kept nine decimals).
    expect(await gapAt(Number('0.123456789012345678'))).toMatchObject({
      target_calls: 0.370370367037037,
      additional_calls: 0.370370367037037,
      target_met: false,
    });
    // A billionth of three calls is still more than none diverted (it read as met).
    expect(await gapAt(1e-9)).toMatchObject({
      target_calls: 3e-9,
      additional_calls: 3e-9,
      target_met: false,
    });
    // A yearly step only over a year or more (tester 192: half a year gave twice the calls a year).
    const step = async (horizonYears: number) =>
      (await computeTables(c, { target: 0.5, horizonYears })).target_gap.rows[0]!;
    expect((await step(0.5)).increase_per_year_over_horizon).toBeNull();
    const [one, two] = [await step(1), await step(2)];
    expect(one.increase_per_year_over_horizon).toBe(one.additional_per_year);
    expect(two.increase_per_year_over_horizon).toBeCloseTo(two.additional_per_year / 2, 12);
  });

  it('says when the target is already met, and when even every eligible call falls short', async () => {
    // 30%: 4 of 9 (44%) are diverted already; nothing to add, no phase needed, no row needed.
    const met = await computeTables(ctx, { target: 0.3 });
    const g = met.target_gap.rows.find((r) => r.denominator === 'cfs_excl_officer_initiated')!;
    expect(g).toMatchObject({ additional_calls: 0, target_met: true, reachable_phase: null });
    expect(met.pathways.rows.map((r) => r.needed_for_target)).toEqual([false, false]);
    // All calls: 10, of which 4 diverted (a d g h) and 5 police-handled eligible (b c e j, i); officer-initiated
    // f is eligible for no alternative. 95% is 9.5 calls, but at most 4 + 5 = 9 can go: every row is needed
    // and the last still falls short at 90%.
    const short = await computeTables(ctx, { target: 0.95, denominator: 'all_calls' });
    const s = short.target_gap.rows.find((r) => r.denominator === 'all_calls')!;
    expect(s.additional_calls).toBeCloseTo(5.5, 12);
    expect(s.supply_potential).toBe(5);
    expect(s).toMatchObject({ target_met: false, reachable_phase: null });
    expect(short.pathways.rows.map((r) => r.needed_for_target)).toEqual([true, true]);
    expect(short.pathways.rows.at(-1)!.cumulative_share).toBeCloseTo(0.9, 12);
    // No 911 call at all: no share, so no target met either (it read "already met").
    const c2 = await memoryConn();
    await fixtureCalls(c2, [{ id: 'p', at: '2022-10-03 10:00', origin: 'non_emergency_phone' }]);
    const phoneOnly = await computeTables(await prepareAnalysis(c2, { classes: null }), { target: 0.2 });
    expect(phoneOnly.target_gap.rows.find((r) => r.denominator === 'calls_911')).toMatchObject({
      denominator_calls: 0,
      current_share: null,
      target_met: false,
      reachable_phase: null,
    });
  });

  it('adds up time on task by category and the hours eligible calls take from police', () => {
    // Every call with the full stage chain (a b c f g i) spent 30 minutes on scene, 39 committed.
    const tot = (measure: string, category: string, responder: string) =>
      t.time_on_task.rows.find(
        (r) => r.measure === measure && r.category === category && r.responder === responder,
      )!;
    // d, e and j have no arrival (missing); h is a report no unit went to (tester 384): no unit sent.
    expect(tot('on_scene', 'all', 'all')).toMatchObject({
      calls: 10,
      valid: 6,
      missing: 3,
      no_unit_sent: 1,
      unit_hours: 3,
    });
    expect(tot('on_scene', 'behavioural_health', 'all')).toMatchObject({ valid: 3, unit_hours: 1.5 });
    expect(tot('on_scene', 'all', 'behavioural_crisis')).toMatchObject({
      calls: 2,
      valid: 1,
      unit_hours: 0.5,
    });
    expect(tot('committed', 'all', 'all').unit_hours).toBeCloseTo((6 * 39) / 60, 12);
    // A group whose calls have no time at all (h's committed) took unknown hours, not 0; h's time on scene
    // is 0 hours, no unit having gone.
    const unmeasured = t.time_on_task.rows.filter((r) => r.calls - r.no_unit_sent > 0 && r.valid === 0);
    expect(unmeasured.length).toBeGreaterThan(0);
    for (const r of unmeasured)
      expect([r.unit_hours, r.unit_hours_per_year, r.mean_minutes]).toEqual([null, null, null]);
    expect(tot('on_scene', 'all', 'online_311')).toMatchObject({ calls: 1, no_unit_sent: 1, unit_hours: 0 });
    // Crisis-team eligible calls police handled: b c e j; b and c have on-scene times (1 hour together).
    const h = t.eligible_hours.rows.find(
      (r) => r.phase === 'current' && r.responder === 'behavioural_crisis',
    )!;
    expect(h).toMatchObject({ police_handled_calls: 4, on_scene_valid: 2, on_scene_left_out: 2 });
    expect(h.on_scene_hours_per_year).toBeCloseTo(1 / (34 / 365.25), 9);
    const near = t.eligible_hours.rows.find(
      (r) => r.phase === 'near_term' && r.responder === 'behavioural_crisis',
    )!;
    expect(near.on_scene_hours_per_year).toBeCloseTo(1.5 / (34 / 365.25), 9);
  });

  it("counts the hours eligible calls take from police over the denominator's calls", async () => {
    // A police-handled crisis call that is officer-initiated: outside the default denominator, as in the
    // eligible-demand table beside it (T82: the workload counted 5,035 calls where 3,781 were eligible).
    const c2 = await memoryConn();
    await fixtureCalls(c2, [
      { id: 'p', at: '2022-10-03 10:00', stages: { assigned: 0, cleared: 30 } },
      { id: 'q', at: '2022-10-03 11:00', origin: 'officer_initiated', stages: { assigned: 0, cleared: 90 } },
    ]);
    const crisis = { category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] };
    await fixtureClasses(
      c2,
      ['p', 'q'].map((id) => ({ id, ...crisis })),
    );
    const c2ctx = await prepareAnalysis(c2, { classes: 'call_classes' });
    const row = (x: AnalysisTables) =>
      x.eligible_hours.rows.find((r) => r.phase === 'current' && r.responder === 'behavioural_crisis')!;
    const days = 1 / 365.25;
    const byDefault = await computeTables(c2ctx, {});
    expect(row(byDefault)).toMatchObject({ police_handled_calls: 1, committed_valid: 1 });
    expect(row(byDefault).committed_hours_per_year).toBeCloseTo(0.5 / days, 9);
    expect(row(byDefault).police_handled_calls).toBe(
      byDefault.eligible_demand.rows.find(
        (r) => r.phase === 'current' && r.responder === 'behavioural_crisis',
      )!.eligible_calls,
    );
    const all = await computeTables(c2ctx, { denominator: 'all_calls' });
    expect(row(all)).toMatchObject({ police_handled_calls: 2, committed_valid: 2 });
    expect(row(all).committed_hours_per_year).toBeCloseTo(2 / days, 9);
    expect(byDefault.eligible_hours.definition.denominator?.label).not.toBe(
      all.eligible_hours.definition.denominator?.label,
    );
    c2.closeSync();
  });

  it('tabulates the severity mix with on-scene hours', () => {
    // Excluding f: eight non-criminal calls and one misdemeanour (h, no times).
    const tier = (x: string) => t.severity_mix.rows.find((r) => r.tier === x)!;
    expect(tier('non_criminal')).toMatchObject({ calls: 8, on_scene_hours: 2.5, hours_share: 1 });
    expect(tier('non_criminal').share).toBeCloseTo(8 / 9, 12);
    // h is a report no unit went to (online_311, tester 384): no time on scene, 0 hours, not unknown, as
    // time on task has it; it is still a call without a valid time on scene.
    expect(tier('misdemeanour')).toMatchObject({
      calls: 1,
      on_scene_hours: 0,
      hours_share: 0,
      on_scene_left_out: 1,
      on_scene_no_unit_sent: 1,
    });
    expect(tier('serious_violent_felony')).toMatchObject({
      calls: 0,
      on_scene_hours: 0,
      nicjr_seattle_share: 0.021,
    });
  });

  it('profiles demand by hour of week and month', () => {
    // a: Monday 2022-10-03 10:00, hour of week 10; the period has five Mondays (3, 10, 17, 24, 31 Oct).
    const how = (by: string, v: string, h: number) =>
      t.demand_hour_of_week.rows.find(
        (r) => r.group_by === by && r.group_value === v && r.hour_of_week === h,
      );
    expect(how('all', 'all', 10)).toMatchObject({ dow: 1, hour: 10, calls: 1, calls_per_hour: 0.2 });
    // h: Thursday 2022-11-03 10:00 -> (4 - 1) x 24 + 10.
    expect(how('category', 'property_crime_report', 82)).toMatchObject({ calls: 1 });
    const eligible = t.demand_hour_of_week.rows
      .filter((r) => r.group_by === 'eligible' && r.group_value === 'current:behavioural_crisis')
      .reduce((a, r) => a + r.calls, 0);
    expect(eligible).toBe(6);
    // October: a-e over 29 days of the period (3-31); November: f-j over 5 days.
    const month = (m: string) => t.demand_monthly.rows.find((r) => r.month === m && r.category === 'all')!;
    expect(month('2022-10')).toMatchObject({ calls: 5, days: 29, yoy_change: null });
    expect(month('2022-10').calls_per_day).toBeCloseTo(5 / 29, 12);
    expect(month('2022-11')).toMatchObject({ calls: 5, days: 5, calls_per_day: 1 });
    expect(month('2022-10').seasonal_index).toBeCloseTo(5 / 29 / (10 / 34), 12);
  });
});

describe('hour of the week with sources in two zones', () => {
  it("gives no rate to an hour the period's clock lacks, where another zone's calls came", async () => {
    const conn = await memoryConn();
    // Sunday 2023-03-12: Chicago skips 02:00-02:59, Phoenix keeps no daylight time. Three Chicago calls make
    // it the period's clock; two Phoenix calls come at 02:30 and 02:40 local (09:30 and 09:40 UTC).
    await fixtureCalls(conn, [
      { id: 'c1', at: '2023-03-12 01:00' },
      { id: 'c2', at: '2023-03-12 03:00' },
      { id: 'c3', at: '2023-03-12 04:00' },
      { id: 'p1', at: '2023-03-12 02:30' },
      { id: 'p2', at: '2023-03-12 02:40' },
    ]);
    await conn.run(`UPDATE calls SET time_zone = CASE WHEN source_call_id LIKE 'p%' THEN 'America/Phoenix'
      ELSE 'America/Chicago' END, received_at = received_local::TIMESTAMP + CASE
        WHEN source_call_id LIKE 'p%' THEN INTERVAL 7 HOUR WHEN received_local < '2023-03-12 02:00' THEN INTERVAL 6 HOUR
        ELSE INTERVAL 5 HOUR END`);
    const ctx = await prepareAnalysis(conn, { classes: null, from: '2023-03-12', to: '2023-03-12' });
    const t = await computeTables(ctx, {});
    const hour = (h: number) =>
      t.demand_hour_of_week.rows.find((r) => r.group_by === 'all' && r.hour_of_week === 144 + h);
    // Sunday is ISO day 7: its hours start at 144. 01:00, 03:00 and 04:00 occur once each that day.
    expect([1, 3, 4].map((h) => hour(h)?.calls_per_hour)).toEqual([1, 1, 1]);
    // 02:00 does not occur on Chicago's clock that day: two calls, and no rate (2 / 0), not 0.
    expect(hour(2)).toMatchObject({ calls: 2, calls_per_hour: null });
  });
});

describe('monthly series over more than a year', () => {
  it('gives no change from a year before against a month of under a week in the period (tester 271)', async () => {
    const conn = await memoryConn();
    // 31 October 2021: 1 call; October 2022: 3 calls.
    await fixtureCalls(conn, [
      { id: 'a', at: '2021-10-31 10:00' },
      { id: 'b', at: '2022-10-05 10:00' },
      { id: 'c', at: '2022-10-06 10:00' },
      { id: 'd', at: '2022-10-31 10:00' },
    ]);
    const october = async (from: string) =>
      (
        await computeTables(await prepareAnalysis(conn, { classes: null, from, to: '2022-10-31' }))
      ).demand_monthly.rows.find((r) => r.month === '2022-10' && r.category === 'all')!.yoy_change;
    // From the 31st: October 2021 is one day in the period, a Sunday against a whole month.
    expect(await october('2021-10-31')).toBeNull();
    // From the 25th, seven days: 3/31 against 1/7 calls a day.
    expect(await october('2021-10-25')).toBeCloseTo(3 / 31 / (1 / 7) - 1, 12);
  });

  it('gives no change from a year before to a month without any call, past the last export (tester 294)', async () => {
    const conn = await memoryConn();
    // October 2021: 2 calls; October 2022: 3 calls; the period runs a year past the last call.
    await fixtureCalls(conn, [
      { id: 'a', at: '2021-10-01 10:00' },
      { id: 'b', at: '2021-10-15 10:00' },
      { id: 'c', at: '2022-10-05 10:00' },
      { id: 'd', at: '2022-10-06 10:00' },
      { id: 'e', at: '2022-10-31 10:00' },
    ]);
    const t = await computeTables(
      await prepareAnalysis(conn, { classes: null, from: '2021-10-01', to: '2023-10-31' }),
    );
    const m = (x: string) => t.demand_monthly.rows.find((r) => r.month === x && r.category === 'all')!;
    // October 2023 has no call at all: no export covers it, so no change (it read -1, a fall of 100%).
    expect(m('2023-10')).toMatchObject({ calls: 0, days: 31, yoy_change: null });
    // October 2022 against October 2021, by hand: 3/31 against 2/31 calls a day, +50%.
    expect(m('2022-10').yoy_change).toBeCloseTo(0.5, 12);
  });

  it('compares a month with the same month a year before, per day', async () => {
    const conn = await memoryConn();
    // October 2021: 2 calls; October 2022: 3 calls; one call in March 2022. Period 2021-10-01 to 2022-10-31.
    const calls = [
      { id: 'a', at: '2021-10-01 10:00' },
      { id: 'b', at: '2021-10-15 10:00' },
      { id: 'c', at: '2022-03-15 10:00' },
      { id: 'd', at: '2022-10-05 10:00' },
      { id: 'e', at: '2022-10-06 10:00' },
      { id: 'f', at: '2022-10-31 10:00' },
    ];
    await fixtureCalls(conn, calls);
    const ctx = await prepareAnalysis(conn, { classes: null });
    expect(ctx.period.days).toBe(396);
    const t = await computeTables(ctx);
    const m = (x: string) => t.demand_monthly.rows.find((r) => r.month === x && r.category === 'all')!;
    // 3/31 against 2/31 calls a day: +50%.
    expect(m('2022-10').yoy_change).toBeCloseTo(0.5, 12);
    expect(m('2021-10').yoy_change).toBeNull();
    // October: 5 calls over 62 October days, against 6 calls over 396 days.
    expect(m('2022-10').seasonal_index).toBeCloseTo(5 / 62 / (6 / 396), 12);
    expect(m('2022-03')).toMatchObject({ calls: 1, days: 31 });
    // Through the end of November 2022: November 2021 has no call, and its 30 days still count. Seasonal
    // index of November: 1 call over 60 November days, against 7 calls over 426 days (it left the empty
    // November out: 1 / 30 / (7 / 426)).
    await fixtureCalls(conn, [...calls, { id: 'g', at: '2022-11-20 10:00' }]);
    const longer = await computeTables(await prepareAnalysis(conn, { classes: null, to: '2022-11-30' }));
    const nov = longer.demand_monthly.rows.find((r) => r.month === '2022-11' && r.category === 'all')!;
    expect(nov.seasonal_index).toBeCloseTo(1 / 60 / (7 / 426), 12);
    expect(nov.yoy_change).toBeNull();
    // A month without a call is a row of 0 (November 2021 had none, and no row): a monthly chart made from
    // the table skipped it. The first period: 13 months, October 2021 to October 2022, each a row.
    expect(t.demand_monthly.rows.filter((r) => r.category === 'all').map((r) => r.month)).toEqual([
      '2021-10',
      '2021-11',
      '2021-12',
      ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map((x) => `2022-${x}`),
    ]);
    const nov21 = m('2021-11');
    expect(nov21).toMatchObject({ calls: 0, days: 30, calls_per_day: 0, yoy_change: null });
    // November over the first period: no call on its 30 days.
    expect(nov21.seasonal_index).toBe(0);
    // 2022-11 in the longer period: 1 call on 30 days against none a year before: no change to give.
    // 2022-12 is outside it. And every hour of the week the period has is a row, 0 when no call came.
    const how = t.demand_hour_of_week.rows.filter((r) => r.group_by === 'all');
    expect(how).toHaveLength(168);
    // a and b on Fridays at 10, c a Tuesday, d a Wednesday, e a Thursday, f a Monday: five hours.
    expect(how.filter((r) => r.calls > 0)).toHaveLength(5);
    expect(how.reduce((a, r) => a + r.calls, 0)).toBe(6);
  });
});

describe('response times', () => {
  it('breaks down by any area, the first stored per call and the others through the place', async () => {
    const conn = await memoryConn();
    // Pickup to arrival in minutes, by precinct (the first area) and neighborhood (the second).
    const spec: [string, string, number][] = [
      ['1', 'A', 4],
      ['1', 'A', 10],
      ['1', 'B', 7],
      ['2', 'B', 3],
      ['2', 'B', 20],
      ['2', 'C', 12],
    ];
    await fixtureCalls(
      conn,
      spec.map(([precinct, neighborhood, m], i) => ({
        id: `a${i}`,
        at: '2022-10-03 10:00',
        precinct,
        neighborhood,
        stages: { arrived: m },
      })),
    );
    const ctx = await prepareAnalysis(conn, { classes: null, materialise: true });
    expect(ctx.areas).toEqual(['precinct', 'neighborhood']);
    const row = async (area: string, value: string) =>
      (await responseTimes(ctx, { intervals: ['response'], area })).rows.find(
        (r) => r.group_by === area && r.group_value === value,
      )!;
    // Precinct 1: 4 7 10 -> median 7, p90 at rank 1.8 -> 7 + 0.8 x 3 = 9.4 min.
    expect(await row('precinct', '1')).toMatchObject({ calls: 3, valid: 3, median_s: 420 });
    expect((await row('precinct', '1')).p90_s).toBeCloseTo(9.4 * 60, 9);
    // Neighborhood B: 3 7 20 -> median 7, p90 7 + 0.8 x 13 = 17.4 min; A: 4 10 -> median 7; C: 12.
    const b = await row('neighborhood', 'B');
    expect(b).toMatchObject({ calls: 3, valid: 3, median_s: 420 });
    expect(b.p90_s).toBeCloseTo(17.4 * 60, 9);
    expect(await row('neighborhood', 'A')).toMatchObject({ calls: 2, median_s: 420 });
    expect(await row('neighborhood', 'C')).toMatchObject({ calls: 1, median_s: 720, p90_s: 720 });
  });

  it('keeps fractions of a second when the export has them', async () => {
    // Any time stamp off the whole second keeps the intervals as DOUBLE seconds (whole seconds: INTEGER).
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    // Pickup to arrival 60.6 s, 120 s and 210 s.
    await fixtureCalls(
      conn,
      [1.01, 2, 3.5].map((m, i) => ({ id: `f${i}`, at, priority: '1', stages: { arrived: m } })),
    );
    const ctx = await prepareAnalysis(conn, { classes: null, materialise: true });
    const all = (await responseTimes(ctx, { intervals: ['response'] })).rows.find(
      (x) => x.group_by === 'all',
    )!;
    // Sorted 60.6 120 210: median 120; 90th at rank 1.8 -> 120 + 0.8 x 90 = 192; mean 390.6 / 3 = 130.2.
    expect(all).toMatchObject({ calls: 3, valid: 3, median_s: 120 });
    expect(all.p90_s).toBeCloseTo(192, 9);
    expect(all.mean_s).toBeCloseTo(130.2, 9);
  });

  it('gives means right to 15 significant digits when times have fractions of a second (tester 181)', async () => {
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    const base = Date.parse('2022-10-03T10:00:00Z');
    // 3,000 response times of whole milliseconds (a Lehmer sequence), over ten priorities.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const minutes = Array.from({ length: 3000 }, () => (1000 + (next() % 3_600_000)) / 60_000);
    await fixtureCalls(
      conn,
      minutes.map((m, i) => ({ id: `f${i}`, at, priority: String(1 + (i % 10)), stages: { arrived: m } })),
    );
    // The milliseconds the fixture wrote, and each group's mean: a sum of whole milliseconds is exact in
    // a double, and one division of two exact numbers is the exact mean correctly rounded.
    const held = minutes.map((m) => new Date(base + m * 60_000).getTime() - base);
    const mean = (ms: number[]) => ms.reduce((a, b) => a + b, 0) / (ms.length * 1000);
    const want = new Map<string, number>([['all', mean(held)]]);
    for (let p = 1; p <= 10; p++) want.set(String(p), mean(held.filter((_, i) => i % 10 === p - 1)));
    const ctx = await prepareAnalysis(conn, { classes: null, materialise: true });
    const rows = (await responseTimes(ctx, { intervals: ['response'] })).rows;
    const got = rows.filter((r) => r.group_by === 'all' || r.group_by === 'priority');
    expect(got).toHaveLength(11);
    // Within two units in the last place of the exact mean (a sum of DOUBLEs was ten off for all calls),
    // which leaves the 15 significant digits a table shows exact.
    const ulp = (x: number) => 2 ** (Math.floor(Math.log2(x)) - 52);
    for (const r of got) {
      const exact = want.get(r.group_value)!;
      expect(Math.abs(r.mean_s! - exact), r.group_value).toBeLessThanOrEqual(2 * ulp(exact));
      expect(r.mean_s!.toPrecision(15)).toBe(exact.toPrecision(15));
    }
  });

  it("times the denominator's calls: officer-initiated ones only under all_calls", async () => {
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    await fixtureCalls(conn, [
      // Dispatched calls: 6, 10 and 14 minutes; an officer's own stops: 0 and 1 minute; a 311 call: 20.
      ...[6, 10, 14].map((m, i) => ({ id: `d${i}`, at, priority: '2', stages: { arrived: m } })),
      ...[0, 1].map((m, i) => ({
        id: `o${i}`,
        at,
        priority: '2',
        origin: 'officer_initiated',
        stages: { arrived: m },
      })),
      { id: 'p', at, priority: '2', origin: 'non_emergency_phone', stages: { arrived: 20 } },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    const all = async (denominator?: Denominator) =>
      (
        await responseTimes(ctx, { intervals: ['response'], ...(denominator ? { denominator } : {}) })
      ).rows.find((x) => x.group_by === 'all')!;
    // Default (officer-initiated left out): 6 10 14 20 -> median at rank 1.5 = 12 min.
    expect(await all()).toMatchObject({ calls: 4, valid: 4, median_s: 720 });
    // Every call: 0 1 6 10 14 20 -> median at rank 2.5 = 8 min.
    expect(await all('all_calls')).toMatchObject({ calls: 6, valid: 6, median_s: 480 });
    // 911 calls only: 6 10 14 -> 10 min.
    expect(await all('calls_911')).toMatchObject({ calls: 3, valid: 3, median_s: 600 });
  });

  it('gives type-7 quantiles over valid intervals and counts the rest beside them', async () => {
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    await fixtureCalls(conn, [
      // Pickup to arrival: 5, 7, 9 and 30 minutes valid; one missing, one negative, one over 24 hours.
      ...[5, 7, 9, 30].map((m, i) => ({ id: `v${i}`, at, priority: '1', stages: { arrived: m } })),
      { id: 'm', at, priority: '1' },
      { id: 'n', at, priority: '1', stages: { arrived: -3 } },
      { id: 'x', at, priority: '1', stages: { arrived: 25 * 60 } },
      { id: 'p2', at, priority: '2', stages: { arrived: 4 } },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    const r = await responseTimes(ctx, { intervals: ['response'] });
    const p1 = r.rows.find((x) => x.group_by === 'priority' && x.group_value === '1')!;
    // Sorted 5 7 9 30: median at rank 1.5 -> 8 min; 90th at rank 2.7 -> 9 + 0.7 x 21 = 23.7 min.
    expect(p1).toMatchObject({ calls: 7, valid: 4, missing: 1, negative: 1, implausible: 1, median_s: 480 });
    expect(p1.p90_s).toBeCloseTo(23.7 * 60, 9);
    expect(p1.mean_s).toBeCloseTo((51 / 4) * 60, 9);
    const all = r.rows.find((x) => x.group_by === 'all')!;
    // All valid: 4 5 7 9 30 -> median 7 minutes.
    expect(all).toMatchObject({ calls: 8, valid: 5, median_s: 420 });
    expect(r.definition.quality).toMatchObject({
      response_missing: 1,
      response_negative: 1,
      response_implausible: 1,
    });
  });
});

describe('valid interval bounds', () => {
  it('takes an interval of 0 and one of exactly max_interval_hours as valid, and one a minute longer as implausible', async () => {
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    await fixtureCalls(
      conn,
      [0, 24 * 60, 24 * 60 + 1].map((m, i) => ({ id: `b${i}`, at, priority: '1', stages: { arrived: m } })),
    );
    const ctx = await prepareAnalysis(conn, { classes: null });
    const all = (await responseTimes(ctx, { intervals: ['response'] })).rows.find(
      (x) => x.group_by === 'all',
    )!;
    // Valid: 0 and 1,440 minutes, median at rank 0.5 of two values = 720 minutes.
    expect(all).toMatchObject({
      calls: 3,
      valid: 2,
      missing: 0,
      negative: 0,
      implausible: 1,
      median_s: 720 * 60,
    });
  });
});

describe('repeat locations', () => {
  it('lists blocks only at block level and only from the minimum count up', async () => {
    const conn = await memoryConn();
    const calls = [
      ...Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, block_address: '12XX MAIN ST' })),
      // House numbers that slipped through are coarsened to the block: both are 12XX OAK AVE.
      ...Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, block_address: '1234 OAK AVE' })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, block_address: '1250 OAK AVE' })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `d${i}`, block_address: '5XX ELM ST' })),
      { id: 'e', block_address: undefined },
    ].map((c, i) => ({ ...c, at: `2022-10-${String((i % 28) + 1).padStart(2, '0')} 10:00` }));
    await fixtureCalls(conn, calls);
    const ctx = await prepareAnalysis(conn, { classes: null });
    const r = await repeatLocations(ctx, { minCount: 11 });
    const all = r.rows.filter((x) => x.category === 'all');
    expect(all.map((x) => [x.rank, x.block, x.calls])).toEqual([
      [1, '12XX MAIN ST', 12],
      [2, '12XX OAK AVE', 11],
    ]);
    // 33 calls have an address.
    expect(all[0]!.share).toBeCloseTo(12 / 33, 12);
    expect(r.definition.quality).toEqual({
      calls: 34,
      calls_with_block: 33,
      all_blocks_tied_left_out: 0,
      category_blocks_tied_left_out: 0,
    });
    expect(r.rows.every((x) => x.calls >= 11 && !/^\d+\d\d\b/.test(x.block))).toBe(true);
    // The minimum can be raised but never lowered below 2: refused, not clamped in silence.
    expect(
      (await repeatLocations(ctx, { minCount: 12 })).rows.filter((x) => x.category === 'all'),
    ).toHaveLength(1);
    await expect(repeatLocations(ctx, { minCount: 0 })).rejects.toThrow(
      /--min-count must be at least 2; got 0/,
    );
  });

  it('gives blocks of equal count one rank and says how many a cut inside a tie left out', async () => {
    const conn = await memoryConn();
    const counts: [string, number][] = [
      ['5XX ELM ST', 3],
      ['AA BLOCK', 5],
      ['ZZ BLOCK', 3],
      ['12XX MAIN ST', 3],
      ['MM BLOCK', 3],
      ['7XX OAK AVE', 2],
    ];
    const calls = counts
      .flatMap(([block, n]) =>
        Array.from({ length: n }, (_, i) => ({ id: `${block}-${i}`, block_address: block })),
      )
      .map((c, i) => ({ ...c, at: `2022-10-${String((i % 28) + 1).padStart(2, '0')} 10:00` }));
    await fixtureCalls(conn, calls);
    const ctx = await prepareAnalysis(conn, { classes: null });
    const r = await repeatLocations(ctx, { minCount: 2, top: 3 });
    // By hand: AA has the most (5); four blocks tie at 3, listed alphabetically, two of them within the cut.
    expect(r.rows.filter((x) => x.category === 'all').map((x) => [x.rank, x.block, x.calls])).toEqual([
      [1, 'AA BLOCK', 5],
      [2, '12XX MAIN ST', 3],
      [2, '5XX ELM ST', 3],
    ]);
    // MM and ZZ BLOCK, in the list of all calls and again in the one category (unclassified).
    expect(r.definition.quality.all_blocks_tied_left_out).toBe(2);
    expect(r.definition.quality.category_blocks_tied_left_out).toBe(2);
    // A cut between counts leaves no tie out.
    const five = await repeatLocations(ctx, { minCount: 2, top: 5 });
    expect(five.definition.quality.all_blocks_tied_left_out).toBe(0);
  });
});

describe('capacity planner', () => {
  it('reads shifts and counts the hours of the week in a period', () => {
    expect(parseSchedule('3@07-23,2@23-07')).toEqual([
      { units: 3, from: 7, to: 23 },
      { units: 2, from: 23, to: 7 },
    ]);
    const u = unitsByHour(parseSchedule('3@07-23,2@23-07'));
    expect([u[6], u[7], u[22], u[23], u[0]]).toEqual([2, 3, 3, 2, 2]);
    expect(unitsByHour([{ units: 1, from: 0, to: 24 }]).every((x) => x === 1)).toBe(true);
    expect(() => parseSchedule('three@7-23')).toThrow(/UNITS@FROM-TO/);
    // In a list, the message names the shift at fault.
    expect(() => parseSchedule('3@07-23,2@23:07,1@12-14')).toThrow(
      /the shift `2@23:07` is not UNITS@FROM-TO/,
    );
    // 2022-10-03 is a Monday; ten days cover two Mondays, Tuesdays and Wednesdays and one of the rest.
    const occ = hourOfWeekOccurrences('2022-10-03', '2022-10-12');
    expect([occ[0], occ[24 * 2 + 5], occ[24 * 3], occ[24 * 6 + 23]]).toEqual([2, 2, 1, 1]);
    // On local clocks: Sunday 2022-11-06 in Chicago has 01:00 twice (25 hours); Sunday 2022-03-13 in
    // Burlington has no 02:00 (23 hours). Sunday is ISO day 7, its hours from 6 x 24 = 144.
    const sum = (o: number[]) => o.reduce((a, x) => a + x, 0);
    const fallBack = hourOfWeekOccurrences('2022-11-06', '2022-11-06', 'America/Chicago');
    expect([sum(fallBack), fallBack[144], fallBack[145], fallBack[146]]).toEqual([25, 1, 2, 1]);
    const springForward = hourOfWeekOccurrences('2022-03-13', '2022-03-13', 'America/New_York');
    expect([sum(springForward), springForward[145], springForward[146], springForward[147]]).toEqual([
      23, 1, 0, 1,
    ]);
    // 2022 in Chicago: 365 x 24 hours in all; 52 Sundays, so Sunday 01:00 occurs 52 + 1 (6 November) times
    // and Sunday 02:00 52 - 1 (13 March); 52 Mondays.
    const year = hourOfWeekOccurrences('2022-01-01', '2022-12-31', 'America/Chicago');
    expect([sum(year), year[145], year[146], year[0]]).toEqual([365 * 24, 53, 51, 52]);
  });

  it('says where shifts overlap and how many units add up there (tester 296)', () => {
    // Shifts that follow each other: no note.
    expect(scheduleOverlapNote(parseSchedule('3@07-23,2@23-07'))).toBeNull();
    // 3 from 07 to 23 and 2 from 20 to 07: both on from 20:00 to 23:00, 5 units.
    expect(scheduleOverlapNote(parseSchedule('3@07-23,2@20-07'))).toBe(
      "The --schedule's shifts overlap from 20:00 to 23:00 (3@07-23 and 2@20-07: 5 units on duty): their units add up there. If one shift was meant to begin as another ends, correct its hours.",
    );
    // Two all-day shifts overlap all day, not "from 00:00 to 00:00" (tester 363): 3 + 2 units.
    expect(scheduleOverlapNote(parseSchedule('3@0-24,2@0-24'))).toBe(
      "The --schedule's shifts overlap all day (3@00-24 and 2@00-24: 5 units on duty): their units add up there. If one shift was meant to begin as another ends, correct its hours.",
    );
    // Two overlaps, one across midnight (23:00-02:00: 2 + 1 units) and one in the morning (05:00-06:00).
    const note = scheduleOverlapNote(parseSchedule('2@22-06,1@23-02,1@05-08'))!;
    expect(note).toContain('from 05:00 to 06:00 (2@22-06 and 1@05-08: 3 units on duty)');
    expect(note).toContain('from 23:00 to 02:00 (2@22-06 and 1@23-02: 3 units on duty)');
    // Tester 300: each range has its own count (1 + 2 from 02 to 03, 1 + 2 + 4 from 03 to 04, 2 + 4 from 04
    // to 05), a shift of 0 units overlaps nothing, and two shifts that never meet are not named together.
    expect(scheduleOverlapNote(parseSchedule('1@00-04,2@02-06,4@03-05'))).toContain(
      'from 02:00 to 03:00 (1@00-04 and 2@02-06: 3 units on duty), from 03:00 to 04:00 (1@00-04, 2@02-06 and 4@03-05: 7 units on duty), from 04:00 to 05:00 (2@02-06 and 4@03-05: 6 units on duty)',
    );
    // parseSchedule refuses a shift of 0 units (tester 346); the note still gives one no overlap.
    expect(
      scheduleOverlapNote([
        { units: 0, from: 7, to: 19 },
        { units: 1, from: 10, to: 12 },
      ]),
    ).toBeNull();
    expect(scheduleOverlapNote(parseSchedule('1@23-01,1@00-02,1@01-03'))).toContain(
      'from 00:00 to 01:00 (1@23-01 and 1@00-02: 2 units on duty), from 01:00 to 02:00 (1@00-02 and 1@01-03: 2 units on duty)',
    );
  });

  it('sizes units per hour of week with Erlang C from eligible arrivals and the service time', async () => {
    const conn = await memoryConn();
    // Two crisis-team calls on Monday 2022-10-03 in the 10:00 hour, each keeping a unit 30 minutes.
    await fixtureCalls(conn, [...MONDAY_CRISIS_CALLS, { id: 'c', at: '2022-10-09 12:00' }]);
    await fixtureClasses(conn, [
      { id: 'a', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
      { id: 'b', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
      { id: 'c', category: 'other', tier: 'non_criminal', current: ['police'] },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const { plan, summary } = await capacityPlan(ctx, {
      goal: { kind: 'max_wait_probability', p: 0.2 },
      schedule: [{ units: 1, from: 9, to: 11 }],
      minServiceSample: 1,
    });
    // One Monday 10:00 in the week: 2 calls an hour x 0.5 h = 1 Erlang; P(wait) <= 0.2 needs 3 units.
    const h = plan.rows.find((r) => r.hour_of_week === 10)!;
    expect(h).toMatchObject({
      eligible_calls: 2,
      hours_in_period: 1,
      arrivals_per_hour: 2,
      offered_load: 1,
      units_needed: 3,
    });
    expect(h.p_wait_at_needed).toBeCloseTo(1 / 11, 12);
    // One unit on duty: overloaded (P(wait) 1), can take 2 calls an hour, busy the whole hour.
    expect(h).toMatchObject({
      scheduled_units: 1,
      p_wait_scheduled: 1,
      served_per_hour_scheduled: 2,
      utilisation_scheduled: 1,
    });
    expect(plan.rows.filter((r) => (r.units_needed ?? 0) > 0)).toHaveLength(1);
    // Monday 09:00, no call and the unit on: no call waits (tester 259: it read null, "not computed").
    // Monday 08:00, nobody on: nothing to say.
    expect(plan.rows.find((r) => r.hour_of_week === 9)).toMatchObject({
      scheduled_units: 1,
      p_wait_scheduled: 0,
    });
    expect(plan.rows.find((r) => r.hour_of_week === 8)).toMatchObject({
      scheduled_units: 0,
      p_wait_scheduled: null,
    });
    // 1 busy unit-hour over 1 unit x 2 hours x 7 days staffed.
    expect(summary.rows[0]).toMatchObject({
      service_minutes: 30,
      service_source: 'own_calls',
      peak_units_needed: 3,
    });
    expect(summary.rows[0]!.utilisation_scheduled).toBeCloseTo(1 / 14, 12);
    expect(summary.rows[0]).toMatchObject({ share_in_scheduled_hours: 1, share_served_scheduled: 1 });
  });

  it("gives how busy a schedule's units would be with the eligible calls they could take, beside today's work", async () => {
    // A tester's find: "units busy 6.3%" read as overstaffing where the eligible calls the schedule could
    // take would keep its units far busier. Monday 10:00: the team's own two 30-minute calls and four
    // eligible calls police took; four units on from 10:00 to 11:00.
    const conn = await memoryConn();
    const police = [0, 10, 20, 40].map((m, i) => ({
      id: `p${i}`,
      at: `2022-10-03 10:${String(m).padStart(2, '0')}`,
      responder: 'police',
      stages: { assigned: 0, cleared: 30 },
    }));
    await fixtureCalls(conn, [...MONDAY_CRISIS_CALLS, ...police]);
    const crisis = { category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] };
    await fixtureClasses(
      conn,
      ['a', 'b', 'p0', 'p1', 'p2', 'p3'].map((id) => ({ id, ...crisis })),
    );
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const { plan, summary } = await capacityPlan(ctx, {
      goal: { kind: 'max_wait_probability', p: 0.2 },
      schedule: [{ units: 4, from: 10, to: 11 }],
      minServiceSample: 1,
    });
    // 6 eligible calls an hour x 0.5 h = 3 Erlangs on 4 units: all 6 taken, 3 unit-hours busy of 4 staffed.
    expect(plan.rows.find((r) => r.hour_of_week === 10)).toMatchObject({
      scheduled_units: 4,
      served_per_hour_scheduled: 6,
      utilisation_scheduled: 0.25,
      occupancy_scheduled: 0.75,
    });
    // Today the team's own two calls keep them busy 1 unit-hour of the day's 4.
    expect(summary.rows[0]).toMatchObject({ utilisation_scheduled: 0.25, occupancy_scheduled: 0.75 });
    // Two units are overloaded (3 Erlangs): they take 2 x 2 = 4 calls an hour and are always busy.
    const two = await capacityPlan(ctx, {
      goal: { kind: 'max_wait_probability', p: 0.2 },
      schedule: [{ units: 2, from: 10, to: 11 }],
      minServiceSample: 1,
    });
    expect(two.summary.rows[0]).toMatchObject({ share_served_scheduled: 4 / 6, occupancy_scheduled: 1 });
    expect(two.plan.rows.find((r) => r.hour_of_week === 9)!.occupancy_scheduled).toBeNull();
  });

  it('counts only the work of staffed hours, plans a co-responder from eligible calls and leaves hours the period lacks empty', async () => {
    // Outside auditor's cases: 1 unit from 03:00 to 04:00 was "1,433% used" (all the team's work over the
    // few staffed hours); police_clinician, which the store records as police, took all 54,583 police calls
    // as its own; one call's travel was taken off the goal; a day's schedule was summed over 168 hours.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      // Monday 2022-10-03 10:00: two crisis-team calls of 30 minutes (one unit-hour), in the staffed hours.
      ...MONDAY_CRISIS_CALLS,
      // Monday 20:00: one hour of work while nobody is scheduled; the only call with a travel time (12 min).
      {
        id: 'd',
        at: '2022-10-03 20:00',
        responder: 'behavioural_crisis',
        stages: { assigned: 0, enroute: 2, arrived: 12, cleared: 60 },
      },
      // Tuesday: a police call eligible for a police-clinician co-response, 90 minutes.
      { id: 'p', at: '2022-10-04 12:00', responder: 'police', stages: { assigned: 0, cleared: 90 } },
    ]);
    const crisis = { category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] };
    await fixtureClasses(conn, [
      { id: 'a', ...crisis },
      { id: 'b', ...crisis },
      { id: 'd', ...crisis },
      { id: 'p', category: 'welfare_check', tier: 'non_criminal', current: ['police_clinician'] },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const team = await capacityPlan(ctx, { schedule: [{ units: 1, from: 9, to: 11 }], minServiceSample: 1 });
    const s = team.summary.rows[0]!;
    // Two days: hours 9 and 10 of each staffed, 4 unit-hours, of which the 10:00 hour's 1 busy unit-hour.
    expect(s.week_hours_in_period).toBe(48);
    expect(s.scheduled_unit_hours_per_week).toBe(4);
    expect(s.utilisation_scheduled).toBeCloseTo(1 / 4, 12);
    expect(s).toMatchObject({ travel_minutes: 12, travel_sample: 1, travel_source: 'own_calls' });
    // Thursday 10:00 is not in the period: no rate, no load, no units, no use (it read 0 everywhere).
    expect(team.plan.rows.find((r) => r.hour_of_week === 3 * 24 + 10)).toMatchObject({
      hours_in_period: 0,
      arrivals_per_hour: null,
      offered_load: null,
      units_needed: null,
      served_per_hour_scheduled: null,
      utilisation_scheduled: null,
      scheduled_units: 1,
    });
    // With the default sample of 30, one call's travel is no median: taken as 0 and said so.
    const fewer = await capacityPlan(ctx, {});
    // Null, not 0: 0 read as zero minutes of travel (tester 78).
    expect(fewer.summary.rows[0]).toMatchObject({
      travel_minutes: null,
      travel_sample: 1,
      travel_source: 'assumed_zero',
    });
    const given = await capacityPlan(ctx, { travelMinutes: 7 });
    expect(given.summary.rows[0]).toMatchObject({ travel_minutes: 7, travel_source: 'given' });
    // The co-responder has no calls of its own in the store: its one eligible call's 90 minutes.
    // Nor any work of its own to measure a schedule's use by: null, not 0%.
    const clinician = await capacityPlan(ctx, {
      responder: 'police_clinician',
      minServiceSample: 1,
      schedule: [{ units: 1, from: 9, to: 17 }],
    });
    expect(clinician.summary.rows[0]).toMatchObject({
      eligible_calls: 1,
      service_source: 'eligible_calls',
      service_minutes: 90,
      travel_sample: 0,
      utilisation_scheduled: null,
    });
    expect(clinician.plan.rows.every((r) => r.utilisation_scheduled === null)).toBe(true);
    await expect(capacityPlan(ctx, { responder: 'police' })).rejects.toThrow(/other than police/);
    expect(() => parseSchedule('99999999999999999999@00-24')).toThrow(/at most 10,000/);
    // Shifts add up: two of 6,000 over the same hours are 12,000 on duty at once.
    expect(() => parseSchedule('6000@00-24,6000@08-09')).toThrow(
      /12,000 units on duty at once, more than the planner takes \(at most 10,000\)/,
    );
    // Tester 308: "more than 9,007,199,254,740,991 units ...; the planner takes at most 10000".
    expect(() => parseSchedule('99999999999999999999@0-24')).toThrow(
      /has more units on duty at once than the planner takes \(at most 10,000\)\.$/,
    );
    expect(parseSchedule('6000@00-12,6000@12-24')).toHaveLength(2);
  });

  it('takes the fixed part from the eligible calls when the responder has too few of its own, as the service time', async () => {
    // Tester 78: a co-responder with no calls of its own was planned as if every call were reached the
    // moment a unit was free, though its eligible calls' call-taking, dispatch and travel put a 15-minute
    // goal out of reach. Four eligible calls police took, each with its stages, and one the team took.
    const conn = await memoryConn();
    const police = (id: string, at: string, queued: number, enroute: number, arrived: number) => ({
      id,
      at,
      stages: { queued, assigned: queued, enroute, arrived, cleared: arrived + 30 },
    });
    await fixtureCalls(conn, [
      // Fixed parts (pickup to queued + assigned to arrived, the wait left out): 6, 10, 16 and 20 minutes.
      police('a', '2022-10-03 10:00', 1, 2, 6),
      police('b', '2022-10-03 11:00', 2, 4, 10),
      police('c', '2022-10-03 12:00', 4, 6, 16),
      police('d', '2022-10-03 13:00', 5, 5, 20),
      { ...police('e', '2022-10-03 14:00', 1, 1, 3), responder: 'behavioural_crisis' },
      // Tester 259: two calls with every stage at the pickup's minute, a unit on scene logging them: no
      // evidence of how fast a call is reached, left out (they made the median 6 and the ceiling 5 of 7).
      police('y', '2022-10-03 15:00', 0, 0, 0),
      police('z', '2022-10-03 16:00', 0, 0, 0),
    ]);
    await fixtureClasses(
      conn,
      ['a', 'b', 'c', 'd', 'e', 'y', 'z'].map((id) => ({
        id,
        category: 'behavioural_health',
        tier: 'non_criminal',
        current: ['behavioural_crisis'],
      })),
    );
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const plan = await capacityPlan(ctx, { minServiceSample: 3 });
    // The team's one call is too few; the five eligible calls (its own among them) have fixed parts of
    // 3, 6, 10, 16 and 20 minutes: median 10, and 3 of 5 within 15 minutes, under the goal's 80%.
    expect(plan.summary.rows[0]).toMatchObject({
      service_source: 'eligible_calls',
      travel_source: 'eligible_calls',
      reach_clock: 'pickup',
      travel_sample: 5,
      travel_minutes: 10,
      reach_ceiling: 0.6,
      goal_reachable: false,
    });
    expect(fixedPartText(plan.summary.rows[0]!, String)).toMatch(
      /took each call 10\.0 min at the median, over 5 eligible calls \(too few of its own record them\)/,
    );
  });

  it('says no number of units meets a reach goal shorter than the travel, rather than planning for no wait', async () => {
    // An outside auditor's case: Minneapolis' team took 13 minutes from assignment to arrival (median),
    // and a 10-minute goal was "met" in every hour by 5 units, planned as if a call that did not wait were
    // reached in time.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      {
        id: 'a',
        at: '2022-10-03 10:00',
        responder: 'behavioural_crisis',
        stages: { assigned: 0, enroute: 2, arrived: 12, cleared: 30 },
      },
      {
        id: 'b',
        at: '2022-10-03 10:30',
        responder: 'behavioural_crisis',
        stages: { assigned: 0, enroute: 1, arrived: 14, cleared: 30 },
      },
    ]);
    await fixtureClasses(conn, [
      { id: 'a', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
      { id: 'b', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const plan10 = (withinMinutes: number) =>
      capacityPlan(ctx, {
        goal: { kind: 'service_level', withinS: withinMinutes * 60, level: 0.8 },
        schedule: [{ units: 4, from: 0, to: 24 }],
        minServiceSample: 1,
      });
    // Dispatch + travel (assigned to en route to arrived; no queued time, so no call-taking): 12 and 14
    // minutes. Within 10 minutes no call is reached even with no wait.
    const late = await plan10(10);
    expect(late.summary.rows[0]).toMatchObject({
      reach_clock: 'queued',
      travel_minutes: 13,
      reach_ceiling: 0,
      goal_reachable: false,
      unit_hours_per_week_needed: null,
      peak_units_needed: null,
      // Four units on around the clock still reach no call within 10 minutes.
      share_within_goal_scheduled: 0,
    });
    expect(late.plan.rows.every((r) => r.units_needed === null)).toBe(true);
    expect(late.plan.rows.find((r) => r.hour_of_week === 10)!.service_level_scheduled).toBe(0);
    // At the median (13 minutes) only the 12-minute call can be reached: half the calls, under 80%. The
    // plan used to take the median as every call's, and had 3 units "meet" this goal.
    const atMedian = await plan10(13);
    expect(atMedian.summary.rows[0]).toMatchObject({ reach_ceiling: 0.5, goal_reachable: false });
    // Monday 00:00, no call, four units on: none waits, and the share within the goal is the fixed part's.
    expect(atMedian.plan.rows.find((r) => r.hour_of_week === 0)).toMatchObject({
      p_wait_scheduled: 0,
      service_level_scheduled: 0.5,
    });
    // A goal equal to the ceiling is out of reach too: any wait at all leaves it short (a float sum of
    // shares made 84 of 105 calls 0.8000000000000002, and 32 units were planned for 80%).
    const equal = await capacityPlan(ctx, {
      goal: { kind: 'service_level', withinS: 13 * 60, level: 0.5 },
      minServiceSample: 1,
    });
    expect(equal.summary.rows[0]).toMatchObject({ goal_reachable: false, peak_units_needed: null });
    // Worked by hand. 2 calls an hour x 0.5 h = 1 Erlang; C(2, 1) = 1/3, C(3, 1) = 1/11. Within t with
    // each call's own fixed part x: share = sum over calls of 1/2 (1 - C e^(-(c - 1)(t - x) / 30 min)).
    const share = (C: number, c: number, t: number) =>
      [12, 14].reduce((s, x) => s + (x <= t ? 0.5 * (1 - C * Math.exp((-(c - 1) * (t - x)) / 30)) : 0), 0);
    // 40% within 13 minutes: 2 units reach 0.5 (1 - e^(-1/30) / 3) = 0.339, 3 units 0.457. With the median
    // taken for every call (1 - C >= 0.4), 2 units sufficed.
    const lower = await capacityPlan(ctx, {
      goal: { kind: 'service_level', withinS: 13 * 60, level: 0.4 },
      minServiceSample: 1,
    });
    const monday10 = lower.plan.rows.find((r) => r.hour_of_week === 10)!;
    expect(share(1 / 3, 2, 13)).toBeLessThan(0.4);
    expect(monday10.units_needed).toBe(3);
    expect(monday10.service_level_at_needed).toBeCloseTo(share(1 / 11, 3, 13), 12);
    // Within 14 minutes both can be: 3 units reach 1 - (e^(-2/15) + 1) / 22 = 0.915, 2 units 0.677.
    const exact = await plan10(14);
    expect(exact.summary.rows[0]).toMatchObject({
      reach_ceiling: 1,
      goal_reachable: true,
      peak_units_needed: 3,
    });
    expect(share(1 / 3, 2, 14)).toBeLessThan(0.8);
    expect(exact.plan.rows.find((r) => r.hour_of_week === 10)!.service_level_at_needed).toBeCloseTo(
      share(1 / 11, 3, 14),
      12,
    );
  });

  it('counts a reach goal from pickup when the calls record call-taking, and measures no use without own calls', async () => {
    // The outside tester's Minneapolis case: 3 minutes of call-taking were left out of a 15-minute goal.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      // Call-taking 2 and 4 minutes, then 10 minutes from assignment to arrival: 12 and 14 from pickup.
      {
        id: 'a',
        at: '2022-10-03 10:00',
        responder: 'behavioural_crisis',
        stages: { queued: 2, assigned: 2, enroute: 4, arrived: 12, cleared: 32 },
      },
      {
        id: 'b',
        at: '2022-10-03 10:30',
        responder: 'behavioural_crisis',
        stages: { queued: 4, assigned: 4, enroute: 5, arrived: 14, cleared: 34 },
      },
      { id: 'p', at: '2022-10-03 12:00', responder: 'police', stages: { assigned: 0, cleared: 40 } },
    ]);
    const crisis = { category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] };
    await fixtureClasses(conn, [
      { id: 'a', ...crisis },
      { id: 'b', ...crisis },
      { id: 'p', category: 'traffic', tier: 'non_criminal', current: ['traffic_control'] },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const within = (minutes: number) =>
      capacityPlan(ctx, {
        goal: { kind: 'service_level', withinS: minutes * 60, level: 0.8 },
        minServiceSample: 1,
      });
    // Dispatch and travel alone are 10 minutes for both, within 13; from pickup only one call is.
    expect((await within(13)).summary.rows[0]).toMatchObject({
      reach_clock: 'pickup',
      travel_minutes: 13,
      travel_sample: 2,
      reach_ceiling: 0.5,
      goal_reachable: false,
    });
    expect((await within(14)).summary.rows[0]).toMatchObject({ reach_ceiling: 1, goal_reachable: true });
    // The traffic team has no call of its own in the store: its use of a schedule is not measured, not 0%.
    const traffic = await capacityPlan(ctx, {
      responder: 'traffic_control',
      minServiceSample: 1,
      schedule: [{ units: 1, from: 8, to: 17 }],
    });
    expect(traffic.summary.rows[0]).toMatchObject({
      service_source: 'eligible_calls',
      utilisation_scheduled: null,
    });
    expect(
      traffic.plan.rows.every((r) => r.utilisation_scheduled === null && r.busy_unit_hours === null),
    ).toBe(true);
  });

  it('plans nothing when no call has a service time, rather than zero units reaching every call', async () => {
    // A source without clearance times (Burlington, Seattle) planned 0 units and reported every call
    // reached within the goal, even in hours with no unit on duty.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      { id: 'a', at: '2022-10-03 10:00', responder: 'behavioural_crisis' },
      { id: 'b', at: '2022-10-03 22:00', responder: 'behavioural_crisis' },
    ]);
    await fixtureClasses(conn, [
      { id: 'a', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
      { id: 'b', category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const { plan, summary } = await capacityPlan(ctx, { schedule: [{ units: 1, from: 9, to: 17 }] });
    expect(plan.rows.every((r) => r.units_needed === null && r.offered_load === null)).toBe(true);
    expect(plan.rows.find((r) => r.hour_of_week === 10)).toMatchObject({
      eligible_calls: 1,
      arrivals_per_hour: 1,
      service_minutes: null,
      served_per_hour_scheduled: null,
      service_level_scheduled: null,
    });
    // One of the two calls arrives while a unit is on: that much needs no service time.
    expect(summary.rows[0]).toMatchObject({
      service_minutes: null,
      service_sample: 0,
      // Unknown, not reachable: nothing was measured to plan with (tester 106 read true here), nor the
      // ceiling, which an assumed zero travel made 1 (tester 112).
      goal_reachable: null,
      reach_ceiling: null,
      peak_units_needed: null,
      unit_hours_per_week_needed: null,
      share_in_scheduled_hours: 0.5,
      share_served_scheduled: null,
      share_within_goal_scheduled: null,
      utilisation_scheduled: null,
    });
    expect(noServiceTime(0)).toMatch(/^no call has a valid service time/);
  });

  it('says every service time was 0, not that none was recorded, and measures the units as idle (tester 187)', async () => {
    const conn = await memoryConn();
    // Three team calls on Monday 2022-10-03 at 10:00, each cleared the minute its unit was assigned.
    const ids = ['a', 'b', 'c'];
    await fixtureCalls(
      conn,
      ids.map((id, i) => ({
        id,
        at: `2022-10-03 10:${String(i * 10).padStart(2, '0')}`,
        responder: 'behavioural_crisis',
        stages: { assigned: 1, cleared: 1 },
      })),
    );
    await fixtureClasses(
      conn,
      ids.map((id) => ({
        id,
        category: 'behavioural_health',
        tier: 'non_criminal',
        current: ['behavioural_crisis'],
      })),
    );
    const ctx = await prepareAnalysis(conn, {
      classes: 'call_classes',
      from: '2022-10-03',
      to: '2022-10-03',
    });
    const { summary } = await capacityPlan(ctx, {
      schedule: [{ units: 1, from: 9, to: 17 }],
      minServiceSample: 3,
    });
    // Three valid times of 0: no load to plan with, but the team's busy time is measured: 0 of 8 staffed hours.
    expect(summary.rows[0]).toMatchObject({
      service_minutes: null,
      service_sample: 3,
      service_source: 'own_calls',
      unit_hours_per_week_needed: null,
      utilisation_scheduled: 0,
    });
    expect(noServiceTime(summary.rows[0]!.service_sample)).toBe(
      'each of the 3 calls with a service time (from a unit being assigned to it being cleared) took 0 min, which gives the queue model no load',
    );
  });

  it('writes a time beside a goal of whole minutes with its seconds where the tenth would hide them', () => {
    // 901 s is 15.0167 min: "15.0 min" beside "0% reached within 15 min" read as a contradiction.
    expect([901, 899, 900, 912, 30].map((s) => minutesText(s / 60))).toEqual([
      '15 min 1 s',
      '14 min 59 s',
      '15.0 min',
      '15.2 min',
      '0.5 min',
    ]);
  });
});

describe('result tables on disk', () => {
  const store = tempDir();
  it('replaces the store analysis whole, and keeps the previous one when a write fails', async () => {
    const conn = await memoryConn();
    const period = makePeriod('2022-10-01', '2022-10-31');
    const table = (
      rows: { a: string; n: number | null }[],
    ): TableResult<{ a: string; n: number | null }> => ({
      table: 'example',
      columns: { a: 'VARCHAR', n: 'DOUBLE' },
      rows,
      definition: { metric: 'example', doc: 'docs/metrics.md', period, quality: {} },
    });
    const read = async () =>
      await queryRows<{ a: string; n: number | null }>(
        conn,
        `SELECT * FROM read_parquet('${join(store, 'analysis', 'example.parquet')}') ORDER BY a`,
      );
    await writeStoreTables(conn, store, [table([{ a: 'x', n: 1 }])], { run: 1, store_version: 'v000001' });
    await writeStoreTables(
      conn,
      store,
      [
        table([
          { a: 'y', n: null },
          { a: 'z', n: Infinity },
        ]),
      ],
      { run: 2, store_version: 'v000001' },
    );
    expect(await read()).toEqual([
      { a: 'y', n: null },
      { a: 'z', n: null },
    ]);
    expect(readdirSync(store)).toEqual(['analysis']);
    expect(JSON.parse(readFileSync(join(store, 'analysis', 'manifest.json'), 'utf8'))).toMatchObject({
      run: 2,
      tables: { example: { rows: 2 } },
    });
    // A table whose column types cannot be written fails the whole write; the previous analysis stays.
    const broken = { ...table([]), columns: { a: 'NOT A TYPE' } } as unknown as TableResult<object>;
    await expect(
      writeStoreTables(conn, store, [table([{ a: 'w', n: 3 }]), broken], {
        run: 3,
        store_version: 'v000001',
      }),
    ).rejects.toThrow();
    expect(readdirSync(store)).toEqual(['analysis']);
    expect((await read()).map((r) => r.a)).toEqual(['y', 'z']);
    // A run stopped between its two renames leaves analysis.old-<pid>-...; the next write removes it.
    mkdirSync(join(store, 'analysis.old-999999999-1'));
    await writeStoreTables(conn, store, [table([{ a: 'v', n: 4 }])], { run: 4, store_version: 'v000001' });
    expect(readdirSync(store)).toEqual(['analysis']);
  });

  it("leaves a newer version's analysis in place, and store info says which version the saved one is of", async () => {
    // An analysis that read v000001 and ended after an ingest committed v000002 replaced the newer
    // version's tables with its own, and nothing said which version the saved tables were of (tester 101).
    const dir = tempDir();
    const store = join(dir, 'store');
    const conn = await memoryConn();
    const period = makePeriod('2022-10-01', '2022-10-31');
    const table = (a: string): TableResult<{ a: string }> => ({
      table: 'example',
      columns: { a: 'VARCHAR' },
      rows: [{ a }],
      definition: { metric: 'example', doc: 'docs/metrics.md', period, quality: {} },
    });
    const save = (version: string, a: string) =>
      writeStoreTables(conn, store, [table(a)], { store_version: version, created_at: `made for ${a}` });
    const info = () => storeInfo(conn, store);
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    expect(await save('v000001', 'first')).toEqual({ folder: join(store, 'analysis') });
    expect((await info()).text).toContain(
      'Analysis saved in the store: of store version v000001, made made for first, every type classified automatically.',
    );
    await ingest({
      files: [sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv')],
      profile: 'seattle-spd-dispatch',
      store,
    });
    const stale = await info();
    expect(stale.analysis).toEqual({
      store_version: 'v000001',
      current: false,
      created_at: 'made for first',
      period: null,
      denominator: null,
      mapping_file: null,
      classification_changed: null,
    });
    expect(stale.text).toContain("not of the store's current version, v000002: run `safegap analyze`");
    expect(await save('v000002', 'newer')).toEqual({ folder: join(store, 'analysis') });
    // The slower run of the older version ends last: its tables are not saved.
    expect(await save('v000001', 'older')).toEqual({ movedTo: 'v000002' });
    expect((await info()).analysis).toMatchObject({ store_version: 'v000002', created_at: 'made for newer' });
    expect(readdirSync(store).filter((f) => f.startsWith('analysis'))).toEqual(['analysis']);
    // Tables of two months under the 911 denominator passed for the whole store's (tester 132).
    await analyze({ store, from: '2020-03-01', to: '2020-04-30', denominator: 'calls_911' });
    const two = await info();
    expect(two.analysis).toMatchObject({
      period: { from: '2020-03-01', to: '2020-04-30' },
      denominator: 'calls_911',
    });
    expect(two.text).toMatch(
      /Analysis saved in the store: of store version v000002, made [^,]+, of 2020-03-01 to 2020-04-30, denominator calls_911, every type classified automatically\./,
    );
  });

  it('store info says when the mapping the saved analysis was made with has changed or gone since', async () => {
    // After a classification import the saved tables were the old mapping's, and store info said nothing
    // (tester 113).
    const dir = tempDir();
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    const mapping = join(dir, 'own.csv');
    const text = `${readFileSync('taxonomy/mappings/minneapolis.csv', 'utf8').split('\n')[0]}\n`;
    writeFileSync(mapping, text);
    await analyze({ store, mapping });
    const manifest = JSON.parse(readFileSync(join(store, 'analysis', 'manifest.json'), 'utf8'));
    expect(manifest.classification_files).toContainEqual({
      path: resolve(mapping),
      sha256: createHash('sha256').update(text).digest('hex'),
    });
    const conn = await memoryConn();
    const info = () => storeInfo(conn, store);
    const now = await info();
    expect(now.analysis).toMatchObject({ mapping_file: mapping, classification_changed: [] });
    expect(now.text).toContain(`with the mapping ${mapping}.`);
    expect(now.text).not.toMatch(/since: these tables/);
    // An edit of one type, as `classify import` writes it.
    writeFileSync(mapping, `${text}Noise,noise,,non_criminal,,,,,,1,reviewed,ana,2026-12-02,\n`);
    const edited = await info();
    expect(edited.analysis!.classification_changed).toEqual([{ path: resolve(mapping), now: 'changed' }]);
    expect(edited.text).toContain(
      `  ${resolve(mapping)} has changed since: these tables are of the classification as it was; run \`safegap analyze\` for its figures now.`,
    );
    rmSync(mapping);
    expect((await info()).text).toContain(`  ${resolve(mapping)} is no longer there: these tables`);
    // The built-in mapping, then the working folder's own that a first `classify import` writes, and city
    // settings beside it: each read before the built-in ones (tester 116: neither was said).
    const cwd = join(dir, 'work');
    mkdirSync(join(cwd, 'mappings'), { recursive: true });
    const before = process.cwd();
    process.chdir(cwd);
    try {
      await analyze({ store, city: 'minneapolis' });
      expect((await info()).analysis).toMatchObject({
        mapping_file: 'minneapolis.csv (built in)',
        classification_changed: [],
      });
      writeFileSync(join(cwd, 'mappings', 'minneapolis.csv'), text);
      const own = await info();
      expect(own.analysis!.classification_changed).toEqual([
        { path: join(cwd, 'mappings', 'minneapolis.csv'), now: 'new' },
      ]);
      expect(own.text).toContain(
        `  ${join(cwd, 'mappings', 'minneapolis.csv')} is there now, and was not when they were made (it is read before the one they used): these tables`,
      );
      // With that mapping, settings beside it are read before the built-in ones.
      await analyze({ store, city: 'minneapolis' });
      expect((await info()).analysis!.classification_changed).toEqual([]);
      // Named as the path it has from anywhere, not `mappings/minneapolis.csv` of the folder analyze ran in
      // (tester 116).
      process.chdir(dir);
      expect((await info()).analysis!.mapping_file).toBe(join(cwd, 'mappings', 'minneapolis.csv'));
      process.chdir(cwd);
      writeFileSync(join(cwd, 'mappings', 'minneapolis.yaml'), 'emergency_priorities: ["1"]\n');
      expect((await info()).analysis!.classification_changed).toEqual([
        { path: join(cwd, 'mappings', 'minneapolis.yaml'), now: 'new' },
      ]);
      // A comment changes nothing the settings say (tester 116: it was said to have changed); a value does.
      const settings = join(cwd, 'mappings', 'minneapolis.yaml');
      await analyze({ store, city: 'minneapolis' });
      writeFileSync(settings, '# checked with the dispatch centre\nemergency_priorities: ["1"]  # only P1\n');
      expect((await info()).analysis!.classification_changed).toEqual([]);
      writeFileSync(settings, 'emergency_priorities: ["1", "2"]\n');
      expect((await info()).analysis!.classification_changed).toEqual([{ path: settings, now: 'changed' }]);
      // An analysis saved by an earlier safegap kept the digest of the bytes: the same bytes are no change.
      const kept = join(store, 'analysis', 'manifest.json');
      const m = JSON.parse(readFileSync(kept, 'utf8'));
      m.classification_files = m.classification_files.map((f: { path: string }) =>
        f.path === settings
          ? { ...f, sha256: createHash('sha256').update(readFileSync(settings)).digest('hex') }
          : f,
      );
      writeFileSync(kept, JSON.stringify(m));
      expect((await info()).analysis!.classification_changed).toEqual([]);
    } finally {
      process.chdir(before);
    }
    // Saved by a safegap that kept no record of the files: not said to be unchanged.
    const file = join(store, 'analysis', 'manifest.json');
    const older = JSON.parse(readFileSync(file, 'utf8'));
    delete older.classification_files;
    writeFileSync(file, JSON.stringify(older));
    expect((await info()).analysis!.classification_changed).toBeNull();
  });

  it('writes an --out folder whole: a failed write leaves the previous tables and analysis.json', async () => {
    // CSVs were written in place and analysis.json last: a run stopped part-way left tables of two store
    // versions under the old analysis.json.
    const conn = await memoryConn();
    const out = join(tempDir(), 'out');
    const period = makePeriod('2022-10-01', '2022-10-31');
    const writeOutTables = async (...args: Parameters<typeof stageOutTables>) =>
      (await stageOutTables(...args)).finish();
    const table = (name: string, a: string): TableResult<{ a: string }> => ({
      table: name,
      columns: { a: 'VARCHAR' },
      rows: [{ a }],
      definition: { metric: name, doc: 'docs/metrics.md', period, quality: {} },
    });
    await writeOutTables(conn, out, [table('one', 'old'), table('two', 'old')], {
      run: 1,
      store_version: 'v000001',
    });
    const before = ['analysis.json', 'one.csv', 'two.csv'].map((f) => readFileSync(join(out, f), 'utf8'));
    const broken = { ...table('three', 'x'), columns: { a: 'NOT A TYPE' } } as unknown as TableResult<object>;
    await expect(
      writeOutTables(conn, out, [table('one', 'new'), broken, table('two', 'new')], {
        run: 2,
        store_version: 'v000001',
      }),
    ).rejects.toThrow();
    expect(readdirSync(out).sort()).toEqual(['analysis.json', 'one.csv', 'two.csv']);
    expect(['analysis.json', 'one.csv', 'two.csv'].map((f) => readFileSync(join(out, f), 'utf8'))).toEqual(
      before,
    );
    await writeOutTables(conn, out, [table('one', 'new'), table('two', 'new')], {
      run: 3,
      store_version: 'v000001',
    });
    expect(readFileSync(join(out, 'one.csv'), 'utf8')).toBe('a\nnew\n');
    expect(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'))).toMatchObject({
      run: 3,
      store_version: 'v000001',
    });
    expect(readdirSync(out).sort()).toEqual(['analysis.json', 'one.csv', 'two.csv']);
    // Counts are DOUBLE in the tables; the CSV wrote them as 2702.0. A column with a fraction keeps it.
    const counts: TableResult<{ n: number; s: number | null }> = {
      table: 'counts',
      columns: { n: 'DOUBLE', s: 'DOUBLE' },
      rows: [
        { n: 2702, s: 1 },
        { n: 63306, s: 0.25 },
      ],
      definition: { metric: 'counts', doc: 'docs/metrics.md', period, quality: {} },
    };
    await writeOutTables(conn, out, [counts], {});
    expect(readFileSync(join(out, 'counts.csv'), 'utf8')).toBe('n,s\n2702,1.0\n63306,0.25\n');
    // Text a spreadsheet would run as a formula starts with ' in CSV; JSON and the store keep it as it is.
    const blocks = table('blocks', '=CMD|CALC!A1');
    blocks.rows.push({ a: '-- DISTURBANCE' }, { a: '@SUM(1)' }, { a: 'MAIN ST' });
    await writeOutTables(conn, out, [blocks], {});
    expect(readFileSync(join(out, 'blocks.csv'), 'utf8')).toBe(
      "a\n'=CMD|CALC!A1\n'-- DISTURBANCE\n'@SUM(1)\nMAIN ST\n",
    );
    expect(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')).tables.blocks.rows[0].a).toBe(
      '=CMD|CALC!A1',
    );
  });
});

describe('the hour a call is counted in', () => {
  it('is the hour ingest moved a spring-forward call to, which the occurrences count', async () => {
    // Chicago skips 02:00-02:59 on Sunday 2022-03-13: a call written 02:30 is 03:30 daylight time
    // (docs/time.md). It was counted at Sunday 02:00, an hour the day does not have (3 calls, 0 an hour).
    const dir = tempDir('safegap-gap-');
    const at = ['2022-03-13 01:50:00', '2022-03-13 02:30:00', '2022-03-13 03:10:00', '2022-03-13 12:00:00'];
    const cols = CSV_COLUMNS;
    const line = (id: number, t: string) =>
      cols.map((c) => (c === 'incident_id' ? String(id) : c === 'call_received' ? t : '')).join(',');
    const file = join(dir, 'gap.csv');
    writeFileSync(file, `${cols.join(',')}\n${at.map((t, i) => line(i + 1, t)).join('\n')}\n`);
    const store = join(dir, 'store');
    await ingest({ files: [file], profile: 'synthetic-city', store });
    const r = await analyze({ store, writeStore: false });
    const how = r.tables.demand_hour_of_week.rows.filter((x) => x.group_by === 'all');
    // Sunday is ISO day 7: its hours of the week from 6 x 24 = 144.
    const at_ = (h: number) => how.find((x) => x.hour_of_week === 144 + h);
    expect(at_(1)).toMatchObject({ calls: 1, calls_per_hour: 1 });
    expect(at_(2)?.calls ?? 0).toBe(0);
    expect(at_(3)).toMatchObject({ calls: 2, calls_per_hour: 2 });
    expect(at_(12)).toMatchObject({ calls: 1, calls_per_hour: 1 });
  });
});
