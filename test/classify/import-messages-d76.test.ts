/**
 * Tester 349, the messages of `classify import` on Burlington's store:
 * - the first import of an edited sheet, where no mapping was yet, said "0 changed and 101 new types saved"
 *   for a sheet with 7 edits: not that the edits were taken;
 * - docs/classification.md said a row is checked up to its first problem, where an unknown category and a
 *   conflict with a later review on one row were two; a bad provenance hid the same row's bad confidence.
 * Every expected count is worked from the sheet the test writes, not from the import's own figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { readMapping } from '../../src/classify/mapping-file.js';
import { MappingFileErrors } from '../../src/classify/errors.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify as run } from '../helpers/classify-cli.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const dir = tempDir('safegap-import-d76-');
const bur = join(dir, 'bur');
const first = join(dir, 'first.csv');
const read = (mapping: string) => readMapping(mapping, tax, 'burlington_vt').entries;
const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

type Row = Record<string, string>;

/** A sheet's rows as `{ column: value }`, with its header. */
function rowsOf(file: string): { header: string[]; rows: Row[] } {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((c, i) => [c, r[i]!]))) };
}

/** The sheet `from` with `edit` applied to its rows (by index), written as `name`. */
function writeSheet(from: string, name: string, edit: (rows: Row[]) => void): string {
  const { header, rows } = rowsOf(from);
  edit(rows);
  const file = join(dir, name);
  writeFileSync(
    file,
    [header, ...rows.map((r) => header.map((c) => r[c] ?? ''))]
      .map((r) => r.map(quote).join(','))
      .join('\n') + '\n',
  );
  return file;
}

/** A category other than the row's. */
const otherCategory = (r: Row) => (r.category === 'noise' ? 'disturbance' : 'noise');

/** The error a command throws, or a failure if it throws none. */
async function refusal(args: string[]): Promise<Error> {
  try {
    await run(args);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`classify ${args.join(' ')} was not refused`);
}

const exported = join(dir, 'exported.csv');
let types = 0;

beforeAll(async () => {
  await ingest({
    files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
    profile: 'burlington-vt',
    store: bur,
  });
  // No mapping yet: the export is the classifier's, every row automatic.
  await run(['export', '--city', 'burlington_vt', '--mapping', first, '--calls', bur, '--out', exported]);
  types = rowsOf(exported).rows.length;
}, 120_000);

describe('the summary says how many types the import made reviewed (tester 349)', () => {
  it('the first import of a sheet with 7 edits: 7 reviewed, the rest automatic', async () => {
    expect(existsSync(first)).toBe(false);
    const { rows } = rowsOf(exported);
    // Worked from the sheet: every exported row is automatic, so each unedited one stays so.
    expect(rows.every((r) => r.provenance === 'automatic')).toBe(true);
    const edited = new Set<string>();
    const sheet = writeSheet(exported, 'seven.csv', (rs) => {
      for (const r of rs.slice(0, 3)) r.category = otherCategory(r);
      for (const r of rs.slice(3, 5)) r.note = 'checked against the narratives';
      for (const r of rs.slice(5, 7)) r.provenance = 'reviewed';
      for (const r of rs.slice(0, 7)) edited.add(r.raw_type!);
    });
    expect(edited.size).toBe(7);
    const out = await run([
      'import',
      '--city',
      'burlington_vt',
      '--mapping',
      first,
      '--in',
      sheet,
      '--reviewer',
      'ana',
    ]);
    expect(out.split('\n')[0]).toBe(
      `0 changed and ${types} new types saved to ${first}: 7 of them reviewed by this import, ${types - 7} keep the automatic classification.`,
    );
    // What the mapping holds agrees: the 7 edited types are ana's, the others automatic.
    const saved = read(first);
    expect(saved).toHaveLength(types);
    const reviewed = saved.filter((e) => e.provenance === 'reviewed');
    expect(new Set(reviewed.map((e) => e.rawType))).toEqual(edited);
    expect(reviewed.every((e) => e.reviewer === 'ana')).toBe(true);

    // The same sheet again changes nothing, and says no more.
    const again = await run(['import', '--city', 'burlington_vt', '--mapping', first, '--in', sheet]);
    expect(again.split('\n')[0]).toBe(`0 changed and 0 new types saved to ${first}.`);
  });

  it('a later import: the types it changed, each reviewed', async () => {
    const later = join(dir, 'later.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', first, '--out', later]);
    const { rows } = rowsOf(later);
    const automatic = rows.filter((r) => r.provenance === 'automatic').slice(0, 2);
    const reviewed = rows.find((r) => r.provenance === 'reviewed')!;
    const picked = new Set([...automatic, reviewed].map((r) => r.raw_type));
    const sheet = writeSheet(later, 'three.csv', (rs) => {
      for (const r of rs) if (picked.has(r.raw_type)) r.note = 'second look';
    });
    const out = await run([
      'import',
      '--city',
      'burlington_vt',
      '--mapping',
      first,
      '--in',
      sheet,
      '--reviewer',
      'bob',
    ]);
    expect(out.split('\n')[0]).toBe(
      `3 changed and 0 new types saved to ${first}: all 3 reviewed by this import.`,
    );
    // 7 reviewed before, 2 automatic ones since.
    expect(read(first).filter((e) => e.provenance === 'reviewed')).toHaveLength(9);
  });

  it('an unedited sheet with reviewed rows, imported where the mapping is not: each keeps its review', async () => {
    const again = join(dir, 'again.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', first, '--out', again]);
    const { rows } = rowsOf(again);
    const reviewed = rows.filter((r) => r.provenance === 'reviewed').length;
    expect(reviewed).toBe(9);
    const fresh = join(dir, 'fresh.csv');
    const out = await run(['import', '--city', 'burlington_vt', '--mapping', fresh, '--in', again]);
    expect(out.split('\n')[0]).toBe(
      `0 changed and ${rows.length} new types saved to ${fresh}: ${rows.length - reviewed} keep the automatic classification, ${reviewed} keep the sheet's review (its reviewer and date).`,
    );
  });
});

