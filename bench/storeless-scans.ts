/**
 * The two scans a store-less "CSV to figures" path could not avoid (docs/benchmarks.md, "CSV to analysis
 * in 30 s"; docs/decisions.md, 16), timed on the synthetic city's CSV: every row into a narrow in-memory
 * table (hashes of the descriptive, place and whole raw columns and of the id; the seven times parsed as the
 * synthetic-city profile parses them), then the distinct descriptive and place values. Not part of the
 * product or the tests.
 *
 *   npx tsx bench/storeless-scans.ts .tmp/bench/city-10000000.csv
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { CSV_COLUMNS } from '../src/synth/synth.js';

const csv = process.argv[2];
if (!csv) throw new Error('usage: npx tsx bench/storeless-scans.ts CITY.csv');
const times = ['call_received', 'queued', 'dispatched', 'enroute', 'arrived', 'cleared', 'closed'];
const placed = ['precinct', 'beat', 'neighborhood', 'block_address', 'latitude', 'longitude'];
// Every other column but the id: type, priority, origin, disposition, responder.
const described = CSV_COLUMNS.filter((c) => c !== 'incident_id' && !times.includes(c) && !placed.includes(c));
const types = `{${CSV_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
const source = `read_csv('${csv}', auto_detect = false, header = true, columns = ${types}, delim = ',', quote = '"', escape = '"', nullstr = '')`;
// The profile's null test and time parse, as src/sources/profile-sql.ts writes them for this profile.
const isNull = (v: string) =>
  `((strlen(${v}) <= 4 AND ${v} IN ('', 'NA', 'NULL')) OR ((starts_with(${v}, ' ') OR ends_with(${v}, ' ')) AND trim(${v}) IN ('', 'NA', 'NULL')))`;
const parse = (r: string) =>
  `CASE WHEN ${r} LIKE '____-__-__ __:__:__' AND substr(${r}, 12, 2) <> '24' THEN try_cast(${r} AS TIMESTAMP) ELSE try_strptime(trim(${r}), '%Y-%m-%d %H:%M:%S') END`;

const conn = await (await DuckDBInstance.create(':memory:')).connect();
const timed = async (label: string, sql: string) => {
  const t = performance.now();
  await conn.run(sql);
  console.log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
};
await timed(
  'narrow table of every row',
  `CREATE TABLE narrow AS SELECT hash(x) AS row_hash, hash(${described.map((c) => `x.${c}`).join(', ')}) AS described,
     hash(${placed.map((c) => `x.${c}`).join(', ')}) AS placed, hash(x.incident_id) AS id,
     ${times.map((c) => `epoch_us(${parse(`CASE WHEN ${isNull(`x.${c}`)} THEN NULL ELSE x.${c} END`)}) AS ${c}`).join(', ')}
   FROM ${source} x`,
);
await timed(
  'distinct descriptive and place values',
  `CREATE TABLE distinct_values AS SELECT ${[...described, ...placed].join(', ')}, count(*) AS n FROM ${source}
   GROUP BY GROUPING SETS ((${described.join(', ')}), (${placed.join(', ')}))`,
);
