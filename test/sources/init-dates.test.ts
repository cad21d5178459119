import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** An export of `Incident Number`, `Call Received` and `Call Type`, a row a received time of `times`. */
function exportOf(dir: string, name: string, times: string[]): string {
  const f = join(dir, name);
  writeFileSync(
    f,
    `Incident Number,Call Received,Call Type\n${times.map((t, i) => `${i + 1},${t},Noise`).join('\n')}\n`,
  );
  return f;
}

/** Day-first times with two-digit years in October 2022: `d/10/22 hh:mm` for each day of `days`. */
const dayFirst = (days: number[]) => days.map((d, i) => `${pad(d)}/10/22 ${pad(i % 24)}:${pad(i % 60)}`);

/** The line of the timestamps format in a draft. */
const formatLine = (yaml: string) => yaml.split('\n').find((l) => l.startsWith('  format: '));

describe('profile init and day-first dates with two-digit years (tester 228)', () => {
  it('says that dates of days 1 to 12 read day first too, as it says with four-digit years', async () => {
    const dir = tempDir();
    const f = exportOf(dir, 'early.csv', dayFirst(Array.from({ length: 30 }, (_, i) => (i % 12) + 1)));
    expect(formatLine((await draftProfile(f)).yaml)).toBe(
      '  format: "%m/%d/%y %H:%M"  # GUESS: 30 of 30 sampled values parse, but read day first (%d/%m/%y %H:%M) they parse too: check a date after the 12th of a month in the export',
    );
  });

  it('drafts day first when day first reads more of the sampled values', async () => {
    const dir = tempDir();
    // Two days after the 12th among 30: month first read 28, and was drafted without a word.
    const days = Array.from({ length: 30 }, (_, i) => (i === 5 ? 13 : i === 20 ? 30 : (i % 12) + 1));
    const f = exportOf(dir, 'dmy.csv', dayFirst(days));
    expect(formatLine((await draftProfile(f)).yaml)).toBe(
      '  format: "%d/%m/%y %H:%M"  # GUESS: 30 of 30 sampled values parse',
    );
  });
});

