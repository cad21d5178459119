import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { tempDir } from '../helpers/shared-data.js';

// Tester 362's crisis-team log and 311 export (/tmp/t362/team_log.csv, mpls_311_online.csv), in small: the
// team's `Team Clear` was not drafted as cleared (no time on scene), `Contact ID` and `SR Number`, filled
// and distinct, left the id a TODO, and nothing pointed at `CAD Ref` / `CAD Incident` as the CAD's number.

const dir = tempDir();
let n = 0;
/** A CSV of a header and rows written by hand, drafted. */
const draft = async (header: string[], rows: string[][]) => {
  const f = join(dir, `f${n++}.csv`);
  writeFileSync(f, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return draftProfile(f, { timeZone: 'America/Chicago' });
};
/** The line of a draft that begins with `start`. */
const lineOf = (yaml: string, start: string) => yaml.split('\n').find((l) => l.startsWith(start));

const TEAM_HEADER = [
  'Contact ID',
  'CAD Ref',
  'Request Received',
  'Team En Route',
  'Team On Scene',
  'Team Clear',
  'Presenting Concern',
];
/** Five calls of the team's log, each an hour apart, arriving at :20 and clearing at :50. */
const teamRows = (clear: (i: number) => string = (i) => `2022-10-26 1${i}:50:00`) =>
  [0, 1, 2, 3, 4].map((i) => [
    `MCT0010${i}`,
    `22-25579${i}`,
    `2022-10-26 1${i}:00:00`,
    `2022-10-26 1${i}:05:00`,
    `2022-10-26 1${i}:20:00`,
    clear(i),
    i % 2 ? 'Welfare concern' : 'Substance use',
  ]);

describe("profile init: a crisis team's log (tester 362)", () => {
  it('drafts Team Clear as cleared, Contact ID as the id, and says how to link by CAD Ref', async () => {
    const { yaml, guesses } = await draft(TEAM_HEADER, teamRows());
    expect(guesses['times.cleared']).toBe('Team Clear');
    expect(guesses['times.arrived']).toBe('Team On Scene');
    expect(guesses.id).toBe('Contact ID');
    expect(lineOf(yaml, 'id:')).toBe(
      'id: "Contact ID"  # GUESS: named as a number or an id, and filled and distinct in each of the 5 sampled rows',
    );
    // Said, not done: the id stays the team's own number.
    const cad = lineOf(yaml, '# CAD Ref is named as the CAD');
    expect(cad).toContain('id: ["CAD Ref", "Contact ID"]');
    expect(cad).toContain('docs/profiles.md, "Several sources for one city"');
    const profile = parseProfile(yaml, 'draft');
    expect(profile.id).toBe('Contact ID');
    expect(profile.times.cleared).toBe('Team Clear');
    expect(yaml).not.toMatch(/^# {3}"Team Clear"$/m);
    // Every call police's is a guess too, and marked (tester 367: the team's contacts counted as police's).
    expect(lineOf(yaml, '  default: police')).toMatch(/^ {2}default: police {2}# GUESS: /);
    expect(profile.responder.default).toBe('police');
  });

  it('leaves Team Clear out when its values are no times', async () => {
    const { yaml, guesses } = await draft(
      TEAM_HEADER,
      teamRows((i) => (i % 2 ? 'Y' : 'N')),
    );
    expect(guesses['times.cleared']).toBeUndefined();
    expect(yaml).toContain('# Team Clear is named like a time, but its values');
  });

  it('keeps the TODO when no column named as an id is filled and distinct', async () => {
    // Contact ID repeated in two rows; CAD Ref distinct, but the CAD's number is never drafted as the id.
    const repeated = teamRows().map((r, i) => [i === 1 ? 'MCT00100' : r[0]!, ...r.slice(1)]);
    const a = await draft(TEAM_HEADER, repeated);
    expect(a.guesses.id).toBeUndefined();
    expect(lineOf(a.yaml, 'id:')).toBe(
      'id: "TODO_incident_number_column"  # TODO: no incident-number column found',
    );
    expect(lineOf(a.yaml, '# CAD Ref is named as the CAD')).toContain(
      'id: ["CAD Ref", "TODO_own_number_column"]',
    );
    // One row of five without its Contact ID.
    const missing = teamRows().map((r, i) => [i === 3 ? '' : r[0]!, ...r.slice(1)]);
    expect((await draft(TEAM_HEADER, missing)).guesses.id).toBeUndefined();
    // An export's row numbers are no call's number.
    const objectIds = teamRows().map((r, i) => [String(i + 1), ...r.slice(1)]);
    expect((await draft(['OBJECTID', ...TEAM_HEADER.slice(1)], objectIds)).guesses.id).toBeUndefined();
  });

  it('takes an id named in camel case, and a column named as an incident number first', async () => {
    const camel = await draft(['contactId', ...TEAM_HEADER.slice(1)], teamRows());
    expect(camel.guesses.id).toBe('contactId');
    const both = await draft(
      ['Contact ID', 'Incident Number', ...TEAM_HEADER.slice(2)],
      teamRows().map((r, i) => [r[0]!, `INC${i}`, ...r.slice(2)]),
    );
    expect(both.guesses.id).toBe('Incident Number');
    expect(lineOf(both.yaml, 'id:')).toBe('id: "Incident Number"  # GUESS');
  });

  it('drafts In Service, a unit available, a team complete as cleared, and a call end as closed', async () => {
    const times = (i: number) => [
      `2022-10-26 1${i}:00:00`,
      `2022-10-26 1${i}:20:00`,
      `2022-10-26 1${i}:50:00`,
    ];
    for (const cleared of ['In Service', 'Unit Available', 'Team Complete', 'Clear'])
      expect(
        (
          await draft(
            ['Call ID', 'Received', 'On Scene', cleared],
            [0, 1, 2].map((i) => [`C${i}`, ...times(i)]),
          )
        ).guesses['times.cleared'],
      ).toBe(cleared);
    const end = await draft(
      ['Call ID', 'Received', 'On Scene', 'End Time'],
      [0, 1, 2].map((i) => [`C${i}`, ...times(i)]),
    );
    expect(end.guesses['times.closed']).toBe('End Time');
    expect(end.guesses['times.cleared']).toBeUndefined();
  });
});

describe('profile init: a 311 export (tester 362)', () => {
  it('drafts SR Number as the id, says CAD Incident is the link, and no Status as a time', async () => {
    const { yaml, guesses } = await draft(
      ['SR Number', 'CAD Incident', 'Created Date', 'Channel', 'Request Type', 'Status'],
      [0, 1, 2, 3].map((i) => [
        `SR500005${i}`,
        `22-25371${i}`,
        `10/2${i}/2022 05:40:00 PM`,
        i % 2 ? 'Web' : 'App',
        'Police Report - Online',
        'Closed',
      ]),
    );
    expect(guesses.id).toBe('SR Number');
    expect(lineOf(yaml, '# CAD Incident is named as the CAD')).toContain('id: ["CAD Incident", "SR Number"]');
    expect(guesses['times.closed']).toBeUndefined();
    expect(parseProfile(yaml, 'draft').id).toBe('SR Number');
  });
});
