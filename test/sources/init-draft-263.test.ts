import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 263's exports, made from the real files as their scripts did (/tmp/t263/mk_mpls.py, mk_sea.py).

const pad = (n: number) => String(n).padStart(2, '0');

/** Minneapolis' calls of 5-7 November 2022: days 1 to 12 whichever way a date is read. */
const minneapolis = csvObjects(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).filter((r) =>
  ['11/5/2022', '11/6/2022', '11/7/2022'].includes(r.Time_PhonePickUp!.split(' ')[0]!),
);
const seattle = csvObjects(readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8'));

/** `11/5/2022 0:16` as day first, `05/11/2022 00:16`, and its date and time of day alone. */
function dayFirst(v: string): { stamp: string; date: string; time: string } {
  const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d)$/.exec(v);
  if (!m) return { stamp: '', date: '', time: '' };
  const date = `${pad(Number(m[2]))}/${pad(Number(m[1]))}/${m[3]}`;
  const time = `${pad(Number(m[4]))}:${m[5]}`;
  return { stamp: `${date} ${time}`, date, time };
}

/** A `;` export of Minneapolis' calls of 5-7 November, with a column of `header` each from `value`. */
function mplsExport(
  dir: string,
  name: string,
  columns: [header: string, value: (r: Record<string, string>) => string][],
): string {
  const f = join(dir, name);
  const rows = minneapolis.map((r) => columns.map(([, value]) => value(r).replaceAll(';', ',')).join(';'));
  writeFileSync(f, `${columns.map(([h]) => h).join(';')}\r\n${rows.join('\r\n')}\r\n`);
  return f;
}

const pickup = (r: Record<string, string>) => dayFirst(r.Time_PhonePickUp!);
const assigned = (r: Record<string, string>) => dayFirst(r.Time_First_Unit_Assigned!).stamp;

/** The line of the timestamps format in a draft. */
const formatLine = (yaml: string) => yaml.split('\n').find((l) => l.startsWith('  format: '));

const DAY_FIRST =
  ', but read day first (%d/%m/%Y %H:%M) they parse too: check a date after the 12th of a month in the export';

describe('profile init: day-first dates whatever column the format comes from (tester 263)', () => {
  it('says the values read as well day first when the format is drafted from a stage column', async () => {
    const dir = tempDir();
    // A received pair of names not known as one: the format is `Dispatched`'s, and 5-7 November were
    // ingested as May, June and July without a word.
    const f = mplsExport(dir, 'intake.csv', [
      ['Incident No', (r) => r.Master_Incident_Number!],
      ['Intake Date', (r) => pickup(r).date],
      ['Intake Time', (r) => pickup(r).time],
      ['Nature', (r) => r.Problem!],
      ['Dispatched', assigned],
    ]);
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(guesses['times.received']).toBeUndefined();
    // The first 500 values are scored.
    expect(formatLine(yaml)).toBe(
      `  format: "%m/%d/%Y %H:%M"  # TODO: no received time column found; this format is the one 500 of 500 sampled values of Dispatched fit${DAY_FIRST}, and check it against the received time once you map it`,
    );
  });

  it('says so when the format is drafted from a column of times under a name not known as one', async () => {
    const dir = tempDir();
    const f = mplsExport(dir, 'logged.csv', [
      ['Incident No', (r) => r.Master_Incident_Number!],
      ['Logged', (r) => pickup(r).stamp],
      ['Nature', (r) => r.Problem!],
    ]);
    const { yaml } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(formatLine(yaml)).toBe(
      `  format: "%m/%d/%Y %H:%M"  # TODO: no received time column found; Logged holds times (500 of 500 sampled values fit this format)${DAY_FIRST}; map it as received if it is when the call came in`,
    );
  });
});

