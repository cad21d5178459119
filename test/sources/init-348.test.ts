import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import type { Profile } from '../../src/sources/profile-schema.js';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv } from '../helpers/csv.js';
import { draftRefusal as refusal, editedCopy } from '../helpers/edited-copy.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// Tester 348's files: copies of Burlington's export with a stray quote (`sed '101s/,Cherry St,/,"Cherry
// St,/'`), or with empty fields after the header's. The export has CRLF line ends and no quote at all, so
// every comma is a delimiter and a line is a row (row n is line n + 1).

const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const text = readFileSync(BURLINGTON, 'utf8');
const lines = text.split('\r\n');
const header = lines[0]!.split(',');
const street = header.indexOf('Street');
/** 3,000 rows: more than the 2,000 profile init samples, fewer for ingest to read. */
const copy = lines.slice(0, 3001);

/** The copy with a `"` put before the Street value of each row named, written to `name`. */
const strayQuotes = (dir: string, name: string, rows: number[]): string =>
  editedCopy(dir, name, copy, street, Object.fromEntries(rows.map((r) => [r, (v: string) => `"${v}`])));

/** The rows ingest quarantines, read back from its quarantine file. */
async function quarantined(file: string, profile: Profile, store: string) {
  await ingest({ files: [file], profile, store });
  const [, ...rows] = parseCsv(readFileSync(join(store, 'quarantine', 'run-0001.csv'), 'utf8'));
  return rows.map((r) => Number(r[1]));
}

describe('profile init on a stray quote (tester 348)', () => {
  const dir = tempDir();
  expect(copy.every((l) => !l.includes('"') && l.split(',').length === header.length)).toBe(true);

  it('refuses a quote never closed by its row number and column, as ingest refuses it', async () => {
    const path = strayQuotes(dir, 'one_quote.csv', [100]);
    const e = await refusal(path, dir);
    // It drafted from the 99 rows before the quote, without a word.
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(/^one_quote\.csv: row 100 opens a quote in its value of Street /);
    expect((e as UserError).hint).toContain('at row 100');
    // Ingest, with the built-in profile, refuses the same row.
    await expect(
      ingest({ files: [path], profile: loadProfile('burlington-vt'), store: join(dir, 's1') }),
    ).rejects.toThrow(/row 100 opens a quote/);
  });

  it('refuses the first of two stray quotes, which the second closes', async () => {
    // Rows 100 to 105 were read as one bad record and dropped as the sample's cut: a draft and no note.
    const e = await refusal(strayQuotes(dir, 'two_quotes.csv', [100, 105]), dir);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(/^two_quotes\.csv: row 100 opens a quote/);
  });

  it('still drafts where the sample ends inside a value running over lines', async () => {
    // Row 2000, the sample's last line, opens a value closed on the next line: no row in it.
    const edited = [...copy];
    const f = edited[2000]!.split(',');
    f[street] = `"${f[street]}\r\nApt 2"`;
    edited[2000] = f.join(',');
    const path = join(dir, 'wrapped.csv');
    writeFileSync(path, edited.join('\r\n') + '\r\n');
    const draft = await draftProfile(path, { outDir: dir });
    expect(draft.notes.filter((n) => /wrong number of fields/.test(n))).toEqual([]);
  });
});

describe('profile init on rows with empty extra fields (tester 348)', () => {
  const dir = tempDir();

  /** The note's figures, computed from the edited rows: each row's fields counted by its delimiters. */
  const expected = (edited: string[], d: string) => {
    const sampled = edited.slice(1, 2001);
    const wrong = sampled.flatMap((l, i) => (l.split(d).length !== header.length ? [i + 1] : []));
    return { wrong, counts: wrong.map((row) => edited[row]!.split(d).length), sampled: sampled.length };
  };

  for (const d of [',', ';']) {
    it(`counts a row ending \`${d}${d}\` among those with the wrong number of fields, as ingest quarantines it`, async () => {
      const edited = copy.map((l) => l.replaceAll(',', d));
      edited[50] += d + d;
      if (d === ',') edited[200] += ',x';
      const path = join(dir, d === ',' ? 'extra.csv' : 'extra_semi.csv');
      writeFileSync(path, edited.join('\r\n') + '\r\n');
      const want = expected(edited, d);
      expect(want.wrong).toEqual(d === ',' ? [50, 200] : [50]);

      const draft = await draftProfile(path, { outDir: dir });
      const shown = want.wrong.map((row, i) => `row ${row}: ${want.counts[i]}`).join(', ');
      const n = want.wrong.length;
      // Only row 200's non-empty extra field was counted.
      expect(draft.notes).toContain(
        `${n} of the ${want.sampled} rows sampled ${n === 1 ? 'has' : 'have'} the wrong number of fields for the header's ${header.length} (${shown}): ingest quarantines such rows, each with its row number; fix them in the export if they hold calls.`,
      );
      // Ingest, with the draft, quarantines the rows the note names.
      const profile = parseProfile(draft.yaml, 'draft.yaml');
      expect(await quarantined(path, profile, join(dir, `store${n}`))).toEqual(want.wrong);
    });
  }
});
