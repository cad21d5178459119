/** Call types counted from a raw export: missing-value markers are no type. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRelation, typeCounts } from '../../src/classify/volumes.js';
import { openEngine } from '../../src/store/duckdb.js';

describe('call types of a raw export', () => {
  it('reads NA, NULL and N/A as no type, as a profile does by default', async () => {
    // Burlington's raw export gave a type `NA` (102 types where the store, through its profile, has 101).
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.csv');
    writeFileSync(file, 'id,call_type\n1,Theft\n2,NA\n3,Theft\n4,N/A\n5,Noise\n6,NULL\n7,\n');
    const conn = await openEngine();
    const counts = await typeCounts(conn, { relation: fileRelation(file), initialColumn: 'call_type' });
    conn.closeSync();
    expect(counts.map((c) => [c.rawType, c.initial]).sort()).toEqual([
      ['Noise', 1],
      ['Theft', 2],
    ]);
  });
});
