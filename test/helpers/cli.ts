import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root, where `src/cli/main.ts` is run from. */
export const ROOT = join(import.meta.dirname, '../..');

/** `safegap ARGS...` run from source, its stdin empty: status, stdout and stderr. */
export const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
  });
