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
import { queryRows } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { blockLevelSql } from '../sources/block-address.js';
import { textValueMaskedSql } from '../sources/personal-values.js';

/**
 * The rules' outcomes: named when no field differs, for a rule may read a column no field does (an origin
 * from a `Referral Source`), and "columns the profile does not read" was then said of one it reads. When
 * neither differs, the message says only that: the column may still be one a rule reads, to the same end.
 */
const RULE_OUTCOMES = ['origin', 'responder', 'disposition_class'];

/**
 * Pass-1 columns a conflict is not described by: bookkeeping, and values derived from another column
 * (the normalised call types, the rules' outcomes), which differ only when their column does.
 */
const NOT_COMPARED = new Set([
  'file_idx',
  'source_file',
  'source_row',
  'k',
  'row_hash',
  'problems',
  'raw_values',
  'source_call_id',
  'call_type_initial',
  'call_type_final',
  ...RULE_OUTCOMES,
]);

/**
 * The raw values of the rows of a conflicting id, read again from their files (pass 1 kept the raw text
 * only of rows with problems, and keeping it for every row slowed every ingest), as the quarantine shows
 * every other row's: the export's own columns and text, not the fields as ingest read them (tester 369:
 * `{"received":"2018-06-24 15:41:46"}` beside `{"Queued At":"06/24/2018 3:41:46 PM"}`). Rows are found by
 * pass 1's row hash, which exact copies share, and copies have the same values. Read only when some row
 * has a conflicting id, and only the files that have one (`raw`: ReadResult.rawValues by file_idx): a
 * table conflict_raw(file_idx, row_hash, raw_values).
 */
async function conflictRawValues(conn: DuckDBConnection, raw: Map<number, string>): Promise<void> {
  const files = await queryRows<{ file_idx: number }>(
    conn,
    `SELECT DISTINCT file_idx::INTEGER AS file_idx FROM dropped WHERE kind = 'conflict' ORDER BY 1`,
  );
  const reads = files.flatMap(({ file_idx: idx }) => {
    const rows = raw.get(idx);
    return rows === undefined
      ? []
      : [
          `SELECT ${idx} AS file_idx, row_hash, any_value(raw_values) AS raw_values FROM (${rows})
           WHERE row_hash IN (SELECT c.row_hash FROM dropped d JOIN p1 c USING (file_idx, source_row)
             WHERE d.kind = 'conflict' AND d.file_idx = ${idx})
           GROUP BY ALL`,
        ];
  });
  await conn.run(
    `CREATE TEMP TABLE conflict_raw AS ${
      reads.length
        ? reads.join(' UNION ALL ')
        : 'SELECT NULL::INTEGER AS file_idx, NULL::UBIGINT AS row_hash, NULL::VARCHAR AS raw_values WHERE false'
    }`,
  );
}

