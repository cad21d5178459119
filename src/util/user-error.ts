import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

/**
 * An error caused by the user's input (a file, a profile, an argument), as opposed to a bug.
 * The CLI prints its message and hint without a stack trace and exits non-zero; anything else is a bug
 * and keeps its stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Figures a script reads from `--json` beside the message (tester 275: a refused ingest's counts). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'UserError';
  }

  override toString(): string {
    return this.hint ? `${this.message}\n  How to fix: ${this.hint}` : this.message;
  }
}

/**
 * The machine, not the input or the code: a full disk, a folder this user may not write, memory. Node
 * reports these by code, DuckDB in its message. Stores and output folders are replaced only when whole, so
 * what was there before is unchanged; the message says what ran out. `storeVersion`: whether the command
 * was writing a new version of a store's calls (store.ts, storeVersionBegun), which a full disk's advice
 * then speaks of.
 */
export function resourceError(e: unknown, storeVersion = true): UserError | null {
  // Already said for the user (a store that cannot be written, a folder that cannot be made): wrapped again,
  // it read "Permission denied: Cannot write to the store S: permission denied", its own hint lost.
  if (!(e instanceof Error) || e instanceof UserError) return null;
  const code = (e as NodeJS.ErrnoException).code;
  const text = `${code ?? ''} ${e.message}`;
  // DuckDB names the file it could not write in its message, in quotes (tester 144: "The disk is full"
  // named no disk).
  const path = (e as NodeJS.ErrnoException).path ?? /"(\/[^"]+)"/.exec(e.message)?.[1];
  const where = path ? ` (${path})` : '';
  const kept = 'The store and any output folder are replaced only when whole, so they are as they were.';
  // A shell left in a folder deleted or moved under it (a release folder replaced): every relative path
  // failed with a stack trace (tester 101).
  if ((e as NodeJS.ErrnoException).syscall === 'uv_cwd')
    return new UserError(
      `The current folder no longer exists (it was deleted or moved), so no relative path can be read. ${kept}`,
      '`cd` to a folder that exists, or give absolute paths.',
    );
  if (/ENOSPC|No space left on device/i.test(text))
    return (
      ((!path || path.startsWith(`${tmpdir()}/`)) && fullTempFolder()) ||
      new UserError(
        `The disk is full${where}. ${kept}`,
        // Not only the store's: an --out that filled read as advice about store versions (tester 223), and a
        // command that writes no version of a store's calls (analyze --no-save) is told of none (tester 272).
        `free some space (${storeVersion ? 'a store needs room for a new version of its calls beside the current one, and an output folder' : 'an output folder needs room'} for its new files beside the old ones until they replace them) or use a folder on another disk, then run the command again.`,
      )
    );
  // A file size limit (ulimit -f) a file would pass: an internal error in synth, report and profile init
  // (tester 130), where stdout's was said already.
  if (/EFBIG|File too large/i.test(text))
    return new UserError(
      `A file would pass the size limit set for this process${where}. ${kept}`,
      'raise the limit (`ulimit -f unlimited`) or write to where none applies, then run the command again.',
    );
  if (/EACCES|EPERM|EROFS|Permission denied|Read-only file system/i.test(text)) {
    const readOnly = /EROFS|Read-only file system/i.test(text);
    const first = (e.message.split('\n')[0] ?? '').replace(/[.\s]+$/, '');
    // A file that cannot be read is as often an input as an output (tester 202: a CSV no one may read was
    // told to choose another --store).
    return new UserError(
      `${readOnly ? 'The file system is read-only' : 'Permission denied'}${where}: ${first}. ${kept}`,
      readOnly
        ? 'choose a folder on a disk that can be written (--store, --out).'
        : `run as a user who may read and write ${path ? 'it' : 'there'}, or change its permissions (\`chmod\`), or choose another file or folder.`,
    );
  }
  // A name longer than the file system allows, and a folder where a file was expected: internal errors in
  // eight commands (tester 202).
  if (code === 'ENAMETOOLONG')
    return new UserError(
      `A file or folder name is longer than the file system allows${where ? ` (${path!.slice(0, 120)}...)` : ''}. ${kept}`,
      'use a shorter name (at most 255 bytes for each part of a path).',
    );
  if (code === 'EISDIR')
    return new UserError(
      `${path ? `${path} is a folder` : 'A folder was given'} where a file was expected. ${kept}`,
      "give a file's path, not a folder's, in the options that name files (such as --mapping, --profile or --in).",
    );
  if (/Out of Memory|could not allocate/i.test(text)) {
    // DuckDB ran out within its limit (what it could not spill): a higher limit is the fix, a lower one the
    // cause (1KB read "set SAFEGAP_MEMORY_LIMIT lower").
    const limit = process.env.SAFEGAP_MEMORY_LIMIT?.trim();
    return new UserError(
      `Out of memory: ${e.message.split('\n')[0]}. ${kept}`,
      `${limit ? `raise SAFEGAP_MEMORY_LIMIT (it is ${limit})` : 'DuckDB may use 1GB unless told otherwise: raise that with SAFEGAP_MEMORY_LIMIT'}, for example SAFEGAP_MEMORY_LIMIT=4GB, as far as the machine's free memory allows; or close other programs.`,
    );
  }
  return null;
}

