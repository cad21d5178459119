import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

const SHARED = resolve(import.meta.dirname, '../../../shared/data');

/**
 * A file from ../shared/data. Missing data fails the test (never skips it): under CI=true the files are
 * always there, so absence means a broken checkout, and a skipped test would pass for the wrong reason.
 */
export function sharedFile(rel: string): string {
  const path = join(SHARED, rel);
  if (!existsSync(path))
    throw new Error(
      `test data ${path} is missing (CI=${process.env.CI ?? 'unset'}); tests read ../shared/data in place`,
    );
  return path;
}

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix = 'safegap-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
