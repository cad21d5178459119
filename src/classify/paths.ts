import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built-in taxonomy ships in the package's `taxonomy/` folder. This file runs from `src/classify`
 * under vitest and from `dist/classify` once built, so walk up until the folder is found.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'taxonomy', 'categories.csv'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the taxonomy folder above ' + fileURLToPath(import.meta.url));
}

export function taxonomyDir(): string {
  return resolve(process.env.SAFEGAP_TAXONOMY_DIR ?? join(packageRoot(), 'taxonomy'));
}
