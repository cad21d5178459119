/**
 * Tester 383: command-line leftovers of tester 377. An option before its command with no value
 * (`safegap -s analyze`) and options with no command at all (`safegap -o=x`) were "unknown option";
 * `safegap help import` only listed the commands, where `safegap import` names the one meant; an unknown
 * option's "Did you mean --json?" was folded into --json's `error`; and an option left without its value at
 * the end (`analyze -s`) was commander's "option '-s, --store <dir>' argument missing".
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliIn, refusedBy } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-383-');

const HELP = "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

const run = cliIn(dir);
const refused = refusedBy(run);

describe('an option before its command, or with none (tester 383)', () => {
  it('says where it goes when it has no value', () => {
    refused(
      ['-s', 'analyze'],
      '-s was given before the command it belongs to, analyze.',
      'options go after the command: `safegap analyze -s DIR --json`.',
    );
    // A short option's value after `=`, moved after the command with a space.
    refused(
      ['-s=store', 'analyze'],
      '-s was given before the command it belongs to, analyze.',
      'options go after the command: `safegap analyze -s store --json`.',
    );
  }, 60_000);

  it('names the commands it belongs to when no command is given', () => {
    // `-o` is the short name of an option of these six commands alone (their --help).
    // Without --json, which three of them lack.
    const o = run('-o=x');
    expect(o.status).toBe(2);
    expect(o.stderr).toBe(
      'safegap: -o was given with no command before it; it is an option of profile schema, profile init, classify export, synth, analyze, report.\n' +
        '  How to fix: options go after the command: `safegap COMMAND -o x`.\n',
    );
    // `--json` (given last by `refused`) and `-s` together: the commands that have both.
    refused(
      ['-s', 'x'],
      '-s, --json were given with no command before them; they are options of ingest, store info, store versions, store use, analyze, report.',
      'options go after the command: `safegap COMMAND -s x --json`.',
    );
    // An option of no command stays commander's.
    const r = run('--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("safegap: unknown option '--bogus'");
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('an option without its value at the end (tester 383)', () => {
  it('says what value it takes', () => {
    refused(
      ['analyze', '-s'],
      // `--json` comes after `-s` in `refused`: it is taken as the folder, refused as an option.
      '--store was given `--json`, an option of analyze, where a folder was expected.',
      'give the folder after --store (`--store DIR`), and --json on its own.',
    );
    for (const [args, error, hint] of [
      [
        ['analyze', '-s'],
        '--store was given no value: it is the last word, and a folder was expected after it.',
        'give the folder after --store (`--store DIR`).',
      ],
      [
        ['synth', '-o', 'x.csv', '--calls'],
        '--calls was given no value: it is the last word, and a number was expected after it.',
        'give the number after --calls (`--calls N`).',
      ],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`safegap: ${error}\n  How to fix: ${hint}\n`);
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('`safegap help WORD` where WORD names no command (tester 383)', () => {
  it('names the command meant, as `safegap WORD` does', () => {
    for (const [word, meant, how] of [
      ['import', 'ingest', 'safegap help ingest'],
      ['load', 'ingest', 'safegap help ingest'],
      ['analyse', 'analyze', 'safegap help analyze'],
      // `safegap help store info` describes `store`.
      ['info', 'store info', 'safegap store info --help'],
      // Nearest by spelling, as commander answers `safegap reprot`.
      ['reprot', 'report', 'safegap help report'],
    ])
      refused(
        ['help', word!],
        `There is no command \`${word}\`.`,
        `did you mean \`${meant}\`? \`${how}\` describes it.`,
      );
    // Nothing near: the commands listed, as before.
    refused(
      ['help', 'xyz'],
      'There is no command `xyz`.',
      'the commands are ingest, profile, store, classify, synth, demo, analyze, report; `safegap help COMMAND` describes one.',
    );
  }, 120_000);
});

describe("an unknown option's --json (tester 383)", () => {
  it('gives the option meant in `hint`, as an unknown command does', () => {
    const json = (...args: string[]) => {
      const r = run(...args, '--json');
      expect(r.status, args.join(' ')).toBe(2);
      return JSON.parse(r.stdout) as unknown;
    };
    expect(json('analyze', '-s', 'store', '--jsn')).toEqual({
      error: "unknown option '--jsn'",
      hint: `did you mean \`--json\`? ${HELP}.`,
    });
    expect(json('analyze', '-s', 'store', '--bogus')).toEqual({
      error: "unknown option '--bogus'",
      hint: `${HELP}.`,
    });
    // A file named with a leading dash: the fix stderr gives (tester 149) is the hint's too.
    expect(json('analyze', '-s', 'store', '-calls.csv')).toEqual({
      error: "unknown option '-calls.csv'",
      hint: `if -calls.csv is a file, write it as ./-calls.csv. ${HELP}.`,
    });
  }, 60_000);
});