describe("ingest's advice for day-first times refused by a month-first format (tester 228)", () => {
  it('suggests the day-first format of two-digit years, and says the column may be day first throughout', async () => {
    const dir = tempDir();
    // Drafted from the first days of the month, as the sample of a long export is: month first.
    const early = exportOf(dir, 'early.csv', dayFirst(Array.from({ length: 24 }, (_, i) => (i % 12) + 1)));
    const draft = (await draftProfile(early)).yaml;
    expect(formatLine(draft)).toContain('"%m/%d/%y %H:%M"');
    const whole = exportOf(dir, 'whole.csv', dayFirst(Array.from({ length: 60 }, (_, i) => (i % 30) + 1)));
    const err = await ingest({
      files: [whole],
      profile: parseProfile(draft, 'draft.yaml'),
      store: join(dir, 'store'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const hint = (err as UserError).hint ?? '';
    // `%d/%m/%Y` was advised, which reads `22` as the year 22 and refuses every row.
    expect(hint).toContain('All of the refused times fit `%d/%m/%y %H:%M` instead');
    expect(hint).toContain('the column may be day first throughout');
    expect(hint).not.toContain('mixes two formats');
  });

  it('still says the column mixes two formats when the times that loaded do not read day first', async () => {
    const dir = tempDir();
    const early = exportOf(dir, 'early.csv', dayFirst(Array.from({ length: 24 }, (_, i) => (i % 12) + 1)));
    const draft = (await draftProfile(early)).yaml;
    // Month first in half the rows (10/25/22: the 25th of October), day first in the other half.
    const times = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? `10/${13 + (i % 15)}/22 10:${pad(i)}` : `${13 + (i % 15)}/10/22 10:${pad(i)}`,
    );
    const mixed = exportOf(dir, 'mixed.csv', times);
    const err = await ingest({
      files: [mixed],
      profile: parseProfile(draft, 'draft.yaml'),
      store: join(dir, 'store'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const hint = (err as UserError).hint ?? '';
    expect(hint).toContain(
      'All of the refused times fit `%d/%m/%y %H:%M` instead: the column mixes two formats',
    );
  });
});

describe('profile init notes (tester 228)', () => {
  it('says when every sampled hour is 1 to 12: a 12-hour clock without AM or PM', async () => {
    const dir = tempDir();
    const hour = (i: number) => (i % 12) + 1;
    const twelve = exportOf(
      dir,
      'twelve.csv',
      Array.from({ length: 60 }, (_, i) => `10/${13 + Math.floor(i / 12)}/2022 ${hour(i)}:${pad(i)}`),
    );
    expect(formatLine((await draftProfile(twelve)).yaml)).toBe(
      '  format: "%m/%d/%Y %H:%M"  # GUESS: 60 of 60 sampled values parse; every hour of the 60 sampled times is from 1 to 12, none 0 or 13-23: they may be a 12-hour clock without AM or PM, which no format reads right, so check the export',
    );
    // A 24-hour clock shows its afternoon; a few times of the morning alone are too few to tell.
    const day = exportOf(
      dir,
      'day.csv',
      Array.from(
        { length: 60 },
        (_, i) => `10/${13 + Math.floor(i / 12)}/2022 ${i === 7 ? 13 : hour(i)}:${pad(i)}`,
      ),
    );
    expect(formatLine((await draftProfile(day)).yaml)).toBe(
      '  format: "%m/%d/%Y %H:%M"  # GUESS: 60 of 60 sampled values parse',
    );
    const few = exportOf(
      dir,
      'few.csv',
      Array.from({ length: 20 }, (_, i) => `10/13/2022 ${hour(i)}:${pad(i)}`),
    );
    expect(formatLine((await draftProfile(few)).yaml)).toBe(
      '  format: "%m/%d/%Y %H:%M"  # GUESS: 20 of 20 sampled values parse',
    );
  });

  it('says a time column with no sampled values has none, and that day numbers come from a spreadsheet', async () => {
    const dir = tempDir();
    const f = join(dir, 'export.csv');
    const rows = Array.from(
      { length: 10 },
      (_, i) => `${i + 1},10/01/2022 10:${pad(i)},,${44835 + i / 100},Noise`,
    );
    writeFileSync(
      f,
      `Incident Number,Call Received,Time Cleared,Time Closed,Call Type\n${rows.join('\n')}\n`,
    );
    const { yaml } = await draftProfile(f);
    expect(yaml).toContain(
      '  # Time Cleared is named like a time, but has no values in the sample: map it by hand if it holds times further down\n',
    );
    expect(yaml).toContain(
      `  # Time Closed is named like a time, but its values (written like "99999.99", 9 for a digit) look like a spreadsheet's date number: format the column as a date and time in the spreadsheet and save the CSV again, then run profile init again\n`,
    );
    expect(yaml).not.toContain('fit no format safegap knows');
  });
});

describe('profile init and spreadsheet numbers or two-digit day-first pairs (tester 231)', () => {
  it('gives an arrival column of spreadsheet date numbers the spreadsheet advice, not a delay', async () => {
    const dir = tempDir();
    const f = join(dir, 'excel.csv');
    // 44835 is 2022-10-01: the arrival a few minutes after the call, saved as a spreadsheet's day number.
    const rows = Array.from(
      { length: 20 },
      (_, i) => `${i + 1},10/01/2022 10:${pad(i)},${(44835 + (10 * 60 + i + 7) / 1440).toFixed(10)},Noise`,
    );
    writeFileSync(f, `Incident Number,Call Received,Arrived Time,Call Type\n${rows.join('\n')}\n`);
    const { yaml, guesses } = await draftProfile(f);
    // Drafted as seconds after the call, every arrival was some 12 hours late without a word.
    expect(guesses['times.arrived']).toBeUndefined();
    expect(yaml).not.toContain('seconds_after');
    expect(yaml).toContain(
      `  # Arrived Time is named like a time, but its values (written like "99999.9999999999", 9 for a digit) look like a spreadsheet's date number: format the column as a date and time in the spreadsheet and save the CSV again, then run profile init again\n`,
    );
  });

  it('still drafts a column of seconds named like a delay as one, long delays among them', async () => {
    const dir = tempDir();
    const f = join(dir, 'delays.csv');
    // One delay in ten of five digits (over 2.7 hours), as a spreadsheet's date number is written.
    const rows = Array.from(
      { length: 20 },
      (_, i) => `${i + 1},10/01/2022 10:${pad(i)},${i % 10 ? 60 * i + 30 : 12000 + i},Noise`,
    );
    writeFileSync(f, `Incident Number,Call Received,first_response_time,Call Type\n${rows.join('\n')}\n`);
    const { yaml } = await draftProfile(f);
    expect(yaml).toContain(
      '  arrived: { column: "first_response_time", seconds_after: received }  # GUESS: numbers named like a delay',
    );
  });

  it('pairs a day-first date of two-digit year with its time column, as it pairs the others', async () => {
    const dir = tempDir();
    const f = join(dir, 'pair.csv');
    // `20/10/22` was cast by DuckDB to the year 20, so `Call Date` alone was drafted as the received time.
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i + 1},${(i % 28) + 1}/10/22,${i % 24}:${pad(i)},Noise`,
    );
    writeFileSync(f, `Incident Number,Call Date,Call Time,Call Type\n${rows.join('\n')}\n`);
    const { yaml, guesses } = await draftProfile(f);
    expect(guesses['times.received']).toBe('Call Date + Call Time');
    expect(formatLine(yaml)).toBe('  format: "%d/%m/%y %H:%M"  # GUESS: 30 of 30 sampled values parse');
    expect(yaml).toContain(
      '  received: { column: "Call Date", time_column: "Call Time" }  # GUESS: the date and the time of day in two columns, read as "date time"\n',
    );
    expect(yaml).not.toContain('fit no format safegap knows');
    expect(yaml).not.toContain('is at midnight or has no time of day');
    // Ingested as drafted, each call is at its date and time of day: 20/10/22 and 17:08 is 2022-10-20 17:08.
    const store = join(dir, 'store');
    await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
    const stored = await storeRows<{ t: string }>(
      store,
      `SELECT strftime(received_local, '%-d/%m/%y %-H:%M') t FROM calls ORDER BY source_call_id::INTEGER`,
    );
    expect(stored.map((r) => r.t)).toEqual(rows.map((r) => r.split(',').slice(1, 3).join(' ')));
  });
});
