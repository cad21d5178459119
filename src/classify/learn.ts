import { join } from 'node:path';
import { buildCalibratedIndex, type ClassifierIndex } from './classifier.js';
import { reviewedEntries } from './mapping-file.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * The classifier for a city: the taxonomy plus every reviewed mapping in `mappingsDir` except the listed
 * cities (the city being evaluated must not be learned from).
 */
export function classifierFor(
  tax: Taxonomy,
  exclude: readonly string[] = [],
  mappingsDir = join(tax.dir, 'mappings'),
): ClassifierIndex {
  return buildCalibratedIndex(tax, reviewedEntries(mappingsDir, tax, exclude));
}
