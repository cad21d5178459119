/**
 * Importing an edited mapping: what a row says of its own review is checked as written, a row marked
 * reviewed is the importer's review, and an older export that undoes later reviews is said to.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCsv, importCsv } from '../../src/classify/exchange.js';
import { parseCsv, toCsv } from '../../src/classify/csv.js';
import { classifierFor } from '../../src/classify/learn.js';
import { readMapping, type MappingEntry } from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const mapping = readMapping(join(process.cwd(), 'taxonomy/mappings/minneapolis.csv'), tax).entries;
const dir = mkdtempSync(join(tmpdir(), 'safegap-exchange-'));
const HEADER = 'raw_type,category,confidence,provenance,reviewer,reviewed_on';
const file = (name: string, ...rows: string[]) => {
  const f = join(dir, name);
  writeFileSync(f, `${HEADER}\n${rows.join('\n')}\n`);
  return f;
};
const entry = (entries: readonly MappingEntry[], raw: string) => entries.find((e) => e.rawType === raw)!;
/** The sheet `classify export` writes for these entries, with no calls to count. */
const exportOf = (entries: readonly MappingEntry[]) => exportCsv(entries, new Map(), classifierFor(tax));
/** `sheet` as an analyst saves it to `name`: cells edited by type, columns dropped, rows added. */
const editSheet = (
  sheet: string,
  name: string,
  o: { edits?: Record<string, Record<string, string>>; drop?: string[]; added?: Record<string, string>[] },
) => {
  const t = parseCsv(sheet, name);
  for (const r of t.records) Object.assign(r.values, o.edits?.[r.values.raw_type!] ?? {});
  const f = join(dir, name);
  writeFileSync(
    f,
    toCsv(
      t.header.filter((h) => !o.drop?.includes(h)),
      [...t.records.map((r) => r.values), ...(o.added ?? [])],
    ),
  );
  return f;
};
/** The mapping with one type automatic, as `classify auto` leaves a type nobody reviewed. */
const asAutomatic = (entries: readonly MappingEntry[], raw: string, changes: Partial<MappingEntry> = {}) =>
  entries.map((e) =>
    e.rawType === raw
      ? { ...e, ...changes, provenance: 'automatic' as const, reviewer: undefined, reviewedOn: undefined }
      : e,
  );

describe('a sheet opened in a spreadsheet', () => {
  it("keeps types that begin with - = + @ as text, after a ', and refuses a formula's error cell", () => {
    // Tester 99: Seattle's 32 final types all begin with `--`; Excel made them `#NAME?`, and an import
    // then failed on a "duplicate raw type #NAME?", or added `#NAME?` as a reviewed type.
    const seattle = {
      ...entry(mapping, 'Loud Party (P)'),
      rawType: '--DISTURBANCE - NOISE',
      normalised: 'DISTURBANCE - NOISE',
    };
    const entries = [...mapping, seattle, { ...seattle, rawType: '=SUM(1+1)', normalised: 'SUM' }];
    const sheet = exportOf(entries);
    const lines = sheet.split('\n');
    expect(lines.filter((l) => l.startsWith("'--DISTURBANCE - NOISE,"))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('"\'=SUM(1+1)",') || l.startsWith("'=SUM(1+1),"))).toHaveLength(
      1,
    );
    expect(lines.filter((l) => /^[-=+@]/.test(l))).toEqual([]);
    // Imported back as it was written, nothing changed: the ' is taken off.
    const f = join(dir, 'excel-safe.csv');
    writeFileSync(f, sheet);
    expect(importCsv(f, entries, tax, 'ana', '2026-12-02')).toMatchObject({ changed: 0, added: 0 });
    // A cell a spreadsheet turned into a formula's error is refused, with the way out.
    const bad = file(
      'name-error.csv',
      'Loud Party (P),noise,1,reviewed,ana,2026-12-02',
      '#NAME?,noise,1,reviewed,ana,2026-12-02',
    );
    expect(() => importCsv(bad, entries, tax, 'ana', '2026-12-02')).toThrow(
      /name-error\.csv, row 3, field `raw_type`: the cell is `#NAME\?`, what a spreadsheet writes for a cell it took for a formula/,
    );
  });
});

