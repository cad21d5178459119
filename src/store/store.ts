/**
 * A store is a directory of immutable versions plus a pointer to the current one:
 *
 *   store/CURRENT                  name of the current version (replaced by an atomic rename)
 *   store/versions/v000002/        calls/<source>.parquet, manifest.json
 *   store/quarantine/run-0002.csv  rows an ingest run could not load, with reasons
 *   store/work/                    scratch space of a running ingest (spill files, pass-1 Parquet)
 *
 * A writer builds a whole new version under a temporary name, renames the directory into place and only then
 * renames CURRENT.tmp over CURRENT. A process killed at any point leaves CURRENT naming a complete version,
 * so readers never see half-written state; leftovers are swept by the next writer.
 */
import {
  accessSync,
  constants,
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  readlinkSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { pidAlive, removeLeftovers } from '../util/leftovers.js';
import { UserError } from '../util/user-error.js';
import { makeFolders } from '../util/publish.js';
import { isSpecialFile, NOT_REGULAR, writeNamed } from '../util/write-file.js';
import { literal } from '../util/sql.js';
import { CALL_COLUMNS } from './calls-schema.js';
import { openEngine, queryRows } from './duckdb.js';
import { listInWords, shellWord } from '../util/words.js';
import { currentVersion } from './current-version.js';

export interface FileRecord {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  skipped?: string;
}

export interface RunRecord {
  run: number;
  started_at: string;
  finished_at: string;
  source: string;
  profile_sha256: string;
  files: FileRecord[];
  inserted: number;
  replaced: number;
  quarantine_file: string | null;
  time: Record<string, number>;
  /** Calls this run replaced in the store that lost a time the store had (an older export over a newer). */
  lost_times?: number;
  /**
   * SHA-256 of the files whose records were overwritten with older ones: this run's files whose calls a
   * later file of the run replaced, losing a time, and earlier runs' files whose records this run replaced
   * with ones that lost a time or went back. Ingest loads such a file again rather than skip it.
   */
  overwritten_files?: string[];
  /** Set by runs that record earlier runs' files in `overwritten_files` (runs before that did not). */
  reverted_files?: true;
  /** Calls this run replaced in the store whose record changed (in a time or another value). */
  changed?: number;
  /**
   * Calls the store held, received within the span of one of this run's files, that the files did not hold
   * and that were kept (an export replaces calls by id and removes none): a corrected re-export that
   * withdrew calls. Set when the run replaced calls; the warning saying so was the only record of it.
   */
  kept_not_in_files?: number;
  /**
   * When the run's export looked older than the records it replaced (ingest.ts, replacedChanges): the
   * calls replaced that went back and forward, and the latest times, local, of the export and of the
   * stored records it replaced.
   */
  older_export?: { reverted: number; forward: number; latest: string | null; stored_latest: string | null };
}

export interface StoreManifest {
  format: 'safegap-store';
  format_version: 1;
  version: string;
  created_at: string;
  runs: RunRecord[];
  /** Profiles used, by sha256 of their text, so any figure can be traced to the mapping that made it. */
  profiles: Record<string, { source: string; name: string; text: string }>;
  /**
   * Calls per source in this version, and its calls file with the file's size as committed (absent in
   * stores written before stop 60): another calls file copied over it is found by its size (tester 367).
   * `tail_sha256`, the SHA-256 of the file's last `tail_bytes` (the whole file up to WHOLE, its last TAIL
   * beyond; TAIL where `tail_bytes` is absent; both absent in stores written before them), finds one of the
   * same size and shape, which its size and DuckDB's DESCRIBE did not: an edited copy, or another store's
   * file of as many calls.
   */
  sources: Record<
    string,
    { calls: number; file: string; bytes?: number; tail_sha256?: string; tail_bytes?: number }
  >;
}

export interface StoreState {
  dir: string;
  versionDir: string;
  manifest: StoreManifest;
}

const versionName = (n: number) => `v${String(n).padStart(6, '0')}`;

function emptyManifest(): StoreManifest {
  return {
    format: 'safegap-store',
    format_version: 1,
    version: versionName(0),
    created_at: new Date().toISOString(),
    runs: [],
    profiles: {},
    sources: {},
  };
}

/** The current state of a store, or null when the directory holds none yet. */
/** A version an ingest is writing, or left unfinished: its name and the writer's process. */
const PARTIAL = /^(v\d+)\.partial-(\d+)$/;

export function readStore(dir: string): StoreState | null {
  const root = resolve(dir);
  if (existsSync(root) && !statSync(root).isDirectory())
    throw new UserError(
      `${dir} ${isSpecialFile(root) ? NOT_REGULAR : 'is a file'}, not a safegap store.`,
      'give a directory (new or a store) for --store.',
    );
  const pointer = join(root, 'CURRENT');
  if (!existsSync(pointer)) {
    if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(join(root, 'versions')))
      throw new UserError(
        `${dir} is not a safegap store (it has files but no CURRENT pointer).`,
        'choose an empty or new directory for --store.',
      );
    return null;
  }
  // A CURRENT that is a folder was "a folder given where a file was expected (such as --mapping)", and an
  // empty one named version ``; both with no command to mend them (tester 224).
  // The version CURRENT names is left out of the advice: a manifest that is whole but unreadable was
  // advised back to itself (tester 231).
  // `store use`, not `echo v000006 > CURRENT`: it checks the version is whole and takes the lock, which the
  // hand edit did not (tester 393). A folder with anything in it is for the user to remove (store use
  // replaces an empty one).
  const pointedAt = (why: string, broken?: string) => {
    const whole = wholeVersions(dir).filter((v) => v !== broken);
    const folder = statSync(pointer).isDirectory() && readdirSync(pointer).length > 0;
    return new UserError(
      `The store \`${dir}\` is damaged: its CURRENT ${why}.`,
      whole.length
        ? `point CURRENT at the newest whole version: \`${folder ? `rm -r ${shellWord(pointer)} && ` : ''}${useCommand(dir, whole.at(-1)!)}\`, then run this again (or ingest again into a new store).`
        : `no ${broken === undefined ? '' : 'other '}version of the store has a manifest.json, so none can be pointed at: ingest again into a new store.`,
    );
  };
  if (statSync(pointer).isDirectory())
    throw pointedAt('is a folder, not the file naming the current version');
  const version = readFileSync(pointer, 'utf8').trim();
  if (version === '') throw pointedAt('file is empty: it names no version');
  // A path was followed out of the store: `../../other/versions/v000001` read another store's calls as
  // this one's (tester 231).
  if (!/^v\d+$/.test(version))
    throw pointedAt(
      `file names \`${version}\`, which is not a version of this store: it names a folder of versions/, such as v000001`,
    );
  const versionDir = join(root, 'versions', version);
  // A version that is a link led to another store's calls, read as this one's, and the next ingest removed
  // the link and failed on files it could not find (tester 238). safegap never makes one.
  if (isLink(versionDir))
    throw pointedAt(
      `file names version \`${version}\`, which is a link (to ${readlinkSync(versionDir)}), not a folder of this store`,
      version,
    );
  let manifest: StoreManifest;
  try {
    manifest = JSON.parse(readFileSync(join(versionDir, 'manifest.json'), 'utf8')) as StoreManifest;
  } catch (e) {
    // A manifest no one may read is no damage: re-ingesting on that advice was needless (tester 202).
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new UserError(
        `Permission denied: the store \`${dir}\` cannot be read by this user (${(e as Error).message.split('\n')[0]}).`,
        'run as the user who wrote the store, or give this one read access to its folder (`chmod -R u+rX`, or the group and other bits).',
      );
    // A version long removed is no damage: `echo v000001 > CURRENT` for one the ingests had swept away was
    // "damaged ... manifest cannot be read (ENOENT...)" (tester 391). Its folder gone, the store holds what
    // it did; CURRENT names what it does not.
    if (code === 'ENOENT' && !existsSync(versionDir)) throw notHeld(dir, version);
    // safegap only ever points CURRENT at a complete version: the store was changed by hand or damaged.
    throw pointedAt(
      `file names version \`${version}\`, whose manifest cannot be read (${(e as Error).message.split('\n')[0]})`,
      version,
    );
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    throw pointedAt(`file names version \`${version}\`, whose manifest is not a JSON object`, version);
  // `{}` was "in a format this safegap does not know (undefined version undefined)" (tester 231).
  if (manifest.format === undefined && manifest.format_version === undefined)
    throw pointedAt(`file names version \`${version}\`, whose manifest names no format`, version);
  // A store written by a later safegap may hold what this one would misread or drop on its next write.
  if (manifest.format !== 'safegap-store' || manifest.format_version !== 1)
    throw new UserError(
      `The store \`${dir}\` is in a format this safegap does not know (${String(manifest.format)} version ${String(manifest.format_version)}; this one reads safegap-store version 1).`,
      'use the safegap that made the store, or ingest the exports again into a new store.',
    );
  const missing = (['version', 'runs', 'profiles', 'sources'] as const).filter(
    (k) => manifest[k] === undefined || manifest[k] === null,
  );
  if (missing.length) {
    const other = wholeVersions(dir).filter((v) => v !== version);
    throw new UserError(
      `The store \`${dir}\` is damaged: the manifest of ${version} lacks ${missing.join(', ')}.`,
      other.length
        ? `point CURRENT at the newest other whole version: \`${useCommand(dir, other.at(-1)!)}\`, then run this again (or ingest again into a new store).`
        : 'no other version of the store is whole: ingest again into a new store.',
    );
  }
  for (const [source, entry] of Object.entries(manifest.sources)) {
    const file = typeof entry?.file === 'string' ? entry.file : null;
    const why =
      file === null
        ? 'is not named in its manifest'
        : callsFileFault(join(versionDir, file), entry.bytes, entry.tail_sha256, entry.tail_bytes);
    if (why)
      throw new UserError(
        `The store \`${dir}\` is damaged: the calls file of ${source} in version \`${version}\`${file === null ? '' : `, ${join(dir, 'versions', version, file)},`} ${why}.`,
        'safegap never changes a version it has committed, so something else did: restore the file from a backup, or ingest the exports again into a new store.',
      );
  }
  const state = { dir: root, versionDir, manifest };
  opened.set(root, { given: dir, state });
  return state;
}

/** The stores this process has read, by folder (as given, and their state): for damagedStore. */
const opened = new Map<string, { given: string; state: StoreState }>();

/**
 * The store's damage behind a failure of DuckDB's, or null: a calls file whole at both ends (callsFileFault)
 * but damaged inside, a page overwritten, ended in DuckDB's "TProtocolException: Invalid data" or "don't
 * know what type", an internal error naming no file, in whichever command read it. Each calls file of the
 * stores read is then read in full; the first that cannot be is named. So is one of another shape (an
 * analysis table's Parquet copied over it was a Binder Error, `"call_id" not found`, tester 361), by the
 * columns its footer declares: asked only after a failure, it costs the commands that succeed nothing.
 */
export async function damagedStore(e: unknown): Promise<UserError | null> {
  if (!(e instanceof Error) || e instanceof UserError) return null;
  // DuckDB's errors are named by their kind ("Invalid Error: ...", "IO Error: ..."); a bug of safegap's is not.
  if (!/^[A-Z][A-Za-z ]*Error: /.test(e.message)) return null;
  return storeDamage();
}

/** The damage of the stores this process has read (damagedStore), or null: for a failure of its own kind. */
export async function storeDamage(): Promise<UserError | null> {
  if (opened.size === 0) return null;
  const conn = await openEngine();
  try {
    for (const { given, state } of opened.values())
      for (const [source, entry] of Object.entries(state.manifest.sources)) {
        const path = join(state.versionDir, entry.file);
        const damaged = (why: string) =>
          new UserError(
            `The store \`${given}\` is damaged: the calls file of ${source} in version \`${state.manifest.version}\`, ${join(given, 'versions', state.manifest.version, entry.file)}, ${why}.`,
            'safegap never changes a version it has committed, so something else did: restore the file from a backup, or ingest the exports again into a new store.',
          );
        try {
          const names = (
            await queryRows<{ column_name: string }>(
              conn,
              `DESCRIBE SELECT * FROM read_parquet(${literal(path)})`,
            )
          ).map((r) => r.column_name);
          const missing = CALL_COLUMNS.map((c) => c.name).filter((c) => !names.includes(c));
          const list = (cols: string[]) =>
            cols.length > 6 ? `${cols.slice(0, 6).join(', ')} and ${cols.length - 6} more` : cols.join(', ');
          if (missing.length)
            return damaged(
              `is not a calls file: it lacks the column${missing.length === 1 ? '' : 's'} ${list(missing)} (it has ${names.length ? list(names) : 'none'})`,
            );
          await conn.run(`SELECT count(*), max(hash(COLUMNS(*))) FROM read_parquet(${literal(path)})`);
        } catch (bad) {
          return damaged(
            `cannot be read (${String((bad as Error).message).split('\n')[0]}): it is whole at both ends but damaged inside`,
          );
        }
      }
  } finally {
    conn.closeSync();
  }
  return null;
}

/**
 * How much of a calls file's end its fingerprint covers. Parquet keeps its footer there, with every row
 * group's statistics and offsets, so two different files almost never end alike; reading 64 KiB costs every
 * command the same whatever the store's size, where a digest of the whole file would read all of it.
 */
const TAIL = 64 * 1024;

/**
 * The largest calls file fingerprinted whole: the footer is the same for a file whose values were swapped
 * or edited where its pages and statistics keep their sizes (tester 374: two priorities swapped in
 * Burlington's file gave other figures with the same size and last 64 KiB). SHA-256 runs at about 2 GB/s
 * here, so a file of this size costs a command about 0.15 s; beyond it (the 10M-call benchmark store's 422
 * MB) only the tail is read.
 */
const WHOLE = 256 * 2 ** 20;

/** How many bytes of a calls file of `size` bytes its fingerprint covers. */
const fingerprinted = (size: number) => (size <= WHOLE ? size : TAIL);

/** The SHA-256 of the last `n` bytes (all, when fewer) of the open file `fd` of `size` bytes. */
function tailSha256(fd: number, size: number, n = TAIL): string {
  n = Math.min(size, n);
  // Read a mebibyte at a time: a whole file of 256 MiB is not held at once.
  const chunk = Buffer.alloc(Math.min(n, 2 ** 20));
  const hash = createHash('sha256');
  for (let at = size - n; at < size;) {
    const read = readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
    if (read === 0) break;
    hash.update(chunk.subarray(0, read));
    at += read;
  }
  return hash.digest('hex');
}

/**
 * Why a store's calls file cannot be read, or null. One cut short or removed was DuckDB's "No magic bytes"
 * or "No files found", an internal error, in every command; a Parquet file begins with PAR1 and ends with
 * its footer's length and PAR1, which is cheap to check before any reading.
 */
function callsFileFault(path: string, bytes?: number, tailDigest?: string, tailBytes = TAIL): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'is missing';
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return stat.isDirectory() ? 'is a folder, not a file' : NOT_REGULAR;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    if (stat.size >= 12) {
      readSync(fd, head, 0, 4, 0);
      readSync(fd, tail, 0, 8, stat.size - 8);
    }
    const whole =
      head.toString('latin1') === 'PAR1' &&
      tail.toString('latin1', 4) === 'PAR1' &&
      tail.readUInt32LE(0) + 12 <= stat.size;
    if (!whole) return `is not a whole Parquet file (${stat.size} bytes; cut short or overwritten)`;
    // Another calls file, of another source or version, copied over it: every command read it as this
    // source's, with a total of calls beside its manifest's count (tester 367: a diverted share of 32.1%
    // for 3.8%), and the next ingest committed it.
    if (typeof bytes === 'number' && stat.size !== bytes)
      return `is not the file this version wrote (${stat.size} bytes where its manifest says ${bytes}): another file was copied over it`;
    // One of the same size and columns, an edited copy or another store's file of as many calls, was read
    // as this source's without a word: its size and DuckDB's DESCRIBE (storeDamage) are the same.
    if (typeof tailDigest === 'string' && tailSha256(fd, stat.size, tailBytes) !== tailDigest)
      return `is not the file this version wrote (${stat.size} bytes, as its manifest says, but ${stat.size > tailBytes ? `its last ${tailBytes} bytes differ` : 'its bytes differ'} from those its manifest's tail_sha256 recorded): another file was copied over it, or it was changed in place`;
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The store a command reads (`option`: how it was given, `--store` or `--calls`), or a UserError saying what
 * is there instead: a folder that is no store was told ingest's advice ("choose an empty or new directory",
 * "create one").
 */
