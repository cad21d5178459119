/**
 * Spill folders of killed runs (src/util/leftovers.ts): `analyze` and `report` give DuckDB a folder in the
 * system's temporary folder and remove it when they end; a run that was killed cannot, so the next one does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../../src/util/leftovers.js';

describe('scratch folders', () => {
  it("removes the folders of runs that ended without cleaning up, and keeps running ones'", () => {
    // A process id that surely ended: a child that has exited.
    const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const dead = Number(child.stdout.trim());
    const killed = join(tmpdir(), `safegap-analyse-${dead}-AbC123`);
    const killedReport = join(tmpdir(), `safegap-report-${dead}-XyZ789`);
    // The parent (vitest) is running: its folder stays.
    const running = join(tmpdir(), `safegap-report-${process.ppid}-Run456`);
    // Another program's folder of a similar name is not ours to remove.
    const other = join(tmpdir(), `safegap-analysis-${dead}-keep`);
    for (const d of [killed, killedReport, running, other]) mkdirSync(d, { recursive: true });
    const mine = scratchFolder('analyse');
    try {
      expect(existsSync(killed)).toBe(false);
      expect(existsSync(killedReport)).toBe(false);
      expect(existsSync(running)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(dirname(mine)).toBe(tmpdir());
      expect(basename(mine)).toMatch(new RegExp(`^safegap-analyse-${process.pid}-`));
    } finally {
      for (const d of [running, other, mine]) rmSync(d, { recursive: true, force: true });
    }
  });
});
