import { readFileSync } from 'node:fs';
import { UserError } from '../util/user-error.js';
import { firstInvalidUtf8Line } from '../sources/inspect-file.js';

/**
 * A problem in a taxonomy or mapping file a person edits by hand. It always names the file, the row as a
 * spreadsheet numbers it (header = row 1) and the field, so the fix can be made without reading code.
 */
export class MappingFileError extends UserError {
  constructor(
    readonly file: string,
    readonly row: number | undefined,
    readonly field: string | undefined,
    readonly problem: string,
    hint: string,
    /** The problem's own line breaks are meant (a list of problems); otherwise they are a cell's. */
    lines = false,
  ) {
    // A cell's line break split the message: a value could forge a line of it (tester 167). Written as the
    // terminal writes it.
    if (!lines) problem = problem.replace(/\n|\r/g, (c) => (c === '\n' ? '\\x0a' : '\\x0d'));
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

/** At most this many rows' problems are listed in one message; the rest are counted. */
const LISTED = 20;

/**
 * The problems of several rows of one file, said at once: a sheet with two mistakes named only the first,
 * and the analyst learnt of the second only after fixing it and importing again (tester 113).
 */
export class MappingFileErrors extends MappingFileError {
  constructor(readonly problems: readonly MappingFileError[]) {
    const where = (e: MappingFileError) =>
      [
        e.row === undefined ? 'the file' : `row ${e.row}`,
        e.field === undefined ? undefined : `field \`${e.field}\``,
      ]
        .filter((x) => x !== undefined)
        .join(', ');
    const listed = problems.slice(0, LISTED);
    const more = problems.length - listed.length;
    // One fix a line, with the rows it is for: twenty bad tiers need "Use one of ..." once.
    const fixes = new Map<string, MappingFileError[]>();
    for (const e of listed) fixes.set(e.hint ?? '', [...(fixes.get(e.hint ?? '') ?? []), e]);
    const rows = (es: MappingFileError[]) =>
      es.every((e) => e.row !== undefined)
        ? `${es.length === 1 ? 'row' : 'rows'} ${es.map((e) => e.row).join(', ')}`
        : 'the file';
    super(
      problems[0]!.file,
      undefined,
      undefined,
      [
        `${problems.length} problems, listed by row${more ? ` (the first ${LISTED})` : ''}:`,
        ...listed.map((e) => `    ${where(e)}: ${e.problem}`),
        ...(more ? [`    and ${more} more`] : []),
      ].join('\n'),
      [
        'fix each and run the command again:',
        ...[...fixes].map(([hint, es]) => `    ${rows(es)}: ${hint}`),
      ].join('\n'),
      true,
    );
    this.name = 'MappingFileErrors';
  }
}

/**
 * Collects the MappingFileErrors of a file's rows instead of stopping at the first; `throwIfAny` throws
 * them together, or one alone as it is.
 */
export class RowProblems {
  readonly problems: MappingFileError[] = [];

  /** Runs `check`; whether it passed. Any error other than a MappingFileError is thrown at once. */
  check(check: () => void): boolean {
    try {
      check();
      return true;
    } catch (e) {
      if (!(e instanceof MappingFileError)) throw e;
      this.problems.push(...(e instanceof MappingFileErrors ? e.problems : [e]));
      return false;
    }
  }

  throwIfAny(): void {
    const sorted = [...this.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (sorted.length > 1) throw new MappingFileErrors(sorted);
    if (sorted.length === 1) throw sorted[0];
  }
}

/** A row of blank cells, what a spreadsheet keeps of a row cleared rather than deleted. */
export const isBlankRow = (values: Record<string, string | undefined>): boolean =>
  Object.values(values).every((x) => !x?.trim());

/** Refuses a row of blank cells in a mapping file, which safegap writes without any. */
export function refuseBlankRow(file: string, row: number, values: Record<string, string | undefined>): void {
  if (isBlankRow(values))
    throw new MappingFileError(
      file,
      row,
      undefined,
      'the row is empty: every cell is blank',
      'Delete the row (a spreadsheet keeps a row of commas for a row cleared rather than deleted).',
    );
}

/** A hand-edited file's text, or a MappingFileError saying it cannot be read and what to do. */
export function readText(file: string, problem: string, hint: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    // A folder, or no such file, said as such (tester 249: "cannot read the mapping file", "Check the path").
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      throw new MappingFileError(
        file,
        undefined,
        undefined,
        `${problem}: it is a folder`,
        'give the CSV file in it, not the folder.',
      );
    if (code === 'ENOENT')
      throw new MappingFileError(file, undefined, undefined, `${problem}: there is no such file`, hint);
    throw new MappingFileError(file, undefined, undefined, problem, hint);
  }
  // Excel on Windows saves CSV as Windows-1252: read as UTF-8, "Révisé" became "R\uFFFDvis\uFFFD" and was
  // written back so.
  const line = firstInvalidUtf8Line(bytes);
  if (line !== null)
    throw new MappingFileError(
      file,
      line,
      undefined,
      'the file is not UTF-8 text',
      // A profile's `encoding` does not apply to mapping files: only the conversion does.
      'a file from Excel or Windows is most often Windows-1252: convert it with `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`, or save it from Excel as "CSV UTF-8".',
    );
  return bytes.toString('utf8');
}