export function requireStore(dir: string, option = '--store'): StoreState {
  const root = resolve(dir);
  const isDir = existsSync(root) && statSync(root).isDirectory();
  if (
    existsSync(root) &&
    !existsSync(join(root, 'CURRENT')) &&
    !(isDir && existsSync(join(root, 'versions')))
  ) {
    const entries = isDir ? readdirSync(root).sort() : [];
    const held = entries
      .slice(0, 3)
      .map((e) => `\`${e}\``)
      .join(', ');
    throw new UserError(
      !isDir
        ? `${dir} ${isSpecialFile(root) ? NOT_REGULAR : 'is a file'}, not a safegap store.`
        : entries.length === 0
          ? `${dir} is an empty folder, not a safegap store.`
          : `${dir} is not a safegap store: it has no CURRENT file (it holds ${held}${entries.length > 3 ? `, and ${entries.length - 3} more` : ''}).`,
      `give ${option} the folder of a store, the one \`safegap ingest\` was given as --store (it holds CURRENT and versions/)${option === '--calls' ? ', or a CSV or Parquet export' : ''}.`,
    );
  }
  const state = readStore(dir);
  // A mistyped path was told to "create one" there.
  if (!state && !existsSync(dir))
    throw new UserError(
      `${dir} does not exist: there is no safegap store there.`,
      'check the path given as --store; `safegap ingest FILE --profile P --store DIR` makes a store.',
    );
  // Made by an ingest that has not committed a version yet: its first, still running (it holds the lock),
  // or refused or stopped, where "wait for the ingest to finish" sent the user waiting for nothing.
  if (!state) {
    const holder = liveLockHolder(dir);
    // A whole version without CURRENT is a store whose pointer was lost (deleted by hand): ingesting into
    // it on the advice below removed that version and its calls (tester 202).
    const whole = versionsWithManifest(dir);
    if (holder === null && whole.length) throw lostPointer(dir, whole);
    // The version a stopped first ingest left is named, as `store info` names one of a later ingest (tester
    // 238: "refused or stopped" after kill -9, its partial version unmentioned).
    const versions = join(dir, 'versions');
    const partial = (existsSync(versions) ? readdirSync(versions) : [])
      .map((n) => PARTIAL.exec(n))
      .find((m) => m !== null);
    if (holder === null)
      throw new UserError(
        partial
          ? `${dir} holds no calls: its first ingest (process ${partial[2]}) was stopped before it finished, leaving ${join('versions', partial[0])}, which the next ingest removes; no ingest into it has finished (it has no CURRENT file).`
          : `${dir} holds no calls: no ingest into it has finished (it has no CURRENT file), and none is running; the first was refused or stopped.`,
        'ingest into it: `safegap ingest FILE --profile P --store DIR` (a refused ingest said why, and its quarantine file, if any, is in the store).',
      );
    throw new UserError(
      `${dir} holds no calls yet: its first ingest (process ${holder}) is still running.`,
      'wait for the ingest to finish, then run this again.',
    );
  }
  return state;
}