/**
 * The temporary folder's disk, when it is nearly full: DuckDB spills there and Chromium prints through it,
 * and their errors name no file, so a full TMPDIR read as a full store, or as Chromium's "Protocol error"
 * (tester 130). Null when it has room (64 MB or more) or cannot be read.
 */
export function fullTempFolder(dir = tmpdir()): UserError | null {
  let free: number;
  try {
    const s = statfsSync(dir);
    free = s.bavail * s.bsize;
  } catch {
    return null;
  }
  if (free >= 64 * 1024 * 1024) return null;
  return new UserError(
    `The temporary folder ${dir}, where safegap keeps its scratch files, ran out of room: its disk has ${Math.floor(free / 1024).toLocaleString('en-US')} KB free. Nothing is left half-written: stores and output folders are replaced only when whole.`,
    `free some space there, or set TMPDIR to a folder on a disk with room, then run the command again.`,
  );
}

/**
 * A file a person named (`option` `given`: `--out report.csv`) that could not be written, or null when `e`
 * is not one of the machine's refusals. resourceError's words are of the store and output folders, which
 * such a command never touches; this names the file (`e.path`: the file itself, or one written beside it).
 */
export function cannotWriteFile(option: string, given: string, e: unknown): UserError | null {
  if (!(e instanceof Error) || e instanceof UserError) return null;
  const { code, path } = e as NodeJS.ErrnoException;
  const why =
    refusal(code) ??
    (code === 'ENOENT'
      ? 'no file can be made there'
      : code === 'ENOTDIR'
        ? 'a part of that path is a file, not a folder'
        : null);
  if (!why) return null;
  // The copy written beside the file to be renamed over it (writeWhole) is the file, to the user.
  const what =
    path && resolve(path) !== resolve(given) && !path.endsWith(`.tmp-${process.pid}`) ? path : 'the file';
  return new UserError(
    `${option} ${given}: cannot write ${what}: ${why} (${code}).`,
    code === 'EACCES' || code === 'EPERM'
      ? `give ${option} a file in a folder you may write to, or run as a user who may write there.`
      : code === 'ENOSPC'
        ? `free some space, or give ${option} a file on another disk.`
        : code === 'ENOTDIR'
          ? `give ${option} a file in a folder.`
          : `give ${option} a file on an ordinary disk that can be written.`,
  );
}

/** The machine's refusal to write, in words (permission, a read-only file system, a full disk), or null. */
export function refusal(code: string | undefined): string | null {
  return code === 'EACCES' || code === 'EPERM'
    ? 'permission denied'
    : code === 'EROFS'
      ? 'the file system is read-only'
      : code === 'ENOSPC'
        ? 'the disk is full'
        : null;
}
