/**
 * Linear facts (suppress.ts, `Fact`) for the audit's linear programs: what a reader knows about counts
 * beyond the sums the tables publish, chiefly of the calls eligible for each alternative responder, which
 * the eligible-demand, workload and funnel tables share. Tester 84 combined those on a Minneapolis week to
 * recover a hidden count exactly.
 */
import type { CellValue, Fact } from './suppress.js';

type Rows = readonly Record<string, CellValue>[];

export type Term = [number, string, number];

/** A fact from [row, column, coefficient] triples: their sum at most 0, or 0 exactly when `equal`. */
export const fact = (terms: readonly Term[], equal = false): Fact => ({
  terms: terms.map(([row, key, coef]) => [{ row, key }, coef]),
  equal,
});

const groups = (rows: Rows, groupBy: readonly string[]) => {
  const out = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const g = JSON.stringify(groupBy.map((k) => r[k]));
    out.set(g, [...(out.get(g) ?? []), i]);
  });
  return [...out.values()];
};

const sumOf = (rows: Rows, members: readonly number[], key: string) =>
  members.reduce((a, i) => a + (typeof rows[i]![key] === 'number' ? (rows[i]![key] as number) : NaN), 0);

/**
 * Each group's `whole` row (any alternative responder) counts the union of its other rows' calls: at most
 * their sum and at least each one, and exactly their sum when the groups' `disjointBy` counts add up
 * (eligibility that gives no call to two responders gives none of the calls of any column to two). In
 * the near term's disjoint rows a reader saw that 728 police-handled calls less five responders' shown
 * ones were the sixth's.
 */
export function unionFacts(
  rows: Rows,
  o: {
    columns: readonly string[];
    groupBy: readonly string[];
    isWhole: (r: Record<string, CellValue>) => boolean;
    disjointBy: string;
  },
): Fact[] {
  return wholesAndParts(rows, o).flatMap(({ whole, parts }) => {
    const disjoint = sumOf(rows, parts, o.disjointBy) === rows[whole]![o.disjointBy];
    return o.columns.flatMap((key) =>
      union(
        [whole, key],
        parts.map((row) => [row, key]),
        disjoint,
      ),
    );
  });
}

/** Each group's `whole` row and its other rows, for groups that have one. */
function wholesAndParts(
  rows: Rows,
  o: { groupBy: readonly string[]; isWhole: (r: Record<string, CellValue>) => boolean },
): { whole: number; parts: number[] }[] {
  return groups(rows, o.groupBy).flatMap((members) => {
    const whole = members.find((i) => o.isWhole(rows[i]!));
    return whole === undefined ? [] : [{ whole, parts: members.filter((i) => i !== whole) }];
  });
}

/** A cell counting the union of others: at most their sum and at least each, exactly their sum if disjoint. */
function union(whole: [number, string], parts: [number, string][], disjoint: boolean): Fact[] {
  const sum = fact([[...whole, 1], ...parts.map(([row, key]): Term => [row, key, -1])], disjoint);
  if (disjoint) return [sum];
  return [
    sum,
    ...parts.map(([row, key]) =>
      fact([
        [row, key, 1],
        [...whole, -1],
      ]),
    ),
  ];
}

/**
 * Each group's other rows count disjoint parts of its `whole` row's calls: their sum is at most it (the
 * eligible calls each responder handled itself, against the eligible calls any alternative handled, which
 * also counts a call eligible for one and handled by another).
 */
export function partsWithinFacts(
  rows: Rows,
  o: {
    columns: readonly string[];
    groupBy: readonly string[];
    isWhole: (r: Record<string, CellValue>) => boolean;
  },
): Fact[] {
  return wholesAndParts(rows, o).flatMap(({ whole, parts }) =>
    o.columns.map((key) => fact([...parts.map((row): Term => [row, key, 1]), [whole, key, -1]])),
  );
}

/**
 * The phases are cumulative, so a count of the calls eligible for a responder grows from one phase to the
 * next by no more than its eligible calls (`size`) do: with the animal team's eligible calls the same in
 * two phases, its police-handled calls were the same too, and the near term's 91 gave current practice's.
 */
export function growthFacts(
  rows: Rows,
  o: {
    columns: readonly string[];
    groupBy: readonly string[];
    by: string;
    order: readonly CellValue[];
    size: string;
  },
): Fact[] {
  const facts: Fact[] = [];
  const rank = (i: number) => o.order.indexOf(rows[i]![o.by]!);
  for (const members of groups(rows, o.groupBy)) {
    const ordered = members.filter((i) => rank(i) >= 0).sort((a, b) => rank(a) - rank(b));
    for (let k = 1; k < ordered.length; k++) {
      const [a, b] = [ordered[k - 1]!, ordered[k]!];
      if (rank(a) === rank(b)) continue;
      for (const key of o.columns)
        facts.push(
          fact([
            [b, key, 1],
            [a, key, -1],
            [b, o.size, -1],
            [a, o.size, 1],
          ]),
        );
    }
  }
  return facts;
}

/**
 * The same as `unionFacts` for a table whose rows are the parts and whose whole is a column carried in
 * every row (the funnel's responders, against the any-alternative row's eligible calls): the first row's
 * cell of `whole` stands for it.
 */
export function columnUnionFacts(
  rows: Rows,
  pairs: readonly { part: string; whole: string }[],
  disjointBy: { part: string; whole: string },
): Fact[] {
  if (!rows.length) return [];
  const all = rows.map((_, i) => i);
  const disjoint = sumOf(rows, all, disjointBy.part) === rows[0]![disjointBy.whole];
  return pairs.flatMap(({ part, whole }) =>
    union(
      [0, whole],
      all.map((row) => [row, part]),
      disjoint,
    ),
  );
}
