/**
 * Whether the values the profile's rules compare (origin, responder, disposition class) are written as the
 * file writes them: a rule `equals: North` over a column holding `NORTH` matched no row, and every call
 * took the default origin without a word (tester 151). Rules compare values as written, case too. Read
 * from the first rows of each file, like the time zone check; said as a warning, since the rows are valid.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FileInfo } from '../sources/inspect-file.js';
import type { Condition, FieldSpec, Normaliser, Profile } from '../sources/profile-schema.js';
import { excelTextSql, normalisedSql } from '../sources/profile-sql.js';
import { queryRows } from '../store/duckdb.js';
import { ident, literal } from '../util/sql.js';
import { checkedRelation } from './zone-check.js';

/** Rows read per file. */
const SAMPLE = 2_000;

/** The ways exports write a yes/no flag, by what they mean. */
const FLAG_WORDS = new Map<string, 'yes' | 'no'>([
  ...['y', 'yes', 'true', 't', '1'].map((w) => [w, 'yes'] as const),
  ...['n', 'no', 'false', 'f', '0'].map((w) => [w, 'no'] as const),
]);
const flagWord = (value: string) => FLAG_WORDS.get(value.trim().toLowerCase());

interface Compared {
  set: 'origin' | 'responder' | 'disposition_class';
  rule: number;
  /** The raw columns compared: a column, or the columns of a field, the first with a value. */
  columns: string[];
  /** A field's name and normalisers: its value is compared as the rule compares it, normalised. */
  field?: { name: string; normalise: readonly Normaliser[] };
  value: string;
  how: 'equals' | 'starts_with';
}

