/** Values from users' files put into SQL text: read back by DuckDB exactly as they were. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal, literalList } from '../../src/util/sql.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('literal', () => {
  it('gives back quotes, NUL bytes and both, in expressions and lists', async () => {
    const values = ["O'Brien", 'Theft\0 (P)', "\0'\0", '\0', '', 'plain'];
    const conn = await openEngine();
    const rows = await queryRows<{ v: string; n: number; hit: boolean }>(
      conn,
      `SELECT v, length(v)::INTEGER AS n, v IN (${literalList(values)}) AS hit
       FROM (VALUES ${values.map((v) => `(${literal(v)})`).join(', ')}) t(v)`,
    );
    conn.closeSync();
    expect(rows.map((r) => r.v)).toEqual(values);
    expect(rows.map((r) => r.n)).toEqual(values.map((v) => v.length));
    expect(rows.every((r) => r.hit)).toBe(true);
  });

  it('lets a store whose call type holds a NUL byte be analysed (tester 158)', async () => {
    // Past the first 64 KB (where a NUL refuses the file as binary) it was loaded, and every analysis of the
    // store then ended in an internal error: the type's quoted literal ended at the byte.
    const dir = tempDir();
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 1001);
    const header = lines[0]!.split(',');
    const at = header.indexOf('initialProblem');
    const row = lines[700]!.split(',');
    expect(row.length).toBe(header.length); // no quoted comma in this row: split by hand
    row[at] = `${row[at]!}\0X`;
    lines[700] = row.join(',');
    const file = join(dir, 'nul.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const store = join(dir, 'store');
    const summary = await ingest({ files: [file], profile: 'minneapolis-cad', store });
    expect(summary.totals.loaded).toBe(1000 - summary.totals.duplicates);
    const r = await analyze({ store, writeStore: false });
    expect(r.quality.calls_in_period).toBe(summary.calls_in_store);
  });
});
