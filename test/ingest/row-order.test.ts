/**
 * Pass 1 numbers rows by their place in the scratch file, so its plan may hold only operators that keep
 * row order. The Minneapolis profile's long `in:` lists are what DuckDB rewrites into a hash join.
 */
import { describe, expect, it } from 'vitest';
import { assertKeepsRowOrder } from '../../src/ingest/read-file.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { compileProfile } from '../../src/sources/profile-sql.js';
import { openEngine } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { sharedFile } from '../helpers/shared-data.js';

const FILE = sharedFile('minneapolis/calls_2022_d.csv');

describe('the row order of pass 1', () => {
  it('refuses a plan that reorders rows', async () => {
    const conn = await openEngine();
    await expect(
      assertKeepsRowOrder(conn, 'SELECT * FROM range(10) a(i) JOIN range(10) b(i) USING (i)'),
    ).rejects.toThrow(/would not keep the file's row order: its plan uses .*HASH_JOIN/);
    conn.closeSync();
  });

  it("keeps the Minneapolis profile's IN lists plain tests, as ingest runs them", async () => {
    const conn = await openEngine();
    const query = compileProfile(loadProfile('minneapolis-cad')).query(
      `read_csv(${literal(FILE)}, all_varchar = true, header = true)`,
    );
    // DuckDB's own choice: a join, whose output order varies from run to run.
    await expect(assertKeepsRowOrder(conn, query)).rejects.toThrow(/HASH_JOIN/);
    // What read-file.ts sets before pass 1.
    await conn.run(`SET disabled_optimizers = 'in_clause'`);
    await expect(assertKeepsRowOrder(conn, query)).resolves.toBeUndefined();
    conn.closeSync();
  });
});
