import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * A file's absolute path and the SHA-256 of what it says (null: it is not there), to tell later that it
 * changed. What a YAML file says is its parsed value: a comment added to a settings file was taken for a
 * change of the figures (tester 116).
 */
export interface FileDigest {
  path: string;
  sha256: string | null;
}

/** A file that is not there: one that appears later is a change too. */
export const absentFile = (file: string): FileDigest => ({ path: resolve(file), sha256: null });

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** What a YAML file says, as JSON; its bytes when it does not parse (any edit of those is a change). */
function said(file: string, bytes: Buffer): string | Buffer {
  if (!['.yaml', '.yml'].includes(extname(file).toLowerCase())) return bytes;
  try {
    return JSON.stringify(parseYaml(bytes.toString('utf8')) ?? null);
  } catch {
    return bytes;
  }
}

export function fileDigest(file: string): FileDigest {
  const bytes = readFileSync(file);
  return { path: resolve(file), sha256: sha256(said(file, bytes)) };
}

/**
 * Whether the file still says what `before` recorded. An analysis saved by an earlier safegap recorded the
 * SHA-256 of the bytes, which is taken too, so that an upgrade alone is no change.
 */
export function unchangedSince(before: FileDigest): boolean {
  const bytes = readFileSync(before.path);
  return sha256(said(before.path, bytes)) === before.sha256 || sha256(bytes) === before.sha256;
}
