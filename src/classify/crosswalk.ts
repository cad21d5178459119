/**
 * Schemes results can be compared in: safegap's own categories, the Vera Institute's 911-analysis
 * categories (crosswalk in categories.csv), or any other grouping through a crosswalk CSV
 * (`category,group`, every safegap category exactly once), such as a city's own coarse call groups.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv.js';
import { MappingFileError, readText } from './errors.js';
import type { Taxonomy } from './taxonomy.js';

export interface Scheme {
  name: string;
  /** Group of a safegap category in this scheme. */
  groupOf: (category: string) => string;
  /** Every group a category maps to: the only ones a prediction can be. */
  groups: string[];
}

export function readCrosswalk(file: string, tax: Taxonomy): Map<string, string> {
  const text = readText(file, 'cannot read the crosswalk', 'Give a CSV with columns category,group.');
  const out = new Map<string, string>();
  for (const { row, values } of parseCsv(text, file, ['category', 'group']).records) {
    const c = values.category!.trim();
    if (!tax.categoryById.has(c))
      throw new MappingFileError(
        file,
        row,
        'category',
        `unknown category \`${c}\``,
        'Use category ids from taxonomy/categories.csv.',
      );
    if (out.has(c))
      throw new MappingFileError(
        file,
        row,
        'category',
        `category \`${c}\` appears twice`,
        'Map each category to one group.',
      );
    out.set(c, values.group!.trim());
  }
  const missing = tax.categories.filter((c) => !out.has(c.id)).map((c) => c.id);
  if (missing.length)
    throw new MappingFileError(
      file,
      undefined,
      'category',
      `no group for ${missing.join(', ')}`,
      'Every safegap category needs a row.',
    );
  return out;
}

/** `safegap`, `vera`, the name of a crosswalk in taxonomy/crosswalks/, or a path to a crosswalk CSV. */
export function resolveScheme(name: string, tax: Taxonomy): Scheme {
  const scheme = (groupOf: (c: string) => string): Scheme => ({
    name,
    groupOf,
    groups: [...new Set(tax.categories.map((c) => groupOf(c.id)))].sort(),
  });
  if (name === 'safegap') return scheme((c) => c);
  if (name === 'vera') return scheme((c) => tax.categoryById.get(c)?.veraCategory ?? c);
  const builtin = join(tax.dir, 'crosswalks', `${name}.csv`);
  const file = existsSync(builtin) ? builtin : name;
  if (!existsSync(file))
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `unknown scheme \`${name}\``,
      'Use safegap, vera, a crosswalk name from taxonomy/crosswalks/ or a path to a category,group CSV.',
    );
  const map = readCrosswalk(file, tax);
  return scheme((c) => map.get(c) ?? c);
}
