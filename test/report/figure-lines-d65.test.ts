/**
 * The figures' lines, legends and cover, on real exports (found by outside testers):
 * - the public response-time figures' meta line gave no count of their tables' x cells ("Suppressed: ...
 *   cells") where every other figure's did;
 * - the precinct map's and the hour-of-week heatmap's legends ended "N or more" where the top class is
 *   bounded by the data's largest value (the hotspot grid's ends at it);
 * - a report of a period holding one source's calls, of a store of Seattle's two, said "of 2 sources".
 * Every expectation is worked out here from the CSVs shipped beside the report, the boundary file or the
 * export itself.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const MINNEAPOLIS = sharedFile('minneapolis/calls_2022_d.csv');
const PRECINCTS = sharedFile('minneapolis/boundaries/mpls_precincts_wgs84.geojson');
const SAMPLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');

/** The <figure> holding the table of `id`. */
function figureOf(page: string, id: string): string {
  const at = page.indexOf(`id="table-${id}"`);
  expect(at, `table ${id}`).toBeGreaterThan(0);
  return page.slice(page.lastIndexOf('<figure', at), page.indexOf('</figure>', at));
}

/** A shipped CSV's rows, by column key. */
const csvRows = (r: ReportResult, id: string) =>
  csvObjects(readFileSync(join(dirname(r.html), 'csv', `${id}.csv`), 'utf8'));

/** The x cells of a shipped CSV: every field that reads x, but the denominator's name. */
const xCells = (rows: Record<string, string>[]) =>
  rows.reduce((n, r) => n + Object.entries(r).filter(([k, v]) => k !== 'denominator' && v === 'x').length, 0);

/** The text of a figure's "Suppressed:" part, or null without one. */
function suppressedPart(figure: string): string | null {
  const m = /<strong>Suppressed:<\/strong>([^<]*)</.exec(figure);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
}

/** A legend's class labels in order (the swatches' text), tags dropped. */
function legendLabels(figure: string): string[] {
  const legend = figure.slice(figure.indexOf('<div class="legend">'));
  return [...legend.slice(0, legend.indexOf('</ul>')).matchAll(/<\/span\s*>([^<]*)<\/li/g)].map((m) =>
    m[1]!.replace(/\s+/g, ' ').trim(),
  );
}

const n = (s: string) => Number(s.replaceAll(',', ''));

describe('Minneapolis: figure lines and legends', () => {
  const dir = tempDir('safegap-d65-');
  const store = join(dir, 'store');
  const boundaries = [`precinct=${PRECINCTS}#PRECINCT`];
  const r: Record<'internal' | 'public', ReportResult> = {} as never;
  beforeAll(async () => {
    await ingest({ files: [MINNEAPOLIS], profile: 'minneapolis-cad', store });
    r.public = await buildReport({ store, out: join(dir, 'public'), public: true, boundaries });
    r.internal = await buildReport({ store, out: join(dir, 'internal'), boundaries });
  }, 600_000);

  it("counts the response-time and area tables' x cells in their figures' meta line, as the others do", () => {
    const page = readFileSync(r.public.html, 'utf8');
    const counted: Record<string, number> = {};
    for (const id of [
      'response_by_responder',
      'response_by_priority',
      'calls_by_precinct',
      'calls_by_category',
    ]) {
      const x = xCells(csvRows(r.public, id));
      counted[id] = x;
      const said = suppressedPart(figureOf(page, id));
      if (x)
        expect(said, id).toMatch(
          new RegExp(`^${x.toLocaleString('en-US')} ${x === 1 ? 'cell' : 'cells'}\\b`),
        );
      else expect(said ?? '', id).not.toMatch(/^\d[\d,]* cells?\b/);
    }
    // The responders' table of this export has x cells (4 responders' small counts), so the check bites.
    expect(counted.response_by_responder).toBeGreaterThan(0);
  });

  it("ends the precinct map's legend at the largest precinct drawn, in both editions", () => {
    const layer = JSON.parse(readFileSync(PRECINCTS, 'utf8')) as {
      features: { properties: { PRECINCT: string | number } }[];
    };
    const onMap = new Set(layer.features.map((f) => String(f.properties.PRECINCT)));
    for (const edition of ['internal', 'public'] as const) {
      const shown = csvRows(r[edition], 'calls_by_precinct').filter(
        (x) => onMap.has(x.area!) && x.calls !== 'x',
      );
      const largest = Math.max(...shown.map((x) => Number(x.calls)));
      const labels = legendLabels(figureOf(readFileSync(r[edition].html, 'utf8'), 'calls_by_precinct'));
      const top = labels.filter((l) => /^\d/.test(l)).at(-1)!;
      expect(top, edition).not.toContain('or more');
      const m = /^([\d,]+)(?: to ([\d,]+))?$/.exec(top);
      expect(m, `${edition}: ${top}`).not.toBeNull();
      expect(n(m![2] ?? m![1]!), edition).toBe(largest);
      expect(n(m![1]!), edition).toBeLessThanOrEqual(largest);
    }
  });

  it("ends the hour-of-week heatmap's legend at the busiest hour shown, in both editions", () => {
    for (const edition of ['internal', 'public'] as const) {
      const rates = csvRows(r[edition], 'calls_by_hour_of_week')
        .filter((x) => x.per_hour !== 'x')
        .map((x) => Number(x.per_hour));
      const largest = Math.max(...rates);
      // A rate of 10 or more prints whole (docs/report.md), and the legend prints it as the table does.
      expect(largest).toBeGreaterThanOrEqual(10);
      const printed = Math.round(largest);
      const labels = legendLabels(figureOf(readFileSync(r[edition].html, 'utf8'), 'calls_by_hour_of_week'));
      const classes = labels.filter((l) => /^\d/.test(l));
      const top = classes.at(-1)!;
      expect(top, edition).not.toContain('or more');
      const m = /^([\d,.]+)(?: to ([\d,.]+))?$/.exec(top);
      expect(m, `${edition}: ${top}`).not.toBeNull();
      expect(n(m![2] ?? m![1]!), edition).toBe(printed);
      // Every class below is "a to under b" and meets the next: none stands for rates no hour has.
      for (const [i, l] of classes.slice(0, -1).entries()) {
        const [lo, hi] = l.split(' to under ').map(n);
        expect(hi, l).toBeGreaterThan(lo!);
        expect(hi, l).toBeLessThanOrEqual(printed);
        expect(n((classes[i + 1] ?? '').split(' to ')[0]!)).toBe(hi);
      }
    }
  });
});

