/**
 * Output folders written whole (src/util/publish.ts): a new set of files moves in over the previous one,
 * also where a folder inside the output is a link to another file system.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishOutput, startOutput } from '../../src/util/publish.js';
import { tempDir } from '../helpers/shared-data.js';

describe('output folders', () => {
  it('moves the new files in over the old, across file systems too, the last one at the end', () => {
    // /dev/shm is a memory file system: a csv/ folder linked there made the move fail with EXDEV after
    // the previous report's files were removed, leaving neither report.
    const out = tempDir('safegap-publish-');
    const elsewhere = mkdtempSync(join('/dev/shm', 'safegap-publish-'));
    expect(statSync(elsewhere).dev).not.toBe(statSync(out).dev);
    symlinkSync(elsewhere, join(out, 'csv'));
    writeFileSync(join(out, 'report.html'), 'old');
    writeFileSync(join(out, 'csv', 'old.csv'), 'old');
    const staging = startOutput(out);
    mkdirSync(join(staging, 'csv'));
    writeFileSync(join(staging, 'csv', 'new.csv'), 'new');
    writeFileSync(join(staging, 'report.html'), 'new');
    finishOutput(staging, out, ['report.html', join('csv', 'old.csv')], 'report.html');
    expect(readdirSync(elsewhere)).toEqual(['new.csv']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('new');
    expect(readdirSync(out).sort()).toEqual(['csv', 'report.html']);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('removes the hidden folders of runs that stopped, and keeps those of running ones', () => {
    const out = mkdtempSync(join(tmpdir(), 'safegap-publish-'));
    mkdirSync(join(out, '.safegap-partial-999999999'));
    mkdirSync(join(out, `.safegap-partial-${process.ppid}`));
    const staging = startOutput(out);
    expect(readdirSync(out).sort()).toEqual(
      [`.safegap-partial-${process.pid}`, `.safegap-partial-${process.ppid}`].sort(),
    );
    expect(staging).toBe(join(out, `.safegap-partial-${process.pid}`));
  });
});