describe("profile init: the tester's export of Minneapolis (tester 263)", () => {
  /** The tester's header: a pickup date and time, and `Nature` twice (the initial type, then the final). */
  const messy = (dir: string) =>
    mplsExport(dir, 'mpls_messy.csv', [
      ['Incident No', (r) => r.Master_Incident_Number!],
      ['Is 911', (r) => r['911 Call']!],
      ['Pickup Date', (r) => pickup(r).date],
      ['Pickup Time', (r) => pickup(r).time],
      ['Nature', (r) => r.initialProblem!],
      ['Nature', (r) => r.Problem!],
      ['Priority', (r) => r.Priority_Number!],
      ['Address', (r) => r['Street Display']!],
      ['Dispatched', assigned],
    ]);

  it('takes Pickup Date + Pickup Time as the received time, and says it reads as well day first', async () => {
    const { yaml, guesses } = await draftProfile(messy(tempDir()), { timeZone: 'America/Chicago' });
    expect(guesses['times.received']).toBe('Pickup Date + Pickup Time');
    expect(yaml).toContain(
      '  received: { column: "Pickup Date", time_column: "Pickup Time" }  # GUESS: the date and the time of day in two columns, read as "date time"\n',
    );
    expect(formatLine(yaml)).toBe(
      `  format: "%m/%d/%Y %H:%M"  # GUESS: 500 of 500 sampled values parse${DAY_FIRST}`,
    );
    expect(yaml).not.toContain('#   "Pickup Date"');
  });

  it('maps a repeated name as the reader names it, the second as the final type, and says so', async () => {
    const dir = tempDir();
    const f = messy(dir);
    const { yaml, guesses, notes } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(guesses['fields.call_type_initial']).toBe('Nature');
    expect(guesses['fields.call_type_final']).toBe('Nature_1');
    expect(notes).toContain(
      'the header of mpls_messy.csv names 2 columns "Nature" (columns 5 and 6): they are read as "Nature" and "Nature_1", the names a profile maps them by. To map them by names of their own, rename them in the export\'s header.',
    );
    expect(yaml).toContain(
      '  call_type_final: { column: "Nature_1", normalise: [trim, collapse_spaces] }  # GUESS: the header names 2 columns "Nature", and the file\'s reader reads the second as "Nature_1": drafted as the final type, the first as the initial; check which is which\n',
    );
    expect(yaml).not.toContain('#   "Nature_1"');
    // Ingested as drafted, once its format is made day first as the note says: each call is on its day
    // of November, with its initial and final types from their own columns.
    const store = join(dir, 'store');
    const profile = yaml.replace('format: "%m/%d/%Y %H:%M"', 'format: "%d/%m/%Y %H:%M"');
    await ingest({ files: [f], profile: parseProfile(profile, 'draft.yaml'), store });
    const stored = await storeRows<{ id: string; received: string; initial: string; final: string }>(
      store,
      `SELECT source_call_id AS id, strftime(received_local, '%-m/%-d/%Y %-H:%M') AS received,
         call_type_initial_raw AS initial, call_type_final_raw AS final FROM calls`,
    );
    expect(stored.length).toBe(minneapolis.length);
    const byId = new Map(minneapolis.map((r) => [r.Master_Incident_Number!, r]));
    for (const s of stored) {
      const r = byId.get(s.id)!;
      expect([s.received, s.initial, s.final]).toEqual([r.Time_PhonePickUp, r.initialProblem, r.Problem]);
    }
  });
});

