/**
 * A file ingested again (--again) was listed by the method section as two files of the same name, "m12b.csv
 * (2,635 rows read, 2,635 loaded), m12b.csv (2,635 rows read, 2,635 loaded)", and the public edition said
 * "8 files" where 7 were read (tester 378). It is one file, with each later reading's run and rows, so that
 * the readings' rows still add up to the store's.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { methodText, reportCsv } from '../helpers/store.js';

describe('a file ingested again, in the method section (tester 378)', () => {
  const dir = tempDir('safegap-files-again-');
  const store = join(dir, 'store');
  const r: Record<string, ReportResult> = {};
  beforeAll(async () => {
    // Burlington's first 1,200 calls as two files of 600 lines each (no call spans two lines).
    const [header, ...lines] = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const part = (name: string, from: number) => {
      const file = join(dir, name);
      writeFileSync(file, [header, ...lines.slice(from, from + 600)].join('\n') + '\n');
      return file;
    };
    const a = part('bva.csv', 0);
    const b = part('bvb.csv', 600);
    const c = join(dir, 'bvc.csv');
    copyFileSync(b, c);
    await ingest({ files: [a, b], profile: 'burlington-vt', store });
    // Run 2 reads bvb.csv again; run 3 reads the same bytes again under another name.
    await ingest({ files: [b], profile: 'burlington-vt', store, again: true });
    await ingest({ files: [c], profile: 'burlington-vt', store, again: true });
    for (const edition of ['int', 'pub'])
      r[edition] = await buildReport({ store, out: join(dir, edition), public: edition === 'pub' });
  }, 600_000);

  it('names a file read again once, with each later reading', () => {
    const t = methodText(r.int!);
    expect(t).toContain(
      'files bva.csv (600 rows read, 600 loaded), bvb.csv (600 rows read, 600 loaded; read again in run 2: 600 rows read, 600 loaded; in run 3 as bvc.csv: 600 rows read, 600 loaded).',
    );
    expect(t.match(/bvb\.csv/g)?.length).toBe(1);
  });

  it("gives readings whose rows add up to the store's", () => {
    // Four readings of 600 rows: 2,400 read and loaded, as the data-quality table says.
    const quality = reportCsv(join(dir, 'int'), 'data_quality');
    const value = (item: string) => quality.find((x) => x.item!.startsWith(item))?.value;
    expect(value('Rows read')).toBe('2400');
    expect(value('Rows loaded')).toBe('2400');
  });

  it('counts files, not readings, in the public edition', () => {
    const t = methodText(r.pub!);
    expect(t).toContain(
      'burlington_vt: profile burlington-vt (built in); 2 files, 1 of them read again (4 readings in all).',
    );
    expect(t).not.toMatch(/\b4 files\b/);
  });
});
