/**
 * A refused ingest's `--json` carries its counts and its quarantine file as fields, not only in the
 * message's English (tester 275: a nightly script had to parse the sentence to learn how many rows failed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('a refused ingest under --json', () => {
  it('gives the rows read, quarantined, their reasons and the quarantine file as fields', () => {
    const dir = tempDir('safegap-refused-');
    // Burlington's first 200 calls, 10 of them with a received time no format reads.
    const [header, ...rows] = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const col = header!.split(',').indexOf('call_time');
    expect(col).toBeGreaterThanOrEqual(0);
    const bad = rows.slice(0, 200).map((r, i) => {
      if (i % 20 !== 0) return r;
      const f = r.split(',');
      f[col] = 'not a time';
      return f.join(',');
    });
    const file = join(dir, 'calls.csv');
    writeFileSync(file, `${[header, ...bad].join('\n')}\n`);
    const store = join(dir, 'store');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file, '-p', 'burlington-vt', '-s', store, '--json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(2);
    const j = JSON.parse(r.stdout) as { error: string; details: Record<string, unknown> };
    expect(j.error).toMatch(/10 of 200 rows \(5\.00%\) could not be loaded/);
    expect(j.details).toMatchObject({
      file: 'calls.csv',
      rows_read: 200,
      quarantined: 10,
      quarantine_file: join(store, 'quarantine', 'refused-0001.csv'),
      max_bad_ratio: 0.01,
    });
    expect(
      Object.values(j.details.quarantine_reasons as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBe(10);
  });
});
