/**
 * A header cell with a line break, as a spreadsheet writes wrapped header text (tester 311): the header was
 * cut at the break, so ingest said the profile's columns were missing or that no row could be read, and
 * `profile init` and `classify status --calls` gave DuckDB's "Error when sniffing file". Each now names the
 * column and its break.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { fileRelation, typeCounts } from '../../src/classify/volumes.js';
import { openEngine } from '../../src/store/duckdb.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('a header cell holding a line break', () => {
  const dir = tempDir();
  const [header, ...rows] = readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8').split(
    '\n',
  );
  // The sixth column, Final Call Type, wrapped; and a column added at the end, wrapped.
  const wrapped = join(dir, 'wrapped.csv');
  writeFileSync(wrapped, [header!.replace('Final Call Type', '"Final Call\nType"'), ...rows].join('\n'));
  const added = join(dir, 'added.csv');
  writeFileSync(added, [`${header},"Extra\r\ncolumn"`, ...rows.map((r) => (r ? `${r},x` : r))].join('\n'));
  const said = (file: string, column: string) =>
    new RegExp(
      `${file}: its header runs over more than one line: ${column} holds a line break \\(⏎\\), as a spreadsheet writes a header cell with wrapped text`,
    );

  it('is refused by ingest, naming the column, with nothing written', async () => {
    for (const [file, name, column] of [
      [wrapped, 'wrapped.csv', 'column 6, `Final Call⏎Type`'],
      [added, 'added.csv', 'column 14, `Extra⏎column`'],
    ] as const) {
      const store = join(dir, `store-${name}`);
      await expect(ingest({ files: [file], profile: 'seattle-call-data', store })).rejects.toThrow(
        said(name, column),
      );
      expect(existsSync(store)).toBe(false);
    }
  });

  it('is refused by profile init and by classify over the raw export', async () => {
    await expect(draftProfile(added, { timeZone: 'America/Los_Angeles' })).rejects.toThrow(
      said('added.csv', 'column 14, `Extra⏎column`'),
    );
    const conn = await openEngine();
    try {
      await expect(
        typeCounts(conn, {
          relation: fileRelation(added),
          initialColumn: 'Initial Call Type',
          finalColumn: 'Final Call Type',
          file: added,
        }),
      ).rejects.toThrow(said('added.csv', 'column 14, `Extra⏎column`'));
      // A column not named as a type wrapped, in a file DuckDB reads all the same: its types were counted
      // (tester 312).
      const [mHeader, ...mRows] = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split(
        '\n',
        301,
      );
      const postal = join(dir, 'postal.csv');
      // With line feeds alone, as the tester's file had: DuckDB then reads the file without a word.
      writeFileSync(
        postal,
        [mHeader!.replace('Postal_Code', '"Postal_\nCode"'), ...mRows].join('\n').replace(/\r\n/g, '\n'),
      );
      await expect(
        typeCounts(conn, {
          relation: fileRelation(postal),
          initialColumn: 'initialProblem',
          finalColumn: 'Problem',
          file: postal,
        }),
      ).rejects.toThrow(said('postal.csv', 'column 18, `Postal_⏎Code`'));
    } finally {
      conn.closeSync();
    }
  });
});
