import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { synthesize } from '../../src/synth/synth.js';
import { csvObjects } from './csv.js';
import { attachCalls, requireStore } from '../../src/store/store.js';

/** Rows of a query over a store's `calls` view, on an engine opened and closed for it. */
export async function storeRows<T = Record<string, unknown>>(store: string, sql: string): Promise<T[]> {
  const conn = await openEngine();
  try {
    await attachCalls(conn, requireStore(store));
    return await queryRows<T>(conn, sql);
  } finally {
    conn.closeSync();
  }
}

/** A synthetic city of `calls` calls over a year (`safegap synth`), ingested into `dir/store`: its path. */
export async function syntheticStore(dir: string, calls: number, seed: number): Promise<string> {
  await synthesize({ calls, years: 1, seed, out: join(dir, 'city.csv') });
  await ingest({ files: [join(dir, 'city.csv')], profile: 'synthetic-city', store: join(dir, 'store') });
  return join(dir, 'store');
}

/** A CSV table a report wrote into `out` (its `csv/` folder), as objects. */
export const reportCsv = (out: string, name: string): Record<string, string>[] =>
  csvObjects(readFileSync(join(out, 'csv', `${name}.csv`), 'utf8'));

/** The page's "Data and method" section as text, tags dropped and spaces collapsed. */
export function methodText(r: { html: string }): string {
  const page = readFileSync(r.html, 'utf8');
  return page
    .slice(page.indexOf('<h3>Sources</h3>'), page.indexOf('<h3>Classification</h3>'))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');
}
