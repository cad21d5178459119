/**
 * What an outside tester found ending in a stack trace or in the wrong place: an --out reaching the store
 * through a link, a SAFEGAP_MEMORY_LIMIT DuckDB cannot read, a Chromium that cannot start, a store whose
 * calls file is cut short or gone. A synthetic store of its own, so no shared data is needed.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/shared-data.js';
import { resourceError } from '../../src/util/user-error.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('node', [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

/** A refusal: exit 2, a message matching `message`, no stack trace. */
function refused(r: ReturnType<typeof run>, message: RegExp): void {
  expect({ status: r.status, stderr: r.stderr }).toEqual({
    status: 2,
    stderr: expect.stringMatching(message),
  });
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('faults of the surroundings, each a clear refusal', () => {
  const dir = tempDir();
  const csv = join(dir, 'city.csv');
  const store = join(dir, 'store');
  const callsFile = () => {
    const calls = join(store, 'versions', 'v000001', 'calls');
    return join(calls, readdirSync(calls)[0]!);
  };

  beforeAll(() => {
    expect(run(['synth', '--calls', '2000', '--years', '1', '--seed', '3', '--out', csv]).status).toBe(0);
    expect(run(['ingest', csv, '--profile', 'synthetic-city', '--store', store]).status).toBe(0);
  });

  it('a name too long for the file system, and a folder given for a file, are refusals (tester 202)', () => {
    // Internal errors with a stack trace in eight commands, and in every classify command.
    const long = join(dir, 'd'.repeat(300));
    refused(run(['synth', '--calls', '10', '--out', `${long}.csv`]), /longer than the file system allows/);
    refused(
      run(['ingest', csv, '--profile', 'synthetic-city', '--store', long]),
      /longer than the file system allows/,
    );
    refused(
      run(['classify', 'status', '--city', 'syn', '--calls', store, '--mapping', dir]),
      // Naming the option since tester 249.
      new RegExp(
        `--mapping ${dir.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a folder, not a mapping file\\.`,
      ),
    );
  });

  it("a layer named after the calls' own area says how to join it by coordinates only where they have some", () => {
    // The synthetic city has both; Minneapolis' store (test/analyse/minneapolis.test.ts) has none, and was
    // sent to a join that is refused without them (tester 216).
    const precincts = join(dir, 'city.precincts.geojson');
    const out = join(dir, 'layer-analysis');
    const r = run([
      'analyze',
      '--store',
      store,
      '--no-save',
      '--out',
      out,
      '--boundaries',
      `precinct=${precincts}`,
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')).warnings).toContainEqual(
      `--boundaries precinct=${precincts} is not joined to the calls' points: the calls have a precinct of their own, which the tables use; a layer of that name only draws the report's map. To place the calls in its polygons by their coordinates, give it a name of its own (precinct_area=${precincts}).`,
    );
  });

  it('a store whose CURRENT was lost is said to hold its whole versions, not to hold no calls (tester 202)', () => {
    // "No ingest into it has finished ... ingest into it": that ingest removed the version and its calls.
    const lost = join(dir, 'lost-pointer');
    cpSync(store, lost, { recursive: true });
    rmSync(join(lost, 'CURRENT'));
    refused(
      run(['store', 'info', '--store', lost]),
      /has no CURRENT file, but holds a whole version \(`v000001`\): its pointer was lost[\s\S]*`safegap store use v000001 -s /,
    );
  });

  it('a CURRENT that is empty, a folder or names a version without a manifest says how to mend it (tester 224)', () => {
    // `store use`, which checks the version and takes the lock, not `echo v000001 > CURRENT` (tester 393).
    const mended = /is damaged: its CURRENT[\s\S]*`safegap store use v000001 -s /;
    const empty = join(dir, 'empty-pointer');
    cpSync(store, empty, { recursive: true });
    writeFileSync(join(empty, 'CURRENT'), '\n');
    refused(run(['store', 'info', '--store', empty]), /its CURRENT file is empty: it names no version/);
    refused(run(['store', 'info', '--store', empty]), mended);
    const folder = join(dir, 'folder-pointer');
    cpSync(store, folder, { recursive: true });
    rmSync(join(folder, 'CURRENT'));
    mkdirSync(join(folder, 'CURRENT'));
    const r = run(['store', 'info', '--store', folder]);
    refused(r, /its CURRENT is a folder, not the file naming the current version/);
    // An empty folder: store use replaces it (tester 393: `rm -r CURRENT && echo v000001 > CURRENT`).
    refused(r, mended);
    expect(r.stderr).not.toContain('rm -r');
    expect(r.stderr).not.toContain('--mapping');
    const gone = join(dir, 'gone-version');
    cpSync(store, gone, { recursive: true });
    writeFileSync(join(gone, 'CURRENT'), 'v000009\n');
    // A version not there is no damage: the versions held, and `store use` for the newest (tester 391).
    const notHeld = run(['store', 'info', '--store', gone]);
    refused(notHeld, /names version `v000009`, which the store no longer holds[\s\S]*it holds `v000001`/);
    refused(notHeld, /store use v000001 -s /);
    expect(notHeld.stderr).not.toContain('is damaged');
    // Its folder there without a manifest is.
    mkdirSync(join(gone, 'versions', 'v000009'));
    refused(
      run(['store', 'info', '--store', gone]),
      /names version `v000009`, whose manifest cannot be read/,
    );
    refused(run(['store', 'info', '--store', gone]), mended);
  });

  it('an --out that reaches the store through a link is inside the store', () => {
    // The link was not followed: analyze's staging folder was swapped away under it (an internal error),
    // and --no-save wrote its CSVs into a committed version.
    const link = join(dir, 'link');
    symlinkSync(store, link);
    const version = join(store, 'versions', 'v000001');
    const before = readdirSync(version).sort();
    for (const args of [
      ['analyze', '--store', store, '--out', join(link, 'analysis')],
      ['analyze', '--store', store, '--no-save', '--out', join(link, 'versions', 'v000001')],
      ['report', '--store', link, '--out', join(store, 'report')],
    ])
      refused(run(args), /--out .* is inside the store/);
    expect(readdirSync(version).sort()).toEqual(before);
    expect(existsSync(join(store, 'report'))).toBe(false);
  });

  it('a SAFEGAP_MEMORY_LIMIT DuckDB cannot read is named with its value and examples', () => {
    // DuckDB's "Failed to set config" was an internal error with a stack.
    for (const value of ['lots', '80%'])
      refused(
        run(['analyze', '--store', store, '--no-save'], { SAFEGAP_MEMORY_LIMIT: value }),
        new RegExp(`SAFEGAP_MEMORY_LIMIT is \`${value}\`, which is not a memory size[^]*512MB, 2GB or 4GiB`),
      );
    // Refused after the store was locked, it stayed locked with a partial version.
    const copy = join(dir, 'memory-store');
    cpSync(store, copy, { recursive: true });
    refused(
      run(['ingest', csv, '--profile', 'synthetic-city', '--store', copy, '--max-bad-ratio', '1'], {
        SAFEGAP_MEMORY_LIMIT: 'lots',
      }),
      /SAFEGAP_MEMORY_LIMIT is `lots`/,
    );
    expect(readdirSync(copy).sort()).toEqual(['CURRENT', 'versions']);
    expect(readdirSync(join(copy, 'versions'))).toEqual(['v000001']);
  });

  it('out of memory under a small SAFEGAP_MEMORY_LIMIT says to raise it, not lower it', () => {
    refused(
      run(['analyze', '--store', store, '--no-save'], { SAFEGAP_MEMORY_LIMIT: '1KB' }),
      /Out of memory[^]*How to fix: raise SAFEGAP_MEMORY_LIMIT \(it is 1KB\)/,
    );
    vi.stubEnv('SAFEGAP_MEMORY_LIMIT', '');
    try {
      const hint = resourceError(new Error('Out of Memory Error: could not allocate block'))?.hint;
      expect(hint).toMatch(/DuckDB may use 1GB unless told otherwise: raise that with SAFEGAP_MEMORY_LIMIT/);
      expect(hint).not.toMatch(/lower/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a Chromium that cannot start is named, and the report leaves no folder behind', () => {
    // /bin/false: an internal error with Playwright's launch arguments; a file that cannot be run: taken
    // for a folder safegap could not write. Both left an empty --out.
    const notRunnable = join(dir, 'not-runnable');
    writeFileSync(notRunnable, 'not a program');
    for (const [chromium, why] of [
      ['/bin/false', /it ended \(exit code 1\) before it could print/],
      [notRunnable, /it is not executable/],
    ] as const) {
      const out = join(dir, 'pdf-report', 'inner');
      const r = run(['report', '--store', store, '--out', out, '--pdf'], { SAFEGAP_CHROMIUM: chromium });
      refused(r, new RegExp(`Chromium at ${chromium} could not be started`));
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toMatch(/point SAFEGAP_CHROMIUM at a working Chromium/);
      expect(existsSync(join(dir, 'pdf-report'))).toBe(false);
    }
  });

  it('a full temporary folder is named, where Chromium printing into it was an internal error', () => {
    // Tester 130: "page.pdf: Protocol error (IO.read): Read failed". A tmpfs of 256 KB, filled: mounting
    // one needs root, which the machines this runs on have.
    const tiny = tempDir('safegap-tiny-tmp-');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', tiny], {
      encoding: 'utf8',
    });
    expect(mounted.status, `mounting a small tmpfs needs root: ${mounted.stderr}`).toBe(0);
    try {
      writeFileSync(join(tiny, 'fill'), Buffer.alloc(250_000));
      const out = join(dir, 'full-tmp-report');
      const r = run(['report', '--store', store, '--out', out, '--pdf'], { TMPDIR: tiny });
      refused(
        r,
        new RegExp(`The temporary folder ${tiny}, where safegap keeps its scratch files, ran out of room`),
      );
      expect(r.stderr).toMatch(/set TMPDIR to a folder on a disk with room/);
      expect(existsSync(out)).toBe(false);
      // A full disk that names no file, with such a temporary folder, is said to be the temporary folder's.
      vi.stubEnv('TMPDIR', tiny);
      expect(resourceError(new Error('IO Error: No space left on device'))?.message).toMatch(
        /^The temporary folder .*, where safegap keeps its scratch files, ran out of room: its disk has \d+ KB free\./,
      );
      vi.unstubAllEnvs();
      expect(resourceError(new Error('IO Error: No space left on device'))?.message).toMatch(
        /^The disk is full\./,
      );
    } finally {
      vi.unstubAllEnvs();
      spawnSync('umount', [tiny]);
    }
  });

  it('a PDF report killed while Chromium starts leaves nothing the next run does not remove', async () => {
    // Playwright made Chromium's profile and artifacts folders in the system's temporary folder, and a run
    // killed while printing left them for good (tester 101). A Chromium that never answers holds the run
    // at that point.
    const tmp = tempDir('safegap-pdf-tmp-');
    const stuck = join(dir, 'stuck-chromium');
    writeFileSync(stuck, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    const child = spawn(
      'node',
      [CLI, 'report', '--store', store, '--out', join(dir, 'killed-pdf'), '--pdf'],
      {
        env: { ...process.env, TMPDIR: tmp, SAFEGAP_CHROMIUM: stuck },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((done) => child.on('exit', done));
    // The report's own scratch folder (DuckDB's, also safegap-report-) is made and removed before the
    // PDF's: one may go between listing the folder and reading it.
    const inside = (f: string) => {
      try {
        return readdirSync(join(tmp, f));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    };
    const profiles = () =>
      readdirSync(tmp).flatMap((f) =>
        f.startsWith('safegap-report-') ? inside(f).filter((g) => g.startsWith('playwright')) : [],
      );
    for (let i = 0; i < 1500 && !profiles().length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(profiles().length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await exited;
    spawnSync('pkill', ['-f', stuck]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('playwright'))).toEqual([]);
    // The next run removes the killed one's folder, and its own.
    expect(run(['analyze', '--store', store, '--no-save'], { TMPDIR: tmp }).status).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it('a calls file cut short or removed makes the store damaged, named, in every command', () => {
    // DuckDB's "No magic bytes" and "No files found" were internal errors; with --json stdout was empty.
    const file = callsFile();
    const whole = readFileSync(file);
    try {
      for (const [damage, why] of [
        [() => truncateSync(file, 5000), /is not a whole Parquet file \(5000 bytes/],
        [() => rmSync(file), /is missing/],
      ] as const) {
        damage();
        const named = new RegExp(
          `The store \`.*store\` is damaged: the calls file of synthetic_city in version \`v000001\`, .*${file.slice(store.length)}, ${why.source}`,
        );
        const json = run(['store', 'info', '--store', store, '--json']);
        refused(json, named);
        expect(JSON.parse(json.stdout).error).toMatch(named);
        for (const args of [
          ['analyze', '--store', store, '--no-save'],
          ['report', '--store', store, '--out', join(dir, 'damaged-report')],
          ['ingest', csv, '--profile', 'synthetic-city', '--store', store],
        ])
          refused(run(args), named);
        writeFileSync(file, whole);
      }
    } finally {
      writeFileSync(file, whole);
    }
  });
});
