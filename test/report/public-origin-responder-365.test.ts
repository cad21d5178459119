/**
 * Tester 365, on Burlington's public edition: the origin table (every call by how it came in) and the
 * responder table (the denominator's calls by who handled them) are two margins of one origin x responder
 * cross-table, and a profile rule fills in most of its cells: Burlington's `Online Report` is origin online
 * and responder 311. In a week's edition 311's 26 gave the online calls, hidden as cover, and with them the
 * hidden 3 of origin Other; under every call, 311's 932 calls less the 931 online gave the one call 311
 * handled that came in another way. The audit now takes the two tables as the margins of their cross-table.
 *
 * The reader's arithmetic is done here, independently of the audit: the cross-table's cells are counted
 * from the store with plain SQL, its cells without a call taken as known zeros (as the rule makes them), and
 * every published figure (the two tables' shown cells, the period's calls, the denominator's calls) is
 * subtracted wherever one equation has a single unknown left, until nothing more follows. No count the
 * edition hides may come out, and no cell of the cross-table from 1 to 10.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv, storeRows } from '../helpers/store.js';

const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');
const WEEK = { from: '2022-03-07', to: '2022-03-13' };

/** The store's origin and responder values as the two tables name them. */
const ORIGIN_NAMES: Record<string, string> = {
  '911': '911',
  non_emergency_phone: 'Non emergency phone',
  officer_initiated: 'Officer initiated',
  online: 'Online',
  other: 'Other',
  unknown: 'Unknown',
};
const RESPONDER_NAMES: Record<string, string> = {
  police: 'Police',
  online_311: '311 / online / telephone report',
};

type Edition = {
  name: string;
  from?: string;
  to?: string;
  denominator: 'cfs_excl_officer_initiated' | 'all_calls';
};
const EDITIONS: Edition[] = [
  { name: 'week', ...WEEK, denominator: 'cfs_excl_officer_initiated' },
  { name: 'week-all', ...WEEK, denominator: 'all_calls' },
  { name: 'year-all', denominator: 'all_calls' },
];

/** An equation: the sum of its terms (an unknown or a figure, times 1 or -1) is `total`. */
type Equation = { terms: [string, number][]; total: number };

/**
 * What a reader works out by subtraction alone: every equation with one unknown left gives it, until none
 * does. `known` starts with the published figures.
 */
function workOut(equations: Equation[], known: Map<string, number>): Map<string, number> {
  const found = new Map(known);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of equations) {
      const unknown = e.terms.filter(([t]) => !found.has(t));
      if (unknown.length !== 1) continue;
      const rest = e.terms.reduce((a, [t, k]) => a + (found.has(t) ? k * found.get(t)! : 0), 0);
      const [t, k] = unknown[0]!;
      found.set(t, (e.total - rest) / k);
      changed = true;
    }
  }
  return found;
}

describe("the origin and responder tables as margins of one cross-table (tester 365, Burlington's public edition)", () => {
  const dir = tempDir('safegap-d92-');
  const store = join(dir, 'store');
  beforeAll(async () => {
    await ingest({ files: [BURLINGTON], profile: 'burlington-vt', store });
    for (const e of EDITIONS)
      await buildReport({
        store,
        out: join(dir, e.name),
        public: true,
        denominator: e.denominator,
        ...(e.from ? { from: e.from, to: e.to } : {}),
      });
  }, 600_000);

  for (const e of EDITIONS)
    it(`leaves no hidden origin or responder count, nor a small cell of their cross-table, to subtraction (${e.name})`, async () => {
      const period = e.from ? `WHERE received_local::DATE BETWEEN '${e.from}' AND '${e.to}'` : '';
      const cells = await storeRows<{ origin: string; responder: string; calls: number }>(
        store,
        `SELECT coalesce(origin, 'unknown') AS origin, responder, count(*)::INTEGER AS calls FROM calls ${period} GROUP BY ALL`,
      );
      const inDenominator = (o: string) => e.denominator === 'all_calls' || o !== 'officer_initiated';
      const origins = reportCsv(join(dir, e.name), 'calls_by_origin');
      const responders = reportCsv(join(dir, e.name), 'diverted_by_responder').filter(
        (r) => r.responder !== 'All non-police responders',
      );
      const originOf = (o: string) => ORIGIN_NAMES[o]!;
      const responderOf = (r: string) => RESPONDER_NAMES[r]!;
      // The premise: the store's cells add up to the origin table's rows, and the profile rule holds (every
      // online call went to 311).
      const all = cells.reduce((a, c) => a + c.calls, 0);
      const denominator = cells.filter((c) => inDenominator(c.origin)).reduce((a, c) => a + c.calls, 0);
      expect(origins.map((o) => o.origin).sort()).toEqual(
        [...new Set(cells.map((c) => originOf(c.origin)))].sort(),
      );
      for (const o of origins.filter((o) => o.calls !== 'x'))
        expect([o.origin, Number(o.calls)]).toEqual([
          o.origin,
          cells.filter((c) => originOf(c.origin) === o.origin).reduce((a, c) => a + c.calls, 0),
        ]);
      expect(cells.filter((c) => c.origin === 'online').map((c) => c.responder)).toEqual(['online_311']);

      // Unknowns: a hidden margin (`o:` or `r:` and its name) and each cross-table cell with calls (`c:`).
      const known = new Map<string, number>();
      for (const o of origins) if (o.calls !== 'x') known.set(`o:${o.origin}`, Number(o.calls));
      for (const r of responders) if (r.calls !== 'x') known.set(`r:${r.responder}`, Number(r.calls));
      const inside = cells.filter((c) => inDenominator(c.origin) && c.calls > 0);
      const cell = (c: { origin: string; responder: string }) => `c:${c.origin}/${c.responder}`;
      const equations: Equation[] = [
        // Every origin adds up to the period's calls, those of the denominator to its calls; so do the
        // responders.
        { terms: origins.map((o) => [`o:${o.origin}`, 1]), total: all },
        {
          terms: [...new Set(inside.map((c) => originOf(c.origin)))].map((o) => [`o:${o}`, 1]),
          total: denominator,
        },
        { terms: responders.map((r) => [`r:${r.responder}`, 1]), total: denominator },
        // An origin of the denominator is the sum of its cells (a cell without calls a known zero, left
        // out), a responder the sum of its.
        ...[...new Set(inside.map((c) => c.origin))].map((o) => ({
          terms: [
            [`o:${originOf(o)}`, 1] as [string, number],
            ...inside.filter((c) => c.origin === o).map((c): [string, number] => [cell(c), -1]),
          ],
          total: 0,
        })),
        ...[...new Set(inside.map((c) => c.responder))].map((r) => ({
          terms: [
            [`r:${responderOf(r)}`, 1] as [string, number],
            ...inside.filter((c) => c.responder === r).map((c): [string, number] => [cell(c), -1]),
          ],
          total: 0,
        })),
      ];
      const found = workOut(equations, known);
      const hiddenMargins = [
        ...origins.filter((o) => o.calls === 'x').map((o) => `o:${o.origin}`),
        ...responders.filter((r) => r.calls === 'x').map((r) => `r:${r.responder}`),
      ];
      const smallCells = inside.filter((c) => c.calls <= 10).map(cell);
      expect([...hiddenMargins, ...smallCells].filter((k) => found.has(k))).toEqual([]);
    });
});
