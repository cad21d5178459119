/**
 * Compiles a profile into the SQL of ingest pass 1: one SELECT over the raw file (every column VARCHAR,
 * aliased `x`) that yields typed, normalised canonical fields, rule outcomes and a `problems` text per row.
 * Doing this in one vectorised query is what makes millions of rows a second possible.
 */
import type { Condition, FieldName, FieldSpec, Normaliser, Profile, TimeSpec } from './profile-schema.js';
import { STAGES } from '../store/calls-schema.js';
import { ident, literal, literalList } from '../util/sql.js';

export type TimeFieldName = 'received' | (typeof STAGES)[number];
export const TIME_FIELDS: TimeFieldName[] = ['received', ...STAGES];

export interface TimePlan {
  field: TimeFieldName;
  columns: string[];
  format: string;
  /** `local`: pass 1 yields wall-clock `<field>_local`; `instant`: pass 1 yields `<field>_utc`. */
  mode: 'local' | 'instant';
}

export interface CompiledProfile {
  /** Raw columns the profile reads, in first-use order; each must exist in the file's header. */
  columns: string[];
  times: TimePlan[];
  /** The pass-1 query over a table expression (`read_csv(...)`) that yields the raw rows. */
  query: (from: string) => string;
}

const ISO_LIKE = new Set(['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M']);

const DISCIPLINE_SUFFIX = String.raw`\s*\((P|PE|PF|PFE|FE|F|E|UM|U|M)?\)?\s*$`;

function normaliserSql(n: Normaliser, v: string): string {
  switch (n) {
    case 'trim':
      return `trim(${v})`;
    case 'collapse_spaces':
      return `regexp_replace(${v}, '\\s+', ' ', 'g')`;
    case 'upper':
      return `upper(${v})`;
    case 'lower':
      return `lower(${v})`;
    case 'strip_discipline_suffix':
      return `regexp_replace(${v}, ${literal(DISCIPLINE_SUFFIX)}, '')`;
    case 'strip_agency_suffix':
      return `regexp_replace(${v}, '\\s*~\\s*[A-Za-z]+\\s*$', '')`;
    case 'strip_leading_dashes':
      return `regexp_replace(${v}, '^-+\\s*', '')`;
    case 'strip_leading_zeros':
      return `regexp_replace(${v}, '^0+(\\d)', '\\1')`;
    case 'digits_only':
      return `regexp_replace(${v}, '[^0-9]', '', 'g')`;
    case 'block_level':
      // `0003XX 1ST AVE N` -> `3XX 1ST AVE N`; `1234 MAIN ST` -> `12XX MAIN ST`; intersections stay as they are.
      return `CASE WHEN regexp_matches(${v}, '^\\d+XX\\b') THEN regexp_replace(${v}, '^0*(\\d+XX)', '\\1')
        WHEN regexp_matches(${v}, '^\\d') THEN
          coalesce(CAST(try_cast(regexp_extract(${v}, '^(\\d+)', 1) AS HUGEINT) // 100 AS VARCHAR), '') || 'XX'
          || regexp_replace(${v}, '^\\d+\\S*', '')
        ELSE ${v} END`;
  }
}

/**
 * The query is built in layers so that each expression is computed once per row (DuckDB does not share a
 * sub-expression that is repeated inside several CASE branches): raw columns with nulls applied, then each
 * field's raw value, then normalised and parsed values, then rules and problems over those.
 */
