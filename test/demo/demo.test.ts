import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/shared-data.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');

describe('safegap demo', () => {
  const dir = tempDir();

  it('synthesises a city, ingests it, prints a first summary and writes the report, as a new user runs it', () => {
    const r = spawnSync(
      'node',
      [CLI, 'demo', '--dir', join(dir, 'demo'), '--calls', '20000', '--years', '1'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The ingest accounting line for the export, and the store summary after it.
    expect(r.stdout).toMatch(/synthetic-city\.csv\.gz\s+20,000\s+[\d,]+\s+0\s+\d+/);
    expect(r.stdout).toContain('store info --store');
    // In the order it happened: the ingest's table before the report is written (tester 149).
    expect(r.stdout.indexOf('rows read')).toBeLessThan(r.stdout.indexOf('Writing the report...'));
    expect(existsSync(join(dir, 'demo', 'store', 'CURRENT'))).toBe(true);
    expect(existsSync(join(dir, 'demo', 'synthetic-city.precincts.geojson'))).toBe(true);
    const report = join(dir, 'demo', 'report', 'report.html');
    expect(r.stdout).toContain(`The report is ${report}`);
    // The report maps the synthetic city's precincts from the boundaries the demo wrote.
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('the synthetic city');
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(existsSync(join(dir, 'demo', 'report', 'csv', 'diverted_by_responder.csv'))).toBe(true);
    // A plan the team can meet, and the output says which: the default goal is beyond its reach.
    expect(existsSync(join(dir, 'demo', 'report', 'csv', 'capacity_units_by_hour.csv'))).toBe(true);
    expect(r.stdout).toContain('capacity plan is for 80% of calls reached within 30 minutes of pickup');
  });

  it('starts afresh when run again in the same folder', () => {
    // A second demo merged into the first one's store: 500 + 300 calls of two seeds.
    const again = join(dir, 'again');
    const demo = (...more: string[]) =>
      spawnSync('node', [CLI, 'demo', '--dir', again, '--years', '1', ...more], { encoding: 'utf8' });
    expect(demo('--calls', '500').status).toBe(0);
    // A seed is any text, as synth takes it: the demo refused the `abc` synth had made a city of (tester 128).
    const second = demo('--calls', '300', '--seed', 'abc');
    expect(second.status).toBe(0);
    const bySynth = join(dir, 'by-synth.csv.gz');
    const synth = ['synth', '--calls', '300', '--years', '1', '--seed', 'abc', '--out', bySynth];
    expect(spawnSync('node', [CLI, ...synth], { encoding: 'utf8' }).status).toBe(0);
    expect(gunzipSync(readFileSync(join(again, 'synthetic-city.csv.gz'))).toString()).toBe(
      gunzipSync(readFileSync(bySynth)).toString(),
    );
    expect(second.stdout).not.toMatch(/lost a time/);
    const info = spawnSync('node', [CLI, 'store', 'info', '--store', join(again, 'store')], {
      encoding: 'utf8',
    });
    // 300 rows, a few of them exact duplicates: no more than 300 calls, not 800.
    const calls = Number(/^([\d,]+) calls/.exec(info.stdout)?.[1]?.replaceAll(',', ''));
    expect(calls).toBeGreaterThan(250);
    expect(calls).toBeLessThanOrEqual(300);
  });

  it('answers a --dir that is a file with a message, not a stack trace', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = spawnSync('node', [CLI, 'demo', '--dir', file, '--calls', '100'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves a --dir whose store/ is not a store as it is, with a hint of its own options', () => {
    // The hint was to fix --store, which demo does not take (tester 103).
    const other = join(dir, 'other');
    mkdirSync(join(other, 'store'), { recursive: true });
    writeFileSync(join(other, 'store', 'mine.txt'), 'keep');
    const r = spawnSync('node', [CLI, 'demo', '--dir', other, '--calls', '100'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /has a folder store\/ that is not a safegap store[^]*How to fix: give the demo a folder of its own \(--dir\)/,
    );
    expect(r.stderr).not.toContain('--store');
    expect(readFileSync(join(other, 'store', 'mine.txt'), 'utf8')).toBe('keep');
  });
});
