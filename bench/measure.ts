/**
 * Runs one benchmark step in this process and prints {seconds, max_rss_mb, ...} as JSON on the last line,
 * so the harness can measure each step's peak memory on its own. Usage: tsx bench/measure.ts STEP ARGS...
 *   ingest FILE PROFILE STORE | baseline FILE OUT.parquet | analyze STORE [BOUNDARY...] | report STORE OUT [BOUNDARY...]
 *   | read-csv FILE | rewrite-store STORE OUT.parquet
 * The last two are floors of "CSV to analysis": reading the file and writing the store's calls, with no
 * computation at all.
 */
import { analyze } from '../src/analyse/analyze.js';
import { ingest } from '../src/ingest/ingest.js';
import { buildReport } from '../src/report/report.js';
import { openEngine, queryRows } from '../src/store/duckdb.js';
import { requireStore } from '../src/store/store.js';
import { join } from 'node:path';
import { literal } from '../src/util/sql.js';

const [step, ...args] = process.argv.slice(2);
const started = performance.now();
let extra: Record<string, unknown> = {};

if (step === 'ingest') {
  const [file, profile, store] = args as [string, string, string];
  const s = await ingest({ files: [file], profile, store });
  extra = {
    rows: s.totals.rows_read,
    loaded: s.totals.loaded,
    duplicates: s.totals.duplicates,
    quarantined: s.totals.quarantined,
  };
} else if (step === 'analyze') {
  const [store, ...boundaries] = args as [string, ...string[]];
  const r = await analyze({ store, boundaries });
  extra = { calls: r.quality.calls_in_period };
} else if (step === 'report') {
  const [store, out, ...boundaries] = args as [string, string, ...string[]];
  const r = await buildReport({ store, out, boundaries });
  extra = { calls: r.headlines.calls };
} else if (step === 'baseline') {
  // The floor any CSV ingest pays: DuckDB reading the file and writing it as Parquet, nothing else.
  const [file, out] = args as [string, string];
  const conn = await openEngine();
  await conn.run(
    `COPY (SELECT * FROM read_csv(${literal(file)}, all_varchar = true)) TO ${literal(out)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  conn.closeSync();
} else if (step === 'read-csv') {
  // DuckDB parsing every column of the file (counting each, so none is skipped), nothing written.
  const [file] = args as [string];
  const conn = await openEngine();
  await queryRows(conn, `SELECT count(COLUMNS(*)) FROM read_csv(${literal(file)}, all_varchar = true)`);
  conn.closeSync();
} else if (step === 'rewrite-store') {
  // Writing the store's calls as ingest writes them (same options), from the finished file: no computation.
  const [store, out] = args as [string, string];
  const state = requireStore(store);
  const conn = await openEngine();
  await conn.run('SET preserve_insertion_order = false');
  const files = Object.values(state.manifest.sources).map((s) => literal(join(state.versionDir, s.file)));
  await conn.run(
    `COPY (FROM read_parquet([${files.join(', ')}])) TO ${literal(out)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
  );
  conn.closeSync();
} else {
  throw new Error(`unknown step ${step}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({ step, seconds, max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra }),
);
