/** Numbers as the report prints them (docs/report.md: rates whole from 10, one decimal from 1, two significant digits below). */
import { describe, expect, it } from 'vitest';
import { rate, unitCount } from '../../src/report/format.js';

describe('rate', () => {
  it('prints whole from 10, one decimal from 1 and two significant digits below', () => {
    expect(rate(12.4)).toBe('12');
    expect(rate(1.04)).toBe('1.0');
    expect(rate(2.96)).toBe('3.0');
    expect(rate(0.31)).toBe('0.31');
    expect(rate(0.0047)).toBe('0.0047');
    expect(rate(0)).toBe('0');
    expect(rate(null)).toBe('-');
  });

  it('prints a rate that rounds up to 1 as 1.0, as the rates from 1 print (tester 164)', () => {
    // 0.997403 units: two significant digits give 1.0, which the column writes `1.0` (1.04 is `1.0` too).
    expect(rate(0.997403)).toBe('1.0');
    expect(rate(0.995)).toBe('1.0');
    expect(rate(0.994)).toBe('0.99');
  });
});

describe('unitCount', () => {
  it('says one unit in the singular (tester 226: "at most 1 units on at once")', () => {
    expect([1, 2, 0, 12].map(unitCount)).toEqual(['1 unit', '2 units', '0 units', '12 units']);
  });
});
