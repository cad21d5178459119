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
  /** SELECT list of pass 1 over the raw file aliased `x`. */
  select: string;
  /** Expression over the pass-1 output giving the quarantine's raw values (JSON), null for good rows. */
  rawValues: string;
  /** Comma-separated private pass-through columns to EXCLUDE after rawValues is built. */
  privateColumns: string;
}

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

export function compileProfile(profile: Profile): CompiledProfile {
  const columns: string[] = [];
  const use = (c: string): string => {
    if (!columns.includes(c)) columns.push(c);
    return `x.${ident(c)}`;
  };
  const nullsFor = (extra: string[] = []) => ['', ...profile.nulls, ...extra];
  const raw = (col: string | string[], extraNulls?: string[]): string => {
    const cols = Array.isArray(col) ? col : [col];
    const parts = cols.map(
      (c) =>
        `CASE WHEN trim(${use(c)}) IN (${literalList(nullsFor(extraNulls))}) THEN NULL ELSE ${use(c)} END`,
    );
    return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
  };
  const describeCols = (col: string | string[]) => (Array.isArray(col) ? col.join(' / ') : col);

  const spec = (f: string | FieldSpec | undefined): FieldSpec | undefined =>
    f === undefined ? undefined : typeof f === 'string' ? { column: f, normalise: ['trim'] } : f;

  const fieldExprs = new Map<FieldName, { raw: string; value: string; spec: FieldSpec }>();
  for (const [name, f] of Object.entries(profile.fields) as [FieldName, string | FieldSpec | undefined][]) {
    const s = spec(f);
    if (!s) continue;
    const base = raw(s.column, s.nulls);
    const r = s.null_matches
      ? `CASE WHEN regexp_matches(${base}, ${literal(s.null_matches)}, 'i') THEN NULL ELSE ${base} END`
      : base;
    let normalisers = s.normalise ?? ['trim'];
    // Privacy: an address is always coarsened to its block, whatever the profile says.
    if (name === 'block_address' && !normalisers.includes('block_level'))
      normalisers = [...normalisers, 'trim', 'block_level'];
    const value = normalisers.reduce((acc, n) => normaliserSql(n, acc), r);
    fieldExprs.set(name, { raw: r, value: `nullif(${value}, '')`, spec: s });
  }
  const fieldValue = (name: FieldName) => fieldExprs.get(name)?.value ?? 'NULL::VARCHAR';
  const fieldRaw = (name: FieldName) => fieldExprs.get(name)?.raw ?? 'NULL::VARCHAR';

  const problems: string[] = [];
  const select: string[] = [];

  const idRaw = `trim(${raw(profile.id)})`;
  select.push(`${idRaw} AS source_call_id`);
  problems.push(
    `CASE WHEN ${idRaw} IS NULL OR ${idRaw} = '' THEN 'id: missing (column ${describeCols(profile.id).replaceAll("'", "''")})' END`,
  );

  const times: TimePlan[] = [];
  for (const field of TIME_FIELDS) {
    const t = (profile.times as Record<string, string | TimeSpec | undefined>)[field];
    if (t === undefined) continue;
    const ts: TimeSpec = typeof t === 'string' ? { column: t } : t;
    const format = ts.format ?? profile.timestamps.format;
    const iso = format === 'iso8601';
    const mode: TimePlan['mode'] =
      (iso && profile.timestamps.clock !== 'utc_is_local') || profile.timestamps.clock === 'utc'
        ? 'instant'
        : 'local';
    const cols = Array.isArray(ts.column) ? ts.column : [ts.column];
    times.push({ field, columns: cols, format, mode });
    const r = `trim(${raw(ts.column)})`;
    let parsed: string;
    if (iso) {
      const instant = `try_cast(${r} AS TIMESTAMPTZ)`;
      parsed = mode === 'instant' ? instant : `(${instant} AT TIME ZONE 'UTC')`;
    } else {
      const local = `try_strptime(${r}, ${literal(format)})`;
      parsed = mode === 'instant' ? `CAST(${local} AS TIMESTAMPTZ)` : local;
    }
    select.push(`${parsed} AS ${field}_${mode === 'instant' ? 'utc' : 'local'}`);
    const expected = iso ? 'an ISO-8601 time with offset' : `format ${format}`;
    problems.push(
      `CASE WHEN ${r} IS NOT NULL AND ${parsed} IS NULL THEN '${field} time: ' || ${r} || ' does not match ${expected.replaceAll("'", "''")} (column ${describeCols(ts.column).replaceAll("'", "''")})' END`,
    );
    if (field === 'received')
      problems.push(
        `CASE WHEN ${r} IS NULL THEN 'received time: missing (column ${describeCols(ts.column).replaceAll("'", "''")})' END`,
      );
  }

  const textFields: [string, FieldName][] = [
    ['call_type_initial', 'call_type_initial'],
    ['call_type_final', 'call_type_final'],
  ];
  for (const [out, f] of textFields) {
    select.push(`${fieldRaw(f)} AS ${out}_raw`, `${fieldValue(f)} AS ${out}`);
  }
  select.push(
    `${fieldValue('priority_initial')} AS priority_initial`,
    `${fieldValue('priority')} AS priority`,
    `${fieldRaw('disposition')} AS disposition_raw`,
    `${fieldValue('cancel_reason')} AS cancel_reason`,
    `${fieldValue('response_plan')} AS response_plan`,
    `${fieldValue('agency')} AS agency_raw`,
    ...(['precinct', 'sector', 'beat', 'neighborhood', 'postal_code', 'block_address'] as const).map(
      (f) => `${fieldValue(f)} AS ${f}`,
    ),
  );
  for (const [f, lo, hi] of [
    ['lat', -90, 90],
    ['lon', -180, 180],
  ] as const) {
    const r = fieldValue(f);
    const num = `try_cast(${r} AS DOUBLE)`;
    select.push(`${num} AS ${f}`);
    problems.push(
      `CASE WHEN ${r} IS NOT NULL AND (${num} IS NULL OR ${num} NOT BETWEEN ${lo} AND ${hi}) THEN '${f}: ' || ${r} || ' is not a number between ${lo} and ${hi}' END`,
    );
  }

  const cond = (c: Condition): string => {
    if ('all' in c) return `(${c.all.map(cond).join(' AND ')})`;
    if ('any' in c) return `(${c.any.map(cond).join(' OR ')})`;
    const v = c.column !== undefined ? `trim(${raw(c.column)})` : fieldValue(c.field as FieldName);
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

  select.push(`${rules(profile.origin)} AS origin`, `${rules(profile.responder)} AS responder`);
  const disp = fieldRaw('disposition');
  select.push(
    `CASE WHEN ${disp} IS NULL THEN 'unknown' ELSE ${profile.disposition_class ? rules(profile.disposition_class) : "'other'"} END AS disposition_class`,
  );

  // Exact duplicates are judged on the whole raw row, columns the profile does not read included.
  select.push(`hash(x) AS row_hash`);
  select.push(`nullif(concat_ws('; ', ${problems.join(', ')}), '') AS problems`);
  // Passed through under private names so the outer query of pass 1 can build `raw_values` cheaply.
  columns.forEach((c, i) => select.push(`x.${ident(c)} AS __raw_${i}`));
  // For the quarantine file: the raw values of the columns the profile reads (never the unread ones, which may
  // hold names or phone numbers), kept only for rows with problems.
  const rawValues = `CASE WHEN problems IS NOT NULL THEN CAST(to_json(struct_pack(${columns
    .map((c, i) => `${ident(c)} := __raw_${i}`)
    .join(', ')})) AS VARCHAR) END`;
  const privateColumns = columns.map((_, i) => `__raw_${i}`).join(', ');
  return { columns, times, select: select.join(',\n  '), rawValues, privateColumns };
}
