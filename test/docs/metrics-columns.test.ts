/**
 * Every column of every table `analyze --out` writes is named in docs/metrics.md or docs/schema.md (a
 * newcomer found the capacity planner's 18 columns named nowhere).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('docs of the analysis tables', () => {
  it('names every column of the analysis tables', async () => {
    const dir = tempDir('safegap-doc-columns-');
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    const out = join(dir, 'out');
    await analyze({ store, out, writeStore: false, capacity: { schedule: [{ units: 1, from: 8, to: 16 }] } });
    // The tables' columns are defined in metrics.md and listed with their types in schema.md.
    const doc = ['metrics.md', 'schema.md']
      .map((f) => readFileSync(resolve(import.meta.dirname, '../../docs', f), 'utf8'))
      .join('\n');
    // Names as the docs write them: alone in backticks, or in a backticked list (`phase, responder, ...`).
    const prose = doc.replace(/```[\s\S]*?```/g, '');
    const named = new Set([...prose.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/[^A-Za-z0-9_]+/)));
    const tables = readdirSync(out).filter((f) => f.endsWith('.csv'));
    expect(tables.length).toBeGreaterThanOrEqual(16);
    const missing: string[] = [];
    for (const t of tables) {
      if (!named.has(t.replace(/\.csv$/, ''))) missing.push(t);
      const header = readFileSync(join(out, t), 'utf8').split('\n')[0]!.split(',');
      for (const c of header) if (!named.has(c)) missing.push(`${t}: ${c}`);
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
