/**
 * Tester 343, charts drawn from too few calls, on Seattle's call data sample (222 calls, 2018-2023) with
 * the SPD dispatch file (1,000 calls, 4 days of January 2024) and on Burlington's year:
 * - the monthly trend's axis ran to Jan 2024's 250 calls a day (4 days), every other month invisible;
 * - months of 2 and 3 calls at 50.0% and 33.3% rose over the diverted share's goal line, as if beaten;
 * - the hotspot legend's top class read "4 or more" (Seattle) and "86 or more" (Burlington) where the
 *   caption named a busiest cell of 135 and 1,210 calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { gatherReportData, type ReportData } from '../../src/report/data.js';
import { hotspotGrid } from '../../src/report/maps.js';
import { buildReport } from '../../src/report/report.js';
import { FEW_CALLS_FOR_SHARE } from '../../src/report/sections/diversion.js';
import { offScaleMonths, SHORT_MONTH_DAYS } from '../../src/report/sections/demand.js';
import { openEngine } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

/** The <figure> whose heading has this id, as the report writes it. */
function figureOf(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  expect(at).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<figure', at), html.indexOf('</figure>', at));
}
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');
/** The legend's class labels, in order. */
const legendClasses = (legend: string) =>
  [...legend.matchAll(/<\/span\s*>\s*([^<]+?)\s*<\/li/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
/** The y axis' tick labels of a column chart (Plot's axis group of text nodes). */
const yTicks = (svg: string) =>
  [...svg.matchAll(/<text transform="translate\(64,[\d.]+\)" y="0\.32em">([^<]*)<\/text>/g)].map(
    (m) => m[1]!,
  );

describe('charts of too few calls (tester 343)', () => {
  const dir = tempDir('safegap-343-');
  const sea = join(dir, 'sea');
  let internal: string;
  let pub: string;
  let burlington: ReportData['hotspots'];
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store: sea,
    });
    await ingest({
      files: [sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv')],
      profile: 'seattle-spd-dispatch',
      store: sea,
    });
    internal = readFileSync((await buildReport({ store: sea, out: join(dir, 'int') })).html, 'utf8');
    pub = readFileSync((await buildReport({ store: sea, out: join(dir, 'pub'), public: true })).html, 'utf8');
    const bur = join(dir, 'bur');
    await ingest({
      files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
      profile: 'burlington-vt',
      store: bur,
    });
    const conn = await openEngine();
    try {
      burlington = (await gatherReportData(conn, requireStore(bur), {})).hotspots;
    } finally {
      conn.closeSync();
    }
  }, 600_000);

  it("leaves Seattle's 4-day January 2024 off the monthly scale, broken at its top, and says so", () => {
    const fig = figureOf(internal, 'fig-monthly-trend');
    const text = textOf(fig);
    expect(text).toContain('Jan 2024: 250 (4 days)');
    expect(text).toContain(
      `Jan 2024 (4 days) has fewer than ${SHORT_MONTH_DAYS} days in the period and a rate more than 2 times any longer month's: its column is broken at the top of the axis`,
    );
    expect(fig).toContain('250 (off the scale)');
    // The longer months (at most 0.29 calls a day) set the axis: its top tick is under 1, not 250.
    const ticks = yTicks(fig.slice(fig.indexOf('<svg'))).map(Number);
    expect(ticks.length).toBeGreaterThan(2);
    expect(Math.max(...ticks)).toBeLessThan(1);
    // The table keeps the month's rate.
    expect(reportCsv(join(dir, 'int'), 'calls_by_month').at(-1)).toMatchObject({ days: '4' });
  });

  it('keeps a whole month that is an outlier at its height, and cuts only a short one', () => {
    const months = [
      { days: 31, value: 0.1 },
      { days: 30, value: 9 },
      { days: 4, value: 250 },
      { days: 4, value: 0.15 },
    ];
    expect(offScaleMonths(months).map((m) => m.offScale)).toEqual([false, false, true, false]);
    // Short months alone: no longer month to set the scale, none is cut.
    expect(offScaleMonths([{ days: 4, value: 250 }]).map((m) => m.offScale)).toEqual([false]);
    expect(
      offScaleMonths([
        { days: 3, value: 5 },
        { days: 31, value: 0 },
      ]).map((m) => m.offScale),
    ).toEqual([false, false]);
  });

  it(`draws a month of fewer than ${FEW_CALLS_FOR_SHARE} calls hollow with no share over it, and the table keeps it`, () => {
    const fig = figureOf(internal, 'fig-diverted-share-month-by-month');
    const svg = fig.slice(fig.indexOf('<svg'), fig.indexOf('</svg>'));
    // No share of a stub month printed over the goal's line; the hollow columns are dashed outlines.
    expect(svg).not.toContain('50.0%');
    expect(svg).not.toContain('33.3%');
    expect([...svg.matchAll(/stroke-dasharray="3,2"/g)].length).toBeGreaterThan(0);
    const text = textOf(fig);
    expect(text).toMatch(
      new RegExp(
        `The \\d+ months of fewer than ${FEW_CALLS_FOR_SHARE} calls are drawn hollow, with no value over them: one call moves a share of so few by 5 points or more`,
      ),
    );
    // The caption and the table keep the values.
    expect(text).toContain('Oct 2023: 50.0% of 2 calls');
    const rows = reportCsv(join(dir, 'int'), 'diverted_by_month');
    expect(rows.some((r) => Number(r.share) === 0.5 && Number(r.calls) === 2)).toBe(true);
  });

  it("ends the internal hotspot legend at the busiest cell: Seattle's 135", () => {
    const fig = figureOf(internal, 'fig-hotspots');
    const text = textOf(fig);
    expect(text).toContain('the busiest holds 135 calls');
    const classes = legendClasses(fig);
    expect(classes.at(-1)).toMatch(/^[\d,]+ to 135$/);
    // The colours the quintiles (2 and 4) left over go to round classes above them.
    expect(classes).toHaveLength(5);
    expect(classes).not.toContain('4 or more');
  });

  it("ends Burlington's internal hotspot legend at its busiest cell of 1,210, and the public one stays 'or more'", () => {
    const most = Math.max(...burlington.cells.map((c) => c.calls));
    expect(most).toBe(1210);
    const grid = (suppress: boolean) =>
      hotspotGrid({
        title: 'Hotspots',
        description: 'Grid.',
        cells: burlington.cells,
        cellDeg: burlington.cellDeg,
        suppress,
      });
    const classes = legendClasses(grid(false).legend.value);
    expect(classes.at(-1)).toMatch(/^[\d,]+ to 1,210$/);
    expect(classes.at(-1)).not.toBe('86 to 1,210');
    expect(classes).toHaveLength(5);
    // The public edition's classes say no more of its cells than their order: no busiest count.
    const pubClasses = legendClasses(grid(true).legend.value);
    expect(pubClasses.at(-1)).toMatch(/ or more$/);
    expect(grid(true).legend.value).not.toContain('1,210');
  });

  it('the public edition draws no month from a hidden count, and prints no busiest cell', () => {
    const trend = textOf(figureOf(pub, 'fig-monthly-trend'));
    // Only January 2024's rate is shown: no longer month sets a scale, so nothing is cut.
    expect(trend).not.toContain('off the scale');
    expect(trend).not.toContain('broken at the top');
    const hot = figureOf(pub, 'fig-hotspots');
    expect(legendClasses(hot).at(-1)).toMatch(/ or more$/);
  });
});
