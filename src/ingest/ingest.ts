/**
 * `safegap ingest`: files in, one new store version out, every row accounted for.
 *
 * Pass 1 (per file) streams the raw file through the profile's SQL into a scratch Parquet file, so memory
 * stays flat whatever the file's size; DuckDB's rejects table catches rows that are not valid CSV.
 * Pass 2 finds exact duplicates and conflicting ids, quarantines rows with problems, turns local times into
 * UTC instants, flags intervals, merges with what the store already holds (a newer export replaces records by
 * id) and writes the new version. Only then does the store's pointer move (see store.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileProfile, type CompiledProfile, TIME_FIELDS } from '../sources/profile-sql.js';
import { loadProfile } from '../sources/load-profile.js';
import type { Profile } from '../sources/profile-schema.js';
import { openEngine, queryRows, queryValue, numberOf } from '../store/duckdb.js';
import {
  beginWrite,
  carryOver,
  commit,
  type FileRecord,
  type RunRecord,
  type Writer,
} from '../store/store.js';
import { localSegments, segmentCaseSql, SEGMENT_KIND_CODE } from '../time/zone-transitions.js';
import { INTERVALS } from '../time/intervals.js';
import { inspectFile, type FileInfo } from './inspect-file.js';
import { CALL_COLUMN_NAMES } from '../store/calls-schema.js';
import { UserError } from '../util/user-error.js';
import { literal } from '../util/sql.js';

export interface IngestOptions {
  files: string[];
  /** A parsed profile, or a built-in name or path. */
  profile: Profile | string;
  store: string;
  /** Largest share of a file's rows that may be quarantined before the run is refused (default 0.01). */
  maxBadRatio?: number;
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
  replaced: number;
  calls_in_store: number;
  quarantine_file: string | null;
  /** DST and interval counts: calls whose times fell in an ambiguous or missing hour, bad intervals. */
  time: Record<string, number>;
  seconds: number;
}

function sha256File(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => done(h.digest('hex')))
      .on('error', fail);
  });
}

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

function readCsvSql(info: FileInfo, profile: Profile, idx: number): string {
  if (info.kind === 'parquet') return `read_parquet(${literal(info.path)})`;
  const columns = `{${info.header.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ')}}`;
  const f = profile.format;
  return `read_csv(${literal(info.path)}, auto_detect = false, header = true, columns = ${columns},
    delim = ${literal(f.delimiter)}, quote = ${literal(f.quote)}, escape = ${literal(f.quote)},
    encoding = ${literal(f.encoding)}, compression = ${literal(info.gzip ? 'gzip' : 'none')},
    nullstr = '', store_rejects = true, rejects_table = 'rejects_${idx}', rejects_scan = 'reject_scans_${idx}')`;
}

interface Pass1Result {
  accepted: number;
  rejects: { line: number; reason: string }[];
}

