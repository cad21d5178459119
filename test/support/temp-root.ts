import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every temporary file of a run (tests' own folders, the CLI's children, profile init's scratch) goes
// under one folder removed at the end: folders made inside a test, where an afterAll cannot be
// registered, and those of a killed child were left in /tmp, about 300 MB after a few runs.
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'safegap-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
