import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface EngineOptions {
  /** DuckDB memory limit, e.g. '1GB'; work beyond it spills to tempDirectory. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
}

/**
 * An in-process DuckDB that never reaches the network: extension auto-install and auto-load are off (the
 * build bundles parquet, json and icu), and all times are handled in UTC unless a query says otherwise.
 */
export async function openEngine(options: EngineOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    memory_limit: options.memoryLimit ?? process.env.SAFEGAP_MEMORY_LIMIT ?? '1GB',
  };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  // Progress is tracked only with the progress bar on; DuckDB's own printing stays off (we draw our own).
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  if (process.env.SAFEGAP_TIMING) logStatementTimes(conn);
  return conn;
}

/** Run a query and return its rows as plain JSON-safe objects (BIGINTs become strings, so use numberOf). */
export async function queryRows<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as T[];
}

/** The column names of a relation (a table, view or table function), in lower case. */
export async function relationColumns(conn: DuckDBConnection, relation: string): Promise<Set<string>> {
  const names = (await conn.runAndReadAll(`SELECT * FROM ${relation} LIMIT 0`)).columnNames() as string[];
  return new Set(names.map((c) => c.toLowerCase()));
}

export async function queryValue(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const rows = await queryRows(conn, sql);
  const first = rows[0];
  return first === undefined ? undefined : Object.values(first)[0];
}

export function numberOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${String(value)}`);
  return n;
}

/** SAFEGAP_TIMING=1: log every statement's duration to stderr, for performance work. */
function logStatementTimes(conn: DuckDBConnection): void {
  const run = conn.run.bind(conn);
  conn.run = async (...args: Parameters<typeof conn.run>) => {
    const started = performance.now();
    try {
      return await run(...args);
    } finally {
      const ms = Math.round(performance.now() - started);
      process.stderr.write(
        `[safegap ${ms} ms] ${args[0].replace(/\s+/g, ' ').slice(0, process.env.SAFEGAP_TIMING === 'full' ? undefined : 100)}\n`,
      );
    }
  };
}
