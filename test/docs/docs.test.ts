import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_COLUMNS } from '../../src/store/calls-schema.js';
import { NORMALISERS } from '../../src/sources/profile-schema.js';

const doc = (name: string) => readFileSync(resolve(import.meta.dirname, '../../docs', name), 'utf8');

describe('docs match the code', () => {
  it('docs/schema.md lists every canonical column, in order, with its type', () => {
    const rows = [...doc('schema.md').matchAll(/^\| `([a-z_]+)` \| ([A-Z[\]]+) \|/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual(CALL_COLUMNS.map((c) => [c.name, c.type]));
  });

  it('docs/profiles.md explains every normaliser', () => {
    const text = doc('profiles.md');
    for (const n of NORMALISERS) expect(text).toContain(`\`${n}\``);
  });
});
