import { UserError } from '../util/user-error.js';

/**
 * A share from 0 to 1; `open`: strictly between them (a goal of 0% or 100% cannot be planned for).
 * `example`: the share a refusal suggests, one the option would take (tester 346: `--reach-level 1.5`, a
 * share of calls reached in time whose default is 0.8, was told "such as 0.2", the --target's example).
 */
export function parseRatio(
  value: string,
  flag: string,
  options: { open?: boolean; example?: number } = {},
): number {
  const n = plainNumber(value);
  const example = options.example ?? 0.2;
  const percent = `${Math.round(example * 1e6) / 1e4}%`;
  const fits = (x: number) => (options.open ? x > 0 && x < 1 : x >= 0 && x <= 1);
  // A percentage only where the value is written as one: parseFloat reads `0x1` as 0 and `100abc` as 100,
  // which were told a share of 0 or 1 cannot be planned for, not that they are no plain decimal (tester 357).
  const asPercent = /^\s*\d+(\.\d+)?\s*%?\s*$/.test(value) ? parseFloat(value) / 100 : NaN;
  if (!Number.isFinite(n) || !fits(n))
    throw new UserError(
      `${flag} must be a plain decimal ${options.open ? 'between 0 and 1, both excluded' : 'from 0 to 1'}, such as ${example} (${example === 0.01 ? '0.05 is 5%' : '0.01 is 1%'}); got \`${value}\`.`,
      // `--reach-level 80` meant 80%; `1.5` is more likely a slip than 1.5% (tester 149). Not where the
      // decimal is refused too: `--target 100%` was told "100% is 1", and 1 was refused next (tester 340).
      ((n >= 2 && n <= 100) || /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)) && fits(asPercent)
        ? `a share is written as a decimal: ${parseFloat(value)}% is ${parseFloat(value) / 100}.`
        : numberHint(
            value,
            options.open && [n, asPercent].some((x) => x === 0 || x === 1)
              ? `a share of 0 or 1 (0% or 100%) cannot be planned for: give one between, such as ${example}`
              : // The message's own bounds: "between 0 and 1, both excluded" was told "from 0 to 1" (tester 347).
                `give a share ${options.open ? 'between 0 and 1' : 'from 0 to 1'} as a plain decimal, such as ${example} for ${percent}`,
          ),
    );
  return n;
}

/**
 * The fix for a number refused: what is wrong with how it is written, where that is it (tester 249: most
 * refusals gave no "How to fix", and `-1` was told to be written "as a plain decimal"), else `otherwise`.
 */
function numberHint(value: string, otherwise: string, whole?: { least: number }): string {
  const v = value.trim();
  if (/^-\s*(\d+\.?\d*|\.\d+)$/.test(v)) return `${otherwise}; it cannot be negative.`;
  return shapeHint(value, whole) ?? `${otherwise}.`;
}

/**
 * The fix for a number written other than in digits, or undefined: an exponent, or a separator, which
 * `1,000`, `1 000`, `1'000`, `1_000` and in a count `1.000` are, and `1,5` a decimal comma's (tester 252:
 * these were told "give 1 or more, in digits", or the option's advice, and `1_000` was taken).
 * `whole`: for a count, whose fix is a whole number.
 */
function shapeHint(value: string, whole?: { least: number }): string | undefined {
  const v = value.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)e[-+]?\d+$/i.test(v) && Number.isFinite(Number(v)))
    return `write it out in digits: ${v} is ${Number(v).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })}.`;
  const read = separated(v, whole !== undefined);
  if (read === undefined) return undefined;
  const n = Number(read.digits);
  const rounded = whole && !Number.isInteger(n) ? Math.max(whole.least, Math.round(n)) : undefined;
  if (read.decimalComma)
    return rounded !== undefined
      ? `${v} is ${read.digits} (a decimal comma): give a whole number, such as ${rounded}.`
      : `write it with a decimal point: ${v} is ${read.digits} (a decimal comma).`;
  return (
    `write it in digits alone, without the thousands separator: ${v} is ${read.digits}` +
    // In a count `1.000` is never 1 (tester 252); `1,000` for minutes may be 1 with a decimal comma.
    (read.or !== undefined
      ? ` (or ${read.or}, if the ${v.includes(',') ? 'comma' : 'point'} is a decimal one)`
      : '') +
    (rounded !== undefined ? `, and as a whole number, such as ${rounded}.` : '.')
  );
}

