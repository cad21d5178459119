import { readFileSync } from 'node:fs';
import type { Profile } from './profile-schema.js';
import { loadProfile, resolveProfilePath } from './load-profile.js';

/**
 * A profile as its file is written (a built-in's or the user's) and as the other commands load it: which
 * column of a built-in is which time was learnt only by finding the package's profiles/*.yaml (tester 386).
 * Loaded first, so that a name that is no profile, or a file that is not one, is refused as `ingest -p` is.
 */
export function profileAsWritten(nameOrPath: string): { path: string; text: string; profile: Profile } {
  const profile = loadProfile(nameOrPath);
  const path = resolveProfilePath(nameOrPath);
  // Loaded, it is UTF-8 text (profileText refuses any other).
  return { path, text: readFileSync(path, 'utf8'), profile };
}
