/**
 * Erlang C against closed forms and a published worked example.
 */
import { describe, expect, it } from 'vitest';
import { erlangC, meanWait, serviceLevel, unitsNeeded } from '../../src/analyse/erlang.js';

/** The textbook formula, with factorials and powers, for small c only. */
function direct(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('is the utilisation with one unit and 2 rho^2 / (1 + rho) with two (M/M/1, M/M/2 closed forms)', () => {
    for (const a of [0.1, 0.5, 0.9]) expect(erlangC(1, a)).toBeCloseTo(a, 12);
    for (const a of [0.4, 1, 1.8]) {
      const rho = a / 2;
      expect(erlangC(2, a)).toBeCloseTo((2 * rho * rho) / (1 + rho), 12);
    }
  });

  it('agrees with the factorial formula up to 30 units', () => {
    for (let c = 1; c <= 30; c++)
      for (const u of [0.3, 0.7, 0.95]) expect(erlangC(c, c * u)).toBeCloseTo(direct(c, c * u), 10);
  });

  it('reproduces the Call Centre Helper worked example', () => {
    // "Erlang C Formula – Made Simple With an Easy Worked Example", callcentrehelper.com: 100 calls in 30
    // minutes, average handling time 180 s, so 10 Erlangs; service goal 80% answered within 20 s. Published:
    // with 11 agents the probability of waiting is 68.21%, the service level 39% and the average speed of
    // answer 122.8 s; 14 agents are needed for 80/20.
    const a = (100 * 180) / 1800;
    expect(a).toBe(10);
    expect(erlangC(11, a)).toBeCloseTo(0.6821, 4);
    expect(serviceLevel(11, a, 180, 20)).toBeCloseTo(0.39, 2);
    expect(meanWait(11, a, 180)).toBeCloseTo(122.8, 1);
    expect(unitsNeeded(a, 180, { kind: 'service_level', withinS: 20, level: 0.8 })).toBe(14);
    expect(serviceLevel(13, a, 180, 20)).toBeLessThan(0.8);
  });

  it('needs no unit without calls and always more units than the load', () => {
    expect(unitsNeeded(0, 1800, { kind: 'max_wait_probability', p: 0.2 })).toBe(0);
    expect(erlangC(3, 3)).toBe(1);
    expect(serviceLevel(3, 3.5, 60, 60)).toBe(0);
    // A = 1 Erlang, P(wait) <= 0.2: two units wait 1/3 of the time, three 0.25 / 2.75 = 1/11.
    expect(unitsNeeded(1, 1800, { kind: 'max_wait_probability', p: 0.2 })).toBe(3);
    expect(erlangC(3, 1)).toBeCloseTo(1 / 11, 12);
  });
});