/**
 * A number written with separators, as digits with a decimal point (`1,000.5` is `1000.5`, `1.000,5` and
 * `1 000,5` too), else undefined. `or`: the other reading of one group after a comma, `1,000` (1.000) in a
 * decimal, or after a point, `1.000` (1) in a count, which a plain decimal reads it as.
 */
function separated(
  v: string,
  whole: boolean,
): { digits: string; decimalComma?: boolean; or?: string } | undefined {
  // Underscores group digits in code (`1_000`), anywhere.
  const code = /^(\d+(?:_\d+)+)(\.\d+)?$/.exec(v);
  if (code) return { digits: code[1]!.replaceAll('_', '') + (code[2] ?? '') };
  // Groups of three after a comma, point, apostrophe (Swiss), or a space (plain, no-break or thin), one
  // separator throughout; then, maybe, a decimal point or comma that is not that separator.
  const grouped = /^([1-9]\d{0,2})([,.'\u2019 \u00a0\u2009\u202f])(\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(
    v,
  );
  if (grouped && grouped[4] !== grouped[2]) {
    const [, head, sep, rest, , fraction] = grouped;
    const digits = head! + rest!.split(sep!).join('') + (fraction !== undefined ? `.${fraction}` : '');
    const oneGroup = rest!.length === 3 && fraction === undefined;
    if (oneGroup && sep === (whole ? '.' : ',')) return { digits, or: String(Number(`${head}.${rest}`)) };
    return { digits };
  }
  const comma = /^(\d*),(\d+)$/.exec(v);
  if (comma) return { digits: `${comma[1] || '0'}.${comma[2]}`, decimalComma: true };
  return undefined;
}

/** A number written as a plain decimal, else NaN: Number() also reads `0x10` (16) and `1e3`. */
function plainNumber(value: string): number {
  return /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
}

export function parsePositiveInt(value: string, flag: string, least = 1, hint?: string): number {
  // `1_000` was read as 1000, and `1.000` as 1, a thousand in many countries: both are refused with the fix
  // (tester 252), as `1,000` is.
  const n = separated(value.trim(), true) ? NaN : plainNumber(value);
  // Past 2^53 a number is no longer whole to the digit: 10^21 was taken, and printed as 1e+21 (tester 157).
  if (Number.isInteger(n) && !Number.isSafeInteger(n))
    throw new UserError(
      `${flag} must be a whole number up to ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}; got \`${value}\`.`,
      hint ?? `give a smaller number, such as ${least === 1 ? 10 : least * 10}.`,
    );
  if (!Number.isInteger(n) || n < least)
    throw new UserError(
      `${flag} must be a whole number ${least === 1 ? 'above 0' : `of at least ${least}`}; got \`${value}\`.`,
      // How it is written comes before the option's own advice: `--min-count 1,000` was told to keep 11.
      shapeHint(value, { least }) ??
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
export function parsePositive(
  value: string,
  flag: string,
  range = 'above 0',
  // The option's own fix: `--horizon-years 0` was told "such as 15 or 2.5", and 101 "1, 3 or 0.5" (tester 357).
  hint = 'give a number above 0 as a plain decimal, such as 15 or 2.5',
): number {
  const n = plainNumber(value);
  if (!(n > 0))
    throw new UserError(
      // `1e9` is above 0: what is wrong with it is how it is written.
      Number.isNaN(n) && !Number.isFinite(plainNumber(value.replace(/^\s*-/, '')))
        ? `${flag} must be a plain decimal number; got \`${value}\`.`
        : `${flag} must be a number ${range}; got \`${value}\`.`,
      numberHint(value, hint),
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
