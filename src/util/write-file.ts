/**
 * A file a person names with --out: a folder there, or the input file itself, is refused, and missing
 * parent folders are made (each crashed with EISDIR or ENOENT).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makeDir } from './publish.js';
import { cannotWriteFile, UserError } from './user-error.js';

export function writeOutputFile(
  file: string,
  text: string,
  options: { force?: boolean; input?: string } = {},
): void {
  checkOutputFile(file, options);
  makeDir(file, dirname(resolve(file)));
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw cannotWriteFile('--out', file, e) ?? e;
  }
}

/**
 * writeOutputFile's checks alone, for a command to make before its work. `force: false` refuses an
 * existing file (`force` absent: it is overwritten).
 */
export function checkOutputFile(file: string, options: { force?: boolean; input?: string } = {}): void {
  if (options.input !== undefined && resolve(options.input) === resolve(file))
    throw new UserError(`--out ${file} is the file being read.`, 'give --out another file name.');
  refuseFolder(file);
  if (options.force === false) refuseExisting(file);
}

function refuseFolder(file: string): void {
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UserError(`--out ${file} is a folder.`, 'give a file name for --out.');
}

/**
 * Refuses to overwrite `file` without --force (`also`: what else --force would overwrite with it), and a
 * folder whatever --force says: "add --force" was the advice, and with it the folder was refused.
 */
export function refuseExisting(file: string, also = ''): void {
  refuseFolder(file);
  if (existsSync(file))
    throw new UserError(
      `${file} exists already.`,
      `choose another --out, or add --force to overwrite it${also ? ` and ${also}` : ''}.`,
    );
}