export function compileProfile(profile: Profile): CompiledProfile {
  const columns: string[] = [];
  const col = (c: string): string => {
    if (!columns.includes(c)) columns.push(c);
    return `c${columns.indexOf(c)}`;
  };
  const describeCols = (c: string | string[]) => (Array.isArray(c) ? c.join(' / ') : c).replaceAll("'", "''");
  const colsOf = (c: string | string[]) => (Array.isArray(c) ? c : [c]);

  // Layer 2: each field's raw value (first non-missing column, field-level nulls applied).
  const layer2: string[] = [];
  const rawValue = (
    alias: string,
    column: string | string[],
    extraNulls: string[] = [],
    nullMatches?: string,
  ) => {
    const parts = colsOf(column).map(col);
    let e = parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
    if (extraNulls.length) e = `CASE WHEN trim(${e}) IN (${literalList(extraNulls)}) THEN NULL ELSE ${e} END`;
    if (nullMatches)
      e = `CASE WHEN regexp_matches(${e}, ${literal(nullMatches)}, 'i') THEN NULL ELSE ${e} END`;
    layer2.push(`${e} AS ${alias}`);
    return alias;
  };

  // Layer 3: normalised fields, parsed times and numbers.
  const layer3: string[] = [];
  // Layer 4: outputs that depend on layer 3 (rules, problems).
  const problems: string[] = [];
  const out: string[] = [];

  const id = rawValue('r_id', profile.id);
  layer3.push(`nullif(trim(${id}), '') AS source_call_id`);
  out.push('source_call_id');
  problems.push(
    `CASE WHEN source_call_id IS NULL THEN 'id: missing (column ${describeCols(profile.id)})' END`,
  );

  const fieldNames: FieldName[] = [];
  for (const [name, f] of Object.entries(profile.fields) as [FieldName, string | FieldSpec | undefined][]) {
    if (f === undefined) continue;
    const s: FieldSpec = typeof f === 'string' ? { column: f, normalise: ['trim'] } : f;
    const r = rawValue(`r_${name}`, s.column, s.nulls, s.null_matches);
    let normalisers = s.normalise ?? ['trim'];
    // Privacy: an address is always coarsened to its block, whatever the profile says.
    if (name === 'block_address' && !normalisers.includes('block_level'))
      normalisers = [...normalisers, 'trim', 'block_level'];
    layer3.push(`nullif(${normalisers.reduce((acc, n) => normaliserSql(n, acc), r)}, '') AS f_${name}`);
    fieldNames.push(name);
  }
  const field = (name: FieldName) => (fieldNames.includes(name) ? `f_${name}` : 'NULL::VARCHAR');
  const fieldRaw = (name: FieldName) => (fieldNames.includes(name) ? `r_${name}` : 'NULL::VARCHAR');

  const times: TimePlan[] = [];
  for (const name of TIME_FIELDS) {
    const t = (profile.times as Record<string, string | TimeSpec | undefined>)[name];
    if (t === undefined) continue;
    const ts: TimeSpec = typeof t === 'string' ? { column: t } : t;
    const format = ts.format ?? profile.timestamps.format;
    const iso = format === 'iso8601';
    const mode: TimePlan['mode'] =
      (iso && profile.timestamps.clock !== 'utc_is_local') || profile.timestamps.clock === 'utc'
        ? 'instant'
        : 'local';
    times.push({ field: name, columns: colsOf(ts.column), format, mode });
    const r = rawValue(`r_${name}`, ts.column);
    const v = `trim(${r})`;
    let parsed: string;
    if (iso) {
      const instant = `try_cast(${v} AS TIMESTAMPTZ)`;
      parsed = mode === 'instant' ? instant : `(${instant} AT TIME ZONE 'UTC')`;
    } else {
      // DuckDB's own timestamp cast reads ISO-style text about twice as fast as strptime.
      const local = ISO_LIKE.has(format)
        ? `try_cast(${v} AS TIMESTAMP)`
        : `try_strptime(${v}, ${literal(format)})`;
      parsed = mode === 'instant' ? `CAST(${local} AS TIMESTAMPTZ)` : local;
    }
    const alias = `${name}_${mode === 'instant' ? 'utc' : 'local'}`;
    layer3.push(`${parsed} AS ${alias}`);
    out.push(alias);
    const expected = (iso ? 'an ISO-8601 time with offset' : `format ${format}`).replaceAll("'", "''");
    problems.push(
      `CASE WHEN ${r} IS NOT NULL AND ${alias} IS NULL THEN '${name} time: ' || trim(${r}) || ' does not match ${expected} (column ${describeCols(ts.column)})' END`,
    );
    if (name === 'received')
      problems.push(
        `CASE WHEN ${r} IS NULL THEN 'received time: missing (column ${describeCols(ts.column)})' END`,
      );
  }

  for (const f of ['call_type_initial', 'call_type_final'] as const)
    out.push(`${fieldRaw(f)} AS ${f}_raw`, `${field(f)} AS ${f}`);
  out.push(
    `${field('priority_initial')} AS priority_initial`,
    `${field('priority')} AS priority`,
    `${fieldRaw('disposition')} AS disposition_raw`,
    `${field('cancel_reason')} AS cancel_reason`,
    `${field('response_plan')} AS response_plan`,
    `${field('agency')} AS agency_raw`,
    ...(['precinct', 'sector', 'beat', 'neighborhood', 'postal_code', 'block_address'] as const).map(
      (f) => `${field(f)} AS ${f}`,
    ),
  );
  for (const [f, lo, hi] of [
    ['lat', -90, 90],
    ['lon', -180, 180],
  ] as const) {
    if (!fieldNames.includes(f)) {
      out.push(`NULL::DOUBLE AS ${f}`);
      continue;
    }
    layer3.push(`try_cast(f_${f} AS DOUBLE) AS n_${f}`);
    out.push(`n_${f} AS ${f}`);
    problems.push(
      `CASE WHEN f_${f} IS NOT NULL AND (n_${f} IS NULL OR n_${f} NOT BETWEEN ${lo} AND ${hi}) THEN '${f}: ' || f_${f} || ' is not a number between ${lo} and ${hi}' END`,
    );
  }

  const cond = (c: Condition): string => {
    if ('all' in c) return `(${c.all.map(cond).join(' AND ')})`;
    if ('any' in c) return `(${c.any.map(cond).join(' OR ')})`;
    const v = c.column !== undefined ? `trim(${col(c.column)})` : field(c.field as FieldName);
    if (c.is_null !== undefined) return c.is_null ? `(${v} IS NULL)` : `(${v} IS NOT NULL)`;
    let test: string;
    if (c.equals !== undefined) test = `${v} = ${literal(c.equals)}`;
    else if (c.in !== undefined) test = `${v} IN (${literalList(c.in)})`;
    else if (c.starts_with !== undefined) test = `starts_with(${v}, ${literal(c.starts_with)})`;
    else test = `regexp_matches(${v}, ${literal(c.matches ?? '')}, 'i')`;
    return `coalesce(${test}, false)`;
  };
  const rules = (set: { default: string; rules: { if: Condition; then: string }[] }) =>
    set.rules.length === 0
      ? literal(set.default)
      : `CASE ${set.rules.map((r) => `WHEN ${cond(r.if)} THEN ${literal(r.then)}`).join(' ')} ELSE ${literal(set.default)} END`;
  out.push(`${rules(profile.origin)} AS origin`, `${rules(profile.responder)} AS responder`);
  out.push(
    `CASE WHEN ${fieldRaw('disposition')} IS NULL THEN 'unknown' ELSE ${profile.disposition_class ? rules(profile.disposition_class) : "'other'"} END AS disposition_class`,
  );
  out.push('row_hash', `nullif(concat_ws('; ', ${problems.join(', ')}), '') AS problems`);

  const nulls = literalList(['', ...profile.nulls]);
  // Layer 1: raw columns with the profile's nulls applied (c0..), the raw text (x0..), a hash of the whole
  // raw row: exact duplicates are judged on every column, the ones the profile does not read included.
  const layer1 = [
    ...columns.map(
      (c, i) => `CASE WHEN trim(x.${ident(c)}) IN (${nulls}) THEN NULL ELSE x.${ident(c)} END AS c${i}`,
    ),
    ...columns.map((c, i) => `x.${ident(c)} AS x${i}`),
    'hash(x) AS row_hash',
  ];
  // For the quarantine file: the raw text of the columns the profile reads (never the unread ones, which
  // may hold names or phone numbers), kept only for rows with problems.
  const rawValues = `CASE WHEN problems IS NOT NULL THEN CAST(to_json(struct_pack(${columns
    .map((c, i) => `${ident(c)} := x${i}`)
    .join(', ')})) AS VARCHAR) END AS raw_values`;
  const outNames = out.map((o) => (o.includes(' AS ') ? o.slice(o.lastIndexOf(' AS ') + 4) : o));
  const query = (from: string) => `
    SELECT ${outNames.join(', ')}, ${rawValues} FROM (
      SELECT ${out.join(',\n  ')}, ${columns.map((_, i) => `x${i}`).join(', ')} FROM (
        SELECT *, ${layer3.join(',\n  ')} FROM (
          SELECT *, ${layer2.join(',\n  ')} FROM (
            SELECT ${layer1.join(',\n  ')} FROM ${from} x))))`;
  return { columns, times, query };
}
