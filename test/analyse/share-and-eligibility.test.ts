import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { prepareAnalysis, type AnalysisContext } from '../../src/analyse/context.js';
import { linkWarnings, typeWarnings } from '../../src/analyse/analyze.js';
import { divertedShare } from '../../src/analyse/diverted-share.js';
import { eligibleDemand } from '../../src/analyse/eligible-demand.js';
import { funnel } from '../../src/analyse/funnel.js';
import { queryRows } from '../../src/store/duckdb.js';
import { fixtureCalls, fixtureClasses, memoryConn, type FixtureCall } from './helpers.js';
import { SCENARIO_CALLS, SCENARIO_CLASSES } from './scenario.js';

describe('diverted share, eligible demand and the funnel on a hand-made city', () => {
  let conn: DuckDBConnection;
  let ctx: AnalysisContext;
  beforeAll(async () => {
    conn = await memoryConn();
    await fixtureCalls(conn, SCENARIO_CALLS);
    await fixtureClasses(conn, SCENARIO_CLASSES);
    ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
  });

  it('takes the period from the first and last day with a call', () => {
    expect(ctx.period).toMatchObject({ from: '2022-10-03', to: '2022-11-05', days: 34 });
    expect(ctx.quality).toEqual({
      calls_in_store: 10,
      calls_in_period: 10,
      linked_duplicates: 0,
      linked_far_apart: 0,
      linked_far_apart_days: null,
      linked_clock_offsets: [],
      months_without_main_source: null,
      unlinked_sources: [],
      lookalike_ids: [],
      unclassified: 0,
      untyped: 0,
    });
  });

  it('divides diverted calls by each named denominator, per month and overall', async () => {
    const r = await divertedShare(ctx);
    const get = (d: string, period: string, responder: string) =>
      r.rows.find((x) => x.denominator === d && x.period === period && x.responder === responder)!;
    // Diverted: a, d (crisis team), g (animal control), h (311). Officer-initiated: f. 911: a b c e g i j.
    expect(get('all_calls', 'all', 'all_diverted')).toMatchObject({
      calls: 4,
      denominator_calls: 10,
      share: 0.4,
    });
    expect(get('cfs_excl_officer_initiated', 'all', 'all_diverted')).toMatchObject({
      calls: 4,
      denominator_calls: 9,
    });
    expect(get('cfs_excl_officer_initiated', 'all', 'all_diverted').share).toBeCloseTo(4 / 9, 12);
    expect(get('calls_911', 'all', 'all_diverted')).toMatchObject({ calls: 2, denominator_calls: 7 });
    expect(get('all_calls', 'all', 'behavioural_crisis')).toMatchObject({ calls: 2, share: 0.2 });
    expect(get('calls_911', 'all', 'behavioural_crisis')).toMatchObject({ calls: 1 });
    expect(get('all_calls', '2022-10', 'all_diverted')).toMatchObject({ calls: 2, denominator_calls: 5 });
    expect(get('all_calls', '2022-11', 'all_diverted')).toMatchObject({ calls: 2, denominator_calls: 5 });
    expect(get('all_calls', '2022-11', 'police')).toMatchObject({ calls: 3, diverted: false });
    expect(r.definition.quality).toMatchObject({ calls: 10, calls_911: 7, officer_initiated: 1 });
  });

  it('counts eligible calls and how many each responder took', async () => {
    const r = await eligibleDemand(ctx, 'cfs_excl_officer_initiated');
    const get = (phase: string, responder: string) =>
      r.rows.find((x) => x.phase === phase && x.responder === responder)!;
    // Crisis team, current: a b c d e j eligible (6); it handled a and d.
    expect(get('current', 'behavioural_crisis')).toMatchObject({
      eligible_calls: 6,
      denominator_calls: 9,
      handled_eligible: 2,
      handled_all: 2,
    });
    expect(get('current', 'behavioural_crisis').handled_of_eligible).toBeCloseTo(2 / 6, 12);
    // Near-term adds the welfare check i.
    expect(get('near_term', 'behavioural_crisis')).toMatchObject({ eligible_calls: 7, handled_eligible: 2 });
    expect(get('potential', 'behavioural_crisis')).toMatchObject({ eligible_calls: 7 });
    expect(get('current', 'animal_control')).toMatchObject({ eligible_calls: 1, handled_eligible: 1 });
    // Any alternative, current: the six crisis calls, g and h; a d g h were diverted.
    expect(get('current', 'any_alternative')).toMatchObject({
      eligible_calls: 8,
      handled_eligible: 4,
      handled_all: 4,
    });
    expect(get('current', 'traffic_control')).toMatchObject({ eligible_calls: 0, handled_of_eligible: null });
  });

  it('follows eligible calls through assigned, arrived and handled, with the reasons they fell out', async () => {
    const { funnel: f, fallout } = await funnel(ctx, 'cfs_excl_officer_initiated');
    const stage = (s: string) =>
      f.rows.find((x) => x.phase === 'current' && x.responder === 'behavioural_crisis' && x.stage === s)!
        .calls;
    expect([stage('eligible'), stage('assigned'), stage('arrived'), stage('handled')]).toEqual([6, 4, 3, 1]);
    const why = Object.fromEntries(
      fallout.rows
        .filter((x) => x.phase === 'current' && x.responder === 'behavioural_crisis' && x.calls > 0)
        .map((x) => [`${x.stage}:${x.reason}`, x.calls]),
    );
    // d was cancelled before a unit was assigned, but the team handled it (the diverted share counts it):
    // not a call lost to a cancellation.
    expect(why).toEqual({
      'assigned:handled_without_arrival': 1, // d
      'assigned:no_unit_assigned': 1, // e
      'arrived:no_arrival_recorded': 1, // j
      'handled:reclassified': 1, // c
      'handled:police_on_scene': 1, // b
    });
    // Every eligible call either reaches `handled` or has exactly one reason.
    const lost = fallout.rows
      .filter((x) => x.phase === 'current' && x.responder === 'behavioural_crisis')
      .reduce((a, x) => a + x.calls, 0);
    expect(lost + stage('handled')!).toBe(stage('eligible'));
  });

  it('counts the calls without a call type and says what they cost', () => {
    expect(ctx.quality.untyped).toBe(0);
    expect(typeWarnings(ctx.quality)).toEqual([]);
    expect(typeWarnings({ ...ctx.quality, calls_in_period: 1200, untyped: 30 })).toEqual([
      expect.stringMatching(
        /^30 of the period's 1,200 calls have no initial call type: they have no category and are eligible for no alternative responder\. Their call type is empty, or one of the profile's nulls, in the export/,
      ),
    ]);
  });

  it('calls a type renamed within its category no reclassification', async () => {
    // An outside tester's Seattle find: final types from another code list (--CRISIS COMPLAINT - GENERAL
    // closing SUICIDE) made nearly every lost call "reclassified". The category says what the call was.
    const conn2 = await memoryConn();
    const full = { queued: 1, assigned: 2, enroute: 3, arrived: 10, cleared: 40, closed: 45 };
    await fixtureCalls(conn2, [
      {
        id: 'r',
        at: '2022-10-03 10:00',
        type: 'SUICIDE',
        final: '--CRISIS COMPLAINT - GENERAL',
        stages: full,
      },
      { id: 's', at: '2022-10-03 11:00', type: 'SUICIDE', final: '--ASSAULTS', stages: full },
      { id: 't', at: '2022-10-03 12:00', type: 'SUICIDE', final: '--UNMAPPED', stages: full },
    ]);
    const crisis = { category: 'behavioural_health', tier: 'non_criminal', current: ['behavioural_crisis'] };
    await fixtureClasses(conn2, [
      { id: 'r', ...crisis, final_category: 'behavioural_health' },
      { id: 's', ...crisis, final_category: 'violent_crime' },
      // No category for the final type: its text, changed, is all there is to go by.
      { id: 't', ...crisis },
    ]);
    const ctx2 = await prepareAnalysis(conn2, { classes: 'call_classes' });
    const { fallout } = await funnel(ctx2, 'all_calls');
    const why = Object.fromEntries(
      fallout.rows
        .filter((x) => x.phase === 'current' && x.responder === 'behavioural_crisis' && x.calls > 0)
        .map((x) => [`${x.stage}:${x.reason}`, x.calls]),
    );
    expect(why).toEqual({ 'handled:police_on_scene': 1, 'handled:reclassified': 2 });
  });
});

