import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/shared-data.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');

describe('safegap demo', () => {
  const dir = tempDir();

  it('synthesises a city, ingests it and prints a first summary, as a new user runs it', () => {
    const r = spawnSync('node', [CLI, 'demo', '--dir', join(dir, 'demo'), '--calls', '20000', '--years', '1'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The ingest accounting line for the export, and the store summary after it.
    expect(r.stdout).toMatch(/synthetic-city\.csv\.gz\s+20,000\s+[\d,]+\s+0\s+\d+/);
    expect(r.stdout).toContain('store info --store');
    expect(existsSync(join(dir, 'demo', 'store', 'CURRENT'))).toBe(true);
    expect(existsSync(join(dir, 'demo', 'synthetic-city.precincts.geojson'))).toBe(true);
  });
});
