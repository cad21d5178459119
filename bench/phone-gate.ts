/**
 * What masking telephone numbers in the stored text values costs ingest (docs/benchmarks.md, "Telephone
 * numbers in text values"): on ten million rows of eleven typical text columns (the synthetic city's mapped
 * ones, none holding a number), reading them, a test per column, and the one test per row ingest makes of
 * the columns joined (src/sources/phone-numbers.ts). Not part of the product or the tests.
 *
 *   npx tsx bench/phone-gate.ts
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { phonesGateSql } from '../src/sources/phone-numbers.js';

const values = `['WELFARE CHECK', 'Noise Complaint (P)', 'SUSPICIOUS PERSON', '55401', 'Precinct 3',
  'TRAFFIC STOP - MOVING VIOLATION', 'Check the Welfare (P)', 'ASSAULT 5TH DEGREE']`;
const columns = Array.from({ length: 11 }, (_, k) => `c${k}`);
const conn = await (await DuckDBInstance.create(':memory:')).connect();
await conn.run(
  `CREATE TABLE t AS SELECT ${columns.map((c, k) => `${values}[1 + ((i + ${k}) % 8)::INT] || '' AS ${c}`).join(', ')}
   FROM range(10000000) r(i)`,
);
for (const [label, expr] of [
  ['read every column', columns.map((c) => `count(${c})`).join(' + ')],
  ['a test per column', columns.map((c) => `count_if(regexp_matches(${c}, '\\d\\d\\d'))`).join(' + ')],
  ['one test per row (ingest)', `count_if(${phonesGateSql(columns)})`],
] as const) {
  const t = performance.now();
  await conn.run(`SELECT ${expr} FROM t`);
  console.log(`${label}: ${((performance.now() - t) / 1000).toFixed(2)} s`);
}
