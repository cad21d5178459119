/**
 * Tester 349, `classify import` on Burlington's store:
 * - a type added on a row copied from an exported one whose `exported_as` was emptied took the copied row's
 *   reviewer, confidence and `normalised` (`Foot Patrol Downtown` saved as rev1's 0.6, normalised
 *   `Foot Patrol`);
 * - a sheet imported with --calls of a store that has no call type (Seattle's dispatch sample) was saved
 *   whole with a "misspelt?" note per type, where status, export and review refuse the store;
 * - a Windows-1252 sheet was refused naming the row only, not the column;
 * - "there are 1 suggestions"; `handled_by` = `fire` got no "did you mean `fire_ems`?"; `--in` given a
 *   store was told to "give the CSV file in it".
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { readMapping, type MappingEntry } from '../../src/classify/mapping-file.js';
import { parseDecision } from '../../src/classify/review.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify as run } from '../helpers/classify-cli.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const dir = tempDir('safegap-import-349-');
const bur = join(dir, 'bur');
const sea = join(dir, 'sea');
const base = join(dir, 'base.csv');
const today = () => new Date().toISOString().slice(0, 10);
const read = (mapping: string) => readMapping(mapping, tax, 'burlington_vt').entries;
const entry = (entries: readonly MappingEntry[], raw: string) => entries.find((e) => e.rawType === raw);
const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

/** The header and rows of a sheet as written (a type beginning with `-` keeps its `'`). */
function sheetOf(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  return { header: header!, rows };
}

/** The sheet's rows as `{ column: value }`, edited by type, with `added` rows after them, saved with CRLF. */
function writeSheet(
  from: string,
  name: string,
  edits: Record<string, Record<string, string>>,
  added: Record<string, string>[] = [],
): string {
  const { header, rows } = sheetOf(from);
  const records = rows.map((r) => Object.fromEntries(header.map((c, i) => [c, r[i]!])));
  for (const r of records) Object.assign(r, edits[r.raw_type!] ?? {});
  const file = join(dir, name);
  writeFileSync(
    file,
    [header, ...[...records, ...added].map((r) => header.map((c) => r[c] ?? ''))]
      .map((r) => r.map(quote).join(','))
      .join('\r\n') + '\r\n',
  );
  return file;
}

const mappingCopy = (name: string) => {
  const file = join(dir, name);
  copyFileSync(base, file);
  return file;
};

beforeAll(async () => {
  await ingest({
    files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
    profile: 'burlington-vt',
    store: bur,
  });
  // The SPD dispatch file alone: its calls have no call type.
  await ingest({
    files: [sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv')],
    profile: 'seattle-spd-dispatch',
    store: sea,
  });
  await run(['auto', '--city', 'burlington_vt', '--mapping', base, '--calls', bur]);
}, 120_000);

describe('a new type copied from an exported row, its exported_as emptied (tester 349)', () => {
  it("is --reviewer's, sure, with its own normalised, and the same sheet imports again unchanged", async () => {
    // Foot Patrol reviewed by rev1, unsure (0.6), as the tester had it.
    const mapping = mappingCopy('foot.csv');
    const first = join(dir, 'first.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', mapping, '--calls', bur, '-o', first]);
    const rev1 = writeSheet(first, 'rev1.csv', {
      'Foot Patrol': {
        category: 'disturbance',
        apco_code: '',
        tier: 'misdemeanour',
        provenance: 'reviewed',
        reviewer: 'rev1',
        confidence: '0.6',
      },
    });
    await run(['import', '--city', 'burlington_vt', '--mapping', mapping, '--in', rev1, '--reviewer', 'pm']);
    expect(entry(read(mapping), 'Foot Patrol')).toMatchObject({
      reviewer: 'rev1',
      confidence: 0.6,
      provenance: 'reviewed',
    });
    // Exported again, and the Foot Patrol row copied twice: one keeps its exported_as, one has it emptied.
    const second = join(dir, 'second.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', mapping, '--calls', bur, '-o', second]);
    const { header, rows } = sheetOf(second);
    const foot = Object.fromEntries(header.map((c, i) => [c, rows.find((r) => r[0] === 'Foot Patrol')![i]!]));
    expect(foot).toMatchObject({ normalised: 'Foot Patrol', reviewer: 'rev1', confidence: '0.6' });
    expect(foot.exported_as).toMatch(/^h[0-9a-f]{12}$/);
    const copies = writeSheet(second, 'copies.csv', {}, [
      { ...foot, raw_type: 'Foot Patrol Church St' },
      { ...foot, raw_type: 'Foot Patrol Downtown', exported_as: '' },
    ]);
    // No --reviewer: the copied row's reviewer column is rev1's, so it is refused, naming the row.
    const before = readFileSync(mapping, 'utf8');
    await expect(
      run(['import', '--city', 'burlington_vt', '--mapping', mapping, '--in', copies]),
    ).rejects.toThrow(
      new RegExp(
        [
          `row ${rows.length + 2}, field \`reviewer\`: \`Foot Patrol Church St\` is a new type`,
          `row ${rows.length + 3}, field \`reviewer\`: \`Foot Patrol Downtown\` is a new type`,
        ].join('.*\\n.*'),
      ),
    );
    expect(readFileSync(mapping, 'utf8')).toBe(before);
    const out = await run([
      'import',
      ...['--city', 'burlington_vt', '--mapping', mapping, '--in', copies, '--reviewer', 'pm3'],
    ]);
    expect(out).toContain('0 changed and 2 new types saved');
    const entries = read(mapping);
    for (const [type, normalised] of [
      ['Foot Patrol Church St', 'Foot Patrol Church St'],
      ['Foot Patrol Downtown', 'Foot Patrol Downtown'],
    ])
      expect(entry(entries, type!)).toMatchObject({
        normalised,
        category: 'disturbance',
        tier: 'misdemeanour',
        provenance: 'reviewed',
        reviewer: 'pm3',
        reviewedOn: today(),
        confidence: 1,
      });
    // The copied row is as it was.
    expect(entry(entries, 'Foot Patrol')).toMatchObject({ reviewer: 'rev1', confidence: 0.6 });
    // The same sheet again: nothing changes, nothing is refused, and no "not taken" note for rev1's columns
    // of the copies.
    const saved = readFileSync(mapping, 'utf8');
    const again = await run([
      'import',
      ...['--city', 'burlington_vt', '--mapping', mapping, '--in', copies, '--reviewer', 'pm4'],
    ]);
    expect(again).toContain('0 changed and 0 new types saved');
    expect(again).not.toContain('not taken');
    expect(readFileSync(mapping, 'utf8')).toBe(saved);
  });
});

