/**
 * A responder that sends no unit (`online_311`: 311 / online / telephone report) in the capacity planner
 * and the notes on an export with no unit time. Seattle's Telephone Reporting Unit calls (`TRU - ...`)
 * have an `Arrived Time`, when the report was taken by phone, which response times count in no_unit_sent
 * (tester 384): the planner took it for a unit's travel to the call, and the notes on a store whose only
 * arrivals are those reports' said no call had an arrival. Expected figures are worked out here by hand,
 * or read from the raw CSV a second way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { capacityPlan, fixedPartText } from '../../src/analyse/capacity.js';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, fixtureClasses, memoryConn } from './helpers.js';

// A Monday: every call in hour of the week 10, which a one-day period has once.
const at = '2022-10-03 10:00';

/** Erlang C's P(wait) with c units and load a, by the Erlang B recursion (a second way, not erlang.ts). */
function pWait(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

describe('capacity for a responder that sends no unit', () => {
  // Four telephone reports, eligible for online_311 and handled by it: picked up at 0, queued at 1,
  // assigned at 2, "en route" at 3, "arrived" (the report taken) at 60, cleared at 70 minutes. A police
  // call eligible for it too, reached in 1 + 1 + 2 = 4 minutes.
  const calls = [
    ...['o1', 'o2', 'o3', 'o4'].map((id) => ({
      id,
      at,
      responder: 'online_311',
      stages: { queued: 1, assigned: 2, enroute: 3, arrived: 60, cleared: 70 },
    })),
    { id: 'p1', at, stages: { queued: 1, assigned: 2, enroute: 3, arrived: 5, cleared: 25 } },
  ];
  const prepared = async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, calls);
    await fixtureClasses(
      conn,
      calls.map((c) => ({
        id: c.id,
        category: 'property',
        tier: 'non_violent_felony',
        current: ['online_311'],
      })),
    );
    return prepareAnalysis(conn, { classes: 'call_classes' });
  };

  it("plans report-takers with no travel, not the reports' 57 minutes to their arrival", async () => {
    const ctx = await prepared();
    const { plan, summary } = await capacityPlan(ctx, { responder: 'online_311', minServiceSample: 3 });
    const sum = summary.rows[0]!;
    // The old code took o1-o4's call-taking 1 + dispatch 1 + travel 57 = 59 minutes each as the fixed
    // part (travel_source own_calls, 4 calls): none within 15 minutes, goal out of reach, no units.
    expect(sum).toMatchObject({
      travel_source: 'not_applicable',
      reach_clock: null,
      travel_minutes: null,
      travel_sample: null,
      reach_ceiling: 1,
      goal_reachable: true,
      eligible_calls: 5,
    });
    // Service time: its 4 own calls' assigned to cleared, 68 minutes each (4 >= the sample of 3).
    expect(sum.service_source).toBe('own_calls');
    expect(sum.service_minutes).toBeCloseTo(68, 9);
    // Hour 10 of Monday: 5 calls in the 1 time it occurs; load 5 x 68 / 60. The goal (80% within 15
    // minutes, nothing added to the wait): the fewest c > A with 1 - C(c, A) e^(-(c - A) 15 / 68) >= 0.8.
    const a = (5 * 68) / 60;
    let c = Math.floor(a) + 1;
    while (1 - pWait(c, a) * Math.exp((-(c - a) * 15) / 68) < 0.8) c++;
    const row = plan.rows.find((r) => r.hour_of_week === 10)!;
    expect(row.offered_load).toBeCloseTo(a, 9);
    expect(row.units_needed).toBe(c);
    expect(sum.peak_units_needed).toBe(c);
    expect(summary.definition.parameters?.goal).toBe(
      '80% reached within 15 min of entering the queue by a free report-taker (no unit is sent)',
    );
    const text = fixedPartText(sum, String);
    expect(text).toContain('online_311 sends no unit');
    expect(text).toContain(
      "any arrival time its calls have is when the report was taken, not a unit's arrival",
    );
  });

  it('takes no travel from the eligible calls either, when too few of its own have a time', async () => {
    const ctx = await prepared();
    // A sample of 5: its 4 own calls are too few; the old code took the eligible calls' reach with the
    // reports left out, p1's 4 minutes alone (travel_source eligible_calls, sample 1).
    const { summary } = await capacityPlan(ctx, { responder: 'online_311', minServiceSample: 5 });
    expect(summary.rows[0]).toMatchObject({
      travel_source: 'not_applicable',
      travel_minutes: null,
      travel_sample: null,
      reach_ceiling: 1,
    });
    // Service time from all 5 eligible calls: 68 x 4 + p1's 23 minutes.
    expect(summary.rows[0]!.service_minutes).toBeCloseTo((68 * 4 + 23) / 5, 9);
  });

  it('keeps the travel of a responder that sends a unit', async () => {
    const conn = await memoryConn();
    const team = calls.map((c) => ({ ...c, responder: c.id === 'p1' ? undefined : 'behavioural_crisis' }));
    await fixtureCalls(conn, team);
    await fixtureClasses(
      conn,
      team.map((c) => ({
        id: c.id,
        category: 'welfare',
        tier: 'non_criminal',
        current: ['behavioural_crisis'],
      })),
    );
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const { summary } = await capacityPlan(ctx, { minServiceSample: 3 });
    // The same four calls, a unit sent: 59 minutes each, none within 15.
    expect(summary.rows[0]).toMatchObject({
      travel_source: 'own_calls',
      reach_clock: 'pickup',
      travel_sample: 4,
      reach_ceiling: 0,
      goal_reachable: false,
    });
    expect(summary.rows[0]!.travel_minutes).toBeCloseTo(59, 9);
  });
});

