/**
 * The store's lock, signals and messages under failure (tester 272): a failure after the lock is taken
 * releases it and names the folder that cannot be written; a killed writer not yet reaped (a zombie) holds
 * no lock; SIGHUP cleans up as SIGINT and SIGTERM do; a full disk's message names the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import {
  beginWrite,
  carryOver,
  commit,
  requireStore,
  running,
  storeVersionBegun,
  unfinishedIngests,
} from '../../src/store/store.js';
import { pidAlive } from '../../src/util/leftovers.js';
import { resourceError, UserError } from '../../src/util/user-error.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// A folder this user may not write: the tests run as root, whom no permission stops, so mkdir's refusal of
// the paths `fault.mkdir` matches is made here.
const fault = vi.hoisted(() => ({ mkdir: null as RegExp | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const mkdirSync = ((path: string, options?: object) => {
    if (fault.mkdir?.test(String(path)))
      throw Object.assign(new Error(`EACCES: permission denied, mkdir '${String(path)}'`), {
        errno: -13,
        code: 'EACCES',
        syscall: 'mkdir',
        path: String(path),
      });
    return fs.mkdirSync(path, options);
  }) as typeof fs.mkdirSync;
  return { ...fs, mkdirSync, default: { ...fs, mkdirSync } };
});

const MPLS = sharedFile('minneapolis/calls_2022_d.csv');
const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const [HEADER, ...ROWS] = parseCsv(readFileSync(MPLS, 'utf8').replace(/\r?\n$/, ''));
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const toCsv = (rows: string[][]) => [HEADER!, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';

const dir = tempDir();
/** A store of the file's first 20,000 calls, copied for each test that changes it. */
const base = join(dir, 'base');
const later = join(dir, 'later.csv');

beforeAll(async () => {
  // Before any write of this process: no new version begun (see the full disk's advice below).
  expect(storeVersionBegun()).toBe(false);
  const first = join(dir, 'first.csv');
  writeFileSync(first, toCsv(ROWS.slice(0, 20_000)));
  writeFileSync(later, toCsv(ROWS.slice(20_000, 22_000)));
  await ingest({ files: [first], profile: 'minneapolis-cad', store: base });
});

function copyOf(name: string): string {
  const store = join(dir, name);
  cpSync(base, store, { recursive: true });
  return store;
}

