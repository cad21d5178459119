import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityClosing, runDemo } from '../../src/demo/demo.js';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { requireStore } from '../../src/store/store.js';
import { synthesize } from '../../src/synth/synth.js';
import { tempDir } from '../helpers/shared-data.js';

const demo = (dir: string, more: { calls?: number; seed?: string; force?: boolean } = {}) =>
  runDemo({
    dir,
    calls: more.calls ?? 40,
    years: 1,
    seed: more.seed ?? '1',
    ...(more.force ? { force: true } : {}),
  });

describe('safegap demo and what its folder already holds', () => {
  const root = tempDir();

  it("leaves a synthetic city's store and export made with synth and ingest alone, unless --force", async () => {
    // Tester 276: the demo replaced the user's 300-call store with its own 30 calls, and their export.
    const dir = join(root, 'mine');
    const csv = join(dir, 'synthetic-city.csv.gz');
    await synthesize({ calls: 300, years: 1, seed: '7', out: csv });
    await ingest({ files: [csv], profile: 'synthetic-city', store: join(dir, 'store') });
    const bytes = readFileSync(csv);
    const before = requireStore(join(dir, 'store')).manifest;

    await expect(demo(dir)).rejects.toThrow(
      /holds a store of the synthetic city in store\/ that no demo made \(version v000001, [\d,]+ calls from 1 ingest of [^)]*synthetic-city\.csv\.gz\)/,
    );
    await expect(demo(dir)).rejects.toMatchObject({
      hint: expect.stringMatching(/another folder \(--dir\)[^]*--force[^]*nothing in .* was changed/),
    });
    expect(requireStore(join(dir, 'store')).manifest).toEqual(before);
    expect(readFileSync(csv).equals(bytes)).toBe(true);

    // The store gone, the export is still the user's.
    const noStore = join(root, 'csv-only');
    mkdirSync(noStore);
    writeFileSync(join(noStore, 'synthetic-city.csv.gz'), bytes);
    await expect(demo(noStore)).rejects.toThrow(/synthetic-city\.csv\.gz, which no demo wrote/);
    expect(readFileSync(join(noStore, 'synthetic-city.csv.gz')).equals(bytes)).toBe(true);

    const forced = await demo(dir, { force: true });
    expect(requireStore(forced.store).manifest.sources.synthetic_city?.calls).toBeLessThanOrEqual(40);
  });

  it('starts afresh in a store an earlier demo made, and not once an analysis was saved or more ingested', async () => {
    const dir = join(root, 'again');
    await demo(dir, { calls: 30 });
    // Moved, the folder is still the demo's (tester 280: its store was "not as the last demo here left it").
    const moved = join(root, 'again-moved');
    renameSync(dir, moved);
    await demo(moved, { calls: 30 });
    renameSync(moved, dir);
    const second = await demo(dir, { calls: 20, seed: 'abc' });
    const state = requireStore(second.store);
    expect(state.manifest.version).toBe('v000001');
    expect(state.manifest.sources.synthetic_city?.calls).toBeLessThanOrEqual(20);

    // An analysis saved in it is the user's work.
    await analyze({ store: second.store });
    await expect(demo(dir, { calls: 20 })).rejects.toThrow(
      /that the last demo here made, with an analysis saved in it since \(version v000001, /,
    );
    expect(existsSync(join(second.store, 'analysis'))).toBe(true);

    // So are the user's own calls added to it.
    const extra = join(root, 'extra.csv.gz');
    await synthesize({ calls: 50, years: 1, seed: '9', out: extra });
    await ingest({ files: [extra], profile: 'synthetic-city', store: second.store });
    await expect(demo(dir, { calls: 20 })).rejects.toThrow(
      /is not as the last demo here left it \(version v000002, [\d,]+ calls from 2 ingests/,
    );
    expect(requireStore(second.store).manifest.version).toBe('v000002');
  });

  it('says no capacity plan was made where the report has none to make', async () => {
    // Tester 276: `--calls 1` closed on "Its capacity plan is for 80% of calls reached within 30 minutes"
    // beside a report of no call eligible for the crisis team and no units to plan.
    const one = await demo(join(root, 'one'), { calls: 1 });
    const line = capacityClosing(one);
    expect(line).not.toContain('Its capacity plan is for');
    expect(line).toContain('no capacity plan');
    expect(line).toContain(
      'no call of the period is eligible for the crisis team, so there are no units to plan',
    );
    expect(readFileSync(one.report.html, 'utf8')).toContain('so there are no units to plan');
    expect(one.capacityPlanned).toBe(false);
  });
});
