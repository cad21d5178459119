/**
 * The severity-tier table counts the category table's calls a second way, and the mapping, which a city
 * publishes, says each call type's category and tier (tester 171). On the synthetic city under every call,
 * the non-criminal tier less its shown whole categories and its listed call types of other categories gave
 * the hidden Officer needs help, 8, and through it the Sex offences hidden as cover, 38.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';
import { reportCsv, syntheticStore } from '../helpers/store.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');
const TIERS: Record<string, string> = {
  non_criminal: 'Non-criminal',
  misdemeanour: 'Misdemeanour',
  non_violent_felony: 'Non-violent felony',
  serious_violent_felony: 'Serious violent felony',
};
const hidden = (v: string | undefined) => v === 'x';

describe('public report: the severity tiers and the categories together', () => {
  const dir = tempDir('safegap-tiers-');
  const store = join(dir, 'store');
  const read = (edition: string, name: string) => reportCsv(join(dir, edition), name);
  /** Each call type of the data as the report names it, with its category's name and its tier. */
  let types: Map<string, { category: string; tier: string }>;

  beforeAll(async () => {
    await syntheticStore(dir, 20_000, 7);
    // The mapping the report classifies with, as a reader can have it: `classify auto` writes it.
    const mapping = join(dir, 'mapping.csv');
    const auto = spawnSync(
      'node',
      [CLI, 'classify', 'auto', '--city', 'synthetic_city', '--mapping', mapping, '--calls', store],
      {
        encoding: 'utf8',
      },
    );
    expect(auto.status, auto.stderr).toBe(0);
    const names = new Map(
      csvObjects(readFileSync('taxonomy/categories.csv', 'utf8')).map((c) => [c.id!, c.name!]),
    );
    types = new Map(
      csvObjects(readFileSync(mapping, 'utf8')).map((r) => [
        r.normalised!,
        { category: names.get(r.category!)!, tier: r.tier! },
      ]),
    );
    for (const edition of ['internal', 'public'])
      await buildReport({
        store,
        out: join(dir, edition),
        public: edition === 'public',
        denominator: 'all_calls',
      });
  }, 180_000);

  it('the premise: the internal edition has Officer needs help at 8, every call of it non-criminal', () => {
    const officer = read('internal', 'calls_by_category').find((r) => r.category === 'Officer needs help')!;
    expect(Number(officer.calls)).toBe(8);
    const tiers = [...types.values()].filter((t) => t.category === 'Officer needs help').map((t) => t.tier);
    expect(new Set(tiers)).toEqual(new Set(['non_criminal']));
  });

  it("leaves each tier's hidden whole categories room for at least ten values each", () => {
    const tiers = read('public', 'severity_tiers');
    const cats = read('public', 'calls_by_category');
    const internal = new Map(
      read('internal', 'calls_by_category').map((r) => [r.category!, Number(r.calls)]),
    );
    const listed = read('public', 'top_call_types');
    const tiersOf = new Map<string, Set<string>>();
    for (const t of types.values())
      tiersOf.set(t.category, (tiersOf.get(t.category) ?? new Set()).add(t.tier));
    let narrowed = 0;
    for (const [tier, name] of Object.entries(TIERS)) {
      const total = tiers.find((r) => r.tier === name)?.calls;
      if (total === undefined || hidden(total)) continue;
      const whole = cats.filter(
        (c) => tiersOf.get(c.category!)?.size === 1 && tiersOf.get(c.category!)!.has(tier),
      );
      const shown = whole.filter((c) => !hidden(c.calls)).reduce((a, c) => a + Number(c.calls), 0);
      // The tier's listed call types of categories with types of other tiers too: their calls are known.
      const known = listed
        .filter((t) => types.get(t.call_type!)?.tier === tier && (tiersOf.get(t.category!)?.size ?? 0) > 1)
        .reduce((a, t) => a + Number(t.calls), 0);
      // A reader who takes the tier's other types to have no calls: the hidden whole categories, each at
      // least 1, add up to the rest, so each is from 1 to the rest less the others' 1s.
      const rest = Number(total) - shown - known;
      const positive = whole.filter((c) => hidden(c.calls) && internal.get(c.category!)! > 0);
      if (!positive.length) continue;
      narrowed++;
      expect(
        rest - positive.length,
        `${name}: ${positive.length} hidden adding up to ${rest}`,
      ).toBeGreaterThanOrEqual(9);
    }
    expect(narrowed).toBeGreaterThan(0);
  });

  it("names no file of the analyst's mapping in the public edition, its whole path in the internal one (testers 237, 364)", async () => {
    // The analyst's folder, a home folder with a name in it, was printed in the public edition.
    const mapping = join(dir, 'mapping.csv');
    const page = async (edition: 'internal' | 'public') =>
      readFileSync(
        (
          await buildReport({
            store,
            out: join(dir, `mapped-${edition}`),
            public: edition === 'public',
            mapping,
          })
        ).html,
        'utf8',
      );
    const pub = await page('public');
    // Nor its name (tester 364: `Bob Jones 612-555-0199.csv` was published): it is the analyst's file.
    expect(pub).toContain('by the city mapping of the analyst (its file is named in the internal edition)');
    expect(pub).not.toContain('mapping.csv');
    expect(pub).not.toContain(dir);
    expect(await page('internal')).toContain(`by the city mapping <code>${mapping}</code>`);
  }, 180_000);
});
