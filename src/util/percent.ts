/**
 * A share given by the user (a goal, a target) as a percentage with the decimals it was given: 20%, 3.5%,
 * 12.25%. Rounded to a whole percent, a 3.5% target printed "The goal is 4%"; never an exponent (a target
 * of 1e-9 read "1e-7%").
 */
export function goalPercent(share: number): string {
  return `${(share * 100).toFixed(10).replace(/\.?0+$/, '')}%`;
}