describe('import --calls of a store with no call type (tester 349)', () => {
  it('is refused as export refuses it, and nothing is written', async () => {
    const mapping = mappingCopy('sea.csv');
    const sheet = join(dir, 'bur-sheet.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', mapping, '--calls', bur, '-o', sheet]);
    const before = readFileSync(mapping, 'utf8');
    const edited = writeSheet(sheet, 'sea-sheet.csv', { Noise: { category: 'disturbance' } });
    const args = ['--city', 'burlington_vt', '--mapping', mapping, '--calls', sea];
    await expect(run(['export', ...args, '-o', join(dir, 'sea-export.csv')])).rejects.toThrow(
      /has a call type/,
    );
    await expect(run(['import', ...args, '--in', edited, '--reviewer', 'pm'])).rejects.toThrow(
      new RegExp(
        `No call of ${sea.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has a call type: .*nothing was written`,
      ),
    );
    expect(readFileSync(mapping, 'utf8')).toBe(before);
    // And one with no mapping yet makes none.
    const none = join(dir, 'none.csv');
    await expect(
      run([
        'import',
        '--city',
        'burlington_vt',
        '--mapping',
        none,
        '--calls',
        sea,
        '--in',
        edited,
        '--reviewer',
        'pm',
      ]),
    ).rejects.toThrow(/has a call type/);
    expect(existsSync(none)).toBe(false);
  });
});

describe('a sheet that is not UTF-8 (tester 349)', () => {
  it('is refused naming the row and the column', async () => {
    const sheet = join(dir, 'utf.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', base, '--calls', bur, '-o', sheet]);
    const { header, rows } = sheetOf(sheet);
    // A note with a line break on row 3, inside quotes: one spreadsheet row, two lines of the file. And
    // `café – checked` on row 5 as Windows-1252 writes it (latin1 encodes \u00e9 as E9 and \u0096 as 96,
    // Windows-1252's é and en dash).
    const note = header.indexOf('note');
    const notes: Record<number, string> = { 3: 'two\nlines', 5: 'caf\u00e9 \u0096 checked' };
    const text = [header, ...rows]
      .map((r, i) => r.map((c, j) => quote(j === note && notes[i + 1] ? notes[i + 1]! : c)).join(','))
      .join('\r\n');
    // Every character one byte in latin1.
    expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    const file = join(dir, 'cp1252.csv');
    writeFileSync(file, Buffer.from(text + '\r\n', 'latin1'));
    // Row 5 of the spreadsheet, the sixth line of the file.
    await expect(
      run([
        'import',
        '--city',
        'burlington_vt',
        '--mapping',
        mappingCopy('utf-mapping.csv'),
        '--in',
        file,
        '--reviewer',
        'pm',
      ]),
    ).rejects.toThrow(
      /cp1252\.csv, row 5, field `note`: the file is not UTF-8 text: this cell is the first that is not \(`café – checked` as Windows-1252 reads it\)/,
    );
  });
});

describe('small things (tester 349)', () => {
  it('says "there is 1 suggestion"', () => {
    expect(parseDecision('2', tax, 1)).toEqual({ kind: 'invalid', reason: 'there is 1 suggestion' });
    expect(parseDecision('4', tax, 3)).toEqual({ kind: 'invalid', reason: 'there are 3 suggestions' });
  });

  it('asks whether `handled_by` = `fire` meant `fire_ems`', async () => {
    const sheet = join(dir, 'fire-export.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', base, '--calls', bur, '-o', sheet]);
    const { rows } = sheetOf(sheet);
    const fire = writeSheet(sheet, 'fire.csv', { Noise: { handled_by: 'fire' } });
    const row = rows.findIndex((r) => r[0] === 'Noise') + 2;
    await expect(
      run([
        'import',
        '--city',
        'burlington_vt',
        '--mapping',
        mappingCopy('fire-mapping.csv'),
        '--in',
        fire,
        '--reviewer',
        'pm',
      ]),
    ).rejects.toThrow(
      new RegExp(
        `fire\\.csv, row ${row}, field \`handled_by\`: unknown responder \`fire\` \\(did you mean \`fire_ems\`\\?\\)`,
      ),
    );
  });

  it('says a store given as --in is a store, and which sheet import takes', async () => {
    await expect(
      run([
        'import',
        '--city',
        'burlington_vt',
        '--mapping',
        mappingCopy('store.csv'),
        '--in',
        bur,
        '--reviewer',
        'pm',
      ]),
    ).rejects.toThrow(
      /--in .*bur is a store \(the calls ingested\), not a sheet: import reads the mapping sheet that `classify export` wrote/,
    );
  });
});
