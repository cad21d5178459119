import { readFileSync } from 'node:fs';
import { UserError } from '../util/user-error.js';
import { GIVE_A_REGULAR_FILE, isSpecialFile, NOT_REGULAR } from '../util/write-file.js';
import { Utf8Watch } from '../sources/inspect-file.js';

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
    // A settings file's problems have no row: each names its own place (`rule 2 ... (line 5)`), and
    // "the file:" before each said nothing (tester 392).
    const rowless = problems.every((e) => e.row === undefined && e.field === undefined);
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
        `${problems.length} problems${rowless ? '' : ', listed by row'}${more ? ` (the first ${LISTED})` : ''}:`,
        ...listed.map((e) => `    ${rowless ? '' : `${where(e)}: `}${e.problem}`),
        ...(more ? [`    and ${more} more`] : []),
      ].join('\n'),
      [
        'fix each and run the command again:',
        ...[...fixes].map(([hint, es]) => `    ${rowless ? '' : `${rows(es)}: `}${hint}`),
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
  // A device is read without end (tester 361: `classify import --in /dev/zero` grew to 16 GB).
  if (isSpecialFile(file))
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `${problem}: it ${NOT_REGULAR}`,
      GIVE_A_REGULAR_FILE,
    );
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
  const watch = new Utf8Watch(-1);
  watch.feed(bytes);
  watch.end();
  if (watch.invalid) {
    const line = watch.line;
    // Which cell, too: the row alone left a sheet's analyst to search its every column (tester 349).
    const at = invalidUtf8Cell(bytes, watch.offset!);
    throw new MappingFileError(
      file,
      at?.row ?? line,
      at?.column,
      `the file is not UTF-8 text${at?.column ? `: this cell is the first that is not${at.cell ? ` (\`${at.cell}\` as Windows-1252 reads it)` : ''}` : ''}`,
      // A profile's `encoding` does not apply to mapping files: only the conversion does.
      'a file from Excel or Windows is most often Windows-1252: convert it with `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`, or save it from Excel as "CSV UTF-8".',
    );
  }
  return bytes.toString('utf8');
}

/**
 * Windows-1252's characters for the bytes 0x80-0x9F, where Latin-1 has control characters (`?` for the
 * five it leaves unassigned): Node's decoder reads them as Latin-1.
 */
const CP1252_C1 =
  '\u20ac?\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152?\u017d??\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153?\u017e\u0178';

/**
 * The CSV cell holding the first byte that is not UTF-8: its row (header = row 1, a line break inside
 * quotes not counted, as parseCsv numbers rows), its column as the header names it (none when the header
 * has no column there, or the byte is in the header), and its text as Windows-1252 reads it.
 */
function invalidUtf8Cell(bytes: Buffer, bad: number): { row: number; column?: string; cell?: string } {
  // Read as Windows-1252, every byte is one character, so a character's index is its byte's offset.
  const text = [...bytes]
    .map((b) => (b >= 0x80 && b <= 0x9f ? (CP1252_C1[b - 0x80] ?? '?') : String.fromCharCode(b)))
    .join('');
  const header: string[] = [];
  let row = 1;
  let field = 0;
  let start = 0;
  let quoted = false;
  let cell = '';
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < bad; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === '\n' || ch === '\r')) {
      if (row === 1) header.push(cell.trim());
      cell = '';
      start = i + 1;
      if (ch === ',') field++;
      else {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        row++;
        field = 0;
      }
      continue;
    }
    if (ch !== '"') cell += ch;
  }
  if (row === 1) return { row };
  // The cell to its end, as written (quotes and all), for the analyst to find.
  let end = start;
  let inQuotes = false;
  while (end < text.length && (inQuotes || !/[,\r\n]/.test(text[end]!))) {
    if (text[end] === '"') inQuotes = !inQuotes;
    end++;
  }
  const written = text.slice(start, end).trim().replace(/^"|"$/g, '').replaceAll('""', '"');
  const column = header[field];
  return {
    row,
    ...(column ? { column } : {}),
    ...(written && written.length <= 80 ? { cell: written } : {}),
  };
}
