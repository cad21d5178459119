import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { draftRefusal as refusal, editedCopy } from '../helpers/edited-copy.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// Copies of the first rows of Burlington's and Minneapolis' exports with a stray quote opening a street
// value at one row and another closing it rows later, just before a delimiter: one record of the header's
// width and no reader error, which ingest refuses (read-file.ts, valueHoldingRows) and profile init drafted
// from. The copies hold no quote and have CRLF line ends, so a line is a row: row n is line n + 1.

/** The export's first 3,000 rows without a quote (more than the 2,000 profile init samples). */
function rows(file: string): { lines: string[]; header: string[] } {
  const lines = readFileSync(sharedFile(file), 'utf8')
    .split('\r\n')
    .slice(0, 3001)
    .filter((l) => !l.includes('"'));
  const header = lines[0]!.split(',');
  expect(lines.every((l) => l.split(',').length === header.length)).toBe(true);
  return { lines, header };
}

/** The copy with `edit` applied to the value of `column` at each row named, written to `name`. */
const edited = (
  dir: string,
  name: string,
  { lines, header }: { lines: string[]; header: string[] },
  column: string,
  edits: Record<number, (v: string) => string>,
): string => editedCopy(dir, name, lines, header.indexOf(column), edits);

describe('profile init on a stray quote closed rows later at the right width', () => {
  const dir = tempDir();
  const cases = [
    {
      city: 'Burlington',
      file: 'burlington_vt/police-incidents-2022.csv',
      column: 'Street',
      profile: 'burlington-vt',
      open: 100,
      close: 110,
    },
    {
      city: 'Minneapolis',
      file: 'minneapolis/calls_2022_d.csv',
      column: 'Street Display',
      profile: 'minneapolis-cad',
      open: 250,
      close: 262,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.city}'s copy by the line and column ingest names`, async () => {
      const data = rows(c.file);
      const path = edited(dir, `spill_${c.city}.csv`, data, c.column, {
        [c.open]: (v) => `"${v}`,
        [c.close]: (v) => `${v}"`,
      });
      // Counted by hand: the header is line 1 and every row one line.
      const line = c.open + 1;
      const e = await refusal(path, dir);
      expect(e).toBeInstanceOf(UserError);
      expect((e as Error).message).toContain(
        `spill_${c.city}.csv: a value of ${c.column} that begins on line ${line} runs over the lines after it`,
      );
      expect((e as UserError).hint).toContain(`(line ${line} of the file, counting the header as 1)`);
      expect((e as UserError).hint).toContain('run profile init again');
      // Ingest, with the city's built-in profile, refuses the same file at the same line and column.
      await expect(
        ingest({ files: [path], profile: loadProfile(c.profile), store: join(dir, `store_${c.city}`) }),
      ).rejects.toThrow(`a value of ${c.column} that begins on line ${line} runs over the lines after it`);
    });
  }

  it('still drafts an address quoted over two lines, which ingest loads', async () => {
    const data = rows(cases[0]!.file);
    const path = edited(dir, 'address.csv', data, 'Street', { 100: (v) => `"${v}\r\nApt 2"` });
    const draft = await draftProfile(path, { outDir: dir });
    expect(draft.yaml).toContain('format:');
    // Every row of the copy read, the address one row: its lines are one more than its rows.
    const summary = await ingest({
      files: [path],
      profile: loadProfile('burlington-vt'),
      store: join(dir, 'store_address'),
    });
    expect(summary.totals.rows_read).toBe(data.lines.length - 1);
  });

  it("still drafts a quoted value whose second line has the header's width but no received time", async () => {
    const data = rows(cases[0]!.file);
    // A note of as many commas as a row has, but no time where the received time is: no row.
    const note = new Array(data.header.length).fill('x').join(',');
    const path = edited(dir, 'note.csv', data, 'Street', { 100: (v) => `"${v}\r\n${note}"` });
    expect(note.split(',').length).toBe(data.header.length);
    await expect(draftProfile(path, { outDir: dir })).resolves.toBeDefined();
  });
});
