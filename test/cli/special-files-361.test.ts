/**
 * Files a command reads that are devices or pipes, and a file named `mappings` where the folder of
 * mappings is looked for (tester 361): `--mapping /dev/full` aborted with `std::bad_alloc`, `--in
 * /dev/zero` grew to 16 GB, `profile check /dev/zero` called the device a folder, and a file `mappings`
 * stopped analyze, report and classify with an internal ENOTDIR.
 *
 * Every run that reads a device is a child process under `ulimit -v` and a time limit: on code that reads
 * such a file, it fails here (killed, or out of memory) instead of taking the machine's memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/shared-data.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
// WebAssembly's guard regions alone take more address space than the limit (tsx's parser is WebAssembly).
const NODE = `${process.execPath} --disable-wasm-trap-handler --import ${TSX}`;

/**
 * A command run under 4 GB of address space and 20 seconds, whatever it reads. Each of glibc's malloc
 * arenas, one a thread, reserves 64 MB: under the limit, Node itself then failed now and then.
 */
function bounded(command: string, cwd = ROOT) {
  return spawnSync('sh', ['-c', `ulimit -v 4000000; exec timeout -s KILL 20 ${command}`], {
    cwd,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
}
const cli = (args: string, cwd = ROOT) => bounded(`${NODE} ${join(ROOT, 'src/cli/main.ts')} ${args}`, cwd);

const dir = tempDir();
const calls = join(dir, 'calls.csv');
writeFileSync(calls, 'call_type_initial_raw,call_type_final_raw\nTHEFT,THEFT\n');
const fifo = join(dir, 'pipe.csv');
spawnSync('mkfifo', [fifo]);

/**
 * What a library reader throws for `file`, run in a bounded child: `{ user, message }`, or null when it
 * returned (or did not end).
 */
function readerSays(call: string, file: string): { user: boolean; message: string } | null {
  const script = join(dir, `probe-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(
    script,
    `import { loadTaxonomy } from ${JSON.stringify(join(ROOT, 'src/classify/taxonomy.ts'))};
import { readMapping, mappingText, readSettings } from ${JSON.stringify(join(ROOT, 'src/classify/mapping-file.ts'))};
import { importCsv } from ${JSON.stringify(join(ROOT, 'src/classify/exchange.ts'))};
import { loadBoundaries } from ${JSON.stringify(join(ROOT, 'src/analyse/spatial-join.ts'))};
import { loadProfile } from ${JSON.stringify(join(ROOT, 'src/sources/load-profile.ts'))};
import { UserError } from ${JSON.stringify(join(ROOT, 'src/util/user-error.ts'))};
const file = ${JSON.stringify(file)};
const tax = loadTaxonomy();
void tax, readMapping, mappingText, readSettings, importCsv, loadBoundaries, loadProfile;
try {
  ${call};
  console.log(JSON.stringify(null));
} catch (e) {
  console.log(JSON.stringify({ user: e instanceof UserError, message: String(e.message) }));
}
`,
  );
  const r = bounded(`${NODE} ${script}`);
  const last = r.stdout.trim().split('\n').at(-1);
  return last ? (JSON.parse(last) as { user: boolean; message: string } | null) : null;
}

const NOT_REGULAR = 'not a regular file (a device, pipe or socket)';

describe('a device or pipe given as a file to read is refused', () => {
  it.each([
    ['a mapping', 'readMapping(file, tax)', '/dev/zero'],
    ['a mapping that is a pipe', 'readMapping(file, tax)', fifo],
    ['the mapping classify is to write over', 'mappingText(file)', '/dev/full'],
    ['a sheet to import', "importCsv(file, [], tax, 't', '2026-01-01')", '/dev/zero'],
    ['city settings', 'readSettings(file, tax)', '/dev/zero'],
    ['a boundary layer', "loadBoundaries({ name: 'area', file })", '/dev/zero'],
    ['a profile', 'loadProfile(file)', '/dev/zero'],
  ])(
    '%s',
    (_, call, file) => {
      const said = readerSays(call, file);
      expect(said).not.toBeNull();
      expect(said!.user).toBe(true);
      expect(said!.message).toContain(file);
      expect(said!.message).toContain(NOT_REGULAR);
    },
    30_000,
  );

  it('profile check /dev/zero says a device, not a folder, with exit 2', () => {
    const r = cli('profile check /dev/zero');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Profile /dev/zero is ${NOT_REGULAR}.`);
    expect(r.stderr).not.toContain('folder');
  }, 30_000);

  it('classify status --mapping /dev/zero ends with exit 2, naming the file', () => {
    const r = cli(`classify status --city q --calls ${calls} --mapping /dev/zero`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/dev/zero');
    expect(r.stderr).toContain(NOT_REGULAR);
    expect(r.stderr).not.toContain('internal error');
  }, 30_000);

  it('ingest and profile init of a pipe say so in the words the other readers use (tester 367)', () => {
    for (const args of [
      `ingest ${fifo} --profile burlington-vt --store ${join(dir, 's367')}`,
      `profile init /dev/zero`,
    ]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(` is ${NOT_REGULAR}.`);
      expect(r.stderr).toContain('save to a file first');
      expect(r.stderr).not.toContain('is not a file');
    }
  }, 60_000);

  it('classify status --calls /dev/zero is a device, not an empty file (tester 364)', () => {
    const r = cli('classify status --city minneapolis --calls /dev/zero');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`/dev/zero is ${NOT_REGULAR}.`);
    expect(r.stderr).not.toContain('empty');
  }, 30_000);
});