describe("profile init: the tester's export of Seattle (tester 263)", () => {
  /** Seattle's call data with the queue's date and time apart, and its blurred coordinates as X and Y. */
  function seaExport(dir: string, xy: (x: string, y: string) => [string, string] = (x, y) => [x, y]) {
    const f = join(dir, 'sea_export.csv');
    const rows = seattle.map((d) => {
      const [date, time, half] = d['Original Time Queued']!.split(' ');
      const [x, y] = xy(d.Blurred_Longitude!, d.Blurred_Latitude!);
      return [
        d['CAD Event Number'],
        d['Call Type'],
        d['Initial Call Type'],
        d['Final Call Type'],
        date,
        `${time} ${half}`,
        d['Arrived Time'],
        d.Beat,
        x,
        y,
      ]
        .map((v) => (/[,"]/.test(v!) ? `"${v!.replaceAll('"', '""')}"` : v))
        .join(',');
    });
    writeFileSync(
      f,
      `Event #,How Received,Initial Type,Final Type,Date Queued,Time Queued,Arrived,Beat,X,Y\n${rows.join('\n')}\n`,
    );
    return f;
  }

  it('names received_is: queue in the received TODO when only the queue time is found', async () => {
    const { yaml } = await draftProfile(seaExport(tempDir()), { timeZone: 'America/Los_Angeles' });
    const line = yaml.split('\n').find((l) => l.startsWith('  received: '))!;
    expect(line).toBe(
      '  received: "TODO_received_time_column"  # TODO: required; no pickup time was found, only when calls entered the queue (Date Queued + Time Queued): if the export has no pickup time, map that here instead of as queued, and set `received_is: queue` under timestamps, so that intervals are named from the queue (docs/profiles.md)',
    );
    // As the TODO says, the draft is a profile.
    const done = yaml
      .replace(line, '  received: { column: "Date Queued", time_column: "Time Queued" }')
      .replace(/\n {2}queued: .*/, '')
      .replace(/\n {2}clock: .*/, (l) => `${l}\n  received_is: queue`);
    expect(parseProfile(done, 'draft.yaml').timestamps.received_is).toBe('queue');
  });

  it('drafts X and Y as the longitude and latitude when every value can be one', async () => {
    const { yaml, guesses } = await draftProfile(seaExport(tempDir()), { timeZone: 'America/Los_Angeles' });
    expect([guesses['fields.lon'], guesses['fields.lat']]).toEqual(['X', 'Y']);
    expect(yaml).toContain(
      '  lon: "X"  # GUESS: every sampled value of X and Y is a number with a decimal point that can be a longitude and a latitude; if they are another grid\'s, remove both\n',
    );
    expect(yaml).not.toMatch(/^# {3}"[XY]"$/m);
  });

  it("says why X and Y are left out when they are a projected grid's", async () => {
    // Washington North's state plane, in feet: no longitude and latitude.
    const feet = (x: string, y: string): [string, string] => [
      (1_270_000 + (Number(x) + 122.3) * 250_000).toFixed(2),
      (230_000 + (Number(y) - 47.6) * 360_000).toFixed(2),
    ];
    const { notes, guesses } = await draftProfile(seaExport(tempDir(), feet), {
      timeZone: 'America/Los_Angeles',
    });
    expect(guesses['fields.lon']).toBeUndefined();
    expect(guesses['fields.lat']).toBeUndefined();
    expect(notes).toContain(
      `Y may be a latitude, as a column so named often is, but only 0 of its ${seattle.length} sampled values are numbers with a decimal point from -90 to 90; X may be a longitude, as a column so named often is, but only 0 of its ${seattle.length} sampled values are numbers with a decimal point from -180 to 180, so they are left out: if X and Y are a projected grid's (a state plane's feet or metres), convert them to longitude and latitude before ingest and map those as \`lon\` and \`lat\` (docs/profiles.md); areas named by a column (precinct, beat, neighborhood) need no coordinates.`,
    );
  });
});

describe('profile init: obvious names (tester 263)', () => {
  it('drafts CallNo as the id and Type as the call type', async () => {
    const dir = tempDir();
    const f = join(dir, 'calls.csv');
    const rows = minneapolis.map((r) => `${r.Master_Incident_Number},${r.Time_PhonePickUp},"${r.Problem}"`);
    writeFileSync(f, `CallNo,Received,Type\n${rows.join('\n')}\n`);
    const { guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
    expect(guesses.id).toBe('CallNo');
    expect(guesses['fields.call_type_final']).toBe('Type');
  });

  // A call for service's number, `CFS Number` or `CFS #`, was drafted as nothing (tester 319).
  for (const id of ['CFS Number', 'CFS #', 'CFS_ID'])
    it(`drafts ${id} as the id`, async () => {
      const dir = tempDir();
      const f = join(dir, 'calls.csv');
      const rows = minneapolis.map((r) => `${r.Master_Incident_Number},${r.Time_PhonePickUp},"${r.Problem}"`);
      writeFileSync(f, `${id},Received,Type\n${rows.join('\n')}\n`);
      expect((await draftProfile(f, { timeZone: 'America/Chicago' })).guesses.id).toBe(id);
    });
});