describe('the funnel where a source does not record every step', () => {
  it('takes an arrival as an assignment, and a source that records no dispatch as not recorded', async () => {
    const conn = await memoryConn();
    // The scenario's CAD, but b's export lost the assignment time (it has en route and arrival), plus an
    // incident file (no dispatch times at all) with two crisis calls: one its police handled, one the team.
    const cad = SCENARIO_CALLS.map((c) =>
      c.id === 'b' ? { ...c, stages: { queued: 1, enroute: 4, arrived: 12, closed: 45 } } : c,
    );
    await fixtureCalls(conn, [
      ...cad,
      // A crisis call police kept, cancelled before a unit was assigned: lost to the cancellation.
      {
        id: 'k',
        at: '2022-10-12 10:00',
        type: 'Crisis',
        cancel_reason: 'CLR-Per Caller',
        disposition_class: 'cancelled',
        stages: { queued: 1, closed: 5 },
      },
      { id: 'p', source: 'incidents', at: '2022-10-10 10:00', type: 'Crisis' },
      {
        id: 'q',
        source: 'incidents',
        at: '2022-10-11 10:00',
        type: 'Crisis',
        responder: 'behavioural_crisis',
      },
      // A source that records arrivals but never a unit assigned or en route (Seattle's call data): r
      // arrived; s did not, and whether a unit was assigned cannot be seen; t did not and was cancelled.
      { id: 'r', source: 'arrivals', at: '2022-10-13 10:00', type: 'Crisis', stages: { arrived: 9 } },
      { id: 's', source: 'arrivals', at: '2022-10-14 10:00', type: 'Crisis' },
      {
        id: 't',
        source: 'arrivals',
        at: '2022-10-15 10:00',
        type: 'Crisis',
        disposition_class: 'cancelled',
      },
    ]);
    const bcr = ['police', 'behavioural_crisis'];
    await fixtureClasses(conn, [
      ...SCENARIO_CLASSES,
      { id: 'k', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
      { id: 'p', source: 'incidents', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
      { id: 'q', source: 'incidents', category: 'behavioural_health', tier: 'non_criminal', current: bcr },
      ...['r', 's', 't'].map((id) => ({
        id,
        source: 'arrivals',
        category: 'behavioural_health',
        tier: 'non_criminal' as const,
        current: bcr,
      })),
    ]);
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes', link: 'none' });
    const { funnel: f, fallout } = await funnel(ctx, 'cfs_excl_officer_initiated');
    const stage = (s: string) =>
      f.rows.find((x) => x.phase === 'current' && x.responder === 'behavioural_crisis' && x.stage === s)!
        .calls;
    // Eligible: the scenario's 6 (a b c d e j), k, p, q and r, s, t. Assigned: a b c j, as before (b by its
    // arrival), and r by its arrival.
    expect(ctx.noAssignmentSources.sort()).toEqual(['arrivals', 'incidents']);
    expect([stage('eligible'), stage('assigned'), stage('arrived'), stage('handled')]).toEqual([12, 5, 4, 1]);
    const why = Object.fromEntries(
      fallout.rows
        .filter((x) => x.phase === 'current' && x.responder === 'behavioural_crisis' && x.calls > 0)
        .map((x) => [`${x.stage}:${x.reason}`, x.calls]),
    );
    // p and q were counted as never assigned, a claim the incident file cannot make; q, which the team
    // handled, is handled without an arrival, like d.
    // s was counted as "no unit assigned", which a source that never records one cannot say.
    expect(why).toEqual({
      'assigned:not_recorded': 2, // p, s
      'assigned:handled_without_arrival': 2, // d, and q, which the team handled
      'assigned:cancelled': 2, // k, t
      'assigned:no_unit_assigned': 1, // e
      'arrived:no_arrival_recorded': 1, // j
      'handled:reclassified': 1, // c
      'handled:police_on_scene': 2, // b, r
    });
  });
});

describe('several sources', () => {
  it('counts a call present in the CAD and in the crisis team log once, as handled by the team', async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      ...SCENARIO_CALLS.map((c) => ({ ...c, source: 'cad' })),
      // The crisis team's own log holds b (which the CAD shows as police) and one call the CAD lacks.
      {
        id: 'b',
        source: 'bcr_log',
        at: '2022-10-04 11:02',
        responder: 'behavioural_crisis',
        origin: 'unknown',
      },
      {
        id: 'z',
        source: 'bcr_log',
        at: '2022-10-09 11:00',
        responder: 'behavioural_crisis',
        origin: 'unknown',
      },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    expect(ctx.quality).toMatchObject({ calls_in_period: 11, linked_duplicates: 1 });
    const r = await divertedShare(ctx);
    const all = r.rows.find(
      (x) => x.denominator === 'all_calls' && x.period === 'all' && x.responder === 'behavioural_crisis',
    )!;
    // a, d (CAD), b (linked: the log says the team handled it), z (log only).
    expect(all).toMatchObject({ calls: 4, denominator_calls: 11 });
    // The linked call keeps the CAD record's origin (911), so it counts in the 911 denominator too.
    const c911 = r.rows.find(
      (x) => x.denominator === 'calls_911' && x.period === 'all' && x.responder === 'behavioural_crisis',
    )!;
    expect(c911).toMatchObject({ calls: 2, denominator_calls: 7 });
    const off = await prepareAnalysis(conn, { classes: null, link: 'none' });
    expect(off.quality.calls_in_period).toBe(12);
  });

  it("keeps the CAD's call type, priority and area for a call a team's log without them timed earlier", async () => {
    // Tester 285: a team's log mapping no call type, priority or area, with the CAD's 911 call 30 seconds
    // earlier, stood for it (the earliest record): the call lost its type (untyped, eligible for nothing),
    // its priority and its precinct. A record with a call type now comes first.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      {
        id: 'w',
        source: 'cad',
        at: '2022-10-03 10:01',
        type: 'Check the Welfare',
        priority: '1',
        precinct: '3',
        stages: { assigned: 2, arrived: 19 },
      },
      {
        id: 'w',
        source: 'team',
        at: '2022-10-03 10:00',
        responder: 'behavioural_crisis',
        stages: { arrived: 9 },
      },
      { id: 'v', source: 'cad', at: '2022-10-03 11:00', type: 'Theft', priority: '3', precinct: '1' },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    expect(ctx.quality).toMatchObject({ calls_in_period: 2, linked_duplicates: 1, untyped: 0 });
    // The CAD's record: its hour (10:01 is still 10), its priority and precinct, its own arrival (19 min).
    const rows = await queryRows<{ hour: number; priority: string; precinct: string; arrived: boolean }>(
      conn,
      `SELECT hour_of_week % 24 AS hour, priority, precinct, arrived FROM ${ctx.relation} ORDER BY hour`,
    );
    expect(rows).toEqual([
      { hour: 10, priority: '1', precinct: '3', arrived: true },
      { hour: 11, priority: '3', precinct: '1', arrived: false },
    ]);
    // Handled by the team (its log says so), a 911 call.
    const r = await divertedShare(ctx);
    expect(
      r.rows.find(
        (x) => x.denominator === 'calls_911' && x.period === 'all' && x.responder === 'behavioural_crisis',
      ),
    ).toMatchObject({ calls: 1, denominator_calls: 2 });
  });

  it("puts a linked call in the period of its representative record, whatever the log's own time", async () => {
    // Before, records were cut to the period before they were linked: a log record dated after the period
    // left its CAD call as police, a CAD record from before the period left the log's record standing as a
    // call of its own, and the default period ran from the earliest to the latest record, merged or not.
    const conn = await memoryConn();
    const log = (id: string, at: string) => ({
      id,
      source: 'bcr_log',
      at,
      responder: 'behavioural_crisis' as const,
      origin: 'unknown' as const,
    });
    await fixtureCalls(conn, [
      ...SCENARIO_CALLS.map((c) => ({ ...c, source: 'cad' })),
      // The CAD's b (2022-10-04, police), logged by the team a month later; the CAD's e (2022-10-07),
      // logged the day before; j (2022-11-05), logged after the store's last CAD call.
      log('b', '2022-11-20 09:00'),
      log('e', '2022-10-06 23:00'),
      log('j', '2022-12-31 09:00'),
    ]);
    // Default period: the calls' (the CAD's) first and last days, not the log's 2022-12-31.
    const whole = await prepareAnalysis(conn, { classes: null });
    expect(whole.period).toMatchObject({ from: '2022-10-03', to: '2022-11-05' });
    expect(whole.quality).toMatchObject({ calls_in_period: 10, linked_duplicates: 3 });
    // October (by the CAD's time): a, b, c, d, e; b and e were handled by the team, by the log.
    const oct = await prepareAnalysis(conn, { classes: null, from: '2022-10-01', to: '2022-10-31' });
    expect(oct.quality).toMatchObject({ calls_in_period: 5, linked_duplicates: 2 });
    const r = await divertedShare(oct);
    const bcrAll = r.rows.find(
      (x) => x.denominator === 'all_calls' && x.period === 'all' && x.responder === 'behavioural_crisis',
    )!;
    // a and d (CAD), b and e (linked).
    expect(bcrAll).toMatchObject({ calls: 4, denominator_calls: 5 });
    // November: f, g, h, i, j; j handled by the team by the log (logged in December).
    const nov = await prepareAnalysis(conn, { classes: null, from: '2022-11-01', to: '2022-11-30' });
    expect(nov.quality).toMatchObject({ calls_in_period: 5, linked_duplicates: 1 });
    const n = (await divertedShare(nov)).rows.find(
      (x) => x.denominator === 'all_calls' && x.period === 'all' && x.responder === 'behavioural_crisis',
    )!;
    expect(n).toMatchObject({ calls: 1, denominator_calls: 5 });
  });

  it('takes a linked call as it came in, whichever source is larger, and warns of links days apart', async () => {
    // An outside auditor's case: a 311 export with more rows than the CAD became the representative of
    // every call the CAD referred to it, which then left the 911 denominator.
    const conn = await memoryConn();
    const cad = (id: string, at: string) => ({ id, source: 'cad', at, origin: '911' });
    const sr = (id: string, at: string) => ({
      id,
      source: 'sr311',
      at,
      origin: '311',
      responder: 'online_311',
    });
    await fixtureCalls(conn, [
      cad('1', '2022-10-03 10:00'),
      cad('2', '2022-10-03 11:00'),
      // Call 1, referred by the CAD to 311 twenty minutes later; call 3, referred in the minute it came in
      // (a tie in time); four requests of 311's own.
      sr('1', '2022-10-03 10:20'),
      cad('3', '2022-10-03 12:00'),
      sr('3', '2022-10-03 12:00'),
      ...['a', 'b', 'c', 'd'].map((id, i) => sr(id, `2022-10-0${4 + i} 09:00`)),
      // Call 4 came in by phone, both say; 311 logged it five minutes before the CAD timed its dispatch:
      // the CAD's record, with the unit's times, stands for it.
      {
        id: '4',
        source: 'cad',
        at: '2022-10-05 10:05',
        origin: 'non_emergency_phone',
        stages: { assigned: 2, arrived: 10 },
      },
      { ...sr('4', '2022-10-05 10:00'), origin: 'non_emergency_phone' },
      // A crisis team's log (origin unknown) that dates the CAD's call 2 at midnight: the CAD's record
      // still stands for it.
      { id: '2', source: 'team', at: '2022-10-03 00:00', responder: 'behavioural_crisis', origin: 'unknown' },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    // Eight calls: 1 to 4 (each linked), a-d.
    expect(ctx.quality).toMatchObject({ calls_in_period: 8, linked_duplicates: 4, linked_far_apart: 0 });
    const r = await divertedShare(ctx);
    const get = (d: string, who: string) =>
      r.rows.find((x) => x.denominator === d && x.period === 'all' && x.responder === who)!;
    // The three 911 calls stay 911 calls: 1 and 3 handled by 311 (its records say so), 2 by the team (its log).
    expect(get('calls_911', 'online_311')).toMatchObject({ calls: 2, denominator_calls: 3 });
    expect(get('calls_911', 'behavioural_crisis')).toMatchObject({ calls: 1, denominator_calls: 3 });
    // Call 2 is on 3 October 11:00, by the CAD: the first hour of the day has no call.
    const [h] = await queryRows<{ n: number }>(
      conn,
      `SELECT count(*)::INTEGER AS n FROM ${ctx.relation} WHERE hour_of_week = 0`,
    );
    expect(h!.n).toBe(0);
    // Call 4, Wednesday 10:00, keeps the CAD's assignment and arrival.
    const [four] = await queryRows<{ assigned: boolean; arrived: boolean }>(
      conn,
      `SELECT assigned, arrived FROM ${ctx.relation} WHERE hour_of_week = 2 * 24 + 10`,
    );
    expect(four).toEqual({ assigned: true, arrived: true });

    // 311's own number 'a' is also a CAD number, five weeks earlier: linked, and said so.
    await fixtureCalls(conn, [
      cad('1', '2022-10-03 10:00'),
      cad('a', '2022-08-29 09:00'),
      sr('1', '2022-10-03 10:20'),
      sr('a', '2022-10-04 09:00'),
    ]);
    const far = await prepareAnalysis(conn, { classes: null });
    expect(far.quality).toMatchObject({ linked_far_apart: 1, linked_far_apart_days: 36 });
    expect(linkWarnings(far.quality, far.period)).toEqual([
      expect.stringMatching(/^1 call of the store link records .* more than a day apart \(up to 36 days\)/),
    ]);
  });

  it('warns of a source read on the wrong clock, and of months the main source has no records in', async () => {
    // Tester 114: a crisis team's log written in UTC and read as Chicago time put every linked record 5 or 6
    // hours after the CAD's, doubling the team's response times, with no word; a log of the next quarter
    // made three months 100% diverted.
    const conn = await memoryConn();
    const day = (i: number) => `2022-10-${String(3 + i).padStart(2, '0')}`;
    const cad = Array.from({ length: 12 }, (_, i) => ({
      id: `${i}`,
      source: 'cad',
      at: `${day(i)} 10:00`,
      origin: '911',
    }));
    const team = (i: number, time: string) => ({
      id: `${i}`,
      source: 'team',
      at: `${day(i)} ${time}`,
      origin: 'unknown',
      responder: 'behavioural_crisis',
    });
    // By hand: 10 calls 5 hours 2 minutes later, 1 six hours 4 minutes later (after the clocks changed), 1
    // two minutes later: 11 of 12 a whole number of hours apart within five minutes, 5 to 6 hours.
    await fixtureCalls(conn, [
      ...cad,
      ...Array.from({ length: 10 }, (_, i) => team(i, '15:02')),
      team(10, '16:04'),
      team(11, '10:02'),
    ]);
    const utc = await prepareAnalysis(conn, { classes: null });
    expect(utc.quality.linked_clock_offsets).toEqual([
      { sources: ['cad', 'team'], calls: 12, offset_calls: 11, hours: [5, 6] },
    ]);
    expect(linkWarnings(utc.quality, utc.period)).toEqual([
      expect.stringMatching(
        /^11 of the 12 calls that sources cad and team share were received 5 or 6 hours apart, team's later: .* Check `time_zone` and `timestamps.clock` in both profiles/,
      ),
    ]);
    // A team's own request time, minutes after the pickup, read five hours off (tester 115): 5 h 17 min
    // and 5 h 41 min (nearer 6) are shifted too; an hour and 20 minutes is not (neither within five minutes
    // of an hour nor two and a half hours or more). By hand: 10 shifted of 12, 5 or 6 hours.
    await fixtureCalls(conn, [
      ...cad,
      ...Array.from({ length: 5 }, (_, i) => team(i, '15:17')),
      ...Array.from({ length: 5 }, (_, i) => team(5 + i, '15:41')),
      team(10, '11:20'),
      team(11, '10:02'),
    ]);
    expect((await prepareAnalysis(conn, { classes: null })).quality.linked_clock_offsets).toEqual([
      { sources: ['cad', 'team'], calls: 12, offset_calls: 10, hours: [5, 6] },
    ]);
    // Shifted, but spread over hours as a 311 case opened hours later is (3, 5, 7, 9 ... hours): none.
    await fixtureCalls(conn, [
      ...cad,
      ...Array.from({ length: 12 }, (_, i) => team(i, `${String(13 + (i % 6) * 2).padStart(2, '0')}:30`)),
    ]);
    expect((await prepareAnalysis(conn, { classes: null })).quality.linked_clock_offsets).toEqual([]);
    // Nine of twelve (75%, under four in five): a source's own delays, not a clock. And minutes apart: none.
    await fixtureCalls(conn, [
      ...cad,
      ...Array.from({ length: 9 }, (_, i) => team(i, '15:02')),
      ...[9, 10, 11].map((i) => team(i, '10:02')),
    ]);
    expect((await prepareAnalysis(conn, { classes: null })).quality.linked_clock_offsets).toEqual([]);
    // The team's log of January and February beside a CAD export of October (the team's own numbers).
    await fixtureCalls(conn, [
      ...cad,
      ...cad.slice(0, 9).map((_, i) => team(i, '10:02')),
      { ...team(0, '10:00'), id: '9001', at: '2023-01-10 10:00' },
      { ...team(0, '10:00'), id: '9002', at: '2023-02-10 10:00' },
    ]);
    const later = await prepareAnalysis(conn, { classes: null });
    expect(later.quality.months_without_main_source).toEqual({
      source: 'cad',
      months: ['2023-01', '2023-02'],
      first: '2022-10',
      last: '2022-10',
      shared_month: true,
    });
    expect(linkWarnings(later.quality, later.period)).toEqual([
      expect.stringMatching(
        /^cad, the main source \(the most 911 calls, else the most records; 2022-10 to 2022-10\), has no records, or a tenth of its usual month's at most, in 2023-01, 2023-02, where other sources have records: .* Give --from and --to for the months every source covers/,
      ),
    ]);
    // The main source is the one with the most 911 calls, though the team's log has more records (tester
    // 115), and a month of a tenth of its usual records or fewer counts as missing: 12 in October, 1 in
    // November beside 30 of the team's there and in December.
    await fixtureCalls(conn, [
      ...cad,
      { ...cad[0]!, id: 'N1', at: '2022-11-10 10:00' },
      ...Array.from({ length: 30 }, (_, i) => ({
        ...team(0, '10:00'),
        id: `${9000 + i}`,
        at: `2022-${i % 2 ? '11' : '12'}-${String(1 + (i % 28)).padStart(2, '0')} 10:00`,
      })),
    ]);
    expect((await prepareAnalysis(conn, { classes: null })).quality.months_without_main_source).toEqual({
      source: 'cad',
      months: ['2022-11', '2022-12'],
      first: '2022-10',
      last: '2022-10',
      shared_month: false,
    });
    // Within the CAD's months, nothing to say.
    const october = await prepareAnalysis(conn, { classes: null, from: '2022-10-01', to: '2022-10-31' });
    expect(linkWarnings(october.quality, october.period)).toEqual([]);

    // Tester 262: the team's log dates the CAD's call 0 of 3 October on 27 September (linked, far apart):
    // its call is the CAD's, in October, so September is no month without the CAD. Its widest gap, 5 days
    // 22 hours = 5.916666... days, is written to 15 significant digits, as every figure.
    await fixtureCalls(conn, [...cad, { ...team(0, '10:00'), at: '2022-09-27 12:00' }]);
    const dated = await prepareAnalysis(conn, { classes: null });
    expect(dated.quality.months_without_main_source?.months).toEqual([]);
    expect(dated.quality.linked_far_apart_days).toBe(5.91666666666667);
    expect(linkWarnings(dated.quality, dated.period)).toEqual([
      expect.stringMatching(/^1 call of the store link records .* \(up to 5\.9 days\)/),
    ]);

    // A team's log of 20 calls the CAD dispatched (each timed to an arrival), written `2022-N` for the CAD's
    // `N`: none links. The CAD holds 24 calls in October, and 911 calls: the main source.
    const cad24 = Array.from({ length: 24 }, (_, i) => ({
      id: `${i}`,
      source: 'cad',
      at: `2022-10-${String(3 + (i % 12)).padStart(2, '0')} ${String(8 + Math.floor(i / 12)).padStart(2, '0')}:00`,
      origin: '911',
    }));
    const log = (id: (i: number) => string, stages?: FixtureCall['stages']) =>
      cad24
        .slice(0, 20)
        .map((c, i) => ({ ...team(0, '10:00'), id: id(i), at: c.at, ...(stages ? { stages } : {}) }));
    await fixtureCalls(conn, [...cad24, ...log((i) => `2022-${i}`, { arrived: 12 })]);
    const apart = await prepareAnalysis(conn, { classes: null });
    // By hand: 20 records in the CAD's span, none linked, all 20 timing an arrival, none with a place.
    const of = (linked: number) => ({
      source: 'team',
      records: 20,
      linked,
      arrived: 20,
      with_place: 0,
      near_main: 0,
    });
    expect(apart.quality.unlinked_sources).toEqual([of(0)]);
    expect(linkWarnings(apart.quality, apart.period)).toEqual([
      expect.stringMatching(
        /^20 of the 20 records of source team received within the span of cad share no id with another source, though most time an arrival.*: they are counted as calls of their own, .*None has a block address or point.* ids written otherwise/,
      ),
    ]);
    // Nine of twenty linked (tester 115: half of a log's ids written otherwise): said, with how many.
    await fixtureCalls(conn, [...cad24, ...log((i) => (i < 9 ? `${i}` : `2022-${i}`), { arrived: 12 })]);
    const nine = await prepareAnalysis(conn, { classes: null });
    expect(nine.quality.unlinked_sources).toEqual([of(9)]);
    expect(linkWarnings(nine.quality, nine.period)).toEqual([
      expect.stringMatching(
        /^11 of the 20 records of source team received within the span of cad share no id/,
      ),
    ]);
    // Half linked (tester 362: the rest were counted as calls of their own with nothing said): said, with
    // no word of ids written otherwise, as most link.
    await fixtureCalls(conn, [...cad24, ...log((i) => (i < 10 ? `${i}` : `2022-${i}`), { arrived: 12 })]);
    const half = await prepareAnalysis(conn, { classes: null });
    expect(half.quality.unlinked_sources).toEqual([of(10)]);
    const [note] = linkWarnings(half.quality, half.period);
    expect(note).toMatch(
      /^10 of the 20 records of source team received within the span of cad share no id with another source: they are counted as calls of their own/,
    );
    expect(note).not.toContain('written otherwise');
    // No arrivals (a 311 export of its own requests), or 19 records, none near a CAD call: nothing to say.
    for (const calls of [log((i) => `2022-${i}`), log((i) => `2022-${i}`, { arrived: 12 }).slice(1)]) {
      await fixtureCalls(conn, [...cad24, ...calls]);
      expect((await prepareAnalysis(conn, { classes: null })).quality.unlinked_sources).toEqual([]);
    }
  });

  it('warns of ids another source writes otherwise than the main source, on every run (tester 147)', async () => {
    // A 311 export writing the CAD's `22-3000N` as `223000N` for its referrals, and numbering its own cases
    // `2022-N`: ingest warned once, then the referrals were counted twice with no later word.
    const conn = await memoryConn();
    const at = (i: number) => `2022-10-${String(3 + i).padStart(2, '0')} 10:00`;
    const cad = Array.from({ length: 12 }, (_, i) => ({
      id: `22-3000${i}`,
      source: 'cad',
      at: at(i),
      origin: '911',
    }));
    const r311 = (id: string, i: number) => ({
      id,
      source: 'r311',
      at: at(i),
      origin: '311',
      responder: 'online_311',
    });
    await fixtureCalls(conn, [
      ...cad,
      ...[2, 5, 7].map((i) => r311(`223000${i}`, i)),
      ...Array.from({ length: 6 }, (_, i) => r311(`2022-3000${i}`, i)),
    ]);
    const apart = await prepareAnalysis(conn, { classes: null });
    // By hand: 12 CAD calls, 3 referrals unlinked and 6 cases of 311's own: 21 calls.
    expect(apart.quality.calls_in_store).toBe(21);
    expect(apart.quality.lookalike_ids).toEqual([
      { source: 'r311', main: 'cad', ids: 3, example: ['2230002', '22-30002'] },
    ]);
    expect(linkWarnings(apart.quality, apart.period)).toEqual([
      expect.stringMatching(
        /^3 ids of source r311 are ones cad holds written another way \(such as `2230002` and `22-30002`\): .* each is counted twice/,
      ),
    ]);
    // Written alike, they link: nothing to say.
    await fixtureCalls(conn, [...cad, ...[2, 5, 7].map((i) => r311(`22-3000${i}`, i))]);
    const together = await prepareAnalysis(conn, { classes: null });
    expect(together.quality.calls_in_store).toBe(12);
    expect(together.quality.lookalike_ids).toEqual([]);
  });

  it("takes a linked call's unit times from the team's log when the CAD has no arrival, all from that record", async () => {
    // An outside tester's case: the CAD passed calls to the crisis team without timing the team's unit, and
    // the team's log timed its arrival and clearance; 15 of 34 team calls had no time on scene. A reviewer's:
    // filled stage by stage, the CAD's own clearance of a passed-on call stayed beside the team's arrival.
    const conn = await memoryConn();
    const team = (id: string, at: string, stages: FixtureCall['stages']) => ({
      id,
      source: 'team',
      at,
      origin: 'unknown',
      responder: 'behavioural_crisis' as const,
      stages,
    });
    await fixtureCalls(conn, [
      // Call 1: the CAD has the pickup only; the log has the team's assignment 5, arrival 20 and
      // clearance 50 minutes after its own entry, which is 2 minutes after the CAD's pickup.
      { id: '1', source: 'cad', at: '2022-10-03 10:00', origin: '911' },
      team('1', '2022-10-03 10:02', { assigned: 5, arrived: 20, cleared: 50 }),
      // Call 2: the CAD timed its own arrival at 8 minutes and no clearance: its times stay, the log's
      // (arrival 30, clearance 40) are not mixed in.
      { id: '2', source: 'cad', at: '2022-10-04 10:00', origin: '911', stages: { assigned: 1, arrived: 8 } },
      team('2', '2022-10-04 10:00', { arrived: 30, cleared: 40 }),
      // Call 3: a log record five days later under the same number is not taken to time the CAD's call.
      { id: '3', source: 'cad', at: '2022-10-05 10:00', origin: '911' },
      team('3', '2022-10-10 10:00', { arrived: 10, cleared: 20 }),
      // Call 4: the CAD cleared the call it passed on at 10:05, with no arrival; the log's arrival (10:20)
      // and clearance (10:50) both come from the log: 30 minutes on scene, not 10:20 to 10:05.
      { id: '4', source: 'cad', at: '2022-10-06 10:00', origin: '911', stages: { cleared: 5 } },
      team('4', '2022-10-06 10:00', { arrived: 20, cleared: 50 }),
      // Call 5: the CAD assigned a unit at 10:03 and has no arrival; the log has no assignment. The CAD's
      // assignment stays (a reviewer's point: the log's missing one took it away), the log's arrival and
      // clearance come in: committed 10:03 to 10:50.
      { id: '5', source: 'cad', at: '2022-10-07 10:00', origin: '911', stages: { assigned: 3 } },
      team('5', '2022-10-07 10:00', { arrived: 20, cleared: 50 }),
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    expect(ctx.quality).toMatchObject({ calls_in_period: 5, linked_duplicates: 5, linked_far_apart: 1 });
    const rows = await queryRows<{ day: number; response: number | null; on_scene: number | null }>(
      conn,
      `SELECT hour_of_week // 24 AS day, iv_response AS response, iv_on_scene AS on_scene
       FROM ${ctx.relation} WHERE hour_of_week // 24 < 4 ORDER BY 1`,
    );
    const [friday] = await queryRows<{ committed: number | null }>(
      conn,
      `SELECT iv_committed AS committed FROM ${ctx.relation} WHERE hour_of_week // 24 = 4`,
    );
    expect(friday).toEqual({ committed: 47 * 60 });
    // Monday to Thursday. Call 1: arrival at 10:22, 22 minutes after the CAD's pickup; on scene 10:22 to
    // 10:52. Call 2: the CAD's arrival at 8 minutes, no clearance. Call 3: nothing from the log five days
    // on (null: missing). Call 4: arrival 20 minutes after the pickup, 30 on scene.
    expect(rows).toEqual([
      { day: 0, response: 22 * 60, on_scene: 30 * 60 },
      { day: 1, response: 8 * 60, on_scene: null },
      { day: 2, response: null, on_scene: null },
      { day: 3, response: 20 * 60, on_scene: 30 * 60 },
    ]);
  });

  it('gives every month of the period a row, a month without calls too', async () => {
    // Months without calls were left out of the series (six of Seattle's 72), while demand_monthly had them.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      { id: 'o', at: '2022-10-03 10:00', origin: '911', responder: 'behavioural_crisis' },
      { id: 'd', at: '2022-12-05 10:00', origin: '911' },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    const rows = (await divertedShare(ctx)).rows.filter(
      (r) => r.denominator === 'calls_911' && r.responder === 'all_diverted',
    );
    expect(rows.map((r) => [r.period, r.calls, r.denominator_calls, r.share])).toEqual([
      ['all', 1, 2, 0.5],
      ['2022-10', 1, 1, 1],
      ['2022-11', 0, 0, null],
      ['2022-12', 0, 1, 0],
    ]);
  });

  it('restricts every figure to the period asked for', async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, SCENARIO_CALLS);
    const ctx = await prepareAnalysis(conn, { classes: null, from: '2022-11-01', to: '2022-11-30' });
    expect(ctx.period).toMatchObject({ days: 30, from: '2022-11-01', to: '2022-11-30' });
    expect(ctx.quality.calls_in_period).toBe(5);
    await expect(
      prepareAnalysis(conn, { classes: null, from: '2022-12-01', to: '2022-11-01' }),
    ).rejects.toThrow(/period is empty/);
    await expect(prepareAnalysis(conn, { classes: null, from: '1/10/2022' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
