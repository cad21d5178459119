/**
 * Store messages after `safegap store use` (tester 393): a damaged or lost CURRENT is mended with `store use`,
 * not `echo vN > CURRENT`; a roll-back is named as one; a version `store versions` calls not whole is not
 * called whole by the next ingest; run numbers go on after the highest used; and a name that is no version
 * is said so in a sentence.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { listVersions, requireStore, unfinishedIngests, useVersion } from '../../src/store/store.js';
import { header, month as monthOf, refusal } from '../helpers/burlington-months.js';
import { tempDir } from '../helpers/shared-data.js';

/** The first 20 calls of a month of 2022 (by call_time), as a small monthly export. */
const month = (m: string) => monthOf(m, 20);

describe('store messages after store use (tester 393)', () => {
  const dir = tempDir('safegap-393-');
  const store = join(dir, 'store');
  const files = ['01', '02', '03', '04'].map((m) => join(dir, `m2022-${m}.csv`));
  const copy = (name: string) => {
    const to = join(dir, name);
    cpSync(store, to, { recursive: true });
    return to;
  };

  beforeAll(async () => {
    ['01', '02', '03', '04'].forEach((m, i) =>
      writeFileSync(files[i]!, `${header}\n${month(m).join('\n')}\n`),
    );
    // Three ingests: runs 1, 2 and 3 wrote v000001, v000002 and v000003, all three held.
    for (const f of files.slice(0, 3)) await ingest({ files: [f], profile: 'burlington-vt', store });
  }, 120_000);

  it('1. a lost, empty, folder or link CURRENT, or one naming a broken manifest, is mended with store use', () => {
    expect(listVersions(store).versions.map((v) => v.version)).toEqual(['v000001', 'v000002', 'v000003']);
    const cases: [string, (s: string) => void, string][] = [
      ['lost', (s) => rmSync(join(s, 'CURRENT')), 'v000003'],
      ['empty', (s) => writeFileSync(join(s, 'CURRENT'), '\n'), 'v000003'],
      [
        'folder',
        (s) => {
          rmSync(join(s, 'CURRENT'));
          mkdirSync(join(s, 'CURRENT'));
        },
        'v000003',
      ],
      [
        'link',
        (s) => {
          symlinkSync(join(s, 'versions', 'v000002'), join(s, 'versions', 'v000009'));
          writeFileSync(join(s, 'CURRENT'), 'v000009\n');
        },
        'v000003',
      ],
      // The broken version is the newest: the one before it is advised, never it.
      ['broken', (s) => writeFileSync(join(s, 'versions', 'v000003', 'manifest.json'), '{'), 'v000002'],
    ];
    for (const [name, damage, newest] of cases) {
      const s = copy(`case-${name}`);
      damage(s);
      const e = refusal(() => requireStore(s));
      expect(e.hint, name).toContain(`\`safegap store use ${newest} -s ${s}\``);
      expect(e.hint, name).not.toContain('echo');
      expect(e.hint, name).not.toContain('rm -r');
      // And the command it gives mends it.
      const used = useVersion(s, newest);
      expect(used.version).toBe(newest);
      // An empty CURRENT named nothing: it was said to have named `` ("its CURRENT named ").
      if (name === 'empty') expect(used.was).toBeNull();
      expect(readFileSync(join(s, 'CURRENT'), 'utf8').trim()).toBe(newest);
      expect(requireStore(s).manifest.version).toBe(newest);
    }
    // A CURRENT folder holding something is the user's to remove first.
    const full = copy('case-full-folder');
    rmSync(join(full, 'CURRENT'));
    mkdirSync(join(full, 'CURRENT'));
    writeFileSync(join(full, 'CURRENT', 'note.txt'), 'mine');
    expect(refusal(() => requireStore(full)).hint).toContain(
      `\`rm -r ${join(full, 'CURRENT')} && safegap store use v000003 -s ${full}\``,
    );
  });

  it('2. a roll-back by store use is named as one, by store info', () => {
    const r = useVersion(store, 'v000001');
    expect([r.was, r.version]).toEqual(['v000003', 'v000001']);
    expect(unfinishedIngests(requireStore(store))).toEqual(
      ['v000002', 'v000003'].map(
        (v) =>
          `The store holds ${v}, a version newer than its current one (CURRENT moved back by \`store use\` or by hand, or an ingest stopped just before it moved CURRENT): these figures are v000001's, and the next ingest removes ${v}.`,
      ),
    );
  });

  let after: IngestSummary;
  it('3. the next ingest calls a version whole only where store versions does', async () => {
    writeFileSync(join(store, 'versions', 'v000003', 'manifest.json'), '{');
    const listed = listVersions(store);
    expect(listed.versions.map((v) => v.version)).toEqual(['v000001', 'v000002']);
    expect(listed.not_whole.map((v) => v.version)).toEqual(['v000003']);
    const why = listed.not_whole[0]!.why;
    expect(why).toMatch(/^its manifest cannot be read \(/);
    after = await ingest({ files: [files[3]!], profile: 'burlington-vt', store });
    expect(after.committed).toBe(true);
    expect(after.warnings).toContainEqual(
      "The store held v000002, a whole version newer than its current one, v000001 (CURRENT was moved back by `store use` or by hand, or an ingest was stopped just before it moved CURRENT). v000002 was removed, and this run began from v000001: files loaded only into v000002 are not in the store; if they are not among this run's, ingest them again.",
    );
    expect(after.warnings).toContainEqual(
      `The store held v000003, a version newer than its current one, v000001, which was not a whole version: ${why}. v000003 was removed, and this run began from v000001: files loaded only into v000003 are not in the store; if they are not among this run's, ingest them again.`,
    );
    expect(after.warnings.join('\n')).not.toContain('v000003, a whole version');
  }, 120_000);

  it('4. run numbers go on after the highest used, as version names do', () => {
    // Runs 1, 2 and 3 were used (v000002 and v000003 removed with theirs): the next is 4, not 2 again.
    expect([after.version, after.run]).toEqual(['v000004', 4]);
    const manifest = requireStore(store).manifest;
    expect(manifest.runs.map((r) => r.run)).toEqual([1, 4]);
    expect(listVersions(store).versions.map((v) => [v.version, v.run])).toEqual([
      ['v000001', 1],
      ['v000004', 4],
    ]);
  });

  it('5. a name that is no version is said so, with the versions held', () => {
    const e = refusal(() => useVersion(store, 'abc'));
    expect(e.message).toBe(
      `\`abc\` is no version name (a version is named vNNNNNN, as v000004, or by its number, 4); the store \`${store}\` holds \`v000001\` and \`v000004\` (\`v000004\` is current).`,
    );
    expect(e.hint).toContain(`safegap store use v000004 -s ${store}`);
  });
});
