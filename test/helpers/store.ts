import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { attachCalls, requireStore } from '../../src/store/store.js';

/** Rows of a query over a store's `calls` view, on an engine opened and closed for it. */
export async function storeRows<T = Record<string, unknown>>(store: string, sql: string): Promise<T[]> {
  const conn = await openEngine();
  try {
    await attachCalls(conn, requireStore(store));
    return await queryRows<T>(conn, sql);
  } finally {
    conn.closeSync();
  }
}
