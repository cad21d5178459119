/**
 * Tester 386: no command printed a built-in profile (which column of `minneapolis-cad` is which time was
 * learnt by opening the package's profiles/*.yaml), and `safegap show`, `safegap profile view|display|print`
 * were told only "unknown command", with no command meant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/shared-data.js';

const HELP = "`safegap --help` lists the commands; `safegap help COMMAND` shows a command's usage";

describe('safegap profile show (tester 386)', () => {
  it('prints a built-in profile as its file is written', () => {
    for (const name of ['minneapolis-cad', 'synthetic-city']) {
      const r = cli('profile', 'show', name);
      expect(r.status, name).toBe(0);
      expect(r.stderr, name).toBe('');
      expect(r.stdout, name).toBe(readFileSync(join(ROOT, 'profiles', `${name}.yaml`), 'utf8'));
    }
  }, 60_000);

  it('prints a file given by its path as written, comments, quoting and line ends kept', () => {
    const file = join(tempDir('safegap-386-'), 'my-city.yaml');
    // A valid profile written by hand in a way no writer of YAML would reproduce from its values.
    const text = [
      '# my city   (comment kept)',
      "name: 'My city'",
      'source: my_city',
      'time_zone:   America/Denver',
      'timestamps: { format: "%Y-%m-%d %H:%M:%S", clock: local }',
      'id: incident',
      'times:',
      '    received: Call Time   # the phone rang',
      'origin: { default: unknown, rules: [] }',
      'responder:',
      '  default: police',
      '  rules: []',
      '',
    ].join('\r\n');
    writeFileSync(file, text);
    const r = cli('profile', 'show', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text);
  }, 60_000);

  it('with --json gives the profile as loaded: every key the file sets, and the defaults of the others', () => {
    const r = cli('profile', 'show', 'synthetic-city', '--json');
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stdout) as Record<string, unknown>;
    // Every value written in the file, read from it a second way (the YAML parser, in the test).
    const written = parse(readFileSync(join(ROOT, 'profiles/synthetic-city.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(loaded).toMatchObject(written);
    // By hand, from the file: the column each time is read from.
    expect(loaded.times).toEqual({
      received: 'call_received',
      queued: 'queued',
      assigned: 'dispatched',
      enroute: 'enroute',
      arrived: 'arrived',
      cleared: 'cleared',
      closed: 'closed',
    });
    // The file sets no `format`; a profile's default is a UTF-8 CSV with commas (docs/profiles.md).
    expect(written.format).toBeUndefined();
    expect(loaded.format).toEqual({ type: 'csv', delimiter: ',', quote: '"', encoding: 'utf-8' });
  }, 60_000);

  it('refuses a name that is neither a file nor a built-in profile as `ingest -p` does', () => {
    const said =
      'safegap: Profile unknown not found: it is neither a file nor a built-in profile.\n' +
      '  How to fix: give the path to a profile YAML file, or one of the built-in names (see `safegap profile list`).\n';
    const r = cli('profile', 'show', 'unknown');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(said);
    const dir = tempDir('safegap-386-');
    const ingest = cli('ingest', join(dir, 'calls.csv'), '-p', 'unknown', '-s', join(dir, 'store'));
    expect([ingest.status, ingest.stderr]).toEqual([2, said]);
    const json = cli('profile', 'show', 'unknown', '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: 'Profile unknown not found: it is neither a file nor a built-in profile.',
      hint: 'give the path to a profile YAML file, or one of the built-in names (see `safegap profile list`).',
    });
  }, 60_000);
});

describe('a word for showing a profile (tester 386)', () => {
  it('is answered with `profile show`, named whole below `safegap profile` too', () => {
    const refusal = (word: string, meant: string) =>
      `safegap: unknown command '${word}'\n  How to fix: did you mean \`${meant}\`? ${HELP}.\n`;
    // As the command line to run, with the words given after the word refused (tester 389).
    for (const [args, word, meant] of [
      [['show'], 'show', 'safegap profile show'],
      [['show', 'minneapolis-cad'], 'show', 'safegap profile show minneapolis-cad'],
      [['profile', 'view', 'minneapolis-cad'], 'view', 'safegap profile show minneapolis-cad'],
      [['profile', 'display'], 'display', 'safegap profile show'],
      [['profile', 'print'], 'print', 'safegap profile show'],
    ] as const) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toBe(refusal(word, meant));
    }
  }, 120_000);

  it('is named whole in the hint of --json', () => {
    for (const args of [['show'], ['profile', 'view']]) {
      const r = cli(...args, '--json');
      expect(r.status, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout), args.join(' ')).toEqual({
        error: `unknown command '${args.at(-1)!}'`,
        hint: `did you mean \`safegap profile show --json\`? ${HELP}.`,
      });
    }
  }, 60_000);
});
