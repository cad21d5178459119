/** Small monthly exports cut from Burlington's 2022 file, for tests of a store kept month by month. */
import { readFileSync } from 'node:fs';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv } from './csv.js';
import { sharedFile } from './shared-data.js';

const lines = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
/** The file's header line. */
export const header = lines[0]!;
const time = parseCsv(header)[0]!.indexOf('call_time');
/** A line's fields. */
export const fields = (line: string) => parseCsv(line)[0]!;
/** The first `n` calls of a month `m` (`'01'`) of 2022 by call_time, as lines of a small monthly export. */
export const month = (m: string, n: number) =>
  lines
    .slice(1)
    .filter((l) => fields(l)[time]!.startsWith(`2022-${m}`))
    .slice(0, n);

/** The UserError `fn` throws; any other error is rethrown, and none fails the test. */
export function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('not refused');
}