describe('every problem of a row is listed (tester 349, docs/classification.md)', () => {
  it('an unknown category beside a conflict, a bad provenance beside a bad confidence', async () => {
    const mapping = join(dir, 'conflict.csv');
    writeFileSync(mapping, readFileSync(first));
    const a = join(dir, 'a.csv');
    await run(['export', '--city', 'burlington_vt', '--mapping', mapping, '--out', a]);
    const { rows } = rowsOf(a);
    // Spreadsheet rows: the header is row 1.
    const [x, y] = [10, 12];
    const [typeX, typeY] = [rows[x]!.raw_type!, rows[y]!.raw_type!];
    // Bob reviews `typeX` from a copy of the same export.
    const b = writeSheet(a, 'b.csv', (rs) => void (rs[x]!.category = otherCategory(rs[x]!)));
    await run(['import', '--city', 'burlington_vt', '--mapping', mapping, '--in', b, '--reviewer', 'bob']);
    const before = readFileSync(mapping, 'utf8');
    const sheet = writeSheet(a, 'a-edited.csv', (rs) => {
      rs[x]!.category = 'bogus';
      rs[y]!.provenance = 'maybe';
      rs[y]!.confidence = '7';
    });
    const e = await refusal([
      'import',
      '--city',
      'burlington_vt',
      '--mapping',
      mapping,
      '--in',
      sheet,
      '--reviewer',
      'ana',
    ]);
    expect(e).toBeInstanceOf(MappingFileErrors);
    const listed = (e as MappingFileErrors).problems.map((p) => [p.row, p.field ?? null]);
    expect(listed).toEqual([
      [x + 2, 'category'],
      [x + 2, null],
      [y + 2, 'provenance'],
      [y + 2, 'confidence'],
    ]);
    expect(e.message).toContain(`unknown category \`bogus\` for \`${typeX}\``);
    expect(e.message).toContain(
      `\`${typeX}\` is edited in this sheet and was changed in the mapping since the export`,
    );
    expect(e.message).toContain('unknown provenance `maybe`');
    expect(e.message).toContain('`7` is not a number from 0 to 1');
    expect(typeY).not.toBe(typeX);
    // Nothing written.
    expect(readFileSync(mapping, 'utf8')).toBe(before);
  });

  it('a new type without --reviewer beside its unknown category: both, in one refusal (tester 352)', async () => {
    const mapping = join(dir, 'no-reviewer.csv');
    const sheet = writeSheet(exported, 'no-reviewer-sheet.csv', (rs) => void (rs[0]!.category = 'bogus'));
    const type = rowsOf(sheet).rows[0]!.raw_type!;
    const e = await refusal(['import', '--city', 'burlington_vt', '--mapping', mapping, '--in', sheet]);
    expect(e).toBeInstanceOf(MappingFileErrors);
    // Row 2, the sheet's first after its header: the reviewer it lacks and the category it misspells.
    expect((e as MappingFileErrors).problems.map((p) => [p.row, p.field ?? null])).toEqual([
      [2, 'reviewer'],
      [2, 'category'],
    ]);
    expect(e.message).toContain(`unknown category \`bogus\` for \`${type}\``);
    expect(existsSync(mapping)).toBe(false);
  });
});
