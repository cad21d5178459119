/**
 * `safegap ingest`: files in, one new store version out, every row accounted for.
 *
 * Pass 1 (read-file.ts) streams each file through the profile's SQL into scratch Parquet. The row checks
 * (row-checks.ts) find duplicates, conflicting ids and rows to quarantine. Pass 2 (to-canonical.ts) turns
 * local times into UTC instants and flags intervals, and its result is merged with what the store already
 * holds (a newer export replaces records by id) into a new version, written once; this run's figures are
 * then read back from that file. Only when the accounting adds up is the version committed (store.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  compileProfile,
  OUTSIDE_YEARS,
  pass1Column,
  SECOND_HEADER,
  secondHeaderError,
  type CompiledProfile,
} from '../sources/profile-sql.js';
import { loadProfile } from '../sources/load-profile.js';
import { timeFormatHint } from './format-hint.js';
import type { Profile } from '../sources/profile-schema.js';
import { CALL_COLUMN_NAMES, STAGES } from '../store/calls-schema.js';
import { LINKED_CALLS_SQL } from '../store/summary.js';
import { lookalikeIdsSql } from '../store/id-lookalike.js';
import { openEngine, queryRows, queryValue, numberOf } from '../store/duckdb.js';
import {
  beginWrite,
  carryOver,
  commit,
  readStore,
  unfinishedIngests,
  type FileRecord,
  type RunRecord,
  type StoreManifest,
  type StoreState,
  type Writer,
} from '../store/store.js';
import { INTERVALS, intervalSecondsSql, sourceStages } from '../time/intervals.js';
import { literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { listInWords } from '../util/words.js';
import { inspectFile, type FileInfo } from '../sources/inspect-file.js';
import { digestFile, readFile, refuseLongLine, repeatedNameNotes, SUMMARY_LINE } from './read-file.js';
import { zoneWarnings } from './zone-check.js';
import { utcLabelWarnings } from './utc-label-check.js';
import { ruleCaseWarnings } from './rule-check.js';
import { pointCountsSql, pointWarnings } from './point-check.js';
import { checkRows } from './row-checks.js';
import { canonicalSelect } from './to-canonical.js';
import { excelSafeSql } from '../util/excel-safe.js';
import { removeLeftovers } from '../util/leftovers.js';

export interface IngestOptions {
  files: string[];
  /** A parsed profile, or a built-in name or path. */
  profile: Profile | string;
  store: string;
  /** Largest share of a file's rows that may be quarantined before the run is refused (default 0.01). */
  maxBadRatio?: number;
  /**
   * Load files already ingested with this profile as any other: the last file ingested wins. For a newer
   * export overwritten by an older one that nothing marked as older (docs/architecture.md).
   */
  again?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  file: string;
  step: string;
  /** 0..1 within the step, when DuckDB can tell. */
  fraction: number | null;
}

export interface FileSummary extends FileRecord {
  quarantine_reasons: Record<string, number>;
}

export interface IngestSummary {
  store: string;
  run: number | null;
  version: string | null;
  source: string;
  profile: string;
  committed: boolean;
  files: FileSummary[];
  totals: { rows_read: number; loaded: number; quarantined: number; duplicates: number };
  inserted: number;
  /** Calls replaced in the store, plus rows of this run that a later file of the run superseded. */
  replaced: number;
  /** Of `replaced`, the rows of this run a later file of the run superseded (no call of the store). */
  superseded_in_run: number;
  /**
   * Of the calls this run replaced in the store, those whose record changed: in a time (received or a
   * stage), in another value, either. Absent when the run replaced none.
   */
  changed?: { calls: number; times: number; values: number };
  /** The store's calls, a call in several sources counted once (as `store info` and `analyze` count them). */
  calls_in_store: number;
  /** Records of every source the store holds (a call in several sources has a record in each). */
  records_in_store: number;
  /** Sources the store holds: with more than one, its records are not its calls. */
  sources_in_store: number;
  /**
   * Calls the store held within the span of one of this run's files that the files did not hold, kept (a
   * corrected re-export that withdrew them): the run record's `kept_not_in_files`. 0 when none.
   */
  kept_not_in_files: number;
  quarantine_file: string | null;
  /** DST and interval counts: calls whose times fell in an ambiguous or missing hour, bad intervals. */
  time: Record<string, number>;
  /** What looks wrong but was done as asked: replaced calls that lost a time the store had. */
  warnings: string[];
  seconds: number;
}

/**
 * Files of one name in other folders (`2022-01/calls.csv`, `2022-02/calls.csv`) are each named by as much of
 * the path as tells them apart (`2022-01/calls.csv`): the rows are accounted for, and quarantined, by file
 * name, and one quarantined row was counted against both, an internal error (tester 382). The same path
 * given twice stays one name, as it is one file.
 */
function distinguishNames(infos: FileInfo[]): void {
  const names = infos.map((info) => {
    const others = infos.filter((o) => o.name === info.name && o.path !== info.path);
    const parts = info.path.split(sep);
    for (let n = 2; others.length && n < parts.length; n++) {
      const tail = parts.slice(-n).join(sep);
      if (others.every((o) => !o.path.endsWith(sep + tail))) return tail;
    }
    return others.length ? info.path : info.name;
  });
  infos.forEach((info, k) => (info.name = names[k]!));
}

/** A count as the messages print it: 19,994, not 19994. */
const n = (x: number) => x.toLocaleString('en-US');

/** SQL: `column` written with thousands separators (`2,023,000,319,821`), as a spreadsheet's re-save writes it. */
const grouped = (column: string) =>
  `contains(${column}, ',') AND regexp_full_match(${column}, '[0-9]{1,3}(,[0-9]{3})+')`;
const THOUSANDS = grouped('source_call_id');
/**
 * SQL: a pass-1 row whose id a spreadsheet wrote in scientific notation (tester 369). Pass 1 tests the id as
 * the file wrote it (profile-sql.ts, scientificIdSql), before a normaliser such as `digits_only` made it
 * look like any other (tester 374); the warning and the refusal read this one test, so they agree.
 */
const SCIENTIFIC = 'id_raw IS NOT NULL';
/** Area codes that are numbers: a re-save writes postal code 55401 as `55,401` too (tester 143). */
const AREA_CODES = ['postal_code', 'beat', 'sector', 'precinct'] as const;

