/**
 * A calls file replaced by another of the same size and columns: an edited copy of the export ingested into
 * a second store gives one, and copied over the first store's it was read as that store's calls without a
 * word, since its size matched the manifest's and DuckDB's DESCRIBE found every column. The manifest keeps
 * the SHA-256 of the file (`tail_sha256`, of `tail_bytes`: the whole file up to 256 MiB, its last 64 KiB
 * beyond), which finds it, and a change in place away from the file's end (tester 374: two values swapped
 * gave other figures with the same last 64 KiB).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const dir = tempDir();
const calls = (store: string) => join(store, 'versions', 'v000001', 'calls', 'minneapolis_cad.parquet');
const manifestOf = (store: string) => join(store, 'versions', 'v000001', 'manifest.json');
const stores = { first: join(dir, 'first', 'store'), edited: join(dir, 'edited', 'store') };

beforeAll(() => {
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .slice(0, 2001);
  const header = lines[0]!.split(',');
  const at = header.indexOf('Call_Disposition');
  expect(at).toBeGreaterThan(0);
  // The edited copy: the last two calls' dispositions swapped, so each store holds the same calls, values
  // and column statistics, in another arrangement (neither line quotes a value, so a split on commas is its
  // fields).
  const [a, b] = [lines[1999]!, lines[2000]!].map((l) => l.split(','));
  expect([a!.length, b!.length]).toEqual([header.length, header.length]);
  expect(a![at]).not.toBe(b![at]);
  [a![at], b![at]] = [b![at]!, a![at]!];
  const edited = [...lines.slice(0, 1999), a!.join(','), b!.join(',')];
  for (const name of ['first', 'edited']) mkdirSync(join(dir, name));
  // Files of one name, in folders of their own: the stored calls keep the name they were read from.
  writeFileSync(join(dir, 'first', 'calls.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'edited', 'calls.csv'), `${edited.join('\n')}\n`);
  for (const name of ['first', 'edited'] as const) {
    const r = cli(
      'ingest',
      join(dir, name, 'calls.csv'),
      '--profile',
      'minneapolis-cad',
      '--store',
      stores[name],
    );
    expect(r.status, r.stderr).toBe(0);
  }
}, 120_000);

describe('a calls file replaced by another of the same size and shape', () => {
  it('has the SHA-256 of the whole file, under 256 MiB, in the manifest', () => {
    for (const store of Object.values(stores)) {
      const bytes = readFileSync(calls(store));
      const manifest = JSON.parse(readFileSync(manifestOf(store), 'utf8'));
      const entry = manifest.sources.minneapolis_cad;
      expect(entry.bytes).toBe(bytes.length);
      expect(bytes.length).toBeGreaterThan(65536);
      expect(entry.tail_bytes).toBe(bytes.length);
      expect(entry.tail_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('is refused when changed in place before its last 64 KiB (tester 374)', () => {
    const copy = join(dir, 'flipped');
    cpSync(stores.first, copy, { recursive: true });
    const bytes = readFileSync(calls(copy));
    // A byte a quarter of the way in: far from the footer, whose 64 KiB end the earlier fingerprint read.
    const at = Math.floor(bytes.length / 4);
    expect(bytes.length - at).toBeGreaterThan(65536);
    bytes[at] = bytes[at]! ^ 1;
    writeFileSync(calls(copy), bytes);
    const r = cli('store', 'info', '--store', copy);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `is not the file this version wrote (${bytes.length} bytes, as its manifest says, but its bytes differ from those its manifest's tail_sha256 recorded)`,
    );
  }, 60_000);

  it('is checked over the last 64 KiB only in a store that recorded no tail_bytes (written before them)', () => {
    const copy = join(dir, 'tail-only');
    cpSync(stores.first, copy, { recursive: true });
    const bytes = readFileSync(calls(copy));
    const manifest = JSON.parse(readFileSync(manifestOf(copy), 'utf8'));
    delete manifest.sources.minneapolis_cad.tail_bytes;
    manifest.sources.minneapolis_cad.tail_sha256 = createHash('sha256')
      .update(bytes.subarray(bytes.length - 65536))
      .digest('hex');
    writeFileSync(manifestOf(copy), JSON.stringify(manifest, null, 2));
    const r = cli('store', 'info', '--store', copy);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('is refused as damage by store info, analyze and report, naming the file', () => {
    // The case this is about: the two files are of one size and differ.
    const [mine, other] = [calls(stores.first), calls(stores.edited)].map((f) => readFileSync(f));
    expect(mine!.length).toBe(other!.length);
    expect(mine!.equals(other!)).toBe(false);
    const copy = join(dir, 'replaced');
    cpSync(stores.first, copy, { recursive: true });
    copyFileSync(calls(stores.edited), calls(copy));
    const named = `The store \`${copy}\` is damaged: the calls file of minneapolis_cad in version \`v000001\`, ${calls(copy)}, is not the file this version wrote (${mine!.length} bytes, as its manifest says, but its bytes differ from those its manifest's tail_sha256 recorded): another file was copied over it, or it was changed in place.`;
    const out = join(dir, 'replaced-report');
    for (const args of [
      ['store', 'info', '--store', copy],
      ['analyze', '--store', copy, '--no-save'],
      ['report', '--store', copy, '--out', out],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(named);
      expect(r.stderr).toContain('restore the file from a backup, or ingest the exports again');
    }
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('is read as before in a store whose manifest has no fingerprint (written before it)', () => {
    const copy = join(dir, 'old');
    cpSync(stores.first, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(manifestOf(copy), 'utf8'));
    delete manifest.sources.minneapolis_cad.tail_sha256;
    delete manifest.sources.minneapolis_cad.tail_bytes;
    writeFileSync(manifestOf(copy), JSON.stringify(manifest, null, 2));
    copyFileSync(calls(stores.edited), calls(copy));
    expect(statSync(calls(copy)).size).toBe(manifest.sources.minneapolis_cad.bytes);
    const r = cli('store', 'info', '--store', copy);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2,000 calls (minneapolis_cad: 2,000)');
  }, 60_000);
});
