/**
 * Coverage of a city's mapping: the volume-weighted share of calls per confidence band, the largest
 * types no person has reviewed, and how calls move from initial to final type (and category).
 */
import { resolveEntry } from './apply.js';
import type { MappingEntry } from './mapping-file.js';
import type { TypeChange, TypeCount } from './volumes.js';

const UNMAPPED = '(unmapped)';

export const BANDS = ['reviewed', 'high', 'medium', 'low', 'unmapped'] as const;
export type Band = (typeof BANDS)[number];

/** Confidence bands of automatic entries: high >= 0.9, medium >= 0.7, low below. */
export function bandOf(e: MappingEntry | undefined): Band {
  if (!e) return 'unmapped';
  if (e.provenance === 'reviewed') return 'reviewed';
  return e.confidence >= 0.9 ? 'high' : e.confidence >= 0.7 ? 'medium' : 'low';
}

export interface StatusReport {
  calls: number;
  types: number;
  bands: { band: Band; types: number; calls: number; share: number }[];
  /**
   * Highest-volume types no person has reviewed, at any confidence: only unmapped and low ones were listed,
   * and a new city's status read "none" with two thirds of its calls on unreviewed medium types, some
   * plainly wrong (assaults as fire calls: a tester's find).
   */
  unreviewed: {
    rawType: string;
    band: Band;
    /** Calls with it as initial type, and as final type: a type can be both (tester 102 read the sum as calls). */
    initial: number;
    final: number;
    category?: string;
    confidence?: number;
  }[];
  /** Share of calls (by initial type) whose type no person has reviewed. */
  unreviewedShare: number;
  changedCalls: number;
  changedShare: number;
  topChanges: TypeChange[];
  /**
   * Calls whose category changed with their type, by initial category -> final category. Seattle's final
   * types come from another list, so almost every type "changes"; alarm -> alarm is no change worth a row.
   */
  categoryMatrix: { initial: string; final: string; calls: number }[];
  /** Calls whose type changed but whose category did not. */
  sameCategoryCalls: number;
  /** Calls whose type changed from or to a type the mapping lacks (tester 104 read them as changed). */
  unmappedChangeCalls: number;
  /**
   * Records linked to a call another source's record represents, and their own initial types, most first: a
   * crisis team's words for the CAD's calls, in no count of calls above (tester 385).
   */
  linkedRecords: number;
  linkedTypes: { rawType: string; records: number }[];
}

export function statusReport(
  entries: readonly MappingEntry[],
  counts: readonly TypeCount[],
  changes: { total: number; changes: TypeChange[] },
  top = 15,
): StatusReport {
  const lookup = resolveEntry(entries);
  // Bands are weighted by calls as initial type: that is what eligibility and categories are judged on.
  const initialCounts = counts.filter((c) => c.initial > 0);
  const calls = initialCounts.reduce((a, c) => a + c.initial, 0);
  const bands = BANDS.map((band) => {
    const inBand = initialCounts.filter((c) => bandOf(lookup(c.rawType)) === band);
    const n = inBand.reduce((a, c) => a + c.initial, 0);
    return { band, types: inBand.length, calls: n, share: calls ? n / calls : 0 };
  });
  // A type of linked records alone is the type of no call (tester 385).
  const unreviewed = counts
    .filter((c) => c.initial > 0 || c.final > 0)
    .map((c) => ({ c, e: lookup(c.rawType) }))
    .filter(({ e }) => bandOf(e) !== 'reviewed')
    .sort((a, b) => b.c.volume - a.c.volume)
    .slice(0, top)
    .map(({ c, e }) => ({
      rawType: c.rawType,
      band: bandOf(e),
      initial: c.initial,
      final: c.final,
      ...(e ? { category: e.category, confidence: e.confidence } : {}),
    }));
  const changedCalls = changes.changes.reduce((a, c) => a + c.calls, 0);
  const matrix = new Map<string, number>();
  for (const ch of changes.changes) {
    const a = lookup(ch.initial)?.category ?? UNMAPPED;
    const b = lookup(ch.final)?.category ?? UNMAPPED;
    const k = `${a}\u0000${b}`;
    matrix.set(k, (matrix.get(k) ?? 0) + ch.calls);
  }
  // A type the mapping lacks has no known category: its calls are counted apart, not as changed.
  const same = (c: { initial: string; final: string }) => c.initial === c.final && c.initial !== UNMAPPED;
  const unknown = (c: { initial: string; final: string }) => c.initial === UNMAPPED || c.final === UNMAPPED;
  const cells = [...matrix].map(([k, n]) => {
    const [initial, final] = k.split('\u0000') as [string, string];
    return { initial, final, calls: n };
  });
  return {
    calls,
    types: initialCounts.length,
    bands,
    unreviewed,
    unreviewedShare: 1 - (bands.find((b) => b.band === 'reviewed')?.share ?? 0),
    changedCalls,
    changedShare: changes.total ? changedCalls / changes.total : 0,
    topChanges: changes.changes.slice(0, top),
    categoryMatrix: cells.filter((c) => !same(c) && !unknown(c)).sort((a, b) => b.calls - a.calls),
    sameCategoryCalls: cells.filter(same).reduce((a, c) => a + c.calls, 0),
    unmappedChangeCalls: cells.filter(unknown).reduce((a, c) => a + c.calls, 0),
    linkedRecords: counts.reduce((a, c) => a + c.linked, 0),
    linkedTypes: counts
      .filter((c) => c.linked > 0)
      .map((c) => ({ rawType: c.rawType, records: c.linked }))
      .sort((a, b) => b.records - a.records || a.rawType.localeCompare(b.rawType))
      .slice(0, top),
  };
}
