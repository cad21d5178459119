/**
 * The block level run through DuckDB as ingest runs it, on values given, and again on its own output: the
 * block-address tests' shared reader (docs/schema.md, "What is never loaded").
 */
import { beforeAll, expect } from 'vitest';
import { blockLevelSql } from '../../src/sources/block-address.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';

export type Conn = Awaited<ReturnType<typeof openEngine>>;

/** A connection opened before the file's tests, and the two readers over it. */
export function blockLevels(): {
  conn: () => Conn;
  blocks: (values: readonly string[]) => Promise<{ v: string; b: string | null; c: string | null }[]>;
  expectBlocks: (cases: readonly (readonly [string, string | null])[]) => Promise<void>;
} {
  let conn: Conn;
  beforeAll(async () => {
    conn = await openEngine();
  });
  /** Each value, its block level and the block level of that, in the order given. */
  async function blocks(values: readonly string[]) {
    await conn.run('CREATE OR REPLACE TABLE vals (i INTEGER, v VARCHAR)');
    const app = await conn.createAppender('vals');
    values.forEach((v, i) => {
      app.appendInteger(i);
      app.appendVarchar(v);
      app.endRow();
    });
    app.closeSync();
    return queryRows<{ v: string; b: string | null; c: string | null }>(
      conn,
      `SELECT v, b, ${blockLevelSql('b')} AS c FROM (SELECT i, v, ${blockLevelSql('v')} AS b FROM vals) ORDER BY i`,
    );
  }
  /** Checks each value's block level, and that the block level of it is the same. */
  async function expectBlocks(cases: readonly (readonly [string, string | null])[]): Promise<void> {
    const got = await blocks(cases.map(([v]) => v));
    expect(got.map((r) => [r.v, r.b])).toEqual(cases);
    expect(got.filter((r) => r.c !== r.b).map((r) => [r.v, r.b, r.c])).toEqual([]);
  }
  return { conn: () => conn, blocks, expectBlocks };
}
