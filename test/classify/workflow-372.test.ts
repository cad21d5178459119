/**
 * Tester 372, the classification workflow on Burlington's export:
 * - `classify import` of a sheet with reviewed rows and no `--reviewer` listed each row's problem twice
 *   ("a reviewed row has no reviewer" and "a reviewed entry has no reviewer"), 12 problems for 6 rows;
 * - a second `classify auto` after a later ingest added the new types without a word;
 * - `classify export --out` made a mistyped path's missing folders in silence.
 * Expectations are counted here from the export itself (Burlington's `call_type`), not from the command.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMapping } from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify as run } from '../helpers/classify-cli.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const dir = tempDir('safegap-workflow-372-');
const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const cols = ['--initial-column', 'call_type', '--final-column', 'call_type'];
const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

/** The export's first `n` records (all when `n` is undefined), written as a calls CSV. */
function callsFile(name: string, n?: number): { file: string; types: Set<string> } {
  const [header, ...rows] = parseCsv(readFileSync(BURLINGTON, 'utf8')).filter((r) => r.length > 1);
  const kept = rows.slice(0, n);
  const file = join(dir, name);
  writeFileSync(file, [header!, ...kept].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  const at = header!.indexOf('call_type');
  // `NA` is no type: the calls CSV is read with it as a null, as a profile reads it by default.
  const types = new Set(kept.map((r) => r[at]!).filter((t) => t.trim() !== '' && t !== 'NA'));
  return { file, types };
}

describe('classify auto says what a later run added (tester 372)', () => {
  it('counts the types added, automatic, and those kept', async () => {
    const mapping = join(dir, 'auto.csv');
    const first = callsFile('first.csv', 2000);
    const all = callsFile('all.csv');
    const added = [...all.types].filter((t) => !first.types.has(t));
    expect(added.length).toBeGreaterThan(5);
    await run(['auto', '--city', 'burlington_vt', '--mapping', mapping, '--calls', first.file, ...cols]);
    const out = await run([
      'auto',
      '--city',
      'burlington_vt',
      '--mapping',
      mapping,
      '--calls',
      all.file,
      ...cols,
    ]);
    expect(out).toContain(
      `${all.types.size} types in ${mapping} (0 reviewed): ${added.length} types of the calls added, automatic and to review (`,
    );
    expect(out).toContain(`and ${added.length - 5} more), ${first.types.size} kept from the mapping.`);
    // The five named are among those added, and every added type is automatic in the mapping.
    const named = /to review \((.*?) and \d+ more\)/.exec(out)![1]!.split(', ');
    expect(named).toHaveLength(5);
    for (const n of named) expect(added).toContain(n.replace(/^`|`$/g, ''));
    const entries = readMapping(mapping, tax).entries;
    for (const t of added) expect(entries.find((e) => e.rawType === t)?.provenance, t).toBe('automatic');
    // Run again on the same calls: nothing added, all kept.
    const again = await run([
      'auto',
      '--city',
      'burlington_vt',
      '--mapping',
      mapping,
      '--calls',
      all.file,
      ...cols,
    ]);
    expect(again).toContain(`: no type added, ${all.types.size} kept from the mapping.`);
  });
});

describe('classify import without --reviewer (tester 372)', () => {
  it('says each row with no reviewer once, with one fix', async () => {
    const calls = callsFile('import-calls.csv', 3000);
    const mapping = join(dir, 'import.csv');
    const sheet = join(dir, 'sheet.csv');
    await run(['auto', '--city', 'burlington_vt', '--mapping', mapping, '--calls', calls.file, ...cols]);
    await run([
      'export',
      '--city',
      'burlington_vt',
      '--mapping',
      mapping,
      '--calls',
      calls.file,
      ...cols,
      '--out',
      sheet,
    ]);
    const [header, ...rows] = parseCsv(readFileSync(sheet, 'utf8')).filter((r) => r.length > 1);
    const col = (c: string) => header!.indexOf(c);
    const rowOf = (type: string) => rows.findIndex((r) => r[col('raw_type')] === type);
    // One row edited (Noise made a neighbour dispute), one automatic row marked reviewed: two rows, each with
    // no reviewer, the sheet's rows numbered as a spreadsheet numbers them (header = 1).
    const noise = rowOf('Noise');
    const welfare = rowOf('Welfare Check');
    expect(noise).toBeGreaterThanOrEqual(0);
    expect(welfare).toBeGreaterThanOrEqual(0);
    rows[noise]![col('category')] = 'neighbour_dispute';
    rows[welfare]![col('provenance')] = 'reviewed';
    writeFileSync(sheet, [header!, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
    const before = readFileSync(mapping, 'utf8');
    const error = await run(['import', '--city', 'burlington_vt', '--mapping', mapping, '--in', sheet]).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).not.toBeNull();
    const text = `${error!.message}\n${(error as { hint?: string }).hint ?? ''}`;
    const expected = [noise + 2, welfare + 2].sort((a, b) => a - b);
    expect(text).toContain('2 problems, listed by row:');
    const listed = [...text.matchAll(/row (\d+), field `reviewer`/g)].map((m) => Number(m[1]));
    expect(listed).toEqual(expected);
    expect(text).not.toContain('a reviewed entry has no reviewer');
    expect(text).not.toContain('Write who reviewed it');
    expect(text).toContain(`rows ${expected.join(', ')}: Fill the reviewer column or pass --reviewer NAME.`);
    // Nothing written.
    expect(readFileSync(mapping, 'utf8')).toBe(before);
  });
});

describe('classify export --out into missing folders (tester 372)', () => {
  it('makes them, as the other commands writing a file do, and names them', async () => {
    const calls = callsFile('export-calls.csv', 500);
    const top = join(dir, 'typo_dir');
    const out = join(top, 'sub', 'x.csv');
    const said = await run([
      'export',
      '--city',
      'burlington_vt',
      '--mapping',
      join(dir, 'none.csv'),
      '--calls',
      calls.file,
      ...cols,
      '--out',
      out,
    ]);
    expect(existsSync(out)).toBe(true);
    expect(csvObjects(readFileSync(out, 'utf8'))).toHaveLength(calls.types.size);
    expect(said).toContain(
      `Note: the folders ${top}, ${join(top, 'sub')} did not exist and were made for it. If the path was mistyped, remove them (\`rm -r ${top}\`).`,
    );
    // Into a folder that exists: no note.
    const again = await run([
      'export',
      '--city',
      'burlington_vt',
      '--mapping',
      join(dir, 'none.csv'),
      '--calls',
      calls.file,
      ...cols,
      '--out',
      join(top, 'sub', 'y.csv'),
    ]);
    expect(again).not.toContain('did not exist');
  });
});
