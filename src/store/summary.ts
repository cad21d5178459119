/**
 * A first look at a store: what it holds, over what period, how calls came in, who answered them, and the
 * data-quality counts of the runs that made it. `safegap demo` and `safegap store info` print it.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, numberOf } from './duckdb.js';
import { attachCalls, unfinishedIngests, type StoreState } from './store.js';
import { unchangedSince, type FileDigest } from '../util/file-digest.js';
import { noNoise } from '../util/float-noise.js';

export interface StoreSummary {
  version: string;
  /** What stopped ingests left in the store, in words (store.ts, unfinishedIngests); the next ingest removes it. */
  unfinished_ingests: string[];
  /**
   * Calls: records, with the records of one call in several sources (the same source_call_id) counted once,
   * as `safegap analyze` links them. The tables below count records, and say so (`records`: tester 262 read
   * `calls` there as calls, though a call in three sources counted three times).
   */
  calls: number;
  records: number;
  sources: { source: string; records: number }[];
  first_local: string | null;
  last_local: string | null;
  by_origin: { origin: string; records: number }[];
  /**
   * Records by responder. `share` is of all records, and null when one call has records in several sources:
   * each counts under its own source's responder, so a share would count a linked call twice (a tester
   * quoted the crisis team's 5.3% of records for 2.9% of calls). `safegap analyze` gives the diverted share.
   */
  by_responder: { responder: string; records: number; share: number | null }[];
  top_final_types: { call_type: string; records: number }[];
  quality: {
    /** Ingest runs that made the store; the row counts below are summed over them. */
    runs: number;
    rows_read: number;
    quarantined: number;
    duplicates: number;
    /** Records a later record of the same call replaced (a file ingested again, or overlapping exports). */
    replaced: number;
    /**
     * The runs that kept calls the store held though their export of the span did not hold them (an export
     * replaces calls by id and removes none: a corrected re-export that withdrew them), each with its count
     * (the run record's `kept_not_in_files`; runs written before it was kept count none). Not summed: a call
     * two runs left out is in both, and one a later run brought back is still in the first (tester 345).
     */
    kept_not_in_files_runs: { run: number; source: string; calls: number }[];
    /**
     * Records the store holds now with a time in a DST fall-back hour or a spring-forward gap, or a negative
     * or implausibly long interval (the last two are counted, as ingest counts them; store info said none).
     */
    dst_ambiguous_calls: number;
    dst_gap_calls: number;
    negative_interval_calls: number;
    implausible_interval_calls: number;
  };
  /**
   * The tables `safegap analyze` saved in the store: of which store version, when, and with which mapping;
   * null when none are. They can be of an older version than the store's (tester 101: nothing said which),
   * or made with a mapping or city settings changed or gone since (tester 113: after an import they were
   * the old mapping's, without a word): `classification_changed` lists those files.
   */
  analysis: {
    store_version: string;
    /** Whether `store_version` is the store's current version: if not, its figures are not of the calls held now. */
    current: boolean;
    created_at: string;
    /** The period and denominator it was made for (tester 132: tables of two months passed for the store's). */
    period: { from: string; to: string } | null;
    denominator: string | null;
    mapping_file: string | null;
    /** Null when the analysis was saved by a safegap that kept no record of them. */
    classification_changed: { path: string; now: 'changed' | 'gone' | 'new' }[] | null;
  } | null;
}

/** Whether a file is there to be read (a folder or one this user may not read put in its place is not). */
function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What `<store>/analysis/manifest.json` says it is of, or null when there is none to read. */
function savedAnalysis(dir: string, version: string): StoreSummary['analysis'] {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'analysis', 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    if (typeof m.store_version !== 'string' || typeof m.created_at !== 'string') return null;
    const mapping = (m.classification as { mapping_file?: unknown } | undefined)?.mapping_file;
    // Saved before the files were kept (an older safegap): nothing to compare, and not said to be unchanged.
    const files = Array.isArray(m.classification_files) ? (m.classification_files as FileDigest[]) : null;
    const period = m.period as { from?: unknown; to?: unknown } | undefined;
    return {
      store_version: m.store_version,
      current: m.store_version === version,
      created_at: m.created_at,
      period:
        typeof period?.from === 'string' && typeof period.to === 'string'
          ? { from: period.from, to: period.to }
          : null,
      denominator: typeof m.denominator === 'string' ? m.denominator : null,
      // A mapping given by a relative path is named by the absolute one kept with its digest: relative, it
      // was of the folder analyze ran in (tester 116). A built-in one is named as such.
      mapping_file:
        typeof mapping !== 'string'
          ? null
          : isAbsolute(mapping) || !files
            ? mapping
            : (files.find((f) => f.sha256 !== null && f.path.endsWith(`${sep}${normalize(mapping)}`))?.path ??
              mapping),
      classification_changed:
        files &&
        files.flatMap((f) => {
          const there = readable(f.path);
          if (there ? f.sha256 !== null && unchangedSince(f) : f.sha256 === null) return [];
          return [{ path: f.path, now: !there ? 'gone' : f.sha256 === null ? 'new' : 'changed' } as const];
        }),
    };
  } catch {
    return null;
  }
}

