/**
 * A call type whose raw value begins with a byte-order mark (tester 300): DuckDB's client gives JavaScript
 * the text without it, so the classification listed `Check the Welfare (P)` twice and every analysis of the
 * store was an internal error. Worked by hand: the two spellings are one type of one category.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('a raw call type that begins with a byte-order mark', () => {
  it('is classified as the same type written without it, and the store analyses', async () => {
    const dir = tempDir();
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 41);
    const real = csvObjects(`${lines.join('\n')}\n`);
    const withFirst = (first: string) =>
      real.map((r, i) => (i === 0 ? { ...r, Problem: first, initialProblem: first } : r));
    const welfare = async (name: string, first: string) => {
      const file = writeRows(join(dir, `${name}.csv`), Object.keys(real[0]!), {}, withFirst(first));
      const store = join(dir, name);
      await ingest({ files: [file], profile: 'minneapolis-cad', store });
      const r = await analyze({ store, writeStore: false });
      const sum = (category: string) =>
        r.tables.demand_monthly.rows.filter((m) => m.category === category).reduce((a, m) => a + m.calls, 0);
      return { unclassified: sum('(unclassified)'), all: sum('all'), welfare: sum('welfare_check') };
    };
    // The same rows with the first call's type written with and without the mark: the same figures.
    const marked = await welfare('marked', '\uFEFFCheck the Welfare (P)');
    const plain = await welfare('plain', 'Check the Welfare (P)');
    expect(marked).toEqual(plain);
    expect(marked.unclassified).toBe(0);
    expect(marked.welfare).toBeGreaterThan(0);
  });
});
