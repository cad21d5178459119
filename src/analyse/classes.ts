/**
 * The classification the analysis reads, made with the classifier of issue 3 (src/classify/apply.ts).
 *
 * `applyClassification` writes one row per call. On ten million calls that table alone costs seconds and
 * a gigabyte, so here it is run on the distinct combinations of the columns it reads (types, priorities,
 * responder and the city's rule columns: thousands of rows, not millions) and the analysis joins each
 * call to its combination. The result meets the same contract (context.ts CLASSES_CONTRACT), keyed by
 * those columns instead of call_id.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { applyClassification, type ApplySummary } from '../classify/apply.js';
import type { ClassifierIndex } from '../classify/classifier.js';
import type { CitySettings, MappingEntry } from '../classify/mapping-file.js';
import type { Taxonomy } from '../classify/taxonomy.js';
import { queryRows } from '../store/duckdb.js';
import { ident } from '../util/sql.js';

/** Columns of a call that applyClassification reads, besides call_id and the city's rule columns. */
const READ_COLUMNS = [
  'call_type_initial_raw',
  'call_type_initial',
  'call_type_final_raw',
  'call_type_final',
  'priority_initial',
  'priority',
  'responder',
];

export interface KeyedClasses {
  /** Relation with the key columns and the classification columns. */
  relation: string;
  /** Calls columns a call is matched on (NULL matches NULL). */
  keys: string[];
  summary: ApplySummary;
}

export interface ClassifyOptions {
  tax: Taxonomy;
  entries: readonly MappingEntry[];
  settings?: CitySettings;
  /** Classify types the mapping lacks automatically; without it they stay unclassified. */
  index?: ClassifierIndex;
  calls?: string;
  name?: string;
}

export async function classifyByCombination(
  conn: DuckDBConnection,
  options: ClassifyOptions,
): Promise<KeyedClasses> {
  const calls = options.calls ?? 'calls';
  const name = options.name ?? 'analysis_classes';
  const cols = new Set(
    (
      await queryRows<{ column_name: string }>(
        conn,
        `SELECT column_name FROM (DESCRIBE SELECT * FROM ${calls})`,
      )
    ).map((r) => r.column_name.toLowerCase()),
  );
  const ruleCols = (options.settings?.actualResponderRules ?? []).map((r) => r.column.toLowerCase());
  const keys = [...new Set([...READ_COLUMNS, ...ruleCols])].filter((c) => cols.has(c));
  const keyList = keys.map(ident).join(', ');
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE _sg_combos AS
     SELECT CAST(row_number() OVER () AS VARCHAR) AS call_id, * FROM (SELECT DISTINCT ${keyList} FROM ${calls})`,
  );
  const summary = await applyClassification(conn, options.tax, options.entries, {
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.index ? { index: options.index } : {}),
    callsRelation: '_sg_combos',
    table: '_sg_combo_classes',
  });
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(name)} AS
     SELECT m.* EXCLUDE (call_id), k.* EXCLUDE (call_id)
     FROM _sg_combos m JOIN _sg_combo_classes k USING (call_id)`,
  );
  await conn.run('DROP TABLE _sg_combos');
  await conn.run('DROP TABLE _sg_combo_classes');
  return { relation: ident(name), keys, summary };
}
