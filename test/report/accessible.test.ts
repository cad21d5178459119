/**
 * What a reader with a screen reader, a keyboard or a browser's own print gets (tester 242): each key cell
 * of a row is a row header, a wide table's box takes the focus, the page's title says whose report it is, a
 * legend's swatches print and survive a high-contrast mode, the two parts of a stacked bar are told apart by
 * more than colour, and a browser's print says where a chart's numbers were left folded.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChart, figure, INK_2 } from '../../src/report/charts.js';
import { html } from '../../src/report/html.js';
import { page } from '../../src/report/layout.js';
import { prepareTable, renderTable } from '../../src/report/tables.js';
import { tempDir } from '../helpers/shared-data.js';
import { launch } from './browser.js';

const meta = { period: { from: '2022-01-01', to: '2022-01-31', days: 31 }, quality: [] };

function table(rowHeaders?: number) {
  return renderTable(
    prepareTable(
      {
        id: 'eligible',
        title: 'Eligible calls by phase and responder',
        columns: [
          { key: 'phase', label: 'Phase', kind: 'text' },
          { key: 'responder', label: 'Responder', kind: 'text' },
          { key: 'calls', label: 'Calls', kind: 'count' },
        ],
        rows: [
          { phase: 'Current practice', responder: 'Crisis team', calls: 120 },
          { phase: 'Current practice', responder: 'Animal control', calls: 40 },
        ],
        meta,
        ...(rowHeaders === undefined ? {} : { rowHeaders }),
      },
      false,
    ),
  ).value;
}

const cells = (h: string, tag: 'th' | 'td') =>
  [...h.matchAll(new RegExp(`<${tag}( scope="row")?[^>]*>\\s*([^<]*?)\\s*</${tag}>`, 'g'))]
    .filter((m) => tag === 'td' || m[1])
    .map((m) => m[2]);

describe('tables', () => {
  it('makes every key cell of a row its header, one by default', () => {
    expect(cells(table(2), 'th')).toEqual([
      'Current practice',
      'Crisis team',
      'Current practice',
      'Animal control',
    ]);
    expect(cells(table(2), 'td')).toEqual(['120', '40']);
    expect(cells(table(), 'th')).toEqual(['Current practice', 'Current practice']);
    expect(cells(table(), 'td')).toEqual(['Crisis team', '120', 'Animal control', '40']);
  });

  it("gives a table's scrolling box the focus, named after the table", () => {
    expect(table()).toMatch(
      /<div class="table-wrap" tabindex="0" role="group" aria-label="Eligible calls by phase and responder">/,
    );
  });
});

it("names the report's source and edition in the page's title", () => {
  const o = {
    title: 'T',
    subtitle: 'Burlington: calls for service',
    facts: [],
    sections: [],
    footer: html``,
  };
  expect(String(page({ ...o, isPublic: true }))).toContain(
    '<title>T (Burlington: calls for service; public edition)</title>',
  );
  expect(String(page({ ...o, isPublic: false }))).toContain(
    '<title>T (Burlington: calls for service; internal edition)</title>',
  );
});

it("edges a stacked bar's part in white, so that grey alone tells the parts apart", () => {
  const svg = barChart({
    title: 't',
    description: 'd',
    valueLabel: 'Calls',
    partLabel: 'Diverted',
    data: [{ label: 'a', value: 10, part: 3 }],
  }).value;
  // Plot writes a mark's constant channels once, on its group.
  const group = [...svg.matchAll(/<g ([^>]*)>\s*<rect/g)]
    .map((m) => m[1]!)
    .find((a) => a.includes(`fill="${INK_2}"`));
  expect(group).toMatch(/stroke="white"/);
  expect(group).toMatch(/stroke-width="1.5"/);
});

it("prints a legend's swatches and a closed fold's heading honestly from a browser", async () => {
  const dir = tempDir();
  const legend = html`<div class="legend">
    <ul>
      <li><span class="swatch" style="background:#b35900"></span>Diverted</li>
    </ul>
  </div>`;
  const svg = html`<svg viewBox="0 0 10 10" role="img"><rect width="10" height="10"></rect></svg>`;
  const body = figure(
    {
      title: 'Calls',
      description: 'CAPTION',
      legend,
      table: html`<table>
        <tr>
          <td>TABLEROW</td>
        </tr>
      </table>`,
    },
    svg,
  );
  const file = join(dir, 'page.html');
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
  const browser = await launch();
  try {
    const tab = await browser.newPage();
    await tab.goto(`file://${file}`);
    const printedText = async () => {
      await tab.pdf({ path: join(dir, 'page.pdf') });
      return execFileSync('pdftotext', [join(dir, 'page.pdf'), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
    };
    // As a reader prints it: the fold closed, so its table is not printed, and the page says so.
    const closed = await printedText();
    expect(closed).not.toContain('TABLEROW');
    expect(closed).toContain('Numbers behind this chart (folded on the page, so not printed)');
    expect(closed).toContain('only where "Numbers behind this chart" was opened before printing');
    expect(closed).not.toContain('printed beneath it, and are in the csv folder');
    // As the PDF is made (pdf.ts opens every fold): the table prints, and the page says it does.
    await tab
      .locator('details.chart-data')
      .evaluateAll((ds) => ds.forEach((d) => d.setAttribute('open', '')));
    const open = await printedText();
    expect(open).toContain('TABLEROW');
    expect(open).not.toContain('folded on the page');
    expect(open).toContain('The numbers behind each chart are printed beneath it');
    // A swatch is a background: printed, and kept in a forced-colours mode.
    await tab.emulateMedia({ media: 'print' });
    const style = await tab.evaluate(
      `(() => { const s = getComputedStyle(document.querySelector('.swatch')); return [s.printColorAdjust, s.forcedColorAdjust]; })()`,
    );
    expect(style).toEqual(['exact', 'none']);
  } finally {
    await browser.close();
  }
});
