/**
 * Tester 382's awkward Burlington files: a second export joined into one file with its columns moved
 * among those the profile does not read (its header was quarantined as bad priorities and times, with no
 * word of a header), a part split off an export without the header (its first row was listed as "the
 * file's columns"), and a Windows-1252 byte (named as "row 1" where the Latin-1 check says "line 2", and
 * the fix converted `in.csv`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const [HEADER, ...ROWS] = parseCsv(readFileSync(BURLINGTON, 'utf8').replace(/\r?\n$/, '')) as [
  string[],
  ...string[][],
];
const line = (r: string[]) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
const dir = tempDir('safegap-382-awkward-');

const refusal = async (files: string[], store: string): Promise<UserError> => {
  const err = await ingest({ files, profile: 'burlington-vt', store }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  // Nothing was written to the store: it has no current version.
  expect(existsSync(join(store, 'CURRENT'))).toBe(false);
  return err as UserError;
};

describe('a second export whose moved columns are ones the profile does not read (tester 382)', () => {
  it('is refused at its header, with the split', async () => {
    // Each column the profile reads swapped with one it does not: the second header holds only 3 of the
    // profile's names in the profile's columns (incident_number, call_time, Street, in their own places).
    const swaps: [string, string][] = [
      ['call_type', 'call_type_group'],
      ['call_origin', 'mental_health'],
      ['Area', 'drug_related'],
      ['AreaName', 'dv_related'],
      ['Latitude', 'alcohol_related'],
      ['Longitude', 'Hour'],
      ['DISTRICT', 'DayOfWeek'],
      ['priority', 'WARD'],
    ];
    const order = HEADER.map((h) => {
      const s = swaps.find((p) => p.includes(h));
      return s ? HEADER.indexOf(s[0] === h ? s[1] : s[0]) : HEADER.indexOf(h);
    });
    expect(new Set(order).size).toBe(HEADER.length);
    const moved = (r: string[]) => order.map((i) => r[i]!);
    const file = join(dir, 'stitched.csv');
    writeFileSync(
      file,
      [HEADER, ...ROWS.slice(0, 10), moved(HEADER), ...ROWS.slice(10, 20).map(moved)].map(line).join('\n') +
        '\n',
    );
    const store = join(dir, 'stitched-store');
    const err = await refusal([file], store);
    // The 10 rows of the first export are rows 1-10; the second header is row 11, line 12.
    expect(err.message).toBe(
      'stitched.csv: row 11 is the header of a second export with its columns in another order: the rows after it would be read by the first header, not their own. No calls were written to the store.',
    );
    expect(err.hint).toContain(
      `\`head -n 11 ${file} > ${join(dir, 'stitched-first.csv')}\` writes the header and the rows before it, \`tail -n +12 ${file} > ${join(dir, 'stitched-second.csv')}\``,
    );
    // Its row is in the refused run's quarantine, with the reason that names it.
    const [, ...quarantined] = parseCsv(
      readFileSync(join(store, 'quarantine', 'refused-0001.csv'), 'utf8').replace(/\r?\n$/, ''),
    );
    const header = quarantined.find((q) => q[1] === '11');
    expect(header?.[2]).toMatch(/^a second header: /);
  });
});

describe('a part without a header (tester 382)', () => {
  const part1 = join(dir, 'part1.csv');
  const part3 = join(dir, 'part3.csv');
  writeFileSync(part1, [HEADER, ...ROWS.slice(0, 10)].map(line).join('\n') + '\n');
  writeFileSync(part3, ROWS.slice(20, 30).map(line).join('\n') + '\n');

  it('is said to have none, with the header of a part of the run that has it', async () => {
    const err = await refusal([part3, part1], join(dir, 'part-store'));
    expect(err.message).toBe(
      'the first line of part3.csv looks like a row of calls, not a header: the file has no header (a part split off another export?).',
    );
    const fixed = join(dir, 'part3-with-header.csv');
    expect(err.hint).toBe(
      `put the header of part1.csv above its rows: \`(head -n 1 ${part1}; cat ${part3}) > ${fixed}\`, then ingest ${fixed} in its place. None of the run's 2 files was loaded and the store is as it was: fix this file, or leave it out of the command, and run it again.`,
    );
  });

  it('alone, by its values shaped as times, with the header to take from the part that has it', async () => {
    const err = await refusal([part3], join(dir, 'alone-store'));
    expect(err.message).toBe(
      'the first line of part3.csv looks like a row of calls, not a header: the file has no header (a part split off another export?).',
    );
    expect(err.hint).toContain(
      `\`(head -n 1 first-part.csv; cat ${part3}) > ${join(dir, 'part3-with-header.csv')}\``,
    );
  });

  it('a header of other names is still a header that lacks the columns', async () => {
    const renamed = join(dir, 'renamed.csv');
    writeFileSync(
      renamed,
      [HEADER.map((h) => h.toUpperCase()), ...ROWS.slice(0, 10)].map(line).join('\n') + '\n',
    );
    const err = await refusal([part1, renamed], join(dir, 'renamed-store'));
    expect(err.message).toMatch(
      /^renamed\.csv lacks column\(s\) the profile burlington-vt reads: `incident_number`/,
    );
  });
});

describe('a Windows-1252 byte (tester 382)', () => {
  it('names its row and its line, and the file in the iconv command', async () => {
    // Row 1's street runs over two lines, so row 2 (with `’` as Windows-1252's 0x92) is on line 4.
    const rows = ROWS.slice(0, 10).map((r) => [...r]);
    const street = HEADER.indexOf('Street');
    rows[0]![street] = 'Main St\nrear';
    rows[1]![street] = 'Church St \u2019';
    const file = join(dir, 'cp1252.csv');
    writeFileSync(
      file,
      Buffer.from(([HEADER, ...rows].map(line).join('\n') + '\n').replace('\u2019', '\x92'), 'latin1'),
    );
    const err = await refusal([file], join(dir, 'cp1252-store'));
    expect(err.message).toBe(
      'cp1252.csv is not UTF-8 text: row 2, line 4 of the file, holds bytes that are not valid UTF-8.',
    );
    expect(err.hint).toContain(`\`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\``);
  });

  it('past the head the reader reads, named alike', async () => {
    // 64 KB is read ahead by the first check; the byte in row 1500 is found by the CSV reader.
    const rows = ROWS.slice(0, 1600).map((r) => [...r]);
    const street = HEADER.indexOf('Street');
    rows[0]![street] = 'Main St\nrear';
    rows[1499]![street] = 'Church St \u2019';
    const file = join(dir, 'cp1252-late.csv');
    const text = [HEADER, ...rows].map(line).join('\n') + '\n';
    expect(Buffer.byteLength(text.slice(0, text.indexOf('\u2019')))).toBeGreaterThan(64 * 1024);
    writeFileSync(file, Buffer.from(text.replace('\u2019', '\x92'), 'latin1'));
    const err = await refusal([file], join(dir, 'late-store'));
    expect(err.message).toBe(
      'cp1252-late.csv is not UTF-8 text: row 1500, line 1502 of the file, holds bytes that are not valid UTF-8.',
    );
    expect(err.hint).toContain(`\`iconv -f WINDOWS-1252 -t UTF-8 ${file} > out.csv\``);
  });
});
