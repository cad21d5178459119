/**
 * Parquet time stamps in any unit (tester 304): pandas and pyarrow write nanoseconds (TIMESTAMP_NS), which
 * were read as text such as `2022-10-31 00:22:00` and matched no US-style format, every row quarantined. The
 * second computation is the same rows ingested from the CSV they were made from: the same instants.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

describe('a Parquet export whose times are typed in nanoseconds, milliseconds or seconds', () => {
  it('loads as the CSV it was made from does, under the profile’s own format', async () => {
    const dir = tempDir();
    const csv = join(dir, 'calls.csv');
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 201);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const times = ['Time_PhonePickUp', 'Time_CallEnteredQueue', 'Time_First_Unit_Arrived'];
    const conn = await openEngine();
    const files: Record<string, string> = {};
    try {
      for (const unit of ['TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP_S']) {
        files[unit] = join(dir, `${unit}.parquet`);
        const typed = times
          .map((t) => `CAST(strptime("${t}", '%m/%d/%Y %H:%M') AS ${unit}) AS "${t}"`)
          .join(', ');
        await conn.run(
          `COPY (SELECT * REPLACE (${typed}) FROM read_csv(${literal(csv)}, all_varchar = true)) TO ${literal(files[unit]!)} (FORMAT parquet)`,
        );
      }
    } finally {
      conn.closeSync();
    }
    const instants = async (file: string, name: string) => {
      const store = join(dir, name);
      const s = await ingest({ files: [file], profile: 'minneapolis-cad', store });
      expect(s.totals.quarantined, name).toBe(0);
      return storeRows(store, 'SELECT source_call_id, received_at, arrived_at FROM calls ORDER BY 1');
    };
    const fromCsv = await instants(csv, 'csv');
    expect(fromCsv.length).toBeGreaterThan(190);
    for (const unit of Object.keys(files)) expect(await instants(files[unit]!, unit), unit).toEqual(fromCsv);
  });
});
