/**
 * Tester 390: `report --public` went on for 105 s after a SIGTERM, wrote its report into --out and exited
 * 0, without a word. The public edition's audit is synchronous, and the signal waited for a turn of the
 * event loop that came only after the report was moved in, when the CLI exited first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';
import { syntheticStore } from '../helpers/store.js';

let dir: string;
let store: string;

beforeAll(async () => {
  dir = tempDir('safegap-390-');
  // A month of a city of 20,000 calls a year: its public audit takes tens of seconds (40 s here).
  store = await syntheticStore(dir, 20_000, 390);
});

describe('a SIGTERM during a public build (tester 390)', () => {
  it('ends it with exit code 143 and its message, and leaves --out as it was', async () => {
    const out = join(dir, 'public');
    mkdirSync(out);
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        join(ROOT, 'src/cli/main.ts'),
        'report',
        '--store',
        store,
        '--out',
        out,
        '--public',
        '--from',
        '2022-03-01',
        '--to',
        '2022-03-31',
        '--denominator',
        'calls_911',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    let ended = false;
    void closed.then(() => (ended = true));
    // The build makes its staging folder in --out once the data is read, just before the audit of the
    // first table: the audit has begun when it is there.
    const staging = join(out, `.safegap-partial-${child.pid}`);
    while (!existsSync(staging) && !ended) await new Promise((r) => setTimeout(r, 20));
    expect({ ended, stdout, stderr }).toEqual({ ended: false, stdout: '', stderr: '' });
    // Into the audit of the tables of the first sections, which take seconds each.
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    const code = await closed;
    expect({ code, stdout, stderr }).toEqual({
      code: 143,
      stdout: '',
      stderr: `\nsafegap: report was interrupted (SIGTERM) before it wrote its report: \`${out}\` keeps what it held before.\n`,
    });
    // Empty before, empty after: no report.html, no csv/, no staging folder left.
    expect(readdirSync(out)).toEqual([]);
  });
});
