/**
 * A number rounded to 15 significant digits, the most a double holds exactly: arithmetic's last-bit noise
 * (a mean of whole minutes printed 34.99999999999999) goes, and nothing a figure means is lost. Whole
 * numbers as they are. Every figure safegap writes is rounded so, `store info` as `analyze` (tester 240).
 */
export function noNoise(v: number): number {
  return Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(15)) : v;
}
