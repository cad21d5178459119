/**
 * Agreement of the automatic classifier with an expert mapping (a truth CSV of
 * `city,raw_type,count,expected_category`), volume-weighted and unweighted, overall and per city, with
 * per-group precision and recall, the largest disagreements, and the agreement after an analyst reviews
 * the highest-volume low-confidence types. The truth's cities are always left out of what the classifier
 * learns from, so the figures are for cities it has not seen.
 */
import { classifyType, type ClassifierIndex } from './classifier.js';
import type { Scheme } from './crosswalk.js';
import { parseCsv } from './csv.js';
import { MappingFileError, readText } from './errors.js';

export interface TruthRow {
  city: string;
  rawType: string;
  count: number;
  expected: string;
  row: number;
}

/** Expected values that mean "no truth": such rows are counted but not scored. */
const NO_TRUTH = new Set(['', 'na', 'n/a', 'null', 'unknown']);

export function parseTruth(text: string, file: string): TruthRow[] {
  const out: TruthRow[] = [];
  for (const { row, values } of parseCsv(text, file, ['city', 'raw_type', 'count', 'expected_category'])
    .records) {
    const count = Number(values.count!.trim());
    if (values.count!.trim() === '' || !Number.isInteger(count) || count < 0)
      throw new MappingFileError(
        file,
        row,
        'count',
        `\`${values.count}\` is not a call count`,
        'Write the number of calls of this type, a whole number, 0 or more.',
      );
    if (values.raw_type!.trim() === '')
      throw new MappingFileError(
        file,
        row,
        'raw_type',
        'the raw type is empty',
        'Give the call type as the city exports it.',
      );
    out.push({
      city: values.city!.trim(),
      rawType: values.raw_type!,
      count,
      expected: values.expected_category!.trim(),
      row,
    });
  }
  return out;
}

export function readTruth(file: string): TruthRow[] {
  const text = readText(
    file,
    'cannot read the truth file',
    'Give a CSV with columns city,raw_type,count,expected_category.',
  );
  return parseTruth(text, file);
}

export interface Agreement {
  /** Share of calls whose type's prediction is their expected group. */
  weighted: number;
  /** Share of types predicted in the group most of their calls are expected in. */
  unweighted: number;
  calls: number;
  /** Distinct types (city and raw type), however many rows each has. */
  types: number;
}

export interface GroupStats {
  group: string;
  /** Calls expected in the group. */
  expected: number;
  /** Calls predicted in the group. */
  predicted: number;
  /** Share of expected calls predicted in the group. */
  recall: number;
  /** Share of predicted calls expected in the group. */
  precision: number;
  /**
   * Whether the scheme has the group: an expected group it lacks (a misspelling, a truth written for
   * another scheme) can never be predicted, so its recall is 0 by construction, not by the classifier.
   */
  inScheme: boolean;
}

export interface ScoredRow extends TruthRow {
  category: string;
  predicted: string;
  confidence: number;
  agree: boolean;
}

export interface EvaluationResult {
  scheme: string;
  /**
   * The built-in mappings of the truth's cities, left out of what the classifier learns (a city whose
   * mapping is named otherwise, `mpls` for minneapolis, is not, and its figures are optimistic).
   */
  heldOut?: string[];
  overall: Agreement;
  afterReview: Agreement;
  reviewed: number;
  perCity: { city: string; agreement: Agreement; afterReview: Agreement }[];
  groups: GroupStats[];
  disagreements: ScoredRow[];
  /**
   * Rows with no truth value (NA), left out of every figure: the types none of whose calls has one, with
   * their calls, and apart, the calls without one of types scored on their other calls (tester 113: a
   * type with 5 calls scored and 1 not was counted as a type not scored).
   */
  unscored: { types: number; calls: number; ofScoredTypes: { types: number; calls: number } };
  rows: ScoredRow[];
}

// Surrounding spaces are no other type, as in a mapping (a spreadsheet's `Noise ` is `Noise`).
const typeOf = (r: { city: string; rawType: string }) => `${r.city}\u0000${r.rawType.trim()}`;

/**
 * Weighted by calls, and unweighted by type: a type on several rows (some of its calls expected in one
 * group, some in another) is one type, not one per row ("50.0% of 8 types" for 7), and it agrees when
 * its one prediction is the group most of its calls are expected in, the best any mapping of a type can
 * do (a tie counts).
 */
