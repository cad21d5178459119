import { UserError } from '../util/user-error.js';

/**
 * A problem in a taxonomy or mapping file a person edits by hand. It always names the file, the row as a
 * spreadsheet numbers it (header = row 1) and the field, so the fix can be made without reading code.
 */
export class MappingFileError extends UserError {
  constructor(
    readonly file: string,
    readonly row: number | undefined,
    readonly field: string | undefined,
    problem: string,
    hint: string,
  ) {
    const where = [
      file,
      row === undefined ? undefined : `row ${row}`,
      field === undefined ? undefined : `field \`${field}\``,
    ]
      .filter((x) => x !== undefined)
      .join(', ');
    super(`${where}: ${problem}`, hint);
    this.name = 'MappingFileError';
  }
}
