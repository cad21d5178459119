/**
 * Ingest's messages found wanting by tester 348 on copies of Burlington's export: a quote never closed on
 * its line named no column and carried DuckDB's English; "no row of the file was read" of a file whose
 * every row was read and refused; a total written with every field quarantined for its missing time.
 * Real rows of the shared export, altered in a temp dir.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import type { Profile } from '../../src/sources/profile-schema.js';
import { UserError } from '../../src/util/user-error.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROWS = 300;
/** The header and the first ROWS rows of Burlington's export: none of them holds a quote mark. */
const lines = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(0, ROWS + 1);
const header = lines[0]!.split(',');
const at = (column: string) => header.indexOf(column);
/** Line `i` with field `column` replaced by `f` of its value. */
const withField = (i: number, column: string, f: (v: string) => string) => {
  const fields = lines[i]!.split(',');
  fields[at(column)] = f(fields[at(column)]!);
  return fields.join(',');
};

async function refusal(file: string, profile: Profile | string, store: string): Promise<UserError> {
  const err = await ingest({ files: [file], profile, store }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('a quote opened in a value and not closed on its line (tester 348)', () => {
  const dir = tempDir();

  it('is refused naming the row and the column whose value opens it, without DuckDB words', async () => {
    expect(lines.join('\n')).not.toContain('"');
    // Row 120's call type properly quoted, and a stray quote at the start of its street: the column named
    // is the street's, the one still open at the line's end, not the first quoted one.
    const bad = lines.map((l, i) =>
      i === 120
        ? withField(i, 'Street', (v) => `"${v}`)
            .split(',')
            .map((v, c) => (c === at('call_type') ? `"${v}"` : v))
            .join(',')
        : l,
    );
    const file = join(dir, 'street.csv');
    writeFileSync(file, `${bad.join('\n')}\n`);
    const err = await refusal(file, 'burlington-vt', join(dir, 's1'));
    expect(err.message).toBe(
      'street.csv: row 120 opens a quote in its value of Street that is not closed on its line, so the reader took the lines after it, whole rows, into that value: the rows in them would be lost.',
    );
    expect(err.hint).toContain('fix the quoting of Street at row 120 (a stray `"` at the start of a value');

    // Another column, another row: the column follows the quote.
    const area = join(dir, 'area.csv');
    writeFileSync(
      area,
      `${lines.map((l, i) => (i === 40 ? withField(i, 'AreaName', (v) => `"${v}`) : l)).join('\n')}\n`,
    );
    const e2 = await refusal(area, 'burlington-vt', join(dir, 's2'));
    expect(e2.message).toMatch(
      /^area\.csv: row 40 opens a quote in its value of AreaName that is not closed/,
    );
    expect(e2.message).not.toMatch(/unterminated/i);
  });

  it("at the file's last row is refused as perhaps cut short, naming the column in our words", async () => {
    const file = join(dir, 'last.csv');
    writeFileSync(
      file,
      `${lines.map((l, i) => (i === ROWS ? withField(i, 'Street', (v) => `"${v}`) : l)).join('\n')}\n`,
    );
    const err = await refusal(file, 'burlington-vt', join(dir, 's3'));
    expect(err.message).toBe(
      `last.csv looks truncated: its last row read (row ${ROWS}) ends part-way through a record (a quote opened in its value of Street is not closed).`,
    );
  });

  it('closed by the next quote mark on its line, in a file of quoted values, is quarantined naming its column', async () => {
    // What docs/schema.md says is quarantined (tester 309): the row alone is lost, not the file.
    const quoted = lines.map((l) =>
      l
        .split(',')
        .map((v) => `"${v}"`)
        .join(','),
    );
    const fields = quoted[60]!.split(',');
    fields[at('Street')] = fields[at('Street')]!.slice(0, -1);
    quoted[60] = fields.join(',');
    const file = join(dir, 'quoted.csv');
    writeFileSync(file, `${quoted.join('\n')}\n`);
    const s = await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, 's4') });
    expect(s.totals).toMatchObject({ rows_read: ROWS, loaded: ROWS - 1, quarantined: 1 });
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => [r.row, r.reason!.split(':')[0]])).toEqual([['60', 'column Street']]);
  });
});

