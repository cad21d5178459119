/**
 * Tester 357, on Burlington's export under `--denominator calls_911`: eligible demand, the pathways, the
 * target gap and the funnel counted the period's 12 untyped calls as unclassified (and the report printed
 * "calls with an unclassified type (never counted eligible): 12"), where severity mix said 0: all 12 are
 * phone calls, none of them in the denominator. And the funnel gave `assigned` and `arrived` as 0 calls,
 * 0.0%, for an export that records no unit time, beside `handled` null and "assigned, not recorded, 289".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { analyze, type AnalyzeResult } from '../../src/analyse/analyze.js';
import { prepareAnalysis, type AnalysisContext, type Denominator } from '../../src/analyse/context.js';
import { eligibleDemand } from '../../src/analyse/eligible-demand.js';
import { funnel } from '../../src/analyse/funnel.js';
import { pathways } from '../../src/analyse/pathways.js';
import { severityMix } from '../../src/analyse/severity-mix.js';
import { eligibleHours } from '../../src/analyse/time-on-task.js';
import { buildReport } from '../../src/report/report.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, fixtureClasses, memoryConn } from './helpers.js';

const DENOMINATORS: Denominator[] = ['calls_911', 'cfs_excl_officer_initiated', 'all_calls'];

describe("each table's unclassified calls are of the calls it counts", () => {
  let conn: DuckDBConnection;
  let ctx: AnalysisContext;
  beforeAll(async () => {
    conn = await memoryConn();
    const crisis = ['behavioural_crisis'];
    await fixtureCalls(conn, [
      { id: 'a', at: '2022-10-03 10:00', type: 'Welfare', stages: { assigned: 2, arrived: 9 } },
      { id: 'b', at: '2022-10-04 10:00', type: 'Welfare' },
      { id: 'c', at: '2022-10-05 10:00', type: 'Theft', origin: 'non_emergency_phone' },
      // No type: no category, and so unclassified.
      { id: 'd', at: '2022-10-06 10:00', origin: 'non_emergency_phone' },
      // A type the mapping does not place, taken by 311: unclassified, but not police-handled.
      { id: 'e', at: '2022-10-07 10:00', type: 'Mystery', origin: 'non_emergency_phone' },
      { id: 'f', at: '2022-10-08 10:00', origin: 'officer_initiated' },
      { id: 'g', at: '2022-10-09 10:00', type: 'Odd' },
    ]);
    await fixtureClasses(conn, [
      { id: 'a', category: 'welfare', tier: 'non_criminal', current: crisis },
      { id: 'b', category: 'welfare', tier: 'non_criminal', current: crisis },
      { id: 'c', category: 'property', tier: 'misdemeanour' },
      { id: 'e', category: null, tier: null, actual_responder: 'online_311' },
      { id: 'g', category: null, tier: null },
    ]);
    ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
  });

  it('counts them per denominator: 911 (g), calls for service (d e g), all calls (d e f g)', async () => {
    // By hand from the calls above: d, e, f, g have no category; f is officer-initiated, g the one 911 call.
    const expected: Record<Denominator, number> = {
      calls_911: 1,
      cfs_excl_officer_initiated: 3,
      all_calls: 4,
    };
    // Police handled all but e (311), which eligible hours, counting police-handled calls, leaves out.
    const policeHandled: Record<Denominator, number> = {
      calls_911: 1,
      cfs_excl_officer_initiated: 2,
      all_calls: 3,
    };
    expect(ctx.quality.unclassified).toBe(4);
    const paths = await pathways(ctx, { denominator: 'calls_911' });
    expect(paths.gap.definition.quality).toEqual({
      unclassified_calls_911: 1,
      unclassified_cfs_excl_officer_initiated: 3,
      unclassified_all_calls: 4,
    });
    for (const d of DENOMINATORS) {
      const n = expected[d];
      expect((await eligibleDemand(ctx, d)).definition.quality, d).toEqual({
        calls: { calls_911: 3, cfs_excl_officer_initiated: 6, all_calls: 7 }[d],
        unclassified: n,
      });
      const f = await funnel(ctx, d);
      expect(f.funnel.definition.quality.unclassified, d).toBe(n);
      expect(f.fallout.definition.quality.unclassified, d).toBe(n);
      expect((await pathways(ctx, { denominator: d })).pathways.definition.quality, d).toEqual({
        unclassified: n,
      });
      expect((await severityMix(ctx, d)).definition.quality.unclassified, d).toBe(n);
      expect((await eligibleHours(ctx, d)).definition.quality, d).toEqual({
        unclassified: policeHandled[d],
      });
    }
  });
});

describe('a funnel step no source records is null, not 0', () => {
  let conn: DuckDBConnection;
  let ctx: AnalysisContext;
  beforeAll(async () => {
    conn = await memoryConn();
    // `inc` records no unit time at all (an incident export); `cad` records units.
    await fixtureCalls(conn, [
      { id: 'i1', source: 'inc', at: '2022-10-03 10:00', type: 'Dog' },
      { id: 'i2', source: 'inc', at: '2022-10-04 10:00', type: 'Dog' },
      { id: 'i3', source: 'inc', at: '2022-10-05 10:00', type: 'Welfare' },
      {
        id: 'c1',
        source: 'cad',
        at: '2022-10-03 11:00',
        type: 'Welfare',
        stages: { assigned: 1, arrived: 5 },
      },
      { id: 'c2', source: 'cad', at: '2022-10-04 11:00', type: 'Welfare' },
      { id: 'c3', source: 'cad', at: '2022-10-05 11:00', type: 'Theft', stages: { assigned: 3 } },
    ]);
    const cls = (id: string, source: string, current: string[]) => ({
      id,
      source,
      category: current.length ? 'welfare' : 'property',
      tier: 'non_criminal',
      current,
    });
    await fixtureClasses(conn, [
      cls('i1', 'inc', ['animal_control']),
      cls('i2', 'inc', ['animal_control']),
      cls('i3', 'inc', ['behavioural_crisis']),
      cls('c1', 'cad', ['behavioural_crisis']),
      cls('c2', 'cad', ['behavioural_crisis']),
      cls('c3', 'cad', []),
    ]);
    ctx = await prepareAnalysis(conn, { classes: 'call_classes', link: 'none' });
  });

  it("gives animal control's steps null, and the crisis team's the calls that can be seen", async () => {
    const { funnel: f, fallout } = await funnel(ctx, 'all_calls');
    const steps = (responder: string) =>
      f.rows
        .filter((r) => r.phase === 'current' && r.responder === responder)
        .map((r) => [r.stage, r.calls, r.share_of_eligible]);
    // Animal control's two eligible calls are both of `inc`: nothing past eligible can be seen.
    expect(steps('animal_control')).toEqual([
      ['eligible', 2, 1],
      ['assigned', null, null],
      ['arrived', null, null],
      ['handled', null, null],
    ]);
    // The crisis team's i3 (inc) cannot be seen; c1 had a unit arrive (police handled it), c2 none.
    expect(steps('behavioural_crisis')).toEqual([
      ['eligible', 3, 1],
      ['assigned', 1, 1 / 3],
      ['arrived', 1, 1 / 3],
      ['handled', 0, 0],
    ]);
    // No call eligible: 0 of 0 is no unknown step.
    expect(steps('traffic_control')).toEqual([
      ['eligible', 0, null],
      ['assigned', 0, null],
      ['arrived', 0, null],
      ['handled', 0, null],
    ]);
    const why = (responder: string) =>
      Object.fromEntries(
        fallout.rows
          .filter((r) => r.phase === 'current' && r.responder === responder && r.calls > 0)
          .map((r) => [`${r.stage}:${r.reason}`, r.calls]),
      );
    expect(why('animal_control')).toEqual({ 'assigned:not_recorded': 2 });
    expect(why('behavioural_crisis')).toEqual({
      'assigned:not_recorded': 1,
      'assigned:no_unit_assigned': 1,
      'handled:police_on_scene': 1,
    });
  });
});

describe("Burlington's untyped calls, counted from the CSV by origin", () => {
  const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');
  const results = {} as Record<Denominator, AnalyzeResult>;
  // The file's rows without a call type, by the store origin profiles/burlington-vt.yaml gives their
  // call_origin (its type rules cannot apply to a row without a type).
  const untyped: Record<string, number> = {};
  const dir = tempDir('safegap-357-');
  const store = join(dir, 'store');
  beforeAll(async () => {
    const rows = csvObjects(readFileSync(FILE, 'utf8'));
    const byId = new Map(rows.map((r) => [r.incident_number!, r]));
    const ORIGIN: Record<string, string> = {
      '911': '911',
      Phone: 'non_emergency_phone',
      'Online Report': 'online',
      'Officer/Radio': 'officer_initiated',
      'In Person': 'other',
    };
    for (const r of byId.values())
      if (['', 'NA', 'NULL'].includes(r.call_type!.trim())) {
        const o = ORIGIN[r.call_origin!] ?? 'unknown';
        untyped[o] = (untyped[o] ?? 0) + 1;
      }
    await ingest({ files: [FILE], profile: 'burlington-vt', store });
    for (const d of DENOMINATORS) results[d] = await analyze({ store, denominator: d, writeStore: false });
  }, 180_000);

  it("gives each table the unclassified calls of the run's denominator", () => {
    const total = Object.values(untyped).reduce((a, n) => a + n, 0);
    const of: Record<Denominator, number> = {
      calls_911: untyped['911'] ?? 0,
      cfs_excl_officer_initiated: total - (untyped.officer_initiated ?? 0),
      all_calls: total,
    };
    // The tester's store: 12 untyped calls, all by phone.
    expect(untyped).toEqual({ non_emergency_phone: 12 });
    for (const d of DENOMINATORS) {
      const t = results[d].tables;
      // Every unclassified call of Burlington's period is an untyped one.
      expect(results[d].quality.unclassified).toBe(total);
      expect(results[d].quality.untyped).toBe(total);
      for (const table of [t.eligible_demand, t.funnel, t.funnel_fallout, t.pathways, t.severity_mix])
        expect(table.definition.quality.unclassified, `${d} ${table.table}`).toBe(of[d]);
      // Untyped calls are police's by the profile's default: eligible hours counts all of them.
      expect(t.eligible_hours.definition.quality.unclassified, d).toBe(of[d]);
      expect(t.target_gap.definition.quality).toEqual({
        unclassified_calls_911: of.calls_911,
        unclassified_cfs_excl_officer_initiated: of.cfs_excl_officer_initiated,
        unclassified_all_calls: of.all_calls,
      });
    }
  });

  it("prints the denominator's count under the report's tables too", async () => {
    // The category table and the call types under 911 calls said 12, every call of the period's.
    const page = async (denominator: Denominator) => {
      const r = await buildReport({ store, out: join(dir, denominator), denominator });
      return readFileSync(r.html, 'utf8')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ');
    };
    const twelve = /calls with an unclassified type( \(never counted eligible\))?: 12\b/;
    expect(await page('calls_911')).not.toMatch(twelve);
    expect(await page('all_calls')).toMatch(twelve);
  }, 300_000);

  it('gives the funnel past eligible as not recorded, null, for an export with no unit time', () => {
    const t = results.cfs_excl_officer_initiated.tables;
    const eligible = t.funnel.rows.filter((r) => r.stage === 'eligible' && r.calls! > 0);
    expect(eligible.length).toBeGreaterThan(0);
    for (const e of eligible) {
      const rows = t.funnel.rows.filter((r) => r.phase === e.phase && r.responder === e.responder);
      expect(rows.map((r) => [r.stage, r.calls, r.share_of_eligible])).toEqual([
        ['eligible', e.calls, 1],
        ['assigned', null, null],
        ['arrived', null, null],
        ['handled', null, null],
      ]);
    }
    // Animal control's 289 of the tester's run: each is not recorded, or one 311 took without an arrival.
    const animal = t.funnel_fallout.rows.filter(
      (r) => r.phase === 'current' && r.responder === 'animal_control' && r.stage === 'assigned',
    );
    const eligibleAnimal = eligible.find((r) => r.phase === 'current' && r.responder === 'animal_control')!;
    expect(animal.reduce((a, r) => a + r.calls, 0)).toBe(eligibleAnimal.calls);
  });
});
