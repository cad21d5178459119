/**
 * A store kept month by month (tester 391): the versions it holds are listed from their manifests and one
 * can be made current again (`store versions`, `store use`) under the store's lock; a CURRENT naming a
 * version long removed is said to be that, not damage; and a file skipped after one this command loads is
 * not said to share calls with it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { listVersions, requireStore, useVersion } from '../../src/store/store.js';
import { usedWords } from '../../src/cli/store.js';
import { cli } from '../helpers/cli.js';
import { fields, header, month as monthOf, refusal } from '../helpers/burlington-months.js';
import { tempDir } from '../helpers/shared-data.js';

/** The first 30 calls of a month of 2022 (by call_time), as a small monthly export. */
const month = (m: string) => monthOf(m, 30);
const ids = (rows: string[]) => new Set(rows.map((l) => fields(l)[0]!));

describe('a store kept month by month (tester 391)', () => {
  const dir = tempDir('safegap-391-');
  const store = join(dir, 'store');
  const months = ['01', '02', '03', '04'];
  const files = months.map((m) => join(dir, `m2022-${m}.csv`));
  // The calls each version holds, counted a second way: the distinct ids of the months loaded so far.
  const held = months.map((_, i) => new Set(months.slice(0, i + 1).flatMap((m) => [...ids(month(m))])).size);

  beforeAll(async () => {
    months.forEach((m, i) => writeFileSync(files[i]!, `${header}\n${month(m).join('\n')}\n`));
    for (const f of files) await ingest({ files: [f], profile: 'burlington-vt', store });
  }, 120_000);

  it('lists the versions held, with when, which run and calls, and points CURRENT back at one', async () => {
    expect(held).toEqual([30, 60, 90, 120]); // 30 distinct calls a month, none shared
    const v = listVersions(store);
    // Four ingests: v000001 went when v000004 was committed (the current one and the two before it stay).
    expect(v.current).toBe('v000004');
    expect(v.versions.map((x) => [x.version, x.run, x.records, x.current])).toEqual([
      ['v000002', 2, 60, false],
      ['v000003', 3, 90, false],
      ['v000004', 4, 120, true],
    ]);
    expect(v.not_whole).toEqual([]);
    const times = v.versions.map((x) => Date.parse(x.created_at));
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);

    // Refused while an ingest runs: a LOCK naming a running process (this one) is kept, CURRENT unmoved.
    writeFileSync(join(store, 'LOCK'), String(process.pid));
    expect(refusal(() => useVersion(store, 'v000002')).message).toMatch(/is being written|is locked/);
    expect(readFileSync(join(store, 'LOCK'), 'utf8')).toBe(String(process.pid));
    expect(readFileSync(join(store, 'CURRENT'), 'utf8').trim()).toBe('v000004');
    writeFileSync(join(store, 'LOCK'), '999999999'); // no such process: a killed ingest's, taken over

    // A name not held, with the versions held and the newest's command.
    const gone = refusal(() => useVersion(store, 'v000001'));
    expect(gone.message).toContain('does not hold a version v000001');
    expect(gone.message).toContain('`v000002`, `v000003` and `v000004`');
    expect(gone.hint).toContain(`store use v000004 -s ${store}`);

    const r = useVersion(store, '2');
    expect(r).toMatchObject({
      version: 'v000002',
      was: 'v000004',
      changed: true,
      removed_newer: ['v000003', 'v000004'],
      next_version: 'v000005',
    });
    expect(readFileSync(join(store, 'CURRENT'), 'utf8').trim()).toBe('v000002');
    expect(existsSync(join(store, 'LOCK'))).toBe(false);
    expect(requireStore(store).manifest.version).toBe('v000002');
    expect(usedWords(r)).toContain('removes `v000003` and `v000004`, newer than it');
    expect(
      listVersions(store)
        .versions.filter((x) => x.current)
        .map((x) => x.version),
    ).toEqual(['v000002']);

    // What it said the next ingest does, it does: April again, on February's 60 calls.
    await ingest({ files: [files[3]!], profile: 'burlington-vt', store });
    expect(readdirSync(join(store, 'versions')).sort()).toEqual(['v000002', 'v000005']);
    const after = listVersions(store).versions.at(-1)!;
    expect([after.version, after.records, after.current]).toEqual(['v000005', 60 + 30, true]);
  }, 120_000);

  it('a CURRENT naming a version no longer held is said so, with the versions held and store use', () => {
    writeFileSync(join(store, 'CURRENT'), 'v000001\n');
    const e = refusal(() => requireStore(store));
    expect(e.message).not.toContain('is damaged');
    expect(e.message).toContain('names version `v000001`, which the store no longer holds');
    expect(e.message).toContain('it holds `v000002` and `v000005`');
    expect(e.hint).toContain(`safegap store use v000005 -s ${store}`);
    // And the command it gives mends it, from the CLI.
    const used = cli('store', 'use', 'v000005', '-s', store);
    expect(used.status).toBe(0);
    expect(used.stdout).toContain('now stands at v000005 (its CURRENT named v000001)');
    const listed = cli('store', 'versions', '-s', store, '--json');
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout).current).toBe('v000005');
  }, 60_000);

  it('a file skipped after one this command loads is not said to share calls it may not share', async () => {
    const other = join(dir, 'skip-store');
    const [mar, apr] = [month('03'), month('04')];
    expect([...ids(mar)].filter((id) => ids(apr).has(id))).toEqual([]); // they share no call
    await ingest({ files: [files[2]!], profile: 'burlington-vt', store: other });
    const s = await ingest({ files: [files[3]!, files[2]!], profile: 'burlington-vt', store: other });
    expect(s.files[0]!.skipped).toBeUndefined();
    expect(s.files[1]!.skipped).toContain('skipped: any calls it shares with m2022-04.csv');
    expect(s.files[1]!.skipped).not.toContain('the calls it shares with');
  }, 120_000);
});