describe("Seattle's telephone reports, the only calls with an arrival", () => {
  it("say no unit time is recorded, and that the reports' arrivals are when they were taken", async () => {
    const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const text = readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    const raw = csvObjects(text);
    expect(raw.length).toBe(lines.length - 1);
    // The TRU calls (all with an Arrived Time) and the calls with none: 16 + 36 of the 222 rows.
    const tru = (r: Record<string, string>) => r['Initial Call Type']!.trim().startsWith('TRU -');
    const keep = raw.map((r) => tru(r) || !r['Arrived Time']!.trim());
    expect(raw.filter(tru).length).toBe(16);
    expect(raw.filter((r) => tru(r) && r['Arrived Time']!.trim()).length).toBe(16);
    expect(keep.filter(Boolean).length).toBe(52);
    const dir = tempDir();
    const subset = join(dir, 'tru_and_unarrived.csv');
    writeFileSync(subset, `${[lines[0], ...lines.slice(1).filter((_, i) => keep[i])].join('\n')}\n`);
    const store = join(dir, 'store');
    await ingest({ files: [subset], profile: 'seattle-call-data', store });
    const result = await analyze({
      store,
      writeStore: false,
      capacity: { responder: 'online_311' },
    });
    const all = result.tables.response_times.rows.find(
      (r) => r.interval === 'response' && r.group_by === 'all',
    )!;
    expect(all.valid).toBe(0);
    const notes = result.warnings.filter((w) => w.startsWith('No call of the period has a unit time'));
    expect(notes).toHaveLength(1);
    // The old note: "(queued, assigned, en route, arrived or cleared): the export records when calls were
    // received and not when units were sent or arrived", beside 16 calls with an arrival.
    expect(notes[0]).toContain(
      "(queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival)",
    );
    // No service time (the export records no assignment or clearance): nothing planned, but no travel
    // either (the old code: null, as an assumed zero with nothing planned).
    expect(result.tables.capacity_summary.rows[0]).toMatchObject({
      service_minutes: null,
      travel_source: 'not_applicable',
      travel_minutes: null,
    });
  });
});
