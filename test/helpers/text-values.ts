/**
 * Text values run through DuckDB as ingest stores them (masked where the one test of its row lets them
 * through): the text-value masking tests' shared reader (docs/schema.md, "What is never loaded").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { textValueMaskedSql, textValuesGateSql } from '../../src/sources/personal-values.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';

/** SQL: a text value `v` as ingest stores it. */
export const stored = (v: string) =>
  `CASE WHEN coalesce(${textValuesGateSql([v])}, false) THEN ${textValueMaskedSql(v)} ELSE ${v} END`;

/** A connection opened before the file's tests; `maskedAll` gives each case's value as stored, in order. */
export function textValues(): {
  maskedAll: (values: readonly (readonly [string, string])[]) => Promise<string[]>;
} {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());
  return {
    maskedAll: async (values) =>
      (
        await queryRows<{ m: string }>(
          conn,
          `SELECT ${stored('v')} AS m FROM (VALUES ${values.map(([v], i) => `(${i}, ${literal(v)})`).join(', ')}) t(i, v) ORDER BY i`,
        )
      ).map((r) => r.m),
  };
}
