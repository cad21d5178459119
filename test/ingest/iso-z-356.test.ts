/**
 * Tester 356: `2022-06-01T12:00:00z`, a UTC time with the lower-case `z` RFC 3339 allows, was quarantined as
 * having no offset, with advice to read it as a local time, hours off.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

describe('an ISO time ending in a lower-case z (tester 356)', () => {
  it('is read as the UTC instant it names, as with Z', async () => {
    const dir = tempDir('safegap-356-z-');
    const lines = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
      .split('\r\n')
      .slice(0, 41);
    const at = lines[0]!.split(',').indexOf('call_time');
    // The same instants written in UTC, `Z` in one copy and `z` in the other:
    // 2021-12-31T20:08:55-05:00 is 2022-01-01T01:08:55Z.
    const copy = (name: string, z: string) => {
      const file = join(dir, name);
      const out = lines.map((l, row) => {
        if (row === 0) return l;
        const f = l.split(',');
        f[at] = `${new Date(f[at]!).toISOString().slice(0, 19)}${z}`;
        return f.join(',');
      });
      expect(out[1]).toContain(`,2022-01-01T01:08:55${z},`);
      writeFileSync(file, out.join('\r\n') + '\r\n');
      return file;
    };
    const received = async (file: string, store: string) => {
      const s = await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, store) });
      expect(s.totals).toMatchObject({ rows_read: 40, loaded: 40, quarantined: 0 });
      return storeRows<{ id: string; t: string }>(
        join(dir, store),
        'SELECT call_id AS id, CAST(received_at AS VARCHAR) AS t FROM calls ORDER BY 1',
      );
    };
    const upper = await received(copy('upper.csv', 'Z'), 'upper');
    const lower = await received(copy('lower.csv', 'z'), 'lower');
    expect(lower).toEqual(upper);
    expect(lower).toHaveLength(40);
  }, 120_000);
});
