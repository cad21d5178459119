/**
 * Classed colour scales: the range a legend prints for a colour must hold every value drawn in it, read
 * back from the printed text (an outside auditor found 23.0 coloured as "16 to under 23", and Seattle's
 * legend reading "0 to under 0" four times).
 */
import { describe, expect, it } from 'vitest';
import {
  barChart,
  classBreaks,
  columnChart,
  figure,
  classLegend,
  classOf,
  hourOfWeekHeatmap,
  INK_2,
  percentTick,
  quantileBreaks,
  rangeChart,
  SEQUENTIAL,
} from '../../src/report/charts.js';
import { hotspotGrid } from '../../src/report/maps.js';
import { html } from '../../src/report/html.js';
import { launch } from './browser.js';
import { exact, gapInPoints, goalPercent, percent, shareTowardGoal } from '../../src/report/format.js';

/**
 * The printed ranges of a legend, in colour order, as numbers: [from, to) for "a to under b" and "a or more"
 * (to Infinity), and [from, to] for a top class "a to b" that ends at the largest value drawn.
 */
function printedRanges(breaks: number[], legend = classLegend('t', breaks, exact)): [number, number][] {
  const text = String(legend).replace(/<[^>]*>/g, '\n');
  const n = (s: string | undefined) => (s === undefined ? Infinity : Number(s.replaceAll(',', '')));
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => / to under | or more$|^[\d,.]+ to [\d,.]+$/.test(l))
    .map((l) => {
      const upTo = /^([\d,.]+) to ([\d,.]+)$/.exec(l);
      // Inclusive: the next number above its end, so that `v < to` holds for the end itself.
      if (upTo) return [n(upTo[1]), n(upTo[2]) * (1 + Number.EPSILON) + Number.MIN_VALUE];
      const [lo, hi] = l.replace(' or more', '').split(' to under ');
      return [n(lo), n(hi)];
    });
}

