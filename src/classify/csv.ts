/**
 * A small RFC 4180 CSV reader and writer. Mapping files are edited in spreadsheets, so every record keeps
 * the spreadsheet row it started on (header = row 1) for error messages, and malformed input (an
 * unterminated quote, a stray quote, a row with the wrong number of fields) is an error naming that row.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MappingFileError } from './errors.js';
import { meant as meantName } from '../util/words.js';
import { notCsvText } from '../sources/inspect-file.js';
import { UserError } from '../util/user-error.js';

export interface CsvRecord {
  /** Spreadsheet row where the record starts (the header is row 1). */
  row: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

function splitRows(text: string, file: string): { row: number; fields: string[] }[] {
  const out: { row: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let i = 0;
  let quoted = false;
  let sawAny = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !sawAny)) out.push({ row: startLine, fields });
    fields = [];
    field = '';
    sawAny = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new MappingFileError(
            file,
            startLine,
            undefined,
            `unexpected character \`${next}\` after a closing quote (field ${fields.length + 1})`,
            'A field that contains a quote must be wrapped in quotes and each inner quote doubled (""), and a quote opened in this row must be closed in it.',
          );
        continue;
      }
      // A line break inside quotes is part of one cell: the spreadsheet row does not change.
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '')
        throw new MappingFileError(
          file,
          startLine,
          undefined,
          `a quote in the middle of field ${fields.length + 1} (\`${field}"...\`)`,
          'Wrap the whole field in quotes and double the inner quote, e.g. "say ""hi""".',
        );
      quoted = true;
      sawAny = true;
      i++;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      startLine = line;
      continue;
    }
    field += ch;
    sawAny = true;
    i++;
  }
  if (quoted)
    throw new MappingFileError(
      file,
      startLine,
      undefined,
      'a quoted field is never closed (the file ends inside quotes)',
      'Add the missing closing quote; a field that starts with " must end with ".',
    );
  if (field !== '' || fields.length > 0 || sawAny) endRecord();
  return out;
}

/**
 * Parse CSV text whose first row is a header. `required` columns must be present; a header that is one of
 * `columns` (the required ones by default) but for case, or spaces or hyphens for underscores, is refused as
 * that column misspelt; with `near`, so is one a letter or two from one of them (`columns` must then be every
 * column the file may have).
 */
