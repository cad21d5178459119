/**
 * Whether the values the profile's rules compare (origin, responder, disposition class) are written as the
 * file writes them: a rule `equals: North` over a column holding `NORTH` matched no row, and every call
 * took the default origin without a word (tester 151). Rules compare values as written, case too. Read
 * from the first rows of each file, like the time zone check; said as a warning, since the rows are valid.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileInfo } from '../sources/inspect-file.js';
import type { Condition, FieldSpec, Profile } from '../sources/profile-schema.js';
import { queryRows } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { checkedRelation } from './zone-check.js';

/** Rows read per file. */
const SAMPLE = 2_000;

interface Compared {
  set: 'origin' | 'responder' | 'disposition_class';
  rule: number;
  /** The raw columns compared: a column, or the columns of a field, the first with a value. */
  columns: string[];
  /** A field's name, and the case its normalisers leave (the last of `upper` and `lower`). */
  field?: { name: string; case: 'upper' | 'lower' | null };
  value: string;
  how: 'equals' | 'starts_with';
}

/**
 * The values a rule compares as written, with where they are. A field's value is read from its columns
 * with only its case normaliser applied: the others leave the case as it is, so a value they change
 * matches neither as written nor in another case, and is not warned of (tester 178: `field:` rules were
 * never checked).
 */
function compared(profile: Profile): Compared[] {
  const out: Compared[] = [];
  const walk = (c: Condition, at: Pick<Compared, 'set' | 'rule'>) => {
    if ('all' in c) c.all.forEach((x) => walk(x, at));
    else if ('any' in c) c.any.forEach((x) => walk(x, at));
    else {
      const where = c.column !== undefined ? { columns: [c.column] } : fieldColumns(profile, c.field);
      if (!where) return;
      for (const value of [...(c.equals !== undefined ? [c.equals] : []), ...(c.in ?? [])])
        out.push({ ...at, ...where, value, how: 'equals' });
      if (c.starts_with !== undefined)
        out.push({ ...at, ...where, value: c.starts_with, how: 'starts_with' });
    }
  };
  for (const set of ['origin', 'responder', 'disposition_class'] as const)
    profile[set]?.rules.forEach((r, i) => walk(r.if, { set, rule: i + 1 }));
  return out;
}

function fieldColumns(
  profile: Profile,
  name: string | undefined,
): Pick<Compared, 'columns' | 'field'> | undefined {
  const spec =
    name === undefined ? undefined : (profile.fields as Record<string, FieldSpec | string | undefined>)[name];
  if (spec === undefined || name === undefined) return undefined;
  const column = typeof spec === 'string' ? spec : spec.column;
  const cases = (typeof spec === 'string' ? [] : (spec.normalise ?? [])).filter(
    (n): n is 'upper' | 'lower' => n === 'upper' || n === 'lower',
  );
  return { columns: Array.isArray(column) ? column : [column], field: { name, case: cases.at(-1) ?? null } };
}

export async function ruleCaseWarnings(
  conn: DuckDBConnection,
  info: FileInfo,
  profile: Profile,
): Promise<string[]> {
  const tests = compared(profile).filter(
    (t) => info.kind !== 'csv' || t.columns.every((c) => info.header.includes(c)),
  );
  if (!tests.length) return [];
  const from = checkedRelation(info, profile);
  const v = (t: Compared) => {
    const raw = `coalesce(${t.columns.map((c) => `nullif(trim(CAST(${ident(c)} AS VARCHAR)), '')`).join(', ')})`;
    return t.field?.case ? `${t.field.case}(${raw})` : raw;
  };
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
      `${info.name}: ${t.set} rule ${t.rule} tests whether ${t.field ? `field ${t.field.name} (column ${t.columns.join(' / ')}${t.field.case ? `, ${t.field.case}-cased` : ''})` : `column ${t.columns[0]}`} ${t.how === 'equals' ? 'is' : 'begins with'} \`${t.value}\`, which none of the file's first ${SAMPLE.toLocaleString('en-US')} rows ${t.how === 'equals' ? 'has' : 'does'}, where ${f.toLocaleString('en-US')} of them ${t.field?.case ? 'have' : 'write'} \`${w}\`: rules compare values as written, case too, so those calls took another rule's ${t.set.replace('_', ' ')} or the default. Write the value as the ${t.field?.case ? 'field has it' : 'file does'} in the profile and ingest again.`,
    ];
  });
}