/**
 * The values a rule compares as written, with where they are. A field's value is read from its columns
 * through its normalisers, as the rule tests it (tester 178: `field:` rules were never checked; tester
 * 185: with only the case normaliser applied, `Theft (P)` was the advice for a field that strips it).
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
  const normalise = typeof spec === 'string' ? [] : (spec.normalise ?? []);
  return { columns: Array.isArray(column) ? column : [column], field: { name, normalise } };
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
  const raw = (t: Compared) =>
    `coalesce(${t.columns.map((c) => `nullif(trim(${excelTextSql(`CAST(${ident(c)} AS VARCHAR)`)}), '')`).join(', ')})`;
  const test = (t: Compared, e: string, fold: boolean) => {
    const [x, value] = fold ? [`lower(${e})`, t.value.trim().toLowerCase()] : [e, t.value];
    return t.how === 'equals' ? `${x} = ${literal(value)}` : `starts_with(${x}, ${literal(value)})`;
  };
  // Each test's value as written (raw_<i>) and as its field holds it (held_<i>) are columns of their own: written
  // out in every aggregate, the normalisers' SQL, which names its input more than once, grew to 7.9 MB
  // for Minneapolis' profile, 33 s of ingest whatever the file's size (tester 316).
  const [r, n] = [(i: number) => `raw_${i}`, (i: number) => `held_${i}`];
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await queryRows<Record<string, unknown>>(
      conn,
      `SELECT ${tests
        .map(
          (t, i) =>
            `count(*) FILTER (WHERE ${test(t, n(i), false)})::DOUBLE AS e${i},
             count(*) FILTER (WHERE ${test(t, n(i), true)})::DOUBLE AS f${i},
             min(${n(i)}) FILTER (WHERE ${test(t, n(i), true)}) AS w${i},
             count(*) FILTER (WHERE ${test(t, r(i), true)})::DOUBLE AS r${i},
             min(${r(i)}) FILTER (WHERE ${test(t, r(i), true)}) AS rw${i},
             min(${n(i)}) FILTER (WHERE ${test(t, r(i), true)}) AS rn${i},
             min(${n(i)}) FILTER (WHERE ${test(t, n(i), true)} AND NOT ${test(t, n(i), false)}) AS o${i},
             count(DISTINCT ${n(i)})::DOUBLE AS d${i},
             list(DISTINCT ${n(i)} ORDER BY ${n(i)}) FILTER (WHERE ${n(i)} IS NOT NULL) AS l${i}`,
        )
        .join(', ')}, count(*)::DOUBLE AS sampled FROM (
          SELECT *, ${tests.map((t, i) => `${t.field ? normalisedSql(r(i), t.field.normalise) : r(i)} AS ${n(i)}`).join(', ')}
          FROM (SELECT ${tests.map((t, i) => `${raw(t)} AS ${r(i)}`).join(', ')} FROM (SELECT * FROM ${from} LIMIT ${SAMPLE})))`,
    );
  } catch {
    return []; // a file the read refuses is refused by the ingest itself, with its own message
  }
  if (!row) return [];
  // A file of fewer rows than the sample is all read: "the file's first 2,000 rows" of 1,451 (tester 388).
  const seen = Number(row.sampled);
  const firstRows =
    seen < SAMPLE ? `${seen.toLocaleString('en-US')} rows` : `first ${SAMPLE.toLocaleString('en-US')} rows`;
  return tests.flatMap((t, i) => {
    const get = (k: string) => row[`${k}${i}`];
    const [e, f, w] = [Number(get('e')), Number(get('f')), get('w') as string | null];
    const normalised = t.field !== undefined && t.field.normalise.length > 0;
    const what = t.field
      ? `field ${t.field.name} (column ${t.columns.join(' / ')}${normalised ? `, normalised with ${t.field.normalise.join(', ')}` : ''})`
      : `column ${t.columns[0]}`;
    // Written both ways: `Yes` in a tenth of the rows and `YES` in the rest matched a tenth of the 911
    // calls, in silence (tester 198). Said when a twentieth or more of the rows with the value in any case
    // write it otherwise.
    const other = get('o') as string | null;
    if (e > 0)
      return f - e >= 0.05 * f && other !== null
        ? [
            `${info.name}: ${t.set} rule ${t.rule} tests whether ${what} ${t.how === 'equals' ? 'is' : 'begins with'} \`${t.value}\`, as ${e.toLocaleString('en-US')} of the file's ${firstRows} ${t.how === 'equals' ? 'are' : 'do'}, where ${(f - e).toLocaleString('en-US')} more ${normalised ? (f - e === 1 ? 'has' : 'have') : f - e === 1 ? 'writes' : 'write'} it in another case (such as \`${other}\`): rules compare values as written, case too, so those calls took another rule's ${t.set.replace('_', ' ')} or the default. To take every spelling, test it with \`matches\`, which ignores case (docs/profiles.md, Rules), and ingest again.`,
          ]
        : [];
    const head = `${info.name}: ${t.set} rule ${t.rule} tests whether ${what} ${t.how === 'equals' ? 'is' : 'begins with'} \`${t.value}\`, which none of the file's ${firstRows} ${t.how === 'equals' ? 'has' : 'does'}`;
    const tail = `so those calls took another rule's ${t.set.replace('_', ' ')} or the default.`;
    if (f > 0 && w !== null)
      return [
        `${head}, where ${f.toLocaleString('en-US')} of them ${normalised ? 'have' : 'write'} \`${w}\`: rules compare values as written, case too, ${tail} Write the value as the ${normalised ? 'field has it' : 'file does'} in the profile and ingest again.`,
      ];
    // A yes/no flag written in another vocabulary: `equals: Yes` over a column of `Y` and `N` matched no
    // call, and every call took the default origin in silence (tester 303). Said only when every value the
    // rows have is a yes or a no, so that a rule for a value rare in the first rows stays unsaid.
    const flag = flagWord(t.value);
    const values = Number(get('d')) <= FLAG_WORDS.size ? ((get('l') as string[] | null) ?? []) : [];
    const same = values.filter((x) => flagWord(x) === flag);
    if (
      flag !== undefined &&
      values.length > 0 &&
      values.every((x) => flagWord(x) !== undefined) &&
      same.length
    )
      return [
        `${head}: its values there are ${values.map((x) => `\`${x}\``).join(', ')}, a yes/no flag written otherwise, ${tail} Write \`${same[0]}\` in the profile and ingest again.`,
      ];
    // The value as the file writes it, which the field's normalisers change (`Theft (P)` to `Theft`).
    const [r, rw, rn] = [Number(get('r')), get('rw') as string | null, get('rn') as string | null];
    if (!normalised || r === 0 || rw === null || rn === null) return [];
    return [
      `${head} after its normalisers, where ${r.toLocaleString('en-US')} of them write \`${rw}\`, which the field holds as \`${rn}\`: a field: rule compares the field's value, ${tail} Write \`${rn}\` in the profile, or test the column (\`column: ${t.columns[0]}\`), and ingest again.`,
    ];
  });
}
