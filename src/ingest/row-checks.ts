/**
 * The checks that need every row of a file at once: exact duplicates (dropped) and one id with different
 * content (the later row kept, the earlier quarantined), then the quarantine itself. Creates the tables
 * `dropped` and `quarantine` and the view `loaded_rows` over the pass-1 view `p1`.
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
