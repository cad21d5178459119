/**
 * Erlang C (M/M/c queue) for the capacity planner (docs/metrics.md, "Capacity planner"). Calls arrive at
 * random (Poisson), each keeps one unit busy for an exponentially distributed time with mean `aht`, and a
 * call that finds every unit busy waits for the first free one.
 *
 * P(wait) is computed through the Erlang B recursion, B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)), and
 * C = c B / (c - A (1 - B)): no factorials or powers, so it stays exact for hundreds of units.
 */

/** Probability that a call waits for a unit, with `c` units and an offered load of `a` Erlangs. */
export function erlangC(c: number, a: number): number {
  if (!(a >= 0) || !Number.isInteger(c) || c < 0) throw new RangeError(`erlangC(${c}, ${a})`);
  if (a === 0) return 0;
  if (c <= a) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/**
 * Share of calls that wait no longer than `t` for a unit (t and aht in the same unit). With `fixed`, the
 * share reached within `t` when each call also takes a fixed part of `x` (call-taking, dispatch, travel)
 * drawn from the weights `w` (shares of calls; the values above `t` left out, so the weights sum to the
 * most any number of units can reach): sum of w P(wait <= t - x).
 */
export function serviceLevel(
  c: number,
  a: number,
  aht: number,
  t: number,
  fixed: readonly { x: number; w: number }[] = [{ x: 0, w: 1 }],
): number {
  if (a === 0) return fixed.reduce((s, f) => s + (f.x <= t ? f.w : 0), 0);
  if (c <= a) return 0;
  const C = erlangC(c, a);
  let level = 0;
  for (const f of fixed) if (f.x <= t) level += f.w * (1 - C * Math.exp((-(c - a) * (t - f.x)) / aht));
  return level;
}

/** Mean wait for a unit over all calls (the call centre's average speed of answer). */
export function meanWait(c: number, a: number, aht: number): number {
  if (a === 0) return 0;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * aht) / (c - a);
}

export type ServiceGoal =
  /**
   * At least `level` of calls wait no longer than `withinS` seconds for a free unit; with `fixed`, are
   * reached within `withinS` counting that fixed part too (serviceLevel).
   */
  | { kind: 'service_level'; withinS: number; level: number; fixed?: readonly { x: number; w: number }[] }
  /** The probability that a call waits at all is at most `p`. */
  | { kind: 'max_wait_probability'; p: number };

export function meetsGoal(c: number, a: number, ahtS: number, goal: ServiceGoal): boolean {
  return goal.kind === 'service_level'
    ? serviceLevel(c, a, ahtS, goal.withinS, goal.fixed) >= goal.level
    : erlangC(c, a) <= goal.p;
}

/**
 * Fewest units meeting the goal for an offered load of `a` Erlangs (0 when no calls arrive); null when none
 * does: a reach goal above the share the fixed part allows (P(wait) > 0 whatever the units), or more than
 * `most` units.
 */
export function unitsNeeded(a: number, ahtS: number, goal: ServiceGoal, most = 100_000): number | null {
  if (a === 0) return 0;
  for (let c = Math.floor(a) + 1; c <= Math.floor(a) + most; c++) if (meetsGoal(c, a, ahtS, goal)) return c;
  return null;
}
