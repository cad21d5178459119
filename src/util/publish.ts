/**
 * Output folders a person names (`--out`), written so that a run stopped part-way never leaves two runs'
 * files side by side (an internal report's PDF beside a public edition's CSVs, tables of two store
 * versions under one analysis.json): the new files are written into a hidden folder inside the output
 * folder first, then the previous run's files are removed and the new ones moved in, the file that marks the
 * set complete last. A stop while they move leaves an incomplete set, never a mixed one.
 */
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { refusal, UserError } from './user-error.js';
import { removeLeftovers } from './leftovers.js';
import { GONE_FOR_GOOD, undoOnInterrupt } from './undo-on-interrupt.js';

const PREFIX = '.safegap-partial-';

/**
 * The folders each run's startOutput made, deepest first: a failed or interrupted run takes them away again
 * if empty; and how to stop watching for the interrupt.
 */
const madeFor = new Map<string, { made: string[]; forget: () => void }>();

/**
 * `out`, resolved, or a UserError when it cannot be an output folder (a file, or under one): checked
 * before any work, so the mistake costs nothing.
 */
export function checkOutputDir(out: string): string {
  const dir = resolve(out);
  let up = dir;
  while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
  if (existsSync(up) && !statSync(up).isDirectory()) {
    // A pipe or a device is no file either (tester 112: `--out` a pipe was called a file).
    const what = statSync(up).isFile() ? 'a file' : 'a device, pipe or socket';
    throw new UserError(
      up === dir
        ? `--out ${out} is ${what}, not a directory.`
        : `--out ${out}: ${up} is ${what}, not a directory.`,
      'give a folder for the output (it is made if missing).',
    );
  }
  return dir;
}

/**
 * Makes `folder` and its missing parents one at a time: Node's recursive mkdir went round for ever where a
 * folder cannot be made though its parent exists (under /proc, where mkdir says "no such file"), and could
 * not even be stopped with Ctrl-C. A folder made meanwhile by another writer is taken as made; any other
 * failure is `refuse`'s error for the folder that failed.
 */
export function makeFolders(folder: string, refuse: (e: unknown, failed: string) => Error): void {
  const missing: string[] = [];
  for (let d = folder; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing)
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(d) && statSync(d).isDirectory())
        continue;
      throw refuse(e, d);
    }
}

/**
 * Makes `dir` and its missing parents (makeFolders); a folder that cannot be made is a UserError naming
 * `option` (`--out`, `--dir`, `--mapping`) as given, `out`, and why.
 */
export function makeDir(out: string, dir: string, option = '--out'): void {
  makeFolders(dir, (e, failed) => {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      refusal(code) ??
      (code === 'ENOENT'
        ? `no folder can be made in ${dirname(failed)}`
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a part of that path is a file'
          : 'it could not be made');
    return new UserError(
      `${option} ${out}: cannot make the folder ${failed}: ${why} (${code ?? String(e)}).`,
      code === 'EACCES' || code === 'EPERM'
        ? `give ${option} a place you may write to, or run as a user who may write there.`
        : `give ${option} a place on an ordinary disk you can write to (a folder of the system's own, such as /proc or /sys, holds no folders of yours).`,
    );
  });
}

/**
 * Refuses an output folder that is the store or inside it: the store's own folders are replaced whole (an
 * --out of <store>/analysis was swapped away under the files being written, and a report in the store was
 * deleted by the next analysis).
 */
export function refuseInsideStore(out: string, store: string): void {
  // Compared where the links lead: an --out through a link into the store had its staging folder swapped
  // away, or wrote CSVs into a committed version.
  const rel = relative(realPath(store), realPath(out));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
    throw new UserError(
      `--out ${out} is ${rel === '' ? 'the store' : 'inside the store'} ${store}, whose folders are replaced whole.`,
      'give --out a folder outside the store.',
    );
}

/** `path` with its links followed, as far as it exists; the rest, still to be made, as written. */
function realPath(path: string): string {
  const full = resolve(path);
  if (existsSync(full)) return realpathSync(full);
  const parent = dirname(full);
  return parent === full ? full : join(realPath(parent), basename(full));
}

/**
 * A fresh hidden folder inside `out` for this process's files; those of stopped runs are removed. `names`
 * (relative to `out`) are the files the run will put there: one that is a folder is refused now, before
 * anything else is written.
 */
