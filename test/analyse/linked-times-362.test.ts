import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { queryRows } from '../../src/store/duckdb.js';
import { fixtureCalls, memoryConn, type FixtureCall } from './helpers.js';

// Tester 362: a CAD record without an arrival took the crisis team's arrival and clearance but kept its own
// en route time (22:40) beside the team's arrival (21:55), a travel time of -45 minutes; 17 of 35 such calls
// had a negative travel time, left out of travel and committed time with nothing said.

type Stages = FixtureCall['stages'];
const cad = (id: string, at: string, stages: Stages): FixtureCall => ({
  id,
  source: 'cad',
  at,
  origin: '911',
  type: 'Welfare Check',
  stages,
});
// The team's log records its own contact, with no origin and no call type, received with the CAD's pickup.
const team = (id: string, at: string, stages: Stages): FixtureCall => ({
  id,
  source: 'team',
  at,
  origin: 'unknown',
  responder: 'behavioural_crisis',
  stages,
});

const NAMES = ['call_taking', 'queue', 'dispatch', 'travel', 'response', 'on_scene', 'committed'] as const;
type Row = Record<(typeof NAMES)[number], number | null> & { how: number };

/** Each call's intervals in seconds (null missing, -1 negative), by hour of the week. */
async function intervals(calls: FixtureCall[]): Promise<Row[]> {
  const conn = await memoryConn();
  await fixtureCalls(conn, calls);
  const ctx = await prepareAnalysis(conn, { classes: null });
  return queryRows<Row>(
    conn,
    `SELECT hour_of_week AS how, ${NAMES.map((n) => `iv_${n} AS ${n}`).join(', ')}
     FROM ${ctx.relation} ORDER BY 1`,
  );
}

const min = (m: number) => m * 60;

