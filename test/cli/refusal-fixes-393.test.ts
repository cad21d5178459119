/**
 * Tester 393: fixes of a mistyped command line that still failed when pasted. `safegap reports -s S -o
 * --public` was told `safegap report -s S -o --public` (`-o` has no value); `safegap show -s S` was told
 * `safegap profile show S` (`-s` dropped, the store taken as a profile) where `-s` fits `store info`; an
 * option before its command whose fix is refused in turn got two instructions and no command to paste.
 * Each fix is pasted here: refused only for what the user must supply (a store that is not there).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliIn, refusedBy } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-393-');
const run = cliIn(dir);
const refused = refusedBy(run);

const HELP = "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

/** The refusal of an unknown command `word` whose fix is `fix`. */
const unknown = (word: string, fix: string) =>
  `safegap: unknown command '${word}'\n  How to fix: did you mean ${fix} ${HELP}.\n`;

/** `run(...args)` is refused only because the store `store` is not there. */
const onlyTheStore = (args: string[], store: string) => {
  const r = run(...args);
  expect(r.status, args.join(' ')).toBe(2);
  expect(r.stderr.split('\n')[0], args.join(' ')).toBe(
    `safegap: ${store} does not exist: there is no safegap store there.`,
  );
};

describe("an unknown command's fix the command meant would refuse (tester 393)", () => {
  it('names the value left out, says its fix, and works when pasted', () => {
    expect(run('reports', '-s', 'bstore', '-o', '--public').stderr).toBe(
      unknown(
        'reports',
        '`safegap report -s bstore -o DIR --public`? --out was given `--public`, an option of report, where a folder was expected; give the folder after --out (`--out DIR`), and --public on its own.',
      ),
    );
    onlyTheStore(['report', '-s', 'bstore', '-o', 'DIR', '--public'], 'bstore');
    // `-o` last: no value at all.
    expect(run('reports', '-s', 'bstore', '-o').stderr).toBe(
      unknown(
        'reports',
        '`safegap report -s bstore -o DIR`? --out was given no value: it is the last word, and a folder was expected after it; give the folder after --out (`--out DIR`).',
      ),
    );
    onlyTheStore(['report', '-s', 'bstore', '-o', 'DIR'], 'bstore');
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('says an option the command meant has not, left out with its value', () => {
    expect(run('reports', '-s', 'bstore', '--bogus').stderr).toBe(
      unknown('reports', '`safegap report -s bstore`? --bogus, which report has not, is left out.'),
    );
    // `-s` takes a value wherever it is an option: `x` goes with it, not to the profile.
    expect(run('show', 'minneapolis-cad', '-s', 'x').stderr).toBe(
      unknown('show', '`safegap profile show minneapolis-cad`? -s, which profile show has not, is left out.'),
    );
    expect(run('profile', 'show', 'minneapolis-cad').status).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});

describe('a word whose options fit another meaning (tester 393)', () => {
  it('`show -s DIR` names store info, as `store show` does', () => {
    expect(run('show', '-s', 'bstore').stderr).toBe(unknown('show', '`safegap store info -s bstore`?'));
    onlyTheStore(['store', 'info', '-s', 'bstore'], 'bstore');
    // With no option only store info has, still profile show.
    expect(run('show', 'minneapolis-cad').stderr).toBe(
      unknown('show', '`safegap profile show minneapolis-cad`?'),
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});

describe('an option before its command whose fix is refused in turn (tester 393)', () => {
  it('gives the whole command, the value to supply as a placeholder', () => {
    refused(
      ['--store', 'bstore', 'report', '-o', '--public'],
      '--store was given before the command it belongs to, report; and --out was given `--public`, an option of report, where a folder was expected.',
      'put `--store bstore` after `report`; then give the folder after --out (`--out DIR`), and --public on its own. That is: `safegap report --store bstore -o DIR --public --json`.',
    );
    onlyTheStore(['report', '--store', 'bstore', '-o', 'DIR', '--public', '--json'], 'bstore');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
