/**
 * The built-in profiles that read a file's columns: named when a file lacks the columns of the profile it was
 * given, so that a city's other export is pointed at its own profile (tester 239: the Seattle call data given
 * `burlington-vt` was told to rename columns to others of another meaning).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { BUILTIN_PROFILE_DIR, builtinProfileNames, loadProfile } from './load-profile.js';
import { compileProfile } from './profile-sql.js';

/**
 * Names of the built-in profiles, other than the one given (`label`), every column of which is in `header`.
 * A profile of its own with a built-in's source is not that built-in (tester 248: a copy of Minneapolis'
 * with its columns renamed was never pointed at `minneapolis-cad`).
 */
export function builtinProfilesReading(header: readonly string[], label: string): string[] {
  const have = new Set(header);
  return builtinProfileNames().flatMap((name) => {
    if (name === label) return [];
    const profile = loadProfile(name);
    return compileProfile(profile, name).columns.every((c) => have.has(c)) ? [name] : [];
  });
}

/** A built-in profile whose columns the file has, some spelt otherwise: each as the profile and the file write it. */
export interface BuiltinUpToCase {
  name: string;
  renames: { builtin: string; file: string }[];
}

/** A column's name as compared up to case and surrounding spaces. */
const folded = (c: string) => c.trim().toLowerCase();

/**
 * The built-in profiles that `builtinProfilesReading` does not name but would, were the file's column names
 * spelt as the profile's: every column of the profile is in `header` up to case and surrounding spaces,
 * by one column alone (tester 284: a spreadsheet wrote Burlington's `call_type` as `Call_Type`, and the
 * draft lost the city's rules). A column of the profile's spelling in the header is its own match.
 */
export function builtinProfilesReadingUpToCase(header: readonly string[]): BuiltinUpToCase[] {
  return builtinProfileNames().flatMap((name) => {
    const renames: BuiltinUpToCase['renames'] = [];
    for (const c of compileProfile(loadProfile(name), name).columns) {
      if (header.includes(c)) continue;
      const alike = header.filter((h) => folded(h) === folded(c));
      // Two columns of one name but for case: which one the profile means is not for a draft to guess.
      if (alike.length !== 1) return [];
      renames.push({ builtin: c, file: alike[0]! });
    }
    return renames.length ? [{ name, renames }] : [];
  });
}

/**
 * The built-in profile's YAML, comments kept, with the columns it reads spelt as `renames` says: every value
 * that names a raw column (`id`, a time or field given as a column, `column` and `time_column` anywhere, in
 * rules too, and `not_personal`), and no other value, whatever its text.
 */
export function builtinRenamed(name: string, renames: BuiltinUpToCase['renames']): Document {
  const doc = parseDocument(readFileSync(join(BUILTIN_PROFILE_DIR, `${name}.yaml`), 'utf8'));
  const to = new Map(renames.map((r) => [r.builtin, r.file]));
  const rename = (node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string' && to.has(node.value)) {
      node.value = to.get(node.value)!;
      // Quoted as the new name needs, not as the old one was written (a plain scalar cannot keep ` a `).
      node.type = undefined;
    } else if (isSeq(node)) node.items.forEach(rename);
  };
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && (pair.key.value === 'column' || pair.key.value === 'time_column'))
        rename(pair.value);
    },
  });
  rename(doc.get('id', true));
  for (const section of ['times', 'fields']) {
    const map = doc.get(section, true);
    if (isMap(map)) for (const pair of map.items) rename(pair.value);
  }
  rename(doc.get('not_personal', true));
  return doc;
}
