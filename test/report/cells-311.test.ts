/**
 * Testers 306, 308, 310, 311: CSV cells that begin with `'`, what the report's linked count is called,
 * the period of the severity table's hours, and a title of one long word.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { excelSafe, unExcelSafe } from '../../src/util/excel-safe.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { launch } from './browser.js';

// Two sectors a spreadsheet must not confuse: one a formula, one the text of a formula behind a `'`.
const SECTORS = ['=SUM(1)', "'=SUM(1)", "''+x"];
// Tester 311: a 130-character URL, and a word of 5,000 characters, as --title.
const URL = `https://example.org/${'reports/'.repeat(13)}q3`;
const WORD = 'W'.repeat(5000);

const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The first 300 rows of the real export, the first 90 in the sectors above. */
function exportWithSectors(dir: string): string {
  const [header, ...rows] = parseCsv(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).slice(
    0,
    301,
  );
  const col = header!.indexOf('Battalion');
  const out = rows.map((r, i) => {
    const row = [...r];
    if (i < 90) row[col] = SECTORS[i % 3]!;
    return row.map(field).join(',');
  });
  const file = join(dir, 'sectors.csv');
  writeFileSync(file, [header!.join(','), ...out].join('\n') + '\n');
  return file;
}

/** A crisis team's log of 3 of the export's calls, under their CAD numbers: 3 records linked to calls. */
function teamLog(dir: string, exported: string): string {
  const iso = (t: string) => {
    const [d, hm] = t.split(' ');
    const [mo, day, y] = d!.split('/');
    const [h, mi] = hm!.split(':');
    return `${y}-${mo!.padStart(2, '0')}-${day!.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:00`;
  };
  const calls = csvObjects(readFileSync(exported, 'utf8'))
    .filter((r) => r.Time_PhonePickUp)
    .slice(100, 103);
  const log = join(dir, 'team.csv');
  writeFileSync(
    log,
    [
      'Call_Number,Contact_Start',
      ...calls.map((r) => `${r.Master_Incident_Number},${iso(r.Time_PhonePickUp!)}`),
    ]
      .join('\n')
      .concat('\n'),
  );
  const profile = join(dir, 'team.yaml');
  writeFileSync(
    profile,
    [
      'name: Crisis team log',
      'source: team_log',
      'time_zone: America/Chicago',
      "timestamps: { format: '%Y-%m-%dT%H:%M:%S', clock: local }",
      'id: Call_Number',
      'times: { received: Contact_Start }',
      'origin: { default: unknown }',
      'responder: { default: behavioural_crisis }',
      '',
    ].join('\n'),
  );
  return profile;
}

/** The page's text, and the phrases of it that match `re` (short, for a failure's message). */
const phrases = (html: string, re: RegExp) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .match(re) ?? [];

describe('report and analysis cells (testers 306, 308, 310, 311)', () => {
  const dir = tempDir('safegap-cells-311-');
  const store = join(dir, 'store');
  let report: ReportResult;
  let browser: Browser;

  beforeAll(async () => {
    const exported = exportWithSectors(dir);
    await ingest({ files: [exported], profile: 'minneapolis-cad', store });
    await ingest({ files: [join(dir, 'team.csv')], profile: teamLog(dir, exported), store });
    report = await buildReport({ store, out: join(dir, 'report'), title: `${URL} ${WORD}` });
    await analyze({ store, writeStore: false, out: join(dir, 'analysis') });
    browser = await launch();
  }, 240_000);
  afterAll(() => browser?.close());

  it("writes a value that begins with `'=` after a `'` of its own, as classify export does", () => {
    expect(SECTORS.map(excelSafe)).toEqual(["'=SUM(1)", "''=SUM(1)", "'''+x"]);
    // The report's table of sectors, and analyze --out's table of areas: each sector under a cell of its own.
    const reportCells = csvObjects(
      readFileSync(join(dir, 'report', 'csv', 'calls_by_sector.csv'), 'utf8'),
    ).map((r) => Object.values(r)[0]!);
    const analysisCells = csvObjects(readFileSync(join(dir, 'analysis', 'demand_by_area.csv'), 'utf8'))
      .filter((r) => r.area_field === 'sector' && r.category === 'all')
      .map((r) => r.area!);
    for (const cells of [reportCells, analysisCells]) {
      for (const s of SECTORS) expect(cells).toContain(excelSafe(s));
      // Read back as a spreadsheet would, each is the sector it was; none starts a formula.
      expect(SECTORS.every((s) => cells.map(unExcelSafe).includes(s))).toBe(true);
      expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    }
  });

  it('calls the linked count records, not calls, wherever the report gives it (tester 310)', () => {
    const html = readFileSync(report.html, 'utf8');
    expect(phrases(html, /calls linked across[^.;]*/gi)).toEqual([]);
    // The data-quality table; the lines under the origin figure and the responder tables.
    expect(phrases(html, /Records of a call in a second source, counted once 3\b/g)).toHaveLength(1);
    expect(phrases(html, /records of a call in a second source, counted once: 3\b/g).length).toBeGreaterThan(
      1,
    );
  });

  it("says the severity table's hours on scene are the period's (tester 306)", () => {
    const table = /<table[^>]*id="table-severity_tiers"[\s\S]*?<\/table>/.exec(
      readFileSync(report.html, 'utf8'),
    );
    // The column's header cell, whole.
    expect(table![0].match(/Hours on scene[^<]*/g)).toEqual(['Hours on scene in the period']);
  });

  it('wraps a title of one long word at 390 px and on the printed page (tester 311)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(report.html).href);
    const h1 = page.locator('h1');
    expect(await h1.innerText()).toContain(WORD);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Printed: the title within its box, which is the page's width (A4 less its margins is about 690 px).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 690, height: 900 });
    const { scroll, client } = await h1.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(690);
    await context.close();
  });
});