/** Each type's calls by the group they are expected in (lower case). */
function expectedGroups(rows: readonly ScoredRow[]): Map<string, Map<string, number>> {
  const types = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const g = types.get(typeOf(r)) ?? new Map<string, number>();
    g.set(r.expected.toLowerCase(), (g.get(r.expected.toLowerCase()) ?? 0) + r.count);
    types.set(typeOf(r), g);
  }
  return types;
}

function agreement(rows: readonly ScoredRow[]): Agreement {
  const calls = rows.reduce((a, r) => a + r.count, 0);
  const ok = rows.reduce((a, r) => a + (r.agree ? r.count : 0), 0);
  const types = expectedGroups(rows);
  const agreeingCalls = new Map<string, number>();
  for (const r of rows)
    if (r.agree) agreeingCalls.set(typeOf(r), (agreeingCalls.get(typeOf(r)) ?? 0) + r.count);
  const agreeing = [...types].filter(([t, perGroup]) => {
    const n = agreeingCalls.get(t);
    return n !== undefined && n >= Math.max(...perGroup.values());
  }).length;
  return {
    weighted: calls > 0 ? ok / calls : NaN,
    unweighted: types.size > 0 ? agreeing / types.size : NaN,
    calls,
    types: types.size,
  };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface EvaluateOptions {
  /** How many of each city's highest-volume low-confidence types an analyst reviews (default 50). */
  review?: number;
  /** Confidence below which a type counts as low-confidence (default 0.9, the `high` band's floor). */
  lowConfidence?: number;
}

export function evaluate(
  index: ClassifierIndex,
  truth: readonly TruthRow[],
  scheme: Scheme,
  options: EvaluateOptions = {},
): EvaluationResult {
  const reviewN = options.review ?? 50;
  const low = options.lowConfidence ?? 0.9;
  const cache = new Map<string, { category: string; confidence: number }>();
  const scored: ScoredRow[] = [];
  const unscoredCalls = new Map<string, number>();
  for (const t of truth) {
    if (NO_TRUTH.has(t.expected.toLowerCase())) {
      unscoredCalls.set(typeOf(t), (unscoredCalls.get(typeOf(t)) ?? 0) + t.count);
      continue;
    }
    let c = cache.get(t.rawType);
    if (!c) {
      const r = classifyType(index, t.rawType);
      c = { category: r.category, confidence: r.confidence };
      cache.set(t.rawType, c);
    }
    const predicted = scheme.groupOf(c.category);
    scored.push({
      ...t,
      category: c.category,
      predicted,
      confidence: c.confidence,
      agree: same(predicted, t.expected),
    });
  }
  const cities = [...new Set(scored.map((r) => r.city))].sort();
  // An analyst reviews the N highest-volume low-confidence types of each city and fixes them to the truth.
  // A type is one however its rows spell it but for surrounding spaces, as in agreement().
  const reviewedTypes = new Set<string>();
  for (const city of cities) {
    const lowRows = scored
      .filter((r) => r.city === city && r.confidence < low)
      .sort((a, b) => b.count - a.count);
    for (const k of [...new Set(lowRows.map(typeOf))].slice(0, reviewN)) reviewedTypes.add(k);
  }
  // A review maps a type to one group, at best the one most of its calls are expected in: where the truth
  // splits its calls, the others' still disagree (tester 113: every call of a reviewed type counted as
  // agreeing, 100% where no mapping can reach more than 92.6%). In a tie, the group it is predicted in.
  const perGroup = expectedGroups(scored.filter((r) => reviewedTypes.has(typeOf(r))));
  const best = new Map<string, string>();
  for (const r of scored) {
    const groups = perGroup.get(typeOf(r));
    if (!groups || best.has(typeOf(r))) continue;
    const most = Math.max(...groups.values());
    const predicted = r.predicted.trim().toLowerCase();
    best.set(
      typeOf(r),
      groups.get(predicted) === most ? predicted : [...groups].find(([, n]) => n === most)![0],
    );
  }
  const after = scored.map((r) => {
    const b = best.get(typeOf(r));
    return { ...r, agree: b === undefined ? r.agree : same(r.expected, b) };
  });
  const groupNames = [
    ...new Set([...scored.map((r) => r.expected), ...scored.map((r) => r.predicted)]),
  ].sort();
  const groups: GroupStats[] = groupNames.map((g) => {
    const expected = scored.filter((r) => same(r.expected, g)).reduce((a, r) => a + r.count, 0);
    const predicted = scored.filter((r) => same(r.predicted, g)).reduce((a, r) => a + r.count, 0);
    const both = scored
      .filter((r) => same(r.expected, g) && same(r.predicted, g))
      .reduce((a, r) => a + r.count, 0);
    return {
      group: g,
      expected,
      predicted,
      recall: expected ? both / expected : NaN,
      precision: predicted ? both / predicted : NaN,
      inScheme: scheme.groups.some((x) => same(x, g)),
    };
  });
  return {
    scheme: scheme.name,
    overall: agreement(scored),
    afterReview: agreement(after),
    reviewed: reviewedTypes.size,
    perCity: cities.map((city) => ({
      city,
      agreement: agreement(scored.filter((r) => r.city === city)),
      afterReview: agreement(after.filter((r) => r.city === city)),
    })),
    groups: groups.filter((g) => g.expected > 0 || g.predicted > 0),
    disagreements: scored.filter((r) => !r.agree).sort((a, b) => b.count - a.count),
    unscored: unscoredCount(unscoredCalls, new Set(scored.map(typeOf))),
    rows: scored,
  };
}

function unscoredCount(
  callsByType: ReadonlyMap<string, number>,
  scoredTypes: ReadonlySet<string>,
): EvaluationResult['unscored'] {
  const out = { types: 0, calls: 0, ofScoredTypes: { types: 0, calls: 0 } };
  for (const [type, calls] of callsByType) {
    const to = scoredTypes.has(type) ? out.ofScoredTypes : out;
    to.types++;
    to.calls += calls;
  }
  return out;
}

function pct(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

export function formatEvaluation(r: EvaluationResult, top = 15): string {
  const lines: string[] = [];
  const a = (x: Agreement) =>
    `${pct(x.weighted)} of ${x.calls.toLocaleString('en-US')} calls, ${pct(x.unweighted)} of ${x.types} types`;
  lines.push(`Scheme: ${r.scheme}`);
  if (r.heldOut)
    lines.push(
      `Held out of training: ${r.heldOut.length ? r.heldOut.map((c) => `${c}.csv`).join(', ') : 'no built-in mapping (none is named like a city of the truth file)'}`,
    );
  lines.push(`Agreement (no review):        ${a(r.overall)}`);
  lines.push(`After reviewing ${r.reviewed} low-confidence types: ${a(r.afterReview)}`);
  const u = r.unscored;
  const unscored = [
    ...(u.types ? [`${u.types} types, ${u.calls.toLocaleString('en-US')} calls`] : []),
    ...(u.ofScoredTypes.types
      ? [
          `${u.types ? 'and ' : ''}${u.ofScoredTypes.calls.toLocaleString('en-US')} calls of ${u.ofScoredTypes.types} type${u.ofScoredTypes.types === 1 ? '' : 's'} whose other calls are scored`,
        ]
      : []),
  ];
  if (unscored.length) lines.push(`Not scored (no expected value): ${unscored.join('; ')}`);
  lines.push('', 'Per city:');
  for (const c of r.perCity)
    lines.push(`  ${c.city}: ${a(c.agreement)}; after review ${pct(c.afterReview.weighted)}`);
  lines.push(
    '',
    'Per expected group (volume-weighted): recall = share of its calls predicted in it, precision = share of calls predicted in it that belong',
  );
  for (const g of r.groups)
    lines.push(
      `  ${g.group}: expected ${g.expected}, predicted ${g.predicted}, recall ${pct(g.recall)}, precision ${pct(g.precision)}${g.inScheme ? '' : ' (not a group of the scheme: no call can be predicted in it)'}`,
    );
  const foreign = r.groups.filter((g) => !g.inScheme);
  if (foreign.length)
    lines.push(
      `  The truth expects ${foreign.length} group${foreign.length === 1 ? '' : 's'} the scheme ${r.scheme} does not have (${foreign
        .map((g) => `${g.group}: ${g.expected.toLocaleString('en-US')} calls`)
        .join(', ')}): check their spelling, or choose the scheme the truth was written in with --scheme.`,
    );
  lines.push('', `Largest disagreements (top ${top}):`);
  for (const d of r.disagreements.slice(0, top))
    lines.push(
      `  ${d.city} | ${d.rawType} | ${d.count} calls | expected ${d.expected} | got ${d.predicted} (${d.category}, confidence ${d.confidence.toFixed(2)})`,
    );
  return lines.join('\n');
}