describe("a linked call's unit times from one record (tester 362)", () => {
  it("takes the team's assignment and en route with its arrival, and drops the CAD's that fall after them", async () => {
    const rows = await intervals([
      // Monday 21:00, the tester's case: the CAD queued at 21:01, assigned at 21:05 and put a unit en route
      // at 22:40; the team went en route at 21:45, arrived 21:55, cleared 22:35.
      cad('a', '2022-10-03 21:00', { queued: 1, assigned: 5, enroute: 100 }),
      team('a', '2022-10-03 21:00', { enroute: 45, arrived: 55, cleared: 95 }),
      // Tuesday 21:00: the CAD assigned a unit at 22:10, after the team arrived (21:30) and cleared (22:00).
      cad('b', '2022-10-04 21:00', { queued: 1, assigned: 70 }),
      team('b', '2022-10-04 21:00', { arrived: 30, cleared: 60 }),
      // Wednesday 10:00: the CAD's unit was assigned 10:02 and en route 10:03 and never arrived; the team
      // was assigned 10:10, en route 10:15, arrived 10:25, cleared 10:55.
      cad('c', '2022-10-05 10:00', { queued: 1, assigned: 2, enroute: 3 }),
      team('c', '2022-10-05 10:00', { assigned: 10, enroute: 15, arrived: 25, cleared: 55 }),
      // Thursday 10:00: the CAD's en route (10:02) is before the team's assignment (10:10).
      cad('d', '2022-10-06 10:00', { assigned: 1, enroute: 2 }),
      team('d', '2022-10-06 10:00', { assigned: 10, arrived: 25, cleared: 40 }),
      // Friday 10:00: the CAD's en route (10:20) is between the team's assignment (10:05) and its arrival
      // (10:20, the same minute: a travel time of 0 is valid), so it fills the stage the log lacks.
      cad('e', '2022-10-07 10:00', { enroute: 20 }),
      team('e', '2022-10-07 10:00', { assigned: 5, arrived: 20, cleared: 30 }),
    ]);
    const how = (day: number, hour: number) => day * 24 + hour;
    expect(rows).toEqual([
      // a: queue 21:01-21:05, dispatch 21:05-21:45 (the CAD's assignment, before the team's en route, stays),
      // travel 21:45-21:55, response 21:00-21:55, on scene 21:55-22:35, committed 21:05-22:35.
      {
        how: how(0, 21),
        call_taking: min(1),
        queue: min(4),
        dispatch: min(40),
        travel: min(10),
        response: min(55),
        on_scene: min(40),
        committed: min(90),
      },
      // b: the CAD's assignment after the team's arrival is dropped: no queue, dispatch or committed time
      // (not a committed time of 22:10 to 22:00); response 30 minutes, on scene 21:30-22:00.
      {
        how: how(1, 21),
        call_taking: min(1),
        queue: null,
        dispatch: null,
        travel: null,
        response: min(30),
        on_scene: min(30),
        committed: null,
      },
      // c: the team's unit throughout: queue 10:01-10:10, dispatch 10:10-10:15, travel 10:15-10:25,
      // on scene 10:25-10:55, committed 10:10-10:55 (not the CAD's 10:03 to the team's 10:25 arrival).
      {
        how: how(2, 10),
        call_taking: min(1),
        queue: min(9),
        dispatch: min(5),
        travel: min(10),
        response: min(25),
        on_scene: min(30),
        committed: min(45),
      },
      // d: the team's assignment 10:10; the CAD's en route before it is no stage of the team's unit: no
      // dispatch or travel time; committed 10:10-10:40, on scene 10:25-10:40. No queued time: no queue.
      {
        how: how(3, 10),
        call_taking: null,
        queue: null,
        dispatch: null,
        travel: null,
        response: min(25),
        on_scene: min(15),
        committed: min(30),
      },
      // e: dispatch 10:05-10:20, travel 0, committed 10:05-10:30.
      {
        how: how(4, 10),
        call_taking: null,
        queue: null,
        dispatch: min(15),
        travel: 0,
        response: min(20),
        on_scene: min(10),
        committed: min(25),
      },
    ]);
  });

  it('makes no negative unit interval from two records whose own times are in order', async () => {
    // Every combination of the CAD's assignment and en route (absent, before, between and after the
    // team's stages) with the team's (absent or present), the team arriving at 30 and clearing at 60
    // minutes: each record's own times are in order, so ingest counts no negative interval, and the
    // linked call must have none either. One call an hour, Monday 00:00 onwards.
    const cadTimes: Stages[] = [];
    for (const assigned of [undefined, 5, 40])
      for (const enroute of [undefined, 10, 45])
        if (assigned === undefined || enroute === undefined || assigned <= enroute)
          cadTimes.push({ queued: 1, assigned, enroute });
    const teamTimes: Stages[] = [];
    for (const assigned of [undefined, 8])
      for (const enroute of [undefined, 20]) teamTimes.push({ assigned, enroute, arrived: 30, cleared: 60 });
    const calls: FixtureCall[] = [];
    let i = 0;
    for (const c of cadTimes)
      for (const t of teamTimes) {
        const at = `2022-10-${String(3 + Math.floor(i / 24)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00`;
        calls.push(cad(`${i}`, at, c), team(`${i}`, at, t));
        i += 1;
      }
    expect(calls).toHaveLength(2 * 8 * 4);
    const rows = await intervals(calls);
    expect(rows).toHaveLength(32);
    // By hand: every call's response is the team's 30 minutes and its time on scene 30 minutes.
    expect(rows.every((r) => r.response === min(30) && r.on_scene === min(30))).toBe(true);
    expect(rows.filter((r) => NAMES.some((n) => r[n] === -1))).toEqual([]);
    // The team's assignment, where it has one (8 minutes), is the call's: committed 8 to 60 minutes.
    const withTeamAssignment = rows.filter((_, k) => teamTimes[k % 4]!.assigned !== undefined);
    expect(withTeamAssignment.map((r) => r.committed)).toEqual(Array(16).fill(min(52)));
  });
});