describe('classed colour scales', () => {
  const cases: [string, number[], number[]][] = [
    // A day's hours: 11 to 39 calls an hour (the 2022-11-06 report).
    ['equal widths, a day', classBreaks(39), [0, 11, 23, 23.4, 30, 31, 31.2, 39]],
    // Seattle's sample: a few calls an hour over six years.
    ['equal widths, rare calls', classBreaks(0.019), [0, 0.0039, 0.0064, 0.0078, 0.016, 0.019]],
    ['equal widths, many calls', classBreaks(1234.5), [0, 1, 246.9, 247, 1234.5]],
    // Two hotspot cells of 94 and 115 calls.
    ['quintiles', quantileBreaks([94, 115]), [94, 115]],
    ['quintiles, skewed', quantileBreaks([1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]), [1, 2, 13, 55, 144]],
  ];
  for (const [name, breaks, values] of cases)
    it(`${name}: every value lies in the range its colour's legend prints`, () => {
      const ranges = printedRanges(breaks);
      expect(ranges).toHaveLength(breaks.length + 1);
      // No range is empty or repeated.
      for (const [lo, hi] of ranges) expect(hi).toBeGreaterThan(lo);
      for (const v of values) {
        const [lo, hi] = ranges[classOf(v, breaks)]!;
        expect(v >= lo && v < hi, `${v} in ${lo} to under ${hi}`).toBe(true);
      }
    });

  it("prints the heatmap's own legend so that its cells lie in their colour's range", () => {
    const values = [11, 23, 23.4, 31, 39];
    const cells = Array.from({ length: 168 }, (_, i) => ({
      dow: Math.floor(i / 24) + 1,
      hour: i % 24,
      value: values[i % values.length]!,
    }));
    const { legend } = hourOfWeekHeatmap({ title: 't', description: 'd', cells, valueLabel: 'v' });
    const breaks = classBreaks(39);
    const ranges = printedRanges(breaks, legend);
    // The top class ends at the largest value drawn, 39, not "40 or more" over none.
    expect(String(legend)).not.toContain('or more');
    expect(String(legend).replace(/<[^>]*>/g, '\n')).toMatch(/\n\s*30 to 39\s*\n/);
    for (const v of values) {
      const [lo, hi] = ranges[classOf(v, breaks)]!;
      expect(v >= lo && v < hi, `${v} in ${lo} to under ${hi}`).toBe(true);
    }
  });

  it('colours a heatmap cell by its rate as the table prints it (tester 119: 1.96 printed 2.0 in "1 to under 2")', () => {
    // Burlington's Monday 00:00 (1.9615, printed 2.0) and Sunday 15:00 (2.9615, printed 3.0); 4.9 sets
    // breaks at 1, 2, 3 and 4 (steps of 4.9 / 5 = 0.98, made 1).
    const values = [1.9615, 2.9615, 4.9, 0.456];
    const cells = values.map((value, i) => ({ dow: 1, hour: i, value }));
    const { svg } = hourOfWeekHeatmap({ title: 't', description: 'd', cells, valueLabel: 'v' });
    const fills = [...String(svg).matchAll(/<rect[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    // 2.0 is in "2 to under 3", 3.0 in "3 to under 4", 4.9 in "4 or more", 0.46 in "0 to under 1".
    expect(fills).toEqual([SEQUENTIAL[2], SEQUENTIAL[3], SEQUENTIAL[4], SEQUENTIAL[0]]);
  });

  it('gives two hotspot cells of different counts different colours', () => {
    const breaks = quantileBreaks([94, 115]);
    expect(classOf(94, breaks)).not.toBe(classOf(115, breaks));
    // The top class a value reaches is drawn: no break lies above the largest value.
    expect(Math.max(...breaks)).toBeLessThanOrEqual(115);
  });
});

describe('bar chart parts', () => {
  it('draws no part for a hidden one, and a zero-width part for a real zero', () => {
    // A withheld diverted count was drawn as a bar of width 0, as a real 0 is.
    const svg = barChart({
      title: 't',
      description: 'd',
      valueLabel: 'Calls',
      partLabel: 'Diverted',
      data: [
        { label: 'a', value: 10, part: 3 },
        { label: 'b', value: 8, part: null },
        { label: 'c', value: 5, part: 0 },
      ],
    }).value;
    const parts = new RegExp(`<g [^>]*fill="${INK_2}"[^>]*>(.*?)</g>`).exec(svg)![1]!;
    const rects = [...parts.matchAll(/<rect [^>]*y="(\d+)"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[2]));
    // Rows a and c: 3 of 10 drawn at 0.3 of a's bar, c's 0 at no width; b has none.
    expect(rects).toHaveLength(2);
    expect(rects[1]).toBe(0);
    expect(rects[0]).toBeGreaterThan(0);
  });
});

describe('share ticks', () => {
  it('tell the ticks of a short axis apart (tester 267: 0%, 0%, 0%, 1%, 1%, 1%)', () => {
    // Plot's ticks of an axis to 1.1%: 0, 0.2, ..., 1.0 points.
    const ticks = [0, 0.002, 0.004, 0.006, 0.008, 0.01];
    expect(ticks.map(percentTick(0.011))).toEqual(['0%', '0.2%', '0.4%', '0.6%', '0.8%', '1%']);
    // To half a point: 0.05 points apart.
    expect([0, 0.0005, 0.001].map(percentTick(0.005))).toEqual(['0%', '0.05%', '0.1%']);
    // Ten points or more: whole points, as before.
    expect([0, 0.1, 0.2].map(percentTick(0.25))).toEqual(['0%', '10%', '20%']);
  });
});

describe('bar chart size on paper', () => {
  it('keeps the text of 30 bars at 8 pt or more in print, where charts are at most 125 mm tall', () => {
    // Tester 264: 30 postal codes, 24 px a row, were scaled to about 5 pt. Text is 12 px (9 pt) at full
    // size; the page's column is 170 mm wide at most (A4 less its margins), 96 px an inch.
    const data = Array.from({ length: 30 }, (_, i) => ({
      label: `554${String(i).padStart(2, '0')}`,
      value: 100 + i,
    }));
    const svg = barChart({ title: 't', description: 'd', valueLabel: 'Calls', data }).value;
    const [, , w, h] = /viewBox="([\d. ]+)"/.exec(svg)![1]!.split(' ').map(Number);
    const mm = 96 / 25.4;
    const scale = Math.min(1, (170 * mm) / w!, (125 * mm) / h!);
    expect(9 * scale).toBeGreaterThanOrEqual(8);
  });
});

describe('hidden values in charts', () => {
  // The texts of a chart's marks: a hidden value's row is marked `x`, a value that does not exist is not.
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  const base = { title: 't', description: 'd' };
  it('marks each hidden row x, and leaves a row with no value empty', () => {
    // Tester 117: postal code 55412's 4,214 calls, hidden as cover, drew a labelled row with no bar.
    const data = [
      { label: 'shown', value: 40 },
      { label: 'hidden', value: null, hidden: true },
      { label: 'none', value: null },
      { label: 'hidden too', value: null, hidden: true },
    ];
    const bars = texts(barChart({ ...base, valueLabel: 'Calls', data }).value);
    expect(bars.filter((t) => t === 'x')).toHaveLength(2);
    expect(bars).toContain('40');
    const columns = texts(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }).value);
    expect(columns.filter((t) => t === 'x')).toHaveLength(2);
    const ranges = texts(
      rangeChart({
        ...base,
        valueLabel: 'Minutes',
        data: data.map((d) => ({ label: d.label, median: d.value, p90: d.value, hidden: d.hidden })),
      }).value,
    );
    expect(ranges.filter((t) => t === 'x')).toHaveLength(2);
    // A hidden part of a shown bar (a category's diverted calls) is an x in the part's colour (tester 118).
    const parts = barChart({
      ...base,
      valueLabel: 'Calls',
      partLabel: 'Diverted',
      data: [
        { label: 'a', value: 40, part: 5 },
        { label: 'b', value: 30, part: null, partHidden: true },
        { label: 'c', value: 20, part: null },
      ],
    }).value;
    expect(
      [...parts.matchAll(/<g[^>]*fill="([^"]*)"[^>]*>(?:(?!<\/g>)[\s\S])*?>x<\/text>/g)].map((m) => m[1]),
    ).toEqual([INK_2]);
    // Nothing else in a chart of no hidden value reads x.
    expect(texts(barChart({ ...base, valueLabel: 'Calls', data: data.slice(0, 1) }).value)).not.toContain(
      'x',
    );
  });
});

describe('goals as given', () => {
  it('prints a goal with the decimals it was given, not rounded to a whole percent', () => {
    // A 3.5% target read "The goal is 4%" beside a table of 3.5%.
    expect([0.2, 0.035, 0.1225, 0.07].map(goalPercent)).toEqual(['20%', '3.5%', '12.25%', '7%']);
    // Never an exponent: 1e-9 read "1e-7%".
    expect(goalPercent(1e-9)).toBe('0.0000001%');
  });

  it('prints a share beside the goal so that one short of it never reads as it (testers 122 and 123)', () => {
    // 9.65188...% read "9.7%", the goal, on the row before the one that reached it: one more decimal.
    expect(shareTowardGoal(0.0965188595428479, 0.097)).toBe('9.65%');
    expect(shareTowardGoal(0.097, 0.097)).toBe('9.7%');
    expect(shareTowardGoal(0.1081, 0.097)).toBe('10.8%');
    // The headline share 3.4531% read "3.5%" beside a 3.5% goal.
    expect(shareTowardGoal(0.034531, 0.035)).toBe('3.45%');
    // Far from the goal, as `percent` prints it.
    expect(shareTowardGoal(0.0131, 0.2)).toBe('1.3%');
    // A goal of two decimals: 12.249% is short of 12.25%, printed with three.
    expect(shareTowardGoal(0.12249, 0.1225)).toBe('12.249%');
    expect(shareTowardGoal(0.1225, 0.1225)).toBe('12.25%');
    // 19.99996% is short of 20% at every decimal up to four: rounded down at the fourth.
    expect(shareTowardGoal(0.1999996, 0.2)).toBe('19.9999%');
    expect(shareTowardGoal(0.2, 0.2)).toBe('20.0%');
    expect(shareTowardGoal(null, 0.2)).toBe('-');
    // The gap in points: 3.5% less 3.4531% read "0.0 percentage points".
    expect(gapInPoints(0.035 - 0.034531)).toBe('0.047');
    expect(gapInPoints(0.2 - 0.131)).toBe('6.9');
    // Two significant digits, the last 0 too (tester 124: 0.0203 points read "0.02").
    expect(gapInPoints(0.000203)).toBe('0.020');
    expect(gapInPoints(1e-9)).toBe('0.00000010');
  });

  it('prints a share of some calls as more than 0, and of all but some as less than 100 (tester 132)', () => {
    // 1 of 2,546 is 0.039%: it read "0.0%" beside its count of 1. 2,545 of 2,546 read "100.0%".
    expect(percent(1 / 2546)).toBe('<0.1%');
    expect(percent(2545 / 2546)).toBe('>99.9%');
    expect(percent(1 / 2546, 2)).toBe('0.04%');
    expect(percent(0.0005)).toBe('0.1%');
    expect([0, 1, null].map((x) => percent(x))).toEqual(['0.0%', '100.0%', '-']);
    expect(shareTowardGoal(1 / 2546, 0.2)).toBe('<0.1%');
  });
});

describe('charts with too much or nothing to draw', () => {
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const base = { title: 't', description: 'Columns of calls by month.' };
  it('labels every n-th of many columns, without values (tester 119: 72 months ran together)', () => {
    const months = Array.from({ length: 72 }, (_, i) => ({
      label: `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12]} ${2018 + Math.floor(i / 12)}`,
      value: 1000 + i,
    }));
    const t = texts(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: months }).value);
    // A column is 636 / 72 = 8.8 px; `Jan 2018` takes 8 x 7 + 8 = 64 px: every 6th (53 px) is too close,
    // every 12th (106 px) is not: Jan of each year, 6 in all; no value over a column.
    const labelled = t.filter((x) => / 20\d\d$/.test(x));
    expect(labelled).toEqual(['Jan 2018', 'Jan 2019', 'Jan 2020', 'Jan 2021', 'Jan 2022', 'Jan 2023']);
    // 36 months: 17.7 px a column, every 4th (70.7 px): Jan, May and Sep.
    const three = texts(
      columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: months.slice(0, 36) }).value,
    );
    expect(three.filter((x) => / 20\d\d$/.test(x)).slice(0, 4)).toEqual([
      'Jan 2018',
      'May 2018',
      'Sep 2018',
      'Jan 2019',
    ]);
    expect(t.filter((x) => /^1,0[1-9]\d$/.test(x))).toEqual([]);
    // 24 columns or fewer: each labelled, with its value where it fits: 636 px / 24 = 26.5 px, under the
    // 5 x 7 + 4 px of "1,023"; 636 / 12 = 53 px.
    const few = (n: number) =>
      texts(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: months.slice(0, n) }).value);
    expect(few(24).filter((x) => / 20\d\d$/.test(x))).toHaveLength(24);
    // (1,000 is also a tick of the axis.)
    const values = (t: string[]) => t.filter((x) => /^1,0(0[1-9]|[12]\d)$/.test(x));
    expect(values(few(24))).toEqual([]);
    expect(values(few(12))).toHaveLength(11);
  });

  it('draws 12 to 72 months with no text over another, axis title included, and the goal label over no bar (testers 119 and 121, in Chromium)', async () => {
    // As the report labels months (format.ts, month).
    const month = (i: number) =>
      `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12]} ${2018 + Math.floor(i / 12)}`;
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
      const found: string[] = [];
      for (const n of [12, 15, 24, 25, 36, 72])
        for (const [rule, percent] of [
          [undefined, false],
          [{ value: 0.12, label: 'goal 12.25%' }, true],
        ] as const) {
          // The widest values a chart prints: counts of five digits, shares of one decimal.
          const data = Array.from({ length: n }, (_, i) => ({
            label: month(i),
            value: percent ? 0.1 + (i % 7) / 100 : 10_000 + i * 997,
          }));
          const svg = columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data, percent, rule }).value;
          await page.setContent(`<!doctype html><body style="margin:0;font-family:system-ui">${svg}</body>`);
          const overlaps = await page.evaluate<string[]>(`(() => {
            const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            // Two labels turned 45 degrees have boxes that overlap where their letters do not: such pairs
            // are left out; each is still checked against every text that is level.
            const texts = [...document.querySelectorAll('svg text')]
              .map((t) => ({ t: t.textContent, r: t.getBoundingClientRect(), turned: /rotate/.test(t.getAttribute('transform') ?? '') || /rotate/.test(t.parentElement.getAttribute('transform') ?? '') }))
              .filter((x) => x.r.width > 0 && x.t.trim() !== '');
            const bars = [...document.querySelectorAll('svg rect')].map((b) => b.getBoundingClientRect());
            const goal = texts.filter((x) => x.t.startsWith('goal'));
            return [
              ...texts.flatMap((a, i) => texts.slice(i + 1).filter((b) => !(a.turned && b.turned) && hit(a.r, b.r)).map((b) => a.t + ' / ' + b.t)),
              ...goal.flatMap((g) => bars.filter((b) => hit(g.r, b)).map(() => g.t + ' / a bar')),
            ];
          })()`);
          found.push(...overlaps.map((o) => `${n} columns${rule ? ' with a goal' : ''}: ${o}`));
        }
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('prints values over the goal line with a white edge, not struck through by it (tester 123)', () => {
    const svg = columnChart({
      ...base,
      xLabel: 'Month',
      yLabel: 'Share',
      percent: true,
      rule: { value: 0.12345, label: 'goal 12.345%' },
      data: [0.12, 0.116, 0.121].map((value, i) => ({ label: `M${i}`, value })),
    }).value;
    const line = svg.indexOf('stroke-dasharray');
    const values = svg.indexOf('>12.000%<');
    expect(line).toBeGreaterThan(0);
    // Drawn after the line, with a white stroke painted under the letters; and 12.0% short of 12.345% has
    // the goal's three decimals.
    expect(values).toBeGreaterThan(line);
    const group = svg.slice(svg.lastIndexOf('<g', values), values);
    expect(group).toMatch(/paint-order="stroke"[^>]*stroke="white"|stroke="white"[^>]*paint-order="stroke"/);
    // In ink: with the stroke alone Plot left the fill none, and only the white edge was drawn (tester 229).
    expect(group).toMatch(/fill="#222"/);
    expect(group).not.toMatch(/fill="none"/);
  });

  it('ticks a short axis of whole values at whole numbers only (tester 229: 0.5 units)', () => {
    const svg = columnChart({
      ...base,
      xLabel: 'Hour',
      yLabel: 'Units needed',
      data: [2, 1, 2].map((value, i) => ({ label: `H${i}`, value })),
    }).value;
    // The axis runs to 2.3: ticks 0, 1 and 2, and no 0.5 or 1.5.
    const ticks = [...svg.matchAll(/<text[^>]*>([0-9.]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(expect.arrayContaining(['0', '1', '2']));
    expect(ticks.filter((t) => t!.includes('.'))).toEqual([]);
  });

  it('draws no chart of nothing but 0 and x, and the figure says why (tester 119: Seattle public months)', () => {
    const data = [
      { label: 'Jan', value: null, hidden: true },
      { label: 'Feb', value: 0 },
      { label: 'Mar', value: null, hidden: true },
    ];
    expect(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }).value).toBe('');
    expect(barChart({ ...base, valueLabel: 'Calls', data }).value).toBe('');
    expect(
      rangeChart({
        ...base,
        valueLabel: 'Minutes',
        data: data.map((d) => ({ ...d, median: d.value, p90: d.value })),
      }).value,
    ).toBe('');
    const f = String(
      figure(
        { title: 'Monthly trend', description: base.description },
        columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }),
      ),
    );
    expect(f).toContain(
      'No chart is drawn: no value is above 0 (each is 0, hidden as x, or missing as -), so it would be an empty axis; the table gives them. Columns of calls by month.',
    );
    expect(f).not.toContain('chart-svg');
    // Nor the legend of marks it does not draw (tester 121: the median and 90th percentile's, above none).
    const legend = String(
      figure(
        { title: 'Response time', description: 'd', legend: html`<div class="legend">Median</div>` },
        rangeChart({ ...base, valueLabel: 'Minutes', data: [{ label: 'Police', median: null, p90: null }] }),
      ),
    );
    expect(legend).not.toContain('Median');
    expect(legend).toContain('missing as -');
    // One value above 0 is a chart.
    expect(
      columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: [...data, { label: 'Apr', value: 3 }] })
        .value,
    ).toContain('<svg');
  });
});

