/**
 * Tester 318, on Burlington's March 2022 in the public edition: traffic control's eligible calls in current
 * practice (34) are, by the shipped rules, all the calls of Parking and Traffic hazard, both hidden; the most
 * common types listed Parking's one type (28), so Traffic hazard was 34 less 28, its hidden 6.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const hidden = (v: string | undefined) => v === 'x';

describe("Burlington's March: listed call types and a responder's eligible calls (tester 318)", () => {
  const dir = tempDir('safegap-318-');
  const store = join(dir, 'store');
  const march = { store, from: '2022-03-01', to: '2022-03-31' };
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
      profile: 'burlington-vt',
      store,
    });
    await buildReport({ ...march, out: join(dir, 'internal') });
    await buildReport({ ...march, out: join(dir, 'public'), public: true });
  }, 600_000);

  it("lists no type that, with the responder's eligible calls, bounds a hidden category", () => {
    // The rules a reader has: traffic control's current practice is every call of Parking and Traffic hazard.
    const rules = (
      parse(readFileSync(join(process.cwd(), 'taxonomy/eligibility.yaml'), 'utf8')) as {
        rules: { responder: string; phase: string; categories: string[] | 'all'; unless?: string[] }[];
      }
    ).rules.filter((r) => r.responder === 'traffic_control' && r.phase === 'current');
    expect(rules.flatMap((r) => r.categories).sort()).toEqual(['parking', 'traffic_hazard']);
    const names = ['Parking', 'Traffic hazard'];
    const eligible = (edition: string) =>
      reportCsv(join(dir, edition), 'eligible_demand').find(
        (r) => r.phase === 'Current practice' && r.responder === 'Traffic control',
      )!.eligible!;
    const cats = (edition: string) =>
      reportCsv(join(dir, edition), 'calls_by_category').filter((r) => names.includes(r.category!));

    // The case is the tester's: in the internal edition the eligible calls are the two categories' sum, one
    // of them 1 to 10.
    const inner = cats('internal').map((r) => Number(r.calls));
    expect(inner.reduce((a, b) => a + b, 0)).toBe(Number(eligible('internal')));
    expect(inner.some((n) => n >= 1 && n <= 10)).toBe(true);

    // Public: the eligible calls shown, the categories hidden, the types listed of them a floor of their
    // sum. A hidden category is at least 1, so the other is at most the eligible calls less the listed
    // types of the one and 1: that must leave it more than ten values.
    const E = Number(eligible('public'));
    expect(E).toBe(Number(eligible('internal')));
    const pub = cats('public');
    expect(pub.every((r) => hidden(r.calls))).toBe(true);
    const types = reportCsv(join(dir, 'public'), 'top_call_types');
    for (const c of names) {
      const others = names.filter((n) => n !== c);
      const listedOthers = types
        .filter((t) => others.includes(t.category!))
        .reduce((a, t) => a + Number(t.calls), 0);
      const most = E - Math.max(listedOthers, others.length);
      expect(most, `${c}: 1 to ${most}`).toBeGreaterThanOrEqual(10);
    }
  });
});
