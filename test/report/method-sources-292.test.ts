/**
 * The method section named the store's sources ("minneapolis_cad (49,976 records, the whole store)") but
 * not the export files ingested nor the profile: a reader could not tell the report covered a 50,000-row
 * cut (tester 292). It lists, per source, the files by base name (never a folder, in both editions) with
 * their rows, and the profile used; the public edition names no file (tester 359: a file named after a
 * caller published the name and number), and gives the rows only where they are the data-quality table's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { parseCsv, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { methodText, reportCsv } from '../helpers/store.js';

const value = (r: ReportResult, out: string, item: string) =>
  reportCsv(out, 'data_quality').find((x) => x.item!.startsWith(item))?.value;

describe('the files and profile the method section names (tester 292)', () => {
  const dir = tempDir('safegap-method-sources-');
  // A folder naming the analyst, which no edition may print.
  const folder = join(dir, 'jane-doe', 'exports');
  const out = (name: string) => join(dir, name);
  const r: Record<string, ReportResult> = {};
  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    // The first 3,000 calls of Minneapolis' quarter, as two exports of 1,500.
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
    let end = 0;
    for (let n = 0; n <= 3000; n++) end = text.indexOf('\n', end) + 1;
    const [header, ...rows] = parseCsv(text.slice(0, end)).filter((x) => x.length > 1);
    const objects = rows.map((x) => Object.fromEntries(header!.map((h, i) => [h, x[i] ?? ''])));
    const first = writeRows(join(folder, 'mpls-part-1.csv'), header!, {}, objects.slice(0, 1500));
    const second = writeRows(join(folder, 'mpls-part-2.csv'), header!, {}, objects.slice(1500));
    await ingest({ files: [first, second], profile: 'minneapolis-cad', store: out('two') });
    // One file, read by a profile of the user's whose name is written as a path.
    const profile = loadProfile('minneapolis-cad');
    const fields = { ...profile.fields };
    delete fields.sector;
    await ingest({
      files: [first],
      profile: { ...profile, fields, name: '/home/jane-doe/profiles/my-mpls.yaml' },
      store: out('one'),
    });
    for (const store of ['two', 'one'])
      for (const edition of ['int', 'pub']) {
        const name = `${store}-${edition}`;
        r[name] = await buildReport({ store: out(store), out: out(name), public: edition === 'pub' });
      }
  }, 600_000);

  it('lists each file by base name with its rows, and names a built-in profile as such', () => {
    const t = methodText(r['two-int']!);
    const loaded = [...t.matchAll(/mpls-part-\d\.csv \(1,500 rows read, ([\d,]+) loaded\)/g)].map((m) =>
      Number(m[1]!.replace(/,/g, '')),
    );
    expect(t).toContain('minneapolis_cad: profile minneapolis-cad (built in); files mpls-part-1.csv (1,500');
    expect(loaded.length).toBe(2);
    expect(loaded.reduce((a, b) => a + b, 0)).toBe(
      Number(value(r['two-int']!, out('two-int'), 'Rows loaded')),
    );
  });

  it("names a profile of the user's by its name, without a folder, and no edition names one", () => {
    const t = methodText(r['one-int']!);
    expect(t).toContain('minneapolis_cad: profile "my-mpls.yaml"; file mpls-part-1.csv (1,500 rows read');
    expect(t).not.toContain('(built in)');
    for (const [name, report] of Object.entries(r)) {
      const page = readFileSync(report.html, 'utf8');
      expect(page.includes('jane-doe'), name).toBe(false);
      expect(page.includes(dir), name).toBe(false);
    }
  });

  it("gives a file's rows in the public edition only where the data-quality table has them", () => {
    // Two files: their rows are no table's. No file is named (tester 359: a file named after a caller).
    const two = methodText(r['two-pub']!);
    expect(two).toContain('minneapolis_cad: profile minneapolis-cad (built in); 2 files.');
    expect(two).toContain("the public edition names no file: a file's name is as whoever saved it chose");
    for (const edition of ['two-pub', 'one-pub'])
      expect(readFileSync(r[edition]!.html, 'utf8').includes('mpls-part-'), edition).toBe(false);
    expect(two).not.toMatch(/rows read, [\d,]+ loaded/);
    expect(two).toContain("The public edition gives no file's rows");
    // One file: its rows are the store's rows read and loaded, which the data-quality table prints.
    const one = methodText(r['one-pub']!);
    const read = value(r['one-pub']!, out('one-pub'), 'Rows read');
    const loaded = value(r['one-pub']!, out('one-pub'), 'Rows loaded');
    expect(read).toBe('1500');
    expect(one).toContain(`1 file (1,500 rows read, ${Number(loaded).toLocaleString('en-US')} loaded).`);
  });
});
