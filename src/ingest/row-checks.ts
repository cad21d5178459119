/**
 * The checks that need every row of a file at once: exact duplicates (dropped) and one id with different
 * content (the version of the id's last loadable row kept, the other versions quarantined), then the
 * quarantine itself. Creates the tables `dropped` and `quarantine` and the view `loaded_rows` over the
 * pass-1 view `p1`.
 *
 * The kept version is decided before duplicates are dropped, and among rows that can be loaded: in
 * A, B, A the last row repeats A, so A is kept (its first copy loaded, the last dropped as a duplicate) and
 * B quarantined; judging by the last row alone quarantined A's first copy too, and dropped the last as its
 * duplicate, so the call was in the store no more. A last row with a problem of its own is quarantined for
 * that, and the last loadable version kept.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { literal } from '../util/sql.js';

export async function checkRows(
  conn: DuckDBConnection,
  rejects: string[],
  addressColumns: string[] = [],
): Promise<void> {
  // The quarantine file is kept in the store, so an address in it is shown at block level, as the store
  // would hold it. (Done here, for the few quarantined rows: in pass 1 it slowed every row.)
  const rawValues = addressColumns.length
    ? `CAST(json_merge_patch(raw_values, json_object(${addressColumns
        .map((c) => `${literal(c)}, block_address`)
        .join(', ')})) AS VARCHAR)`
    : 'raw_values';
  // Only ids seen more than once in a file need a closer look; usually a handful.
  await conn.run(`CREATE TEMP TABLE repeated AS
    SELECT file_idx, source_call_id, row_hash, source_row, problems IS NULL AS ok FROM p1
    WHERE (file_idx, coalesce(source_call_id, '')) IN (
      SELECT (file_idx, coalesce(source_call_id, '')) FROM p1 GROUP BY ALL HAVING count(*) > 1)`);
  await conn.run(`CREATE TEMP TABLE dropped AS
    WITH ranked AS (
      SELECT *, row_number() OVER (PARTITION BY file_idx, source_call_id, row_hash ORDER BY source_row) AS copy_no,
        max(source_row) FILTER (WHERE ok) OVER (PARTITION BY file_idx, source_call_id) AS last_row,
        arg_max(row_hash, source_row) FILTER (WHERE ok) OVER (PARTITION BY file_idx, source_call_id) AS kept_hash
      FROM repeated)
    SELECT file_idx, source_row, 'duplicate' AS kind, NULL AS reason FROM ranked WHERE copy_no > 1
    UNION ALL
    SELECT file_idx, source_row, 'conflict',
      'conflicting id: ' || source_call_id || ' appears again at row ' || last_row || ' with different values; the version of that later row was kept'
    FROM ranked WHERE copy_no = 1 AND ok AND source_call_id IS NOT NULL AND row_hash <> kept_hash`);
  await conn.run(`CREATE TEMP TABLE quarantine AS
    SELECT source_file, source_row, problems AS reason, ${rawValues} AS raw_values FROM p1
    WHERE problems IS NOT NULL
      AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped WHERE kind = 'duplicate')
    UNION ALL
    SELECT p.source_file, p.source_row, d.reason, NULL FROM dropped d JOIN p1 p USING (file_idx, source_row)
    WHERE d.kind = 'conflict' AND p.problems IS NULL
    UNION ALL ${rejects.join(' UNION ALL ')}`);
  await conn.run(`CREATE TEMP VIEW loaded_rows AS
    SELECT * FROM p1
    WHERE problems IS NULL AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped)`);
}
