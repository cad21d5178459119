import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Path of a shared real-data file, relative to the repository as the data manifest requires. */
export function sharedData(rel: string): string {
  return resolve(process.cwd(), '../shared/data', rel);
}

/** Skip only off CI: on CI (CI=true) a missing data file must make the test fail, not vanish. */
export function missingOffCi(path: string): boolean {
  return !existsSync(path) && process.env.CI !== 'true';
}

export async function memoryDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  return instance.connect();
}

export async function rows<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

export function sqlPath(p: string): string {
  return `'${p.replaceAll("'", "''")}'`;
}
