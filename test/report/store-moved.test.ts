/**
 * A report built while an ingest commits a newer version of the store is of the version it read, as its
 * page says; the command says so too, as analyze does (tester 272: a report 30,000 calls short, unsaid).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

describe('a report of a store an ingest moves on meanwhile', () => {
  it('says the store moved, and which version the report is of', async () => {
    const dir = tempDir('safegap-moved-');
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    const quiet = await buildReport({ store, out: join(dir, 'before') });
    expect(quiet.warnings.filter((w) => w.startsWith('The store moved'))).toEqual([]);
    // The build reads the store's version before its first wait; an ingest's commit is the pointer moving.
    const building = buildReport({ store, out: join(dir, 'during') });
    writeFileSync(join(store, 'CURRENT'), 'v000002\n');
    const r = await building;
    expect(r.warnings.filter((w) => w.startsWith('The store moved'))).toEqual([
      "The store moved to v000002 while this report of v000001 was built (an ingest committed it): the report is of v000001, as it says; build it again for the newer version's figures.",
    ]);
    expect(readFileSync(r.html, 'utf8')).toContain('store version v000001');
  });
});
