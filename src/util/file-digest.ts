import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A file's absolute path and the SHA-256 of its bytes: what tells later that it changed. */
export function fileDigest(file: string): { path: string; sha256: string } {
  return { path: resolve(file), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}
