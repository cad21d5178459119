import { writeFileSync } from 'node:fs';
/**
 * A deliberately naive RFC 4180 parser used only by tests, so that counts in tests are computed a second
 * way, independently of DuckDB's reader that the product uses.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header; the header row is not included. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** A CSV field, quoted when it holds a quote, a comma, a line end, a tab or a space. */
const quoteField = (v: string) => (/[",\n\r\t ]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes a CSV of `header`'s columns: `base` with each row's values over it (missing ones empty). */
export function writeRows(
  file: string,
  header: readonly string[],
  base: Readonly<Record<string, string>>,
  rows: readonly Readonly<Record<string, string>>[],
): string {
  const lines = rows.map((r) => header.map((h) => quoteField({ ...base, ...r }[h] ?? '')).join(','));
  writeFileSync(file, `${header.join(',')}\n${lines.join('\n')}\n`);
  return file;
}
