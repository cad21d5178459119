/**
 * A file written with --out (src/util/write-file.ts) is whole or not there: a full disk left an empty file
 * that the next run refused as existing, and a failed --force cut the previous file short (tester 101).
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNamed, writeOutputFile } from '../../src/util/write-file.js';
import { resourceError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

describe('writeOutputFile', () => {
  it('keeps the previous file whole when the new one cannot be written, and leaves nothing beside it', () => {
    const dir = tempDir('safegap-write-');
    const file = join(dir, 'draft.yaml');
    writeFileSync(file, 'the analyst edited this\n');
    // The staged copy cannot be made (a folder holds its name), as a full disk would refuse it.
    mkdirSync(`${file}.tmp-${process.pid}`);
    expect(() => writeOutputFile(file, 'new text\n', { force: true })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('the analyst edited this\n');
    // A new file that cannot be written is not left empty.
    const fresh = join(dir, 'new.yaml');
    mkdirSync(`${fresh}.tmp-${process.pid}`);
    expect(() => writeOutputFile(fresh, 'text\n', { force: false })).toThrow();
    expect(existsSync(fresh)).toBe(false);
  });

  it('writes through a link to where it leads, leaving the link a link', () => {
    const dir = tempDir('safegap-write-');
    const target = join(dir, 'kept-in-git.csv');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'mapping.csv');
    symlinkSync(target, link);
    writeOutputFile(link, 'new\n', { force: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['kept-in-git.csv', 'mapping.csv']);
  });

  it("writes the file, and removes a killed run's staged copy", () => {
    const dir = tempDir('safegap-write-');
    const file = join(dir, 'export.csv');
    // 2^22 + 1 is above Linux's largest process id: no process has it.
    writeFileSync(join(dir, 'export.csv.tmp-4194305'), 'half a fi');
    writeOutputFile(file, 'a,b\n1,2\n', { force: false });
    expect(readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['export.csv']);
  });
});

describe('a write that fails part way', () => {
  it('names its file: a full disk is said with the file (tester 146: a report said only "The disk is full")', () => {
    // /dev/full opens, and refuses every write with ENOSPC, as a disk that fills does: Node names no file.
    const e = (() => {
      try {
        writeNamed('/dev/full', 'a,b\n');
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(resourceError(e)?.message).toMatch(/^The disk is full \(\/dev\/full\)\./);
  });
});
