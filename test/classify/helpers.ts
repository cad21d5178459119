import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

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
