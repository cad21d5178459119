/**
 * A file a person names with --out: a folder there, or the input file itself, is refused, and missing
 * parent folders are made (each crashed with EISDIR or ENOENT).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makeDir } from './publish.js';
import { UserError } from './user-error.js';

export function writeOutputFile(
  file: string,
  text: string,
  options: { force?: boolean; input?: string } = {},
): void {
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UserError(`--out ${file} is a folder.`, 'give a file name for --out.');
  if (options.input !== undefined && resolve(options.input) === resolve(file))
    throw new UserError(`--out ${file} is the file being read.`, 'give --out another file name.');
  if (options.force === false) refuseExisting(file);
  makeDir(file, dirname(resolve(file)));
  writeFileSync(file, text);
}

/** Refuses to overwrite `file` without --force (`also`: what else --force would overwrite with it). */
export function refuseExisting(file: string, also = ''): void {
  if (existsSync(file))
    throw new UserError(
      `${file} exists already.`,
      `choose another --out, or add --force to overwrite it${also ? ` and ${also}` : ''}.`,
    );
}
