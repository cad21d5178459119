/**
 * Tester 340, on public editions of Seattle and Burlington: a phase's pathway share is the calls diverted
 * today plus the eligible calls police handled (the workload table's, any alternative responder) over the
 * denominator's calls. Seattle's near-term 37.799% of 209 less the workload table's 55 gave the 24 diverted
 * calls the edition hid (the sum of 20 hidden months); Burlington's current-practice share was x and yet
 * (931 + 2,319) / 9,392.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const STEPS = {
  'Current practice': 'All current practice eligible',
  'Near term': 'All near term eligible',
  Potential: 'All potential eligible',
} as const;

/** Each phase's share, the workload table's any-alternative calls, and the calls diverted today, as published. */
function published(out: string) {
  const denominators = reportCsv(out, 'diverted_share_denominators');
  // The report's denominator: its calls are the eligible-demand table's share's.
  const denominator = denominators.find((r) => r.denominator!.includes('excluding officer-initiated'))!;
  const shares = reportCsv(out, 'pathways');
  const workload = reportCsv(out, 'capacity_eligible_hours');
  return {
    diverted: denominator.diverted!,
    calls: Number(denominator.calls),
    phases: Object.entries(STEPS).map(([phase, step]) => ({
      phase,
      share: shares.find((r) => r.step === step)!.share!,
      police: workload.find((r) => r.phase === phase && r.responder === 'Any alternative responder')!.calls!,
    })),
  };
}

describe('public pathway shares and the calls diverted today (tester 340)', () => {
  const dir = tempDir('safegap-340-');
  const bur = join(dir, 'bur');
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
      profile: 'burlington-vt',
      store: bur,
    });
  }, 600_000);

  it("withholds every pathway share while the calls diverted today are hidden (Burlington's first three days of February)", async () => {
    // Three days: the calls diverted hidden, the eligible calls police handled in current practice shown.
    const out = join(dir, 'bur-day');
    const built = await buildReport({
      store: bur,
      out,
      public: true,
      target: 0.1,
      from: '2022-02-01',
      to: '2022-02-03',
    });
    const p = published(out);
    // The premise: the diverted calls are hidden, and a phase's any-alternative workload is shown.
    expect(p.diverted).toBe('x');
    expect(p.phases.some((x) => x.police !== 'x')).toBe(true);
    for (const x of p.phases) expect(x.share, x.phase).toBe('x');
    // Whether the goal is met is withheld with them: the heading no longer says it.
    const text = readFileSync(built.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('is suppressed in this edition, since it would give away a small count');
    expect(text).not.toMatch(/Which calls could take the share further|Which calls would close the gap/);
    expect(text).toContain('Which calls could add to the share');
  }, 600_000);

  it("leaves no hidden pathway share that the diverted calls and the workload table give back (Burlington's half year)", async () => {
    const out = join(dir, 'bur-public');
    await buildReport({
      store: bur,
      out,
      public: true,
      target: 0.15,
      from: '2022-01-01',
      to: '2022-06-30',
    });
    const p = published(out);
    // The premise: the diverted calls are shown, and a share is hidden.
    expect(p.diverted).not.toBe('x');
    expect(p.phases.some((x) => x.share === 'x')).toBe(true);
    for (const x of p.phases) {
      // A shown share is exactly what the two counts give: the identity a reader uses.
      if (x.share !== 'x' && x.police !== 'x')
        expect(Number(x.share) * p.calls, x.phase).toBeCloseTo(Number(p.diverted) + Number(x.police), 1);
      // A hidden one, with the diverted calls shown, must not come back from the workload table.
      if (x.share === 'x') expect(x.police, x.phase).toBe('x');
    }
  }, 600_000);
});
