/**
 * A large store for the analysis benchmark (docs/metrics.md, "Speed"), not a test: the real Minneapolis
 * 2022 Q4 calls repeated week after week until N calls (10 million by default, about three years), each
 * copy shifted by whole weeks so hour-of-week and seasonality stay realistic, with a made-up point inside
 * the city's bounding box so the polygon join has work to do.
 *
 *   npx tsx test/analyse/bench/synthetic-store.ts --calls 10000000 --dir .tmp/analyse-bench
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../../../src/ingest/ingest.js';
import { CALL_COLUMNS } from '../../../src/store/calls-schema.js';
import { numberOf, openEngine, queryValue } from '../../../src/store/duckdb.js';
import { attachCalls, beginWrite, commit, readStore, requireStore } from '../../../src/store/store.js';
import { literal } from '../../../src/util/sql.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000000' },
    dir: { type: 'string', default: '.tmp/analyse-bench' },
  },
});
const n = Number(values.calls);
const dir = resolve(values.dir!);
const seed = join(dir, 'seed');
const file = resolve(import.meta.dirname, '../../../../shared/data/minneapolis/calls_2022_d.csv');
if (!readStore(seed)) await ingest({ files: [file], profile: 'minneapolis-cad', store: seed });

const store = join(dir, `store-${n}`);
if (existsSync(store)) rmSync(store, { recursive: true });
const writer = beginWrite(store);
const conn = await openEngine({ tempDirectory: join(writer.workDir, 'spill') });
await attachCalls(conn, requireStore(seed), 'seed');
const m = numberOf(await queryValue(conn, 'SELECT count(*) FROM seed'));
const shifted = new Set([
  'received_at',
  'received_local',
  'queued_at',
  'assigned_at',
  'enroute_at',
  'arrived_at',
  'cleared_at',
  'closed_at',
]);
const cols = CALL_COLUMNS.map((c) => {
  if (c.name === 'call_id') return `'synthetic_city:' || i AS call_id`;
  if (c.name === 'source') return `'synthetic_city' AS source`;
  if (c.name === 'source_call_id') return `CAST(i AS VARCHAR) AS source_call_id`;
  if (shifted.has(c.name)) return `${c.name} + to_days(CAST(7 * (i // ${m}) AS INTEGER)) AS ${c.name}`;
  if (c.name === 'lat') return `round(44.89 + (hash(i, 'lat') % 16000) / 100000.0, 4) AS lat`;
  if (c.name === 'lon') return `round(-93.33 + (hash(i, 'lon') % 14000) / 100000.0, 4) AS lon`;
  return c.name;
});
const rel = join('calls', 'synthetic_city.parquet');
await conn.run(`COPY (
  SELECT ${cols.join(', ')}
  FROM range(${n}) r(i) JOIN (SELECT row_number() OVER (ORDER BY call_id) - 1 AS k, * FROM seed) s ON s.k = i % ${m}
  ORDER BY i
) TO ${literal(join(writer.stagingDir, rel))} (FORMAT parquet, COMPRESSION zstd)`);
const seedManifest = requireStore(seed).manifest;
writer.manifest.sources = { synthetic_city: { calls: n, file: rel } };
writer.manifest.profiles = seedManifest.profiles;
commit(writer);
writer.release();
conn.closeSync();
console.log(JSON.stringify({ store, calls: n }));
