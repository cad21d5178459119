/**
 * Data never becomes markup: a store whose call types and addresses contain HTML and script text gives a
 * report that shows that text literally, runs nothing (checked with the page's CSP bypassed, so escaping
 * alone is what is tested), and writes CSV cells a spreadsheet will not run as formulas.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ingest } from '../../src/ingest/ingest.js';
import { escapeHtml } from '../../src/report/html.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { launch } from './browser.js';
import { square, writePolygons } from '../helpers/geo.js';

const SCRIPT = `<script>window.__pwned=1;document.title='pwned'</script>`;
const MARKUP = `<img src=x onerror="window.__pwned=2"> & <b>bold</b>`;
const FORMULA = `=HYPERLINK("http://example.invalid","x")`;
// No digit in it: the block rules would coarsen one (0x3 to 0XXX0XX).
const BLOCK = `0001XX <script>window.__pwned=true</script> AVE`;
// A sector named by 100,000 characters: its table ran 800,000 px wide, its figures off the screen.
const LONG = `SECTOR ${'L'.repeat(100_000)}`;

const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The first rows of the real export, with some call types and addresses replaced by hostile text. */
function hostileExport(dir: string): string {
  const [header, ...rows] = parseCsv(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).slice(
    0,
    401,
  );
  const col = (name: string) => header!.indexOf(name);
  const types = [SCRIPT, MARKUP, FORMULA];
  const out = rows.map((r, i) => {
    const row = [...r];
    if (i < 120) {
      row[col('initialProblem')] = types[i % 3]!;
      row[col('Problem')] = types[i % 3]!;
    }
    if (i >= 120 && i < 160) row[col('Street Display')] = BLOCK;
    if (i >= 160 && i < 175) row[col('Battalion')] = LONG;
    return row.map(field).join(',');
  });
  const file = join(dir, 'hostile.csv');
  writeFileSync(file, [header!.join(','), ...out].join('\n') + '\n');
  return file;
}

