/**
 * Importing an edited mapping: what a row says of its own review is checked as written, a row marked
 * reviewed is the importer's review, and an older export that undoes later reviews is said to.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCsv, importCsv } from '../../src/classify/exchange.js';
import { MappingFileError } from '../../src/classify/errors.js';
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
    // Types that begin with white space come back as themselves (tester 158: trimmed, each was added as
    // a new type that matched no call).
    const spaced = ['\tTab', '\rCr', '\nLf', ' Space'].map((rawType) => ({ ...seattle, rawType }));
    const g = join(dir, 'spaced.csv');
    writeFileSync(g, exportOf([...entries, ...spaced]));
    const back = importCsv(g, [...entries, ...spaced], tax, 'ana', '2026-12-02');
    expect(back).toMatchObject({ changed: 0, added: 0 });
    expect(back.entries.map((e) => e.rawType)).toEqual([...entries, ...spaced].map((e) => e.rawType));
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

describe("a cell's line break in an import's refusal (tester 167)", () => {
  it('is written \\x0a, so that a value cannot forge a line of the message', () => {
    const sheet = editSheet(exportOf(mapping), 'broken-line.csv', {
      edits: { [mapping[0]!.rawType]: { category: 'bogus\nFAKE LINE' } },
    });
    let message = '';
    try {
      importCsv(sheet, mapping, tax, 'ana', '2026-12-04');
    } catch (e) {
      expect(e).toBeInstanceOf(MappingFileError);
      message = (e as Error).message;
    }
    expect(message).toContain('unknown category `bogus\\x0aFAKE LINE`');
    expect(message).not.toContain('\nFAKE LINE');
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
    // Carol edited Theft (P) too, from the same export: refused, naming the row, Bob, and the columns each
    // of them changed (tester 237: the row and Bob only).
    const carol = edit('carol.csv', 'Theft (P)', 'flags', 'report');
    const row = parseCsv(sheet, 'x').records.find((r) => r.values.raw_type === 'Theft (P)')!.row;
    expect(() => importCsv(carol, alice.entries, tax, 'Carol', '2026-12-02')).toThrow(
      `carol.csv, row ${row}: a row was edited in this sheet and changed in the mapping since it was exported: \`Theft (P)\` (row ${row}: this sheet changed \`flags\`, Bob on 2026-12-02 changed \`handled_by\`). Nothing was imported, so that neither edit is lost`,
    );
  });
});

describe('flags separated by ; (tester 321)', () => {
  it('are the flags separated by |: the same sheet imported twice changes nothing the second time', () => {
    const sheet = editSheet(exportOf(mapping), 'semicolons.csv', {
      edits: { 'Theft (P)': { flags: 'report;weapon' } },
    });
    const first = importCsv(sheet, mapping, tax, 'maria', '2026-12-06');
    expect(first.changed).toBe(1);
    expect(entry(first.entries, 'Theft (P)').flags.sort()).toEqual(['report', 'weapon']);
    // It was an edit again, of a row changed since the export (by the first import), and refused.
    const again = importCsv(sheet, first.entries, tax, 'maria', '2026-12-06');
    expect(again).toMatchObject({ changed: 0, added: 0 });
  });
});

describe('a flag or a responder written twice, and responders separated by ; (tester 326)', () => {
  it('is held once, and the same sheet imported again changes nothing', () => {
    const sheet = editSheet(exportOf(mapping), 'twice.csv', {
      edits: { 'Theft (P)': { flags: 'report|weapon|weapon' } },
    });
    const first = importCsv(sheet, mapping, tax, 'maria', '2026-12-06');
    expect(first.changed).toBe(1);
    expect(entry(first.entries, 'Theft (P)').flags.sort()).toEqual(['report', 'weapon']);
    expect(importCsv(sheet, first.entries, tax, 'maria', '2026-12-06')).toMatchObject({
      changed: 0,
      added: 0,
    });
  });

  it('reads responders separated by ;, each once, and the same sheet again is no edit', () => {
    const sheet = editSheet(exportOf(mapping), 'responders.csv', {
      edits: { 'Theft (P)': { eligible_near_term: 'behavioural_crisis;community*;community*' } },
    });
    const first = importCsv(sheet, mapping, tax, 'maria', '2026-12-06');
    expect(first.changed).toBe(1);
    expect(entry(first.entries, 'Theft (P)').eligibleOverride.near_term).toEqual([
      { responder: 'behavioural_crisis', nonEmergencyOnly: false },
      { responder: 'community', nonEmergencyOnly: true },
    ]);
    expect(importCsv(sheet, first.entries, tax, 'maria', '2026-12-06')).toMatchObject({
      changed: 0,
      added: 0,
    });
  });
});

describe('an emptied tier cell in a sheet whose type was reviewed since (tester 237)', () => {
  it('is no edit, in the conflict check too', () => {
    // Erin changed Theft (P)'s category from the export; Frank's copy emptied its tier and nothing else.
    // An emptied tier is no edit, yet it made the row differ from its exported_as, and Frank's import was
    // refused as a conflict with Erin's review.
    const sheet = exportOf(mapping);
    const erin = importCsv(
      editSheet(sheet, 'erin.csv', { edits: { 'Theft (P)': { category: 'property_crime_report' } } }),
      mapping,
      tax,
      'erin',
      '2026-12-05',
    );
    const frank = importCsv(
      editSheet(sheet, 'frank.csv', {
        edits: { 'Theft (P)': { tier: '' }, 'Loud Party (P)': { category: 'disturbance' } },
      }),
      erin.entries,
      tax,
      'frank',
      '2026-12-05',
    );
    expect(frank).toMatchObject({ changed: 1 });
    expect(entry(frank.entries, 'Theft (P)')).toEqual(entry(erin.entries, 'Theft (P)'));
    expect(entry(frank.entries, 'Loud Party (P)')).toMatchObject({
      category: 'disturbance',
      reviewer: 'frank',
    });
    // Beside an edit of its flags, the row still conflicts with Erin's review, naming what each changed.
    expect(() =>
      importCsv(
        editSheet(sheet, 'frank2.csv', { edits: { 'Theft (P)': { tier: '', flags: 'report' } } }),
        erin.entries,
        tax,
        'frank',
        '2026-12-05',
      ),
    ).toThrow(/`Theft \(P\)` \(row \d+: this sheet changed `flags`, erin on 2026-12-05 changed `category`\)/);
  });
});

describe('a column name in another case (tester 237)', () => {
  const sheet = exportOf(mapping);
  /** The sheet with Theft (P)'s tier and note edited, saved with its header's columns renamed. */
  const withHeader = (name: string, names: Record<string, string>) => {
    const f = editSheet(sheet, name, {
      edits: { 'Theft (P)': { tier: 'non_violent_felony', note: 'mostly shoplifting' } },
    });
    const [head, ...rest] = readFileSync(f, 'utf8').split('\n');
    const cols = head!.split(',').map((c) => names[c] ?? c);
    writeFileSync(f, [cols.join(','), ...rest].join('\n'));
    return f;
  };

  it('is refused as a required one is, naming the column it stands for', () => {
    // `Tier` and `Note` were dropped as columns of no use, with their edits, and the import went on;
    // `Category` was refused.
    expect(
      failure(() =>
        importCsv(withHeader('tier.csv', { tier: 'Tier', note: 'Note' }), mapping, tax, 'hal', '2026-12-05'),
      ),
    ).toMatch(
      /tier\.csv, row 1, field `Tier`: the header's `Tier` \(did you mean `tier`\?\), `Note` \(did you mean `note`\?\) are no columns: column names are read exactly as written, and their cells would not be read\n {2}How to fix: Rename `Tier` to `tier`, `Note` to `note`\.$/,
    );
    expect(
      failure(() =>
        importCsv(withHeader('cat.csv', { category: 'Category' }), mapping, tax, 'hal', '2026-12-05'),
      ),
    ).toMatch(/field `Category`: the header's `Category` \(did you mean `category`\?\) is no column/);
    // `Exported_As` unread would turn off the check of edits against later reviews.
    expect(
      failure(() =>
        importCsv(withHeader('exp.csv', { exported_as: 'Exported_As' }), mapping, tax, 'hal', '2026-12-05'),
      ),
    ).toMatch(/the header's `Exported_As` \(did you mean `exported_as`\?\) is no column/);
    // Spaces or hyphens for its underscores (tester 238: `eligible near term`, its edit lost with exit 0).
    expect(
      failure(() =>
        importCsv(
          withHeader('spaces.csv', { eligible_near_term: 'eligible near term', raw_type: 'raw-type' }),
          mapping,
          tax,
          'hal',
          '2026-12-05',
        ),
      ),
    ).toMatch(
      /the header's `raw-type` \(did you mean `raw_type`\?\), `eligible near term` \(did you mean `eligible_near_term`\?\) are no columns/,
    );
    // A letter or two off (tester 265: `eligible_curent`, its edit lost with a note and exit 0).
    expect(
      failure(() =>
        importCsv(
          withHeader('typo.csv', { eligible_current: 'eligible_curent' }),
          mapping,
          tax,
          'hal',
          '2026-12-05',
        ),
      ),
    ).toMatch(
      /field `eligible_curent`: the header's `eligible_curent` \(did you mean `eligible_current`\?\) is no column/,
    );
    // A column of no mapping's, far from every one, is still only noted.
    expect(
      importCsv(withHeader('own.csv', { suggestion_3: 'my remarks' }), mapping, tax, 'hal', '2026-12-05')
        .ignoredColumns,
    ).toEqual(['my remarks']);
    // Beside the column itself, it is to be deleted or renamed.
    const both = withHeader('both.csv', { flags: 'Tier' });
    expect(failure(() => importCsv(both, mapping, tax, 'hal', '2026-12-05'))).toMatch(
      /How to fix: Rename `Tier` to `tier` \(the header has `tier` too: keep the column you edited and delete the other\)\./,
    );
  });

  it('is taken as that column with surrounding spaces, required or not', () => {
    const f = withHeader('spaces.csv', { tier: ' tier ', note: 'note ', category: ' category' });
    const r = importCsv(f, mapping, tax, 'hal', '2026-12-05');
    expect(r).toMatchObject({ changed: 1, ignoredColumns: [] });
    expect(entry(r.entries, 'Theft (P)')).toMatchObject({
      tier: 'non_violent_felony',
      note: 'mostly shoplifting',
      reviewer: 'hal',
    });
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
      /`Theft \(P\)` \(row \d+: this sheet marks it reviewed, `classify auto` changed `tier`\)/,
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

describe('a sheet imported where the mapping is missing (tester 194)', () => {
  it("keeps the classifier's types automatic when their rows are as exported, and takes an edit as a review", () => {
    // Alice's export of a mapping with two automatic types; Bob imports it into a folder without a mapping.
    const auto = asAutomatic(asAutomatic(mapping, 'Theft (P)'), 'Fight (P)');
    const sheet = exportOf(auto);
    const bob = importCsv(
      editSheet(sheet, 'bob.csv', { edits: { 'Fight (P)': { category: 'disturbance' } } }),
      [],
      tax,
      'bob',
      '2026-12-04',
    );
    expect(bob.added).toBe(auto.length);
    // Theft (P) as exported: still the classifier's, its confidence kept; Fight (P) edited: Bob's review.
    const theft = entry(bob.entries, 'Theft (P)');
    expect(theft).toMatchObject({ provenance: 'automatic', confidence: entry(auto, 'Theft (P)').confidence });
    expect(theft.reviewer).toBeFalsy();
    expect(entry(bob.entries, 'Fight (P)')).toMatchObject({ provenance: 'reviewed', reviewer: 'bob' });
    // Reviewed types keep their review as exported.
    const reviewed = auto.find((e) => e.provenance === 'reviewed')!;
    expect(entry(bob.entries, reviewed.rawType)).toMatchObject({
      provenance: 'reviewed',
      reviewer: reviewed.reviewer,
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
      // Made from its own type, not the copied row's `Theft` (tester 113).
      normalised: 'Theft From Bike',
    });
    // Neither a category nor a tier: the category is named first (tester 141: the tier alone was).
    const bare = write('bare.csv', { raw_type: 'Noise Report (P)', category: '', apco_code: '', tier: '' });
    expect(() => importCsv(bare, mapping, tax, 'Tess', '2026-12-02')).toThrow(
      /bare\.csv, row \d+, field `category`: `Noise Report \(P\)` has no category \(the cell is empty\)/,
    );
    // The same sheet again, its copied row edited (tester 146: refused as a conflict with the first import,
    // the copied row's `normalised` read as an edit): nothing changes.
    const edited = write('copy-edited.csv', {
      raw_type: 'Theft From Bike (P)',
      category: 'property_crime_report',
    });
    const once = importCsv(edited, mapping, tax, 'Tess', '2026-12-02');
    expect(once).toMatchObject({ changed: 0, added: 1 });
    const twice = importCsv(edited, once.entries, tax, 'Tess', '2026-12-03');
    expect(twice).toMatchObject({ changed: 0, added: 0 });
    expect(twice.entries).toEqual(once.entries);
    const untiered = write('untiered.csv', {
      raw_type: 'Stabbing Report (P)',
      category: 'violent_crime',
      apco_code: '',
      tier: '',
    });
    expect(() => importCsv(untiered, mapping, tax, 'Tess', '2026-12-02')).toThrow(
      /untiered\.csv, row \d+, field `tier`: a new type needs a tier, and it has neither one nor an APCO code to take one from/,
    );
    // A type the mapping has keeps its tier when the cell is emptied: no change, so no new review (tester
    // 113: Fight (P) counted as changed and re-stamped as the importer's).
    const fight = entry(mapping, 'Fight (P)');
    const emptied = importCsv(
      editSheet(sheet, 'emptied.csv', { edits: { 'Fight (P)': { tier: '' } } }),
      mapping,
      tax,
      'Tess',
      '2026-12-02',
    );
    expect(emptied.changed).toBe(0);
    expect(entry(emptied.entries, 'Fight (P)')).toEqual(fight);
  });
});

describe('classify import', () => {
  it('refuses a bad review date or provenance beside an edit, as it does on a row without one', () => {
    // The category edit made the row `reviewed` today and the bad values went unseen.
    const date = file('date.csv', 'Loud Party (P),disturbance,1,reviewed,ana,2026-02-30');
    expect(() => importCsv(date, mapping, tax, 'ana', '2026-11-30')).toThrow(
      /date\.csv, row 2, field `reviewed_on`: `2026-02-30` is not a date that exists/,
    );
    // Dates in another shape exist: said as not written YYYY-MM-DD (tester 115).
    for (const written of ['11/25/26', '2026/11/25'])
      expect(() =>
        importCsv(
          file('shape.csv', `Loud Party (P),disturbance,1,reviewed,ana,${written}`),
          mapping,
          tax,
          'ana',
          '2026-11-30',
        ),
      ).toThrow(
        new RegExp(
          `shape\\.csv, row 2, field \`reviewed_on\`: \`${written.replaceAll('/', '\\/')}\` is not written YYYY-MM-DD \\(a spreadsheet may have rewritten`,
        ),
      );
    const prov = file('prov.csv', 'Loud Party (P),disturbance,1,manual,ana,2026-11-30');
    expect(() => importCsv(prov, mapping, tax, 'ana', '2026-11-30')).toThrow(
      /prov\.csv, row 2, field `provenance`: unknown provenance `manual`/,
    );
  });

  it("says every row's problem at once, whichever step finds it (tester 113: one at a time)", () => {
    // A cell a spreadsheet broke (read first), a date that does not exist (read with the row's review), an
    // unknown category and tier (checked as mapping entries): one message.
    const f = join(dir, 'four-problems.csv');
    writeFileSync(
      f,
      [
        'raw_type,category,tier,confidence,provenance,reviewer,reviewed_on',
        'Loud Party (P),noise,non_criminal,1,reviewed,safegap-maintainers,2026-11-25',
        '#NAME?,noise,non_criminal,1,reviewed,ana,2026-11-30',
        'Fight (P),fights,misdemeanour,1,reviewed,ana,2026-11-30',
        'Disturbance (P),noise,misdemeanour,1,reviewed,ana,2026-02-30',
        'Suspicious Person (P),suspicious,felony,1,reviewed,ana,2026-11-30',
        '',
      ].join('\n'),
    );
    let e: unknown;
    try {
      importCsv(f, mapping, tax, 'ana', '2026-12-02');
    } catch (caught) {
      e = caught;
    }
    expect(e).toBeInstanceOf(MappingFileError);
    const lines = (e as MappingFileError).message.split('\n');
    expect(lines[0]).toBe(`${f}: 4 problems, listed by row:`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {4}row 3, field `raw_type`: the cell is `#NAME\?`, what a spreadsheet writes/),
      '    row 4, field `category`: unknown category `fights` for `Fight (P)`',
      expect.stringMatching(/^ {4}row 5, field `reviewed_on`: `2026-02-30` is not a date that exists/),
      '    row 6, field `tier`: unknown tier `felony`',
    ]);
    expect((e as MappingFileError).hint).toMatch(/^fix each and run the command again:\n {4}row 3: Export /);
    // Fixed, the same sheet imports: the two edits, and nothing else.
    writeFileSync(
      f,
      readFileSync(f, 'utf8')
        .replace('#NAME?', "'=1+1")
        .replace('fights', 'violent_crime')
        .replace('2026-02-30', '2026-11-25')
        .replace('felony', 'non_violent_felony'),
    );
    expect(importCsv(f, mapping, tax, 'ana', '2026-12-02')).toMatchObject({ changed: 2, added: 1 });
  });

  it('says an unreadable exported_as and a conflict in the same message as the other problems (tester 116)', () => {
    // They were said only once every other problem was fixed: an import each.
    const f = editSheet(exportOf(mapping), 'mixed.csv', {
      edits: {
        'Loud Party (P)': { category: 'fights' },
        'Fight (P)': { category: 'disturbance', exported_as: '' },
        'Slumper (P)': { category: 'medical' },
      },
    });
    const rowOf = (raw: string) =>
      parseCsv(readFileSync(f, 'utf8'), f).records.find((r) => r.values.raw_type === raw)!.row;
    // Reviewed by bob after the export.
    const since = mapping.map((e) =>
      e.rawType === 'Slumper (P)'
        ? { ...e, category: 'behavioural_health', reviewer: 'bob', reviewedOn: '2026-12-01' }
        : e,
    );
    let e: unknown;
    try {
      importCsv(f, since, tax, 'ana', '2026-12-02');
    } catch (caught) {
      e = caught;
    }
    const lines = (e as MappingFileError).message.split('\n');
    const expected = [
      [
        rowOf('Loud Party (P)'),
        '    row R, field `category`: unknown category `fights` for `Loud Party (P)`',
      ],
      [
        rowOf('Fight (P)'),
        '    row R, field `exported_as`: `Fight (P)` is edited, and its `exported_as` (empty) is not one `classify export` writes: the edit cannot be told from a change the mapping has had since the export',
      ],
      [
        rowOf('Slumper (P)'),
        // Both changed its category: which side changed what cannot be told, only where they differ.
        '    row R: `Slumper (P)` is edited in this sheet and was changed in the mapping since the export (changed by bob on 2026-12-01; the sheet and the mapping differ in `category`)',
      ],
    ] as const;
    expect(lines).toEqual([
      `${f}: 3 problems, listed by row:`,
      ...[...expected].sort((a, b) => a[0] - b[0]).map(([row, line]) => line.replace('row R', `row ${row}`)),
    ]);
  });

  it('says the other spellings of a type whose meaning it changes that the file left otherwise (tester 113)', () => {
    // `Slumper (P)` and `Slumper (P)~PD` are welfare_check, non_criminal in the mapping: one call type
    // the pathways then listed twice.
    const f = (name: string, ...rows: string[]) => {
      const path = join(dir, name);
      writeFileSync(path, ['raw_type,category,tier,note', ...rows, ''].join('\n'));
      return path;
    };
    const one = importCsv(
      f('one.csv', 'Slumper (P),behavioural_health,non_criminal,'),
      mapping,
      tax,
      'ana',
      '2026-12-02',
    );
    expect(one.spellingTwins.map((n) => [n.row, n.entry.rawType, n.twin.rawType, n.differ])).toEqual([
      [
        2,
        'Slumper (P)',
        'Slumper (P)~PD',
        [{ column: 'category', here: 'behavioural_health', there: 'welfare_check' }],
      ],
    ]);
    // Both edited alike, or a note alone: nothing to say.
    const both = f(
      'both.csv',
      'Slumper (P),behavioural_health,non_criminal,',
      'Slumper (P)~PD,behavioural_health,non_criminal,',
    );
    expect(importCsv(both, mapping, tax, 'ana', '2026-12-02')).toMatchObject({
      changed: 2,
      spellingTwins: [],
    });
    const note = f('note.csv', 'Slumper (P),welfare_check,non_criminal,a person down');
    expect(importCsv(note, mapping, tax, 'ana', '2026-12-02')).toMatchObject({
      changed: 1,
      spellingTwins: [],
    });
    // A new spelling against both of the mapping's: the sheet gave it no APCO code (theirs is SLMP).
    const added = importCsv(
      f('added.csv', 'Slumper,behavioural_health,misdemeanour,'),
      mapping,
      tax,
      'ana',
      '2026-12-02',
    );
    expect(added.added).toBe(1);
    expect(added.spellingTwins.map((n) => [n.twin.rawType, n.differ.map((d) => d.column)])).toEqual([
      ['Slumper (P)', ['category', 'apco_code', 'tier']],
      ['Slumper (P)~PD', ['category', 'apco_code', 'tier']],
    ]);
    // Two spellings edited two ways: the one left alone is compared with each (tester 116: compared with
    // the first alone, its difference from the second went unsaid).
    const two = importCsv(
      f('two.csv', 'Slumper (P),behavioural_health,non_criminal,', 'Slumper,welfare_check,misdemeanour,'),
      mapping,
      tax,
      'ana',
      '2026-12-02',
    );
    expect(
      two.spellingTwins.map((n) => [n.entry.rawType, n.twin.rawType, n.differ.map((d) => d.column)]),
    ).toEqual([
      ['Slumper (P)', 'Slumper (P)~PD', ['category']],
      ['Slumper', 'Slumper (P)~PD', ['apco_code', 'tier']],
    ]);
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

  it('changes nothing when a sheet that added a type is imported again (tester 141)', () => {
    // The added row, typed in with no `normalised` and no `exported_as`, was taken the second time for an
    // edit the sheet could not vouch for, and the whole sheet refused: its empty `normalised` differed from
    // the one the first import had made from the type.
    const added = {
      raw_type: 'Noise - Loud Party (P)',
      category: 'noise',
      apco_code: 'NOISE',
      tier: 'non_criminal',
    };
    const sheet = editSheet(exportOf(mapping), 'added-twice.csv', { added: [added] });
    const first = importCsv(sheet, mapping, tax, 'ana', '2026-11-30');
    expect(first).toMatchObject({ changed: 0, added: 1 });
    const again = importCsv(sheet, first.entries, tax, 'bo', '2026-12-02');
    expect(again).toMatchObject({ changed: 0, added: 0, overwrittenReviews: [] });
    expect(again.entries).toEqual(first.entries);
    // One more cell fixed in that sheet, on an exported row, is taken; the added row stays as it was.
    const edited = editSheet(readFileSync(sheet, 'utf8'), 'added-edited.csv', {
      edits: { 'Loud Party (P)': { category: 'disturbance' } },
    });
    const third = importCsv(edited, first.entries, tax, 'bo', '2026-12-02');
    expect(third).toMatchObject({ changed: 1, added: 0 });
    expect(entry(third.entries, 'Loud Party (P)')).toMatchObject({ category: 'disturbance', reviewer: 'bo' });
    expect(entry(third.entries, 'Noise - Loud Party (P)')).toEqual(
      entry(first.entries, 'Noise - Loud Party (P)'),
    );
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
    // The sheet has no `exported_as`: its review columns alone show its rows predate qa's review, whose
    // category they would undo, so nothing is imported (tester 217: made, with a note only). Said as rows
    // that differ from the mapping, which an old export's may without an edit (tester 237: "edited").
    expect(() => importCsv(old, later, tax, 'bo', '2026-12-02')).toThrow(
      /older\.csv, row 2: 2 rows of this sheet differ from the mapping as it now is and are from before its review of those types \(a `reviewed_on` older than the mapping's, or `automatic` where it says `reviewed`\): `Loud Party \(P\)` \(row 2, reviewed by qa on 2026-12-01\), `Music-Loud \(P\)` \(row 3, reviewed by qa on 2026-12-01\)\. The sheet has no `exported_as` column, so an edit cannot be told from a cell of the older export it was made from, and importing them would undo those reviews; nothing was imported/,
    );
    expect(failure(() => importCsv(old, later, tax, 'bo', '2026-12-02'))).toMatch(
      /How to fix: Export the mapping again, redo this sheet's edits in the new sheet and import that, keeping its `exported_as` column/,
    );
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

  it('refuses an edit that would undo a later review, in a sheet without exported_as too', () => {
    // The mapping's Loud Party was reviewed by qa on 1 December; an export of 25 November still says noise.
    const later = mapping.map((e) =>
      e.rawType === 'Loud Party (P)'
        ? { ...e, category: 'disturbance', reviewer: 'qa', reviewedOn: '2026-12-01' }
        : e,
    );
    const old = file('old.csv', 'Loud Party (P),noise,1,reviewed,safegap-maintainers,2026-11-25');
    expect(() => importCsv(old, later, tax, 'bo', '2026-12-02')).toThrow(
      /`Loud Party \(P\)` \(row 2, reviewed by qa on 2026-12-01\)\. The sheet has no `exported_as` column/,
    );
    // Beside another row's problem, said on its row the same way (tester 237: said as an edit).
    const two = file(
      'old-two.csv',
      'Loud Party (P),noise,1,reviewed,safegap-maintainers,2026-11-25',
      'Theft (P),thefts,1,reviewed,safegap-maintainers,2026-11-25',
    );
    expect(() => importCsv(two, later, tax, 'bo', '2026-12-02')).toThrow(
      "row 2: `Loud Party (P)` differs from the mapping as it now is, and the row is from before qa's review of it on 2026-12-01: the sheet has no `exported_as` column to tell an edit from an older export's cell, which would undo that review",
    );
    // The same file over the mapping it was exported from changes nothing and says nothing.
    const same = importCsv(old, mapping, tax, 'bo', '2026-12-02');
    expect(same).toMatchObject({ changed: 0, overwrittenReviews: [] });
  });
});

/** What `f` throws, as the command prints it (problem and how to fix it); '' when it does not. */
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return String(e);
  }
  return '';
};

describe('a sheet a spreadsheet saved (tester 113)', () => {
  const sheet = exportOf(mapping);
  const rowOf = (s: string, raw: string) =>
    parseCsv(s, 'x').records.find((r) => r.values.raw_type === raw)!.row;
  /** The sheet with every cell of `column` rewritten by `f`, as a spreadsheet saves it. */
  const rewrite = (s: string, column: string, f: (v: string) => string) => {
    const t = parseCsv(s, 'x');
    for (const r of t.records) r.values[column] = f(r.values[column] ?? '');
    return toCsv(
      t.header,
      t.records.map((r) => r.values),
    );
  };

  it('writes exported_as as text no spreadsheet reads as a number, and still reads a bare one', () => {
    // `991003301215` and `396041341e57` were saved back as 9.91003E+11 and 3.96041E+65.
    const cells = parseCsv(sheet, 'x').records.map((r) => r.values.exported_as!);
    expect(cells.every((c) => /^h[0-9a-f]{12}$/.test(c))).toBe(true);
    expect(cells.filter((c) => Number.isFinite(Number(c)))).toEqual([]);
    // A sheet exported before the prefix, its hashes bare: an edit is taken, an edited row the mapping
    // reviewed since is refused, as before.
    const bare = rewrite(sheet, 'exported_as', (v) => v.slice(1));
    const taken = importCsv(
      editSheet(bare, 'bare.csv', { edits: { 'Loud Party (P)': { category: 'disturbance' } } }),
      mapping,
      tax,
      'ana',
      '2026-12-02',
    );
    expect(taken).toMatchObject({ changed: 1 });
    expect(() =>
      importCsv(
        editSheet(bare, 'bare-conflict.csv', { edits: { 'Loud Party (P)': { flags: 'in_progress' } } }),
        taken.entries,
        tax,
        'bo',
        '2026-12-02',
      ),
    ).toThrow(/this sheet changed `flags`, ana on 2026-12-02 changed `category`/);
  });

  it('says an exported_as a spreadsheet made a number of is that, on an edited row only', () => {
    const crim = 'Crim Sex Conduct/Report (P)';
    const row = rowOf(sheet, crim);
    const numbered = (name: string, cell: string, edits: Record<string, string>) =>
      editSheet(sheet, name, { edits: { [crim]: { exported_as: cell, ...edits } } });
    // Unedited, the row needs no hash: the sheet imports.
    const plain = numbered('number-unedited.csv', '9.91003E+11', {});
    expect(importCsv(plain, mapping, tax, 'ana', '2026-12-02')).toMatchObject({ changed: 0 });
    // Edited, it was refused as "changed by safegap-maintainers on 2026-11-25", the review before the export.
    for (const cell of ['9.91003E+11', '991003000000']) {
      const f = numbered('number-edited.csv', cell, { eligible_current: 'online_311' });
      const message = failure(() => importCsv(f, mapping, tax, 'ana', '2026-12-02'));
      expect(message).toContain(
        `number-edited.csv, row ${row}, field \`exported_as\`: a row edited in this sheet has an \`exported_as\` a spreadsheet turned into a number: \`${crim}\` (row ${row}: \`${cell}\`)`,
      );
      expect(message).toContain('Export the mapping again');
      expect(message).toContain('imported as text');
      expect(message).not.toContain('changed in the mapping since');
    }
    // Emptied beside an edit, it let the edit overwrite a later review with a note only (tester 115).
    const emptied = failure(() =>
      importCsv(
        numbered('emptied.csv', '', { eligible_current: 'online_311' }),
        mapping,
        tax,
        'ana',
        '2026-12-02',
      ),
    );
    expect(emptied).toContain(
      `emptied.csv, row ${row}, field \`exported_as\`: a row edited in this sheet has an \`exported_as\` that is not one \`classify export\` writes`,
    );
    expect(emptied).toContain(`(row ${row}: empty)`);
  });

  it("reads review dates a spreadsheet rewrote in its locale's order, when the sheet tells it", () => {
    // Excel saved every row's 2026-11-25 as 11/25/2026 or 25/11/2026: refused at row 2, "not a date that exists".
    const edits = { 'Loud Party (P)': { category: 'disturbance' } };
    for (const [name, f] of [
      ['us.csv', () => '11/25/2026'],
      ['eu.csv', () => '25/11/2026'],
      ['dots.csv', () => '25.11.2026'],
    ] as const) {
      const r = importCsv(
        editSheet(rewrite(sheet, 'reviewed_on', f), name, { edits }),
        mapping,
        tax,
        'ana',
        '2026-12-02',
      );
      expect(r).toMatchObject({ changed: 1, overwrittenReviews: [] });
    }
    // No part over 12 (reviewed 2 December): the unedited rows read as the mapping's dates one way only.
    // Read the other way, 12/2/2026 is 12 February, before the mapping's review: the edit would be said
    // to undo it.
    const december = mapping.map((e) => ({ ...e, reviewedOn: '2026-12-02' }));
    const decSheet = exportOf(december);
    for (const [name, written] of [
      ['dec-us.csv', '12/2/2026'],
      ['dec-eu.csv', '2-12-2026'],
    ] as const) {
      const r = importCsv(
        editSheet(
          rewrite(decSheet, 'reviewed_on', () => written),
          name,
          { edits },
        ),
        december,
        tax,
        'ana',
        '2026-12-03',
      );
      expect(r).toMatchObject({ changed: 1, overwrittenReviews: [] });
    }
    // An older export read in the sheet's order: 12/1/2026 is before the mapping's 2 December review.
    const older = editSheet(
      rewrite(decSheet, 'reviewed_on', () => '12/2/2026'),
      'dec-older.csv',
      {
        edits: { 'Loud Party (P)': { category: 'disturbance', reviewed_on: '12/1/2026' } },
      },
    );
    expect(importCsv(older, december, tax, 'ana', '2026-12-03').overwrittenReviews).toEqual([
      'Loud Party (P)',
    ]);
  });

  it('refuses rewritten dates whose order cannot be told, saying so and how to fix it', () => {
    const amb = file('ambiguous.csv', 'Loud Party (P),disturbance,1,reviewed,ana,3/4/2026');
    const said = failure(() => importCsv(amb, mapping, tax, 'ana', '2026-12-02'));
    expect(said).toMatch(
      /ambiguous\.csv, row 2, field `reviewed_on`: `3\/4\/2026` is a review date a spreadsheet rewrote in its own format \(the export writes YYYY-MM-DD\), and the order of its parts cannot be told/,
    );
    expect(said).toMatch(
      /How to fix: Format the `reviewed_on` column as yyyy-mm-dd .*or export the mapping again/,
    );
    const both = file(
      'both.csv',
      'Loud Party (P),disturbance,1,reviewed,ana,13/11/2026',
      'Music-Loud (P),noise,1,reviewed,safegap-maintainers,11/13/2026',
    );
    expect(() => importCsv(both, mapping, tax, 'ana', '2026-12-02')).toThrow(
      /both\.csv, row 3, field `reviewed_on`: a spreadsheet rewrote the review dates in its own format, and in both orders: row 2 has `13\/11\/2026` \(day first\), row 3 `11\/13\/2026` \(month first\)/,
    );
    // A date that does not exist in the sheet's order is said as such.
    const gone = file(
      'gone.csv',
      'Loud Party (P),disturbance,1,reviewed,ana,31/11/2026',
      'Music-Loud (P),noise,1,reviewed,safegap-maintainers,25/11/2026',
    );
    expect(() => importCsv(gone, mapping, tax, 'ana', '2026-12-02')).toThrow(
      /gone\.csv, row 2, field `reviewed_on`: `31\/11\/2026` is not a date that exists \(read day first/,
    );
  });

  it('says a reviewer or confidence changed alone on a reviewed row is not taken, and checks the figure', () => {
    // Person In Crisis set to 0.6 (unsure), or to another reviewer, was dropped without a word.
    const pic = 'Person In Crisis (P)';
    const row = rowOf(sheet, pic);
    const alone = (name: string, edits: Record<string, string>) =>
      importCsv(editSheet(sheet, name, { edits: { [pic]: edits } }), mapping, tax, 'ana', '2026-12-02');
    const conf = alone('conf-alone.csv', { confidence: '0.6' });
    expect(conf.reviewNotTaken).toEqual([{ row, entry: entry(mapping, pic), confidence: '0.6' }]);
    expect(entry(conf.entries, pic)).toEqual(entry(mapping, pic));
    const who = alone('reviewer-alone.csv', { reviewer: 'jane', confidence: '1.0' });
    expect(who.reviewNotTaken).toEqual([{ row, entry: entry(mapping, pic), reviewer: 'jane' }]);
    // The sheet as exported, or a row of an older review, says nothing.
    expect(alone('as-exported.csv', {}).reviewNotTaken).toEqual([]);
    expect(
      alone('older-row.csv', { reviewer: 'old-team', reviewed_on: '2026-11-01' }).reviewNotTaken,
    ).toEqual([]);
    // 1.5 was taken in silence on an unedited row, and refused on an edited one.
    expect(() => alone('bad-conf.csv', { confidence: '1.5' })).toThrow(
      `bad-conf.csv, row ${row}, field \`confidence\`: \`1.5\` is not a number from 0 to 1`,
    );
  });
});
