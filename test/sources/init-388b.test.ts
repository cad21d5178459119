import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 388: Burlington's export drafted as a new city's sent a value of call_origin no rule named to
// `other` (the walk-ins and radio of docs/schema.md), where the built-in profiles send it to `unknown`, and
// had no rule for the officers' own activity (Foot Patrol, Community Outreach), mostly logged as `Phone`,
// which then counted in the default denominator.

const dir = tempDir();
let n = 0;

/** One call a row of [call type, origin], each an hour apart; no origin column when origin is undefined. */
const write = (rows: [string, string | undefined][]) => {
  const f = join(dir, `f${n++}.csv`);
  const withOrigin = rows.some(([, o]) => o !== undefined);
  const lines = rows.map(([type, origin], i) =>
    [
      `24-10${String(i).padStart(2, '0')}`,
      `2024-03-01 ${String(i % 24).padStart(2, '0')}:00:00`,
      type,
      String((i % 3) + 1),
      ...(withOrigin ? [origin ?? ''] : []),
    ].join(','),
  );
  const header = `Incident No,Received,Call Type,Priority${withOrigin ? ',Call Origin' : ''}`;
  writeFileSync(f, [header, ...lines].join('\n') + '\n');
  return f;
};

/** Each call's origin as ingest stores it from `file` under `yaml`, by row number (0 for the first). */
const originsOf = async (file: string, yaml: string) => {
  const store = join(dir, `store${n++}`);
  await ingest({ files: [file], profile: parseProfile(yaml, 'draft.yaml'), store });
  const rows = await storeRows<{ id: string; origin: string }>(
    store,
    'SELECT source_call_id AS id, origin FROM calls ORDER BY id',
  );
  return rows.map((r) => r.origin);
};

const ROWS: [string, string][] = [
  ['Foot Patrol', 'Phone'],
  ['Foot Patrol', '911'],
  ['Traffic Stop', 'Phone'],
  ['Community Outreach', 'Phone'],
  // Only ever logged as an officer's: the origin column already says so, and no type rule is needed.
  ['Directed Patrol', 'Officer'],
  // A resident asking for a patrol is a call from the public.
  ['Extra Patrol Request', 'Phone'],
  ['Theft', 'Phone'],
  ['Theft', '911'],
  ['Theft', 'In Person'],
  ['Theft', 'Officer'],
];

describe("profile init: unknown for a way in no rule names, and officers' own activity (tester 388)", () => {
  it('drafts origin default unknown and an officer_initiated rule on the type after 911, marked GUESS', async () => {
    const f = write(ROWS);
    const { yaml } = await draftProfile(f, { timeZone: 'America/New_York' });
    const profile = parseProfile(yaml, 'draft.yaml');
    expect(profile.origin.default).toBe('unknown');
    expect(profile.origin.rules).toEqual([
      { if: { column: 'Call Origin', equals: '911' }, then: '911' },
      {
        if: { column: 'Call Type', in: ['Community Outreach', 'Foot Patrol', 'Traffic Stop'] },
        then: 'officer_initiated',
      },
      { if: { column: 'Call Origin', equals: 'Officer' }, then: 'officer_initiated' },
      { if: { column: 'Call Origin', equals: 'Phone' }, then: 'non_emergency_phone' },
      // A sampled way in no word names is still drafted to other, to check.
      { if: { column: 'Call Origin', equals: 'In Person' }, then: 'other' },
    ]);
    expect(yaml).toMatch(/^ {2}default: unknown {2}# GUESS: values of Call Origin no rule below names$/m);
    expect(yaml).toMatch(
      /in: \[.*\] \} {2}# GUESS: police activity an officer logs .*unless by 911; check each$/m,
    );

    // Ingested as drafted: the patrol and outreach logged by phone are the officers', the one by 911 and the
    // resident's request are not (by hand, row by row).
    expect(await originsOf(f, yaml)).toEqual([
      'officer_initiated',
      '911',
      'officer_initiated',
      'officer_initiated',
      'officer_initiated',
      'non_emergency_phone',
      'non_emergency_phone',
      '911',
      'other',
      'officer_initiated',
    ]);
    // A way in the sample did not have takes the default, unknown (not the walk-ins' other).
    const later = write([
      ['Theft', '911'],
      ['Theft', 'Carrier Pigeon'],
    ]);
    expect(await originsOf(later, yaml)).toEqual(['911', 'unknown']);
  });

  it('drafts the type rule alone without an origin column, and none without such types', async () => {
    const f = write([
      ['Bike Patrol', undefined],
      ['EXTRA WATCH', undefined],
      ['Theft', undefined],
      ['Community Policing', undefined],
    ]);
    const { yaml } = await draftProfile(f, { timeZone: 'America/New_York' });
    const profile = parseProfile(yaml, 'draft.yaml');
    expect(profile.origin.default).toBe('unknown');
    expect(profile.origin.rules).toEqual([
      {
        if: { column: 'Call Type', in: ['Bike Patrol', 'Community Policing', 'EXTRA WATCH'] },
        then: 'officer_initiated',
      },
    ]);
    expect(await originsOf(f, yaml)).toEqual([
      'officer_initiated',
      'officer_initiated',
      'unknown',
      'officer_initiated',
    ]);

    const none = await draftProfile(
      write([
        ['Theft', undefined],
        ['Traffic', undefined],
      ]),
      { timeZone: 'America/New_York' },
    );
    expect(parseProfile(none.yaml, 'draft.yaml').origin.rules).toEqual([]);
    expect(none.yaml).toContain('with every call of unknown origin, the calls_911 denominator is empty');
  });
});