describe('two reviewers editing copies of one export', () => {
  it("keep each other's edits, and refuse a row both edited", () => {
    // Tester 99: Bob set Theft (P) handled_by online_311; Alice's copy, edited elsewhere, wrote the exported
    // empty value back over it on import, the same day, with nothing said.
    const sheet = exportOf(mapping);
    const edit = (name: string, type: string, column: string, value: string) =>
      editSheet(sheet, name, { edits: { [type]: { [column]: value } } });
    const bob = importCsv(
      edit('bob.csv', 'Theft (P)', 'handled_by', 'online_311'),
      mapping,
      tax,
      'Bob',
      '2026-12-02',
    );
    expect(entry(bob.entries, 'Theft (P)').handledBy).toBe('online_311');
    // Alice edited another row: Theft (P), which she did not touch, keeps Bob's edit.
    const alice = importCsv(
      edit('alice.csv', 'Loud Party (P)', 'category', 'disturbance'),
      bob.entries,
      tax,
      'Alice',
      '2026-12-02',
    );
    expect(alice).toMatchObject({ changed: 1, added: 0 });
    expect(entry(alice.entries, 'Theft (P)').handledBy).toBe('online_311');
    expect(entry(alice.entries, 'Loud Party (P)')).toMatchObject({
      category: 'disturbance',
      reviewer: 'Alice',
    });
    // Carol edited Theft (P) too, from the same export: refused, naming the row and Bob's change.
    const carol = edit('carol.csv', 'Theft (P)', 'flags', 'report');
    const row = parseCsv(sheet, 'x').records.find((r) => r.values.raw_type === 'Theft (P)')!.row;
    expect(() => importCsv(carol, alice.entries, tax, 'Carol', '2026-12-02')).toThrow(
      `carol.csv, row ${row}: a row was edited in this sheet and changed in the mapping since it was exported: \`Theft (P)\` (row ${row}, changed by Bob on 2026-12-02). Nothing was imported, so that neither edit is lost`,
    );
  });
});

describe('exported_as, when the sheet or the mapping differs from the export (tester 100)', () => {
  const sheet = exportOf(mapping);
  const bob = importCsv(
    editSheet(sheet, 'b.csv', { edits: { 'Theft (P)': { handled_by: 'online_311' } } }),
    mapping,
    tax,
    'Bob',
    '2026-12-02',
  );

  it('still holds when the sheet lost a column', () => {
    // Without `note`, the check was off and Alice's sheet wrote Bob's edit back.
    const f = editSheet(sheet, 'no-note.csv', {
      edits: { 'Loud Party (P)': { category: 'disturbance' } },
      drop: ['note'],
    });
    const alice = importCsv(f, bob.entries, tax, 'Alice', '2026-12-02');
    expect(alice).toMatchObject({ changed: 1 });
    expect(entry(alice.entries, 'Theft (P)').handledBy).toBe('online_311');
  });

  it('refuses a row marked reviewed in the sheet whose type the mapping has otherwise since', () => {
    // Exported while Theft (P) was automatic; `classify auto` then changed it; Carol marked the sheet's row
    // reviewed without editing it, and the export's meaning went back in as her review.
    const auto = asAutomatic(mapping, 'Theft (P)');
    const since = asAutomatic(auto, 'Theft (P)', { tier: 'non_violent_felony' });
    const f = editSheet(exportOf(auto), 'marked.csv', {
      edits: { 'Theft (P)': { provenance: 'reviewed' } },
    });
    expect(() => importCsv(f, since, tax, 'Carol', '2026-12-02')).toThrow(
      /`Theft \(P\)` \(row \d+, changed by `classify auto`\)/,
    );
  });

  it("takes an edit of an automatic row the mapping holds otherwise: the classifier's, no one's edit", () => {
    // `export --calls` shows an automatic row as the classifier has it now, not as stored.
    const stale = asAutomatic(mapping, 'Loud Party (P)', { category: 'noise' });
    const f = editSheet(sheet, 'auto-edit.csv', { edits: { 'Loud Party (P)': { category: 'disturbance' } } });
    const r = importCsv(f, stale, tax, 'Dan', '2026-12-02');
    expect(entry(r.entries, 'Loud Party (P)')).toMatchObject({
      category: 'disturbance',
      provenance: 'reviewed',
    });
  });
});

