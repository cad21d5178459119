/**
 * Public editions a call apart in --target (tester 213): where the potential phase's share is hidden, the
 * page said "not said" while the goal was within it and "These are call types..." once it was out of
 * reach, so ten editions bisected the hidden share, and with it the eligible calls handled it hid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { buildReport } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { minneapolisStore } from '../analyse/helpers.js';
import { tempDir } from '../helpers/shared-data.js';

const WEEK = { from: '2022-10-01', to: '2022-10-07' };

describe('public editions whose goals straddle the potential supply', () => {
  const dir = tempDir('safegap-bisect-');
  let store: string;
  beforeAll(async () => {
    store = await minneapolisStore();
  }, 300_000);

  it('say the same of where the goal is reached on either side of a hidden potential share', async () => {
    const r = await analyze({ store, ...WEEK, writeStore: false });
    const gap = r.tables.target_gap.rows.find((g) => g.denominator === 'cfs_excl_officer_initiated')!;
    const calls = gap.denominator_calls;
    // The diverted calls and the supply of every phase: a goal half a call under it is reachable, half a
    // call over it is not.
    const potential = gap.diverted_calls + gap.supply_potential;
    const pages = [];
    for (const [name, at] of [
      ['under', potential - 0.5],
      ['over', potential + 0.5],
    ] as const) {
      const built = await buildReport({
        store,
        ...WEEK,
        public: true,
        out: join(dir, name),
        target: at / calls,
      });
      const share = csvObjects(readFileSync(join(built.html, '..', 'csv', 'pathways.csv'), 'utf8')).find(
        (x) => x.step === 'All potential eligible',
      );
      expect(share?.share, name).toBe('x');
      const page = readFileSync(built.html, 'utf8')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ');
      pages.push(
        page.slice(
          page.indexOf('Which calls would close the gap'),
          page.indexOf('Call types that could close the gap, in order'),
        ),
      );
    }
    for (const p of pages) {
      expect(p).toContain('Whether and where among them the goal is reached is not said in this edition');
      expect(p).not.toMatch(/These are call types|Even every potentially eligible call/);
    }
    // Nothing else in the paragraph differs but the goal and the gap's numbers.
    const words = (p: string) => p.replace(/[\d.,]+%?/g, '#');
    expect(words(pages[1]!)).toBe(words(pages[0]!));
  });
});
