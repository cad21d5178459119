/**
 * The print stylesheet keeps a table's heading and caption with its first row (tester 121: "Every
 * interval" ended a page, its table on the next). Printed by Chromium, with the heading pushed down a line
 * at a time so that some layout puts it at the foot of a page.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { html } from '../../src/report/html.js';
import { page } from '../../src/report/layout.js';
import { tempDir } from '../helpers/shared-data.js';
import { launch } from './browser.js';

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
      const file = join(dir, `p${lines}.html`);
      writeFileSync(
        file,
        String(
          page({
            title: 'T',
            subtitle: 's',
            facts: [],
            sections: [{ id: 's', title: 'S', body }],
            footer: html``,
            isPublic: false,
          }),
        ),
      );
      await tab.goto(`file://${file}`);
      await tab.pdf({ path: join(dir, 'p.pdf'), format: 'A4' });
      const pages = execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], {
        encoding: 'utf8',
      }).split('\f');
      const on = (re: RegExp) => pages.findIndex((p) => re.test(p));
      if (on(/HEADING/) !== on(/\brow0\b/) || on(/CAPTION/) !== on(/\brow0\b/)) split.push(lines);
    }
    expect(split).toEqual([]);
  } finally {
    await browser.close();
  }
});