/**
 * Row accounting of every ingest run that made the store, summed: a row read twice (a file ingested again
 * after it changed) counts twice. The time flags of the records held are counted from the store itself.
 */
export interface IngestTotals {
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  replaced: number;
}

export function ingestTotals(state: StoreState): IngestTotals {
  const runs = state.manifest.runs;
  const files = runs.flatMap((r) => r.files);
  const sum = (f: (x: (typeof files)[number]) => number) => files.reduce((a, x) => a + f(x), 0);
  return {
    rows_read: sum((f) => f.rows_read),
    loaded: sum((f) => f.loaded),
    quarantined: sum((f) => f.quarantined),
    duplicates: sum((f) => f.duplicates),
    replaced: runs.reduce((a, r) => a + r.replaced, 0),
  };
}

/**
 * The calls among records of several sources: a call in several sources (one id) counts once, and a record
 * without an id is a call of its own. What `store info` and an ingest's summary count.
 */
export const LINKED_CALLS_SQL =
  'count(*) FILTER (WHERE source_call_id IS NULL) + count(DISTINCT source_call_id)';

export async function summarizeStore(conn: DuckDBConnection, state: StoreState): Promise<StoreSummary> {
  await attachCalls(conn, state);
  const linked = Object.keys(state.manifest.sources).length > 1;
  const [totals] = await queryRows<{
    n: string;
    calls: string;
    lo: string | null;
    hi: string | null;
    dst: string;
    gap: string;
    negative: string;
    implausible: string;
  }>(
    conn,
    `SELECT count(*) n,
       ${linked ? LINKED_CALLS_SQL : 'count(*)'} calls,
       CAST(min(received_local) AS VARCHAR) lo, CAST(max(received_local) AS VARCHAR) hi,
       count(*) FILTER (WHERE list_contains(time_flags, 'dst_ambiguous')) dst,
       count(*) FILTER (WHERE list_contains(time_flags, 'dst_gap')) gap,
       count(*) FILTER (WHERE list_contains(time_flags, 'negative_interval')) negative,
       count(*) FILTER (WHERE list_contains(time_flags, 'implausible_interval')) implausible FROM calls`,
  );
  const records = numberOf(totals?.n);
  const calls = numberOf(totals?.calls);
  const grouped = async (col: string) =>
    (
      await queryRows<{ k: string; n: string }>(
        conn,
        `SELECT coalesce(${col}, '(none)') k, count(*) n FROM calls GROUP BY 1 ORDER BY 2 DESC, 1`,
      )
    ).map((r) => ({ k: r.k, n: numberOf(r.n) }));
  const t = ingestTotals(state);
  const kept = state.manifest.runs.flatMap((r) =>
    r.kept_not_in_files ? [{ run: r.run, source: r.source, calls: r.kept_not_in_files }] : [],
  );
  return {
    version: state.manifest.version,
    unfinished_ingests: unfinishedIngests(state),
    calls,
    records,
    sources: Object.entries(state.manifest.sources).map(([source, s]) => ({ source, records: s.calls })),
    first_local: totals?.lo ?? null,
    last_local: totals?.hi ?? null,
    by_origin: (await grouped('origin')).map((r) => ({ origin: r.k, records: r.n })),
    by_responder: (await grouped('responder')).map((r) => ({
      responder: r.k,
      records: r.n,
      share: records === calls ? (records ? noNoise(r.n / records) : 0) : null,
    })),
    top_final_types: (await grouped('call_type_final'))
      .slice(0, 10)
      .map((r) => ({ call_type: r.k, records: r.n })),
    quality: {
      runs: state.manifest.runs.length,
      rows_read: t.rows_read,
      quarantined: t.quarantined,
      duplicates: t.duplicates,
      replaced: t.replaced,
      kept_not_in_files_runs: kept,
      dst_ambiguous_calls: numberOf(totals?.dst),
      dst_gap_calls: numberOf(totals?.gap),
      negative_interval_calls: numberOf(totals?.negative),
      implausible_interval_calls: numberOf(totals?.implausible),
    },
    analysis: savedAnalysis(state.dir, state.manifest.version),
  };
}
