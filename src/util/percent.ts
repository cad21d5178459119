/**
 * A share given by the user (a goal, a target) as a percentage with the decimals it was given: 20%, 3.5%,
 * 12.25%. Rounded to a whole percent, a 3.5% target printed "The goal is 4%"; never an exponent (a target
 * of 1e-9 read "1e-7%").
 */
export function goalPercent(share: number): string {
  return `${(share * 100).toFixed(10).replace(/\.?0+$/, '')}%`;
}

/**
 * A fixed number of decimals, rounding the number as written (9.35 to 9.4), as the CSV's value reads:
 * `toFixed` rounds the double, 9.34999..., to 9.3 (tester 98).
 */
export function fixed(n: number, digits: number): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
}

/**
 * A share 0..1 as a percentage with one decimal (`9.3%`); `-` when there is no denominator. A share above 0
 * that would print as 0 reads `<0.1%`, and one under 1 that would print as 100 `>99.9%`: 1 call of 2,546
 * read "0.0%" beside its count (tester 132).
 */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '-';
  const text = fixed(share * 100, digits);
  const step = 10 ** -digits;
  if (share > 0 && Number(text) === 0) return `<${fixed(step, digits)}%`;
  if (share < 1 && Number(text) === 100) return `>${fixed(100 - step, digits)}%`;
  return `${text}%`;
}