/**
 * The versions of a store that `store use` would point CURRENT at (listVersions), oldest first; none where
 * it has no versions/ folder. A manifest there but unreadable was advised, and store use then refused it.
 */
function wholeVersions(dir: string): string[] {
  return statSync(join(resolve(dir), 'versions'), { throwIfNoEntry: false })?.isDirectory()
    ? listVersions(dir).versions.map((v) => v.version)
    : [];
}

/** The versions of a store with a manifest.json, oldest first: a store whose pointer was lost holds them. */
function versionsWithManifest(dir: string): string[] {
  const versions = join(resolve(dir), 'versions');
  return existsSync(versions)
    ? readdirSync(versions)
        .filter((v) => /^v\d+$/.test(v) && existsSync(join(versions, v, 'manifest.json')))
        .sort()
    : [];
}

/** The command that points a store's CURRENT at a version (useVersion). */
function useCommand(dir: string, version: string): string {
  return `safegap store use ${version} -s ${shellWord(dir)}`;
}

/** A store whose CURRENT is gone (deleted by hand, or a first ingest killed just before writing it). */
function lostPointer(dir: string, whole: string[]): UserError {
  const usable = wholeVersions(dir);
  return new UserError(
    `${dir} has no CURRENT file, but holds ${whole.length === 1 ? 'a whole version' : `${whole.length} whole versions`} (${whole.map((v) => `\`${v}\``).join(', ')}): its pointer was lost. An ingest into it now would begin from an empty store and remove ${whole.length === 1 ? 'it' : 'them'}.`,
    usable.length
      ? `point CURRENT at the newest: \`${useCommand(dir, usable.at(-1)!)}\`, then run this again (or, to start afresh, give another --store).`
      : `none of them is whole (\`safegap store versions -s ${shellWord(dir)}\` says why): give another --store, and ingest the exports again into it.`,
  );
}

