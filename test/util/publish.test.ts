/**
 * Output folders written whole (src/util/publish.ts): a new set of files moves in over the previous one,
 * also where a folder inside the output is a link to another file system.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
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

  it('finishes the move of a run killed while it moved its whole files in (tester 144)', () => {
    // kill -9 in the last milliseconds of a report left neither report: the old page and some CSVs
    // removed, the new set whole in the hidden folder, removed in turn by the next run.
    const out = tempDir('safegap-publish-');
    mkdirSync(join(out, 'csv'));
    for (const f of ['a.csv', 'b.csv', 'repeat_locations.csv']) writeFileSync(join(out, 'csv', f), 'old');
    writeFileSync(join(out, 'report.html'), 'old');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const run = (pid: number) => {
      const staging = join(out, `.safegap-partial-${pid}`);
      mkdirSync(join(staging, 'csv'), { recursive: true });
      writeFileSync(join(staging, 'csv', 'a.csv'), `new ${pid}`);
      writeFileSync(join(staging, 'report.html'), `new ${pid}`);
      return staging;
    };
    // A run that moved in: its files, nothing of the old set but the file that is not the report's.
    const whole = run(999999998);
    writeFileSync(
      join(whole, '.moving.json'),
      JSON.stringify({
        stale: ['report.html', 'csv/a.csv', 'csv/b.csv', 'csv/repeat_locations.csv'],
        last: 'report.html',
      }),
    );
    // Killed part way: the page and one CSV already removed, the public edition's stale CSV not yet.
    rmSync(join(out, 'report.html'));
    rmSync(join(out, 'csv', 'b.csv'));
    // A run stopped while it built: its files were never whole, and the folder is not touched for it.
    run(999999999);
    const staging = startOutput(out);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('new 999999998');
    expect(readdirSync(join(out, 'csv'))).toEqual(['a.csv']);
    expect(readFileSync(join(out, 'csv', 'a.csv'), 'utf8')).toBe('new 999999998');
    expect(readdirSync(out).sort()).toEqual(
      ['csv', 'notes.txt', 'report.html', `.safegap-partial-${process.pid}`].sort(),
    );
    // A run that finishes leaves no plan of its move behind.
    writeFileSync(join(staging, 'report.html'), 'newest');
    finishOutput(staging, out, ['report.html', 'csv/a.csv'], 'report.html');
    expect(readdirSync(out).sort()).toEqual(['csv', 'notes.txt', 'report.html']);
    expect(readdirSync(join(out, 'csv'))).toEqual([]);
  });

  it('refuses, changing nothing, a move that could not remove every old file (tester 149)', () => {
    // A shared folder whose csv/ another user owned: the move removed report.html, stopped at the first
    // CSV, and said the folder was as it was. Made here with immutable files, which bar root too.
    const out = tempDir('safegap-publish-');
    mkdirSync(join(out, 'csv'));
    writeFileSync(join(out, 'csv', 'a.csv'), 'old');
    writeFileSync(join(out, 'report.html'), 'old');
    const attempt = (locked: string) => {
      const staging = startOutput(out);
      mkdirSync(join(staging, 'csv'));
      writeFileSync(join(staging, 'csv', 'a.csv'), 'new');
      writeFileSync(join(staging, 'report.html'), 'new');
      execFileSync('chattr', ['+i', locked]);
      try {
        expect(() => finishOutput(staging, out, ['report.html', 'csv/a.csv'], 'report.html')).toThrow(
          new RegExp(
            `^--out ${out}: cannot replace ${out}/(csv/a\\.csv|report\\.html): permission denied \\(EPERM\\)\\. Nothing in the folder was changed\\.$`,
          ),
        );
      } finally {
        execFileSync('chattr', ['-i', locked]);
      }
      // Its hidden folder is gone too (tester 152: analyze left it).
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('old');
      expect(readFileSync(join(out, 'csv', 'a.csv'), 'utf8')).toBe('old');
      expect(readdirSync(out).sort()).toEqual(['csv', 'report.html']);
    };
    attempt(join(out, 'csv'));
    attempt(join(out, 'report.html'));
    // A file that is only read-only is no bar: it is removed by its folder's leave.
    const staging = startOutput(out);
    writeFileSync(join(staging, 'report.html'), 'new');
    chmodSync(join(out, 'report.html'), 0o444);
    finishOutput(staging, out, ['report.html'], 'report.html');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('new');
  });
});
