/**
 * Tester 353: a command interrupted while starting printed `details: { signal }` alone under --json, where
 * the README promises the store and its version for a command given --store, `committed` for an ingest and
 * `written` and `out` for analyze and report; and analyze's `written.out` was the folder as typed, where
 * `written.store` is absolute.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startingDetails } from '../../src/cli/interrupt.js';
import { ingest } from '../../src/ingest/ingest.js';
import { analyze } from '../../src/analyse/analyze.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('an interruption while starting (tester 353)', () => {
  it("names the store given and the version its CURRENT names, and the command's own keys", () => {
    const store = join(tempDir('safegap-353-'), 'calls');
    mkdirSync(store);
    writeFileSync(join(store, 'CURRENT'), 'v000007\n');
    expect(startingDetails(['ingest', 'x.csv', '-p', 'burlington-vt', '-s', store, '--json'])).toEqual({
      store,
      store_version: 'v000007',
      committed: false,
    });
    expect(startingDetails(['analyze', `--store=${store}`, '-o', 'tables', '--json'])).toEqual({
      store,
      store_version: 'v000007',
      written: false,
      out: 'tables',
    });
    expect(startingDetails(['report', '--store', join(store, 'none'), '--json'])).toEqual({
      store: join(store, 'none'),
      store_version: null,
      written: false,
      out: null,
    });
    // A command without --store: nothing to say of one.
    expect(startingDetails(['synth', '--calls', '100', '--json'])).toEqual({});
  });
});

describe("analyze's written.out (tester 353)", () => {
  it('is absolute, as written.store is, for an --out given relative', async () => {
    const dir = tempDir('safegap-353-out-');
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    const out = join(dir, 'tables');
    const given = relative(process.cwd(), out);
    expect(isAbsolute(given)).toBe(false);
    const r = await analyze({ store, out: given });
    expect(r.written.out).toBe(out);
    expect(r.written.store).toBe(join(store, 'analysis'));
  }, 120_000);
});
