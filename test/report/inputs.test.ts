/**
 * The report's small parts and its answers to user mistakes: escaping, small-cell suppression, CSV cells,
 * and the command line's messages for a missing store or an --out that is a file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { barChart } from '../../src/report/charts.js';
import { html, trusted } from '../../src/report/html.js';
import { choropleth } from '../../src/report/maps.js';
import { buildReport, exposedCounts } from '../../src/report/report.js';
import {
  SUPPRESSED,
  WITHHELD,
  loadDisclosureAudit,
  suppressRows,
  type SuppressionColumn,
} from '../../src/report/suppress.js';
import { formatCell, prepareTable, tableCsv } from '../../src/report/tables.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');

describe('report building blocks', () => {
  it('prints a small rate in a table as a rate, not 0.0', () => {
    // Seattle's hours of the week: 1 call in 6 years is 1 / 313 weeks = 0.0032 a week, which read 0.0.
    expect(formatCell(1 / 313, 'number')).toBe('0.0032');
    // Two significant digits, a last 0 too (tester 384: 0.2 printed beside 0.29).
    expect(formatCell(0.04, 'number')).toBe('0.040');
    // Two significant digits below 1, one decimal from 1, whole from 10, as docs/report.md says rates print:
    // 0.056 units read 0.1 beside 0.043 as 0.043, and 251.3 calls a day beside the chart's 251 (tester 96).
    expect(formatCell(0.056, 'number')).toBe('0.056');
    expect(formatCell(0.146, 'number')).toBe('0.15');
    expect(formatCell(1.234, 'number')).toBe('1.2');
    // A tie as written rounds up, as the CSV's 9.35 reads (toFixed gave 9.3: tester 98).
    expect(formatCell(9.35, 'number')).toBe('9.4');
    expect(formatCell(0.12345, 'share')).toBe('12.3%');
    expect(formatCell(0.1235, 'share')).toBe('12.4%');
    expect(formatCell(251.3, 'number')).toBe('251');
    expect(formatCell(1234, 'number')).toBe('1,234');
    expect(formatCell(0, 'number')).toBe('0');
  });

  it('rounds minutes alike in the tables, their CSV and the text', () => {
    // 4521 s is 75.35 minutes exactly: the text read 75.3 (the double 75.34999...), the CSV 75.4. 537 s is
    // 8.95 minutes (9.0), 87 s 1.45 (1.5); 4515 s is 75.25 (75.3, half up).
    const meta = { period: { from: '2022-01-01', to: '2022-01-31', days: 31 }, quality: [] };
    const seconds = [4521, 537, 87, 4515, 60];
    const expected = ['75.4', '9.0', '1.5', '75.3', '1.0'];
    expect(seconds.map((s) => formatCell(s, 'minutes'))).toEqual(expected.map((m) => `${m} min`));
    const t = prepareTable(
      {
        id: 't',
        title: 't',
        columns: [{ key: 'median', label: 'Median', kind: 'minutes' }],
        rows: seconds.map((median) => ({ median })),
        meta,
      },
      false,
    );
    expect(tableCsv(t).trim().split('\r\n').slice(1)).toEqual(expected.map((m) => String(Number(m))));
    // And a figure worked out for the report is rounded in its CSV as analysis.json's are.
    const units = prepareTable(
      {
        id: 'u',
        title: 'u',
        columns: [{ key: 'units', label: 'Units', kind: 'number' }],
        rows: [{ units: 0.1 + 0.2 }],
        meta,
      },
      false,
    );
    expect(tableCsv(units)).toBe('units\r\n0.3\r\n');
  });

  beforeAll(loadDisclosureAudit);
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

  it('hides a label of the export with its count, whatever hid it, but a public one (tester 235)', () => {
    // A beat seen on one call was a caller's telephone number; the 40 is withheld as the 5's cover, and
    // its label goes too, or a reader would tell the small count's row from its cover's.
    const r = suppressRows(
      [
        { area: '612-555-0100', calls: 5 },
        { area: 'b', calls: 40 },
        { area: 'c', calls: 55 },
        { area: 'Precinct 9', calls: 3 },
        { area: 'No area recorded', calls: 2 },
      ],
      [
        {
          key: 'area',
          kind: 'text',
          basis: 'calls',
          publicLabel: (row) => row.area === 'No area recorded' || row.area === 'Precinct 9',
        },
        { key: 'calls', kind: 'count' },
      ],
      { additive: ['calls'] },
    );
    expect(r.rows.map((x) => x.calls)).toEqual([SUPPRESSED, WITHHELD, 55, SUPPRESSED, SUPPRESSED]);
    expect(r.rows.map((x) => x.area)).toEqual([WITHHELD, WITHHELD, 'c', 'Precinct 9', 'No area recorded']);
  });

  it('leaves empty a share that is empty whatever its counts, beside a hidden one', () => {
    // The handled share of a responder no source records is empty, not hidden: `x` said a figure was
    // hidden where the report's note says there is none (tester 98).
    const columns: SuppressionColumn[] = [
      { key: 'responder', kind: 'text' },
      { key: 'eligible', kind: 'count' },
      { key: 'handled', kind: 'count' },
      { key: 'share', kind: 'share', basis: 'handled', alsoBasis: ['eligible'], emptyKnown: true },
    ];
    const r = suppressRows(
      [
        { responder: 'recorded', eligible: 7, handled: 3, share: 3 / 7 },
        { responder: 'not recorded', eligible: 7, handled: 0, share: null },
        { responder: 'large', eligible: 70, handled: 30, share: 3 / 7 },
      ],
      columns,
    );
    expect(r.rows.map((x) => x.share)).toEqual([WITHHELD, null, 3 / 7]);
    // Without the mark, an empty share beside a hidden count is withheld as any other.
    const plain = suppressRows(
      [{ responder: 'not recorded', eligible: 7, handled: 0, share: null }],
      columns.map((c) => ({ ...c, emptyKnown: undefined })),
    );
    expect(plain.rows[0]!.share).toBe(WITHHELD);
  });

  it('hides more parts while the hidden ones add up to less than 11', () => {
    // Five hidden cells of a column adding up to 6 (the published total less the shown cells) were each
    // 1 or 2: the smallest other cell is withheld too, so they could add up to anything from 0 to 56.
    const r = suppressRows(
      [2, 1, 1, 1, 1, 50, 100].map((calls, i) => ({ type: `t${i}`, calls })),
      [
        { key: 'type', kind: 'text' },
        { key: 'calls', kind: 'count' },
      ],
      { additive: ['calls'] },
    );
    expect(r.rows.map((x) => x.calls)).toEqual([...Array<unknown>(5).fill(SUPPRESSED), WITHHELD, 100]);
    // Two hidden cells adding up to 11 or more are left so.
    const two = suppressRows(
      [3, 40, 100].map((calls, i) => ({ type: `t${i}`, calls })),
      [
        { key: 'type', kind: 'text' },
        { key: 'calls', kind: 'count' },
      ],
      { additive: ['calls'] },
    );
    expect(two.rows.map((x) => x.calls)).toEqual([SUPPRESSED, WITHHELD, 100]);
    // Ten hidden cells adding up to 11: a reader who knows each is at least 1 has each at most 2. The
    // bound that leaves each of n hidden parts free from 1 to 10 is a sum of n + 9 or more.
    const ten = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40, 60, 100];
    const many = suppressRows(
      ten.map((calls, i) => ({ type: `t${i}`, calls })),
      [
        { key: 'type', kind: 'text' },
        { key: 'calls', kind: 'count' },
      ],
      { additive: ['calls'] },
    );
    const hiddenRows = many.rows.filter((x) => x.calls === SUPPRESSED || x.calls === WITHHELD);
    const total = ten.reduce((a, b) => a + b, 0);
    const shown = many.rows.reduce((a, x) => a + (typeof x.calls === 'number' ? x.calls : 0), 0);
    expect(hiddenRows.length).toBe(11);
    expect(total - shown - (hiddenRows.length - 1)).toBeGreaterThanOrEqual(10);
    // Fourteen small hours adding up to 18 beside ten hours without a call. Withholding one zero left 15
    // hidden hours adding up to 18, each 1 to 4 to a reader who takes a hidden count to be at least 1, and
    // right for the fourteen (tester 87's Seattle hours): with no other cell to withhold, every zero goes,
    // and 24 hidden hours adding up to 18 tell that reader some are 0, so each is anything from 0 to 18.
    const hours = [...[2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], ...Array<number>(10).fill(0)];
    const day = suppressRows(
      hours.map((calls, i) => ({ hour: `h${i}`, calls })),
      [
        { key: 'hour', kind: 'text' },
        { key: 'calls', kind: 'count' },
      ],
      { additive: ['calls'] },
    );
    expect(day.rows.filter((x) => x.calls === WITHHELD)).toHaveLength(10);
    expect(day.rows.filter((x) => x.calls === 0)).toHaveLength(0);
  });

  it('hides more where a row sum and a column sum together bound a hidden count', () => {
    // Response times by priority (Minneapolis, 25 October to 5 November): each row's and each column's
    // sum had two hidden cells or more, yet valid P0 + valid P3 = 969 (the column's total less the shown
    // cells) and valid P3 + negative P3 = 961 (the row) put valid P0 between 8 and 11.
    const rows = [
      { g: 'P0', calls: 11, valid: 9, missing: 2, negative: 0, implausible: 0 },
      { g: 'P1', calls: 2789, valid: 2257, missing: 532, negative: 0, implausible: 0 },
      { g: 'P2', calls: 3675, valid: 2901, missing: 774, negative: 0, implausible: 0 },
      { g: 'P3', calls: 1604, valid: 960, missing: 643, negative: 1, implausible: 0 },
      { g: 'P4', calls: 1224, valid: 1051, missing: 172, negative: 1, implausible: 0 },
    ];
    const parts = ['valid', 'missing', 'negative', 'implausible'];
    const counts = ['calls', ...parts];
    const r = suppressRows(
      rows,
      [{ key: 'g', kind: 'text' }, ...counts.map((key) => ({ key, kind: 'count' as const }))],
      { additive: counts, rowSums: [{ total: 'calls', parts }] },
    );
    // The reader's bounds, worked from the published cells alone: a hidden cell is 0 or more, each row
    // adds up to its calls, each column to its total (published in the overall table).
    type Ref = [number, string];
    const shown = (i: number, k: string) => r.rows[i]![k];
    const bounds = new Map<string, [number, number]>();
    const b = ([i, k]: Ref): [number, number] => {
      const v = shown(i, k);
      return typeof v === 'number' ? [v, v] : (bounds.get(`${i}${k}`) ?? [0, 1e9]);
    };
    const sums: { parts: Ref[]; total: Ref | number }[] = [
      ...rows.map((_, i) => ({ parts: parts.map((k) => [i, k] as Ref), total: [i, 'calls'] as Ref })),
      ...counts.map((k) => ({
        parts: rows.map((_, i) => [i, k] as Ref),
        total: rows.reduce((a, x) => a + (x[k as keyof typeof x] as number), 0),
      })),
    ];
    for (let round = 0; round < 50; round++)
      for (const s of sums) {
        const [tlo, thi] = typeof s.total === 'number' ? [s.total, s.total] : b(s.total);
        for (const p of s.parts) {
          const others = s.parts.filter((q) => q !== p).map(b);
          const lo = Math.max(b(p)[0], tlo - others.reduce((a, x) => a + x[1], 0));
          const hi = Math.min(b(p)[1], thi - others.reduce((a, x) => a + x[0], 0));
          if (typeof shown(p[0], p[1]) !== 'number') bounds.set(`${p[0]}${p[1]}`, [lo, hi]);
        }
      }
    const [lo, hi] = b([0, 'valid']);
    expect(shown(0, 'valid')).toBe(SUPPRESSED);
    expect(hi - lo).toBeGreaterThanOrEqual(10);
    expect(lo).toBeLessThanOrEqual(1);
  });

  it('hides more where several sums combined give a hidden count that no two of them give', () => {
    // A reviewer's table: rows 1 and 4 give valid + negative (23 and 25), the negative column gives their
    // negatives together (14), so their valid ones add up to 34, and the valid column then gave row 0's: 7.
    const rows = [
      { calls: 32, valid: 7, missing: 25, negative: 0, implausible: 0 },
      { calls: 1951, valid: 19, missing: 1814, negative: 4, implausible: 114 },
      { calls: 37, valid: 24, missing: 8, negative: 0, implausible: 5 },
      { calls: 72, valid: 31, missing: 11, negative: 0, implausible: 30 },
      { calls: 519, valid: 15, missing: 494, negative: 10, implausible: 0 },
    ];
    const parts = ['valid', 'missing', 'negative', 'implausible'];
    const counts = ['calls', ...parts];
    const r = suppressRows(
      rows,
      counts.map((key) => ({ key, kind: 'count' as const })),
      { additive: counts, rowSums: [{ total: 'calls', parts }] },
    );
    const cell = (i: number, k: string) => r.rows[i]![k];
    const known = (i: number, k: string) => typeof cell(i, k) === 'number';
    expect(cell(0, 'valid')).toBe(SUPPRESSED);
    // The reader's route needs rows 1 and 4 but for valid and negative, the negative column but for
    // rows 1 and 4, and the valid column but for rows 0, 1 and 4: one of those cells must be hidden.
    const route = [
      ...[1, 4].flatMap((i) => ['calls', 'missing', 'implausible'].map((k) => [i, k] as const)),
      ...[0, 2, 3].map((i) => [i, 'negative'] as const),
      ...[2, 3].map((i) => [i, 'valid'] as const),
    ];
    expect(route.every(([i, k]) => known(i, k))).toBe(false);
  });

  it('hides more where counts that only grow bound a hidden count between them', () => {
    // The phases are cumulative: a responder's current-practice eligible calls (withheld, 187) are at most
    // its near-term ones (189, published in the eligible-demand table), and at least the funnel's 185
    // assigned, so the cancelled calls between them were 0 to 4, with no sum to give them.
    const funnel = [
      { who: 'team', eligible: 187, assigned: 185, arrived: 150, cancelled: 2, no_arrival: 35, near: 189 },
    ];
    const cols = ['eligible', 'assigned', 'arrived', 'cancelled', 'no_arrival', 'near'].map((key) => ({
      key,
      kind: 'count' as const,
    }));
    const rules = {
      steps: ['eligible', 'assigned', 'arrived'],
      rowSums: [
        { total: 'eligible', parts: ['assigned', 'cancelled'] },
        { total: 'assigned', parts: ['arrived', 'no_arrival'] },
      ],
      links: [
        { column: 'eligible', key: () => 'eligible:current:team' },
        { column: 'near', key: () => 'eligible:near:team' },
      ],
    };
    const forced = new Set(['eligible:current:team']);
    // The reader's bound, from the shown cells: cancelled = eligible - assigned <= near - assigned.
    const readerBound = (row: Record<string, unknown>) =>
      typeof row.near === 'number' && typeof row.assigned === 'number' ? row.near - row.assigned : Infinity;
    const before = suppressRows(funnel, cols, rules, forced);
    expect(before.rows[0]!.cancelled).toBe(SUPPRESSED);
    expect(readerBound(before.rows[0]!)).toBe(4);
    const after = suppressRows(
      funnel,
      cols,
      { ...rules, orders: [{ column: 'eligible', than: 'near' }] },
      forced,
    );
    expect(after.rows[0]!.cancelled).toBe(SUPPRESSED);
    expect(readerBound(after.rows[0]!)).toBeGreaterThanOrEqual(10);
    // The near-term count it withheld goes for the other table to withhold too.
    expect([...after.hiddenKeys]).toContain('eligible:near:team');

    // Across rows: eligible calls grow phase by phase. The near term's 45 withheld (as hidden elsewhere),
    // between current practice's 40 and the potential 48: its small part (8) was 45 - 37, so 3 to 11.
    const phases = [
      { phase: 'current', eligible: 40, part: 30, rest: 10 },
      { phase: 'near', eligible: 45, part: 37, rest: 8 },
      { phase: 'potential', eligible: 48, part: 36, rest: 12 },
    ];
    const phaseRules = {
      rowSums: [{ total: 'eligible', parts: ['part', 'rest'] }],
      links: [{ column: 'eligible', key: (r: Record<string, unknown>) => `eligible:${String(r.phase)}` }],
    };
    const phaseCols = ['eligible', 'part', 'rest'].map((key) => ({ key, kind: 'count' as const }));
    const nearHidden = new Set(['eligible:near']);
    // The reader's range of the near term's rest: eligible (between the phases shown around it) less its
    // part, when that is shown.
    const restRange = (rows: Record<string, unknown>[]) => {
      const n = (i: number, k: string) => (typeof rows[i]![k] === 'number' ? (rows[i]![k] as number) : null);
      const [lo, hi, part] = [n(0, 'eligible') ?? 0, n(2, 'eligible') ?? Infinity, n(1, 'part')];
      if (part === null) return Infinity;
      if (n(1, 'eligible') !== null) return 0;
      return hi - part - Math.max(0, lo - part);
    };
    const unordered = suppressRows(phases, phaseCols, phaseRules, nearHidden);
    expect(unordered.rows[1]!.rest).toBe(SUPPRESSED);
    expect(restRange(unordered.rows)).toBe(8);
    const ordered = suppressRows(
      phases,
      phaseCols,
      {
        ...phaseRules,
        orders: [{ column: 'eligible', groupBy: [], by: 'phase', order: ['current', 'near', 'potential'] }],
      },
      nearHidden,
    );
    expect(ordered.rows[1]!.rest).toBe(SUPPRESSED);
    expect(restRange(ordered.rows)).toBeGreaterThanOrEqual(10);
  });

  it('hides a count shared with another table wherever it is hidden, and protects sums across tables', () => {
    const cols = [
      { key: 'who', kind: 'text' as const },
      { key: 'calls', kind: 'count' as const },
    ];
    // Diverted calls by responder: 19 in all, the crisis team 18, animal care 1. Another table published
    // the team's 18 beside it, so the hidden 1 was 19 - 18.
    const byResponder = suppressRows(
      [
        { who: 'all', calls: 19 },
        { who: 'team', calls: 18 },
        { who: 'animal', calls: 1 },
      ],
      cols,
      { links: [{ column: 'calls', key: (r) => `handled:${String(r.who)}` }] },
    );
    expect(byResponder.rows.map((x) => x.calls)).toEqual([19, 18, SUPPRESSED]);
    expect([...byResponder.hiddenKeys]).toEqual(['handled:animal']);
    // The other table, built again with what the first hid: the same count is withheld there.
    const elsewhere = suppressRows(
      [
        { who: 'team', calls: 18 },
        { who: 'animal', calls: 1 },
      ],
      cols,
      { links: [{ column: 'calls', key: (r) => `handled:${String(r.who)}` }] },
      new Set(['handled:team']),
    );
    expect(elsewhere.rows.map((x) => x.calls)).toEqual([WITHHELD, SUPPRESSED]);
    // Sectors add up to their precinct's count in another table: one hidden sector beside a shown
    // precinct gives it away, so a second goes; a hidden precinct whose sectors are all shown is their sum,
    // so the smallest goes; a sector alone in its precinct is the precinct, which must go instead.
    const sectors = suppressRows(
      [
        { who: 'P1 a', p: '1', calls: 4 },
        { who: 'P1 b', p: '1', calls: 30 },
        { who: 'P1 c', p: '1', calls: 50 },
        { who: 'P2 a', p: '2', calls: 40 },
        { who: 'P2 b', p: '2', calls: 60 },
        { who: 'P3 a', p: '3', calls: 7 },
      ],
      cols,
      { groupTotals: [{ column: 'calls', groupBy: ['p'], key: (r) => `precinct:${String(r.p)}` }] },
      new Set(['precinct:2']),
    );
    expect(sectors.rows.map((x) => x.calls)).toEqual([SUPPRESSED, WITHHELD, 50, WITHHELD, 60, SUPPRESSED]);
    expect([...sectors.hiddenKeys]).toEqual(['precinct:3']);
  });

  it('names the small counts that nothing left to withhold can protect', () => {
    // Diverted calls of three categories, 3 + 4 + 100 = 107, a published total; another table publishes a
    // responder's 100 handled calls, all of category c (a fact: c >= 100, with the 100 fixed). 3 and 4 are
    // hidden; alone they add up to 7, so c is withheld too. A reader still has a + b = 107 - c <= 7, each
    // at least 1: a and b are 1 to 6, and no cell is left to withhold (the 100 is published elsewhere).
    const rows = [
      { category: 'a', diverted: 3, _handled: 100 },
      { category: 'b', diverted: 4, _handled: 100 },
      { category: 'c', diverted: 100, _handled: 100 },
    ];
    const columns = [
      { key: 'category', kind: 'text' as const },
      { key: 'diverted', kind: 'count' as const },
      { key: '_handled', kind: 'count' as const, fixed: true },
    ];
    const pinned = suppressRows(rows, columns, {
      additive: ['diverted'],
      facts: () => [
        {
          terms: [
            [{ row: 2, key: '_handled' }, 1],
            [{ row: 2, key: 'diverted' }, -1],
          ],
        },
      ],
    });
    expect(pinned.rows.map((r) => r.diverted)).toEqual([SUPPRESSED, SUPPRESSED, WITHHELD]);
    expect(pinned.exposed).toEqual([
      { row: 0, key: 'diverted' },
      { row: 1, key: 'diverted' },
    ]);
    // Without the other table's fact c is anything from 1 to 105 and so are a and b: nothing exposed.
    const free = suppressRows(rows, columns, { additive: ['diverted'] });
    expect(free.rows.map((r) => r.diverted)).toEqual([SUPPRESSED, SUPPRESSED, WITHHELD]);
    expect(free.exposed).toEqual([]);
  });

  it('names counts behind a table that share a label once, with how many', () => {
    // Two columns behind the table with one label (the category table's, one per responder and phase):
    // one line for both, not the same line twice. A shown column and a row without text are named too.
    const spec = {
      id: 'calls_by_category',
      title: 'Calls by category',
      columns: [
        { key: 'category', label: 'Category', kind: 'text' as const },
        { key: 'diverted', label: 'Diverted', kind: 'count' as const },
        { key: '_o0', label: 'Of those, another', kind: 'count' as const, hidden: true },
        { key: '_o1', label: 'Of those, another', kind: 'count' as const, hidden: true },
      ],
      rows: [{ category: 'Animal' }, { category: '' }],
      meta: { period: { from: '2022-01-01', to: '2022-01-31', days: 31 }, quality: [] },
    };
    const exposed = [
      { row: 0, key: '_o0' },
      { row: 0, key: '_o1' },
      { row: 0, key: 'diverted' },
      { row: 1, key: 'diverted' },
    ];
    expect(exposedCounts([{ spec, rows: [], hiddenKeys: new Set(), exposed }])).toEqual([
      'calls_by_category: Animal, a count behind the table ("Of those, another") (2 such counts)',
      'calls_by_category: Animal, "Diverted"',
      'calls_by_category: row 2, "Diverted"',
    ]);
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
    // A table of shares of the denominator ends with a column naming it, in every row (tester 295).
    expect(tableCsv({ ...t, spec: { ...t.spec, csvDenominator: 'calls_911' } })).toBe(
      'zone,calls,denominator\r\neleven,x,calls_911\r\none,x,calls_911\r\nrest,9930,calls_911\r\n',
    );
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
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    await expect(buildReport({ store: dir, out: pipe })).rejects.toThrow(
      /--out .*pipe is a device, pipe or socket, not a directory/,
    );
  });

  it("refuses a public edition into a folder holding other files, such as analyze's", async () => {
    // analyze's repeat_locations.csv (blocks, counts of 1 to 10) was published beside the public page.
    const out = join(dir, 'shared-out');
    mkdirSync(join(out, 'csv'), { recursive: true });
    writeFileSync(join(out, 'analysis.json'), '{}');
    writeFileSync(join(out, 'repeat_locations.csv'), 'block\n');
    writeFileSync(join(out, 'report.html'), 'an earlier report');
    writeFileSync(join(out, 'csv', 'notes.txt'), 'x');
    const refused = buildReport({ store: join(dir, 'nope'), out, public: true });
    await expect(refused).rejects.toThrow(UserError);
    await expect(buildReport({ store: join(dir, 'nope'), out, public: true })).rejects.toThrow(
      /holds files a report does not write \(analysis\.json, repeat_locations\.csv, csv\/notes\.txt\)/,
    );
    // A folder holding only an earlier report is fine (the check passes on to the store's).
    const earlier = join(dir, 'earlier-report');
    mkdirSync(join(earlier, 'csv'), { recursive: true });
    writeFileSync(join(earlier, 'report.html'), '<a href="csv/calls_by_month.csv">CSV</a>');
    writeFileSync(join(earlier, 'csv', 'calls_by_month.csv'), 'x');
    await expect(buildReport({ store: join(dir, 'nope'), out: earlier, public: true })).rejects.toThrow(
      /does not exist/,
    );
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
    // In the words of analyze and store info (it had words of its own, tester 128).
    expect(r.stderr).toMatch(
      /safegap: \S+nope does not exist: there is no safegap store there\.\n {2}How to fix: /,
    );
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads the planner options analyze reads, with the same checks', () => {
    const run = (...extra: string[]) =>
      spawnSync(
        'node',
        ['--import', 'tsx', MAIN, 'report', '--store', join(dir, 'nope'), '--out', join(dir, 'o'), ...extra],
        { encoding: 'utf8' },
      );
    expect(run('--reach-minutes', '0x10').stderr).toMatch(/--reach-minutes must be a plain decimal number/);
    // `1e9` is above 0; the message said it was not (a tester's find).
    expect(run('--reach-minutes', '1e9').stderr).toMatch(
      /--reach-minutes must be a plain decimal number; got `1e9`/,
    );
    expect(run('--reach-minutes', '0').stderr).toMatch(
      /--reach-minutes must be a number from 0\.1 to 1,440 \(a day\); got `0`/,
    );
    expect(run('--capacity-phase', 'later').stderr).toMatch(/--capacity-phase must be one of current/);
    expect(run('--schedule', 'three@7-23').stderr).toMatch(/UNITS@FROM-TO/);
    // The denominator refused in analyze's words (tester 157: two wordings).
    expect(run('--denominator', 'everyone').stderr).toMatch(
      /--denominator must be one of calls_911, cfs_excl_officer_initiated, all_calls; got `everyone`/,
    );
    // The repeat locations' options, as analyze reads them; the public edition lists no blocks.
    expect(run('--min-count', '1').stderr).toMatch(
      /--min-count must be a whole number of at least 2; got `1`/,
    );
    expect(run('--top', '0').stderr).toMatch(/--top must be a whole number/);
    const pub = run('--public', '--top', '5', '--min-count', '20');
    expect(pub.status).toBe(2);
    expect(pub.stderr).toMatch(
      /--min-count and --top choose the repeat locations of the internal edition; the public edition lists no blocks\.\n {2}How to fix: leave them out, or drop --public/,
    );
    // Good options pass on to the store check.
    const ok = run('--reach-minutes', '10', '--schedule', '2@08-20', '--horizon-years', '3', '--top', '5');
    expect(ok.status).toBe(2);
    expect(ok.stderr).toMatch(/does not exist/);
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