/** A view `calls` over the store's current version (the canonical columns, every source). */
export async function attachCalls(
  conn: DuckDBConnection,
  state: StoreState,
  viewName = 'calls',
): Promise<void> {
  const files = Object.values(state.manifest.sources).map((s) => join(state.versionDir, s.file));
  const cols = CALL_COLUMNS.map((c) => c.name).join(', ');
  const body =
    files.length === 0
      ? `SELECT ${CALL_COLUMNS.map((c) => `NULL::${c.type} AS ${c.name}`).join(', ')} WHERE false`
      : `SELECT ${cols} FROM read_parquet([${files.map(literal).join(', ')}])`;
  await conn.run(`CREATE OR REPLACE VIEW ${viewName} AS ${body}`);
}

/** A version a writer was building when it was stopped (killed), removed by the next writer. */
export interface Interrupted {
  version: string;
  /** The writer's process; null for a version newer than the current one (its CURRENT never moved). */
  pid: number | null;
  /** Of a version newer than the current one: whether it is whole, as `store versions` has it (inspectVersion). */
  whole?: boolean;
  /** Of one not whole: why, in `store versions`' words. */
  why?: string;
}

export interface Writer {
  dir: string;
  previous: StoreState | null;
  /** Versions earlier writers left unfinished, removed before this one began (tester 101: not said). */
  interrupted: Interrupted[];
  /**
   * The highest ingest run of the versions the store held when this writer began, newer ones than the
   * current included: this writer's run is numbered after it, as its version is after the highest version.
   */
  highestRun: number;
  manifest: StoreManifest;
  /** Where the new version is being built. */
  stagingDir: string;
  workDir: string;
  release(): void;
}

/**
 * Writers of this process, released if it is interrupted (Ctrl-C) so the store is left unlocked and clean.
 * The handlers are there only while a writer is: a program using the library keeps its own otherwise.
 */
const active = new Set<Writer>();
// SIGHUP too: a closed terminal or SSH session, the commonest end of a long ingest, left LOCK, work/ and the
// partial version behind, as a kill -9 does (tester 272).
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const onSignal = (signal: keyof typeof SIGNALS) => {
  for (const w of active) w.release();
  process.exit(SIGNALS[signal]);
};

function watchSignals(on: boolean): void {
  for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[])
    if (on) process.on(signal, onSignal);
    else process.off(signal, onSignal);
}

