/**
 * Files and folders that name the process that made them (a staging folder, a lock being taken), left
 * behind when that process was killed: removed by the next run once the process is gone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusal, UserError } from './user-error.js';

/** Whether a process id names a running process (one this user may not signal counts as running). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `dir` whose name matches `pattern` (its first group the process id) and whose
 * process has ended; this process's own are kept. `settle`, given, first does with each what its process
 * left unfinished.
 */
export function removeLeftovers(dir: string, pattern: RegExp, settle?: (path: string) => void): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || pidAlive(pid)) continue;
    settle?.(join(dir, name));
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      // Another user's, in a shared folder such as /tmp: theirs to remove.
    }
  }
}

/**
 * A private folder in the system's temporary folder for DuckDB's spill files (`kind`: analyse, report, init),
 * named with this process's id so that the next run removes it if this one is killed before it can.
 */
export function scratchFolder(kind: string): string {
  const root = tmpdir();
  try {
    removeLeftovers(root, /^safegap-(?:analyse|report|init)-(\d+)-/);
    return mkdtempSync(join(root, `safegap-${kind}-${process.pid}-`));
  } catch (e) {
    // A TMPDIR that is missing or a file was a stack trace, and a read-only one was blamed on --store and
    // --out (tester 101).
    const code = (e as NodeJS.ErrnoException).code;
    const refused = refusal(code);
    const why = refused
      ? `cannot be written: ${refused}`
      : code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is a file, not a folder'
          : null;
    if (!why) throw e;
    const set = process.env.TMPDIR ? `TMPDIR is ${process.env.TMPDIR}` : 'TMPDIR is not set';
    throw new UserError(
      `The temporary folder ${root}, where safegap keeps its scratch files, ${why} (${code}). Nothing was changed.`,
      `set TMPDIR to a folder that exists and can be written (${set}).`,
    );
  }
}