/** A Seattle export's calls' local days (YYYY-MM-DD). */
function seattleDays(file: string, column: string): string[] {
  return csvObjects(readFileSync(file, 'utf8')).map((row) => {
    const v = row[column]!;
    // `MM/DD/YYYY h:mm:ss AM` (call data) or `YYYY-MM-DD hh:mm:ss` (dispatch).
    const us = /^(\d\d)\/(\d\d)\/(\d{4})/.exec(v);
    return us ? `${us[3]}-${us[1]}-${us[2]}` : v.slice(0, 10);
  });
}

describe("Seattle's two sources: the cover names their city, the facts the period's sources", () => {
  const dir = tempDir('safegap-d65-sea-');
  const store = join(dir, 'store');
  const days = {
    sample: seattleDays(SAMPLE, 'Original Time Queued'),
    dispatch: seattleDays(DISPATCH, 'CAD_Event_Original_Time_Queued'),
  };
  /** How many of the files hold a call of the period. */
  const sourcesIn = (from: string, to: string) =>
    Object.values(days).filter((d) => d.some((x) => x >= from && x <= to)).length;
  // Both built-in profiles are Seattle's, which the cover names whatever the period's sources (tester 384:
  // it named no city, only how many sources the period held).
  const expected = () => 'Seattle: calls for service';
  const kicker = (res: ReportResult) => {
    const m = /<p class="kicker">([^<]*)<\/p>/.exec(readFileSync(res.html, 'utf8'));
    return m ? m[1]!.trim() : null;
  };
  beforeAll(async () => {
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store });
  }, 600_000);

  // Days inside each file's span, away from its first and last, whose calls may fall a day either side.
  const periods: [string, string, boolean][] = [
    ['2024-01-02', '2024-01-03', false],
    ['2023-01-01', '2023-12-31', false],
    ['2018-01-01', '2024-01-03', false],
  ];
  for (const [from, to, isPublic] of periods)
    it(`${from} to ${to}${isPublic ? ', public' : ''}`, async () => {
      const res = await buildReport({
        store,
        out: join(dir, `${from}-${to}`),
        from,
        to,
        public: isPublic,
      });
      const want = expected();
      expect(kicker(res)).toBe(want);
      // And the facts' "Sources:" line, which named the store's two for Seattle's 2023 (tester 347).
      const names = Object.entries({ seattle_calls: days.sample, seattle_dispatch: days.dispatch })
        .filter(([, d]) => d.some((x) => x >= from && x <= to))
        .map(([name]) => name);
      expect(readFileSync(res.html, 'utf8')).toContain(`Sources: ${names.join(', ')}; store version`);
      expect(readFileSync(res.html, 'utf8')).toContain(
        `<title>Community safety asset and gap analysis (${want};`,
      );
    }, 120_000);

  it('the periods checked include one of each source alone and one of both', () => {
    expect(sourcesIn('2024-01-02', '2024-01-03')).toBe(1);
    expect(days.dispatch.some((d) => d >= '2024-01-02' && d <= '2024-01-03')).toBe(true);
    expect(days.sample.some((d) => d >= '2023-01-01' && d <= '2023-12-31')).toBe(true);
    expect(sourcesIn('2018-01-01', '2024-01-03')).toBe(2);
  });
});
