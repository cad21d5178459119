/**
 * Cover chosen by the audit where sums cross (tester 384). Minneapolis' first 40,000 rows: 311 / online
 * handled 1 call, animal care 184 and the crisis team 1,153 of 1,338 diverted. 184 withheld as cover still
 * left the 1 at 1 to 7, since animal care handled 178 eligible calls (the eligible-demand table), and the
 * audit then withheld the nearest shown cell, the crisis team's 1,153, where the 178s did as well.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { isSuppressed, loadDisclosureAudit, suppressRows, THRESHOLD } from '../../src/report/suppress.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

/**
 * The values of a hidden count a reader can tell apart, by enumeration: every split of `sum` between the
 * hidden count and its one hidden partner (each at least 1), the partner at least `floor` when its floor
 * is shown. Worked with no linear program.
 */
function readerValues(sum: number, floor: number | null): number[] {
  const out: number[] = [];
  for (let a = 1; a < sum; a++) if (floor === null || sum - a >= floor) out.push(a);
  return out;
}

describe('cover by smaller cells (tester 384)', () => {
  beforeAll(loadDisclosureAudit);

  it('withholds a small floor rather than a large part, and still protects the small count', () => {
    // a + b + c = 521 (published); b handled at least its floor, 18, and c at least 480, counts the
    // table carries (a responder's calls bounded by the eligible calls it handled).
    const rows = [
      { name: 'a', calls: 1, floor: null },
      { name: 'b', calls: 20, floor: 18 },
      { name: 'c', calls: 500, floor: 480 },
    ];
    const r = suppressRows(
      rows,
      [
        { key: 'name', kind: 'text' },
        { key: 'calls', kind: 'count' },
        { key: 'floor', kind: 'count' },
      ],
      { additive: ['calls'], orders: [{ column: 'floor', than: 'calls' }] },
    );
    const hidden = (row: number, key: string) => isSuppressed(r.rows[row]![key]);
    // By hand: a alone hidden is 521 - 20 - 500. With b hidden too (the smallest other part), a + b = 21
    // and b >= 18 leave a at 1 to 3; so one more cell must go: b's floor (18), not c (500).
    expect(readerValues(21, 18)).toEqual([1, 2, 3]);
    expect(hidden(0, 'calls')).toBe(true);
    expect(hidden(1, 'calls')).toBe(true);
    expect(hidden(1, 'floor')).toBe(true);
    expect(r.rows[2]!.calls).toBe(500);
    expect(r.rows[2]!.floor).toBe(480);
    // With b's floor hidden, a can be anything from 1 to 20: at least ten values.
    expect(readerValues(21, null).length).toBeGreaterThanOrEqual(THRESHOLD - 1);
    expect(r.exposed).toEqual([]);
  });
});

describe('Minneapolis, the first 40,000 rows (tester 384)', () => {
  const dir = tempDir('safegap-384-');
  const store = join(dir, 'store');
  let pub: ReportResult;
  beforeAll(async () => {
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
    let end = 0;
    for (let n = 0; n <= 40_000; n++) end = text.indexOf('\n', end) + 1;
    writeFileSync(join(dir, 'calls.csv'), text.slice(0, end));
    await ingest({ files: [join(dir, 'calls.csv')], profile: 'minneapolis-cad', store });
    await buildReport({ store, out: join(dir, 'int') });
    pub = await buildReport({ store, out: join(dir, 'pub'), public: true });
  }, 600_000);

  it("shows the crisis team's handled calls and share, and keeps 311's 1 call from being worked out", () => {
    const internal = reportCsv(join(dir, 'int'), 'diverted_by_responder');
    const shown = reportCsv(join(dir, 'pub'), 'diverted_by_responder');
    const row = (rows: Record<string, string>[], name: string) => rows.find((r) => r.responder === name)!;
    const team = 'Behavioural crisis team';
    const all = Number(row(shown, 'All non-police responders').calls);
    const denominator = all + Number(row(shown, 'Police').calls);
    // The internal edition, which suppresses nothing, is the second way to the count.
    expect(row(shown, team).calls).toBe(row(internal, team).calls);
    expect(Number(row(shown, team).share)).toBeCloseTo(Number(row(internal, team).calls) / denominator, 6);
    expect(row(shown, '311 / online / telephone report').calls).toBe('x');
    expect(row(shown, 'Animal care and control').calls).toBe('x');
    // 311's calls and animal care's add up to the diverted less the crisis team's; animal care handled at
    // least every figure of its calls the edition shows (its eligible calls handled, in every phase, and
    // the funnel's handled): the 1 is then 1 to that sum less the largest, at least ten values.
    const floors = [
      ...reportCsv(join(dir, 'pub'), 'eligible_demand')
        .filter((r) => r.responder === 'Animal care and control')
        .map((r) => r.handled_eligible),
      row(reportCsv(join(dir, 'pub'), 'funnel_current'), 'Animal care and control').handled,
    ]
      .filter((v): v is string => v !== undefined && v !== 'x')
      .map(Number);
    const rest = all - Number(row(shown, team).calls);
    expect(readerValues(rest, Math.max(1, ...floors)).length).toBeGreaterThanOrEqual(THRESHOLD - 1);
    expect(pub.exposed).toEqual([]);
  });

  it('says beside the hidden headline why it is withheld', () => {
    const html = readFileSync(join(dir, 'pub', 'report.html'), 'utf8');
    const card = html.match(/<li class="headline" data-figure="bcr_handled_of_eligible">[\s\S]*?<\/li>/)![0];
    expect(card).toContain('suppressed');
    expect(card).toContain('a cell withheld so that one cannot be worked out');
  });
});
