/**
 * Tester 377: a GeoJSON file given as a mapping CSV (`analyze --mapping`, `classify import --in`) was "a
 * quote in the middle of field 1 ... Wrap the whole field in quotes", and a PDF "not UTF-8 text ... convert
 * it with iconv"; and a Ctrl-C during `safegap demo` said only "demo was interrupted (SIGINT).", not which
 * of its steps were done nor what running it again does. From source.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/shared-data.js';
import { CSV_COLUMNS } from '../../src/synth/synth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });

describe('a file of another kind given as a mapping CSV is named as such (tester 377)', () => {
  const dir = tempDir('safegap-377-');
  const geojson = join(dir, 'areas.geojson');
  writeFileSync(
    geojson,
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"North"},"geometry":null}]}\n',
  );
  // A PDF's first bytes: its version line, a line of high bytes (not UTF-8), and an object with NUL bytes.
  const pdf = join(dir, 'review.pdf');
  writeFileSync(
    pdf,
    Buffer.concat([
      Buffer.from('%PDF-1.7\n%'),
      Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
      Buffer.from('\n1 0 obj\n'),
      Buffer.from([0, 0, 0]),
      Buffer.from('<< /Type /Catalog >>\nendobj\n'),
    ]),
  );
  const calls = join(dir, 'calls.csv');
  writeFileSync(calls, 'call_type_initial_raw,call_type_final_raw\nTheft,Theft\n');
  const none = join(dir, 'none.csv');

  it('classify import --in: GeoJSON, with where it goes and what --in takes', () => {
    const r = run('classify', 'import', '--city', 'x', '--mapping', none, '--in', geojson);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`safegap: ${geojson} is GeoJSON (area boundaries), not a mapping CSV.`);
    expect(r.stderr).toMatch(
      /How to fix: .*--boundaries NAME=FILE.*--in takes the mapping sheet .*classify export/,
    );
    expect(r.stderr).not.toContain('quote');
    expect(existsSync(none)).toBe(false);
  });

  it('classify import --in: a PDF is binary data, not text to convert', () => {
    const r = run('classify', 'import', '--city', 'x', '--mapping', none, '--in', pdf);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `safegap: ${pdf} is not a text CSV file: it contains binary data (NUL bytes).`,
    );
    expect(r.stderr).toMatch(/How to fix: .*PDF.*--in takes the mapping sheet/);
    expect(r.stderr).not.toMatch(/UTF-8|iconv/);
  });

  it('--mapping (read by classify status, as by analyze and report): both, with what --mapping takes', () => {
    for (const [file, said] of [
      [geojson, 'is GeoJSON (area boundaries), not a mapping CSV.'],
      [pdf, 'is not a text CSV file: it contains binary data (NUL bytes).'],
    ] as const) {
      const r = run('classify', 'status', '--city', 'x', '--mapping', file, '--calls', calls);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`safegap: ${file} ${said}`);
      expect(r.stderr).toMatch(
        /How to fix: .*A mapping is a CSV whose header starts raw_type.*give --mapping/,
      );
      expect(r.stderr).not.toMatch(/quote|iconv/);
    }
  });

  it('a mapping CSV is still read', () => {
    const mapping = join(dir, 'x.csv');
    writeFileSync(
      mapping,
      'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note\nTheft,theft,property_crime_report,,non_violent_felony,,,,,,0.95,automatic,,,\n',
    );
    const r = run('classify', 'status', '--city', 'x', '--mapping', mapping, '--calls', calls);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 calls, 1 initial types');
  });
});

/** Output and exit code of a child, once it has ended; `seen` is its stdout so far. */
function watch(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const ended = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return { out, ended };
}

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 12_000 && !ready(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!ready()) throw new Error(`never: ${what}`);
}

const demo = (dir: string) =>
  spawn(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--calls', '300', '--years', '0.25', '-d', dir], {
    cwd: ROOT,
  });

describe('a Ctrl-C during the demo says where it stands (tester 377)', () => {
  const base = tempDir('safegap-377-demo-');

  /** The demo in `dir`, sent SIGINT once its stdout has `line`. */
  async function stopAt(dir: string, line: string) {
    const child = demo(dir);
    const { out, ended } = watch(child);
    await until(line, () => out.stdout.includes(line));
    child.kill('SIGINT');
    return { code: await ended, ...out };
  }

  it('stopped while ingesting: the export written, the store not, and a second run starts over', async () => {
    const dir = join(base, 'a');
    const r = await stopAt(dir, 'Ingesting ');
    expect(r.code).toBe(130);
    const csv = join(dir, 'synthetic-city.csv.gz');
    // Told apart by hand: a store committed is one whose CURRENT names its version.
    const current = join(dir, 'store', 'CURRENT');
    const store = existsSync(current)
      ? `the store ${join(dir, 'store')} is at ${readFileSync(current, 'utf8').trim()}`
      : 'no store was made (the ingest committed nothing)';
    expect(existsSync(csv)).toBe(true);
    expect(existsSync(join(dir, 'synthetic-city.precincts.geojson'))).toBe(true);
    expect(r.stderr).toContain(
      `safegap: demo was interrupted (SIGINT) while it ingested the calls: the export ${csv} and its boundary files are written; ${store}; the report was not written. Run the demo again with the same --dir to start it over`,
    );
    expect(existsSync(join(dir, 'report'))).toBe(false);
    const again = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'demo', '--calls', '300', '--years', '0.25', '-d', dir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Synthesising 300 calls');
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  }, 240_000);

  it('stopped while writing the report: the store at its version, the report not written', async () => {
    const dir = join(base, 'b');
    const r = await stopAt(dir, 'Writing the report');
    expect(r.code).toBe(130);
    const version = readFileSync(join(dir, 'store', 'CURRENT'), 'utf8').trim();
    expect(version).toMatch(/^v\d+$/);
    expect(r.stderr).toContain(
      `safegap: demo was interrupted (SIGINT) while it wrote the report: the export ${join(dir, 'synthetic-city.csv.gz')} and its boundary files are written, and the store ${join(dir, 'store')} is at ${version}; the report was not written.`,
    );
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(false);
  }, 240_000);

  it('a demo stopped once its export was written, before it recorded it, runs again without --force', () => {
    // What such a demo leaves: its record of the step under way, and the synthetic export it had written.
    const dir = join(base, 'c');
    mkdirSync(dir);
    writeFileSync(
      join(dir, '.safegap-demo.json'),
      JSON.stringify({
        made_by: 'safegap demo',
        store_version: null,
        csv_sha256: null,
        files: {},
        writing: 'export',
      }),
    );
    writeFileSync(join(dir, 'synthetic-city.csv.gz'), gzipSync(`${CSV_COLUMNS.join(',')}\n`));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'demo', '--calls', '300', '--years', '0.25', '-d', dir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  }, 240_000);
});
