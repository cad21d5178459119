/**
 * A call that had no unit assigned has no committed time (assigned to cleared), so the funnel's calls that
 * fell out before "assigned" and that police handled are some of the workload table's calls without one,
 * and on the synthetic city all of them (tester 175): the crisis team's 64 such calls less 60 cancelled
 * left its hidden 4 with no unit assigned at 1 to 4. Taken as equal (tester 176), under the 911
 * denominator they pinned traffic control's hidden 5 cancelled and 1 with no arrival recorded at 1 to 5.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.js';
import type { Denominator } from '../../src/analyse/context.js';
import { tempDir } from '../helpers/shared-data.js';
import { reportCsv, syntheticStore } from '../helpers/store.js';

const hidden = (v: string | undefined) => v === 'x';
const EDITIONS: [Denominator, string][] = [
  ['cfs_excl_officer_initiated', 'Behavioural crisis team'],
  ['calls_911', 'Behavioural crisis team'],
  // Under the 911 denominator traffic control's eligible calls are now withheld as cover (the public list
  // of call types that close the gap gives three of its current types whatever the goal), which leaves the
  // brute force below no published total; under the default one they are published beside hidden reasons.
  ['cfs_excl_officer_initiated', 'Traffic control'],
];

/** Every way to give `cells` whole values adding up to `total`: a shown cell its value, a hidden one 1 or more. */
function* splits(cells: (number | null)[], total: number): Generator<number[]> {
  if (!cells.length) {
    if (total === 0) yield [];
    return;
  }
  const [first, ...rest] = [cells[0]!, ...cells.slice(1)];
  const values = first === null ? Array.from({ length: Math.max(0, total) }, (_, i) => i + 1) : [first];
  for (const v of values) for (const more of splits(rest, total - v)) yield [v, ...more];
}

describe('public report: the funnel against the workload table', () => {
  const dir = tempDir('safegap-funnel-');
  const store = join(dir, 'store');
  const read = (edition: string, name: string) => reportCsv(join(dir, edition), name);
  /** A responder's figures in an edition: the funnel, its reasons, its eligible calls and its workload. */
  const figures = (edition: string, responder: string) => ({
    funnel: read(edition, 'funnel_current').find((r) => r.responder === responder)!,
    demand: read(edition, 'eligible_demand').find(
      (r) => r.responder === responder && r.phase === 'Current practice',
    )!,
    work: read(edition, 'capacity_eligible_hours').find(
      (r) => r.responder === responder && r.phase === 'Current practice',
    )!,
    reasons: read(edition, 'funnel_fallout_current').filter((r) => r.responder === responder),
  });

  beforeAll(async () => {
    await syntheticStore(dir, 30_000, 5);
    for (const denominator of new Set(EDITIONS.map(([d]) => d)))
      for (const edition of ['internal', 'public'])
        await buildReport({
          store,
          out: join(dir, `${edition}-${denominator}`),
          public: edition === 'public',
          denominator,
        });
  }, 300_000);

  for (const [denominator, responder] of EDITIONS) {
    it(`${responder}, ${denominator}: the premise, the calls that never had a unit are those police handled without a committed time`, () => {
      const t = figures(`internal-${denominator}`, responder);
      const other = Number(t.demand.eligible) - Number(t.work.calls) - Number(t.demand.handled_eligible);
      const unassigned = t.reasons
        .filter((r) => r.stage === 'Assigned' && r.reason !== 'Handled without arrival')
        .reduce((a, r) => a + Number(r.calls), 0);
      expect(unassigned).toBe(Number(t.work.left_out) + other);
      // A count from 1 to 10 among them: the one to protect.
      expect(t.reasons.some((r) => /Assigned|Arrived/.test(r.stage!) && Number(r.calls) <= 10)).toBe(true);
    });

    it(`${responder}, ${denominator}: leaves every hidden reason from 1 to 10 at least ten values`, () => {
      const t = figures(`public-${denominator}`, responder);
      const truth = figures(`internal-${denominator}`, responder).reasons;
      const n = (v: string | undefined) => Number(v);
      for (const v of [t.funnel.eligible, t.funnel.assigned])
        expect(hidden(v), 'a figure the brute force takes as published').toBe(false);
      // With the arrivals hidden, the reasons of that step add up to no published count: each is anything
      // from 1 to the assigned calls less the others' 1s, unless the calls handled without an arrival tie
      // them to the first step's, which this brute force does not follow.
      const arrivedKnown = !hidden(t.funnel.arrived);
      if (!arrivedKnown) expect(hidden(t.funnel.handled) || hidden(t.demand.handled_eligible)).toBe(true);
      const stage = (s: string) => t.reasons.filter((r) => r.stage === s);
      const value = (r: Record<string, string>) => (hidden(r.calls) ? null : n(r.calls));
      const [assigned, arrived] = [stage('Assigned'), stage('Arrived')];
      const isHwa = (r: Record<string, string>) => r.reason === 'Handled without arrival';
      const other =
        hidden(t.demand.handled_eligible) || hidden(t.work.calls)
          ? null
          : n(t.demand.eligible) - n(t.work.calls) - n(t.demand.handled_eligible);
      // Every value of the reasons of the two steps that the published figures allow, for a reader who
      // takes the calls that never had a unit to be those without a committed time (where published).
      const seen = new Map<string, Set<number>>();
      for (const a of splits(assigned.map(value), n(t.funnel.eligible) - n(t.funnel.assigned))) {
        const unassigned = a.filter((_, i) => !isHwa(assigned[i]!)).reduce((x, v) => x + v, 0);
        if (other !== null && !hidden(t.work.left_out) && unassigned !== n(t.work.left_out) + other) continue;
        const bs = arrivedKnown
          ? splits(arrived.map(value), n(t.funnel.assigned) - n(t.funnel.arrived))
          : [arrived.map(() => 1)];
        for (const b of bs) {
          const hwa = [...a.filter((_, i) => isHwa(assigned[i]!)), ...b.filter((_, i) => isHwa(arrived[i]!))];
          if (arrivedKnown && !hidden(t.demand.handled_eligible) && !hidden(t.funnel.handled))
            if (hwa.reduce((x, v) => x + v, 0) !== n(t.demand.handled_eligible) - n(t.funnel.handled))
              continue;
          [...assigned, ...arrived].forEach((r, i) => {
            const key = `${r.stage}: ${r.reason}`;
            seen.set(key, (seen.get(key) ?? new Set()).add([...a, ...b][i]!));
          });
        }
      }
      if (!arrivedKnown)
        for (const r of arrived)
          seen.set(
            `${r.stage}: ${r.reason}`,
            new Set(Array.from({ length: n(t.funnel.assigned) - (arrived.length - 1) }, (_, i) => i + 1)),
          );
      const small = truth.filter((r) => /Assigned|Arrived/.test(r.stage!) && n(r.calls) <= 10);
      for (const r of small) {
        const key = `${r.stage}: ${r.reason}`;
        expect(seen.get(key)?.size ?? 0, `${key}, ${r.calls} in truth`).toBeGreaterThanOrEqual(10);
      }
    });
  }
});