describe('a mappings link to a folder that is gone (tester 367)', () => {
  it('is refused with exit 2, not passed over with the reviewed mapping', () => {
    const wd = join(dir, 'wd-link');
    mkdirSync(wd);
    symlinkSync(join(dir, 'unmounted-share'), join(wd, 'mappings'));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        TSX,
        join(ROOT, 'src/cli/main.ts'),
        'classify',
        'status',
        '--city',
        'minneapolis',
        '--calls',
        calls,
      ],
      { cwd: wd, encoding: 'utf8', input: '', timeout: 60_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `./mappings is a link to ${join(dir, 'unmounted-share')}, which does not exist`,
    );
  }, 60_000);
});

describe('a file named mappings in the working folder', () => {
  it('is refused with exit 2, naming ./mappings and how to fix', () => {
    const wd = join(dir, 'wd');
    mkdirSync(wd);
    writeFileSync(join(wd, 'mappings'), 'x\n');
    // --city q names no mapping: the cities there are are listed, from ./mappings among them.
    const r = spawnSync(
      process.execPath,
      ['--import', TSX, join(ROOT, 'src/cli/main.ts'), 'classify', 'status', '--city', 'q', '--calls', calls],
      { cwd: wd, encoding: 'utf8', input: '', timeout: 60_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('./mappings is a file');
    expect(r.stderr).toContain('How to fix: rename or move it');
    expect(r.stderr).not.toContain('ENOTDIR');
    expect(r.stderr).not.toContain('internal error');
    // A city with a built-in mapping too: status and export read it beside the file, with exit 0 (tester
    // 364).
    for (const command of ['status', 'export']) {
      const city = spawnSync(
        process.execPath,
        [
          '--import',
          TSX,
          join(ROOT, 'src/cli/main.ts'),
          'classify',
          command,
          '--city',
          'minneapolis',
          '--calls',
          calls,
          ...(command === 'export' ? ['--out', join(wd, 'out.csv')] : []),
        ],
        { cwd: wd, encoding: 'utf8', input: '', timeout: 60_000 },
      );
      expect(city.status, command).toBe(2);
      expect(city.stderr, command).toContain('./mappings is a file');
    }
  }, 120_000);
});
