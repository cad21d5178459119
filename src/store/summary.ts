/**
 * A first look at a store: what it holds, over what period, how calls came in, who answered them, and the
 * data-quality counts of the runs that made it. `safegap demo` and `safegap store info` print it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, numberOf } from './duckdb.js';
import { attachCalls, type StoreState } from './store.js';

export interface StoreSummary {
  version: string;
  /**
   * Calls: records, with the records of one call in several sources (the same source_call_id) counted once,
   * as `safegap analyze` links them. The tables below count records.
   */
  calls: number;
  records: number;
  sources: { source: string; calls: number }[];
  first_local: string | null;
  last_local: string | null;
  by_origin: { origin: string; calls: number }[];
  by_responder: { responder: string; calls: number; share: number }[];
  top_final_types: { call_type: string; calls: number }[];
  quality: {
    rows_read: number;
    quarantined: number;
    duplicates: number;
    dst_ambiguous_calls: number;
    negative_interval_calls: number;
  };
}

/** Row accounting and time-quality counts of every ingest run that made the store, summed. */
export interface IngestTotals {
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  dst_ambiguous_calls: number;
  dst_gap_calls: number;
  negative_interval_calls: number;
  implausible_interval_calls: number;
}

export function ingestTotals(state: StoreState): IngestTotals {
  const runs = state.manifest.runs;
  const files = runs.flatMap((r) => r.files);
  const sum = (f: (x: (typeof files)[number]) => number) => files.reduce((a, x) => a + f(x), 0);
  const time = (k: string) => runs.reduce((a, r) => a + (r.time[k] ?? 0), 0);
  return {
    rows_read: sum((f) => f.rows_read),
    loaded: sum((f) => f.loaded),
    quarantined: sum((f) => f.quarantined),
    duplicates: sum((f) => f.duplicates),
    dst_ambiguous_calls: time('dst_ambiguous_calls'),
    dst_gap_calls: time('dst_gap_calls'),
    negative_interval_calls: time('negative_interval_calls'),
    implausible_interval_calls: time('implausible_interval_calls'),
  };
}

export async function summarizeStore(conn: DuckDBConnection, state: StoreState): Promise<StoreSummary> {
  await attachCalls(conn, state);
  const linked = Object.keys(state.manifest.sources).length > 1;
  const [totals] = await queryRows<{ n: string; calls: string; lo: string | null; hi: string | null }>(
    conn,
    `SELECT count(*) n,
       ${linked ? 'count(*) FILTER (WHERE source_call_id IS NULL) + count(DISTINCT source_call_id)' : 'count(*)'} calls,
       CAST(min(received_local) AS VARCHAR) lo, CAST(max(received_local) AS VARCHAR) hi FROM calls`,
  );
  const records = numberOf(totals?.n);
  const grouped = async (col: string) =>
    (
      await queryRows<{ k: string; n: string }>(
        conn,
        `SELECT coalesce(${col}, '(none)') k, count(*) n FROM calls GROUP BY 1 ORDER BY 2 DESC, 1`,
      )
    ).map((r) => ({ k: r.k, n: numberOf(r.n) }));
  const t = ingestTotals(state);
  return {
    version: state.manifest.version,
    calls: numberOf(totals?.calls),
    records,
    sources: Object.entries(state.manifest.sources).map(([source, s]) => ({ source, calls: s.calls })),
    first_local: totals?.lo ?? null,
    last_local: totals?.hi ?? null,
    by_origin: (await grouped('origin')).map((r) => ({ origin: r.k, calls: r.n })),
    by_responder: (await grouped('responder')).map((r) => ({
      responder: r.k,
      calls: r.n,
      share: records ? r.n / records : 0,
    })),
    top_final_types: (await grouped('call_type_final'))
      .slice(0, 10)
      .map((r) => ({ call_type: r.k, calls: r.n })),
    quality: {
      rows_read: t.rows_read,
      quarantined: t.quarantined,
      duplicates: t.duplicates,
      dst_ambiguous_calls: t.dst_ambiguous_calls,
      negative_interval_calls: t.negative_interval_calls,
    },
  };
}
