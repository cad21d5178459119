import { rmSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { scratchFolder } from '../util/leftovers.js';
import { GONE_FOR_GOOD, undoOnInterrupt } from '../util/undo-on-interrupt.js';
import { literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';

export interface EngineOptions {
  /** DuckDB memory limit, e.g. '1GB'; work beyond it spills to tempDirectory. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
}

const DEFAULT_MEMORY_LIMIT = '1GB';

/** SAFEGAP_MEMORY_LIMIT as set, or undefined when unset or empty (`SAFEGAP_MEMORY_LIMIT= safegap ...`). */
function memoryLimitVariable(): string | undefined {
  return process.env.SAFEGAP_MEMORY_LIMIT?.trim() || undefined;
}

/**
 * Set by SET rather than in the instance's config: a value DuckDB cannot read failed there with "Failed to
 * set config", naming neither the setting nor the value, while SET says what is wrong with it.
 */
async function setMemoryLimit(conn: DuckDBConnection, value: string): Promise<void> {
  try {
    await conn.run(`SET memory_limit = ${literal(value)}`);
  } catch (e) {
    conn.closeSync();
    const why = (e as Error).message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '');
    throw new UserError(
      `SAFEGAP_MEMORY_LIMIT is \`${value}\`, which is not a memory size (${why}).`,
      `give a number and a unit, such as SAFEGAP_MEMORY_LIMIT=512MB, 2GB or 4GiB, or unset it for the default, ${DEFAULT_MEMORY_LIMIT}.`,
    );
  }
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
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  const fromEnv = options.memoryLimit ? undefined : memoryLimitVariable();
  if (fromEnv) await setMemoryLimit(conn, fromEnv);
  await conn.run("SET TimeZone = 'UTC'");
  // Progress is tracked only with the progress bar on; DuckDB's own printing stays off (we draw our own).
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  if (process.env.SAFEGAP_TIMING) logStatementTimes(conn);
  return conn;
}

/**
 * An engine that spills to a private scratch folder (scratchFolder: analyse, report, init), and `close`, which
 * ends both (as a Ctrl-C does). A refused engine (SAFEGAP_MEMORY_LIMIT) removes its folder at once: it would stay until the next run.
 */
export async function openScratchEngine(
  kind: string,
  options: Omit<EngineOptions, 'tempDirectory'> = {},
): Promise<{ conn: DuckDBConnection; scratch: string; close: () => void }> {
  const scratch = scratchFolder(kind);
  const remove = () => rmSync(scratch, GONE_FOR_GOOD);
  const forget = undoOnInterrupt(remove);
  const conn = await openEngine({ ...options, tempDirectory: scratch }).catch((e: unknown) => {
    forget();
    remove();
    throw e;
  });
  return {
    conn,
    scratch,
    close: () => {
      forget();
      conn.closeSync();
      remove();
    },
  };
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
