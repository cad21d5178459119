import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 267's files, made from the real one as theirs were (/tmp/t267/r500_*.csv): Minneapolis' robberies,
// whose `Date` and `Timestamp` (`19:38:00+00`) are the local clock labelled UTC (MANIFEST.md).

const ROBBERY = sharedFile('minneapolis/crime/robbery_raw.csv');
const robberies = csvObjects(readFileSync(ROBBERY, 'utf8'));
const header = Object.keys(robberies[0]!);

/** The robberies with `Date` and `Timestamp` renamed, and the time of day's `+00` kept or not. */
function renamed(dir: string, name: string, date: string, time: string, offset: boolean): string {
  const columns = header.map((h) => (h === 'Date' ? date : h === 'Timestamp' ? time : h));
  const rows = robberies.map((r) => ({
    ...r,
    [date]: r.Date!,
    [time]: offset ? r.Timestamp! : r.Timestamp!.replace(/\+00$/, ''),
  }));
  return writeRows(join(dir, name), columns, {}, rows);
}

/** The line of the timestamps format in a draft. */
const formatLine = (yaml: string) => yaml.split('\n').find((l) => l.startsWith('  format: '));
const receivedLine = (yaml: string) => yaml.split('\n').find((l) => l.startsWith('  received: '));

/** What the draft says of `+00` values whose quietest hours are the early morning (docs/profiles.md). */
const LABELLED_UTC =
  "early morning, as a city's local times are, so they are read as local times labelled UTC (clock: utc_is_local); if they are true UTC instants, set clock: local";

describe('profile init: a date and a time of day with an offset (tester 267)', () => {
  it('pairs Date and Timestamp of +00 times, and reads them as the local clock labelled UTC', async () => {
    // Received was a TODO, and `Date` and `Timestamp` only "Not mapped".
    const { yaml, guesses } = await draftProfile(ROBBERY, { timeZone: 'America/Chicago' });
    expect(guesses['times.received']).toBe('Date + Timestamp');
    expect(receivedLine(yaml)).toBe(
      '  received: { column: "Date", time_column: "Timestamp" }  # GUESS: the date and the time of day in two columns, read as "date time"',
    );
    expect(formatLine(yaml)).toMatch(
      /^ {2}format: "iso8601" {2}# GUESS: every sampled value ends in \+00 \(UTC\)/,
    );
    expect(formatLine(yaml)).toContain(LABELLED_UTC);
    expect(yaml).toContain('  clock: utc_is_local');
    expect(yaml).not.toContain('#   "Timestamp"');
    // Ingested as drafted, each robbery is at its written date and time of day, as the local clock.
    const dir = tempDir();
    const store = join(dir, 'store');
    await ingest({ files: [ROBBERY], profile: parseProfile(yaml, 'draft.yaml'), store });
    const stored = await storeRows<{ id: string; t: string }>(
      store,
      "SELECT source_call_id AS id, strftime(received_local, '%Y-%m-%d %H:%M:%S') AS t FROM calls",
    );
    expect(stored.length).toBe(robberies.length);
    const written = new Map(
      robberies.map((r) => [r.Case_Number!, `${r.Date} ${r.Timestamp!.replace('+00', '')}`]),
    );
    expect(stored.filter((s) => written.get(s.id) !== s.t)).toEqual([]);
  });

  it('pairs Date and Time without an offset', async () => {
    const f = renamed(tempDir(), 'time_nooff.csv', 'Date', 'Time', false);
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(guesses['times.received']).toBe('Date + Time');
    expect(receivedLine(yaml)).toContain('  received: { column: "Date", time_column: "Time" }  # GUESS');
    expect(formatLine(yaml)).toBe('  format: "%Y-%m-%d %H:%M:%S"  # GUESS: 500 of 500 sampled values parse');
  });

  it('pairs Call Date and Call Time of +00 times, not the date alone at midnight', async () => {
    const f = renamed(tempDir(), 'calldt_off.csv', 'Call Date', 'Call Time', true);
    const { yaml, guesses, notes } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(guesses['times.received']).toBe('Call Date + Call Time');
    expect(receivedLine(yaml)).toContain(
      '  received: { column: "Call Date", time_column: "Call Time" }  # GUESS',
    );
    expect(formatLine(yaml)).toContain(LABELLED_UTC);
    expect(yaml).toContain('  clock: utc_is_local');
    expect(notes.filter((n) => n.includes('midnight'))).toEqual([]);
    expect(yaml).not.toContain('Call Time is named like a time');
  });

  it('still pairs Call Date and Call Time without an offset (tester 231)', async () => {
    const f = renamed(tempDir(), 'calldt.csv', 'Call Date', 'Call Time', false);
    const { yaml } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(receivedLine(yaml)).toContain(
      '  received: { column: "Call Date", time_column: "Call Time" }  # GUESS',
    );
    expect(formatLine(yaml)).toBe('  format: "%Y-%m-%d %H:%M:%S"  # GUESS: 500 of 500 sampled values parse');
  });
});
