import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 284's files, made from the real ones as theirs were (/tmp/t284/mkA.py, mkB.py): a city's export
// whose column names a spreadsheet wrote in another case, and a Seattle file whose header is repeated in
// its rows, with two columns of no name at the end.

const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const SEATTLE = sharedFile('seattle/call_data_sample_2018-2023.csv');

const OFFICER_TYPES = ['Foot Patrol', 'Community Outreach', 'Operations', 'Background Investigation'];
// The file repeats its header once in its rows: not a call.
const burlington = csvObjects(readFileSync(BURLINGTON, 'utf8')).filter(
  (r) => r.call_origin !== 'call_origin',
);
/** The first 300 calls, and 60 each of the online reports and the police activity the built-in sets apart. */
const burlingtonRows = [
  ...new Set([
    ...burlington.slice(0, 300),
    ...burlington.filter((r) => r.call_origin === 'Online Report').slice(0, 60),
    ...burlington.filter((r) => OFFICER_TYPES.includes(r.call_type!)).slice(0, 60),
  ]),
];
const burlingtonHeader = Object.keys(burlington[0]!);
const seattle = csvObjects(readFileSync(SEATTLE, 'utf8'));
const seattleHeader = Object.keys(seattle[0]!);

/** `rows` written with `header`'s columns renamed as `renames` says, the values kept. */
function renamedFile(
  file: string,
  header: string[],
  renames: Record<string, string>,
  rows: Record<string, string>[],
): string {
  const to = (h: string) => renames[h] ?? h;
  return writeRows(
    file,
    header.map(to),
    {},
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [to(k), v]))),
  );
}

/** Each call's origin and responder as ingest stores them from `file` with `profile`. */
async function originsOf(file: string, profile: Parameters<typeof ingest>[0]['profile']) {
  const store = join(tempDir(), 'store');
  await ingest({ files: [file], profile, store });
  return storeRows<{ id: string; origin: string; responder: string }>(
    store,
    'SELECT source_call_id AS id, origin, responder FROM calls ORDER BY id',
  );
}

/** Seattle's `11/04/2023 6:08:26 PM` as a spreadsheet writes it, `11/4/2023 18:08`. */
function spreadsheetTime(v: string): string {
  const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+):\d+ ([AP]M)$/.exec(v);
  if (!m) return v;
  const hour = (Number(m[4]) % 12) + (m[6] === 'PM' ? 12 : 0);
  return `${Number(m[1])}/${Number(m[2])}/${m[3]} ${hour}:${m[5]}`;
}

describe("profile init: a built-in profile's columns in another case (tester 284)", () => {
  it("drafts Burlington's file with Call_Type, STREET and Call_Time as burlington-vt, its rules kept", async () => {
    const dir = tempDir();
    const original = writeRows(join(dir, 'I_bur.csv'), burlingtonHeader, {}, burlingtonRows);
    const renamed = renamedFile(
      join(dir, 'A_bur.csv'),
      [...burlingtonHeader].reverse(),
      { call_type: 'Call_Type', Street: 'STREET', call_time: 'Call_Time' },
      burlingtonRows,
    );
    const draft = await draftProfile(renamed);
    // It was a draft of guesses, without a word of the built-in.
    expect(draft.builtin).toBe('burlington-vt');
    expect(draft.notes.at(-1)).toBe(
      'every column the built-in profile burlington-vt reads is in A_bur.csv, but "call_type" as "Call_Type", "Street" as "STREET" and "call_time" as "Call_Time": ingest matches column names exactly, so this draft is burlington-vt with those names as the file spells them, and every rule of it is kept (origins, responders, missing values). Check it as you would burlington-vt; if the file is not that city\'s export, draft from a copy with other column names.',
    );
    expect(draft.yaml).toContain('\n  received: Call_Time\n');
    expect(draft.yaml).toContain('\n        column: Call_Type\n');
    expect(draft.yaml).toContain('\ntime_zone: America/New_York\n');
    // Ingested with the draft, every call has the origin and responder the built-in gives the city's file.
    const builtin = await originsOf(original, 'burlington-vt');
    expect(builtin.filter((c) => c.origin === 'officer_initiated').length).toBeGreaterThan(0);
    expect(builtin.filter((c) => c.responder === 'online_311').length).toBe(60);
    expect(await originsOf(renamed, parseProfile(draft.yaml, 'A.yaml'))).toEqual(builtin);
  });

  it("drafts Seattle's file with other names' case as seattle-call-data, with the format its times are written in", async () => {
    const dir = tempDir();
    const renamed = renamedFile(
      join(dir, 'B_sea.csv'),
      seattleHeader,
      { 'Final Call Type': 'FINAL CALL TYPE', Precinct: 'precinct' },
      seattle.map((r) => ({
        ...r,
        'Original Time Queued': spreadsheetTime(r['Original Time Queued']!),
        'Arrived Time': spreadsheetTime(r['Arrived Time']!),
      })),
    );
    const draft = await draftProfile(renamed);
    expect(draft.builtin).toBe('seattle-call-data');
    expect(draft.yaml).toContain(
      `\n  format: '%m/%d/%Y %H:%M' # GUESS: seattle-call-data reads "%m/%d/%Y %I:%M:%S %p", which parses 0 of ${seattle.length} sampled values of Original Time Queued; this parses ${seattle.length}\n`,
    );
    expect(draft.yaml).toContain('\n    column: FINAL CALL TYPE\n');
    expect(draft.yaml).toContain('\n  precinct: precinct\n');
    const builtin = await originsOf(SEATTLE, 'seattle-call-data');
    expect(builtin.length).toBe(seattle.length);
    expect(await originsOf(renamed, parseProfile(draft.yaml, 'B.yaml'))).toEqual(builtin);
  });

  it('keeps the note, and a draft of guesses, for a file with the built-in names as written', async () => {
    const draft = await draftProfile(SEATTLE);
    expect(draft.builtin).toBeUndefined();
    expect(draft.notes.filter((n) => n.includes('seattle-call-data'))).toEqual([
      'every column the built-in profile seattle-call-data reads is in call_data_sample_2018-2023.csv: if it is that export, ingest it with `--profile seattle-call-data` instead of a draft, which has none of its rules for origins, responders and missing values (`safegap profile list` names the built-in profiles).',
    ]);
  });
});

describe('profile init: a header repeated in the rows, with columns of no name (tester 284)', () => {
  it('leaves the repeated header out of the sample and of the counts', async () => {
    const file = join(tempDir(), 'B_sea_utf8.csv');
    const line = (values: string[]) =>
      [...values.map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)), '', ''].join(',');
    const rows = seattle.map((r) => line(seattleHeader.map((h) => r[h]!)));
    writeFileSync(
      file,
      `${[line(seattleHeader), ...rows.slice(0, 110), line(seattleHeader), ...rows.slice(110)].join('\n')}\n`,
    );
    const { yaml, notes } = await draftProfile(file);
    // The header's own `Blurred_Latitude` was drafted as a null of the latitude, and counted as a time.
    expect(yaml).toContain('\n  lat: "Blurred_Latitude"  # GUESS\n');
    expect(yaml).toContain('\n  lon: "Blurred_Longitude"  # GUESS\n');
    expect(yaml).toContain(
      `\n  format: "%m/%d/%Y %I:%M:%S %p"  # GUESS: ${seattle.length} of ${seattle.length} sampled values parse\n`,
    );
    expect(notes).toContain(
      '1 of the rows sampled repeats the header (two exports joined into one file?): left out of this draft; ingest quarantines such rows.',
    );
  });
});
