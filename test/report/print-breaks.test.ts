/**
 * The print stylesheet keeps a table's heading and caption with its first row (tester 121: "Every
 * interval" ended a page, its table on the next), and its last row with the one before. Printed by
 * Chromium, with the heading pushed down a line at a time so that some layout puts it at the foot of a
 * page. A chart is never so tall that it leaves its section's heading alone on a page.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { figure } from '../../src/report/charts.js';
import { html, type Html } from '../../src/report/html.js';
import { page } from '../../src/report/layout.js';
import { tempDir } from '../helpers/shared-data.js';
import type { Page } from 'playwright-core';
import { launch } from './browser.js';

/** The text of each page of a report page of one section, `body`, printed by Chromium. */
async function printed(
  tab: Page,
  dir: string,
  title: string,
  body: Html,
  format: 'A4' | 'Letter',
): Promise<string[]> {
  const file = join(dir, 'page.html');
  const sections = [{ id: 's', title, body }];
  writeFileSync(
    file,
    String(page({ title: 'T', subtitle: 's', facts: [], sections, footer: html``, isPublic: false })),
  );
  await tab.goto(`file://${file}`);
  await tab.pdf({ path: join(dir, 'page.pdf'), format });
  return execFileSync('pdftotext', ['-layout', join(dir, 'page.pdf'), '-'], { encoding: 'utf8' }).split('\f');
}

it('never ends a page with a table heading or caption above its first row', async () => {
  const dir = tempDir();
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    const split: number[] = [];
    for (let lines = 20; lines <= 60; lines++) {
      const rows = Array.from(
        { length: 40 },
        (_, i) =>
          html`<tr>
            <th scope="row">row${i}</th>
            <td>${i}</td>
          </tr>`,
      );
      const body = html`${Array.from({ length: lines }, (_, i) => html`<p>Line ${i} of text before the table.</p>`)}
        <h3>HEADING</h3>
        <div class="table-wrap">
          <table>
            <caption>
              CAPTION
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>`;
      const pages = await printed(tab, dir, 'S', body, 'A4');
      const on = (re: RegExp) => pages.findIndex((p) => re.test(p));
      if (on(/HEADING/) !== on(/\brow0\b/) || on(/CAPTION/) !== on(/\brow0\b/)) split.push(lines);
      // Nor begins one with a table's last row alone (tester 142).
      if (on(/\brow39\b/) !== on(/\brow38\b/)) split.push(-lines);
    }
    expect(split).toEqual([]);
  } finally {
    await browser.close();
  }
});

it("prints a map as tall as a page on its section's first page, with its caption", async () => {
  // Tester 142: Minneapolis's precinct map (720 x 772) went whole to the next page, leaving the section's
  // heading and note alone on one; Burlington's hotspot grid left its caption's last line on a page.
  const dir = tempDir();
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    const map = html`<svg viewBox="0 0 720 772" role="img">
      <rect width="720" height="772" fill="#8ac"></rect>
      <text x="360" y="386">MAPTEXT</text>
    </svg>`;
    const note = html`<p class="note">
      ${Array.from({ length: 4 }, () => 'A note on what this edition leaves out of the section, and why. ')}
    </p>`;
    const body = html`${note}${figure({ title: 'Calls by area', description: 'CAPTIONTEXT', meta: html`<p class="meta">METATEXT</p>` }, map)}`;
    // Letter, the smaller of the two usual sizes.
    const pages = await printed(tab, dir, 'SECTIONHEADING', body, 'Letter');
    const on = (re: RegExp) => pages.findIndex((p) => re.test(p));
    // The table of contents names the section too: the heading is its last mention.
    const heading = pages.findLastIndex((p) => /SECTIONHEADING/.test(p));
    expect(heading).toBeGreaterThan(0);
    expect([on(/MAPTEXT/), on(/CAPTIONTEXT/), on(/METATEXT/)]).toEqual(Array(3).fill(heading));
  } finally {
    await browser.close();
  }
});
