import { UserError } from '../util/user-error.js';

/** A share from 0 to 1; `open`: strictly between them (a goal of 0% or 100% cannot be planned for). */
export function parseRatio(value: string, flag: string, options: { open?: boolean } = {}): number {
  const n = plainNumber(value);
  const inRange = options.open ? n > 0 && n < 1 : n >= 0 && n <= 1;
  if (!Number.isFinite(n) || !inRange)
    throw new UserError(
      `${flag} must be a plain decimal ${options.open ? 'between 0 and 1, both excluded' : 'from 0 to 1'}, such as 0.2 (0.01 is 1%); got \`${value}\`.`,
      // `--reach-level 80` meant 80%; `1.5` is more likely a slip than 1.5% (tester 149).
      (n >= 2 && n <= 100) || /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)
        ? `a share is written as a decimal: ${parseFloat(value)}% is ${parseFloat(value) / 100}.`
        : numberHint(
            value,
            options.open && (n === 0 || n === 1)
              ? 'a share of 0 or 1 (0% or 100%) cannot be planned for: give one between, such as 0.2'
              : 'give a share from 0 to 1 as a plain decimal, such as 0.2 for 20%',
          ),
    );
  return n;
}

/**
 * The fix for a number refused: what is wrong with how it is written, where that is it (tester 249: most
 * refusals gave no "How to fix", and `-1` was told to be written "as a plain decimal"), else `otherwise`.
 */
function numberHint(value: string, otherwise: string): string {
  const v = value.trim();
  if (/^-\s*(\d+\.?\d*|\.\d+)$/.test(v)) return `${otherwise}; it cannot be negative.`;
  if (/^[-+]?(\d+\.?\d*|\.\d+)e[-+]?\d+$/i.test(v) && Number.isFinite(Number(v)))
    return `write it out in digits: ${v} is ${Number(v).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })}.`;
  return `${otherwise}.`;
}

/** A number written as a plain decimal, else NaN: Number() also reads `0x10` (16) and `1e3`. */
function plainNumber(value: string): number {
  return /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
}

export function parsePositiveInt(value: string, flag: string, least = 1, hint?: string): number {
  const n = plainNumber(value.replaceAll('_', ''));
  // Past 2^53 a number is no longer whole to the digit: 10^21 was taken, and printed as 1e+21 (tester 157).
  if (Number.isInteger(n) && !Number.isSafeInteger(n))
    throw new UserError(
      `${flag} must be a whole number up to ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}; got \`${value}\`.`,
      hint ?? `give a smaller number, such as ${least === 1 ? 10 : least * 10}.`,
    );
  if (!Number.isInteger(n) || n < least)
    throw new UserError(
      `${flag} must be a whole number ${least === 1 ? 'above 0' : `of at least ${least}`}; got \`${value}\`.`,
      hint ??
        numberHint(
          value,
          Number.isFinite(n) && !Number.isInteger(n)
            ? `give a whole number, such as ${Math.max(least, Math.round(n))}`
            : `give ${least} or more, in digits`,
        ),
    );
  return n;
}

/**
 * A number above 0, written as a plain decimal (`Number()` would also read `0x10` and `1e3`). `range`
 * words the whole bound where the caller has a narrower one: `--years 0` was told "above 0" and then
 * `0.0001` "from 0.003 (one day) to 50".
 */
export function parsePositive(value: string, flag: string, range = 'above 0'): number {
  const n = plainNumber(value);
  if (!(n > 0))
    throw new UserError(
      // `1e9` is above 0: what is wrong with it is how it is written.
      Number.isNaN(n) && !Number.isFinite(plainNumber(value.replace(/^\s*-/, '')))
        ? `${flag} must be a plain decimal number; got \`${value}\`.`
        : `${flag} must be a number ${range}; got \`${value}\`.`,
      numberHint(value, 'give a number above 0 as a plain decimal, such as 15 or 2.5'),
    );
  return n;
}

/**
 * A city id names a mapping file, mappings/<id>.csv: `../evil` wrote the mapping outside mappings/ (tester 128).
 * Commander's argParser: the refusal comes before the command does anything.
 */
export function parseCityId(value: string): string {
  // An empty one is refused as every option's is, by the program's hook.
  // Long enough for any city; a 300-character one was a file name too long, an internal error (tester 130).
  if (value.trim() !== '' && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(value))
    throw new UserError(
      `--city must be a city id, up to 100 letters, digits, _ and -, beginning with a letter or digit (it names mappings/<id>.csv); got \`${value}\`.`,
      'give the id alone, such as minneapolis; for a mapping file elsewhere, pass --mapping FILE.',
    );
  return value;
}
