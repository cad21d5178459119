import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A file's absolute path and the SHA-256 of its bytes (null: it is not there), to tell later that it changed. */
export interface FileDigest {
  path: string;
  sha256: string | null;
}

/** A file that is not there: one that appears later is a change too. */
export const absentFile = (file: string): FileDigest => ({ path: resolve(file), sha256: null });

export function fileDigest(file: string): FileDigest {
  return { path: resolve(file), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}
