/**
 * A 12-hour clock written without AM or PM (tester 304): every afternoon call was read 12 hours early and
 * the run said nothing. The rows below are the real file's with each hour written on a 12-hour clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const NOTE = /^(\S+): every one of its ([\d,]+) calls was received between 01:00 and 12:59 local time/;

describe('an export whose times are on a 12-hour clock without AM or PM', () => {
  it('is said to have every call between 01:00 and 12:59; the 24-hour export is not', async () => {
    const dir = tempDir();
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 401);
    const real = csvObjects(`${lines.join('\n')}\n`);
    const header = Object.keys(real[0]!);
    // `10/1/2022 13:05` -> `10/1/2022 1:05`, `0:28` -> `12:28`: the hour on a 12-hour clock, no AM or PM.
    const twelve = (v: string) =>
      v.replace(/ (\d{1,2}):(\d{2})$/, (_, h: string, m: string) => ` ${((Number(h) + 11) % 12) + 1}:${m}`);
    const times = header.filter(
      (c) => c.startsWith('Time_') || c === 'Response_Date' || c === 'timeFirstCallCleared',
    );
    const rows = real.map((r) =>
      Object.fromEntries(header.map((c) => [c, times.includes(c) ? twelve(r[c]!) : r[c]!])),
    );
    const plain = writeRows(join(dir, 'plain.csv'), header, {}, real);
    const twelveFile = writeRows(join(dir, 'twelve.csv'), header, {}, rows);
    const alone = await ingest({ files: [plain], profile: 'minneapolis-cad', store: join(dir, 'plain') });
    expect(alone.warnings.filter((w) => NOTE.test(w))).toEqual([]);
    // The 12-hour file among 24-hour ones (tester 305: the note was of the run, and missed it there), its
    // calls other than the 24-hour file's, by id.
    const other = rows.map((r) => ({ ...r, Master_Incident_Number: `${r.Master_Incident_Number}-12` }));
    const mixedFile = writeRows(join(dir, 'twelve-other.csv'), header, {}, other);
    const s = await ingest({
      files: [plain, mixedFile],
      profile: 'minneapolis-cad',
      store: join(dir, 'mixed'),
    });
    const notes = s.warnings.filter((w) => NOTE.test(w));
    expect(notes).toHaveLength(1);
    // The file named, and its calls counted: every one it loaded.
    const [, file, calls] = NOTE.exec(notes[0]!)!;
    expect(file).toBe('twelve-other.csv');
    expect(calls).toBe(s.files[1]!.loaded.toLocaleString('en-US'));
    const one = await ingest({ files: [twelveFile], profile: 'minneapolis-cad', store: join(dir, 'twelve') });
    expect(one.warnings.filter((w) => NOTE.test(w))).toHaveLength(1);
  });
});
