/**
 * The report's first page (tester 343): the notes that undermine the headline figures were only in "Data
 * and method", at the page's end (Seattle's sample of 222 calls over six years read "4.3 more calls a
 * year"; a store pooling it with four days of 2024, sharing no month, a diverted share of both); a store
 * of two Seattle sources was titled "Calls for service" with no city; and the internal banner said
 * "includes block-level locations" of a report with no block address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, reportSubtitle, type ReportResult } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const SAMPLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');
const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');

/** The page from its cover to the summary's findings, tags dropped and spaces collapsed. */
function firstPage(r: ReportResult): string {
  const page = readFileSync(r.html, 'utf8');
  return page
    .slice(page.indexOf('<header'), page.indexOf('<h3>Findings</h3>'))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The summary's "Read first" list, or '' without one. */
function readFirst(r: ReportResult): string {
  const t = firstPage(r);
  const at = t.indexOf('Read first.');
  return at < 0 ? '' : t.slice(at, t.search(/\d[\d,]* calls for service received/));
}

describe("the report's first page (tester 343)", () => {
  const dir = tempDir('safegap-read-first-');
  const r: Record<string, ReportResult> = {};
  beforeAll(async () => {
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store: join(dir, 'sample') });
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store: join(dir, 'both') });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: join(dir, 'both') });
    await ingest({ files: [BURLINGTON], profile: 'burlington-vt', store: join(dir, 'bur') });
    for (const store of ['sample', 'both'])
      for (const edition of ['int', 'pub'])
        r[`${store}-${edition}`] = await buildReport({
          store: join(dir, store),
          out: join(dir, `${store}-${edition}`),
          public: edition === 'pub',
        });
    // Whole months well inside Burlington's export: no note on the period.
    r['bur-int'] = await buildReport({
      store: join(dir, 'bur'),
      out: join(dir, 'bur-int'),
      from: '2022-02-01',
      to: '2022-05-31',
    });
  }, 600_000);

  it("puts the sample's period notes above its headline figures, pointing to them in full", () => {
    const t = firstPage(r['sample-int']!);
    const list = readFirst(r['sample-int']!);
    // Whole, not cut to their first clause (tester 344: "The period is only 14 days long." alone).
    expect(list).toContain(
      "Only 201 of the period's 2,184 days have calls: per-year and per-week figures, the seasonal index",
    );
    expect(list).toContain(
      "6 of the period's 72 months have no calls (2019-12, 2020-09, 2021-04 and 3 more)",
    );
    expect(list).toContain('they are given again, with the others, under Data and method');
    // Above the headline share, and the notes are still in full where they were.
    expect(t.indexOf('Read first.')).toBeLessThan(t.indexOf('7.7% handled by a non-police responder'));
    expect(r['sample-int']!.warnings.some((w) => w.startsWith("Only 201 of the period's 2,184 days"))).toBe(
      true,
    );
    // Only the notes on the data's coverage: not the classification's or the responders'.
    expect(list).not.toContain('No source of the store records');
    expect(list).not.toContain('classified automatically');
  });

  it("gives the public edition's own period notes, without their counts", () => {
    const list = readFirst(r['sample-pub']!);
    expect(list).toContain("Fewer than half of the period's 2,184 days have calls:");
    expect(list).toContain("6 of the period's 72 months have no calls");
    expect(list).not.toContain('Only 201');
  });

  it('says above the pooled share that the two sources share no month', () => {
    const list = readFirst(r['both-int']!);
    expect(list).toContain(
      'No month holds records of seattle_calls (2018-01 to 2023-12) and of another source, yet the figures below pool their calls.',
    );
    expect(firstPage(r['both-int']!).indexOf('Read first.')).toBeLessThan(
      firstPage(r['both-int']!).indexOf('1.3% handled by a non-police responder'),
    );
    // The public edition's figures are pooled alike, and the item holds no count (tester 344).
    expect(readFirst(r['both-pub']!)).toContain(
      'No month holds records of seattle_calls (2018-01 to 2023-12) and of another source, yet the figures below pool their calls.',
    );
  });

  it("does not say a period of one source's calls pools two (tester 344)", async () => {
    // 1 to 4 January 2024 holds the dispatch file's calls alone.
    const days = await buildReport({
      store: join(dir, 'both'),
      out: join(dir, 'both-2024'),
      from: '2024-01-01',
      to: '2024-01-04',
    });
    expect(readFirst(days)).not.toContain('No month holds records');
  }, 120_000);

  it('has no list where no note bears on the figures', () => {
    expect(r['bur-int']!.warnings.length).toBeGreaterThan(0);
    expect(firstPage(r['bur-int']!)).not.toContain('Read first');
  });

  it("says on the cover and in the title the city of a store's built-in profiles, or how many sources it has", () => {
    // Seattle's two built-in profiles, with no city settings: the city they are of (tester 384: the cover
    // named none), not "Calls for service of 2 sources".
    const page = readFileSync(r['both-int']!.html, 'utf8');
    expect(page).toContain(
      '<title>Community safety asset and gap analysis (Seattle: calls for service; internal edition)</title>',
    );
    expect(firstPage(r['both-pub']!)).toContain('Seattle: calls for service');
    expect(reportSubtitle(null, ['minneapolis_cad', 'seattle_calls'])).toBe('Calls for service of 2 sources');
    // No city guessed from the words the names share: "Police", "Export" (tester 344).
    expect(reportSubtitle(null, ['police_calls', 'police_dispatch'])).toBe('Calls for service of 2 sources');
    expect(reportSubtitle('Burlington VT', ['burlington_vt', 'burlington_vt_team'])).toBe(
      'Burlington VT: calls for service',
    );
    // Sources in two zones are two cities', whatever the first one's settings name (tester 344).
    const zones = [
      { source: 'minneapolis_cad', zone: 'America/Chicago' },
      { source: 'burlington_vt', zone: 'America/New_York' },
    ];
    expect(reportSubtitle('Minneapolis', ['minneapolis_cad', 'burlington_vt'], zones)).toBe(
      'Calls for service of 2 sources',
    );
    expect(reportSubtitle('Minneapolis', ['minneapolis_cad', 'minneapolis_team'], [zones[0]!])).toBe(
      'Minneapolis: calls for service',
    );
    expect(reportSubtitle(null, ['seattle_calls'])).toBe('Calls for service');
  });

  it('says the internal edition has block-level locations only where it lists block addresses', () => {
    const sample = firstPage(r['sample-int']!);
    expect(readFileSync(r['sample-int']!.html, 'utf8')).toContain(
      'No call of the period has a block address',
    );
    expect(sample).not.toContain('block-level');
    expect(sample).toContain(
      'Internal edition: not for publication (it shows counts from 1 to 10). Publish the edition built with --public.',
    );
    // Burlington's repeat locations are whole streets, no block of a house number (tester 344); Minneapolis'
    // banner, of blocks, is checked in minneapolis-report.test.ts.
    expect(readFileSync(r['bur-int']!.html, 'utf8')).toContain('No address listed here has a house number');
    expect(firstPage(r['bur-int']!)).toContain(
      'Internal edition: not for publication (it shows counts from 1 to 10). Publish the edition built with --public.',
    );
  });
});
