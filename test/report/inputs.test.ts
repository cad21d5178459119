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
import { SUPPRESSED, WITHHELD, suppressRows } from '../../src/report/suppress.js';
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
      { additive: ['calls'] },
    );
    // The second cell is withheld (x), not claimed to be under 11.
    expect(r.rows.map((x) => x.calls)).toEqual([SUPPRESSED, WITHHELD, 55, 0]);
    expect(r.rows.map((x) => x.share)).toEqual([WITHHELD, WITHHELD, 0.55, 0]);
    expect([r.primary, r.secondary]).toEqual([1, 1]);
  });

  it('hides a second part of a row sum, and goes on until no sum has a single hidden cell', () => {
    // Row a: calls 100 = 80 + 5 + 15; 5 is hidden, so the smaller other part, 15, is withheld. The column
    // of the third part then holds one hidden cell (a's 15) among parts of a published total, so the
    // smallest other non-zero cell of that column, b's 12, is withheld; row b then has one hidden part, and
    // its smallest other non-zero part, 30, goes too. Every sum now has two hidden cells or none.
    const r = suppressRows(
      [
        { g: 'a', calls: 100, p1: 80, p2: 5, p3: 15 },
        { g: 'b', calls: 242, p1: 200, p2: 30, p3: 12 },
        { g: 'c', calls: 900, p1: 800, p2: 0, p3: 100 },
      ],
      [
        { key: 'g', kind: 'text' },
        { key: 'calls', kind: 'count' },
        { key: 'p1', kind: 'count' },
        { key: 'p2', kind: 'count' },
        { key: 'p3', kind: 'count' },
      ],
      { additive: ['p3'], rowSums: [{ total: 'calls', parts: ['p1', 'p2', 'p3'] }] },
    );
    expect(r.rows.map((x) => [x.calls, x.p1, x.p2, x.p3])).toEqual([
      [100, 80, SUPPRESSED, WITHHELD],
      [242, 200, WITHHELD, WITHHELD],
      [900, 800, 0, 100],
    ]);
    expect([r.primary, r.secondary]).toEqual([1, 3]);
  });

  it('hides additive cells by group, funnel steps 1-10 apart, and running totals from a hidden row on', () => {
    const r = suppressRows(
      [
        { who: 'a', n: 4, eligible: 40, assigned: 37, arrived: 20, cum: 0.1 },
        { who: 'a', n: 50, eligible: 40, assigned: 37, arrived: 20, cum: 0.2 },
        { who: 'b', n: 60, eligible: 0, assigned: 0, arrived: 0, cum: 0.3 },
        { who: 'b', n: 70, eligible: 0, assigned: 0, arrived: 0, cum: 0.4 },
      ],
      [
        { key: 'n', kind: 'count' },
        { key: 'eligible', kind: 'count' },
        { key: 'assigned', kind: 'count' },
        { key: 'arrived', kind: 'count' },
        { key: 'cum', kind: 'share', basis: 'n', cumulative: true },
      ],
      { additive: [{ column: 'n', groupBy: ['who'] }], steps: ['eligible', 'assigned', 'arrived'] },
    );
    // Group a: 4 is hidden, so 50 is withheld; group b has nothing hidden and keeps its cells.
    expect(r.rows.map((x) => x.n)).toEqual([SUPPRESSED, WITHHELD, 60, 70]);
    // 37 is 3 below 40 (withheld); 20 is 20 below the last shown step, 40, and stays.
    expect([r.rows[0]!.eligible, r.rows[0]!.assigned, r.rows[0]!.arrived]).toEqual([40, WITHHELD, 20]);
    // The first running total rests on a hidden count: it and every one after it are withheld.
    expect(r.rows.map((x) => x.cum)).toEqual([WITHHELD, WITHHELD, WITHHELD, WITHHELD]);
  });

  it('writes x for every hidden cell and defuses spreadsheet formulas in CSV', () => {
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
    expect(tableCsv(t)).toBe(`type,calls\r\n'=1+1,x\r\n"a,""b""",30\r\n`);
  });

  it('shows a small count and the cell withheld to protect it alike', () => {
    // With `<11` for the small one and `x` for the other, a published total of 12 gave both away: `x`
    // meant 11 or more, `<11` at least 1, so the pair was exactly 11 and 1.
    const t = prepareTable(
      {
        id: 'zones',
        title: 'Zones',
        columns: [
          { key: 'zone', label: 'Zone', kind: 'text' },
          { key: 'calls', label: 'Calls', kind: 'count' },
        ],
        rows: [
          { zone: 'eleven', calls: 11 },
          { zone: 'one', calls: 1 },
          { zone: 'rest', calls: 9930 },
        ],
        additive: ['calls'],
        meta: { period: { from: '2022-01-01', to: '2022-01-31', days: 31 }, quality: [] },
      },
      true,
    );
    expect(tableCsv(t)).toBe('zone,calls\r\neleven,x\r\none,x\r\nrest,9930\r\n');
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

  it('takes several boundary files after one --boundaries, as analyze does', () => {
    // It stopped with commander's "too many arguments".
    const args = ['report', '--store', join(dir, 'nope'), '--boundaries', 'a=a.geojson', 'b=b.geojson'];
    const r = spawnSync('node', ['--import', 'tsx', MAIN, ...args, '--out', join(dir, 'o')], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/too many arguments/);
    expect(r.stderr).toMatch(/does not exist/);
  });
});
