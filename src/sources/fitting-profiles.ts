/**
 * The built-in profiles that read a file's columns: named when a file lacks the columns of the profile it was
 * given, so that a city's other export is pointed at its own profile (tester 239: the Seattle call data given
 * `burlington-vt` was told to rename columns to others of another meaning).
 */
import { builtinProfileNames, loadProfile } from './load-profile.js';
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
