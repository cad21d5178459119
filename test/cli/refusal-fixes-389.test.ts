/**
 * Tester 389: fixes of a mistyped command line that failed when pasted. An unknown command's fix named the
 * command meant without the words given after it (`safegap show minneapolis-cad` -> `profile show`); an
 * option before its command was moved into a command refused again (`safegap --store S report -o
 * --public`), or next to the same option given after it (`safegap -s analyze -s store`); `safegap store
 * show` got no suggestion, and `view`, `display`, `print` named `profile show` alone, not the report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn, refusedBy, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-389-');
const run = cliIn(dir);
const refused = refusedBy(run);

const HELP = "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

/** The refusal of an unknown command `word` whose fix is `fix`. */
const unknown = (word: string, fix: string) =>
  `safegap: unknown command '${word}'\n  How to fix: did you mean ${fix}? ${HELP}.\n`;

describe("an unknown command's fix, with the words given (tester 389)", () => {
  it('repeats the words after the command meant, and works when pasted', () => {
    const r = run('show', 'minneapolis-cad');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(unknown('show', '`safegap profile show minneapolis-cad`'));
    // Pasted, it prints the profile as its file is written.
    const pasted = run('profile', 'show', 'minneapolis-cad');
    expect(pasted.status).toBe(0);
    expect(pasted.stdout).toBe(readFileSync(join(ROOT, 'profiles/minneapolis-cad.yaml'), 'utf8'));
    // Below `store`, a value with a space quoted as a shell reads it.
    expect(run('store', 'infoo', '-s', 'a b').stderr).toBe(unknown('infoo', "`safegap store info -s 'a b'`"));
    // An option the command meant has not is left out, and said (tester 393): `ingest -V` would be refused.
    expect(run('import', '-V').stderr).toBe(
      `safegap: unknown command 'import'\n  How to fix: did you mean \`safegap ingest\`? -V, which ingest has not, is left out. ${HELP}.\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('is the hint of --json too, the options before the word after the command', () => {
    refused(
      ['import', 'x.csv', '-p', 'minneapolis-cad'],
      "unknown command 'import'",
      `did you mean \`safegap ingest x.csv -p minneapolis-cad --json\`? ${HELP}.`,
    );
    const r = run('--json', 'import', 'x.csv');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: "unknown command 'import'",
      hint: `did you mean \`safegap ingest --json x.csv\`? ${HELP}.`,
    });
  }, 60_000);
});

describe('a word that may mean the report or a profile (tester 389)', () => {
  it('names both, the shortest first, or the one the words given fit', () => {
    for (const word of ['view', 'display', 'print'])
      expect(run(word).stderr, word).toBe(unknown(word, 'one of `safegap report`, `safegap profile show`'));
    // The report takes no operand; `profile show` takes no --store.
    expect(run('view', 'minneapolis-cad').stderr).toBe(
      unknown('view', '`safegap profile show minneapolis-cad`'),
    );
    expect(run('print', '-s', 'S', '-o', 'out').stderr).toBe(
      unknown('print', '`safegap report -s S -o out`'),
    );
  }, 120_000);

  it('below `store`, means `store info`', () => {
    expect(run('store', 'show').stderr).toBe(unknown('show', '`safegap store info`'));
    expect(run('store', 'view', '-s', 'S').stderr).toBe(unknown('view', '`safegap store info -s S`'));
    // `safegap help view` names both too, each with where it is described.
    refused(
      ['help', 'view'],
      'There is no command `view`.',
      'did you mean `report` or `profile show`? `safegap help report` or `safegap profile show --help` describes it.',
    );
  }, 120_000);
});

describe('an option before its command whose fix would be refused (tester 389)', () => {
  it('says both fixes, and no command refused as pasted', () => {
    refused(
      ['--store', 'S', 'report', '-o', '--public'],
      '--store was given before the command it belongs to, report; and --out was given `--public`, an option of report, where a folder was expected.',
      // With the whole command to paste, DIR to be supplied (tester 393).
      'put `--store S` after `report`; then give the folder after --out (`--out DIR`), and --public on its own. That is: `safegap report --store S -o DIR --public --json`.',
    );
    // Both fixes made by hand: refused only for the store, which is not there.
    const fixed = run('report', '--store', 'S', '-o', 'DIR', '--public');
    expect(fixed.status).toBe(2);
    expect(fixed.stderr.split('\n')[0]).toBe('safegap: S does not exist: there is no safegap store there.');
    refused(
      ['-s', 'S', 'report', '-o'],
      // `--json` (given last) is taken as the folder of `-o`.
      '-s was given before the command it belongs to, report; and --out was given `--json`, an option of report, where a folder was expected.',
      'put `-s S` after `report`; then give the folder after --out (`--out DIR`), and --json on its own. That is: `safegap report -s S -o DIR --json`.',
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('does not move an option given after the command too', () => {
    refused(
      ['-s', 'analyze', '-s', 'store'],
      '-s was given before the command it belongs to, analyze.',
      'options go after the command: `safegap analyze -s store --json`.',
    );
    refused(
      ['-s', 'a', 'analyze', '-s', 'b'],
      '-s was given before the command it belongs to, analyze.',
      'options go after the command: `safegap analyze -s b --json` (`-s a`, given before it as well, is left out: write it in place of the one after it if it is the one meant).',
    );
    // Pasted: refused only for the store, which is not there.
    const pasted = run('analyze', '-s', 'store', '--json');
    expect(pasted.status).toBe(2);
    expect(JSON.parse(pasted.stdout)).toMatchObject({
      error: 'store does not exist: there is no safegap store there.',
    });
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe("the store's versions under other words (tester 391)", () => {
  it('are answered with store versions and store use, the words given kept', () => {
    expect(run('store', 'list', '-s', 'x').stderr).toBe(unknown('list', '`safegap store versions -s x`'));
    expect(run('store', 'ls').stderr).toBe(unknown('ls', '`safegap store versions`'));
    // Once, though `rollback` means `store use` at the top and below `store` alike.
    expect(run('store', 'rollback', 'v4', '-s', 'x').stderr).toBe(
      unknown('rollback', '`safegap store use v4 -s x`'),
    );
    expect(run('rollback', '-s', 'x').stderr).toBe(unknown('rollback', '`safegap store use -s x`'));
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