function cannotWrite(dir: string, e: unknown): UserError | null {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') return null;
  const readOnly = code === 'EROFS';
  return new UserError(
    `Cannot write to the store \`${dir}\`: ${readOnly ? 'the file system is read-only' : 'permission denied'}.`,
    readOnly
      ? 'give a --store on a disk that can be written.'
      : 'run as a user who may write to the store folder, or give another --store.',
  );
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why the store's folder `folder` (the store or one of its parents) could not be made, for the user:
 * cannotWrite's causes and a path's own faults.
 */
function cannotMake(dir: string, e: unknown, folder: string): UserError | null {
  const code = (e as NodeJS.ErrnoException).code;
  // A link to nothing exists as a link, so mkdir says EEXIST.
  if (isLink(folder))
    return new UserError(
      `Cannot make the store \`${dir}\`: a part of that path is a link to something that does not exist.`,
      'give a --store that is a folder, or a new name in one.',
    );
  // A part of the path that is a file: mkdir says ENOTDIR (or EEXIST), an internal error with a stack.
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new UserError(
      `Cannot make the store \`${dir}\`: a part of that path is a file, not a folder.`,
      'give a --store whose folders are folders (or a new name in one).',
    );
  if (code === 'ENOENT') {
    // On a read-only disk a folder may fail with ENOENT, not EROFS: ask the folder it goes in.
    try {
      accessSync(dirname(folder), constants.W_OK);
    } catch (a) {
      return cannotWrite(dir, a);
    }
    // Its parent is there and may be written, yet no folder can be made in it: a file system of the
    // system's own, such as /proc or /sys.
    return new UserError(
      `Cannot make the store \`${dir}\`: the folder ${folder} cannot be made in ${dirname(folder)} (${code}), a folder that holds no folders of yours (such as /proc or /sys).`,
      'give a --store on an ordinary disk, in a folder you can write to.',
    );
  }
  return cannotWrite(dir, e);
}

/**
 * Take the store's write lock: create LOCK holding this process's id. A lock whose process is gone is
 * taken over by renaming it aside and checking that what was renamed is that lock, not one another process
 * took over meanwhile (which is then put back).
 */
function takeLock(dir: string, lock: string): void {
  // LOCK appears with the process id already in it (a file written aside, then linked): an empty LOCK
  // was another writer's between its creation and its write, and read as stale.
  const mine = `${lock}.new-${process.pid}`;
  try {
    writeFileSync(mine, String(process.pid));
  } catch (e) {
    throw cannotWrite(dir, e) ?? e;
  }
  try {
    takeLockWith(dir, lock, mine);
  } finally {
    rmSync(mine, { force: true });
  }
}

function takeLockWith(dir: string, lock: string, mine: string): void {
  let text = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      linkSync(mine, lock);
      return;
    } catch (e) {
      const denied = cannotWrite(dir, e);
      if (denied) throw denied;
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // Anything but a file of that name is none of safegap's: a folder was an internal error (tester 127), a
    // link to nothing "another process" for ever, and a named pipe hung the read past any Ctrl-C (tester 130).
    const kind = lockKind(lock);
    if (kind === null) continue; // released between the link and the look: try again
    if (kind !== 'file')
      throw new UserError(
        `The store \`${dir}\` has ${kind} named LOCK, where safegap keeps the file that says which process writes the store.`,
        `if it is nothing of yours, remove it (\`rm -r ${lock}\`) and run again.`,
      );
    try {
      text = readFileSync(lock, 'utf8');
    } catch (e) {
      // Released between the look and the read: try again.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (liveHolder(text) !== null) break;
    const aside = `${lock}.stale-${process.pid}`;
    try {
      renameSync(lock, aside);
    } catch {
      continue; // another process moved it first
    }
    if (readFileSync(aside, 'utf8') !== text) {
      // Not the stale lock: a live process's, taken over between the read and the rename. Put it back.
      try {
        linkSync(aside, lock);
      } catch {
        // A third process holds LOCK now; the one moved aside is lost to its owner either way.
      }
      rmSync(aside, { force: true });
      break;
    }
    rmSync(aside, { force: true });
  }
  throw lockedBy(dir, lock, text.trim());
}

/** What the store's LOCK is, without following a link or opening it; null when there is none. */
function lockKind(lock: string): 'file' | 'a folder' | 'a link' | 'something other than a file' | null {
  try {
    const st = lstatSync(lock);
    return st.isFile()
      ? 'file'
      : st.isDirectory()
        ? 'a folder'
        : st.isSymbolicLink()
          ? 'a link'
          : 'something other than a file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The running process a LOCK file's text names, or null (a stale lock, or no process id). */
function liveHolder(text: string): number | null {
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && running(pid) ? pid : null;
}

/**
 * Whether process `pid` runs: a killed writer its parent has not yet reaped (a zombie) still answers
 * kill(pid, 0), and its lock was taken for a running writer's, to be waited for (tester 272). Linux shows
 * the state in /proc/PID/stat (Z, or X: dead); elsewhere, or where it cannot be read, any process counts.
 */
export function running(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  // The state follows the command's name, in parentheses that may themselves hold spaces and parentheses.
  const state = stat.slice(stat.lastIndexOf(')') + 1).trim()[0];
  return state !== 'Z' && state !== 'X';
}

/** Whether this process has begun a new version of a store (beginWrite): resourceError's advice says so. */
let versionBegun = false;
export function storeVersionBegun(): boolean {
  return versionBegun;
}

/**
 * What stopped ingests left in a store, in words, for \`store info\` (tester 236: after a kill -9 it said
 * nothing; only the next ingest did): a version whose writer no longer runs, and whole versions newer than
 * the current one. Read only: the next ingest removes them.
 */
export function unfinishedIngests(state: StoreState): string[] {
  const versions = join(state.dir, 'versions');
  const at = state.manifest.version;
  const out: string[] = [];
  for (const name of readdirSync(versions).sort()) {
    const partial = PARTIAL.exec(name);
    if (partial && !running(Number(partial[2])))
      out.push(
        `An ingest (process ${partial[2]}) was stopped before it finished ${partial[1]}: the store is as it stood at ${at}, without that ingest's files; the next ingest removes what it left.`,
      );
    else if (/^v\d+$/.test(name) && Number(name.slice(1)) > Number(at.slice(1)))
      out.push(
        `The store holds ${name}, a version newer than its current one (CURRENT moved back by \`store use\` or by hand, or an ingest stopped just before it moved CURRENT): these figures are ${at}'s, and the next ingest removes ${name}.`,
      );
  }
  return out;
}

/** The running process a store's LOCK file names, or null (no lock, or a stale one). */
function liveLockHolder(dir: string): number | null {
  try {
    // Not a named pipe's read, which waits for a writer for ever.
    return lockKind(join(dir, 'LOCK')) === 'file'
      ? liveHolder(readFileSync(join(dir, 'LOCK'), 'utf8'))
      : null;
  } catch {
    return null;
  }
}

/** The command line of a running process, where the system shows it (Linux's /proc), else null. */
function commandOf(pid: number): string | null {
  try {
    const words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return words.length ? words.join(' ') : null;
  } catch {
    return null;
  }
}

/**
 * Why the lock could not be taken, saying what is known of the process its LOCK file names: every holder
 * was "another safegap process", also a program that took over the id of a killed safegap (whose lock is
 * then stale), and the advice "if no such process runs" did not fit a process that runs.
 */
function lockedBy(dir: string, lock: string, text: string): UserError {
  const pid = liveHolder(text);
  if (pid === null)
    // Taken over by another writer each time this one tried.
    return new UserError(
      `The store \`${dir}\` is being written by another process: its lock (${lock}) changed hands while this one tried to take it.`,
      'wait for the other ingest to finish, then run this one again.',
    );
  const command = commandOf(pid);
  const shown = command && command.length > 120 ? `${command.slice(0, 120)}...` : command;
  if (command === null)
    return new UserError(
      `The store \`${dir}\` is locked: its LOCK file names process ${pid}, which is running (what program it is cannot be seen).`,
      `if that is a safegap writing this store, wait for it to finish; if it is not (a killed safegap's lock whose process id was since reused), delete ${lock} and run again.`,
    );
  // Run as `node dist/cli/main.js` from a clone in a folder of another name, safegap is not in its command.
  if (/safegap|[\\/]cli[\\/]main\.[jt]s\b/i.test(command))
    return new UserError(
      `The store \`${dir}\` is being written by another safegap process (pid ${pid}: \`${shown}\`).`,
      `wait for it to finish; if it is not writing this store, delete ${lock} and run again.`,
    );
  return new UserError(
    `The store \`${dir}\` is locked: its LOCK file names process ${pid}, which is running but does not look like safegap (it is \`${shown}\`).`,
    `the lock is most likely stale, left by a safegap that was killed, its process id since reused by another program: if no safegap is writing this store, delete ${lock} and run again.`,
  );
}

/** Take the store's write lock and prepare a staging version. One writer at a time. */
export function beginWrite(dir: string): Writer {
  const root = resolve(dir);
  // Refuse a store that is no directory or is damaged before creating anything in it.
  readStore(root);
  versionBegun = true;
  const created = !existsSync(root);
  makeFolders(join(root, 'versions'), (e, failed) => cannotMake(dir, e, failed) ?? (e as Error));
  const lock = join(root, 'LOCK');
  takeLock(dir, lock);
  // From here every failure releases the lock: a folder of the store this user may not write (tester 272)
  // left LOCK behind, where Ctrl-C, SIGTERM and a full disk did not. The writer is watched for signals at
  // once, not after its folders are made.
  let writer: Writer | null = null;
  try {
    // Read only under the lock: a version read before it could be one another writer has since replaced,
    // and this writer would then sweep that writer's version away and build on the one before it.
    const previous = readStore(root);
    // Ingest went on, removed the version and its calls, and said so after (tester 202's store, again).
    const whole = previous ? [] : versionsWithManifest(root);
    if (whole.length) throw lostPointer(dir, whole);
    // After the highest whole version, even one newer than CURRENT that the sweep removes: its number again
    // made the analysis saved of it pass for the new version's (tester 130).
    const highest = Math.max(
      Number((previous?.manifest.version ?? 'v0').slice(1)),
      ...readdirSync(join(root, 'versions'))
        .filter((name) => /^v\d+$/.test(name))
        .map((name) => Number(name.slice(1))),
    );
    // Runs too: after a roll-back the next run took the number of a removed version's run, and a note or
    // an analysis naming run 3 could be taken for another run (tester 393). Read before the sweep removes
    // the versions newer than the current one.
    const highestRun = Math.max(
      0,
      ...(previous?.manifest.runs ?? []).map((r) => Number(r.run) || 0),
      ...readdirSync(join(root, 'versions'))
        .filter((name) => /^v\d+$/.test(name))
        .map((name) => lastRunOf(join(root, 'versions', name), name)),
    );
    const manifest: StoreManifest = structuredClone(previous?.manifest ?? emptyManifest());
    manifest.version = versionName(highest + 1);
    manifest.created_at = new Date().toISOString();
    const stagingDir = join(root, 'versions', `${manifest.version}.partial-${process.pid}`);
    const workDir = join(root, 'work', String(process.pid));
    const made: Writer = {
      dir: root,
      previous,
      interrupted: [],
      highestRun,
      manifest,
      stagingDir,
      workDir,
      release() {
        active.delete(made);
        if (active.size === 0) watchSignals(false);
        // Each step as far as it goes: one that fails (a folder this user may not write) does not keep
        // the lock from being released.
        quietly(() => rmSync(workDir, { recursive: true, force: true }));
        // The scratch folder goes with its last writer (docs/schema.md), not only at the next ingest.
        quietly(() => {
          if (readdirSync(join(root, 'work')).length === 0) rmSync(join(root, 'work'), { recursive: true });
        });
        quietly(() => rmSync(stagingDir, { recursive: true, force: true }));
        quietly(() => {
          if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
        });
        // A store this run created and did not commit to (the run was refused) is not left as an empty
        // shell, unless it holds what the run left to explain itself (a quarantine file).
        if (created)
          quietly(() => {
            if (readdirSync(root).join() === 'versions' && readdirSync(join(root, 'versions')).length === 0)
              rmSync(root, { recursive: true });
          });
      },
    };
    writer = made;
    if (active.size === 0) watchSignals(true);
    active.add(made);
    made.interrupted = sweep(root, previous);
    mkdirSync(join(stagingDir, 'calls'), { recursive: true });
    mkdirSync(workDir, { recursive: true });
    return made;
  } catch (e) {
    if (writer) writer.release();
    else quietly(() => rmSync(lock, { force: true }));
    throw cannotWriteIn(dir, e) ?? e;
  }
}

/**
 * The highest run a version's manifest records. Where it cannot be read, the version's number: a version
 * holds no run numbered beyond its own (each run's version is named after the highest held, which is at
 * least its run before), so the next run's number is still one never used.
 */
function lastRunOf(folder: string, name: string): number {
  try {
    const runs = (JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as StoreManifest).runs;
    if (Array.isArray(runs)) return Math.max(0, ...runs.map((r) => Number(r?.run) || 0));
  } catch {
    // Read as unreadable, below.
  }
  return Number(name.slice(1));
}

/** Runs `fn`, its failure ignored: cleaning up as far as it can, the rest left for the next run's sweep. */
function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // Gone already, in use, or not this user's to remove.
  }
}

/**
 * A store's folder this user may not write (permission denied, a read-only disk), found after the lock was
 * taken: named, as the folder whose permissions to change, not the path of what was to be made in it
 * (`versions/v000002.partial-26913/calls`, which never existed).
 */
function cannotWriteIn(dir: string, e: unknown): UserError | null {
  const { code, path, syscall } = e as NodeJS.ErrnoException;
  if ((code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') || typeof path !== 'string') return null;
  // What is removed or renamed is refused by the folder it is in; what is made, by the nearest folder
  // above it that exists.
  let folder = syscall === 'mkdir' || syscall === 'open' ? path : dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  if (syscall === 'open' && folder === path) folder = dirname(path);
  const root = resolve(dir);
  const inStore = relative(root, folder);
  const named =
    inStore === ''
      ? `the store's folder \`${dir}\``
      : `its folder ${inStore.split(sep).join('/')}/ (${folder})`;
  if (code === 'EROFS')
    return new UserError(
      `Cannot write to the store \`${dir}\`: ${named} is on a read-only file system (${code}). Nothing was committed; the store is as it was.`,
      'give a --store on a disk that can be written.',
    );
  // The fix depends on whose the folder is: its owner's own permission taken away (`chmod 555`) is given
  // back; another user's folder is written as that user, or opened to this one by its owner.
  let owner: number | null = null;
  try {
    owner = statSync(folder).uid;
  } catch {
    // Not to be seen: the advice names no owner.
  }
  const mine = owner !== null && owner === process.getuid?.();
  return new UserError(
    `Cannot write to the store \`${dir}\`: ${named} cannot be written by this user (permission denied, ${code}). Nothing was committed; the store is as it was, and not locked.`,
    mine
      ? `the folder is yours, without write permission: give it back (\`chmod u+w ${shellWord(folder)}\`), then run again.`
      : `run as the folder's owner${owner === null ? '' : ` (${userName(owner)})`}, or have the owner give this user write permission on it (\`chmod g+w\` or \`o+w\`, or \`chown\`), then run again.`,
  );
}

/** A user's name, from /etc/passwd where there is one, else `user id N`. */
function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid && id !== '') return `user ${name}`;
    }
  } catch {
    // No such file: not a Unix system, or a container without one.
  }
  return `user id ${uid}`;
}

