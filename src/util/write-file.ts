/**
 * A file a person names with --out: a folder there, or the input file itself, is refused, and missing
 * parent folders are made (each crashed with EISDIR or ENOENT).
 */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { removeLeftovers } from './leftovers.js';
import { makeDir } from './publish.js';
import { cannotWriteFile, UserError } from './user-error.js';

/** Writes a file a person named with --out, whole or not at all (writeWhole). */
export function writeOutputFile(
  file: string,
  text: string,
  options: { force?: boolean; input?: string } = {},
): void {
  checkOutputFile(file, options);
  makeDir(file, dirname(resolve(file)));
  try {
    writeWhole(file, text);
  } catch (e) {
    throw cannotWriteFile('--out', file, e) ?? e;
  }
}

/**
 * Writes `file` whole or not at all: written beside it as `FILE.tmp-PID` and renamed into place. In place,
 * a full disk left an empty file that the next run, once space was freed, refused as existing (tester
 * 101), and a failure under --force cut the previous file short. A killed run's copy is removed here.
 */
export function writeWhole(file: string, text: string): void {
  // Through a link, to where it leads: renamed over, the link itself would become a plain file.
  let target = resolve(file);
  try {
    target = realpathSync(file);
  } catch {
    // Not there yet (or a link to nothing): written where named.
  }
  const staged = `${target}.tmp-${process.pid}`;
  try {
    const escaped = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    removeLeftovers(dirname(target), new RegExp(`^${escaped}\\.tmp-(\\d+)$`));
    writeFileSync(staged, text);
    renameSync(staged, target);
  } catch (e) {
    try {
      rmSync(staged, { force: true });
    } catch {
      // Never made (its folder is a file): nothing to remove.
    }
    throw e;
  }
}

/**
 * writeOutputFile's checks alone, for a command to make before its work. `force: false` refuses an
 * existing file (`force` absent: it is overwritten).
 */
export function checkOutputFile(
  file: string,
  options: { force?: boolean; input?: string; name?: string } = {},
): void {
  if (options.input !== undefined && resolve(options.input) === resolve(file))
    throw new UserError(`--out ${file} is the file being read.`, 'give --out another file name.');
  refuseNotAFile(file, options.name);
  if (options.force === false) refuseExisting(file);
}

/**
 * `name`: what the message calls the file, when it is not --out itself but written beside it (synth's
 * boundary files): the fix is then to move it away or choose another --out.
 */
function refuseNotAFile(file: string, name?: string): void {
  if (!existsSync(file)) return;
  const st = statSync(file);
  const what = name ?? `--out ${file}`;
  const fix = name ? 'move it out of the way, or choose another --out.' : undefined;
  if (st.isDirectory()) throw new UserError(`${what} is a folder.`, fix ?? 'give a file name for --out.');
  // A rename over a device put a regular file in its place (`synth --out /dev/full --force` replaced the
  // device and reported success: tester 111).
  if (!st.isFile())
    throw new UserError(`${what} ${NOT_REGULAR}.`, fix ?? 'give the name of a file to write.');
}

/** What is said of a path that is there but is neither a regular file nor a folder. */
export const NOT_REGULAR = 'is not a regular file (a device, pipe or socket)';

/** The advice for a file to read that is a device, pipe or socket. */
export const GIVE_A_REGULAR_FILE =
  'give the path of a file saved on disk (what a command or a pipe prints, save to a file first).';

/**
 * Whether `file` is there but is neither a regular file nor a folder. Read, such a file has no end: a
 * mapping, a sheet to import or a profile given as /dev/zero or /dev/full grew until the system killed the
 * command, or it aborted with `std::bad_alloc` (tester 361). Every reader of a file a person names asks
 * this before it reads (the callers word the refusal as their other messages are worded), and a folder is
 * left to them, each of which says what to give instead. Through a link, of what it leads to.
 */
export function isSpecialFile(file: string): boolean {
  try {
    const st = statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    // Not there, or not to be looked at: the read says so, as it did.
    return false;
  }
}

/**
 * Refuses to overwrite `file` without --force (`also`: what else --force would overwrite with it), and a
 * folder or a device whatever --force says: "add --force" was the advice, and with it the folder was refused.
 */
export function refuseExisting(file: string, also = '', name?: string): void {
  refuseNotAFile(file, name);
  if (existsSync(file))
    throw new UserError(
      `${file} exists already.`,
      `choose another --out, or add --force to overwrite it${also ? ` and ${also}` : ''}.`,
    );
}

/**
 * `writeFileSync` whose failure names the file: Node names none when a write, not the open, fails (a disk
 * that fills while a report is written said only "The disk is full": tester 146).
 */
export function writeNamed(file: string, data: string): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    if (e instanceof Error && (e as NodeJS.ErrnoException).path === undefined)
      Object.assign(e, { path: file });
    throw e;
  }
}
