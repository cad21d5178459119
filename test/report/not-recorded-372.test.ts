/**
 * Tester 372, on Burlington's export: the report's eligible-demand table (CSV and HTML) printed 0 calls
 * handled for the responders whose handling no source records, where `analyze` says "not recorded"
 * (`handled_recorded=false`) and the page's legend says `-` is no value, which is not 0. Such cells are
 * now empty in the CSV and `-` on the page, in both editions.
 *
 * Which responders no source records comes from profiles/burlington-vt.yaml, worked out by hand: its only
 * responder rule makes an `Online Report` call 311's (online_311), every other call police's. So of the
 * alternative responders (taxonomy/eligibility.yaml) only 311 is recorded, and so is "any alternative",
 * which counts 311's calls; the crisis team, traffic control, animal control, Fire / EMS and mediation are
 * not. 311's calls handled under every call are the file's `Online Report` rows, counted here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');

const NOT_RECORDED = [
  'Behavioural crisis team',
  'Traffic control',
  'Animal care and control',
  'Fire / EMS',
  'Mediation or community responders',
];
const RECORDED = ['311 / online / telephone report', 'Any alternative responder'];
const PHASES = ['Current practice', 'Near term', 'Potential'];
const HANDLED = ['handled_eligible', 'handled_of_eligible', 'handled_all'];

/** The eligible-demand table's body rows on the page: each row's cells as text. */
function pageRows(html: string): string[][] {
  const start = html.indexOf('<table id="table-eligible_demand"');
  const table = html.slice(start, html.indexOf('</table>', start));
  return table
    .split('<tr>')
    .slice(2)
    .map((row) => [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]!));
}

describe('handled counts no source records are empty, not 0 (tester 372)', () => {
  const dir = tempDir('safegap-372-');
  const out = (name: string) => join(dir, name);
  beforeAll(async () => {
    await ingest({ files: [FILE], profile: 'burlington-vt', store: out('store') });
    await buildReport({ store: out('store'), out: out('internal') });
    await buildReport({ store: out('store'), out: out('public'), public: true });
    await buildReport({ store: out('store'), out: out('all'), denominator: 'all_calls' });
  }, 600_000);

  it('the premise: the profile gives no alternative responder but 311 to any call', () => {
    const profile = readFileSync('profiles/burlington-vt.yaml', 'utf8');
    const rules = profile.slice(profile.indexOf('\nresponder:'));
    expect([...rules.matchAll(/then: (\w+)/g)].map((m) => m[1])).toEqual(['online_311']);
  });

  for (const edition of ['internal', 'public'])
    describe(edition, () => {
      it('writes empty CSV cells for the handled counts and shares of each responder not recorded', () => {
        const rows = reportCsv(out(edition), 'eligible_demand');
        for (const responder of NOT_RECORDED)
          for (const phase of PHASES) {
            const r = rows.find((x) => x.responder === responder && x.phase === phase)!;
            expect([phase, responder, ...HANDLED.map((k) => r[k])]).toEqual([phase, responder, '', '', '']);
            // Its eligible calls are a count as before (or x in the public edition).
            expect(r.eligible).toMatch(/^(\d+|x)$/);
          }
      });

      it('keeps the counts of the responders a source records', () => {
        const rows = reportCsv(out(edition), 'eligible_demand');
        for (const responder of RECORDED)
          for (const phase of PHASES) {
            const r = rows.find((x) => x.responder === responder && x.phase === phase)!;
            for (const k of ['handled_eligible', 'handled_all'])
              expect([phase, responder, k, r[k]]).toEqual([
                phase,
                responder,
                k,
                expect.stringMatching(/^(\d+|x)$/),
              ]);
          }
      });

      it('prints - on the page for those cells, and says they are not recorded, not 0', () => {
        const html = readFileSync(join(out(edition), 'report.html'), 'utf8');
        const rows = pageRows(html);
        // Phase, responder, eligible, share eligible, handled, share handled, all handled.
        expect(rows.length).toBe(PHASES.length * (NOT_RECORDED.length + RECORDED.length));
        for (const r of rows)
          if (NOT_RECORDED.includes(r[1]!)) expect(r.slice(4)).toEqual(['-', '-', '-']);
          else expect(r.slice(4).some((c) => c === '-')).toBe(false);
        expect(html).toContain('is not recorded, not 0');
        expect(html).not.toContain('are 0 because nothing records them');
      });
    });

  it("311's calls handled are the export's Online Report rows, under every call", () => {
    const online = csvObjects(readFileSync(FILE, 'utf8')).filter((r) => r.call_origin === 'Online Report');
    const rows = reportCsv(out('all'), 'eligible_demand');
    for (const phase of PHASES)
      expect(rows.find((r) => r.phase === phase && r.responder === RECORDED[0])!.handled_all).toBe(
        String(online.length),
      );
  });

  it("writes the funnel's reasons as the page's labels, as docs/report.md says (tester 371)", () => {
    for (const edition of ['internal', 'public']) {
      const reasons = reportCsv(out(edition), 'funnel_fallout_current');
      // With no unit time, every eligible call of a responder not recorded falls out at "Assigned".
      for (const responder of NOT_RECORDED.filter((r) => r !== 'Mediation or community responders'))
        expect(reasons.find((r) => r.responder === responder)).toMatchObject({
          stage: 'Assigned',
          reason: 'Not recorded',
        });
      expect(reasons.some((r) => /_/.test(r.stage! + r.reason!))).toBe(false);
    }
  });
});