export function parseCsv(
  text: string,
  file: string,
  required: readonly string[] = [],
  columns: readonly string[] = required,
  near = false,
): CsvTable {
  // A spreadsheet set to another list separator saves `raw_type;category;...`: one column, not a missing
  // one. Told from the header line before the rows are read, since a quoted note further down failed first
  // as a stray quote.
  const headLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const other = headLine.includes(',') ? undefined : [';', '\t'].find((d) => headLine.includes(d));
  if (other && required.length)
    throw new MappingFileError(
      file,
      1,
      undefined,
      `the file is separated by ${other === '\t' ? 'tabs' : 'semicolons'}, not commas`,
      'Save it as CSV with commas (in Excel: "CSV UTF-8 (Comma delimited)").',
    );
  const rows = splitRows(text, file);
  const head = rows[0];
  if (!head)
    throw new MappingFileError(
      file,
      1,
      undefined,
      'the file is empty',
      `Start it with a header row: ${required.join(',')}`,
    );
  const header = head.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    // Columns with no name are nobody's to read (an import notes them as ignored): two of them are no
    // repeated column (tester 105).
    if (h && seen.has(h))
      throw new MappingFileError(
        file,
        1,
        h,
        'this column appears twice in the header',
        'Remove or rename one of them.',
      );
    seen.add(h);
  }
  // Names are read as written: `Category` was refused as a missing `category`, while an optional `Tier` or
  // `Note` was dropped as a column of no use, its edits lost with a note only (tester 237). Every column
  // written in another case is refused alike, naming the column it stands for; surrounding spaces are
  // taken off above, for every column. So is one with spaces or hyphens for its underscores (tester 238:
  // `eligible near term`, its edits lost with exit 0).
  const key = (c: string) => c.toLowerCase().replace(/[\s_-]+/g, '_');
  // Tester 265: `eligible_curent`, a letter off, was dropped with a note and exit 0, its edits lost.
  const misspelt = header.flatMap((h) => {
    const m =
      columns.find((c) => c !== h && key(c) === key(h)) ??
      (near && h && !columns.includes(h) ? meantName(h, columns) : undefined);
    return m ? [{ h, meant: m }] : [];
  });
  if (misspelt.length) {
    const both = misspelt.filter((m) => seen.has(m.meant));
    throw new MappingFileError(
      file,
      1,
      misspelt[0]!.h,
      `the header's ${misspelt.map((m) => `\`${m.h}\` (did you mean \`${m.meant}\`?)`).join(', ')} ${misspelt.length === 1 ? 'is no column' : 'are no columns'}: column names are read exactly as written, and ${misspelt.length === 1 ? 'its' : 'their'} cells would not be read`,
      `Rename ${misspelt.map((m) => `\`${m.h}\` to \`${m.meant}\``).join(', ')}${both.length ? ` (the header has ${both.map((m) => `\`${m.meant}\``).join(', ')} too: keep the column you edited and delete the other)` : ''}.`,
    );
  }
  for (const r of required)
    if (!seen.has(r))
      throw new MappingFileError(
        file,
        1,
        r,
        `the header has no column \`${r}\` (it has: ${header.join(', ')})`,
        `Add a \`${r}\` column; the required columns are ${required.join(', ')}.`,
      );
  const records: CsvRecord[] = [];
  for (const r of rows.slice(1)) {
    if (r.fields.length === 1 && r.fields[0]!.trim() === '') continue;
    if (r.fields.length !== header.length)
      throw new MappingFileError(
        file,
        r.row,
        undefined,
        `${r.fields.length} fields where the header has ${header.length}`,
        'Quote any field that contains a comma, and check for a missing or extra comma.',
      );
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = r.fields[i]!));
    records.push({ row: r.row, values });
  }
  return { header, records };
}

/**
 * A file given where a mapping CSV goes that is no CSV text at all, told as ingest and classify's --calls
 * tell it (notCsvText) and said as what this option takes: read as CSV, a GeoJSON file was "a quote in the
 * middle of field 1 ... Wrap the whole field in quotes", and a PDF "not UTF-8 text ... convert it with
 * iconv" (tester 377). `takes`: what the option takes, a sentence. Null for a CSV, and for a path that is
 * no regular file, which the reader itself refuses (a device is not read here: tester 361).
 */
export function notMappingCsv(file: string, takes: string): UserError | null {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size === 0) return null;
  const fd = openSync(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(st.size, 65_536));
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const not = notCsvText(file, head);
  if (!not) return null;
  // Its words are a calls reader's ("not a calls export", "give it ... the CSV export of the calls"): the
  // kind is kept, the file this option wants is said instead.
  const message = not.message.replace(/, not a (calls|CSV) export\.$/, ', not a mapping CSV.');
  const kind = / is GeoJSON /.test(not.message)
    ? 'Give it to analyze or report as --boundaries NAME=FILE.'
    : / is a profile /.test(not.message)
      ? 'Give it as --profile.'
      : /NUL bytes/.test(not.message)
        ? 'Check that this is the mapping CSV and not a PDF, spreadsheet, archive or database file.'
        : not.hint?.replace(/^./, (c) => c.toUpperCase());
  return new UserError(message, kind ? `${kind} ${takes}` : takes);
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

export function toCsv(
  header: readonly string[],
  rows: readonly Record<string, string | number | undefined>[],
): string {
  const lines = [header.map(quote).join(',')];
  for (const r of rows)
    lines.push(header.map((h) => quote(r[h] === undefined ? '' : String(r[h]))).join(','));
  return lines.join('\n') + '\n';
}
