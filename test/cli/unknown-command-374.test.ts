/**
 * Tester 374: `safegap import x.csv` was answered "Did you mean report?", commander's nearest by spelling,
 * when a user who types `import` means `ingest`; and with `--json` the suggestion was folded into `error`,
 * where every other refusal gives its advice in `hint`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';

const HELP = "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

/** The command `safegap ARGS` suggests on stderr, or null when it suggests none; its exit code must be 2. */
const suggested = (...args: string[]) => {
  const r = cli(...args);
  expect(r.status, args.join(' ')).toBe(2);
  expect(r.stdout, args.join(' ')).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines[0], args.join(' ')).toBe(
    `safegap: unknown command '${args.find((a) => !a.startsWith('-') && !['store', 'classify'].includes(a))}'`,
  );
  expect(r.stderr, args.join(' ')).toContain(`${HELP}.`);
  // Said as every refusal says its fix, the command meant named whole (testers 387, 388), as the command
  // line to run (tester 389).
  return /^ {2}How to fix: did you mean `(.+?)`\? /.exec(lines[1] ?? '')?.[1] ?? null;
};

describe('a word that means a command (tester 374)', () => {
  it('is answered with the command it means, not the nearest by spelling', () => {
    // The words of the brief, each with the command a user typing it means.
    for (const [word, meant] of [
      ['import', 'ingest'],
      ['load', 'ingest'],
      ['add', 'ingest'],
      ['read', 'ingest'],
      ['analyse', 'analyze'],
      ['analysis', 'analyze'],
      ['reports', 'report'],
      ['classification', 'classify'],
      ['stats', 'store info'],
      ['status', 'store info'],
      ['info', 'store info'],
      // Case aside, and a letter off `import`, nearer it than any command's name (`report` is 3 edits off).
      ['Import', 'ingest'],
      ['imprt', 'ingest'],
    ])
      expect(suggested(word!), word).toBe(`safegap ${meant}`);
  }, 120_000);

  it('says the meaning below a command as from there, and leaves spelling to commander elsewhere', () => {
    // `store stats`: `info` below `store` (no command of store is within 2 edits of `stats`).
    expect(suggested('store', 'stats')).toBe('safegap store info');
    // `classify imprt`: `classify import` is a command, one letter off; `import` means it here.
    expect(suggested('classify', 'imprt')).toBe('safegap classify import');
    // Misspellings of a command's own name: commander's suggestion, as before.
    expect(suggested('reprot')).toBe('safegap report');
    expect(suggested('ingset')).toBe('safegap ingest');
    // Nothing near: no suggestion, the line where the commands are listed all the same.
    expect(suggested('xyz')).toBeNull();
  }, 120_000);

  it('runs nothing: the word is no alias', () => {
    const dir = tempDir('safegap-374-');
    const store = join(dir, 'store');
    // The words given go after the command meant (tester 389).
    expect(suggested('load', 'calls.csv', '--profile', 'minneapolis-cad', '--store', store)).toBe(
      `safegap ingest calls.csv --profile minneapolis-cad --store ${store}`,
    );
    expect(existsSync(store)).toBe(false);
  }, 60_000);
});

describe("an unknown command's --json (tester 374)", () => {
  const json = (...args: string[]) => {
    const r = cli(...args, '--json');
    expect(r.status, args.join(' ')).toBe(2);
    return JSON.parse(r.stdout) as unknown;
  };

  it('gives what was wrong in `error` and the command meant with `safegap --help` in `hint`', () => {
    expect(json('import')).toEqual({
      error: "unknown command 'import'",
      hint: `did you mean \`safegap ingest --json\`? ${HELP}.`,
    });
    // Below `store`, the command meant is named whole.
    expect(json('store', 'infoo')).toEqual({
      error: "unknown command 'infoo'",
      hint: `did you mean \`safegap store info --json\`? ${HELP}.`,
    });
    expect(json('classify', 'imprt')).toEqual({
      error: "unknown command 'imprt'",
      // `classify import` has no --json: left out of the command to run (tester 389).
      hint: `did you mean \`safegap classify import\`? ${HELP}.`,
    });
    // `repo`: `demo` and `report` are both two edits off; of them, only `report` takes the --json given
    // (tester 389).
    expect(cli('repo').stderr).toContain(`did you mean one of \`safegap demo\`, \`safegap report\`? `);
    expect(json('repo')).toEqual({
      error: "unknown command 'repo'",
      hint: `did you mean \`safegap report --json\`? ${HELP}.`,
    });
    expect(json('xyz')).toEqual({ error: "unknown command 'xyz'", hint: `${HELP}.` });
  }, 120_000);
});