describe('a new type on a row copied from an exported one', () => {
  it("is the importer's review, and needs a tier when its tier cell is empty", () => {
    // Tester 99: a row copied from Theft (P) and renamed was credited to safegap-maintainers, the copied
    // row's reviewer; an empty tier became non_criminal without a word.
    const sheet = exportOf(mapping);
    const theft = parseCsv(sheet, 'copy.csv').records.find((r) => r.values.raw_type === 'Theft (P)')!.values;
    // No calls to count: no volume, rather than 0.
    expect(theft.volume).toBe('');
    const write = (name: string, extra: Record<string, string>) =>
      editSheet(sheet, name, { added: [{ ...theft, ...extra }] });
    const copied = importCsv(
      write('copy.csv', { raw_type: 'Theft From Bike (P)' }),
      mapping,
      tax,
      'Tess',
      '2026-12-02',
    );
    expect(entry(copied.entries, 'Theft From Bike (P)')).toMatchObject({
      reviewer: 'Tess',
      reviewedOn: '2026-12-02',
    });
    const untiered = write('untiered.csv', {
      raw_type: 'Stabbing Report (P)',
      category: 'violent_crime',
      apco_code: '',
      tier: '',
    });
    expect(() => importCsv(untiered, mapping, tax, 'Tess', '2026-12-02')).toThrow(
      /untiered\.csv, row \d+, field `tier`: a new type needs a tier, and it has neither one nor an APCO code to take one from/,
    );
  });
});

