/**
 * Tester 351 and helper D71, on a public edition of Seattle's two sources: cells whose value the edition
 * itself states were hidden as `x` and taken by the audit as cover for other hidden cells, which a reader
 * fills in and so protected nothing. Traffic control's handled counts read `x` under a note saying the
 * handled counts of a responder no source records are 0 (since tester 372 they are empty, not recorded,
 * and still never `x`); Unclassified's diverted calls read `x` while the
 * common types list published its only type, (none), with 1,000 calls and 0 diverted. Such zeros are now
 * shown and never withheld (suppress.ts, `knownZero`), and the audit finds other cover.
 *
 * Every expectation is worked out here from the internal edition's CSVs (which cells are 0, and stated) and
 * the public edition's cells (what a reader can work out from the sums they see).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const SAMPLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');
const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');

const ANY = 'Any alternative responder';
const NOTE = 'is not recorded, not 0';

/**
 * Responders no source records, from the internal edition: eligible for some calls, yet with no share of
 * them handled (a recorded responder's share is a number, 0 or more).
 */
function unrecorded(internal: Record<string, string>[]): Set<string> {
  return new Set(
    internal
      .filter((r) => r.responder !== ANY && Number(r.eligible) > 0 && r.handled_of_eligible === '')
      .map((r) => r.responder!),
  );
}

/**
 * Categories whose diverted calls the public common types list states are 0: its listed types of the
 * category add up to all the category's calls (the internal count), none of them diverted.
 */
function statedNoneDiverted(internalCats: Record<string, string>[], publicTypes: Record<string, string>[]) {
  return internalCats
    .filter((c) => {
      const types = publicTypes.filter((t) => t.category === c.category);
      return (
        c.diverted === '0' &&
        types.length > 0 &&
        types.every((t) => t.diverted === '0') &&
        types.reduce((a, t) => a + Number(t.calls), 0) === Number(c.calls)
      );
    })
    .map((c) => c.category!);
}

/**
 * Small counts a reader can narrow from one sum whose total is published: the hidden parts add up to the
 * total less the shown ones, and a reader who takes each hidden count to be at least 1 puts a part at most
 * that rest less one for each other hidden part. A small part is given away when that leaves it fewer than
 * ten values (1 to 9 or narrower) and the bound is right (no zero hidden beside it to mislead).
 */
function narrowed(parts: { shown: string; value: number; name: string }[], total: number): string[] {
  const hidden = parts.filter((p) => p.shown === 'x');
  const rest = total - parts.filter((p) => p.shown !== 'x').reduce((a, p) => a + Number(p.shown), 0);
  return hidden
    .filter((p) => p.value >= 1 && p.value <= 10)
    .filter((p) => {
      const upper = rest - (hidden.length - 1);
      return upper >= p.value && upper - 1 < 9;
    })
    .map((p) => p.name);
}

describe('zeros the public edition states are shown, not hidden as cover (tester 351)', () => {
  const dir = tempDir('safegap-d72-');
  const out = (name: string) => join(dir, name);
  beforeAll(async () => {
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store: out('seattle') });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: out('seattle') });
    await ingest({ files: [BURLINGTON], profile: 'burlington-vt', store: out('burlington') });
    for (const city of ['seattle', 'burlington'])
      for (const pub of [false, true])
        await buildReport({ store: out(city), out: out(`${city}-${pub ? 'pub' : 'int'}`), public: pub });
  }, 600_000);

  for (const city of ['seattle', 'burlington'])
    describe(city, () => {
      it('shows the handled counts of a responder no source records as the note states: empty, not x', () => {
        const internal = reportCsv(out(`${city}-int`), 'eligible_demand');
        const published = reportCsv(out(`${city}-pub`), 'eligible_demand');
        const none = unrecorded(internal);
        // The premise: both stores have such responders, among them traffic control, and the note says so.
        expect(none.has('Traffic control')).toBe(true);
        expect(readFileSync(join(out(`${city}-pub`), 'report.html'), 'utf8')).toContain(NOTE);
        const rows = published.filter((r) => none.has(r.responder!));
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          const i = internal.find((x) => x.phase === r.phase && x.responder === r.responder)!;
          // Not recorded, not 0 (tester 372): empty in both editions, never hidden.
          expect([i.handled_eligible, i.handled_all]).toEqual(['', '']);
          expect([r.phase, r.responder, r.handled_eligible, r.handled_all]).toEqual([
            r.phase,
            r.responder,
            '',
            '',
          ]);
        }
      });

      it("shows a category's diverted calls where the common types list states they are 0", () => {
        const internalCats = reportCsv(out(`${city}-int`), 'calls_by_category');
        const cats = reportCsv(out(`${city}-pub`), 'calls_by_category');
        const stated = statedNoneDiverted(internalCats, reportCsv(out(`${city}-pub`), 'top_call_types'));
        // Seattle's Unclassified: its one type, (none), is listed with every one of its calls.
        if (city === 'seattle') expect(stated).toContain('Unclassified');
        expect(stated.length).toBeGreaterThan(0);
        for (const name of stated)
          expect([name, cats.find((c) => c.category === name)!.diverted]).toEqual([name, '0']);
      });

      it('leaves no small count of the two tables to be worked out from their sums', () => {
        const internalCats = reportCsv(out(`${city}-int`), 'calls_by_category');
        const cats = reportCsv(out(`${city}-pub`), 'calls_by_category');
        // A column of the category table adds up to the period's calls (or calls diverted), published
        // elsewhere: the internal column's sum.
        for (const key of ['calls', 'diverted']) {
          const parts = cats.map((c) => ({
            shown: c[key]!,
            value: Number(internalCats.find((x) => x.category === c.category)![key]),
            name: `${c.category} ${key}`,
          }));
          const total = internalCats.reduce((a, c) => a + Number(c[key]), 0);
          expect(narrowed(parts, total)).toEqual([]);
        }
        // In each phase the any-alternative row's calls handled are those of the others.
        const internal = reportCsv(out(`${city}-int`), 'eligible_demand');
        const published = reportCsv(out(`${city}-pub`), 'eligible_demand');
        for (const phase of new Set(internal.map((r) => r.phase))) {
          const value = (r: Record<string, string>) =>
            Number(internal.find((x) => x.phase === phase && x.responder === r.responder)!.handled_all);
          const rows = published.filter((r) => r.phase === phase);
          const any = rows.find((r) => r.responder === ANY)!;
          const others = rows
            .filter((r) => r !== any)
            .map((r) => ({ shown: r.handled_all!, value: value(r), name: `${phase} ${r.responder}` }));
          // The premise: the any-alternative row is the others' sum in the internal edition.
          expect(others.reduce((a, p) => a + p.value, 0)).toBe(value(any));
          if (any.handled_all !== 'x') expect(narrowed(others, Number(any.handled_all))).toEqual([]);
          else expect(others.some((p) => p.shown === 'x')).toBe(true);
        }
      });
    });
});