describe('a time format of 24 hours over AM/PM times (tester 348)', () => {
  const dir = tempDir();

  it('says no row loaded, not that none was read', async () => {
    // call_time `2021-12-31T20:08:55-05:00` written as a spreadsheet does, `12/31/2021 8:08 PM`.
    const ampm = (v: string) => {
      const [, y, mo, d, h, mi] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(v)!;
      const hour = Number(h);
      return `${Number(mo)}/${Number(d)}/${y} ${hour % 12 || 12}:${mi} ${hour < 12 ? 'AM' : 'PM'}`;
    };
    const file = join(dir, 'ampm.csv');
    writeFileSync(
      file,
      `${lines.map((l, i) => (i === 0 ? l : withField(i, 'call_time', ampm))).join('\n')}\n`,
    );
    expect(readFileSync(file, 'utf8')).toContain('12/31/2021 8:08 PM');
    const base = loadProfile('burlington-vt');
    const profile: Profile = {
      ...base,
      timestamps: { ...base.timestamps, format: '%m/%d/%Y %H:%M', clock: 'local' },
    };
    const err = await refusal(file, profile, join(dir, 's'));
    // Every row was read, and every one refused.
    expect(err.details).toMatchObject({ rows_read: ROWS, quarantined: ROWS });
    expect(err.hint).toContain(
      "All of the refused times fit `%m/%d/%Y %I:%M %p` instead, and no row of the file loaded: set the profile's format to `%m/%d/%Y %I:%M %p` and ingest again.",
    );
    expect(err.hint).not.toContain('was read');
  });
});

describe("an export's total written with every field (tester 348)", () => {
  const dir = tempDir();
  /** `Total rows:,300,,,...`: the header's number of fields. */
  const total = ['Total rows:', String(ROWS), ...Array<string>(header.length - 2).fill('')].join(',');

  const quarantine = async (name: string, text: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const s = await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, `store-${name}`) });
    return { s, q: csvObjects(readFileSync(s.quarantine_file!, 'utf8')) };
  };

  it('is quarantined as a summary line, last row of a plain or a gzip file', async () => {
    expect(total.split(',').length).toBe(header.length);
    const plain = await quarantine('total.csv', `${lines.join('\n')}\n${total}\n`);
    // Every call loaded, the total the one row quarantined: nothing dropped.
    expect(plain.s.totals).toMatchObject({ rows_read: ROWS + 1, loaded: ROWS, quarantined: 1 });
    expect(plain.q.map((r) => r.row)).toEqual([String(ROWS + 1)]);
    expect(plain.q[0]!.reason).toBe(
      'a summary line (a total) and no call: its label, `Total rows:`, names a total or a count, and its other values are empty or numbers; it can stay quarantined, or be deleted from the file before it is ingested again',
    );
    // Gzipped, CRLF, with blank lines after it: the same row and reason.
    const gz = await quarantine(
      'total.csv.gz',
      gzipSync(Buffer.from(`${[...lines, total].join('\r\n')}\r\n\r\n\r\n`)),
    );
    expect(gz.q).toEqual(plain.q.map((r) => ({ ...r, file: 'total.csv.gz' })));
  });

  it('is not a summary line within the file, nor with a word among its values', async () => {
    // Row 5 of the file: a total written there is no export's summary; its reason is as before.
    const inside = await quarantine(
      'inside.csv',
      `${[...lines.slice(0, 6), total, ...lines.slice(6)].join('\n')}\n`,
    );
    expect(inside.q.map((r) => [r.row, r.reason])).toEqual([
      ['6', 'received time: missing (column call_time)'],
    ]);
    const worded = total.replace(`,${ROWS},`, `,${ROWS},Main St`);
    expect(worded.split(',').length).toBe(header.length);
    const last = await quarantine('worded.csv', `${lines.join('\n')}\n${worded}\n`);
    expect(last.q.map((r) => r.reason)).toEqual(['received time: missing (column call_time)']);
  });
});
