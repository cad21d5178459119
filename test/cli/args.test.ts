/** The command line's number options (src/cli/args.ts): what each takes, and the fix for what it refuses. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePositive, parsePositiveInt, parseRatio } from '../../src/cli/args.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The refusal of `parse` as message and hint, or what it returned. */
function refusal(parse: () => number): { message: string; hint: string | undefined } | number {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { message: e.message, hint: e.hint };
  }
}

const MIN_COUNT_ADVICE =
  'a block listed for a single call points at one household: keep the default 11, or at least 2.';
const minCount = (v: string) => () => parsePositiveInt(v, '--min-count', 2, MIN_COUNT_ADVICE);

describe('number options written with separators (tester 252)', () => {
  const dir = tempDir();
  it('refuses a count with a thousands separator, with the number in digits as the fix', () => {
    // Each was told "give 1 or more, in digits", and `1_000` was taken.
    for (const v of ['1,000', '1 000', "1'000", '1\u00a0000', '1_000'])
      expect(refusal(() => parsePositiveInt(v, '--calls'))).toEqual({
        message: `--calls must be a whole number above 0; got \`${v}\`.`,
        hint: `write it in digits alone, without the thousands separator: ${v} is 1000.`,
      });
    expect(refusal(() => parsePositiveInt('12,345,678', '--top'))).toMatchObject({
      hint: 'write it in digits alone, without the thousands separator: 12,345,678 is 12345678.',
    });
    expect(refusal(() => parsePositiveInt('1,000.5', '--top'))).toMatchObject({
      hint: 'write it in digits alone, without the thousands separator: 1,000.5 is 1000.5, and as a whole number, such as 1001.',
    });
  });

  it('never reads 1.000 as 1 in a count: a thousand in many countries', () => {
    expect(refusal(() => parsePositiveInt('1.000', '--calls'))).toEqual({
      message: '--calls must be a whole number above 0; got `1.000`.',
      hint: 'write it in digits alone, without the thousands separator: 1.000 is 1000 (or 1, if the point is a decimal one).',
    });
    expect(refusal(() => parsePositiveInt('1.000.000', '--calls'))).toMatchObject({
      hint: 'write it in digits alone, without the thousands separator: 1.000.000 is 1000000.',
    });
    // A decimal point that groups nothing is still read: 2.0 is 2, 1.5 is no whole number.
    expect(parsePositiveInt('2.0', '--calls')).toBe(2);
    expect(refusal(() => parsePositiveInt('1.5', '--calls'))).toMatchObject({
      hint: 'give a whole number, such as 2.',
    });
    expect(parsePositiveInt('1000', '--calls')).toBe(1000);
  });

  it('says how a --min-count is written before its advice on small counts', () => {
    // `1,000` got "keep the default 11, or at least 2", and `1e2` no "1e2 is 100".
    expect(refusal(minCount('1,000'))).toEqual({
      message: '--min-count must be a whole number of at least 2; got `1,000`.',
      hint: 'write it in digits alone, without the thousands separator: 1,000 is 1000.',
    });
    expect(refusal(minCount('1e2'))).toMatchObject({ hint: 'write it out in digits: 1e2 is 100.' });
    expect(refusal(minCount('1,5'))).toMatchObject({
      hint: '1,5 is 1.5 (a decimal comma): give a whole number, such as 2.',
    });
    // A count too small keeps the option's own advice.
    for (const v of ['1', '-3']) expect(refusal(minCount(v))).toMatchObject({ hint: MIN_COUNT_ADVICE });
  });

  it('does not turn a goal of 0% or 100% into a decimal refused next (tester 340)', () => {
    // "100% is 1", and `--target 1` was then refused as a share that cannot be planned for.
    const target = (v: string) => () => parseRatio(v, '--target', { open: true });
    for (const v of ['100%', '100', '0%', '1', '0'])
      expect(refusal(target(v))).toMatchObject({
        hint: 'a share of 0 or 1 (0% or 100%) cannot be planned for: give one between, such as 0.2.',
      });
    expect(refusal(target('20%'))).toMatchObject({ hint: 'a share is written as a decimal: 20% is 0.2.' });
    // A level may be 100%: 1 is taken.
    expect(refusal(() => parseRatio('100%', '--reach-level'))).toMatchObject({
      hint: 'a share is written as a decimal: 100% is 1.',
    });
  });

  it('reads a decimal comma back as a decimal point in a number or a share', () => {
    for (const flag of ['--reach-minutes', '--horizon-years', '--years'])
      expect(refusal(() => parsePositive('1,5', flag))).toEqual({
        message: `${flag} must be a plain decimal number; got \`1,5\`.`,
        hint: 'write it with a decimal point: 1,5 is 1.5 (a decimal comma).',
      });
    expect(refusal(() => parseRatio('0,2', '--target', { open: true }))).toMatchObject({
      hint: 'write it with a decimal point: 0,2 is 0.2 (a decimal comma).',
    });
    // One group of three after a comma may be either.
    expect(refusal(() => parsePositive('1,000', '--reach-minutes'))).toMatchObject({
      hint: 'write it in digits alone, without the thousands separator: 1,000 is 1000 (or 1, if the comma is a decimal one).',
    });
    const written: [string, string][] = [
      ['1 000', '1000'],
      ['1_000', '1000'],
      ['1.000,5', '1000.5'],
    ];
    for (const [v, digits] of written)
      expect(refusal(() => parsePositive(v, '--reach-minutes'))).toMatchObject({
        hint: `write it in digits alone, without the thousands separator: ${v} is ${digits}.`,
      });
    expect(parsePositive('1.5', '--reach-minutes')).toBe(1.5);
  });

  it('refuses them on the command line as a user error, naming the option and the value (number)', () => {
    const out = join(dir, 'city.csv');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const synth = run('synth', '--calls', '1_000', '--out', out);
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({
      status: 2,
      stderr:
        'safegap: --calls must be a whole number above 0; got `1_000`.\n' +
        '  How to fix: write it in digits alone, without the thousands separator: 1_000 is 1000.\n',
    });
    const analyze = run('analyze', '--store', join(dir, 'none'), '--horizon-years', '1,5');
    expect({ status: analyze.status, stderr: analyze.stderr }).toEqual({
      status: 2,
      stderr:
        'safegap: --horizon-years must be a plain decimal number; got `1,5`.\n' +
        '  How to fix: write it with a decimal point: 1,5 is 1.5 (a decimal comma).\n',
    });
  });
});