describe('escaping of data in the report', () => {
  const dir = tempDir('safegap-escape-');
  let report: ReportResult;
  let html: string;
  let browser: Browser;
  const store = join(dir, 'store');

  beforeAll(async () => {
    await ingest({ files: [hostileExport(dir)], profile: 'minneapolis-cad', store });
    report = await buildReport({ store, out: join(dir, 'out') });
    html = readFileSync(report.html, 'utf8');
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes the hostile text escaped, never as markup', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>bold/);
    expect(html).toContain('&lt;script&gt;window.__pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(html).toContain(
      '&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
  });

  it('shows control characters as escapes, keeping tabs and line breaks (tester 161)', () => {
    // A title or type with ESC, BEL and NUL: a browser hid them or showed U+FFFD.
    expect(escapeHtml('T\u001b]0;x\u0007\u0000 a\tb\r\nc\u007f\u0085 <')).toBe(
      'T\\x1b]0;x\\x07\\x00 a\tb\r\nc\\x7f\\x85 &lt;',
    );
  });

  it('shows the literal text in the browser and runs none of it', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(report.html).href);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('script, img, main b').count()).toBe(0);
    const text = await page.locator('#table-top_call_types').innerText();
    expect(text).toContain(SCRIPT);
    expect(text).toContain(MARKUP);
    const blocks = await page.locator('#table-repeat_locations').innerText();
    // A remark in brackets, `<...>` too, is dropped from an address at ingest (it can name a resident,
    // docs/schema.md): none of the markup reaches the page, and the block stays.
    expect(blocks).toContain('1XX AVE');
    expect(blocks.toUpperCase()).not.toContain('SCRIPT');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("cuts a 100 kB area name in the map's note of areas it cannot draw (tester 167)", async () => {
    // A layer drawing the sector column, with no boundary of the long name: the note listed it whole.
    const layer = writePolygons(join(dir, 'sectors.geojson'), [
      { properties: { name: 'P1 Sec 1' }, rings: [square(-93.3, 44.9, -93.2, 45)] },
    ]);
    const r = await buildReport({ store, out: join(dir, 'out-map'), boundaries: [`sector=${layer}#name`] });
    const note = /Not on the map \(no boundary of that name\):\s*([^<]*)<\/p>/.exec(
      readFileSync(r.html, 'utf8'),
    )?.[1];
    expect(note).toContain(`SECTOR ${'L'.repeat(199)}…`);
    expect(note!.length).toBeLessThan(1000);
  });

  it('keeps a table and a chart of a 100 kB area name within the page (testers 158, 159)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(report.html).href);
    // The table is the chart's "Numbers behind this chart", folded away until opened.
    await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    const table = page.locator('#table-calls_by_sector');
    // Cut to 80 characters; the CSV has it whole.
    expect(await table.innerText()).toContain(`${LONG.slice(0, 79)}…`);
    const csv = readFileSync(join(report.html, '..', 'csv', 'calls_by_sector.csv'), 'utf8');
    expect(csv).toContain(LONG);
    const box = await table.boundingBox();
    expect(box!.width).toBeLessThan(1280);
    // Wrapped whole, it was two million pixels tall, its figures a digit a line (tester 159): now every
    // figure is on one line, and the name's row at most 80 characters tall (squeezed, a character a line).
    const heights = await table.locator('td.num').evaluateAll((cells) =>
      cells.map((c) => {
        const text = c.ownerDocument.createRange();
        text.selectNodeContents(c);
        return text.getBoundingClientRect().height;
      }),
    );
    expect(Math.max(...heights)).toBeLessThan(40);
    const row = await table.locator('tr', { hasText: 'LLLLLLLLLL' }).boundingBox();
    expect(row!.height).toBeLessThan(2500);
    expect(await page.locator('html').evaluate((h) => h.scrollWidth)).toBeLessThanOrEqual(1280);
    // Its figures as far within the table's scrolling frame as the precinct table's, whose names are short
    const overflow = async (id: string) => {
      const t = page.locator(`#table-${id}`);
      const frame = (await t.locator('xpath=..').boundingBox())!;
      const right = await t
        .locator('td.num')
        .evaluateAll((cells) => Math.max(...cells.map((c) => c.getBoundingClientRect().right)));
      return right - (frame.x + frame.width);
    };
    // (The area tables are wider than the frame at this width; the long name adds a few pixels, not 800,000.)
    expect(await overflow('calls_by_sector')).toBeLessThan(
      Math.max(0, await overflow('calls_by_precinct')) + 20,
    );
    // The charts' row labels are cut to their margin.
    const labels = await page.locator('svg text').evaluateAll((t) => t.map((x) => x.textContent ?? ''));
    expect(labels).toContain(`SECTOR ${'L'.repeat(28)}…`);
    expect(Math.max(...labels.map((l) => l.length))).toBeLessThan(200);
    await page.close();
  });

  it('writes CSV cells that keep the text and cannot run as spreadsheet formulas', () => {
    const rows = csvObjects(readFileSync(join(report.html, '..', 'csv', 'top_call_types.csv'), 'utf8'));
    const types = rows.map((r) => r.call_type);
    expect(types).toContain(SCRIPT);
    expect(types).toContain(MARKUP);
    expect(types).toContain(`'${FORMULA}`);
    expect(types.some((t) => /^[=+\-@]/.test(t!))).toBe(false);
  });

  it('is what `safegap report --public --json` writes too', () => {
    const out = join(dir, 'cli');
    const main = resolve(import.meta.dirname, '../../src/cli/main.ts');
    const r = spawnSync(
      'node',
      ['--import', 'tsx', main, 'report', '-s', store, '-o', out, '--public', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as {
      html: string;
      public: boolean;
      sections: { id: string }[];
      seconds: number;
      publishing_note?: string;
    };
    expect(result.public).toBe(true);
    // The note the build prints last without --json, which a script never saw (tester 393).
    expect(result.publishing_note).toBe(
      'publish one public edition of a period: editions whose periods overlap or nest, or of one period under two denominators, mappings or store versions, give back by their differences the counts from 1 to 10 each hides (docs/report.md, "What it does not protect against").',
    );
    // To the millisecond, as analyze's and ingest's (tester 255: 36.859681718000004).
    expect(result.seconds).toBe(Number(result.seconds.toFixed(3)));
    // The build date is UTC's, and says so (tester 255: read as the reader's own date).
    expect(readFileSync(result.html, 'utf8')).toMatch(
      /Public edition, built \d{4}-\d{2}-\d{2}\s+\(UTC\) by safegap\./,
    );
    // The headline values are raw: a public edition's JSON printed a count of 9 its pages withheld.
    expect(result).not.toHaveProperty('headlines');
    expect(result.sections.map((x) => x.id)).not.toContain('locations');
    const page = readFileSync(result.html, 'utf8');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;window.__pwned=1');
    expect(page).not.toContain('WINDOW.__PWNED=TRUE');
  });
});
