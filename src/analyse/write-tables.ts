/**
 * Result tables to files: Parquet in the store (`<store>/analysis/`), CSV and JSON in an output folder.
 *
 * The store's folder is replaced whole: every table is written into a fresh folder beside it, which is
 * renamed into place only when complete, so a reader (the report, a notebook) sees the previous analysis
 * or the new one, never a mix or a half-written file.
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { currentVersion } from '../store/current-version.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { excelSafeSql } from '../util/excel-safe.js';
import { removeLeftovers } from '../util/leftovers.js';
import { abandonOutput, checkOutput, finishOutput, startOutput } from '../util/publish.js';
import { GONE_FOR_GOOD, undoOnInterrupt } from '../util/undo-on-interrupt.js';
import { ident, literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { writeNamed } from '../util/write-file.js';
import type { ColumnType, TableResult } from './result.js';

/** Loads a result's rows into a DuckDB table of the declared column types. */
export async function loadTable(
  conn: DuckDBConnection,
  t: TableResult<object>,
  name = `_sg_out_${t.table}`,
): Promise<string> {
  const cols = Object.entries(t.columns) as [string, ColumnType][];
  await conn.run(
    `CREATE OR REPLACE TABLE ${ident(name)} (${cols.map(([c, type]) => `${ident(c)} ${type}`).join(', ')})`,
  );
  const appender = await conn.createAppender(name);
  for (const row of t.rows as Record<string, unknown>[]) {
    for (const [c, type] of cols) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)))
        appender.appendNull();
      else if (type === 'VARCHAR') appender.appendVarchar(String(v));
      else if (type === 'DOUBLE') appender.appendDouble(Number(v));
      else if (type === 'INTEGER') {
        // A count declared INTEGER that is not whole is a bug in its metric: the appender would truncate it.
        if (!Number.isInteger(v) || Math.abs(v as number) >= 2 ** 31)
          throw new Error(`${t.table}.${c}: ${String(v)} is not a whole number for an INTEGER column`);
        appender.appendInteger(v as number);
      } else appender.appendBoolean(Boolean(v));
    }
    appender.endRow();
  }
  appender.closeSync();
  return ident(name);
}

export type Format = 'parquet' | 'csv';

/**
 * The table with each DOUBLE column whose values are all whole numbers (a median of whole seconds) typed
 * INTEGER, so that a CSV reads `120`, not `120.0`. Parquet keeps the declared types, which readers rely on
 * (counts are declared INTEGER, measures DOUBLE, whatever one run's values happen to be).
 */
function wholeAsIntegers(t: TableResult<object>): TableResult<object> {
  const whole = (c: string) =>
    (t.rows as Record<string, unknown>[]).every((r) => {
      const v = r[c];
      return (
        v === null ||
        v === undefined ||
        (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31)
      );
    });
  const columns = Object.fromEntries(
    Object.entries(t.columns).map(([c, type]) => [c, type === 'DOUBLE' && whole(c) ? 'INTEGER' : type]),
  ) as TableResult<object>['columns'];
  return { ...t, columns };
}

async function copyTables(
  conn: DuckDBConnection,
  tables: TableResult<object>[],
  dir: string,
  format: Format,
): Promise<void> {
  for (const t of tables) {
    const rel = await loadTable(conn, format === 'csv' ? wholeAsIntegers(t) : t);
    const options = format === 'parquet' ? '(FORMAT parquet, COMPRESSION zstd)' : '(FORMAT csv, HEADER true)';
    // A spreadsheet runs a cell that starts with = + - @ as a formula (a block address of an export read
    // `=CMD|CALC!A1`): in CSV such text gets a leading ', as the report's CSVs do.
    const select =
      format === 'csv'
        ? Object.entries(t.columns)
            .map(([c, type]) => (type === 'VARCHAR' ? `${excelSafeSql(ident(c))} AS ${ident(c)}` : ident(c)))
            .join(', ')
        : '*';
    await conn.run(
      `COPY (SELECT ${select} FROM ${rel}) TO ${literal(join(dir, `${t.table}.${format}`))} ${options}`,
    );
    await conn.run(`DROP TABLE ${rel}`);
  }
}

