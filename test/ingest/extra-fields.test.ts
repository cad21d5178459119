import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExtraFieldWatch, extraFieldRows } from '../../src/ingest/extra-fields.js';
import { tempDir } from '../helpers/shared-data.js';

/** Whether the watch sees a row with extra empty fields, fed whole and one byte at a time. */
function sees(text: string): boolean[] {
  const whole = new ExtraFieldWatch({ delimiter: ',', quote: '"', fields: 3 });
  whole.feed(Buffer.from(text));
  whole.end();
  const bytes = new ExtraFieldWatch({ delimiter: ',', quote: '"', fields: 3 });
  for (const b of Buffer.from(text)) bytes.feed(Buffer.from([b]));
  bytes.end();
  return [whole.seen, bytes.seen];
}

describe('the digest pass watching for rows with extra empty fields', () => {
  it('sees a line ending in an empty field with more fields than the header, and only such a line', () => {
    expect(sees('a,b,c\n1,2,3\n4,5,\n')).toEqual([false, false]);
    // A quoted delimiter is no field.
    expect(sees('a,b,c\n4,"5, x",\r\n')).toEqual([false, false]);
    expect(sees('a,b,c\n1,2,3\n4,5, x,\n')).toEqual([true, true]);
    expect(sees('a,b,c\r\n4,5, x,\r\n')).toEqual([true, true]);
    expect(sees('a,b,c\n4,5,6,""\n')).toEqual([true, true]);
    // The last line without a line end; a header alone with a trailing delimiter is no row.
    expect(sees('a,b,c\n4,5, x,')).toEqual([true, true]);
    expect(sees('a,b,c,\n')).toEqual([false, false]);
    // An escaped quote inside a quoted value holding the delimiter is no field (tester 85); `"" ` is an
    // empty field to DuckDB.
    expect(sees('a,b,c\n"x ""y, z""",2,\n')).toEqual([false, false]);
    expect(sees('a,b,c\n4,5,6,"" \n')).toEqual([true, true]);
    // Extra fields with a value are DuckDB's to reject: the line does not end in an empty field.
    expect(sees('a,b,c\n4,5,6,7\n')).toEqual([false, false]);
  });

  it('counts the line ends', () => {
    const w = new ExtraFieldWatch();
    w.feed(Buffer.from('a\nb\r\n'));
    w.feed(Buffer.from('\nc'));
    expect(w.breaks).toBe(3);
  });
});

describe('extraFieldRows', () => {
  it('numbers rows as DuckDB does and keeps only those whose extra fields are empty', async () => {
    const file = join(tempDir(), 'x.csv');
    // Line 1 header; 2 fine; 3 a value over two lines with escaped quotes (one record); 4 blank; 5 one
    // extra empty field; 6 an extra field with a value (DuckDB rejects it); 7 two extra empty fields, one
    // quoted; 8 a quoted delimiter and a trailing empty extra field; 9 escaped quotes around a delimiter in
    // a quoted value (3 fields: tester 85 found it counted 4, and the rows after such a value over lines
    // numbered one too high); 10 `"" ` as the extra field; 11 without a line end.
    writeFileSync(
      file,
      'a,b,c\n1,2,3\n1,"2\nmore ""q""",3\n\n4,5, x,\n4,5,6,7\n4,5,6,,""\r\n"4,5",6,7,\n"a ""b, c""",2,3\n4,5,6,"" \n8,9,10,',
    );
    expect(await extraFieldRows(file, false, ',', '"', 3)).toEqual({
      rows: [
        { line: 5, fields: 4 },
        { line: 7, fields: 5 },
        { line: 8, fields: 4 },
        { line: 10, fields: 4 },
        { line: 11, fields: 4 },
      ],
      expected: 3,
      endsWithLineEnd: false,
    });
  });

  it('takes the commonest width when most rows end with a delimiter', async () => {
    const file = join(tempDir(), 'x.csv');
    // Line 5: a stray delimiter in a row whose last value is empty. (With a last value, DuckDB rejects it.)
    // Nine rows in ten end with a delimiter; at 40% or 60% (tester 85) every wide row is quarantined.
    writeFileSync(file, `a,b,c\n${'1,2,3,\n'.repeat(8)}1,2,3\n1, x,2,,\n`);
    expect(await extraFieldRows(file, false, ',', '"', 3)).toEqual({
      rows: [{ line: 11, fields: 5 }],
      expected: 4,
      endsWithLineEnd: true,
    });
    writeFileSync(file, `a,b,c\n${'1,2,3,\n'.repeat(6)}${'1,2,3\n'.repeat(4)}`);
    expect((await extraFieldRows(file, false, ',', '"', 3)).rows).toHaveLength(6);
  });
  it('finds no row in a file of a header alone, gzipped or not', async () => {
    // A gzip file of a header alone crashed ingest with "Reduce of empty array" (helper D66): no row is
    // nine rows in ten of nothing.
    const dir = tempDir();
    const plain = join(dir, 'h.csv');
    writeFileSync(plain, 'a,b,c\n');
    const gz = join(dir, 'h.csv.gz');
    writeFileSync(gz, gzipSync('a,b,c\n'));
    for (const [file, gzip] of [
      [plain, false],
      [gz, true],
    ] as const)
      expect(await extraFieldRows(file, gzip, ',', '"', 3)).toEqual({
        rows: [],
        expected: 3,
        endsWithLineEnd: true,
      });
  });
});