/** Reuse an unchanged source's Parquet file in the new version without copying its bytes. */
export function carryOver(writer: Writer, file: string): void {
  if (!writer.previous) return;
  const from = join(writer.previous.versionDir, file);
  const to = join(writer.stagingDir, file);
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  try {
    fsyncFile(path);
  } catch {
    // Not every platform can fsync a directory; the renames are still atomic.
  }
}

/** Make the staged version current. After this returns, readers see it; before, they see the previous one. */
export function commit(writer: Writer): StoreState {
  const { dir, stagingDir, manifest } = writer;
  // When the version was written (docs/schema.md), not when its run began: beginWrite's time was the run's
  // start, seconds before (tester 342).
  manifest.created_at = new Date().toISOString();
  const manifestPath = join(stagingDir, 'manifest.json');
  // Named on failure: a disk that filled here said only "The disk is full" (tester 272).
  // A file not there is not sized here: the fsync below names it, after the manifest's own write.
  // A source carried over keeps its file, and has its fingerprint taken again: one from a store written
  // before `tail_sha256` gains it here.
  for (const f of Object.values(manifest.sources)) {
    const size = statSync(join(stagingDir, f.file), { throwIfNoEntry: false })?.size;
    if (size === undefined) continue;
    f.bytes = size;
    const fd = openSync(join(stagingDir, f.file), 'r');
    try {
      f.tail_bytes = fingerprinted(size);
      f.tail_sha256 = tailSha256(fd, size, f.tail_bytes);
    } finally {
      closeSync(fd);
    }
  }
  writeNamed(manifestPath, JSON.stringify(manifest, null, 2));
  for (const f of Object.values(manifest.sources)) fsyncFile(join(stagingDir, f.file));
  fsyncFile(manifestPath);
  const finalDir = join(dir, 'versions', manifest.version);
  renameSync(stagingDir, finalDir);
  fsyncDir(join(dir, 'versions'));
  if (process.env.SAFEGAP_FAULT === 'before-pointer') process.kill(process.pid, 'SIGKILL');
  const tmp = join(dir, 'CURRENT.tmp');
  try {
    if (process.env.SAFEGAP_FAULT === 'pointer-full')
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    writeNamed(tmp, manifest.version);
    fsyncFile(tmp);
    renameSync(tmp, join(dir, 'CURRENT'));
  } catch (e) {
    // CURRENT did not move (a disk that filled here left an empty CURRENT.tmp and the whole new version,
    // which the next run called a hand edit; tester 166): the new version is no version of the store.
    rmSync(tmp, { force: true });
    rmSync(finalDir, { recursive: true, force: true });
    throw e;
  }
  fsyncDir(dir);
  // Only now that the new version is current: removed at the start, the oldest went with a run stopped
  // before it committed, which said the store was as it was (tester 378). Counted from the version this run
  // began from, not its own, which is named after the highest found (a leftover the sweep removed may have
  // been a number or more beyond). What cannot be removed now is the next ingest's.
  const previous = Number((writer.previous?.manifest.version ?? 'v0').slice(1));
  quietly(() => {
    for (const name of readdirSync(join(dir, 'versions')))
      if (/^v\d+$/.test(name) && Number(name.slice(1)) < previous - 1)
        rmSync(join(dir, 'versions', name), { recursive: true, force: true });
  });
  return { dir, versionDir: finalDir, manifest };
}