/** JSON of every table: its definition and rows (non-finite numbers as null). */
export function tablesJson(tables: TableResult<object>[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      ...extra,
      tables: Object.fromEntries(
        tables.map((t) => [t.table, { definition: t.definition, columns: t.columns, rows: t.rows }]),
      ),
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  )}\n`;
}

/**
 * Replaces `<storeDir>/analysis` with the tables as Parquet plus manifest.json, and returns the folder; or
 * returns the store's newer version, leaving the folder as it is, when an ingest committed one while the
 * tables were computed: an analysis that read the previous version and ended last put its tables back in
 * place of the newer version's (tester 101: 23,050 calls of a store of 63,306, exit 0, without a word).
 */
export async function writeStoreTables(
  conn: DuckDBConnection,
  storeDir: string,
  tables: TableResult<object>[],
  manifest: Record<string, unknown> & { store_version: string },
): Promise<{ folder: string } | { movedTo: string }> {
  const current = () => currentVersion(storeDir) ?? manifest.store_version;
  if (current() !== manifest.store_version) return { movedTo: current() };
  const final = join(storeDir, 'analysis');
  try {
    accessSync(storeDir, constants.W_OK);
  } catch (e) {
    const readOnly = (e as NodeJS.ErrnoException).code === 'EROFS';
    throw new UserError(
      `Cannot write the tables into ${final}: ${readOnly ? "the store's file system is read-only" : 'the store folder is not writable by this user'}.`,
      readOnly
        ? 'run with --no-save (and --out DIR or --json for the tables), or copy the store to a disk that can be written.'
        : 'run with --no-save (and --out DIR or --json for the tables), or as a user who may write to the store.',
    );
  }
  // Folders of a run stopped between its renames.
  removeLeftovers(storeDir, /^analysis\.(?:tmp|old)-(\d+)-/);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(storeDir, `analysis.tmp-${stamp}`);
  const old = join(storeDir, `analysis.old-${stamp}`);
  mkdirSync(staging, { recursive: true });
  const forget = undoOnInterrupt(() => rmSync(staging, GONE_FOR_GOOD));
  try {
    await copyTables(conn, tables, staging, 'parquet');
    writeNamed(
      join(staging, 'manifest.json'),
      `${JSON.stringify(
        {
          ...manifest,
          tables: Object.fromEntries(
            tables.map((t) => [
              t.table,
              { file: `${t.table}.parquet`, rows: t.rows.length, definition: t.definition },
            ]),
          ),
        },
        null,
        2,
      )}\n`,
    );
    // Asked again last: the tables took their time.
    const now = current();
    if (now !== manifest.store_version) {
      rmSync(staging, { recursive: true, force: true });
      return { movedTo: now };
    }
    // Two renames: readers may briefly find no folder (they report "run safegap analyze"), never a mix.
    if (existsSync(final)) renameSync(final, old);
    renameSync(staging, final);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    forget();
  }
  return { folder: final };
}

/** Writes `<out>/<table>.csv` for every table and `<out>/analysis.json`. */
/**
 * Writes every table as CSV and analysis.json into a hidden folder of `out`, and returns the step that
 * puts them in place: analyze writes the store between the two, so a folder it cannot write to fails the
 * run before the store is touched (the store took the new period while --out kept the old).
 */
export async function stageOutTables(
  conn: DuckDBConnection,
  out: string,
  tables: TableResult<object>[],
  extra: Record<string, unknown>,
): Promise<{ check: () => void; finish: () => void; abandon: () => void }> {
  const names = ['analysis.json', ...tables.map((t) => `${t.table}.csv`)];
  const staging = startOutput(out, names);
  try {
    await copyTables(conn, tables, staging, 'csv');
    // Named, so that a full disk's message names the file (tester 272: "The disk is full." and no path).
    writeNamed(join(staging, 'analysis.json'), tablesJson(tables, extra));
  } catch (e) {
    abandonOutput(staging);
    throw e;
  }
  return {
    check: () => checkOutput(staging, out, names),
    // analysis.json last: present only beside the tables it describes.
    finish: () => finishOutput(staging, out, names, 'analysis.json'),
    abandon: () => abandonOutput(staging),
  };
}
