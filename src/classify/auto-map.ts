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
