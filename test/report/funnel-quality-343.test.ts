/**
 * Tester 343, on Burlington's export, which records no unit time: the funnel printed every responder
 * "Assigned 0, Arrived 0, Handled 0" where the other sections say no time can be measured; and the public
 * edition wrote "Data quality: no values left out" under charts and tables of x, which read as nothing
 * hidden, with captions saying "suppressed" and nothing saying what an x is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { metaLine } from '../../src/report/tables.js';
import { WITHHELD } from '../../src/report/suppress.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');

const words = (page: string) =>
  page
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"');

describe('a report of an export with no unit time, and the public edition of its x cells', () => {
  const dir = tempDir('safegap-343-');
  let internal: ReportResult;
  let pub: ReportResult;
  let pub911: ReportResult;
  beforeAll(async () => {
    const store = join(dir, 'store');
    await ingest({ files: [FILE], profile: 'burlington-vt', store });
    internal = await buildReport({ store, out: join(dir, 'internal') });
    pub = await buildReport({ store, out: join(dir, 'public'), public: true });
    pub911 = await buildReport({
      store,
      out: join(dir, 'public-911'),
      public: true,
      denominator: 'calls_911',
    });
  }, 400_000);

  it('says the funnel cannot be measured, and shows no table of zeros', () => {
    for (const edition of [internal, pub]) {
      const page = readFileSync(edition.html, 'utf8');
      const eligible = words(
        page.slice(
          page.indexOf('<section id="eligible"'),
          page.indexOf('</section>', page.indexOf('<section id="eligible"')),
        ),
      );
      expect(eligible).toContain('From eligible to handled');
      expect(eligible).toContain(
        "No call of the period has a unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival): the export records when calls were received, not when units were sent or arrived, or its profile maps no such column. So the funnel from eligible to handled (a unit assigned, a unit arriving, the call handled after an arrival) cannot be measured: its steps are unknown, not 0, and are not shown.",
      );
      // Neither the steps of zeros nor the reasons, every one "not recorded" or "without an arrival".
      expect(page).not.toContain('id="table-funnel_current"');
      expect(page).not.toContain('id="table-funnel_fallout_current"');
      expect(eligible).not.toContain('Handled after a recorded arrival, of eligible');
      // The CSV is still written, as docs/report.md says.
      const funnel = csvObjects(
        readFileSync(join(dirname(edition.html), 'csv', 'funnel_current.csv'), 'utf8'),
      );
      // Empty, not recorded, as analyze's funnel gives them: "0" said no call got a unit (tester 389). A
      // responder of no eligible call has 0 at every step.
      expect(funnel.map((r) => r.assigned)).toEqual(funnel.map((r) => (r.eligible === '0' ? '0' : '')));
      expect(funnel.some((r) => r.eligible !== '0' && r.eligible !== 'x')).toBe(true);
    }
  });

  it("hides the fallout's not-recorded calls where the funnel hides the eligible ones they equal (tester 365)", () => {
    // With no step after eligible seen, the reason "not recorded" at "assigned" is every eligible call: the
    // public fallout CSV printed the crisis team's 515 beside its hidden eligible count.
    for (const edition of [pub, pub911]) {
      const csv = (name: string) =>
        csvObjects(readFileSync(join(dirname(edition.html), 'csv', `${name}.csv`), 'utf8'));
      const funnel = csv('funnel_current');
      const fallout = csv('funnel_fallout_current');
      // Each responder's eligible calls are its assigned ones plus the reasons at "assigned": with one of
      // them x and the others shown, the x is worked out (under 911 calls, animal control's 16).
      const pinned = funnel.filter((f) => {
        const reasons = fallout.filter((r) => r.responder === f.responder && r.stage === 'Assigned');
        const cells = [f.eligible, f.assigned, ...reasons.map((r) => r.calls)];
        return cells.filter((c) => c === 'x').length === 1;
      });
      expect(fallout.length).toBeGreaterThan(0);
      expect(pinned.map((f) => f.responder)).toEqual([]);
    }
  });

  it('says under each public figure and table how many of its cells are x, and what an x is', () => {
    const page = readFileSync(pub.html, 'utf8');
    const figures = page
      .split('<figure')
      .slice(1)
      .map((f) => words(f.slice(0, f.indexOf('</figure>'))));
    let checked = 0;
    for (const f of figures) {
      const foot = /(\d[\d,]*) (cells?) suppressed \(x\): a count from 1 to 10/.exec(f);
      if (!foot) continue;
      checked++;
      // And the data-quality counts shown as x beside them, where there are some (tester 344: "65 cells"
      // beside an x there).
      const xQuality = /Data quality: [^.]*: x[;.]/.test(f);
      expect(f).toContain(
        `Suppressed: ${foot[1]} ${foot[2]}${xQuality ? ' and the counts shown as x here' : ''}, to protect small counts (x: a count from 1 to 10, or a cell withheld so that one cannot be worked out).`,
      );
    }
    // Burlington's hour-of-week heatmap (6 cells), categories (36), pathways (1) and others.
    expect(checked).toBeGreaterThanOrEqual(5);
    // The heatmap's line had said only "no values left out" (tester 343).
    const heatmap = figures.find((f) => f.includes('Calls by hour of the week'))!;
    expect(heatmap).toMatch(
      /Data quality: no values left out\. Suppressed: \d+ cells, to protect small counts/,
    );
    // The internal edition suppresses nothing, and says nothing of it.
    expect(words(readFileSync(internal.html, 'utf8'))).not.toContain('Suppressed:');
  });

  it("counts a public figure's x cells a second way, in the CSV it ships", () => {
    // The check above holds the figure line to the table's foot note, both counted by countSuppressed in
    // tables.ts: that they agree says nothing of the count. Here each is held to the x fields of the figure's
    // own csv/<table>.csv, read by the tests' naive parser; a figure without the line, to a CSV without x.
    const page = readFileSync(pub.html, 'utf8');
    const lines: Record<string, number> = {};
    const xFields: Record<string, number> = {};
    for (const raw of page
      .split('<figure')
      .slice(1)
      .map((f) => f.slice(0, f.indexOf('</figure>')))) {
      // The one table a figure holds, and the CSV its foot links to (the hotspot map has neither).
      const ids = [...new Set([...raw.matchAll(/href="csv\/([\w-]+)\.csv"/g)].map((m) => m[1]!))];
      if (ids.length === 0) continue;
      expect(ids).toHaveLength(1);
      const id = ids[0]!;
      const [, ...rows] = parseCsv(readFileSync(join(dirname(pub.html), 'csv', `${id}.csv`), 'utf8'));
      // The line counts every row, which is the CSV's; the page shows every one of them here (no "First N
      // of M rows"), so the cells the line counts are the cells a reader sees. The chart beside the table
      // draws fewer (the categories' calls alone), but the line is the table's.
      const body = raw.slice(raw.indexOf('<tbody>'), raw.indexOf('</tbody>'));
      expect(body.split('<tr>').length - 1, id).toBe(rows.length);
      const line = /Suppressed: (\d[\d,]*) cells?\b/.exec(words(raw));
      lines[id] = line ? Number(line[1]!.replaceAll(',', '')) : 0;
      xFields[id] = rows.flat().filter((v) => v === 'x').length;
    }
    expect(lines).toEqual(xFields);
    // The heatmap (its table the whole week, 7 days of 24 hours), the categories and the pathways, which
    // tester 343 named, among figures with x cells.
    for (const id of ['calls_by_hour_of_week', 'calls_by_category', 'pathways'])
      expect(xFields[id], id).toBeGreaterThan(0);
    expect(
      parseCsv(readFileSync(join(dirname(pub.html), 'csv', 'calls_by_hour_of_week.csv'), 'utf8')).length - 1,
    ).toBe(7 * 24);
  });

  it('explains an x among the data-quality counts of a figure without x cells', () => {
    const line = String(
      metaLine(
        {
          period: { from: '2022-01-01', to: '2022-06-30', days: 181 },
          quality: [{ label: 'calls with an unclassified type', value: WITHHELD }],
        },
        true,
      ),
    );
    expect(words(line)).toContain(
      'calls with an unclassified type: x. Suppressed: the counts shown as x, to protect small counts (x: a count from 1 to 10, or a cell withheld so that one cannot be worked out).',
    );
    // Nor a word of it where nothing is hidden.
    const plain = String(
      metaLine({ period: { from: '2022-01-01', to: '2022-06-30', days: 181 }, quality: [] }, true),
    );
    expect(words(plain)).toContain('Data quality: no values left out.');
    expect(plain).not.toContain('Suppressed');
  });

  it('builds the public edition again into its own folder, the CSVs of its unshown funnel included', async () => {
    // Tester 353: the second build was refused for csv/funnel_current.csv and funnel_fallout_current.csv,
    // which the first had written but the page, showing no funnel, does not link.
    const out = dirname(pub.html);
    const csv = (f: string) => join(out, 'csv', f);
    const page = readFileSync(pub.html, 'utf8');
    for (const f of ['funnel_current.csv', 'funnel_fallout_current.csv']) {
      expect(existsSync(csv(f))).toBe(true);
      expect(page).not.toContain(`href="csv/${f}"`);
    }
    const again = await buildReport({ store: join(dir, 'store'), out, public: true });
    expect(again.csv.map((f) => basename(f))).toEqual(
      expect.arrayContaining(['funnel_current.csv', 'funnel_fallout_current.csv']),
    );
    // A file of the user's beside them is still refused.
    writeFileSync(csv('mine.csv'), 'a\n1\n');
    await expect(buildReport({ store: join(dir, 'store'), out, public: true })).rejects.toThrow(
      /holds files a report does not write \(csv\/mine\.csv\)/,
    );
  }, 240_000);
});