export function startOutput(out: string, names: readonly string[] = []): string {
  const dir = checkOutputDir(out);
  const made: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) made.push(d);
  makeDir(out, dir);
  const folder = names.find((f) => existsSync(join(dir, f)) && statSync(join(dir, f)).isDirectory());
  if (folder)
    throw new UserError(
      `--out ${out}: ${folder} there is a folder, where this run writes a file of that name.`,
      'move it away, or give another --out.',
    );
  removeLeftovers(out, /^\.safegap-partial-(\d+)$/, finishStoppedMove);
  const staging = join(out, `${PREFIX}${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging);
  } catch (e) {
    throw cannotWriteFolder(out, e) ?? e;
  }
  madeFor.set(staging, { made, forget: undoOnInterrupt(() => abandonOutput(staging)) });
  return staging;
}

/** An output folder in which nothing can be written, named (its hidden folder is no name a user knows). */
function cannotWriteFolder(out: string, e: unknown): UserError | null {
  const code = (e as NodeJS.ErrnoException).code;
  const why = refusal(code);
  return why
    ? new UserError(
        `--out ${out}: cannot write in that folder: ${why} (${code}). What it held before is as it was.`,
        code === 'ENOSPC'
          ? 'free some space, or give --out a folder on another disk.'
          : 'give --out a folder you may write to, or run as a user who may write there.',
      )
    : null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * Removes the previous run's files (`stale`, relative to `out`), then moves every file of `staging` to the
 * same place in `out`, `last` (relative) at the end, and removes `staging`.
 */
export function finishOutput(staging: string, out: string, stale: readonly string[], last: string): void {
  checkOutput(staging, out, stale);
  // What the move does, written before it begins: a run killed while it moved its files in left the old
  // files gone and the new ones in its hidden folder (tester 144), and the next run finishes the move.
  writeFileSync(join(staging, MOVING), JSON.stringify({ stale, last }));
  moveIn(staging, out, stale, last);
  madeFor.get(staging)?.forget();
  madeFor.delete(staging);
}

/**
 * That finishOutput can move the run's files in (checkReplaceable), else a UserError, the hidden folder
 * taken away (analyze left its 3 MB there; tester 152). A run with other output to commit checks first:
 * a refused `analyze --out` had already replaced the analysis saved in the store (tester 153).
 */
export function checkOutput(staging: string, out: string, stale: readonly string[]): void {
  try {
    checkReplaceable(out, [...stale, ...newFiles(staging)]);
  } catch (e) {
    abandonOutput(staging);
    throw e;
  }
}

/** In the hidden folder of a run whose files are whole and being moved in: the previous files and the last. */
const MOVING = '.moving.json';

/** The files of a run's hidden folder, relative to it, but the plan of its move. */
function newFiles(staging: string): string[] {
  return filesUnder(staging)
    .map((p) => relative(staging, p))
    .filter((f) => f !== MOVING);
}

/**
 * That every file the move removes or replaces (relative to `out`) can be: a shared folder whose csv/
 * another user owns let the move remove report.html, then stop at the first CSV and say the folder was as
 * it was (tester 149). A file is removed by its folder's leave; EPERM of the file itself is an immutable
 * one (EACCES of a read-only file is no bar to its removal).
 */
function checkReplaceable(out: string, files: readonly string[]): void {
  for (const f of files) {
    const p = join(out, f);
    if (!existsSync(p)) continue;
    for (const [path, mode] of [
      [dirname(p), constants.W_OK | constants.X_OK],
      [p, constants.W_OK],
    ] as const)
      try {
        accessSync(path, mode);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (path === p && code !== 'EPERM') continue;
        throw new UserError(
          `--out ${out}: cannot replace ${p}: ${refusal(code) ?? code} (${code}). Nothing in the folder was changed.`,
          'give --out a folder whose files you may replace, or run as a user who may replace them.',
        );
      }
  }
}

function moveIn(staging: string, out: string, stale: readonly string[], last: string): void {
  for (const f of stale)
    try {
      unlinkSync(join(out, f));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      // Checked before the move began (checkReplaceable): changed since. The new files are whole, and the
      // next run into the folder finishes the move (finishStoppedMove).
      throw new UserError(
        `--out ${out}: could not remove ${join(out, f)} (${code}) while the new files were moved in: the folder holds part of the previous output. The new output is whole in ${staging}, and the next run into the folder finishes the move.`,
        'make the file removable, then run the command again.',
      );
    }
  const files = newFiles(staging);
  for (const f of [...files.filter((x) => x !== last), ...files.filter((x) => x === last)]) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    moveFile(join(staging, f), join(out, f));
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Finishes the move of a stopped run's whole files into the output folder (its hidden folder, `staging`,
 * holds MOVING), so that the folder holds that run's output rather than part of the one before (removed)
 * and none of its own. A run stopped before its files were whole left no plan: its folder is only removed.
 */
function finishStoppedMove(staging: string): void {
  let plan: { stale: string[]; last: string };
  try {
    plan = JSON.parse(readFileSync(join(staging, MOVING), 'utf8')) as typeof plan;
  } catch {
    return;
  }
  moveIn(staging, dirname(staging), plan.stale, plan.last);
}

/** A rename, or a copy and a removal where the two places are on different file systems (a symlinked csv/). */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
    rmSync(from);
  }
}

/**
 * Removes a run's hidden folder after a failure, leaving the previous output as it was, and the folders the
 * run made for it, which are empty then: a report that failed left an empty --out that looked written.
 */
export function abandonOutput(staging: string): void {
  // A move that began is finished by the next run, not undone: the previous files are gone already.
  if (existsSync(join(staging, MOVING))) {
    madeFor.get(staging)?.forget();
    madeFor.delete(staging);
    return;
  }
  if (existsSync(staging)) rmSync(staging, GONE_FOR_GOOD);
  for (const d of madeFor.get(staging)?.made ?? [])
    try {
      rmdirSync(d);
    } catch {
      break; // not empty: something else is in it now
    }
  madeFor.get(staging)?.forget();
  madeFor.delete(staging);
}
