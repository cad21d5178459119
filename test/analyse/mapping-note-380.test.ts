import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { tempDir } from '../helpers/shared-data.js';

// Tester 380: analyze without --city on a Seattle store, which no mapping is named after, said "The mappings
// there are: my-city (...), minneapolis (built in)", though the built-in Minneapolis mapping lists none of
// Seattle's types. Only a mapping listing at least half of the store's call types is named, built in or not.

const dir = tempDir();
const HEADER =
  'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';
const row = (type: string) =>
  `${type},${type},other_crime,NEGLECT,misdemeanour,,,,,,1,reviewed,x,2026-12-06,`;

/** A store of `types`, one call each, of a source no mapping is named after (`testtown_calls`). */
const storeOf = async (name: string, types: string[]) => {
  const file = join(dir, name, 'testtown_calls.csv');
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(
    file,
    [
      'Incident No,Received,Call Type,Priority',
      ...types.map((t, i) => `24-100${i},2024-03-01 1${i}:00:00,${t},2`),
    ].join('\n') + '\n',
  );
  const { yaml } = await draftProfile(file, { timeZone: 'America/Chicago' });
  const store = join(dir, name, 'store');
  await ingest({ files: [file], profile: parseProfile(yaml, 'draft.yaml'), store });
  return store;
};

/** The note of analyze without --city, run from `cwd`. */
const noteFrom = async (cwd: string, store: string) => {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const { warnings } = await analyze({ store, writeStore: false });
    return warnings.find((w) => w.startsWith('Every call type was classified automatically'));
  } finally {
    process.chdir(before);
  }
};

describe('the note of no mapping names only mappings that could be the store’s (tester 380)', () => {
  it('names a mapping listing half the types, built in or not, and none listing fewer', async () => {
    // Four types no built-in mapping lists, as Seattle's are to Minneapolis' mapping.
    const store = await storeOf('own', ['Zzq One', 'Zzq Two', 'Zzq Three', 'Zzq Four']);
    const cwd = join(dir, 'own', 'run');
    mkdirSync(join(cwd, 'mappings'), { recursive: true });
    // 2 of the 4 (half): named; 1 of the 4: not named.
    writeFileSync(
      join(cwd, 'mappings', 'half.csv'),
      [HEADER, row('Zzq One'), row('Zzq Two')].join('\n') + '\n',
    );
    writeFileSync(join(cwd, 'mappings', 'few.csv'), [HEADER, row('Zzq Three')].join('\n') + '\n');
    const note = await noteFrom(cwd, store);
    expect(note).toContain(
      "The mappings there are: half (./mappings/half.csv); if one is this city's, pass --city with its name.",
    );
    expect(note).not.toContain('few');
    expect(note).not.toContain('minneapolis');
  });

  it('names no mapping where none lists half the types, and says none are there', async () => {
    const store = await storeOf('none', ['Zzq One', 'Zzq Two']);
    const note = await noteFrom(join(dir, 'none'), store);
    expect(note).toBeDefined();
    expect(note).not.toContain('The mappings there are');
    expect(note).not.toContain('minneapolis');
  });

  it('names the built-in Minneapolis mapping for a store of its types', async () => {
    // Two of the three are rows of the built-in minneapolis.csv (its first rows, read by hand).
    const store = await storeOf('mpls', ['Abandoned Child (P)', 'Aggressive Dog (P)', 'Zzq One']);
    const note = await noteFrom(join(dir, 'mpls'), store);
    expect(note).toContain("The mappings there are: minneapolis (built in); if one is this city's");
  });
});