async function withProgress<T>(
  conn: DuckDBConnection,
  report: ((fraction: number | null) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!report) return work();
  const timer = setInterval(() => {
    const p = conn.progress;
    report(p.percentage >= 0 ? p.percentage / 100 : null);
  }, 250);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** A run's time figures (IngestSummary.time): each name, and the SQL test of the calls it counts. */
function timeFigures(profile: Profile): [string, string][] {
  const maxSec = profile.timestamps.max_interval_hours * 3600;
  return [
    ...['dst_ambiguous', 'dst_gap', 'negative_interval', 'implausible_interval'].map(
      (f): [string, string] => [`${f}_calls`, `list_contains(time_flags, '${f}')`],
    ),
    ...INTERVALS.flatMap((i): [string, string][] => {
      const e = intervalSecondsSql(i, sourceStages(i, profile.timestamps.received_is));
      return [
        [`${i.name}_negative`, `${e} < 0`],
        [`${i.name}_implausible`, `${e} > ${maxSec}`],
        [`${i.name}_missing`, `${e} IS NULL`],
      ];
    }),
  ];
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const profile = typeof options.profile === 'string' ? loadProfile(options.profile) : options.profile;
  const maxBad = options.maxBadRatio ?? 0.01;
  if (!(maxBad >= 0 && maxBad <= 1))
    throw new UserError(`--max-bad-ratio must be between 0 and 1; got ${String(options.maxBadRatio)}.`);
  if (options.files.length === 0)
    throw new UserError('No input files given.', 'name one or more CSV or Parquet files.');
  const compiled = compileProfile(profile, typeof options.profile === 'string' ? options.profile : undefined);
  const profileSha = createHash('sha256').update(JSON.stringify(profile)).digest('hex');

  const infos: FileInfo[] = [];
  for (const f of options.files)
    try {
      // The run's files: a part without a header is told the one whose header it can take (tester 382).
      infos.push(
        await inspectFile(
          resolve(f),
          profile,
          compiled.columns,
          false,
          compiled.label,
          options.files.map((g) => resolve(g)),
        ),
      );
    } catch (e) {
      // One file refused among several refuses the run: an empty file's message named it alone, and did not
      // say that the others were not loaded either (tester 319).
      if (!(e instanceof UserError) || options.files.length === 1) throw e;
      throw new UserError(
        e.message,
        `${e.hint ?? ''}${e.hint ? ' ' : ''}None of the run's ${options.files.length} files was loaded and the store is as it was: fix this file, or leave it out of the command, and run it again.`,
        e.details,
      );
    }
  distinguishNames(infos);
  const { delimiter, quote } = profile.format;
  const digests = await Promise.all(
    infos.map((i) =>
      digestFile(
        i.path,
        i.kind === 'csv' && !i.gzip ? { delimiter, quote, fields: i.header.length } : undefined,
      ),
    ),
  );
  const shas = digests.map((d) => d.sha256);
  // Its raw bytes are its text only for a plain file of UTF-8 or Latin-1 (a gzip or UTF-16 file's are not).
  for (const [i, d] of digests.entries())
    if (d.longLine && infos[i]!.kind === 'csv' && !infos[i]!.gzip && profile.format.encoding !== 'utf-16')
      await refuseLongLine(infos[i]!.name, infos[i]!.path, d.longLine);

  // A run that would change nothing is told so without the lock: a store this user may only read (a
  // colleague's, a shared one) answered a re-ingest "Cannot write to the store: permission denied", where
  // nothing was to be written (helper D75). The committed version read without the lock is a whole one,
  // and a run that loads nothing answers as of it. Left to the locked run: a store another process holds
  // the lock of (its refusal says so), and one an ingest stopped part-way in, whose remains that run
  // removes and reports.
  const root = resolve(options.store);
  const state = readStore(root);
  if (state && !existsSync(join(root, 'LOCK')) && unfinishedIngests(state).length === 0) {
    const { files, todo } = planFiles(state.manifest, profile.source, profileSha, infos, shas, options.again);
    if (todo.length === 0) {
      const conn = await openEngine();
      try {
        return {
          ...unchangedSummary(root, state, profile, files, []),
          ...(await storeCounts(conn, state)),
          seconds: (Date.now() - started) / 1000,
        };
      } finally {
        conn.closeSync();
      }
    }
  }

  const writer = beginWrite(options.store);
  // A refused SAFEGAP_MEMORY_LIMIT left the store locked, with a partial version.
  const conn = await openEngine({ tempDirectory: join(writer.workDir, 'spill') }).catch((e: unknown) => {
    writer.release();
    throw e;
  });
  try {
    return await runIngest({
      conn,
      writer,
      profile,
      compiled,
      profileSha,
      infos,
      shas,
      digests,
      maxBad,
      options,
      started,
    });
  } finally {
    conn.closeSync();
    writer.release();
  }
}

/**
 * The summary of a run that loads nothing, but for the store's counts. The store's calls are counted where
 * a summary is returned: counted here too, a committing run of a store of several sources counted them twice.
 */
function unchangedSummary(
  dir: string,
  previous: StoreState | null,
  profile: Profile,
  files: FileSummary[],
  warnings: string[],
): Omit<IngestSummary, 'calls_in_store' | 'records_in_store'> {
  return {
    store: dir,
    run: null,
    version: previous?.manifest.version ?? null,
    source: profile.source,
    profile: profile.name,
    committed: false,
    files,
    totals: { rows_read: 0, loaded: 0, quarantined: 0, duplicates: 0 },
    inserted: 0,
    replaced: 0,
    superseded_in_run: 0,
    kept_not_in_files: 0,
    sources_in_store: Object.keys(previous?.manifest.sources ?? {}).length,
    quarantine_file: null,
    // A run that loads nothing has every time figure at 0: the same keys as any run, for --json readers.
    time: Object.fromEntries(timeFigures(profile).map(([k]) => [k, 0])),
    warnings,
    seconds: 0,
  };
}

/**
 * Which of the run's files are loaded (`todo`) and which skipped, with the note saying why, from the runs
 * `manifest` records: read under the lock by a writing run, and before it by ingest's check of a run that
 * would change nothing (a store this user may not write).
 */
function planFiles(
  manifest: StoreManifest,
  source: string,
  profileSha: string,
  infos: FileInfo[],
  shas: string[],
  again: boolean | undefined,
): { files: FileSummary[]; todo: { info: FileInfo; idx: number; summary: FileSummary }[] } {
  // A file already ingested unchanged with the same profile changes nothing: skip it, unless its records
  // were since overwritten with older ones (a later run of the source whose replaced calls lost times or
  // that looked like an older export, or a later file of its own run that lost times): the warning then
  // says to ingest it again, and skipped, that advice did nothing. Replacing by newer records, the usual
  // course, does not count. A run records the files whose records it so replaced (`overwritten_files`),
  // so that an export of another year is still skipped (tester 298: reloaded, it undid that year's
  // corrections); a run recorded before it kept that list (no `reverted_files`) counts for every file.
  const overwrittenAfter = (run: number, sha: string) =>
    manifest.runs.some(
      (r) =>
        r.source === source &&
        r.run >= run &&
        ((r.overwritten_files ?? []).includes(sha) ||
          (r.run > run &&
            r.reverted_files === undefined &&
            ((r.lost_times ?? 0) > 0 || (r.older_export?.reverted ?? 0) > 0))),
    );
  const latest = new Map<string, RunRecord>();
  for (const r of manifest.runs)
    if (r.profile_sha256 === profileSha) for (const f of r.files) latest.set(f.sha256, r);
  const seen = new Set(
    again ? [] : [...latest].flatMap(([sha, r]) => (overwrittenAfter(r.run, sha) ? [] : [sha])),
  );
  const files: FileSummary[] = [];
  const todo: { info: FileInfo; idx: number; summary: FileSummary }[] = [];
  infos.forEach((info, i) => {
    const summary: FileSummary = {
      name: info.name,
      path: info.path,
      sha256: shas[i]!,
      bytes: info.bytes,
      rows_read: 0,
      loaded: 0,
      quarantined: 0,
      duplicates: 0,
      quarantine_reasons: {},
    };
    // A file given twice counts at its last place, as files are applied in the order given: `A1 A2 A1
    // --again` left A2's values (tester 98).
    // Its note is written below, once the last copy's fate is known.
    if (shas.indexOf(summary.sha256, i + 1) !== -1) summary.skipped = 'given again later in this command';
    else if (seen.has(summary.sha256)) {
      // "Nothing to change" was untrue where a later run had replaced calls with other values (tester 129).
      // Named: the later runs whose replacements changed a record (tester 160: the first run that replaced
      // any call was named, one that changed none, and not the correction --again would undo).
      const lastRun = latest.get(summary.sha256)!;
      const last = lastRun.run;
      // The file that run loaded, named where it had another name: a copy of oct.csv was "already ingested
      // (run 1)", and nothing said which file run 1 had loaded (tester 342).
      const earlier = lastRun.files.find((f) => f.sha256 === summary.sha256)?.name;
      const as = earlier !== undefined && earlier !== summary.name ? `, as ${earlier}` : '';
      const since = manifest.runs.filter(
        (r) => r.source === source && r.run > last && r.replaced > 0 && r.changed !== 0,
      );
      // A run's count is of every call it changed, this file's or others' (the manifest keeps no more).
      const runs = since.map((r) => `run ${r.run}${r.changed ? ` (${n(r.changed)} changed in all)` : ''}`);
      // Skipped after a file this command loads, it was said to change nothing while that file's records
      // replaced its calls, given later (tester 236). Still skipped: loading it would undo the newer
      // export a user reruns the same command to restore (files given newest first). Worded as "any": said
      // of May beside June, which share no call, it told of records kept that were none (tester 391); the
      // ids the two share are not known without reading the skipped file, which a skip is to spare.
      const before = todo.map((t) => t.info.name);
      summary.skipped = since.length
        ? `already ingested with this profile (run ${last}${as}), skipped; since then ${runs.join(', ')} replaced calls with other records, this file's or others', so the store's may differ from this file's: --again loads it over them, undoing any such change to its calls (corrections too)`
        : before.length
          ? `already ingested with this profile${as && ` (run ${last}${as})`}, skipped: any calls it shares with ${before.join(', ')}, loaded before it in this command, keep ${before.length === 1 ? "that file's" : "those files'"} records, not this one's, whatever the order given (a skipped file is not read, so whether they share any is not checked); --again loads it in its place`
          : `already ingested with this profile${as && ` (run ${last}${as})`}; nothing to change`;
    } else todo.push({ info, idx: i, summary });
    files.push(summary);
  });
  // Copies under other names (the same bytes) were told apart by nothing: the first was "given again later
  // in this command" and the last "already ingested", neither naming the other (helper D75). Each names
  // the other now, and the first says whether its copy is loaded or skipped.
  const shown = (f: FileSummary, other: FileSummary) =>
    f.name !== other.name ? other.name : f.path !== other.path ? other.path : null;
  for (const [i, f] of files.entries()) {
    const last = files[shas.lastIndexOf(f.sha256)]!;
    if (last !== f) {
      const as = shown(f, last);
      f.skipped = `given again later in this command${as === null ? '' : `, as ${as}`}; ${last.skipped === undefined ? 'applied there' : 'skipped there too'}`;
      continue;
    }
    const copies = [
      ...new Set(files.slice(0, i).flatMap((g) => (g.sha256 === f.sha256 ? (shown(f, g) ?? []) : []))),
    ];
    if (f.skipped !== undefined && copies.length)
      f.skipped += ` (the same file as ${listInWords(copies)}, given before it in this command)`;
  }
  return { files, todo };
}

interface RunContext {
  conn: DuckDBConnection;
  writer: Writer;
  profile: Profile;
  compiled: CompiledProfile;
  profileSha: string;
  infos: FileInfo[];
  shas: string[];
  digests: { blankLine: boolean; lines: number; endsWithLineEnd: boolean; extraFields: boolean }[];
  maxBad: number;
  options: IngestOptions;
  started: number;
}

async function runIngest(ctx: RunContext): Promise<IngestSummary> {
  const { conn, writer, profile, compiled, options, started } = ctx;
  const manifest = writer.manifest;
  // After the highest run of any version held, as versions are named (store.ts, beginWrite): after a
  // roll-back, the next run took a removed version's run number (tester 393).
  const run = Math.max(manifest.runs.at(-1)?.run ?? 0, writer.highestRun) + 1;
  const progress = (file: string, step: string) =>
    options.onProgress
      ? (fraction: number | null) => options.onProgress!({ file, step, fraction })
      : undefined;

  const { files, todo } = planFiles(
    manifest,
    profile.source,
    ctx.profileSha,
    ctx.infos,
    ctx.shas,
    options.again,
  );
  const unchanged = unchangedSummary(
    writer.dir,
    writer.previous,
    profile,
    files,
    interruptedWarnings(writer),
  );
  if (todo.length === 0)
    return {
      ...unchanged,
      ...(await storeCounts(conn, writer.previous)),
      seconds: (Date.now() - started) / 1000,
    };

  // ---- pass 1 and the row checks ----
  const parts: string[] = [];
  const rejects: string[] = [];
  const rawValues = new Map<number, string>();
  const endsWithLineEnd = new Map<number, boolean | undefined>();
  const zoneNotes: string[] = [];
  for (const t of todo) {
    const out = join(writer.workDir, `pass1-${t.idx}.parquet`);
    const r = await withProgress(conn, progress(t.info.name, 'reading'), () =>
      readFile(conn, t.info, t.idx, profile, compiled, out, ctx.digests[t.idx]),
    );
    t.summary.rows_read = r.rowsRead;
    zoneNotes.push(...(await repeatedNameNotes(t.info, profile, compiled.columns)));
    zoneNotes.push(...(await zoneWarnings(conn, t.info, profile, compiled)));
    zoneNotes.push(...(await ruleCaseWarnings(conn, t.info, profile)));
    zoneNotes.push(...(await utcLabelWarnings(conn, t.info, profile, compiled)));
    endsWithLineEnd.set(t.idx, r.endsWithLineEnd);
    parts.push(r.rows);
    rejects.push(r.rejects);
    rawValues.set(t.idx, r.rawValues);
  }
  await conn.run(`CREATE TEMP VIEW p1 AS ${parts.join(' UNION ALL ')}`);
  await checkRows(conn, rejects, compiled.addressColumns, compiled.ruleAddressColumns, rawValues);

  // ---- accounting and the bad-row limit, before anything is written ----
  const count = async (sql: string) =>
    new Map((await queryRows<{ k: string; n: string }>(conn, sql)).map((r) => [String(r.k), numberOf(r.n)]));
  // In the same scan, ids a spreadsheet re-saved with thousands separators: they load, each its own, and
  // then never match the same calls written plainly by the next export or another source (tester 81: 444
  // calls for 222). And ids it wrote in scientific notation, which load as the others do (a call, whose
  // id alone is damaged), said so as they are: no export writes them alike again (tester 369).
  // And points outside the part of the world the time zone names (point-check.ts).
  const points = profile.fields.lat !== undefined ? pointCountsSql(profile.time_zone) : null;
  const perFile = await queryRows<
    {
      k: string;
      n: number;
      grouped: number;
      grouped_id: string | null;
      scientific: number;
      scientific_id: string | null;
      scientific_row: number | null;
    } & Record<string, string | number | null>
  >(
    conn,
    `SELECT file_idx::VARCHAR AS k, count(*)::DOUBLE AS n,
       count(*) FILTER (WHERE ${THOUSANDS})::DOUBLE AS grouped, min(source_call_id) FILTER (WHERE ${THOUSANDS}) AS grouped_id,
       count(*) FILTER (WHERE ${SCIENTIFIC})::DOUBLE AS scientific,
       arg_min(id_raw, source_row) FILTER (WHERE ${SCIENTIFIC}) AS scientific_id,
       min(source_row) FILTER (WHERE ${SCIENTIFIC})::DOUBLE AS scientific_row,
       ${AREA_CODES.map((c) => `count(*) FILTER (WHERE ${grouped(c)})::DOUBLE AS ${c}_n, min(${c}) FILTER (WHERE ${grouped(c)}) AS ${c}_v`).join(', ')}
       ${points ? `, ${points}` : ''}
     FROM loaded_rows GROUP BY 1 ORDER BY 1`,
  );
  const loaded = new Map(perFile.map((r) => [r.k, numberOf(r.n)]));
  const dups = await count(`SELECT file_idx k, count(*) n FROM dropped WHERE kind = 'duplicate' GROUP BY 1`);
  const reasons = await queryRows<{ source_file: string; kind: string; n: string }>(
    conn,
    `SELECT source_file, split_part(reason, ':', 1) AS kind, count(*) n FROM quarantine GROUP BY ALL`,
  );
  for (const { idx, summary: s } of todo) {
    s.loaded = loaded.get(String(idx)) ?? 0;
    s.duplicates = dups.get(String(idx)) ?? 0;
    for (const r of reasons.filter((q) => q.source_file === s.name)) {
      const kind = r.kind || 'other';
      s.quarantine_reasons[kind] = (s.quarantine_reasons[kind] ?? 0) + numberOf(r.n);
      s.quarantined += numberOf(r.n);
    }
    if (s.loaded + s.quarantined + s.duplicates !== s.rows_read)
      throw new Error(
        `row accounting does not add up for ${s.name}: ${s.loaded} loaded + ${s.quarantined} quarantined + ${s.duplicates} duplicates != ${s.rows_read} read`,
      );
  }
  const totals = {
    rows_read: todo.reduce((a, t) => a + t.summary.rows_read, 0),
    loaded: todo.reduce((a, t) => a + t.summary.loaded, 0),
    quarantined: todo.reduce((a, t) => a + t.summary.quarantined, 0),
    duplicates: todo.reduce((a, t) => a + t.summary.duplicates, 0),
  };
  // A second export's header with its columns in other places: the rows after it were read into the
  // wrong columns (arrival and closing times swapped, say), which no row check can see.
  const [second] = await queryRows<{ file: string; row: number }>(
    conn,
    `SELECT source_file AS file, source_row::DOUBLE AS "row" FROM quarantine
     WHERE starts_with(reason, ${literal(SECOND_HEADER)}) ORDER BY source_file, source_row LIMIT 1`,
  );
  const tooBad = todo.find(
    (t) => t.summary.rows_read > 0 && t.summary.quarantined / t.summary.rows_read > ctx.maxBad,
  );
  // Written whatever happens next, so that a refused run can be diagnosed.
  let quarantineFile: string | null = null;
  const dir = join(writer.dir, 'quarantine');
  // A file of this run's number is one a stopped run left: not this run's rows.
  const runFile = join(dir, `run-${String(run).padStart(4, '0')}.csv`);
  rmSync(runFile, { force: true });
  if (totals.quarantined > 0) {
    mkdirSync(dir, { recursive: true });
    // A refused run's file has a name of its own, which no later run reuses: named for the run number it
    // did not take, it was replaced by the next run's, though the refusal had sent the user to it
    // (tester 361).
    quarantineFile = second || tooBad ? join(dir, nextRefusedName(dir)) : runFile;
    // Written beside itself and renamed: a run killed while DuckDB wrote it left an empty file of a run
    // that never was (tester 144). A killed run's copy is removed by the next.
    removeLeftovers(dir, /^(?:run|refused)-\d+\.csv\.tmp-(\d+)$/);
    const partial = `${quarantineFile}.tmp-${process.pid}`;
    await conn.run(
      // The file's name is the export's to choose: `=1+2.csv` ran as a formula in a spreadsheet (tester 311).
      `COPY (SELECT ${excelSafeSql('source_file')} AS file, source_row AS "row", ${excelSafeSql('reason')} AS reason, raw_values FROM quarantine ORDER BY source_file, "row")
       TO ${literal(partial)} (FORMAT csv, HEADER true)`,
    );
    renameSync(partial, quarantineFile);
  }
  if (second) {
    const info = todo.find((t) => t.info.name === second.file)?.info;
    throw secondHeaderError(
      second.file,
      numberOf(second.row),
      'with its columns in another order',
      info?.path,
      info?.gzip,
    );
  }
  if (tooBad) {
    const s = tooBad.summary;
    // Times outside the years a call can have are most often an export's placeholder for a missing time.
    const placeholders = await queryRows<{ v: string; n: string }>(
      conn,
      `SELECT regexp_extract(reason, ${literal(`[a-z]+ time: ([^;]*) ${OUTSIDE_YEARS}`)}, 1) AS v, count(*) AS n
       FROM quarantine WHERE source_file = ${literal(s.name)} AND regexp_matches(reason, ${literal(`[a-z]+ time: [^;]* ${OUTSIDE_YEARS}`)})
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
    );
    // The first row's own reason, whose words say what to do (a spreadsheet's day number, a decimal comma).
    const [first] = await queryRows<{ row: number; reason: string }>(
      conn,
      `SELECT source_row::DOUBLE AS "row", reason FROM quarantine WHERE source_file = ${literal(s.name)}
       ORDER BY source_row LIMIT 1`,
    );
    const placeholderHint = placeholders.length
      ? ` Times such as ${placeholders.map((p) => `\`${p.v}\` (${numberOf(p.n) === 1 ? '1 row' : `${numberOf(p.n).toLocaleString('en-US')} rows`})`).join(', ')} are probably the export's placeholder for a missing time: add them to the profile's \`nulls\`.`
      : '';
    // Rows that only repeat an id are no format mismatch: a log with a row per contact or update, or ids a
    // spreadsheet rewrote in scientific notation (2.023E+12), which many calls then share.
    const onlyIds = Object.keys(s.quarantine_reasons).every((k) => k === 'conflicting id');
    const [scientific] = onlyIds
      ? await queryRows<{ id: string }>(conn, `SELECT id_raw AS id FROM p1 WHERE ${SCIENTIFIC} LIMIT 1`)
      : [];
    // A small export refused for its own total line was told to fix its profile (tester 143): rows with too
    // few fields, or a value that names a total (`Total;60;;;...` with every field, tester 319), that are
    // all the file's last are its summary lines. No command is given to delete them: `head -n -1` took a
    // blank line after the total, and wrote over a file named like its output (tester 146).
    const [trailer] = await queryRows<{ short: number; first: number }>(
      conn,
      `SELECT count(*)::DOUBLE AS short, min(source_row)::DOUBLE AS first FROM quarantine
       WHERE source_file = ${literal(s.name)} AND (contains(reason, ${literal(SUMMARY_LINE)})
         OR regexp_matches(raw_values, '":"[^"]*\\b(total|totals|sum|count)\\b', 'i'))`,
    );
    const lastLines =
      trailer !== undefined && trailer.short === s.quarantined && trailer.first > s.rows_read - s.quarantined;
    const formatHint = await timeFormatHint(conn, s.name, profile);
    // Joined exports are no profile's fault: "fix the profile" was the wrong advice (tester 129).
    const joined = Object.keys(s.quarantine_reasons).every((k) => k.startsWith('the row repeats the header'));
    throw new UserError(
      `${s.name}: ${n(s.quarantined)} of ${n(s.rows_read)} rows (${((100 * s.quarantined) / s.rows_read).toFixed(2)}%) could not be loaded, more than --max-bad-ratio ${ctx.maxBad}. Reasons: ${reasonsOf(s)}.${first ? ` The first, row ${numberOf(first.row)}: ${first.reason}.` : ''} No calls were written to the store; only the quarantine file, to show which rows and why.`,
      scientific
        ? `its ids are written in scientific notation (\`${scientific.id}\`), as a spreadsheet writes long numbers: the digits are lost and many calls share one id. Export the file again without opening it in a spreadsheet, or format the id column as text before saving it.`
        : joined
          ? `give the exports as files of their own (\`safegap ingest a.csv b.csv\`), or remove the repeated header rows from ${s.name}; to join exports into one file, keep only the first one's header (\`tail -n +2 b.csv >> a.csv\`).`
          : lastLines
            ? `${s.quarantined === 1 ? "the row is the file's last line" : `the rows are the file's last ${n(s.quarantined)} lines`}, most likely a summary (a total) and no call: delete ${s.quarantined === 1 ? 'it' : 'them'} from the file in a text editor and ingest it again, or keep ${s.quarantined === 1 ? 'it' : 'them'} quarantined with --max-bad-ratio ${Math.ceil((100 * s.quarantined) / s.rows_read) / 100}.`
            : onlyIds
              ? `the rows and their reasons are in ${quarantineFile}; every one repeats the id of another row with other values, as in an export with a row per contact or update. A store holds one record per call, the last row of an id: reduce the export to the row to keep for each call (its first contact, say) before ingesting it, or check that \`id\` names the right column.`
              : formatHint
                ? `the rows and their reasons are in ${quarantineFile}.${formatHint}`
                : `the rows and their reasons are in ${quarantineFile}; usually the profile's formats or column names do not match this export. Fix the profile, or raise --max-bad-ratio if these rows really are bad.${placeholderHint}`,
      // A nightly script read how many rows failed and where from the English (tester 275).
      {
        file: s.name,
        rows_read: s.rows_read,
        quarantined: s.quarantined,
        quarantine_reasons: s.quarantine_reasons,
        quarantine_file: quarantineFile,
        max_bad_ratio: ctx.maxBad,
      },
    );
  }

  // ---- pass 2: one write of the source's calls, old and new ----
  let incomingRows = 'loaded_rows';
  if (todo.length > 1) {
    // Several files in one run may carry the same call: the later file wins, as a later run would.
    await conn.run(`CREATE TEMP TABLE superseded AS
      SELECT source_call_id, max(file_idx) AS keep_idx FROM loaded_rows GROUP BY 1 HAVING count(*) > 1`);
    incomingRows = `(SELECT * FROM loaded_rows l WHERE NOT EXISTS (
      SELECT 1 FROM superseded s WHERE s.source_call_id = l.source_call_id AND l.file_idx < s.keep_idx))`;
  }
  const warnings: string[] = [...interruptedWarnings(writer), ...zoneNotes];
  const overwritten: string[] = [];
  for (const { summary: f, info, idx } of todo)
    if (f.rows_read === 0)
      warnings.push(
        `${f.name} has ${info.kind === 'parquet' ? 'columns' : 'a header'} but no rows: nothing of it was loaded.`,
      );
    // A raised --max-bad-ratio let a file of no good row through with nothing said but its counts (stop 49).
    else if (f.quarantined === f.rows_read)
      warnings.push(
        `${f.name}: ${f.rows_read === 1 ? 'its one row was' : `all ${n(f.rows_read)} of its rows were`} quarantined (--max-bad-ratio ${ctx.maxBad} let the run go on), so nothing of it was loaded. Reasons: ${reasonsOf(f)}.`,
      );
    // A cut inside the last row's last value leaves a row of every field, which no check can tell from
    // a whole one (tester 81: 41,074 of 63,347 rows loaded, the last with cancel reason `311-Ref`).
    else if (endsWithLineEnd.get(idx) === false)
      warnings.push(
        `${f.name} does not end with a line end, as most complete exports do. If it was cut short, its last row is incomplete and the rows after it are missing: check the ${n(f.rows_read)} rows read against the number the export should have.`,
      );
  const stageTimes = compiled.times.filter((t) => t.field !== 'received');
  if (todo.length > 1 && stageTimes.length) {
    // As across runs (below): a call whose later file lacks a time its earlier file had suggests the files
    // were given newest first.
    // Per earlier file that lost times, and (file_idx NULL) the calls that did, each counted once.
    const lost = await queryRows<{ file_idx: number | null; n: number }>(
      conn,
      `SELECT o.file_idx::INTEGER AS file_idx, count(DISTINCT o.source_call_id)::INTEGER AS n FROM superseded s
       JOIN loaded_rows o ON o.source_call_id = s.source_call_id AND o.file_idx < s.keep_idx
       JOIN loaded_rows k ON k.source_call_id = s.source_call_id AND k.file_idx = s.keep_idx
       WHERE ${stageTimes.map((t) => `(o.${pass1Column(t)} IS NOT NULL AND k.${pass1Column(t)} IS NULL)`).join(' OR ')}
       GROUP BY GROUPING SETS ((o.file_idx), ())`,
    );
    overwritten.push(...lost.flatMap((l) => (l.file_idx === null ? [] : [ctx.shas[l.file_idx]!])));
    const lostInRun = lost.find((l) => l.file_idx === null)?.n ?? 0;
    if (lostInRun > 0)
      warnings.push(
        `${n(lostInRun)} ${lostInRun === 1 ? 'call' : 'calls'} in more than one of this run's files lost a time (an arrival, a clearance...) in the file given later, whose version was kept: files are applied in the order given. If that file is the older export, ingest the newer one again, or give the files oldest first.`,
      );
  }
  const source = profile.source;
  const relFile = join('calls', `${source}.parquet`);
  const outPath = join(writer.stagingDir, relFile);
  const cols = CALL_COLUMN_NAMES.join(', ');
  const prior = writer.previous ? manifest.sources[source] : undefined;
  // The same export read again with a corrected profile (a time zone or clock: tester 115) moves its times
  // too; told "ingest the newer export again", the analyst would undo the correction.
  const lastProfile = manifest.runs.filter((r) => r.source === source).at(-1)?.profile_sha256;
  const corrected =
    lastProfile !== undefined && lastProfile !== ctx.profileSha
      ? " The source's profile has changed since its last ingest: if this is the same export read again with a corrected profile (its time zone or clock, say), the times moving is the correction, and nothing needs restoring."
      : '';
  let replaced = 0;
  let lostTimes = 0;
  // Where the warning of lost times goes, which that of an older export takes over (below).
  let lostAt = -1;
  let keep = '';
  const priorPath = prior && writer.previous ? literal(join(writer.previous.versionDir, prior.file)) : null;
  if (priorPath) {
    await conn.run(`CREATE TEMP TABLE incoming_ids AS
      SELECT DISTINCT ${literal(source)} || ':' || source_call_id AS call_id FROM loaded_rows`);
    replaced = numberOf(
      await queryValue(
        conn,
        `SELECT count(*) FROM read_parquet(${priorPath}) WHERE call_id IN (FROM incoming_ids)`,
      ),
    );
    // A newer record replaces an older one by id, whatever order the exports come in. Calls gain times as
    // they go on (arrived, cleared, closed), so replaced calls that lose one suggest an older export loaded
    // after a newer one: said, not undone. Only the rows this run keeps count: a row a later file of the
    // run superseded replaces nothing (tester 298: an export and its correction given together were said
    // to lose a time the correction kept).
    const lost = stageTimes.map((t) => `(p.${t.field}_at IS NOT NULL AND l.${pass1Column(t)} IS NULL)`);
    const older = lost.length
      ? numberOf(
          await queryValue(
            conn,
            `SELECT count(*) FROM read_parquet(${priorPath}) p
             JOIN (SELECT *, ${literal(source)} || ':' || source_call_id AS call_id FROM ${incomingRows}) l USING (call_id)
             WHERE ${lost.join(' OR ')}`,
          ),
        )
      : 0;
    lostTimes = older;
    lostAt = warnings.length;
    if (older > 0)
      warnings.push(
        `${n(older)} of the ${n(replaced)} calls replaced lost a time the store had (an arrival, a clearance...). If this export is older than the one already loaded, it has overwritten newer records: ingest the newer export again to restore them.${corrected}`,
      );
    keep = `SELECT ${cols} FROM read_parquet(${priorPath}) WHERE call_id NOT IN (FROM incoming_ids) UNION ALL `;
  }
  if (writer.previous) warnings.push(...(await lookalikeWarnings(conn, source, writer.previous)));
  if (points)
    for (const r of perFile) {
      const k = (c: string) => Number(r[c] ?? 0);
      const file = todo.length > 1 ? todo.find((t) => String(t.idx) === r.k)?.summary.name : undefined;
      warnings.push(
        ...pointWarnings(
          { points: k('points_n'), outside: k('points_outside'), swapped: k('points_swapped') },
          profile.time_zone,
          file,
        ),
      );
    }
  const groupedIds = perFile.reduce((a, r) => a + r.grouped, 0);
  if (groupedIds > 0)
    warnings.push(
      `${n(groupedIds)} ${groupedIds === 1 ? 'call has an id' : 'calls have ids'} written with thousands separators (such as \`${perFile.find((r) => r.grouped_id !== null)?.grouped_id}\`), as a spreadsheet writes long numbers when it re-saves a file: the same calls written plainly, by the next export or another source, will not match them. Export the file again without opening it in a spreadsheet, or give the profile's \`id\` the \`digits_only\` normaliser (docs/profiles.md).`,
    );
  const scientificIds = perFile.reduce((a, r) => a + r.scientific, 0);
  if (scientificIds > 0) {
    const first = perFile.find((r) => r.scientific_id !== null);
    const file = todo.find((t) => String(t.idx) === first?.k)?.summary.name;
    warnings.push(
      `${n(scientificIds)} ${scientificIds === 1 ? 'call has an id' : 'calls have ids'} written in scientific notation (such as \`${first?.scientific_id}\`, row ${n(numberOf(first?.scientific_row))} of ${file}), as a spreadsheet writes long numbers: the id's last digits are lost, so ${scientificIds === 1 ? 'its call' : 'these calls'} cannot be linked to another source nor replaced by the next export, and two calls whose ids differ only in those digits share one id (the earlier quarantined as a conflicting id). Export the file again from the CAD without opening it in a spreadsheet, or, in the spreadsheet it was saved from, format the id column as a number with no decimals (or as text) and save the CSV again; then ingest it into a fresh store.`,
    );
  }
  for (const c of AREA_CODES) {
    const calls = perFile.reduce((a, r) => a + Number(r[`${c}_n`]), 0);
    if (calls > 0)
      warnings.push(
        `${n(calls)} ${calls === 1 ? 'call has a' : 'calls have a'} \`${c}\` written with thousands separators (such as \`${perFile.find((r) => r[`${c}_v`] !== null)?.[`${c}_v`]}\`), as a spreadsheet writes numbers when it re-saves a file: they are areas of their own, apart from the same area written plainly. Export the file again without opening it in a spreadsheet, or give the profile's \`${c}\` the \`digits_only\` normaliser (docs/profiles.md).`,
      );
  }
  const incoming = await canonicalSelect(conn, profile, compiled, run, incomingRows);
  // Calls carry their file and row, so the store needs no particular order; unordered writes use both cores.
  await conn.run('SET preserve_insertion_order = false');
  await withProgress(conn, progress(todo.map((t) => t.info.name).join(', '), 'writing'), () =>
    conn.run(
      `COPY (${keep}SELECT ${cols} FROM (${incoming})) TO ${literal(outPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    ),
  );

  // ---- this run's figures, read back from what was written ----
  const written = `read_parquet(${literal(outPath)})`;
  const [stats] = await queryRows<Record<string, string>>(
    conn,
    // The run's own calls are selected once (WHERE), not tested in every aggregate: about 5x faster.
    `SELECT count(*) AS incoming, (SELECT count(*) FROM ${written}) AS calls,
       ${timeFigures(profile)
         .map(([k, test]) => `count(*) FILTER (WHERE ${test}) AS "${k}"`)
         .join(',\n')}
     FROM ${written} WHERE ingest_run = ${run}`,
  );
  const time = Object.fromEntries(
    Object.entries(stats ?? {})
      .filter(([k]) => k !== 'incoming' && k !== 'calls')
      .map(([k, v]) => [k, numberOf(v)]),
  );
  const incomingCount = numberOf(stats?.incoming);
  // A 12-hour clock written without AM or PM reads every afternoon call 12 hours early, in silence (tester
  // 304: 8,518 calls loaded, all between 01:00 and 12:59, and the demand by hour wrong). Per file: one such
  // month among 24-hour exports was not said (tester 305).
  const morning = await queryRows<{ f: string; n: number }>(
    conn,
    `SELECT source_file AS f, count(received_local)::INTEGER AS n FROM ${written} WHERE ingest_run = ${run}
     GROUP BY 1 HAVING count(received_local) >= 200
       AND count(*) FILTER (WHERE hour(received_local) NOT BETWEEN 1 AND 12) = 0 ORDER BY 1`,
  );
  for (const { f, n: calls } of morning)
    warnings.push(
      `${f}: every one of its ${n(calls)} calls was received between 01:00 and 12:59 local time: none in the afternoon, the evening or the hour after midnight. If the export writes a 12-hour clock without AM or PM, each afternoon call was read 12 hours early: export the times with a 24-hour clock or with AM/PM (read with %I and %p, docs/profiles.md), and ingest it again.`,
    );
  if (writer.previous)
    warnings.push(...(await sameCallsWarnings(conn, source, writer.previous, written, run, incomingCount)));

  // ---- the calls replaced: what changed, and whether this export looks older than what it replaced ----
  let changed: IngestSummary['changed'];
  let olderExport: RunRecord['older_export'];
  let keptCalls: number | undefined;
  if (priorPath && replaced > 0) {
    const kept = await keptInSpan(conn, written, run);
    // Kept in the run record too: the warning was its only trace, gone with the terminal (tester 342).
    keptCalls = kept.calls;
    if (kept.calls > 0) {
      const [one, it] = kept.calls === 1 ? ['call', 'it'] : ['calls', 'them'];
      const is = kept.calls === 1 ? 'is' : 'are';
      // A row not readable as a record has no id to tell (tester 196: a row with a field too many was named
      // as withdrawn): the note says such rows may hold some of these calls. A conflicting id's row has its
      // id, whatever its values (tester 319).
      const [u] = await queryRows<{ n: number }>(
        conn,
        `SELECT count(*)::DOUBLE AS n FROM quarantine
         WHERE raw_values IS NULL AND NOT starts_with(reason, 'conflicting id: ')`,
      );
      const unreadable = numberOf(u?.n);
      warnings.push(
        `${n(kept.calls)} ${one} of ${source} the store held, received between ${kept.first} and ${kept.last} local time (${kept.files > 1 ? "each within the span of one of this run's files" : "the span of this run's calls"}), ${is} not in this run's files, and ${is} kept: an export replaces calls by id and removes none (${kept.calls === 1 ? '' : 'such as '}${listInWords(kept.ids)}).${unreadable > 0 ? ` ${n(unreadable)} quarantined ${unreadable === 1 ? 'row' : 'rows'} of this run could not be read as records, so ${unreadable === 1 ? 'its id is' : 'their ids are'} not known: ${unreadable === 1 ? 'it' : 'they'} may hold ${kept.calls === 1 ? 'it' : 'some of them'}; fix ${unreadable === 1 ? 'it' : 'them'} (see the quarantine) and ingest the file again.` : ''} If this export withdrew ${it} (a test call, calls merged or numbered anew), the store still counts ${it}; to drop ${it}, build the store again from exports that do not hold ${it}.`,
      );
    }
    const c = await replacedChanges(conn, priorPath, written, run, profile);
    changed = { calls: c.calls, times: c.times, values: c.values };
    // The earlier files whose records this run took back: re-ingesting one of them is no longer a no-op.
    if (lostTimes > 0 || c.older)
      overwritten.push(
        ...c.reverted.flatMap(({ run: r, file }) =>
          (manifest.runs.find((m) => m.run === r)?.files ?? [])
            .filter((f) => f.name === file)
            .map((f) => f.sha256),
        ),
      );
    if (c.older) {
      olderExport = {
        reverted: c.back,
        forward: c.forward,
        latest: c.latestIn,
        stored_latest: c.latestStored,
      };
      const how =
        lostTimes === 0
          ? 'their latest time is earlier'
          : lostTimes === c.back
            ? 'each lost a time the store had, an arrival, a clearance...'
            : `${n(lostTimes)} lost a time the store had, an arrival, a clearance..., the others' latest time is earlier`;
      const older = `This export looks older than the records it replaced: its latest time, ${c.latestIn}, is earlier than the latest of the stored records it replaced, ${c.latestStored}, and ${n(c.back)} of the ${n(replaced)} calls replaced went back (${how}) against ${n(c.forward)} that went forward. The last file ingested wins, so if this export is older than the one already loaded, it has overwritten newer records: ingest the newer export again to restore them.${corrected}`;
      // One warning of it: this one, with its figures, says all the warning of lost times did.
      warnings.splice(lostAt, lostTimes > 0 ? 1 : 0, older);
    }
  }

  for (const [name, s] of Object.entries(manifest.sources)) if (name !== source) carryOver(writer, s.file);
  manifest.sources[source] = { calls: numberOf(stats?.calls), file: relFile };
  manifest.profiles[ctx.profileSha] = { source, name: profile.name, text: JSON.stringify(profile, null, 2) };
  const record: RunRecord = {
    run,
    started_at: new Date(started).toISOString(),
    finished_at: new Date().toISOString(),
    source,
    profile_sha256: ctx.profileSha,
    files: todo.map(({ summary: s }) => ({
      name: s.name,
      path: s.path,
      sha256: s.sha256,
      bytes: s.bytes,
      rows_read: s.rows_read,
      loaded: s.loaded,
      quarantined: s.quarantined,
      duplicates: s.duplicates,
    })) satisfies FileRecord[],
    inserted: incomingCount - replaced,
    // Calls replaced in the store, plus rows of this run that a later file of the same run superseded.
    replaced: replaced + (totals.loaded - incomingCount),
    quarantine_file: quarantineFile ? relative(writer.dir, quarantineFile) : null,
    time,
    ...(changed ? { changed: changed.calls } : {}),
    ...(keptCalls !== undefined ? { kept_not_in_files: keptCalls } : {}),
    ...(lostTimes > 0 ? { lost_times: lostTimes } : {}),
    ...(olderExport ? { older_export: olderExport } : {}),
    ...(overwritten.length ? { overwritten_files: [...new Set(overwritten)] } : {}),
    ...(lostTimes > 0 || olderExport ? { reverted_files: true } : {}),
  };
  manifest.runs.push(record);
  const state = commit(writer);
  return {
    ...unchanged,
    run,
    version: state.manifest.version,
    committed: true,
    totals,
    inserted: record.inserted,
    replaced: record.replaced,
    superseded_in_run: totals.loaded - incomingCount,
    kept_not_in_files: keptCalls ?? 0,
    ...(changed ? { changed } : {}),
    ...(await storeCounts(conn, state)),
    sources_in_store: Object.keys(state.manifest.sources).length,
    quarantine_file: quarantineFile,
    time,
    warnings,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Ids of this run that the store holds written another way (id-lookalike.ts, docs/profiles.md): in the
 * same source, an export re-saved by a spreadsheet (thousands separators in long numbers, leading zeros
 * dropped) or one that writes a prefix the other does not (`MPLS-22000123`, `22000123`) added every call
 * again; in another source, ids written alike but for a dash or a prefix never link. Counted over every
 * stored source, the ids the run's own already match exactly left out.
 */
async function lookalikeWarnings(
  conn: DuckDBConnection,
  source: string,
  previous: StoreState,
): Promise<string[]> {
  const files = Object.values(previous.manifest.sources).map((s) =>
    literal(join(previous.versionDir, s.file)),
  );
  if (!files.length) return [];
  const rows = await queryRows<{ other: string; n: number; a: string; b: string }>(
    conn,
    lookalikeIdsSql(
      `SELECT DISTINCT '' AS source, source_call_id AS id FROM loaded_rows`,
      `SELECT DISTINCT source, source_call_id AS id FROM read_parquet([${files.join(', ')}], union_by_name = true)`,
    ),
  );
  return rows.map((r) =>
    r.other === source
      ? `${r.n.toLocaleString('en-US')} ${r.n === 1 ? 'call of this export has' : 'calls of this export have'} an id the store holds written another way (such as \`${r.a}\` and \`${r.b}\`), so they were added as new calls, not as replacements: if they are the same calls, the store now counts them twice. A spreadsheet's re-save writes thousands separators into long numbers and drops leading zeros, and one export may write a prefix (\`MPLS-\`) that another leaves out: ingest the original export into a fresh store, or give the profile's \`id\` a normaliser that writes every export's ids alike (docs/profiles.md) and ingest them all into a fresh store.`
      : `${r.n.toLocaleString('en-US')} ${r.n === 1 ? 'id of this export matches an id' : 'ids of this export match ids'} of the source ${r.other} but for punctuation, case, leading zeros, a prefix or a float's \`.0\` (such as \`${r.a}\` and \`${r.b}\`), so their records are not linked: records are linked by id as written. If they are the same calls, give the profiles' \`id\` normalisers that write them alike, the CAD's too where the other cannot be made to match (no normaliser adds a dash: \`digits_only\` on both sides, which also drops a float's \`.0\`; docs/profiles.md), and ingest into a fresh store.`,
  );
}

/**
 * The store's calls and records. With several sources, `calls_in_store` summed the records, and a script
 * reading `--json` counted each call in two sources twice (tester 134: 65,114 for store info's 63,306).
 */
async function storeCounts(
  conn: DuckDBConnection,
  state: StoreState | null,
): Promise<{ calls_in_store: number; records_in_store: number }> {
  const sources = Object.values(state?.manifest.sources ?? {});
  const records = sources.reduce((a, s) => a + s.calls, 0);
  if (!state || sources.length < 2) return { calls_in_store: records, records_in_store: records };
  const calls = await queryValue(
    conn,
    `SELECT ${LINKED_CALLS_SQL}
     FROM read_parquet([${sources.map((s) => literal(join(state.versionDir, s.file))).join(', ')}], union_by_name = true)`,
  );
  return { calls_in_store: numberOf(calls), records_in_store: records };
}

/**
 * Another source's export read under a new source name (tester 129: a vendor renamed two columns,
 * `profile init` drafted a profile, and its `source` was a new name). Its records link to the other
 * source's by id, and one of the two records represents each call by the rules of every linked call: where
 * they are alike, the larger source's, then the source whose name sorts first (tester 215: "the older
 * record", said before, was the renamed export's by its name), so the figures mix the two exports.
 * A second source proper (a team's log, 311) shares some of the CAD's ids, and may copy their received
 * times, but holds few of the CAD's calls.
 */
async function sameCallsWarnings(
  conn: DuckDBConnection,
  source: string,
  previous: StoreState,
  written: string,
  run: number,
  incoming: number,
): Promise<string[]> {
  const others = Object.entries(previous.manifest.sources).filter(([name]) => name !== source);
  // Under 20 calls, a team's log of a few calls close together was most of the CAD's in their minutes
  // (tester 134: 3 of 5).
  if (!others.length || incoming < 20) return [];
  // Both ways: 90% of the run's calls are the other source's, and they are half or more of the other
  // source's calls received in the run's span. A team's log that copies the CAD's received times passes the
  // first, but holds few of the CAD's calls (tester 133: 1,808 of 63,306), and must not be told otherwise.
  const rows = await queryRows<{ other: string; n: number; in_span: number; id: string }>(
    conn,
    `WITH r AS (SELECT source_call_id, received_at FROM ${written} WHERE ingest_run = ${run}),
     span AS (SELECT min(received_at) AS lo, max(received_at) AS hi FROM r)
     SELECT p.source AS other, count(r.source_call_id)::DOUBLE AS n, count(*)::DOUBLE AS in_span,
       min(r.source_call_id) AS id
     FROM read_parquet([${others.map(([, s]) => literal(join(previous.versionDir, s.file))).join(', ')}], union_by_name = true) p
     CROSS JOIN span
     LEFT JOIN r ON r.source_call_id = p.source_call_id AND r.received_at = p.received_at
     WHERE p.received_at BETWEEN span.lo AND span.hi
     GROUP BY 1 HAVING n >= 20 AND n >= 0.9 * ${incoming} AND n >= 0.5 * in_span ORDER BY 2 DESC, 1`,
  );
  return rows.map(
    (r) =>
      `${n(r.n)} of this run's ${n(incoming)} calls have the id and the received time of a call of the source ${r.other} (such as \`${r.id}\`), and they are ${n(r.n)} of the ${n(r.in_span)} calls of ${r.other} received in the same span: this looks like ${r.other}'s own export read as a new source, ${source}. If it is (the same calls, under other column names), its records only link to ${r.other}'s: each call is counted once, but represented by one of the two records (docs/metrics.md, "Calls in two sources": where they are alike, the larger source's, then the source whose name sorts first), so the figures take some calls as one export has them and some as the other has them: build the store again with this file read by ${r.other}'s own profile, its column names changed to this export's (docs/profiles.md). A source of its own (a team's log, 311) needs nothing done.`,
  );
}

/**
 * The calls a run replaced, their stored record beside the one written (docs/architecture.md, "Replaced
 * calls"): how many changed, in their times or other values; and whether the export looks older than the
 * records it replaced. It does when both hold:
 * - its latest time is earlier than the latest time of the stored records it replaced: the store knew of
 *   something that happened to those calls after anything this file records;
 * - more of the calls replaced went back (lost a time, or their latest time is earlier) than forward
 *   (gained a time, or their latest time is later).
 * Only times a call may plausibly have count towards its latest: the received time and the stages no later
 * than `max_interval_hours` after it (a corrected re-export that takes a far-off typo out of the latest
 * stored record is not older for it). A newer export, corrected or not, holds every later event of its
 * calls, so it fails the first test unless a correction moves its very latest time earlier, and then the
 * second unless that correction outnumbers the calls that went forward.
 */
async function replacedChanges(
  conn: DuckDBConnection,
  priorPath: string,
  written: string,
  run: number,
  profile: Profile,
): Promise<{
  calls: number;
  times: number;
  values: number;
  back: number;
  forward: number;
  older: boolean;
  latestIn: string | null;
  latestStored: string | null;
  /** The run and file name of each stored record replaced that lost a time or went back. */
  reverted: { run: number; file: string }[];
}> {
  const stages = STAGES.map((st) => `${st}_at`);
  const timeColumns = ['received_at', 'received_local', ...stages];
  // Bookkeeping, and what is derived from the times (their flags), are no change of the call.
  const skip = new Set([
    'call_id',
    'source',
    'source_call_id',
    'source_file',
    'source_row',
    'ingest_run',
    'time_flags',
  ]);
  const valueColumns = CALL_COLUMN_NAMES.filter((c) => !skip.has(c) && !timeColumns.includes(c));
  const maxSec = profile.timestamps.max_interval_hours * 3600;
  const latest = `greatest(received_at, ${stages
    .map((c) => `CASE WHEN ${c} <= received_at + to_seconds(${maxSec}) THEN ${c} END`)
    .join(', ')})`;
  // Each side narrowed to a hash of its times, one of its other values, its latest time and which stages
  // it has (a bit each): comparing the records column by column took 7.8 s for a million calls, this 0.7 s.
  // Two records that differ hash alike once in 2^64.
  const has = stages.map((c, i) => `CASE WHEN ${c} IS NULL THEN 0 ELSE ${1 << i} END`).join(' + ');
  const narrow = `call_id, hash(${timeColumns.join(', ')}) AS th, hash(${valueColumns.join(', ')}) AS vh,
    ${latest} AS last, (${has})::INTEGER AS has`;
  const local = (v: string) => `strftime(timezone(${literal(profile.time_zone)}, ${v}), '%Y-%m-%d %H:%M')`;
  const [r] = await queryRows<Record<string, number | string | boolean | null>>(
    conn,
    `WITH n AS (SELECT ${narrow} FROM ${written} WHERE ingest_run = ${run}),
     j AS (
       SELECT n.th <> p.th AS times, n.vh <> p.vh AS vals, (p.has & ~n.has) <> 0 AS lost,
         (n.has & ~p.has) <> 0 AS gained, n.last AS last_in, p.last AS last_stored, p.ingest_run, p.source_file
       FROM n JOIN (SELECT ${narrow}, ingest_run, source_file FROM read_parquet(${priorPath})) p USING (call_id))
     SELECT count(*) FILTER (WHERE times OR vals)::INTEGER AS calls, count(*) FILTER (WHERE times)::INTEGER AS times,
       count(*) FILTER (WHERE vals)::INTEGER AS "values",
       count(*) FILTER (WHERE lost OR last_in < last_stored)::INTEGER AS back,
       count(*) FILTER (WHERE gained OR last_in > last_stored)::INTEGER AS forward,
       coalesce((SELECT max(last) FROM n) < max(last_stored), false) AS earlier,
       ${local('(SELECT max(last) FROM n)')} AS latest_in_local, ${local('max(last_stored)')} AS latest_stored_local,
       coalesce(list(DISTINCT {run: ingest_run, file: source_file}) FILTER (WHERE lost OR last_in < last_stored), []) AS reverted
     FROM j`,
  );
  const get = (k: string) => numberOf(r?.[k] ?? 0);
  const back = get('back');
  const forward = get('forward');
  return {
    calls: get('calls'),
    times: get('times'),
    values: get('values'),
    back,
    forward,
    older: r?.earlier === true && back > forward,
    latestIn: (r?.latest_in_local as string | null) ?? null,
    latestStored: (r?.latest_stored_local as string | null) ?? null,
    reverted: (r?.reverted ?? []) as unknown as { run: number; file: string }[],
  };
}

/**
 * Calls the store kept whose received time lies within the span of one of this run's files: a corrected re-export
 * that left a call out (withdrawn, merged) kept it in every count without a word (tester 129). A call of a
 * row the run quarantined is not one: the quarantine names it.
 */
async function keptInSpan(
  conn: DuckDBConnection,
  written: string,
  run: number,
): Promise<{ calls: number; first: string; last: string; files: number; ids: string[] }> {
  const [r] = await queryRows<{ calls: string; first: string; last: string; files: number; ids: string[] }>(
    conn,
    // The span said in local time, as the rest of ingest's summary is (tester 143: it alone said UTC).
    // The span of each file, not of the run: two yearly files given together named every call of the
    // years between them (tester 298: 2018 and 2022 reloaded, 2019-2021's 90 calls "not in this run's files").
    `WITH spans AS (
       SELECT min(received_at) AS lo, max(received_at) AS hi, arg_min(received_local, received_at) AS lo_l,
         arg_max(received_local, received_at) AS hi_l
       FROM ${written} WHERE ingest_run = ${run} GROUP BY source_file),
     span AS (
       SELECT strftime(arg_min(lo_l, lo), '%Y-%m-%d %H:%M') AS lo_local,
         strftime(arg_max(hi_l, hi), '%Y-%m-%d %H:%M') AS hi_local, count(*) AS files
       FROM spans)
     SELECT count(*) AS calls, min(lo_local) AS first, min(hi_local) AS last, min(files)::INTEGER AS files,
       -- With the file and row it came from: an id is said after the profile's normalisers, which a
       -- file may write otherwise (tester 285: T-000001 was said as 1).
       list('\`' || source_call_id || '\`' || CASE WHEN source_file IS NOT NULL AND source_row IS NOT NULL
         THEN ' at row ' || source_row || ' of ' || source_file ELSE '' END
         ORDER BY received_at, source_call_id)[1:3] AS ids
     FROM ${written}, span WHERE ingest_run <> ${run}
       AND EXISTS (SELECT 1 FROM spans WHERE received_at BETWEEN spans.lo AND spans.hi)
       -- A call whose row this run quarantined is in its files, not withdrawn (tester 193).
       AND source_call_id NOT IN (SELECT source_call_id FROM p1 WHERE problems IS NOT NULL AND source_call_id IS NOT NULL)`,
  );
  return {
    calls: numberOf(r?.calls),
    first: r?.first ?? '',
    last: r?.last ?? '',
    files: numberOf(r?.files),
    ids: r?.ids ?? [],
  };
}

/** The name of a refused run's quarantine file in `dir`: refused-0001.csv, or the next number after the highest there. */
function nextRefusedName(dir: string): string {
  const taken = readdirSync(dir).map((f) => Number(/^refused-(\d+)\.csv$/.exec(f)?.[1] ?? 0));
  return `refused-${String(Math.max(0, ...taken) + 1).padStart(4, '0')}.csv`;
}

/** A file's quarantine reasons, the most common first, each with its count. */
function reasonsOf(s: FileSummary): string {
  return Object.entries(s.quarantine_reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([k, c]) => `${k} (${n(c)})`)
    .join(', ');
}

/**
 * An earlier ingest stopped before it committed (killed: its lock and half-built version stayed): a
 * scheduled job's log said nothing of it (tester 101). Its work is removed; this run starts from the last
 * committed version.
 */
function interruptedWarnings(writer: Writer): string[] {
  const at = writer.previous?.manifest.version;
  // A version `store versions` calls not whole was "a whole version" here (tester 393): said as it does.
  return writer.interrupted.map(({ version, pid, whole, why }) =>
    pid === null
      ? `The store held ${version}, ${whole ? 'a whole version' : 'a version'} ${at ? `newer than its current one, ${at}` : 'while it had no current one'}${whole ? ' (CURRENT was moved back by `store use` or by hand, or an ingest was stopped just before it moved CURRENT)' : `, which was not a whole version: ${why ?? 'its manifest cannot be read'}`}. ${version} was removed, and this run began from ${at ?? 'an empty store'}: files loaded only into ${version} are not in the store; if they are not among this run's, ingest them again.`
      : `An earlier ingest (process ${pid}) was stopped before it finished ${version}: what it had written was removed, and this run began from the store as it stood${at ? ` at ${at}` : ''}. Its files were not loaded by it; if they are not among this run's, ingest them again.`,
  );
}