/**
 * Remove what killed writers left, and versions older than the two before the current one (commit removes
 * the third oldest once the new version is current).
 */
function sweep(root: string, current: StoreState | null): Interrupted[] {
  const versions = join(root, 'versions');
  const keep = new Set<string>();
  if (current) {
    const n = Number(current.manifest.version.slice(1));
    keep.add(current.manifest.version);
    keep.add(versionName(n - 1));
    keep.add(versionName(n - 2));
  }
  const interrupted: Interrupted[] = [];
  const currentNumber = current ? Number(current.manifest.version.slice(1)) : 0;
  for (const name of readdirSync(versions)) {
    if (keep.has(name)) continue;
    const partial = PARTIAL.exec(name);
    if (partial) interrupted.push({ version: partial[1]!, pid: Number(partial[2]) });
    // CURRENT moved back by store use or by hand, or an ingest killed between its two renames: removed
    // without a word, it looked as if the new version had been written over (tester 127). Whole as `store
    // versions` has it: one whose manifest it could not read was called whole here (tester 393).
    else if (/^v\d+$/.test(name) && Number(name.slice(1)) > currentNumber) {
      const seen = inspectVersion(root, name);
      interrupted.push({
        version: name,
        pid: null,
        whole: !('why' in seen),
        ...('why' in seen ? { why: seen.why } : {}),
      });
    }
    rmSync(join(versions, name), { recursive: true, force: true });
  }
  rmSync(join(root, 'work'), { recursive: true, force: true });
  rmSync(join(root, 'CURRENT.tmp'), { force: true });
  // Lock files of writers killed while taking the lock.
  removeLeftovers(root, /^LOCK\.(?:new|stale)-(\d+)$/);
  return interrupted;
}

/** A whole version a store holds, from its manifest: for `store versions` and `store use` (tester 391). */
export interface HeldVersion {
  version: string;
  /** When it was written (its manifest's created_at). */
  created_at: string;
  /** The ingest run that wrote it: its manifest's last run (null for one of no run). */
  run: number | null;
  /** Calls per source: a call in several sources is in each, as `store info` counts records. */
  sources: Record<string, number>;
  /** The sum of `sources`: its calls, where there is one source. */
  records: number;
  current: boolean;
}

export interface StoreVersions {
  store: string;
  /** The version CURRENT names, held or not; null where there is no CURRENT. */
  current: string | null;
  /** Its whole versions, oldest first. */
  versions: HeldVersion[];
  /** The folders of versions/ that are no whole version, and why: `store use` refuses them. */
  not_whole: { version: string; why: string }[];
}

/** A folder of versions/ read as `store use` would point CURRENT at it: its manifest, or why it is none. */
function inspectVersion(root: string, name: string): { manifest: StoreManifest } | { why: string } {
  const partial = PARTIAL.exec(name);
  if (partial)
    return {
      why: `an ingest's unfinished ${partial[1]!} (process ${partial[2]!}), which the next ingest removes`,
    };
  const folder = join(root, 'versions', name);
  if (isLink(folder)) return { why: 'a link, not a folder of this store' };
  if (!statSync(folder).isDirectory()) return { why: 'a file, not a version' };
  let manifest: StoreManifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as StoreManifest;
  } catch (e) {
    return { why: `its manifest cannot be read (${(e as Error).message.split('\n')[0]})` };
  }
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    manifest.format !== 'safegap-store' ||
    manifest.format_version !== 1
  )
    return { why: 'its manifest is not one of a safegap-store of format version 1' };
  const missing = (['version', 'runs', 'profiles', 'sources'] as const).filter(
    (k) => manifest[k] === undefined || manifest[k] === null,
  );
  if (missing.length) return { why: `its manifest lacks ${missing.join(', ')}` };
  for (const [source, entry] of Object.entries(manifest.sources)) {
    const fault =
      typeof entry?.file === 'string'
        ? callsFileFault(join(folder, entry.file), entry.bytes, entry.tail_sha256, entry.tail_bytes)
        : 'is not named in its manifest';
    if (fault) return { why: `its calls file of ${source} ${fault}` };
  }
  return { manifest };
}

/** The store's folder of versions, or the refusal of a folder that is no store (requireStore's words). */
function versionsFolder(dir: string): string {
  const versions = join(resolve(dir), 'versions');
  if (existsSync(versions) && statSync(versions).isDirectory()) return versions;
  requireStore(dir);
  throw new UserError(
    `${dir} holds no versions: it has no versions/ folder.`,
    'give --store the folder of a store, the one `safegap ingest` was given as --store.',
  );
}

