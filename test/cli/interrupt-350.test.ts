/**
 * Tester 350: an interrupted command under --json printed nothing on stdout (a refusal prints `{error,
 * hint}`); an interrupted analyze or report did not say its --out was left as it was; an ingest whose summary
 * could not be written did not say that it committed, nor at which version. Minneapolis rows, from source.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const node = (args: string[]) => ['--import', 'tsx', MAIN, ...args];
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('node', node(args), {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });

/** Output and exit code of a child, once it has ended. */
function ended(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr })));
}

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !ready(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!ready()) throw new Error(`never: ${what}`);
}

/** Every file under `dir` with its MD5, to tell a folder left as it was (the tester's md5sum). */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = createHash('md5').update(readFileSync(path)).digest('hex');
  }
  return out;
}

const current = (store: string) => readFileSync(join(store, 'CURRENT'), 'utf8').trim();

describe('interruptions and lost output say where things stand (tester 350)', () => {
  const dir = tempDir();
  const store = join(dir, 'G');
  const first = join(dir, 'first.csv');
  const second = join(dir, 'second.csv');

  beforeAll(() => {
    // Two cuts of real Minneapolis calls: 5,000 rows (an ingest of them takes seconds, long enough to stop)
    // and the 2,000 after them.
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
    writeFileSync(first, `${lines.slice(0, 5001).join('\n')}\n`);
    writeFileSync(second, `${[lines[0], ...lines.slice(5001, 7001)].join('\n')}\n`);
    const r = run(['ingest', first, '-p', 'minneapolis-cad', '-s', store]);
    expect(r.status, r.stderr).toBe(0);
    expect(current(store)).toBe('v000001');
  }, 180_000);

  it('an ingest stopped under --json prints one JSON object: the error and where the store stands', async () => {
    const child = spawn(
      'node',
      node(['ingest', first, '-p', 'minneapolis-cad', '-s', store, '--again', '--json']),
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const done = ended(child);
    // Under its lock the ingest has begun: what it says is its own, not "while starting".
    await until('LOCK', () => existsSync(join(store, 'LOCK')));
    child.kill('SIGINT');
    const { code, stdout, stderr } = await done;
    const words = `the ingest was interrupted (SIGINT): nothing was committed; the store \`${store}\` stays at v000001.`;
    expect({ code, stderr }).toEqual({ code: 130, stderr: `\nsafegap: ${words}\n` });
    expect(JSON.parse(stdout)).toEqual({
      error: words,
      details: { signal: 'SIGINT', committed: false, store, store_version: current(store) },
    });
    expect(current(store)).toBe('v000001');
  }, 120_000);

  it('an ingest whose --json summary cannot be written says it committed, and at which version', async () => {
    const full = openSync('/dev/full', 'w');
    const child = spawn('node', node(['ingest', second, '-p', 'minneapolis-cad', '-s', store, '--json']), {
      cwd: ROOT,
      stdio: ['ignore', full, 'pipe'],
    });
    closeSync(full);
    const { code, stderr } = await ended(child);
    // The store had v000001 only (the stopped ingest committed nothing): this one made v000002.
    expect(current(store)).toBe('v000002');
    expect(code).toBe(2);
    expect(stderr).toContain(
      `What it wrote to the store or to files is whole, and stays (the ingest committed: the store \`${store}\` is at v000002).`,
    );
  }, 120_000);

  it('an analyze stopped while it writes says its --out and the store keep what they held; JSON too', () => {
    const out = join(dir, 'anaA');
    expect(run(['analyze', '-s', store, '-o', out]).status).toBe(0);
    const before = { out: hashes(out), analysis: hashes(join(store, 'analysis')) };
    const r = run(['analyze', '-s', store, '-o', out, '--json'], { SAFEGAP_FAULT: 'interrupt-writing' });
    const words = `analyze was interrupted (SIGINT) before it wrote its tables: \`${out}\` and \`${join(store, 'analysis')}\` keep what they held before.`;
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 130, stderr: `\nsafegap: ${words}\n` });
    expect(JSON.parse(r.stdout)).toEqual({
      error: words,
      details: { signal: 'SIGINT', written: false, store, store_version: current(store), out },
    });
    expect({ out: hashes(out), analysis: hashes(join(store, 'analysis')) }).toEqual(before);
  }, 180_000);

  it('a report stopped while it builds says its --out keeps what it held; JSON too', async () => {
    const out = join(dir, 'repA');
    expect(run(['report', '-s', store, '-o', out]).status).toBe(0);
    const before = hashes(out);
    const child = spawn('node', node(['report', '-s', store, '-o', out, '--json']), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = ended(child);
    // Its scratch engine is made once the report has begun reading the store.
    await until('the report scratch folder', () =>
      readdirSync(tmpdir()).some((f) => f.startsWith(`safegap-report-${child.pid}-`)),
    );
    child.kill('SIGINT');
    const { code, stdout, stderr } = await result;
    const words = `report was interrupted (SIGINT) before it wrote its report: \`${out}\` keeps what it held before.`;
    expect({ code, stderr }).toEqual({ code: 130, stderr: `\nsafegap: ${words}\n` });
    expect(JSON.parse(stdout)).toEqual({
      error: words,
      details: { signal: 'SIGINT', written: false, store, store_version: current(store), out },
    });
    expect(hashes(out)).toEqual(before);
  }, 180_000);
});