describe('hotspot grid frame', () => {
  it('spans at least ten cells each way, so that two cells do not fill it (tester 119: Seattle)', () => {
    const cellDeg = { lat: 0.5 / 111.32, lon: 0.5 / (111.32 * Math.cos((47.6 * Math.PI) / 180)) };
    const cells = [
      { lat: 47.6, lon: -122.33, calls: 94 },
      { lat: 47.6, lon: -122.33 + cellDeg.lon, calls: 110 },
    ];
    const { svg } = hotspotGrid({ title: 't', description: 'd', cells, cellDeg, suppress: true });
    const attr = (tag: string, name: string) => Number(new RegExp(` ${name}="([\\d.]+)"`).exec(tag)![1]);
    const rects = [...String(svg).matchAll(/<rect[^>]*>/g)].map((m) => ({
      w: attr(m[0], 'width'),
      h: attr(m[0], 'height'),
    }));
    expect(rects).toHaveLength(2);
    // The figure is 640 wide with margins of 10: two cells of ten take at most a fifth of 620 (less the strokes).
    const total = rects.reduce((a, r) => a + r.w, 0);
    expect(total).toBeLessThanOrEqual(620 / 5 + 1);
    expect(total).toBeGreaterThan(620 / 5 - 5);
  });

  it('draws no frame or legend where the public edition draws no cell (tester 168: a week)', () => {
    const cellDeg = { lat: 0.01, lon: 0.01 };
    const cells = [
      { lat: 44.47, lon: -73.21, calls: 10 },
      { lat: 44.48, lon: -73.21, calls: 3 },
    ];
    const pub = hotspotGrid({ title: 't', description: 'd', cells, cellDeg, suppress: true });
    expect(pub.svg.value).toBe('');
    expect(pub.legend.value).toBe('');
    // The internal edition draws both.
    const int = hotspotGrid({ title: 't', description: 'd', cells, cellDeg, suppress: false });
    expect([...String(int.svg).matchAll(/<rect[^>]*>/g)]).toHaveLength(2);
  });
});
