import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { tempDir } from '../helpers/shared-data.js';

// Tester 369's vendor-style export of Seattle's calls: `;`, `Pct` and `Sect` for precinct and sector, `How
// Received` (911, TELEPHONE OTHER, NOT 911) said to be named like a time, and final types written `--TYPE`.

const dir = tempDir();

/** A `;` file of `header` and `rows`, each row its values in the header's order. */
function write(name: string, header: string[], rows: string[][]): string {
  const f = join(dir, name);
  writeFileSync(f, `${[header, ...rows].map((r) => r.join(';')).join('\n')}\n`);
  return f;
}

/** Row i's time, `11/04/2023 6:08:26 PM` a minute apart. */
const at = (i: number) => `11/04/2023 6:${String(10 + i).padStart(2, '0')}:26 PM`;

const HOW = ['911', 'TELEPHONE OTHER, NOT 911', 'ONVIEW', '911'];
const FINAL = [
  '--ASSIST PUBLIC - OTHER',
  '--PROPERTY DEST (DAMG)',
  '--SUSPICIOUS CIRCUM. - SUSPICIOUS PERSON',
];
const PCT = ['EAST', 'WEST', 'NORTH', 'SOUTH', 'SOUTHWEST'];
const SECT = ['CHARLIE', 'DAVID', 'EDWARD'];

describe('profile init: a vendor-style export of Seattle calls (tester 369)', () => {
  it('drafts Pct and Sect as precinct and sector, How Received as the origin, and strips the dashes', async () => {
    const rows = Array.from({ length: 24 }, (_, i) => [
      String(2023000300000 + i),
      at(i),
      HOW[i % 4]!,
      `INITIAL ${i % 3}`,
      FINAL[i % 3]!,
      PCT[i % 5]!,
      SECT[i % 3]!,
    ]);
    const f = write(
      'seattle_conv.csv',
      ['Event No', 'Call Received', 'How Received', 'Initial Nature', 'Final Nature', 'Pct', 'Sect'],
      rows,
    );
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(guesses['fields.precinct']).toBe('Pct');
    expect(guesses['fields.sector']).toBe('Sect');
    // The received time is the column of times, not `How Received`, which is said to be no time.
    expect(guesses['times.received']).toBe('Call Received');
    expect(yaml).not.toMatch(/How Received is named like a time/);
    const profile = parseProfile(yaml, 'draft.yaml');
    // By hand: 911 -> 911, TELEPHONE OTHER, NOT 911 -> non_emergency_phone, ONVIEW -> officer_initiated.
    const rules = (profile.origin.rules ?? []).map((r) => [JSON.stringify(r.if), r.then]);
    expect(rules).toEqual(
      expect.arrayContaining([
        [JSON.stringify({ column: 'How Received', equals: '911' }), '911'],
        [
          JSON.stringify({ column: 'How Received', equals: 'TELEPHONE OTHER, NOT 911' }),
          'non_emergency_phone',
        ],
        [JSON.stringify({ column: 'How Received', equals: 'ONVIEW' }), 'officer_initiated'],
      ]),
    );
    // Every final type begins `--`, no initial one does: the final's alone is stripped, as the built-in
    // seattle-call-data profile strips it.
    expect(profile.fields.call_type_final).toMatchObject({
      column: 'Final Nature',
      normalise: ['trim', 'strip_leading_dashes', 'collapse_spaces'],
    });
    expect(profile.fields.call_type_initial).toMatchObject({
      column: 'Initial Nature',
      normalise: ['trim', 'collapse_spaces'],
    });
    expect(yaml).not.toMatch(/^#\s+"(Pct|Sect)"$/m);
  });

  it('drafts Received Via as the origin, not as a time', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [String(9000 + i), at(i), HOW[i % 4]!, FINAL[i % 3]!]);
    const f = write('via.csv', ['Event No', 'Queued At', 'Received Via', 'Final Nature'], rows);
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(yaml).not.toMatch(/Received Via is named like a time/);
    expect(guesses['times.received']).toBeUndefined();
    expect(yaml).toMatch(/^ {4}- if: \{ column: 'Received Via', equals: '911' \}\n {6}then: '911'$/m);
  });

  it('takes an abbreviated area only by its whole name and only when its values are no percentages or distances', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [
      String(7000 + i),
      at(i),
      `${(i * 2.5).toFixed(1)}`,
      `${(i / 4).toFixed(2)}`,
      String((i % 5) + 1),
      `S${i % 3}`,
      // One in four final types begins with a dash: not most, so not stripped.
      i % 4 === 0 ? '-THEFT' : 'THEFT',
    ]);
    const f = write(
      'areas.csv',
      ['Event No', 'Call Received', 'Pct', 'Dist', 'Prct', 'Section', 'Final Nature'],
      rows,
    );
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    // `Pct` of 2.5 and `Dist` of 0.25 are a percentage and a distance; `Prct` of 1 to 5 is the precinct.
    expect(guesses['fields.precinct']).toBe('Prct');
    // `Section` is no `Sect`.
    expect(guesses['fields.sector']).toBeUndefined();
    const profile = parseProfile(yaml, 'draft.yaml');
    expect(profile.fields.call_type_final).toMatchObject({ normalise: ['trim', 'collapse_spaces'] });
  });

  it('says a column named as how calls came in whose values name no ways in, instead of that none was found', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [String(6000 + i), at(i), ['A', 'B', 'C'][i % 3]!]);
    const f = write('how.csv', ['Event No', 'Call Received', 'Call Source'], rows);
    const { yaml } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(yaml).toMatch(/default: unknown {2}# GUESS: Call Source is named as how calls came in/);
    expect(yaml).not.toMatch(/no column of how calls came in was found/);
  });
});