async function pass1(
  conn: DuckDBConnection,
  info: FileInfo,
  idx: number,
  profile: Profile,
  compiled: CompiledProfile,
  out: string,
): Promise<Pass1Result> {
  const sql = `COPY (${compiled.query(readCsvSql(info, profile, idx))}) TO ${literal(out)} (FORMAT parquet, COMPRESSION zstd)`;
  try {
    await conn.run(sql);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? '';
    throw new UserError(
      `${info.name} could not be read as ${info.kind === 'parquet' ? 'Parquet' : 'CSV'} with the profile's settings (delimiter ${JSON.stringify(profile.format.delimiter)}, quote ${JSON.stringify(profile.format.quote)}, encoding ${profile.format.encoding}): ${msg}`,
      'check that the file is a complete, uncorrupted export of this source; open it in a text editor to see its delimiter and quoting.',
    );
  }
  const accepted = numberOf(await queryValue(conn, `SELECT count(*) FROM read_parquet(${literal(out)})`));
  if (info.kind === 'parquet') return { accepted, rejects: [] };
  const rejects = (
    await queryRows<{ line: string; reason: string; types: string }>(
      conn,
      `SELECT line, string_agg(DISTINCT error_message, '; ') AS reason, string_agg(DISTINCT error_type, ',') AS types
       FROM rejects_${idx} GROUP BY line ORDER BY line`,
    )
  ).map((r) => ({ line: numberOf(r.line), reason: r.reason, types: r.types }));
  const badEncoding = rejects.find((r) => r.types.includes('INVALID ENCODING'));
  if (badEncoding)
    throw new UserError(
      `${info.name} is not ${profile.format.encoding} text: row ${badEncoding.line - 1} (line ${badEncoding.line}) holds bytes that are not valid ${profile.format.encoding}.`,
      'if it comes from Excel or an older system it is probably Latin-1 / Windows-1252: set `format: { encoding: latin-1 }` in the profile, or convert the file with iconv.',
    );
  const total = accepted + rejects.length;
  if (total === 0 && info.hasData)
    throw new UserError(
      `${info.name} has lines after its header, but none could be read as rows with the profile's settings.`,
      'check the line endings and quoting (a text editor shows them); re-export the file as plain CSV.',
    );
  const last = rejects[rejects.length - 1];
  if (last && last.line - 1 === total && /MISSING COLUMNS|UNQUOTED VALUE/.test(last.types))
    throw new UserError(
      `${info.name} looks truncated: its last row (row ${total}) ends part-way through a record (${last.reason}).`,
      'the export or download was cut short; fetch the complete file and ingest it again. Nothing was changed in the store.',
    );
  return { accepted, rejects: rejects.map((r) => ({ line: r.line, reason: `not valid CSV: ${r.reason}` })) };
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const profile = typeof options.profile === 'string' ? loadProfile(options.profile) : options.profile;
  const maxBad = options.maxBadRatio ?? 0.01;
  if (!(maxBad >= 0 && maxBad <= 1))
    throw new UserError(`--max-bad-ratio must be between 0 and 1; got ${String(options.maxBadRatio)}.`);
  if (options.files.length === 0)
    throw new UserError('No input files given.', 'name one or more CSV or Parquet files.');
  const compiled = compileProfile(profile);
  const profileText = JSON.stringify(profile);
  const profileSha = createHash('sha256').update(profileText).digest('hex');

  const infos: FileInfo[] = [];
  for (const f of options.files) infos.push(await inspectFile(resolve(f), profile, compiled.columns));
  const shas = await Promise.all(infos.map((i) => sha256File(i.path)));

  const writer = beginWrite(options.store);
  const conn = await openEngine({ tempDirectory: join(writer.workDir, 'spill') });
  try {
    return await runIngest(
      conn,
      writer,
      profile,
      compiled,
      profileSha,
      infos,
      shas,
      maxBad,
      options,
      started,
    );
  } finally {
    conn.closeSync();
    writer.release();
  }
}