export async function checkRows(
  conn: DuckDBConnection,
  rejects: string[],
  addressColumns: string[] = [],
  ruleAddressColumns: string[] = [],
  raw: Map<number, string> = new Map(),
): Promise<void> {
  // The quarantine file is kept in the store, so an address in it is shown at block level, as the store
  // would hold it. (Done here, for the few quarantined rows: in pass 1 it slowed every row.) A column a
  // rule reads is coarsened from its own value.
  const pairs = [
    ...addressColumns.map((c) => `${literal(c)}, block_address`),
    ...ruleAddressColumns.map(
      (c) =>
        `${literal(c)}, ${blockLevelSql(`json_extract_string(raw_values, ${literal(`$."${c.replaceAll('"', '\\"')}"`)})`)}`,
    ),
  ];
  const rawValues = pairs.length
    ? `CAST(json_merge_patch(raw_values, json_object(${pairs.join(', ')})) AS VARCHAR)`
    : 'raw_values';
  // Only ids seen more than once in a file need a closer look; usually a handful. A row with a problem
  // is quarantined, each copy: as duplicates of one another, the lines of delimiters at a file's end, and
  // a header repeated twice, were counted as exact duplicates dropped.
  await conn.run(`CREATE TEMP TABLE repeated AS
    SELECT file_idx, source_call_id, row_hash, source_row FROM p1
    WHERE problems IS NULL AND (file_idx, source_call_id) IN (
      SELECT (file_idx, source_call_id) FROM p1 WHERE source_call_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1)`);
  await conn.run(`CREATE TEMP TABLE dropped AS
    WITH ranked AS (
      SELECT *, row_number() OVER (PARTITION BY file_idx, source_call_id, row_hash ORDER BY source_row) AS copy_no,
        max(source_row) OVER (PARTITION BY file_idx, source_call_id) AS last_row,
        arg_max(row_hash, source_row) OVER (PARTITION BY file_idx, source_call_id) AS kept_hash
      FROM repeated)
    SELECT file_idx, source_row, 'duplicate' AS kind, NULL::BIGINT AS last_row FROM ranked WHERE copy_no > 1
    UNION ALL
    SELECT file_idx, source_row, 'conflict', last_row
    FROM ranked WHERE copy_no = 1 AND row_hash <> kept_hash`);
  // A conflicting row says which of the profile's fields differ from the kept version, and shows its raw
  // values, read again (pass 1 keeps the raw text only of rows with problems; these had none).
  const fields = (await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE p1)'))
    .map((r) => r.column_name)
    .filter((c) => !NOT_COMPARED.has(c));
  const name = (c: string) => c.replace(/_(raw|local|utc|secs)$/, '');
  const differ = (cols: string[]) =>
    `list_filter([${cols
      .map((c) => `CASE WHEN p.${ident(c)} IS DISTINCT FROM k.${ident(c)} THEN ${literal(name(c))} END`)
      .join(', ')}], x -> x IS NOT NULL)`;
  const shown = [...fields, ...RULE_OUTCOMES];
  const differing = `CASE WHEN len(${differ(fields)}) > 0 THEN ${differ(fields)} ELSE ${differ(RULE_OUTCOMES)} END`;
  await conflictRawValues(conn, raw);
  // The block level of an address, which rawValues writes over the address's raw value.
  const address = addressColumns.length && !shown.includes('block_address') ? 'p.block_address, ' : '';
  // The quarantine is kept in the store too, so its reasons and values are masked as the store's text
  // values are (a telephone number in a call type, or read as a time, was kept whole there). Masking the
  // JSON text whole is safe: no pattern crosses a quote, and `X` holds none. A point's coordinate, a value
  // that is a decimal number alone (or quoted as lat or lon in a reason), is kept: `-122.3024338`, three
  // digits and seven, reads as a telephone number (tester 250); `612.555.0179` is none (tester 252). Its
  // point is written `,<chr(1)>,` while masking, which no pattern reads as a mark nor as the start of a
  // number, and JSON text never holds.
  const point = `',' || chr(1) || ','`;
  const masked = (x: string, coordinate: string) =>
    `replace(${textValueMaskedSql(`regexp_replace(${x}, '${coordinate}', '\\1\\2' || ${point} || '\\3', 'g')`)}, ${point}, '.')`;
  await conn.run(`CREATE TEMP TABLE quarantine AS
    SELECT source_file, source_row, ${masked('reason', '(\\b(?:lat|lon): )([-+]?[0-9]{1,3})\\.([0-9]+(?:[^.0-9]|$))')} AS reason,
      ${masked('raw_values', '(")([-+]?[0-9]{1,3})\\.([0-9]+")')} AS raw_values FROM (
    SELECT source_file, source_row, problems AS reason, ${rawValues} AS raw_values FROM p1
    WHERE problems IS NOT NULL
      AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped WHERE kind = 'duplicate')
    UNION ALL
    SELECT source_file, source_row,
      'conflicting id: ' || source_call_id || ' appears again at row ' || last_row || ' with different ' ||
        CASE WHEN len(d) = 0 THEN 'values, none of them read differently into a field the profile reads or a rule''s outcome (they differ in columns the profile does not read, or only in how a value is written, such as 12:00:00 and 12:00:00.000)' ELSE 'values of ' || array_to_string(d, ', ') END ||
        '; the version of that later row was kept',
      -- Its raw values as any quarantined row's. Where they could not be read again, as before: only the
      -- fields that differ, as read (the others as null read as "this row had no received time").
      CASE WHEN raw_values IS NOT NULL THEN ${rawValues} WHEN len(d) > 0 THEN CAST(to_json(map_from_entries(list_filter([${shown
        .map((c) => `{k: ${literal(name(c))}, v: to_json(p.${ident(c)})}`)
        .join(', ')}], e -> list_contains(d, e.k)))) AS VARCHAR) END
    FROM (
      SELECT p.source_file, p.source_row, p.source_call_id, d.last_row, ${shown.map((c) => `p.${ident(c)}`).join(', ')},
        ${address}r.raw_values, ${differing} AS d
      FROM dropped d JOIN p1 p USING (file_idx, source_row)
      JOIN p1 k ON k.file_idx = d.file_idx AND k.source_row = d.last_row
      LEFT JOIN conflict_raw r ON r.file_idx = d.file_idx AND r.row_hash = p.row_hash
      WHERE d.kind = 'conflict' AND p.problems IS NULL) p
    UNION ALL ${rejects.join(' UNION ALL ')})`);
  await conn.run(`CREATE TEMP VIEW loaded_rows AS
    SELECT * FROM p1
    WHERE problems IS NULL AND (file_idx, source_row) NOT IN (SELECT (file_idx, source_row) FROM dropped)`);
}
