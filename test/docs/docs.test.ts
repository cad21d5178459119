import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_COLUMNS } from '../../src/store/calls-schema.js';
import { NORMALISERS } from '../../src/sources/profile-schema.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import { compileProfile } from '../../src/sources/profile-sql.js';
import { sharedFile } from '../helpers/shared-data.js';

const doc = (name: string) => readFileSync(resolve(import.meta.dirname, '../../docs', name), 'utf8');

describe('docs match the code', () => {
  it('docs/schema.md lists every canonical column, in order, with its type', () => {
    const rows = [...doc('schema.md').matchAll(/^\| `([a-z_]+)` \| ([A-Z[\]]+) \|/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual(CALL_COLUMNS.map((c) => [c.name, c.type]));
  });

  it("docs/profiles.md's profile of every key is a profile that reads the Minneapolis export (tester 248)", () => {
    // The first YAML block under "## Keys", its rules' `[ ... ]` as none; the export's header, read here.
    const keys = doc('profiles.md').split('## Keys')[1]!;
    const yaml = /```yaml\n([\s\S]*?)```/.exec(keys)![1]!.replaceAll('[ ... ]', '[]');
    const profile = parseProfile(yaml, 'docs/profiles.md');
    const header = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')
      .split(/\r?\n/, 1)[0]!
      .split(',');
    expect(compileProfile(profile).columns.filter((c) => !header.includes(c))).toEqual([]);
    // As the built-in reads the export, but for the rules the example leaves out.
    const builtin = loadProfile('minneapolis-cad');
    expect(profile.fields).toEqual(builtin.fields);
    expect(profile.times).toEqual(builtin.times);
  });

  it('docs/profiles.md explains every normaliser', () => {
    const text = doc('profiles.md');
    for (const n of NORMALISERS) expect(text).toContain(`\`${n}\``);
  });
});
