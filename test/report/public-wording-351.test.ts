/**
 * Tester 351, on a public edition of Seattle's two sources: the section "Which calls could add to the
 * share" said "The public edition lists none of them: it lists only call types with 11 calls or more",
 * while the internal edition's first pathway type, parking violations, had 12 police-handled calls, held
 * back as cover (traffic control's published 17 eligible calls less 12 leave 5). The sentence now says
 * that types of 11 or more are left out as cover too, where one is, and stays plain where none is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const SAMPLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');

const PLAIN = 'The public edition lists none of them: it lists only call types with 11 calls or more.';
const COVER =
  "The public edition lists none of them: it lists only call types with 11 calls or more, and none whose calls would give a hidden count away (the table's note says how).";

/** The page's text, tags and runs of white space as one space, entities read back. */
const pageText = (html: string) =>
  readFileSync(html, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the public pathways list of no type, and why (tester 351)', () => {
  const dir = tempDir('safegap-351-');
  const built: Record<string, { html: string }> = {};
  beforeAll(async () => {
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store: join(dir, 'both') });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: join(dir, 'both') });
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store: join(dir, 'sample') });
    for (const pub of [false, true]) {
      const edition = pub ? 'pub' : 'int';
      built[`both-${edition}`] = await buildReport({
        store: join(dir, 'both'),
        out: join(dir, `both-${edition}`),
        public: pub,
      });
      // Three years of the sample, every call: no type reaches 11 police-handled calls.
      built[`few-${edition}`] = await buildReport({
        store: join(dir, 'sample'),
        out: join(dir, `few-${edition}`),
        public: pub,
        from: '2018-01-01',
        to: '2020-12-31',
        denominator: 'all_calls',
      });
    }
  }, 600_000);

  it('says that types of 11 calls or more are left out as cover where one is', () => {
    const internal = reportCsv(join(dir, 'both-int'), 'pathways_call_types');
    const listed = reportCsv(join(dir, 'both-pub'), 'pathways_call_types');
    // The premise, from the internal edition's rows: parking violations, traffic control's, of 12 calls.
    const large = internal.filter((r) => Number(r.calls) >= 11);
    expect(large.map((r) => [r.call_type, r.responder, r.phase, r.calls])).toEqual([
      ['PARKING VIOLATION (EXCEPT ABANDONED CAR)', 'Traffic control', 'Current practice', '12'],
    ]);
    // ... held back as cover: traffic control's current-practice eligible calls are published, and less
    // those 12 leave a count from 1 to 10.
    const eligible = reportCsv(join(dir, 'both-pub'), 'eligible_demand').find(
      (r) => r.phase === 'Current practice' && r.responder === 'Traffic control',
    )!;
    const rest = Number(eligible.eligible) - Number(large[0]!.calls);
    expect(rest).toBeGreaterThanOrEqual(1);
    expect(rest).toBeLessThanOrEqual(10);
    expect(listed).toEqual([]);

    const text = pageText(built['both-pub']!.html);
    expect(text).toContain(COVER);
    expect(text).not.toContain(PLAIN);
    // The section's paragraph names no count or name of the type held back.
    const from = text.indexOf('Which calls could add to the share');
    const paragraph = text.slice(from, text.indexOf('Call types that could close the gap, in order', from));
    expect(paragraph).toContain(COVER);
    expect(paragraph).not.toMatch(/\b12\b|PARKING/i);
    // The internal edition says nothing of the kind.
    expect(pageText(built['both-int']!.html)).not.toContain('The public edition lists');
  });

  it('keeps the plain sentence where no type of 11 calls or more is left out', () => {
    const internal = reportCsv(join(dir, 'few-int'), 'pathways_call_types');
    // The premise: types to list, each of 1 to 10 calls in the internal edition, none listed in public.
    expect(internal.length).toBeGreaterThan(0);
    for (const r of internal) expect(Number(r.calls), r.call_type).toBeLessThan(11);
    expect(reportCsv(join(dir, 'few-pub'), 'pathways_call_types')).toEqual([]);
    const text = pageText(built['few-pub']!.html);
    expect(text).toContain(PLAIN);
    expect(text).not.toContain('none whose calls would give a hidden count away');
  });
});
