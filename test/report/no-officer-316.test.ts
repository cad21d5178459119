/**
 * A store where no call is officer-initiated, under the default denominator that leaves such calls out
 * (tester 316): a profile drafted for Minneapolis gave its `911 Call: No` calls origin `other`, and the
 * headline said "excluding officer-initiated" of every call. The headline now says none was left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const text = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const NOTE =
  "no call is recorded as officer-initiated (no source's origin rules give it), so none is left out";

describe('a store of no officer-initiated call', () => {
  it('says in the headline that none was left out, and only then', async () => {
    const dir = tempDir();
    const file = sharedFile('minneapolis/calls_2022_d.csv');
    const base = loadProfile('minneapolis-cad');
    const lines = readFileSync(file, 'utf8').split('\n', 2_001);
    const slice = join(dir, 'slice.csv');
    writeFileSync(slice, `${lines.join('\n')}\n`);
    // The built-in profile knows officer-initiated calls; a profile whose origin rules never give it does not.
    const withRules = join(dir, 'with');
    await ingest({ files: [slice], profile: base, store: withRules });
    const without = join(dir, 'without');
    await ingest({
      files: [slice],
      profile: {
        ...base,
        origin: { default: 'other', rules: [{ if: { column: '911 Call', equals: 'Yes' }, then: '911' }] },
      },
      store: without,
    });
    const none = await buildReport({ store: without, out: join(dir, 'r-without') });
    expect(text(none.html)).toContain(NOTE);
    const some = await buildReport({ store: withRules, out: join(dir, 'r-with') });
    expect(text(some.html)).not.toContain(NOTE);
  }, 180_000);
});