async function runIngest(
  conn: DuckDBConnection,
  writer: Writer,
  profile: Profile,
  compiled: CompiledProfile,
  profileSha: string,
  infos: FileInfo[],
  shas: string[],
  maxBad: number,
  options: IngestOptions,
  started: number,
): Promise<IngestSummary> {
  const manifest = writer.manifest;
  const run = (manifest.runs.at(-1)?.run ?? 0) + 1;
  const progress = (file: string, step: string) =>
    options.onProgress
      ? (fraction: number | null) => options.onProgress!({ file, step, fraction })
      : undefined;

  // A file already ingested unchanged with the same profile changes nothing: skip it.
  const seen = new Set(
    manifest.runs.flatMap((r) => (r.profile_sha256 === profileSha ? r.files.map((f) => f.sha256) : [])),
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
    if (seen.has(summary.sha256) || todo.some((t) => t.summary.sha256 === summary.sha256)) {
      summary.skipped = 'already ingested with this profile; nothing to change';
    } else todo.push({ info, idx: i, summary });
    files.push(summary);
  });
  const base: IngestSummary = {
    store: writer.dir,
    run: null,
    version: writer.previous?.manifest.version ?? null,
    source: profile.source,
    profile: profile.name,
    committed: false,
    files,
    totals: { rows_read: 0, loaded: 0, quarantined: 0, duplicates: 0 },
    inserted: 0,
    replaced: 0,
    calls_in_store: Object.values(manifest.sources).reduce((a, s) => a + s.calls, 0),
    quarantine_file: null,
    time: {},
    seconds: 0,
  };
  if (todo.length === 0) return { ...base, seconds: (Date.now() - started) / 1000 };

  // ---- pass 1: each file to scratch Parquet, with its record numbers ----
  const parts: string[] = [];
  const rejectRows: string[] = [];
  for (const t of todo) {
    const out = join(writer.workDir, `pass1-${t.idx}.parquet`);
    const res = await withProgress(conn, progress(t.info.name, 'reading'), () =>
      pass1(conn, t.info, t.idx, profile, compiled, out),
    );
    t.summary.rows_read = res.accepted + res.rejects.length;
    // Accepted row k (0-based) sits after every rejected record r_j with k >= r_j - 1 - j (r_j 1-based rows).
    await conn.run(
      `CREATE TEMP TABLE rej_${t.idx} AS SELECT * FROM (VALUES ${
        res.rejects.length
          ? res.rejects
              .map((r, j) => `(${r.line - 1}, ${r.line - 1 - 1 - j}, ${literal(r.reason)})`)
              .join(', ')
          : '(NULL::BIGINT, NULL::BIGINT, NULL::VARCHAR)'
      }) v(source_row, threshold, reason) WHERE source_row IS NOT NULL`,
    );
    const rowExpr = res.rejects.length
      ? `k + 1 + coalesce((SELECT count(*) FROM rej_${t.idx} r WHERE r.threshold <= k), 0)`
      : 'k + 1';
    parts.push(
      `SELECT *, ${t.idx} AS file_idx, ${literal(t.info.name)} AS source_file, ${rowExpr} AS source_row
       FROM (SELECT * EXCLUDE (file_row_number), file_row_number AS k FROM read_parquet(${literal(out)}, file_row_number = true))`,
    );
    rejectRows.push(
      `SELECT ${literal(t.info.name)} AS source_file, source_row, reason, NULL AS raw_values FROM rej_${t.idx}`,
    );
  }
  await conn.run(`CREATE TEMP VIEW p1 AS ${parts.join(' UNION ALL ')}`);

  // ---- duplicates and conflicting ids, judged within each file ----
  await conn.run(`CREATE TEMP TABLE repeated AS
    SELECT file_idx, source_call_id, row_hash, source_row FROM p1
    WHERE (file_idx, coalesce(source_call_id, '')) IN (
      SELECT (file_idx, coalesce(source_call_id, '')) FROM p1 GROUP BY ALL HAVING count(*) > 1)`);
  await conn.run(`CREATE TEMP TABLE dropped AS
    WITH ranked AS (
      SELECT *, row_number() OVER (PARTITION BY file_idx, source_call_id, row_hash ORDER BY source_row) AS copy_no,
        max(source_row) OVER (PARTITION BY file_idx, source_call_id) AS last_row,
        count(DISTINCT row_hash) OVER (PARTITION BY file_idx, source_call_id) AS versions
      FROM repeated)
    SELECT file_idx, source_row, 'duplicate' AS kind, NULL AS reason FROM ranked WHERE copy_no > 1
    UNION ALL
    SELECT file_idx, source_row, 'conflict',
      'conflicting id: ' || source_call_id || ' appears again at row ' || last_row || ' with different values; the later row was kept'
    FROM ranked WHERE copy_no = 1 AND versions > 1 AND source_call_id IS NOT NULL AND source_row < last_row`);

  // ---- quarantine ----
  const quarantineSql = `
    SELECT source_file, source_row, problems AS reason, raw_values FROM p1
    WHERE problems IS NOT NULL AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped WHERE kind = 'duplicate')
    UNION ALL
    SELECT p.source_file, p.source_row, d.reason, NULL FROM dropped d JOIN p1 p USING (file_idx, source_row)
    WHERE d.kind = 'conflict' AND p.problems IS NULL
    UNION ALL ${rejectRows.join(' UNION ALL ')}`;
  await conn.run(`CREATE TEMP TABLE quarantine AS ${quarantineSql}`);

  // ---- local time -> UTC ----
  const localTimes = compiled.times.filter((t) => t.mode === 'local');
  if (localTimes.length > 0) {
    const bounds = await queryRows<{ lo: string | null; hi: string | null }>(
      conn,
      `SELECT CAST(min(least(${localTimes.map((t) => `${t.field}_local`).join(', ')})) AS VARCHAR) lo,
              CAST(max(greatest(${localTimes.map((t) => `${t.field}_local`).join(', ')})) AS VARCHAR) hi FROM p1`,
    );
    const toMs = (s: string | null | undefined, fallback: number) =>
      s ? Date.parse(`${s.replace(' ', 'T')}Z`) : fallback;
    const segs = localSegments(
      profile.time_zone,
      toMs(bounds[0]?.lo, Date.UTC(2000, 0)),
      toMs(bounds[0]?.hi, Date.UTC(2000, 0)),
    );
    await conn.run(
      `CREATE TEMP MACRO sg_offset(l) AS ${segmentCaseSql(segs, 'l', (s) => Math.round(s.offsetMinutes))}`,
    );
    await conn.run(
      `CREATE TEMP MACRO sg_kind(l) AS ${segmentCaseSql(segs, 'l', (s) => SEGMENT_KIND_CODE[s.kind])}`,
    );
  }
  const zone = literal(profile.time_zone);
  const timeCols = TIME_FIELDS.map((f) => {
    const plan = compiled.times.find((t) => t.field === f);
    const at = !plan
      ? 'NULL::TIMESTAMPTZ'
      : plan.mode === 'instant'
        ? `${f}_utc`
        : `CAST(${f}_local - to_minutes(sg_offset(${f}_local)) AS TIMESTAMPTZ)`;
    return `${at} AS ${f}_at`;
  });
  const receivedPlan = compiled.times.find((t) => t.field === 'received')!;
  const receivedLocal =
    receivedPlan.mode === 'instant' ? `timezone(${zone}, received_utc)` : 'received_local';
  const kindOf = (code: number) =>
    localTimes.length
      ? localTimes.map((t) => `coalesce(k_${t.field} = ${code}, false)`).join(' OR ')
      : 'false';
  const maxSec = profile.timestamps.max_interval_hours * 3600;
  const iv = (i: (typeof INTERVALS)[number]) => `(epoch(${i.to}_at) - epoch(${i.from}_at))`;
  const anyIv = (test: (e: string) => string) =>
    INTERVALS.map((i) => `coalesce(${test(iv(i))}, false)`).join(' OR ');

  await conn.run(`CREATE TEMP VIEW converted AS
    SELECT *, list_filter([
        CASE WHEN dst_ambiguous THEN 'dst_ambiguous' END,
        CASE WHEN dst_gap THEN 'dst_gap' END,
        CASE WHEN ${anyIv((e) => `${e} < 0`)} THEN 'negative_interval' END,
        CASE WHEN ${anyIv((e) => `${e} > ${maxSec}`)} THEN 'implausible_interval' END
      ], f -> f IS NOT NULL) AS time_flags
    FROM (
      SELECT ${literal(profile.source)} || ':' || source_call_id AS call_id, ${literal(profile.source)} AS source, source_call_id,
        ${timeCols.join(', ')}, ${receivedLocal} AS received_local, ${zone} AS time_zone,
        call_type_initial_raw, call_type_initial, call_type_final_raw, call_type_final, priority_initial, priority,
        origin, disposition_raw, disposition_class, cancel_reason, response_plan, agency_raw, responder,
        precinct, sector, beat, neighborhood, postal_code, lat, lon, block_address,
        source_file, source_row, ${run} AS ingest_run, file_idx,
        ${kindOf(1)} AS dst_ambiguous, ${kindOf(2)} AS dst_gap
      FROM (SELECT *, ${localTimes.map((t) => `sg_kind(${t.field}_local) AS k_${t.field}`).join(', ') || '0 AS k_none'} FROM p1)
      WHERE problems IS NULL AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped)
    )`);

  // Several files in one run may carry the same call: the later file wins, as a later run would.
  await conn.run(`CREATE TEMP TABLE superseded AS
    SELECT call_id, max(file_idx) AS keep_idx FROM converted GROUP BY call_id HAVING count(*) > 1`);
  const cols = CALL_COLUMN_NAMES.join(', ');
  const incoming = `SELECT ${cols} FROM converted c
    WHERE NOT EXISTS (SELECT 1 FROM superseded s WHERE s.call_id = c.call_id AND c.file_idx < s.keep_idx)`;

  // ---- accounting, checked before anything is written ----
  const perFile = await queryRows<{
    file_idx: number;
    loaded: string;
    dst_ambiguous: string;
    dst_gap: string;
  }>(
    conn,
    `SELECT file_idx, count(*) loaded, count(*) FILTER (WHERE dst_ambiguous) dst_ambiguous, count(*) FILTER (WHERE dst_gap) dst_gap
     FROM converted GROUP BY file_idx`,
  );
  const dupCounts = await queryRows<{ file_idx: number; n: string }>(
    conn,
    `SELECT file_idx, count(*) n FROM dropped WHERE kind = 'duplicate' GROUP BY file_idx`,
  );
  const qReasons = await queryRows<{ source_file: string; kind: string; n: string }>(
    conn,
    `SELECT source_file, split_part(reason, ':', 1) AS kind, count(*) n
     FROM quarantine GROUP BY ALL`,
  );
  for (const t of todo) {
    const s = t.summary;
    s.loaded = numberOf(perFile.find((r) => Number(r.file_idx) === t.idx)?.loaded);
    s.duplicates = numberOf(dupCounts.find((r) => Number(r.file_idx) === t.idx)?.n);
    for (const r of qReasons.filter((q) => q.source_file === s.name)) {
      s.quarantine_reasons[r.kind || 'other'] =
        (s.quarantine_reasons[r.kind || 'other'] ?? 0) + numberOf(r.n);
      s.quarantined += numberOf(r.n);
    }
    if (s.loaded + s.quarantined + s.duplicates !== s.rows_read)
      throw new Error(
        `row accounting does not add up for ${s.name}: ${s.loaded} loaded + ${s.quarantined} quarantined + ${s.duplicates} duplicates != ${s.rows_read} read`,
      );
  }

  const time: Record<string, number> = {
    dst_ambiguous_calls: perFile.reduce((a, r) => a + numberOf(r.dst_ambiguous), 0),
    dst_gap_calls: perFile.reduce((a, r) => a + numberOf(r.dst_gap), 0),
  };
  const ivCounts = await queryRows<Record<string, string>>(
    conn,
    `SELECT ${INTERVALS.map(
      (i) =>
        `count(*) FILTER (WHERE ${iv(i)} < 0) AS "${i.name}_negative", count(*) FILTER (WHERE ${iv(i)} > ${maxSec}) AS "${i.name}_implausible", count(*) FILTER (WHERE ${iv(i)} IS NULL) AS "${i.name}_missing"`,
    ).join(
      ', ',
    )}, count(*) FILTER (WHERE list_contains(time_flags, 'negative_interval')) AS negative_interval_calls,
      count(*) FILTER (WHERE list_contains(time_flags, 'implausible_interval')) AS implausible_interval_calls
     FROM converted`,
  );
  for (const [k, v] of Object.entries(ivCounts[0] ?? {})) time[k] = numberOf(v);

  // ---- write the quarantine file whatever happens next, so a refused run can be diagnosed ----
  const quarantined = todo.reduce((a, t) => a + t.summary.quarantined, 0);
  let quarantineFile: string | null = null;
  if (quarantined > 0) {
    mkdirSync(join(writer.dir, 'quarantine'), { recursive: true });
    quarantineFile = join(writer.dir, 'quarantine', `run-${String(run).padStart(4, '0')}.csv`);
    await conn.run(
      `COPY (SELECT source_file AS file, source_row AS "row", reason, raw_values FROM quarantine ORDER BY file, "row")
       TO ${literal(quarantineFile)} (FORMAT csv, HEADER true)`,
    );
  }
  const summary: IngestSummary = {
    ...base,
    run,
    quarantine_file: quarantineFile,
    time,
    totals: {
      rows_read: sum(todo, 'rows_read'),
      loaded: sum(todo, 'loaded'),
      quarantined,
      duplicates: sum(todo, 'duplicates'),
    },
  };
  const tooBad = todo.find(
    (t) => t.summary.rows_read > 0 && t.summary.quarantined / t.summary.rows_read > maxBad,
  );
  if (tooBad) {
    const s = tooBad.summary;
    const reasons = Object.entries(s.quarantine_reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} (${n})`)
      .join(', ');
    throw new UserError(
      `${s.name}: ${s.quarantined} of ${s.rows_read} rows (${((100 * s.quarantined) / s.rows_read).toFixed(2)}%) could not be loaded, more than --max-bad-ratio ${maxBad}. Reasons: ${reasons}. Nothing was written to the store.`,
      `the rows and their reasons are in ${quarantineFile}; usually the profile's formats or column names do not match this export. Fix the profile, or raise --max-bad-ratio if these rows really are bad.`,
    );
  }

  // ---- merge with the store and write the new version ----
  const source = profile.source;
  const relFile = join('calls', `${source}.parquet`);
  const prior = writer.previous?.manifest.sources[source];
  await conn.run(`CREATE TEMP TABLE incoming_ids AS SELECT call_id FROM (${incoming})`);
  let replaced = 0;
  let existing = 'SELECT * FROM (SELECT 1) WHERE false';
  if (prior && writer.previous) {
    const priorPath = literal(join(writer.previous.versionDir, prior.file));
    replaced = numberOf(
      await queryValue(
        conn,
        `SELECT count(*) FROM read_parquet(${priorPath}) WHERE call_id IN (SELECT call_id FROM incoming_ids)`,
      ),
    );
    existing = `SELECT ${cols} FROM read_parquet(${priorPath}) WHERE call_id NOT IN (SELECT call_id FROM incoming_ids)`;
  }
  const outPath = join(writer.stagingDir, relFile);
  await withProgress(conn, progress(todo.map((t) => t.info.name).join(', '), 'writing'), () =>
    conn.run(
      `COPY (${prior ? `${existing} UNION ALL ` : ''}${incoming}) TO ${literal(outPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    ),
  );
  const callsForSource = numberOf(
    await queryValue(conn, `SELECT count(*) FROM read_parquet(${literal(outPath)})`),
  );
  const incomingCount = numberOf(await queryValue(conn, 'SELECT count(*) FROM incoming_ids'));
  const superseded = summary.totals.loaded - incomingCount;

  for (const [name, s] of Object.entries(manifest.sources)) if (name !== source) carryOver(writer, s.file);
  manifest.sources[source] = { calls: callsForSource, file: relFile };
  manifest.profiles[profileSha] = { source, name: profile.name, text: JSON.stringify(profile, null, 2) };
  const record: RunRecord = {
    run,
    started_at: new Date(started).toISOString(),
    finished_at: new Date().toISOString(),
    source,
    profile_sha256: profileSha,
    files: todo.map(({ summary: s }) => ({
      name: s.name,
      path: s.path,
      sha256: s.sha256,
      bytes: s.bytes,
      rows_read: s.rows_read,
      loaded: s.loaded,
      quarantined: s.quarantined,
      duplicates: s.duplicates,
    })),
    inserted: incomingCount - replaced,
    replaced: replaced + superseded,
    quarantine_file: quarantineFile ? relative(writer.dir, quarantineFile) : null,
    time,
  };
  manifest.runs.push(record);
  const state = commit(writer);
  return {
    ...summary,
    version: state.manifest.version,
    committed: true,
    inserted: record.inserted,
    replaced: record.replaced,
    calls_in_store: Object.values(state.manifest.sources).reduce((a, s) => a + s.calls, 0),
    seconds: (Date.now() - started) / 1000,
  };
}

function sum(todo: { summary: FileSummary }[], key: 'rows_read' | 'loaded' | 'duplicates'): number {
  return todo.reduce((a, t) => a + t.summary[key], 0);
}