/**
 * Every version a store holds, read from their manifests, and which CURRENT names: `ls STORE/versions`
 * was the only way to see what a rollback could go to (tester 391). Read even where CURRENT is damaged or
 * names a version gone, so the advice of that refusal can be followed.
 */
export function listVersions(dir: string): StoreVersions {
  const root = resolve(dir);
  const names = readdirSync(versionsFolder(dir))
    .filter((n) => /^v\d+$/.test(n) || PARTIAL.test(n))
    .sort((a, b) => Number(a.slice(1).split('.')[0]) - Number(b.slice(1).split('.')[0]) || (a < b ? -1 : 1));
  const current = currentVersion(root);
  const out: StoreVersions = { store: dir, current, versions: [], not_whole: [] };
  for (const version of names) {
    const seen = inspectVersion(root, version);
    if ('why' in seen) {
      out.not_whole.push({ version, why: seen.why });
      continue;
    }
    const sources = Object.fromEntries(
      Object.entries(seen.manifest.sources).map(([s, e]) => [s, Number(e.calls) || 0]),
    );
    out.versions.push({
      version,
      created_at: seen.manifest.created_at,
      run: seen.manifest.runs.at(-1)?.run ?? null,
      sources,
      records: Object.values(sources).reduce((a, b) => a + b, 0),
      current: version === current,
    });
  }
  return out;
}

/** What `store use` did, and what the next ingest will do to the versions around it. */
export interface UseResult {
  store: string;
  version: string;
  /** What CURRENT named before (null: no CURRENT, an empty one or a folder). */
  was: string | null;
  changed: boolean;
  /** Whole versions newer than it, which the next ingest removes (docs/schema.md). */
  removed_newer: string[];
  /** Whole versions older than the one before it, which the next ingest removes once it has committed. */
  removed_older: string[];
  /** The name the next ingest gives its version: after the highest held, never one used before. */
  next_version: string;
}

/** A name `store use` was given, as a version's (`4`, `v4` and `v000004` are one), or null. */
function versionNamed(name: string): string | null {
  const m = /^v?(\d+)$/i.exec(name.trim());
  return m ? versionName(Number(m[1])) : null;
}

/**
 * Point CURRENT at a whole version the store holds, as an ingest does (CURRENT.tmp renamed over it), under
 * the store's LOCK, so it is refused while an ingest writes: rolling back was `echo v000004 > CURRENT` by
 * hand, with no check that the version was there or whole (tester 391).
 */
export function useVersion(dir: string, name: string): UseResult {
  const root = resolve(dir);
  const versions = versionsFolder(dir);
  const lock = join(root, 'LOCK');
  takeLock(dir, lock);
  try {
    const held = listVersions(dir);
    const wanted = versionNamed(name);
    const whole = held.versions.map((v) => v.version);
    const heldWords = whole.length
      ? `it holds ${listInWords(whole.map((v) => `\`${v}\``))}${held.current && whole.includes(held.current) ? ` (\`${held.current}\` is current)` : ''}`
      : 'it holds no whole version';
    const fix = whole.length
      ? `give one it holds: \`safegap store use ${whole.at(-1)!} -s ${shellWord(dir)}\` (the newest); \`safegap store versions -s ${shellWord(dir)}\` lists them.`
      : 'ingest the exports again into a new store.';
    const broken = held.not_whole.find((v) => v.version === wanted);
    if (wanted === null || !whole.includes(wanted))
      throw new UserError(
        // "The store `bstore`: it holds ..." read as a garbled sentence (tester 393).
        wanted === null
          ? `\`${name}\` is no version name (a version is named vNNNNNN, as v000004, or by its number, 4); the store \`${dir}\` ${heldWords.replace(/^it /, '')}.`
          : broken
            ? `The store \`${dir}\` holds ${wanted}, but it is not a whole version: ${broken.why}; ${heldWords}.`
            : `The store \`${dir}\` does not hold a version ${wanted}: ${heldWords}.`,
        fix,
        { versions: whole },
      );
    const n = Number(wanted.slice(1));
    const numbers = readdirSync(versions)
      .filter((v) => /^v\d+$/.test(v))
      .map((v) => Number(v.slice(1)));
    const result: UseResult = {
      store: dir,
      version: wanted,
      // An empty CURRENT named nothing: "(its CURRENT named )" (tester 393).
      was: held.current || null,
      changed: held.current !== wanted,
      removed_newer: whole.filter((v) => Number(v.slice(1)) > n),
      removed_older: whole.filter((v) => Number(v.slice(1)) < n - 1),
      next_version: versionName(Math.max(n, ...numbers) + 1),
    };
    if (result.changed) {
      // A CURRENT that is a folder cannot be renamed over: the refusals advise `store use` for it (tester
      // 393), after `rm -r` where it holds anything, which is the user's to remove.
      const pointer = join(root, 'CURRENT');
      if (lstatSync(pointer, { throwIfNoEntry: false })?.isDirectory()) {
        if (readdirSync(pointer).length > 0)
          throw new UserError(
            `The store \`${dir}\`'s CURRENT is a folder, not the file naming the current version, and it holds files.`,
            `if they are nothing of yours, remove it (\`rm -r ${shellWord(pointer)}\`), then run this again.`,
          );
        rmdirSync(pointer);
      }
      const tmp = join(root, 'CURRENT.tmp');
      try {
        writeNamed(tmp, wanted);
        fsyncFile(tmp);
        renameSync(tmp, join(root, 'CURRENT'));
      } catch (e) {
        rmSync(tmp, { force: true });
        throw cannotWriteIn(dir, e) ?? e;
      }
      fsyncDir(root);
    }
    return result;
  } finally {
    quietly(() => {
      if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
    });
  }
}

/**
 * CURRENT naming a version the store no longer holds (tester 391: `echo v000001 > CURRENT` for one long
 * removed was called damage, "manifest cannot be read (ENOENT...)"): the versions it holds, and the
 * command that points CURRENT at the newest.
 */
function notHeld(dir: string, version: string): UserError {
  const whole = wholeVersions(dir);
  return new UserError(
    `The store \`${dir}\`'s CURRENT names version \`${version}\`, which the store no longer holds (an ingest keeps the current version and the two before it, and removes the rest): ${whole.length ? `it holds ${listInWords(whole.map((v) => `\`${v}\``))}` : 'it holds no whole version'}.`,
    whole.length
      ? `point CURRENT at one it holds, the newest: \`safegap store use ${whole.at(-1)!} -s ${shellWord(dir)}\` (\`safegap store versions -s ${shellWord(dir)}\` lists them), then run this again.`
      : 'ingest the exports again into a new store.',
    { current: version, versions: whole },
  );
}
