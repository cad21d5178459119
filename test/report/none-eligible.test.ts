/**
 * A mapping under which no call type is eligible for any alternative responder (every eligibility column
 * `-`): the report printed "handled - of the 0 calls it is eligible for" and "These are all 0 call types
 * that could go to an alternative responder" over an empty table (tester 227).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const MAPPING = resolve(import.meta.dirname, '../../taxonomy/mappings/minneapolis.csv');

describe('a report where the mapping makes no call type eligible', () => {
  it('says no call is eligible, with no dash in a sentence and no empty list of types', async () => {
    const dir = tempDir('safegap-none-eligible-');
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('minneapolis/calls_2022_d.csv')],
      profile: 'minneapolis-cad',
      store,
    });
    const rows = csvObjects(readFileSync(MAPPING, 'utf8'));
    const header = Object.keys(rows[0]!);
    const columns = ['eligible_current', 'eligible_near_term', 'eligible_potential'];
    expect(header).toEqual(expect.arrayContaining(columns));
    const mapping = join(dir, 'none.csv');
    writeRows(
      mapping,
      header,
      {},
      rows.map((r) => ({ ...r, ...Object.fromEntries(columns.map((c) => [c, '-'])) })),
    );
    const r = await buildReport({ store, out: join(dir, 'report'), mapping, from: '2022-10-01' });
    const text = readFileSync(r.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .replaceAll('&#39;', "'");
    // The premise: the crisis team handled calls in the period (1,806 of the denominator's), none eligible.
    expect(r.headlines?.bcrEligibleNow).toBe(0);
    expect(r.headlines?.bcrHandledAll).toBeGreaterThan(1000);
    // Tester 264: the response headline's key says it is in seconds; the CSV gives it in minutes.
    const overall = csvObjects(readFileSync(join(dir, 'report', 'csv', 'intervals_overall.csv'), 'utf8'));
    const response = overall.find((x) => x.interval!.startsWith('Response'))!;
    expect(r.headlines?.responseMedianSeconds).toBe(Number(response.median_minutes) * 60);
    expect(text).toContain(
      'No call of the period is eligible for the behavioural crisis team under current practice, so there is no share of its eligible calls to give; it handled 1,806 calls, all of types its current eligibility does not give it.',
    );
    expect(text).toContain(
      "No call type is eligible for an alternative responder under any phase's rules, so none could close the gap.",
    );
    expect(text).not.toMatch(/handled - of the 0 calls|it is -\.|all 0 call types|would not be enough/);
  }, 180_000);
});
