import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';

/** The repository's root, where `src/cli/main.ts` is run from. */
export const ROOT = join(import.meta.dirname, '../..');

/** `safegap ARGS...` run from source, its stdin empty: status, stdout and stderr. */
export const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
  });

/**
 * `safegap ARGS...` run from source in `cwd`, where a relative path it writes lands (run from the repository,
 * a folder `--public` would be written into it), its stdin empty.
 */
export const cliIn =
  (cwd: string) =>
  (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
        join(ROOT, 'src/cli/main.ts'),
        ...args,
      ],
      { cwd, encoding: 'utf8', input: '' },
    );

/** A check that `run(...ARGS, '--json')` is refused: exit 2, the message and its fix on stderr and as JSON. */
export const refusedBy =
  (run: ReturnType<typeof cliIn>) =>
  (args: string[], error: string, hint: string): void => {
    const r = run(...args, '--json');
    const said = args.join(' ');
    expect(r.status, said).toBe(2);
    expect(r.stderr, said).toBe(`safegap: ${error}\n  How to fix: ${hint}\n`);
    expect(JSON.parse(r.stdout), said).toEqual({ error, hint });
  };
