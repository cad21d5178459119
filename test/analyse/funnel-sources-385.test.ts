/**
 * Tester 385: the funnel gave Burlington's 311, traffic control and animal control `assigned`, `arrived`
 * and `handled` null in a store of the CAD alone, which records no unit time, but 0 and 0.0% once a crisis
 * team's timed log was ingested beside it: the log's arrivals, linked to some CAD calls, made the CAD a
 * source "that records units", though those responders' eligible calls were the same CAD calls, none
 * timed. Whether the steps can be seen is judged on the responder's own eligible calls.
 */
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { funnel } from '../../src/analyse/funnel.js';
import { fixtureCalls, fixtureClasses, memoryConn, type FixtureCall } from './helpers.js';

// A CAD export without unit times: c1-c3 are welfare calls (the crisis team's), c4-c6 thefts (311's), of
// which 311 handled c6 (a referral, no unit).
const CAD: FixtureCall[] = [
  { id: 'c1', source: 'cad', at: '2022-10-03 10:00', type: 'Welfare' },
  { id: 'c2', source: 'cad', at: '2022-10-04 10:00', type: 'Welfare' },
  { id: 'c3', source: 'cad', at: '2022-10-05 10:00', type: 'Welfare' },
  { id: 'c4', source: 'cad', at: '2022-10-03 11:00', type: 'Theft' },
  { id: 'c5', source: 'cad', at: '2022-10-04 11:00', type: 'Theft' },
  { id: 'c6', source: 'cad', at: '2022-10-05 11:00', type: 'Theft', responder: 'online_311' },
];
// The team's log: its arrivals at c1 and c2, under the CAD's numbers (linked).
const LOG: FixtureCall[] = ['c1', 'c2'].map((id, i) => ({
  id,
  source: 'team',
  at: `2022-10-0${3 + i} 10:02`,
  type: 'Welfare',
  origin: 'unknown',
  responder: 'behavioural_crisis',
  stages: { arrived: 20 },
}));

async function run(calls: FixtureCall[]) {
  const conn = await memoryConn();
  await fixtureCalls(conn, calls);
  const crisis = ['behavioural_crisis'];
  const cls = (id: string) =>
    Number(id.slice(1)) <= 3
      ? { id, source: 'cad', category: 'welfare', tier: 'non_criminal', current: crisis }
      : { id, source: 'cad', category: 'property', tier: 'misdemeanour', current: ['online_311'] };
  await fixtureClasses(conn, [
    ...CAD.map((c) => cls(c.id)),
    ...LOG.map((c) => ({ ...cls(c.id), source: 'team' })),
  ]);
  const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
  const { funnel: f, fallout } = await funnel(ctx, 'all_calls');
  const steps = (responder: string) =>
    f.rows
      .filter((r) => r.phase === 'current' && r.responder === responder)
      .map((r) => [r.stage, r.calls, r.share_of_eligible]);
  const why = (responder: string) =>
    Object.fromEntries(
      fallout.rows
        .filter((r) => r.phase === 'current' && r.responder === responder && r.calls > 0)
        .map((r) => [`${r.stage}:${r.reason}`, r.calls]),
    );
  return { steps, why };
}

describe("a funnel step is judged on the responder's own eligible calls (tester 385)", () => {
  // 311's three eligible calls, none with a unit time, all of a CAD that records no unit assigned or en
  // route: nothing past eligible can be seen, with the log or without it.
  const unseen311 = [
    ['eligible', 3, 1],
    ['assigned', null, null],
    ['arrived', null, null],
    ['handled', null, null],
  ];
  // c4 and c5 cannot be seen; c6, which 311 handled, had no unit recorded.
  const why311 = { 'assigned:not_recorded': 2, 'assigned:handled_without_arrival': 1 };

  it('gives 311 null past eligible in a store of the CAD alone', async () => {
    const { steps, why } = await run(CAD);
    expect(steps('online_311')).toEqual(unseen311);
    expect(why('online_311')).toEqual(why311);
  });

  it("gives 311 the same nulls beside a team's log that times other calls", async () => {
    const { steps, why } = await run([...CAD, ...LOG]);
    expect(steps('online_311')).toEqual(unseen311);
    expect(why('online_311')).toEqual(why311);
    // The team's c1 and c2 take the log's arrivals and are the team's (its log names it): 2 of 3 reach
    // every step; c3, untimed in a CAD that records no assignment, is not recorded.
    expect(steps('behavioural_crisis')).toEqual([
      ['eligible', 3, 1],
      ['assigned', 2, 2 / 3],
      ['arrived', 2, 2 / 3],
      ['handled', 2, 2 / 3],
    ]);
    expect(why('behavioural_crisis')).toEqual({ 'assigned:not_recorded': 1 });
  });
});
