import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version a store's CURRENT names now, or null where there is none (no store yet): read again each
 * time, since an ingest of another process may have moved it since the store was read. A module of its
 * own, node:fs alone, for the interrupt handler that is loaded before the rest (bin/safegap.js).
 */
export function currentVersion(store: string): string | null {
  try {
    return readFileSync(join(store, 'CURRENT'), 'utf8').trim();
  } catch {
    return null;
  }
}
