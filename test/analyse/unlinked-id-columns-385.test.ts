/**
 * Tester 385: in a store of Minneapolis' CAD and a 311 export read by `id: ["CAD Incident", "SR Number"]`,
 * the note on the 311 records that link to no CAD call said to write the CAD's number in the column the
 * profile's `id` reads first, "(`id: ["CAD Ref", "Contact ID"]`)": a crisis log's profile, which the store
 * did not hold. The note quotes the source's own profile, as the store's manifest records it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, linkWarnings, sourceIdColumns } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { StoreManifest } from '../../src/store/store.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-385-');
const store = join(dir, 'store');

/** A profile of the columns the CSVs below write, with the `id` and defaults given. */
const profile = (source: string, id: string, origin: string, responder: string) =>
  [
    `name: ${source}`,
    `source: ${source}`,
    'time_zone: America/Chicago',
    "timestamps: { format: '%Y-%m-%d %H:%M', clock: local }",
    `id: ${id}`,
    'times: { received: Received }',
    'fields: { call_type_initial: Type, block_address: Address }',
    `origin: { default: '${origin}' }`,
    `responder: { default: ${responder} }`,
    '',
  ].join('\n');

const CAD_PROFILE = profile('cad', 'Incident', '911', 'police');
const R311_PROFILE = profile('r311', "['CAD Incident', 'SR Number']", '311', 'online_311');

beforeAll(async () => {
  // Three CAD calls and three 311 requests: SR-1 names CAD call 22-1 (linked); SR-2, its `CAD Incident`
  // blank, lies at 22-1's block five minutes after it, a call SR-1 claims; SR-3, blank too, at 22-2's
  // block three minutes after it, a call no 311 record claims.
  writeFileSync(
    join(dir, 'cad.csv'),
    [
      'Incident,Received,Type,Address',
      '22-1,2022-10-03 10:00,Theft,12XX MAIN ST',
      '22-2,2022-10-04 10:00,Theft,34XX ELM AVE',
      '22-3,2022-10-05 10:00,Theft,56XX OAK ST',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'r311.csv'),
    [
      'CAD Incident,SR Number,Received,Type,Address',
      '22-1,SR-1,2022-10-03 10:05,Theft,12XX MAIN ST',
      ',SR-2,2022-10-03 10:05,Theft,12XX MAIN ST',
      ',SR-3,2022-10-04 10:03,Theft,34XX ELM AVE',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'cad.yaml'), CAD_PROFILE);
  writeFileSync(join(dir, 'r311.yaml'), R311_PROFILE);
  await ingest({ files: [join(dir, 'cad.csv')], profile: join(dir, 'cad.yaml'), store });
  await ingest({ files: [join(dir, 'r311.csv')], profile: join(dir, 'r311.yaml'), store });
}, 120_000);

describe("the unlinked-records note quotes the source's own profile (tester 385)", () => {
  it("names the 311 export's first id column, not a crisis log's", async () => {
    const result = await analyze({ store, writeStore: false });
    // By hand: 3 records of r311 within the CAD's span, 1 linked (SR-1); SR-2 and SR-3 share no id, both with
    // a block; SR-3 is 3 minutes after 22-2 at its block, SR-2 beside 22-1, which SR-1 claims: 1 near.
    expect(result.quality.unlinked_sources).toEqual([
      { source: 'r311', records: 3, linked: 1, arrived: 0, with_place: 2, near_main: 1 },
    ]);
    const notes = result.warnings.filter((w) => w.includes('share no id'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      'Write cad\'s number in the column `CAD Incident`, which r311\'s profile\'s `id` reads first (`id: ["CAD Incident", "SR Number"]`), for every call cad had',
    );
    expect(notes[0]).not.toContain('CAD Ref');
  }, 120_000);

  it("reads each source's id columns from its latest run's profile", () => {
    // Two runs of r311: the second's profile reads `CAD Number` first. A profile that does not parse names
    // none; an `id` given as `{ column, normalise }` names its columns.
    const manifest: Pick<StoreManifest, 'runs' | 'profiles'> = {
      runs: [
        { source: 'cad', profile_sha256: 'a' },
        { source: 'r311', profile_sha256: 'b' },
        { source: 'r311', profile_sha256: 'c' },
        { source: 'team', profile_sha256: 'd' },
        { source: 'old', profile_sha256: 'e' },
      ] as StoreManifest['runs'],
      profiles: {
        a: { source: 'cad', name: 'cad.yaml', text: CAD_PROFILE },
        b: { source: 'r311', name: 'r311.yaml', text: R311_PROFILE },
        c: {
          source: 'r311',
          name: 'r311.yaml',
          text: profile('r311', "['CAD Number', 'SR Number']", '311', 'online_311'),
        },
        d: {
          source: 'team',
          name: 'team.yaml',
          text: profile(
            'team',
            "{ column: ['CAD Ref', 'Contact ID'], normalise: [trim] }",
            'unknown',
            'behavioural_crisis',
          ),
        },
        e: { source: 'old', name: 'old.yaml', text: 'name: old\n' },
      },
    };
    expect(sourceIdColumns(manifest)).toEqual({
      cad: ['Incident'],
      r311: ['CAD Number', 'SR Number'],
      team: ['CAD Ref', 'Contact ID'],
    });
  });

  it('asks for a column read before a single id column, and names none it does not know', () => {
    const quality = {
      unlinked_sources: [
        { source: 'one', records: 5, linked: 0, arrived: 0, with_place: 5, near_main: 2 },
        { source: 'unknown', records: 5, linked: 0, arrived: 0, with_place: 5, near_main: 2 },
      ],
      linked_far_apart: 0,
      linked_far_apart_days: null,
      linked_clock_offsets: [],
      months_without_main_source: null,
      lookalike_ids: [],
    } as unknown as Parameters<typeof linkWarnings>[0];
    const notes = linkWarnings(
      quality,
      { from: '2022-10-01', to: '2022-10-31' },
      { one: ['SR Number'], cad: ['Incident'] },
    );
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain(
      'Write the main source\'s number in a column that one\'s profile\'s `id` reads first, before the one it reads now (`id: ["the main source\'s number", "SR Number"]` for `id: "SR Number"`)',
    );
    expect(notes[1]).toContain(
      "Write the main source's number in the column unknown's profile's `id` reads first (its own number after it)",
    );
    for (const n of notes) expect(n).not.toContain('CAD Ref');
  });
});
