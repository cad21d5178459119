/**
 * Copies of an export's first rows with some values edited (a stray quote, a stray delimiter), for the
 * tests of what profile init and ingest make of them; and profile init's refusal of a copy.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftProfile } from '../../src/sources/init-profile.js';

/**
 * `lines` (the header first, no quote in any: every comma a delimiter) with `edits[row]` applied to the
 * value of column `at` of each row named, written with CRLF line ends to `dir/name`; its path.
 */
export function editedCopy(
  dir: string,
  name: string,
  lines: readonly string[],
  at: number,
  edits: Record<number, (v: string) => string>,
): string {
  const out = lines.map((l, row) => {
    const edit = edits[row];
    if (!edit) return l;
    const f = l.split(',');
    f[at] = edit(f[at]!);
    return f.join(',');
  });
  const path = join(dir, name);
  writeFileSync(path, out.join('\r\n') + '\r\n');
  return path;
}

/** profile init's refusal of `path`, or undefined when it drafted. */
export async function draftRefusal(path: string, dir: string): Promise<unknown> {
  try {
    await draftProfile(path, { outDir: dir });
    return undefined;
  } catch (e) {
    return e;
  }
}
