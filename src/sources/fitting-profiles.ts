/**
 * The built-in profiles that read a file's columns: named when a file lacks the columns of the profile it was
 * given, so that a city's other export is pointed at its own profile (tester 239: the Seattle call data given
 * `burlington-vt` was told to rename columns to others of another meaning).
 */
import { builtinProfileNames, loadProfile } from './load-profile.js';
import { compileProfile } from './profile-sql.js';

/** Names of the built-in profiles, other than `source`'s, every column of which is in `header`. */
export function builtinProfilesReading(header: readonly string[], source: string): string[] {
  const have = new Set(header);
  return builtinProfileNames().flatMap((name) => {
    const profile = loadProfile(name);
    if (profile.source === source) return [];
    return compileProfile(profile, name).columns.every((c) => have.has(c)) ? [name] : [];
  });
}