describe('a failure after the lock is taken', () => {
  it('releases the lock and names the folder that cannot be written, not a path that never was', async () => {
    // `chmod 555 STORE/versions` and ingest as another user: exit 2 with LOCK left behind, and the message
    // named versions/v000002.partial-PID/calls, which never existed.
    const store = copyOf('versions-denied');
    fault.mkdir = /\.partial-\d+[/\\]calls$/;
    let err: unknown;
    try {
      err = await ingest({ files: [later], profile: 'minneapolis-cad', store }).catch((e: unknown) => e);
    } finally {
      fault.mkdir = null;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toBe(
      `Cannot write to the store \`${store}\`: its folder versions/ (${join(store, 'versions')}) cannot be written by this user (permission denied, EACCES). Nothing was committed; the store is as it was, and not locked.\n` +
        `  How to fix: the folder is yours, without write permission: give it back (\`chmod u+w ${join(store, 'versions')}\`), then run again.`,
    );
    expect(readdirSync(store).sort()).toEqual(['CURRENT', 'versions']);
    expect(readdirSync(join(store, 'versions'))).toEqual(['v000001']);
    // The next ingest is not refused as locked.
    const s = await ingest({ files: [later], profile: 'minneapolis-cad', store });
    expect(s.version).toBe('v000002');
  });
});

describe('a killed writer not yet reaped (a zombie)', () => {
  let parent: ChildProcess;
  let zombie: number;

  beforeAll(async () => {
    // `sleep 300` is sh's child; sh becomes `sleep 600` by exec, which never waits for it: killed, it
    // stays a zombie until its parent ends.
    parent = spawn('sh', ['-c', 'sleep 300 & echo $!; exec sleep 600'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    zombie = Number(
      await new Promise<string>((r) => parent.stdout!.once('data', (d: Buffer) => r(d.toString()))),
    );
    // Killed before sh has become `sleep 600`, the child can be reaped by sh (CI saw its /proc entry
    // gone): wait for the exec first.
    const parentArgs = () => readFileSync(`/proc/${parent.pid}/cmdline`, 'utf8');
    for (let i = 0; i < 200 && parentArgs() !== 'sleep\u0000600\u0000'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(parentArgs()).toBe('sleep\u0000600\u0000');
    process.kill(zombie, 'SIGKILL');
    const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]![0];
    for (let i = 0; i < 200 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(state()).toBe('Z');
  });
  afterAll(() => {
    parent.kill('SIGKILL');
  });

  it('is no running process', () => {
    expect(pidAlive(zombie)).toBe(true); // kill(pid, 0) answers for it
    expect(running(zombie)).toBe(false);
    expect(running(process.pid)).toBe(true);
  });

  it('holds no lock: its LOCK is taken over, and store info does not send the user waiting for it', () => {
    // The next ingest said the store was locked by a running process, and `store info` to wait for it.
    const first = join(dir, 'zombie-first');
    mkdirSync(join(first, 'versions', `v000001.partial-${zombie}`), { recursive: true });
    writeFileSync(join(first, 'LOCK'), String(zombie));
    expect(() => requireStore(first)).toThrow(
      new RegExp(`its first ingest \\(process ${zombie}\\) was stopped before it finished`),
    );

    const store = copyOf('zombie-lock');
    mkdirSync(join(store, 'versions', `v000002.partial-${zombie}`));
    writeFileSync(join(store, 'LOCK'), String(zombie));
    expect(unfinishedIngests(requireStore(store))).toEqual([
      expect.stringMatching(
        new RegExp(`^An ingest \\(process ${zombie}\\) was stopped before it finished v000002`),
      ),
    ]);
    const w = beginWrite(store);
    try {
      expect(readFileSync(join(store, 'LOCK'), 'utf8')).toBe(String(process.pid));
      expect(w.interrupted).toEqual([{ version: 'v000002', pid: zombie }]);
    } finally {
      w.release();
    }
    expect(existsSync(join(store, 'LOCK'))).toBe(false);
  });
});

describe('SIGHUP (a closed terminal or SSH session)', () => {
  it('stops an ingest as SIGINT and SIGTERM do: said, unlocked and cleaned, exit 129', async () => {
    // There was no handler: no word, and LOCK, work/ and the partial version stayed, as after kill -9.
    const store = copyOf('hangup');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', MAIN, 'ingest', MPLS, '-p', 'minneapolis-cad', '-s', store],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const workDir = join(store, 'work', String(child.pid));
    for (let i = 0; i < 3000 && !(existsSync(workDir) && readdirSync(workDir).length > 0); i++)
      await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGHUP');
    const ended = await new Promise<[number | null, string | null]>((r) =>
      child.on('close', (code, signal) => r([code, signal])),
    );
    expect({ ended, stderr }).toEqual({
      ended: [129, null],
      stderr: `\nsafegap: the ingest was interrupted (SIGHUP): nothing was committed; the store \`${store}\` stays at v000001.\n`,
    });
    expect(readdirSync(store).sort()).toEqual(['CURRENT', 'versions']);
    expect(readdirSync(join(store, 'versions'))).toEqual(['v000001']);
  });
});

describe('a full disk', () => {
  it("names the store's file whose write failed", () => {
    // Node names no file when a write, not the open, fails: the manifest's said only "The disk is full".
    const store = copyOf('full-manifest');
    const w = beginWrite(store);
    try {
      symlinkSync('/dev/full', join(w.stagingDir, 'manifest.json'));
      const e = (() => {
        try {
          commit(w);
        } catch (caught) {
          return caught;
        }
      })();
      expect(resourceError(e)?.message).toMatch(
        `The disk is full (${join(w.stagingDir, 'manifest.json')}). The store and any output folder are replaced only when whole`,
      );
    } finally {
      w.release();
    }
    expect(readdirSync(store).sort()).toEqual(['CURRENT', 'versions']);
  });

  it('speaks of a new version of the calls only when a command writes one', () => {
    // analyze --no-save on a full disk was told of a store's new version of its calls, which it never writes.
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const path = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      path: '/somewhere/analysis.json',
    });
    expect(resourceError(full, false)?.hint).toBe(
      'free some space (an output folder needs room for its new files beside the old ones until they replace them) or use a folder on another disk, then run the command again.',
    );
    expect(resourceError(path, false)?.message).toMatch(
      /^The disk is full \(\/somewhere\/analysis\.json\)\./,
    );
    expect(resourceError(full, true)?.hint).toMatch(/a store needs room for a new version of its calls/);
    // The CLI asks whether this process began one (main.ts); the tests above did.
    expect(storeVersionBegun()).toBe(true);
  });
});

describe('old versions (tester 378)', () => {
  const versions = (store: string) => readdirSync(join(store, 'versions')).sort();
  const write = (store: string, commits: boolean) => {
    const w = beginWrite(store);
    try {
      if (commits) {
        // The calls carried over, as an ingest of no new call does.
        for (const f of Object.values(w.manifest.sources)) carryOver(w, f.file);
        commit(w);
      }
    } finally {
      w.release();
    }
  };

  it('go once a new version is current, never with a writer stopped before it commits', () => {
    // A Ctrl-C'd ingest said "nothing was committed; the store stays at v000007" and had removed v000005.
    const store = copyOf('versions-378');
    for (let i = 0; i < 3; i++) write(store, true);
    // v000001 went with v000004's commit: older than the two before the current one.
    expect(versions(store)).toEqual(['v000002', 'v000003', 'v000004']);
    write(store, false);
    expect(versions(store)).toEqual(['v000002', 'v000003', 'v000004']);
    expect(readFileSync(join(store, 'CURRENT'), 'utf8')).toBe('v000004');
    write(store, true);
    expect(versions(store)).toEqual(['v000003', 'v000004', 'v000005']);
  });
});
