/**
 * Whether the values the profile's rules compare (origin, responder, disposition class) are written as the
 * file writes them: a rule `equals: North` over a column holding `NORTH` matched no row, and every call
 * took the default origin without a word (tester 151). Rules compare values as written, case too. Read
 * from the first rows of each file, like the time zone check; said as a warning, since the rows are valid.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileInfo } from '../sources/inspect-file.js';
import type { Condition, Profile } from '../sources/profile-schema.js';
import { queryRows } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { checkedRelation } from './zone-check.js';

/** Rows read per file. */
const SAMPLE = 2_000;

interface Compared {
  set: 'origin' | 'responder' | 'disposition_class';
  rule: number;
  column: string;
  value: string;
  how: 'equals' | 'starts_with';
}

/** The raw-column values a rule compares as written, with where they are. */
function compared(profile: Profile): Compared[] {
  const out: Compared[] = [];
  const walk = (c: Condition, at: Omit<Compared, 'column' | 'value' | 'how'>) => {
    if ('all' in c) c.all.forEach((x) => walk(x, at));
    else if ('any' in c) c.any.forEach((x) => walk(x, at));
    else if (c.column !== undefined) {
      const column = c.column;
      for (const value of [...(c.equals !== undefined ? [c.equals] : []), ...(c.in ?? [])])
        out.push({ ...at, column, value, how: 'equals' });
      if (c.starts_with !== undefined) out.push({ ...at, column, value: c.starts_with, how: 'starts_with' });
    }
  };
  for (const set of ['origin', 'responder', 'disposition_class'] as const)
    profile[set]?.rules.forEach((r, i) => walk(r.if, { set, rule: i + 1 }));
  return out;
}

export async function ruleCaseWarnings(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
): Promise<string[]> {
  const tests = compared(profile).filter((t) => info.kind !== 'csv' || info.header.includes(t.column));
  if (!tests.length) return [];
  const from = checkedRelation(info, profile);
  const v = (t: Compared) => `trim(CAST(${ident(t.column)} AS VARCHAR))`;
  const exact = (t: Compared) =>
    t.how === 'equals' ? `${v(t)} = ${literal(t.value)}` : `starts_with(${v(t)}, ${literal(t.value)})`;
  const folded = (t: Compared) =>
    t.how === 'equals'
      ? `lower(${v(t)}) = ${literal(t.value.trim().toLowerCase())}`
      : `starts_with(lower(${v(t)}), ${literal(t.value.toLowerCase())})`;
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await queryRows<Record<string, unknown>>(
      conn,
      `SELECT ${tests
        .map(
          (t, i) =>
            `count(*) FILTER (WHERE ${exact(t)})::DOUBLE AS e${i}, count(*) FILTER (WHERE ${folded(t)})::DOUBLE AS f${i},
             min(${v(t)}) FILTER (WHERE ${folded(t)}) AS w${i}`,
        )
        .join(', ')} FROM (SELECT * FROM ${from} LIMIT ${SAMPLE})`,
    );
  } catch {
    return []; // a file the read refuses is refused by the ingest itself, with its own message
  }
  if (!row) return [];
  return tests.flatMap((t, i) => {
    const [e, f, w] = [Number(row[`e${i}`]), Number(row[`f${i}`]), row[`w${i}`] as string | null];
    if (e > 0 || f === 0 || w === null) return [];
    return [
      `${info.name}: ${t.set} rule ${t.rule} tests whether column ${t.column} ${t.how === 'equals' ? 'is' : 'begins with'} \`${t.value}\`, which none of the file's first ${SAMPLE.toLocaleString('en-US')} rows ${t.how === 'equals' ? 'has' : 'does'}, where ${f.toLocaleString('en-US')} of them write \`${w}\`: rules compare values as written, case too, so those calls took another rule's ${t.set.replace('_', ' ')} or the default. Write the value as the file does in the profile and ingest again.`,
    ];
  });
}
