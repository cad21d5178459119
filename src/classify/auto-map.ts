/**
 * Build or refresh a city's mapping: every raw type gets an entry; reviewed entries are kept as they are,
 * automatic ones are (re)classified, so re-running after the taxonomy improves never undoes a review.
 */
import { classifyType, type Classification, type ClassifierIndex } from './classifier.js';
import { normaliseType, typeKey } from './normalise.js';
import type { MappingEntry } from './mapping-file.js';

export interface TypeVolume {
  rawType: string;
  volume: number;
}

export function entryFromClassification(c: Classification, volume?: number): MappingEntry {
  return {
    rawType: c.rawType,
    normalised: c.normalised,
    category: c.category,
    ...(c.apcoCode ? { apcoCode: c.apcoCode } : {}),
    tier: c.tier,
    flags: c.flags,
    eligibleOverride: {},
    confidence: c.confidence,
    provenance: 'automatic',
    ...(volume !== undefined ? { volume } : {}),
  };
}

/**
 * Entries for `types`: an existing entry for the same raw type wins if reviewed; a reviewed entry for the
 * same lookup key (the same type with another suffix) is copied, as an automatic entry that names it;
 * anything else is classified.
 */
export function autoMap(
  index: ClassifierIndex,
  types: readonly TypeVolume[],
  existing: readonly MappingEntry[] = [],
): MappingEntry[] {
  const byRaw = new Map(existing.map((e) => [e.rawType, e]));
  const reviewedByKey = new Map<string, MappingEntry>();
  for (const e of existing) if (e.provenance === 'reviewed') reviewedByKey.set(typeKey(e.rawType), e);
  const out = new Map<string, MappingEntry>();
  for (const e of existing) out.set(e.rawType, e);
  for (const t of types) {
    const prior = byRaw.get(t.rawType);
    if (prior?.provenance === 'reviewed') {
      out.set(t.rawType, { ...prior, volume: t.volume });
      continue;
    }
    const sibling = reviewedByKey.get(typeKey(t.rawType));
    if (sibling) {
      // The same type with another suffix means what its reviewed sibling means; but nobody reviewed this
      // spelling, so it is not stamped with the sibling's reviewer and date (it claimed a review that never
      // happened), and says where it came from.
      const meaning: MappingEntry = { ...sibling };
      delete meaning.reviewer;
      delete meaning.reviewedOn;
      out.set(t.rawType, {
        ...meaning,
        rawType: t.rawType,
        normalised: normaliseType(t.rawType),
        provenance: 'automatic',
        note: `copied from the reviewed type ${sibling.rawType}`,
        volume: t.volume,
      });
      continue;
    }
    out.set(t.rawType, entryFromClassification(classifyType(index, t.rawType), t.volume));
  }
  return [...out.values()];
}

/** A type whose automatic row autoMap gave another meaning, with the columns that changed. */
export interface Reclassified {
  rawType: string;
  /** `column: was -> now`, for category, tier and each eligibility phase that changed. */
  changes: string[];
}

const eligibleCell = (e: MappingEntry, p: 'current' | 'near_term' | 'potential') => {
  const list = e.eligibleOverride[p];
  return list === undefined
    ? '(the rules)'
    : list.length === 0
      ? '-'
      : list.map((x) => x.responder + (x.nonEmergencyOnly ? '*' : '')).join('|');
};

/**
 * The automatic rows of `existing` that `mapped` (autoMap's answer) gives another category, tier,
 * `handled_by` or eligibility. Automatic rows are classified again, so that a better classifier reaches
 * them; but an analyst's edit of one left `automatic` went too, in silence ("105 kept from the mapping",
 * Arson's `eligible_current` of `community` gone: tester 392). These are named in the summary.
 */
export function reclassified(
  existing: readonly MappingEntry[],
  mapped: readonly MappingEntry[],
): Reclassified[] {
  const now = new Map(mapped.map((e) => [e.rawType, e]));
  const out: Reclassified[] = [];
  for (const was of existing) {
    const e = now.get(was.rawType);
    if (was.provenance !== 'automatic' || !e || e.provenance !== 'automatic') continue;
    const cells: [string, string, string][] = [
      ['category', was.category, e.category],
      ['tier', was.tier, e.tier],
      ['handled_by', was.handledBy ?? '', e.handledBy ?? ''],
      ...(['current', 'near_term', 'potential'] as const).map((p): [string, string, string] => [
        `eligible_${p}`,
        eligibleCell(was, p),
        eligibleCell(e, p),
      ]),
    ];
    const changes = cells
      .filter(([, a, b]) => a !== b)
      .map(([c, a, b]) => `${c} ${a === '' ? '(empty)' : a} -> ${b === '' ? '(empty)' : b}`);
    if (changes.length) out.push({ rawType: was.rawType, changes });
  }
  return out;
}

/**
 * The summary's sentence of `reclassified` rows, up to `shown` named with what changed and the rest counted,
 * and how to keep an edit; empty when none.
 */
export function reclassifiedSentence(rows: readonly Reclassified[], shown = 5): string {
  if (!rows.length) return '';
  const named = rows.slice(0, shown).map((r) => `\`${r.rawType}\` (${r.changes.join(', ')})`);
  const more = rows.length - named.length;
  return `${rows.length} automatic ${rows.length === 1 ? 'type' : 'types'} classified again to another meaning: ${named.join('; ')}${more ? `; and ${more} more` : ''}. An automatic row is the classifier's: to keep an edit of one, mark it \`reviewed\` with a reviewer and date (or use \`classify review\` or \`export\` and \`import\`).`;
}
