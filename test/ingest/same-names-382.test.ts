/**
 * Tester 382: monthly exports kept as `2022-01/calls.csv`, `2022-02/calls.csv` and ingested together, one of
 * them with a quarantined row, ended in an internal error ("row accounting does not add up for calls.csv:
 * 4000 loaded + 2 quarantined ..."): rows were accounted for by file name, and each file's quarantined row
 * was counted against both. Each is now named by as much of its path as tells them apart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const dir = tempDir('safegap-382-names-');

describe('two files of one name in other folders (tester 382)', () => {
  it('are each named by their folder too, and their rows add up apart', async () => {
    const [header, ...rows] = parseCsv(readFileSync(BURLINGTON, 'utf8').replace(/\r?\n$/, ''));
    const line = (r: string[]) =>
      r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
    // 30 calls each, the second file's header repeated after its tenth row: 31 rows read, 1 quarantined.
    const write = (folder: string, part: string[][], repeat: boolean) => {
      mkdirSync(join(dir, folder, 'exports'), { recursive: true });
      const body = repeat ? [...part.slice(0, 10), header!, ...part.slice(10)] : part;
      writeFileSync(
        join(dir, folder, 'exports', 'calls.csv'),
        [header!, ...body].map(line).join('\n') + '\n',
      );
      return join(dir, folder, 'exports', 'calls.csv');
    };
    const a = write('2022-01', rows.slice(0, 30), false);
    const b = write('2022-02', rows.slice(30, 60), true);
    const s = await ingest({
      files: [a, b],
      profile: 'burlington-vt',
      store: join(dir, 'store'),
      maxBadRatio: 0.05,
    });
    expect(s.files.map((f) => [f.name, f.rows_read, f.loaded, f.quarantined, f.duplicates])).toEqual([
      ['2022-01/exports/calls.csv', 30, 30, 0, 0],
      ['2022-02/exports/calls.csv', 31, 30, 1, 0],
    ]);
    const quarantine = parseCsv(readFileSync(s.quarantine_file!, 'utf8').replace(/\r?\n$/, ''));
    expect(quarantine.slice(1).map((r) => [r[0], r[1]])).toEqual([['2022-02/exports/calls.csv', '11']]);
  });
});