describe('classify import', () => {
  it('refuses a bad review date or provenance beside an edit, as it does on a row without one', () => {
    // The category edit made the row `reviewed` today and the bad values went unseen.
    const date = file('date.csv', 'Loud Party (P),disturbance,1,reviewed,ana,30/11/2026');
    expect(() => importCsv(date, mapping, tax, 'ana', '2026-11-30')).toThrow(
      /date\.csv, row 2, field `reviewed_on`: `30\/11\/2026` is not a date that exists/,
    );
    const prov = file('prov.csv', 'Loud Party (P),disturbance,1,manual,ana,2026-11-30');
    expect(() => importCsv(prov, mapping, tax, 'ana', '2026-11-30')).toThrow(
      /prov\.csv, row 2, field `provenance`: unknown provenance `manual`/,
    );
  });

  it("takes a row marked reviewed, and nothing else changed, as the importer's sure review", () => {
    // The classifier's 0.945 stayed beside `reviewed`.
    const auto = asAutomatic(mapping, 'Loud Party (P)', { confidence: 0.945 });
    const marked = file('marked.csv', 'Loud Party (P),noise,0.945,reviewed,,');
    const r = importCsv(marked, auto, tax, 'rita', '2026-11-30');
    expect(entry(r.entries, 'Loud Party (P)')).toMatchObject({
      category: 'noise',
      confidence: 1,
      provenance: 'reviewed',
      reviewer: 'rita',
      reviewedOn: '2026-11-30',
    });
  });

  it('changes nothing when the same sheet is imported again', () => {
    // The second import gave the edit back to the sheet's reviewer and date (safegap-maintainers,
    // 2026-11-25), and counted it as a change, though the row said nothing new about the type.
    const sheet = file(
      'twice.csv',
      'Loud Party (P),disturbance,1,reviewed,safegap-maintainers,2026-11-25',
      'Music-Loud (P),noise,0.5,automatic,,',
    );
    const first = importCsv(sheet, mapping, tax, 'ana', '2026-11-30');
    expect(first).toMatchObject({ changed: 1, added: 0 });
    const again = importCsv(sheet, first.entries, tax, 'bo', '2026-12-02');
    expect(again).toMatchObject({ changed: 0, added: 0, overwrittenReviews: [] });
    expect(entry(again.entries, 'Loud Party (P)')).toMatchObject({
      category: 'disturbance',
      reviewer: 'ana',
      reviewedOn: '2026-11-30',
      confidence: 1,
    });
    // A row unchanged in meaning keeps the mapping's review, whatever its review columns say.
    expect(entry(again.entries, 'Music-Loud (P)')).toEqual(entry(mapping, 'Music-Loud (P)'));
  });

  it("takes an older export's review columns as the export's, not the analyst's", () => {
    // Reviewed by qa on 1 December, after exports that had Loud Party automatic (0.955) and Music-Loud
    // reviewed by safegap-maintainers as unsure (0.6). Reverting them made Loud Party reviewed with the
    // classifier's 0.955, and Music-Loud safegap-maintainers' review at 0.6.
    const later = mapping.map((e) =>
      ['Loud Party (P)', 'Music-Loud (P)'].includes(e.rawType)
        ? { ...e, category: 'disturbance', confidence: 1, reviewer: 'qa', reviewedOn: '2026-12-01' }
        : e,
    );
    const old = file(
      'older.csv',
      'Loud Party (P),noise,0.955,automatic,,',
      'Music-Loud (P),noise,0.6,reviewed,safegap-maintainers,2026-11-25',
    );
    const r = importCsv(old, later, tax, 'bo', '2026-12-02');
    expect(r.overwrittenReviews).toEqual(['Loud Party (P)', 'Music-Loud (P)']);
    for (const t of ['Loud Party (P)', 'Music-Loud (P)'])
      expect(entry(r.entries, t)).toMatchObject({
        category: 'noise',
        confidence: 1,
        provenance: 'reviewed',
        reviewer: 'bo',
        reviewedOn: '2026-12-02',
      });
    // On a sheet as current as the mapping, a figure other than the mapping's is the reviewer's own, and
    // so is a reviewer column naming someone else.
    const fresh = file('fresh.csv', 'Loud Party (P),disturbance,0.6,reviewed,rita,2026-11-25');
    expect(entry(importCsv(fresh, mapping, tax, 'bo', '2026-12-02').entries, 'Loud Party (P)')).toMatchObject(
      { category: 'disturbance', confidence: 0.6, reviewer: 'rita', reviewedOn: '2026-12-02' },
    );
  });

  it('takes a raw type with surrounding spaces as that type, and notes types the calls lack or spell otherwise', () => {
    // `Loud Party (P) ` (a spreadsheet's trailing space) became a new type and the edit was lost; a type
    // the calls do not have, and one differing from another only by case, were added without a word.
    const sheet = file(
      'spaces.csv',
      'Loud Party (P) ,disturbance,1,reviewed,safegap-maintainers,2026-11-25',
      'Zombie Attack (P),other,1,reviewed,ana,2026-11-30',
      'MUSIC-LOUD (P),disturbance,1,reviewed,ana,2026-11-30',
    );
    const calls = ['Loud Party (P)', 'Music-Loud (P)', 'MUSIC-LOUD (P)'];
    const r = importCsv(sheet, mapping, tax, 'ana', '2026-11-30', { callTypes: calls });
    expect(r).toMatchObject({ changed: 1, added: 2 });
    expect(entry(r.entries, 'Loud Party (P)')).toMatchObject({ category: 'disturbance', reviewer: 'ana' });
    expect(r.entries.some((e) => e.rawType !== e.rawType.trim())).toBe(false);
    expect(r.notInCalls.map((n) => [n.row, n.entry.rawType])).toEqual([[3, 'Zombie Attack (P)']]);
    expect(r.caseTwins.map((n) => [n.row, n.entry.rawType, n.twin.rawType])).toEqual([
      [4, 'MUSIC-LOUD (P)', 'Music-Loud (P)'],
    ]);
    // Two rows of one type but for spaces are one type twice.
    const twice = file('twice-spaced.csv', 'Noise (P),noise,1,,,', ' Noise (P),disturbance,1,,,');
    expect(() => importCsv(twice, mapping, tax, 'ana', '2026-11-30')).toThrow(
      /twice-spaced\.csv, row 3, field `raw_type`: duplicate raw type `Noise \(P\)` \(already on row 2\)/,
    );
  });

  it('says when an edit undoes a later review', () => {
    // The mapping's Loud Party was reviewed by qa on 1 December; an export of 25 November still says noise.
    const later = mapping.map((e) =>
      e.rawType === 'Loud Party (P)'
        ? { ...e, category: 'disturbance', reviewer: 'qa', reviewedOn: '2026-12-01' }
        : e,
    );
    const old = file('old.csv', 'Loud Party (P),noise,1,reviewed,safegap-maintainers,2026-11-25');
    const r = importCsv(old, later, tax, 'bo', '2026-12-02');
    expect(r.overwrittenReviews).toEqual(['Loud Party (P)']);
    expect(entry(r.entries, 'Loud Party (P)')).toMatchObject({ category: 'noise' });
    // The same file over the mapping it was exported from changes nothing and says nothing.
    const same = importCsv(old, mapping, tax, 'bo', '2026-12-02');
    expect(same).toMatchObject({ changed: 0, overwrittenReviews: [] });
  });
});
