/**
 * What a chart's caption and labels say, against the CSV table beside the chart (tester 182), on a
 * synthetic city of 20,000 calls whose units busy are below 1, whose 311 / online calls send no unit, and
 * whose every call has a precinct, a beat and a neighborhood.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { tempDir } from '../helpers/shared-data.js';
import { reportCsv, syntheticStore } from '../helpers/store.js';

describe('captions of the report of a small synthetic city', () => {
  const dir = tempDir('safegap-captions-');
  let report: ReportResult;
  let page: string;
  const out = () => `${dir}/report`;
  /** The figure whose heading has this id, up to its table's end. */
  const figureOf = (id: string) => new RegExp(`<h3 id="${id}">[\\s\\S]*?</table>`).exec(page)![0];
  const text = (h: string) => h.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

  beforeAll(async () => {
    const store = await syntheticStore(dir, 20_000, 4);
    report = await buildReport({ store, out: out() });
    page = readFileSync(report.html, 'utf8');
  }, 240_000);

  it('prints units busy below 1 with two significant digits in the caption and labels, as the table does', () => {
    const any = reportCsv(out(), 'capacity_eligible_hours').filter(
      (r) => r.responder === 'Any alternative responder',
    );
    expect(any).toHaveLength(3);
    const fig = figureOf('fig-units-kept-busy-by-eligible-calls-police-handled');
    for (const r of any) {
      const units = Number(r.units);
      expect(units, r.phase).toBeGreaterThan(0);
      expect(units, r.phase).toBeLessThan(1);
      // 0.191 is 0.19, not the 0.2 one decimal gave.
      const shown = new RegExp(`${r.phase}: ([0-9]+(?:\\.[0-9]+)?)`).exec(text(fig))![1]!;
      expect(Number(shown), r.phase).toBe(Number(units.toPrecision(2)));
      expect(fig, r.phase).toMatch(new RegExp(`<text[^>]*>${shown.replace('.', '\\.')}</text>`));
    }
  });

  it('names a responder with no timed call in the response caption, and draws no empty row for it', () => {
    const rows = reportCsv(out(), 'response_by_responder');
    const untimed = rows.filter((r) => r.median_minutes === '' && Number(r.calls) > 0);
    expect(untimed.map((r) => r.group)).toEqual(['311 / online / telephone report']);
    const fig = figureOf('fig-response-time-by-responder');
    expect(text(fig)).toContain(
      '311 / online / telephone report: no call with a valid response time, so no dot or tick.',
    );
    const svg = /<svg[\s\S]*?<\/svg>/.exec(fig)![0];
    expect(svg).not.toContain('311 / online');
    for (const r of rows.filter((x) => x.median_minutes !== '')) expect(svg).toContain(r.group);
  });

  it('says the last row holds the calls without an area only when there is such a row', () => {
    for (const area of ['precinct', 'beat', 'neighborhood']) {
      const rows = reportCsv(out(), `calls_by_${area}`);
      expect(rows.length, area).toBeGreaterThan(1);
      // The synthetic city gives every call its areas: the last row is an area.
      expect(rows.at(-1)!.area, area).not.toMatch(/^No /);
    }
    // Every area table of the page: none has such a row (the neighborhoods have a table and no chart).
    expect(text(page)).not.toContain('are the last row');
  });
});
