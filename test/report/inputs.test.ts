/**
 * The report's small parts and its answers to user mistakes: escaping, small-cell suppression, CSV cells,
 * and the command line's messages for a missing store or an --out that is a file.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/report/charts.js';
import { html, trusted } from '../../src/report/html.js';
import { choropleth } from '../../src/report/maps.js';
import { buildReport } from '../../src/report/report.js';
import { SUPPRESSED, suppressRows } from '../../src/report/suppress.js';
import { prepareTable, tableCsv } from '../../src/report/tables.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');

describe('report building blocks', () => {
  it('escapes every interpolated value, in text and attributes, unless trusted', () => {
    const v = `"><script>x()</script>&'`;
    expect(html`<td title="${v}">${v}</td>`.value).toBe(
      '<td title="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;&amp;&#39;">&quot;&gt;&lt;script&gt;x()&lt;/script&gt;&amp;&#39;</td>',
    );
    expect(html`<p>${[v, html`<b>${v}</b>`]}</p>`.value).not.toContain('<script');
    expect(html`${trusted('<svg></svg>')}`.value).toBe('<svg></svg>');
  });

  it('escapes data in chart and map SVG (axis labels, titles, area names)', () => {
    const evil = `<script>x()</script>&`;
    const bar = barChart({
      title: evil,
      description: evil,
      valueLabel: evil,
      data: [{ label: evil, value: 3 }],
    }).value;
    const map = choropleth({
      title: evil,
      description: evil,
      valueLabel: 'Calls',
      areas: [
        {
          name: evil,
          rings: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      ],
      values: new Map([[evil, 5]]),
    }).svg.value;
    for (const svg of [bar, map]) {
      expect(svg).not.toContain('<script');
      expect(svg).toContain('&lt;script&gt;x()&lt;/script&gt;&amp;');
    }
  });

  it('suppresses counts 1-10, a second cell where a total would give one away, and shares built on them', () => {
    const r = suppressRows(
      [
        { area: 'a', calls: 5, share: 0.05 },
        { area: 'b', calls: 40, share: 0.4 },
        { area: 'c', calls: 55, share: 0.55 },
        { area: 'd', calls: 0, share: 0 },
      ],
      [
        { key: 'area', kind: 'text' },
        { key: 'calls', kind: 'count' },
        { key: 'share', kind: 'share', basis: 'calls' },
      ],
      ['calls'],
    );
    expect(r.rows.map((x) => x.calls)).toEqual([SUPPRESSED, SUPPRESSED, 55, 0]);
    expect(r.rows.map((x) => x.share)).toEqual([SUPPRESSED, SUPPRESSED, 0.55, 0]);
    expect([r.primary, r.secondary]).toEqual([1, 1]);
  });

  it('writes <11 for suppressed cells and defuses spreadsheet formulas in CSV', () => {
    const t = prepareTable(
      {
        id: 't',
        title: 'T',
        columns: [
          { key: 'type', label: 'Type', kind: 'text' },
          { key: 'calls', label: 'Calls', kind: 'count' },
        ],
        rows: [
          { type: '=1+1', calls: 3 },
          { type: 'a,"b"', calls: 30 },
        ],
        meta: { period: { from: '2022-01-01', to: '2022-01-31', days: 31 }, quality: [] },
      },
      true,
    );
    expect(tableCsv(t)).toBe(`type,calls\r\n'=1+1,<11\r\n"a,""b""",30\r\n`);
  });
});

describe('report input mistakes', () => {
  const dir = tempDir('safegap-report-inputs-');

  it('refuses a missing store and an --out that is a file with a UserError', async () => {
    await expect(buildReport({ store: join(dir, 'nope'), out: join(dir, 'out') })).rejects.toThrow(UserError);
    await expect(buildReport({ store: join(dir, 'nope'), out: join(dir, 'out') })).rejects.toThrow(
      /does not exist/,
    );
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    await expect(buildReport({ store: dir, out: file })).rejects.toThrow(/is a file, not a directory/);
  });

  it('prints the message and a fix on the command line, exit 2, no stack trace', () => {
    const r = spawnSync(
      'node',
      ['--import', 'tsx', MAIN, 'report', '--store', join(dir, 'nope'), '--out', join(dir, 'o')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/safegap: The store .* does not exist\.\n {2}How to fix: /);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
