/**
 * Compiles a profile into the SQL of ingest pass 1: one SELECT over the raw file (every column VARCHAR,
 * aliased `x`) that yields typed, normalised canonical fields, rule outcomes and a `problems` text per row.
 * Doing this in one vectorised query is what makes millions of rows a second possible.
 */
import type { Condition, FieldName, FieldSpec, Normaliser, Profile, TimeSpec } from './profile-schema.js';
import { readsSpecifier } from './profile-schema.js';
import { STAGES } from '../store/calls-schema.js';
import { ident, literal, literalList } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { besidePath, linesCommand, shellWord } from '../util/words.js';
import { blockLevelSql } from './block-address.js';
import { namesAnAddress, namesAPoint, personalReason } from './personal.js';
import { textValueMaskedSql } from './personal-values.js';
import { NO_WIDTH, VISIBLE_SPACE, WHITE_SPACE } from './white-space.js';

export type TimeFieldName = 'received' | (typeof STAGES)[number];
export const TIME_FIELDS: TimeFieldName[] = ['received', ...STAGES];

export interface TimePlan {
  field: TimeFieldName;
  columns: string[];
  format: string;
  /**
   * `local`: pass 1 yields wall-clock `<field>_local`; `instant`: pass 1 yields `<field>_utc`; `seconds`:
   * pass 1 yields `<field>_secs`, a number of seconds after the time `after` (a `local` or `instant` one).
   */
  mode: 'local' | 'instant' | 'seconds';
  after?: TimeFieldName;
}

/** The pass-1 column a time plan yields (see TimePlan.mode). */
export function pass1Column(plan: Pick<TimePlan, 'field' | 'mode'>): string {
  return `${plan.field}_${plan.mode === 'instant' ? 'utc' : plan.mode === 'seconds' ? 'secs' : 'local'}`;
}

export interface CompiledProfile {
  /** The profile as it was given (a path or a built-in's name), else its source: what messages call it. */
  label: string;
  /** Raw columns the profile reads, in first-use order; each must exist in the file's header. */
  columns: string[];
  /** The raw columns of `block_address`: the quarantine file shows them at block level. */
  addressColumns: string[];
  /** Other raw columns named as an address (read by rules): the quarantine shows them at block level too. */
  ruleAddressColumns: string[];
  times: TimePlan[];
  /**
   * The pass-1 query over a table expression (`read_csv(...)`) that yields the raw rows, whose columns
   * are `header` (the query's own name for a whole row must be none of them).
   */
  query: (from: string, header?: readonly string[]) => string;
  /**
   * Every row of `from` with pass 1's row_hash and its raw_values as the quarantine shows them: read again
   * only for rows of a conflicting id (row-checks.ts), whose raw text pass 1 does not keep.
   */
  rawRows: (from: string, header?: readonly string[]) => string;
}

/** The years a call's time may fall in (see the time fields in compileProfile). */
export const YEARS = { from: 1970, to: 2099 } as const;
/** How a quarantine reason says a time is outside YEARS (ingest reads it back to name placeholders). */
export const OUTSIDE_YEARS = `is not between ${YEARS.from} and ${YEARS.to}`;
/** SQL: the characters trimmed from around an id (spaces, tabs, line ends). */
const ID_SPACE = `' ' || chr(9) || chr(10) || chr(13)`;

/**
 * SQL: `v` is an id a spreadsheet wrote in scientific notation (`2.02300031982E+12` for `2023000319821`),
 * its digits past the 12th lost (tester 369), with or without the `+` (`2.02300031982E12`, tester 374).
 * Asked for, so that a numbering's own ids stay apart: a point in the mantissa (`22E5123` has none), and an
 * exponent of at least 5 and at least the mantissa's digits after its point, as a long whole number has
 * (`2.5E3` is neither). The cheap `contains` first: most ids have no point, and never reach the regex.
 */
export const scientificIdSql = (v: string) =>
  `(contains(${v}, '.') AND regexp_full_match(${v}, '[ \\t\\r\\n]*[0-9]\\.[0-9]+[eE]\\+?[0-9]+[ \\t\\r\\n]*') AND TRY_CAST(regexp_extract(${v}, '[eE]\\+?([0-9]+)', 1) AS INTEGER) >= greatest(5, length(regexp_extract(${v}, '\\.([0-9]+)', 1))))`;

/**
 * Formats DuckDB's own timestamp cast reads about twice as fast as strptime, each with the shape (a LIKE
 * pattern) a value must have to be cast: the cast also takes a date alone (as midnight), an offset (moving
 * the time) and fractions, which the format does not, so any other value goes to strptime and is refused
 * there as the format says. The cast also reads the hour 24 (`24:00:00` as the next midnight), which `%H`
 * refuses: such a value goes to strptime too, so that it is quarantined under every format alike.
 */
const ISO_LIKE = new Map([
  ['%Y-%m-%d %H:%M:%S', '____-__-__ __:__:__'],
  ['%Y-%m-%dT%H:%M:%S', '____-__-__T__:__:__'],
  ['%Y-%m-%d %H:%M', '____-__-__ __:__'],
]);

/**
 * A strptime format as SQL for try_strptime: one with seconds reads them with a fraction too, and one with a
 * fraction reads them without. An export writes `2022-10-01T00:38:00.000` beside `2022-10-01T00:04:00` in one
 * column (a data frame drops a zero fraction, a portal writes it), and a profile names one format per time:
 * half a file was refused for a difference no analysis sees (tester 319).
 */
export function strptimeFormats(format: string): string {
  // `%S.%n` (seven to nine digits, SQL Server's datetime2) likewise reads the seconds without a fraction.
  const fraction = ['%S.%f', '%S.%n'].find((f) => format.includes(f));
  const alternative = fraction
    ? format.replace(fraction, '%S')
    : format.includes('%S')
      ? format.replace('%S', '%S.%f')
      : undefined;
  return alternative ? `[${literal(format)}, ${literal(alternative)}]` : literal(format);
}

const DISCIPLINE_SUFFIX = String.raw`${WHITE_SPACE}*\((P|PE|PF|PFE|FE|F|E|UM|U|M)?\)?${WHITE_SPACE}*$`;

/** Normalisers whose SQL names their input more than once: it is computed first, in its own layer. */
const REPEATS_INPUT = new Set<Normaliser>([
  'trim',
  'collapse_spaces',
  'strip_discipline_suffix',
  'strip_agency_suffix',
  'strip_leading_dashes',
  'strip_leading_zeros',
  'block_level',
]);

/**
 * Normalisers that take away a telephone number's shape, so that ingest's masking after them (pass 2) no
 * longer finds it: `digits_only` made `Precinct 612-503-0120` `6125030120` and `Precinct PH 503-0128`
 * `5030128` (tester 238). A field with one is stored from its value with numbers masked first.
 */
const TAKES_SHAPE = new Set<Normaliser>(['digits_only']);

function normaliserSql(n: Normaliser, v: string): string {
  switch (n) {
    case 'trim':
      // Only a value whose first or last character is no printable ASCII can have white space at an end:
      // the others are kept as they are, uncopied. DuckDB's trim(v, characters) reads its characters again
      // for every value: with these, ten times plain trim's time, where the pattern takes three, and only
      // for the values the test lets through.
      return `CASE WHEN ascii(${v}) NOT BETWEEN 33 AND 126 OR ascii((${v})[-1]) NOT BETWEEN 33 AND 126 THEN regexp_replace(${v}, ${literal(`^${WHITE_SPACE}+|${WHITE_SPACE}+$`)}, '', 'g') ELSE ${v} END`;
    case 'collapse_spaces':
      // Only a value with a character outside ASCII (more bytes than characters) can hold one of no width.
      return `regexp_replace(CASE WHEN strlen(${v}) > length(${v}) THEN regexp_replace(${v}, ${literal(NO_WIDTH)}, '', 'g') ELSE ${v} END, ${literal(`${VISIBLE_SPACE}+`)}, ' ', 'g')`;
    case 'upper':
      return `upper(${v})`;
    case 'lower':
      return `lower(${v})`;
    // A pattern that cannot match without a certain character is only tried on values that have it.
    case 'strip_discipline_suffix':
      // In any case: `unwanted person (p)` was a type apart from `Unwanted Person (P)`'s `Unwanted Person`
      // once the case was folded (tester 307), where the classification strips it in any case.
      return `CASE WHEN contains(${v}, '(') THEN regexp_replace(${v}, ${literal(DISCIPLINE_SUFFIX)}, '', 'i') ELSE ${v} END`;
    case 'strip_agency_suffix':
      return `CASE WHEN contains(${v}, '~') THEN regexp_replace(${v}, '\\s*~\\s*[A-Za-z]+\\s*$', '') ELSE ${v} END`;
    case 'strip_leading_dashes':
      return `CASE WHEN starts_with(${v}, '-') THEN regexp_replace(${v}, '^-+\\s*', '') ELSE ${v} END`;
    case 'strip_leading_zeros':
      return `CASE WHEN starts_with(${v}, '0') THEN regexp_replace(${v}, '^0+(\\d)', '\\1') ELSE ${v} END`;
    case 'digits_only':
      // A number a spreadsheet or pandas wrote as a float (`22232618.0`, `2.0`) keeps no digit of its `.0`,
      // and full-width digits (`２２-３００`) are digits.
      return `regexp_replace(CASE WHEN contains(${v}, '.') OR contains(${v}, '．') THEN regexp_replace(translate(${v}, '０１２３４５６７８９．', '0123456789.'), '\\.0+\\s*$', '') ELSE translate(${v}, '０１２３４５６７８９', '0123456789') END, '[^0-9]', '', 'g')`;
    case 'block_level':
      return blockLevelSql(v);
  }
}

/** SQL of `v` through `normalisers` in order, naming `v` as often as they do (for a sample's few rows). */
export function normalisedSql(v: string, normalisers: readonly Normaliser[]): string {
  return normalisers.reduce((e, n) => normaliserSql(n, e), v);
}

/** Why a time of the hour 24 is quarantined. */
const HOUR_24 = 'the hour 24 is no time of day (write it as hour 00 of the next day)';

/**
 * A regular expression a value of `format` matches with 24 as its hour, or null for a format without %H:
 * `2400` of `%H%M` and `20220101240000` of `%Y%m%d%H%M%S` were only "does not match" (tester 185).
 */
function hour24Pattern(format: string): string | null {
  if (!/%-?H/.test(format)) return null;
  return formatPattern(format, {
    Y: '\\d{4}',
    y: '\\d{2}',
    m: '\\d{1,2}',
    d: '\\d{1,2}',
    H: '24',
    M: '[0-5]\\d',
    S: '[0-5]\\d',
  });
}

/**
 * A regular expression of the values of a strptime `format`, each specifier read by `parts` (any other by
 * `.*?`), the rest as written, with spaces allowed around; `seen` is told each specifier in order.
 */
function formatPattern(
  format: string,
  parts: Record<string, string>,
  seen: (specifier: string) => void = () => undefined,
): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    if (format[i + 1] === '-') i++;
    const k = format[++i] ?? '';
    seen(k);
    out += k === '%' ? '%' : (parts[k] ?? '.*?');
  }
  return `\\s*${out}\\s*`;
}

/** Why a time whose date is none the calendar has is quarantined. */
const NO_SUCH_DATE =
  'there is no such date (a 31st in a month of 30 days, 29 February outside a leap year, a month 13)';

/**
 * A regular expression of `format`'s look, each field of `captured` (strptime letters, `y` counted as `Y`)
 * in a group, and SQL of that field of `v` by its letter; `order` lists the groups' letters.
 */
function formatFields(
  v: string,
  format: string,
  captured: string,
): { full: string; order: string[]; group: (k: string) => string } {
  const parts: Record<string, string> = {
    Y: '\\d{4}',
    y: '\\d{2}',
    m: '\\d{1,2}',
    d: '\\d{1,2}',
    H: '\\d{1,2}',
    I: '\\d{1,2}',
    M: '\\d{1,2}',
    S: '\\d{1,2}(?:[.]\\d+)?',
    f: '\\d+',
    p: '[AaPp][Mm]',
  };
  for (const k of captured) parts[k] = `(${parts[k]})`;
  const order: string[] = [];
  const full = formatPattern(format, parts, (k) => {
    if (k !== '' && captured.includes(k)) order.push(k === 'y' ? 'Y' : k);
  });
  const group = (k: string) => `regexp_extract(${v}, ${literal(full)}, ${order.indexOf(k) + 1})`;
  return { full, order, group };
}

/**
 * SQL that is true where `v`, written in `format`, has the format's shape but a date the calendar does not
 * have: `2023-02-29` and `2023-04-31` were said not to match a format they match (tester 225). Null for a
 * format without a numeric year, month and day.
 */
function noSuchDateSql(v: string, format: string): string | null {
  const { full, order, group } = formatFields(v, format, 'Yymd');
  if (order.length !== 3 || new Set(order).size !== 3) return null;
  // Two digits of a year read as this century's, as strptime's %y does for the years calls have.
  const year = /%-?y/.test(format) ? `'20' || ${group('Y')}` : group('Y');
  return `(regexp_full_match(${v}, ${literal(full)}) AND try_cast(${year} || '-' || lpad(${group('m')}, 2, '0') || '-' || lpad(${group('d')}, 2, '0') AS DATE) IS NULL)`;
}

/**
 * Why a time with the second 60 is quarantined: no format reads a leap second, and `23:59:60` was only
 * "does not match" (tester 381).
 */
const LEAP_SECOND = 'its second 60 (a leap second) is not read: write it as second 59 in the export';
/** SQL: `v` has a time of day whose second is 60. */
const leapSecondSql = (v: string) => `regexp_matches(${v}, '(^|[^0-9])\\d{1,2}:[0-5]\\d:60([^0-9]|$)')`;
/** SQL: `v` has seconds with a decimal comma (`01:08:55,25`), which ISO 8601 allows and DuckDB does not read. */
const decimalCommaSql = (v: string) => `regexp_matches(${v}, ':\\d\\d,\\d')`;
/** SQL of the reason for a decimal comma, with the value as a point would write it (tester 381). */
const decimalCommaText = (v: string) =>
  `': its seconds have a decimal comma, which ISO 8601 allows and no format here reads: write the fraction with a point (' || regexp_replace(${v}, '(:\\d\\d),(\\d)', '\\1.\\2') || ')'`;

/**
 * SQL CASE arms naming what is wrong with a value of a 12-hour `format` (%I with %p) that has its look, or
 * '' for another format (tester 381): an hour a 12-hour clock has not (`13:05:00 PM`, as an export that
 * writes 24-hour times with AM or PM gives), or no space before AM or PM where the format has one
 * (`01:00:00PM`). Both were only "does not match format".
 */
function twelveHourArms(v: string, format: string): string {
  if (!/%-?I/.test(format) || !format.includes('%p')) return '';
  const { full, group } = formatFields(v, format, 'Ip');
  const arms = [
    `WHEN regexp_full_match(${v}, ${literal(full)}) AND try_cast(${group('I')} AS INTEGER) NOT BETWEEN 1 AND 12 THEN ': its hour is ' || ${group('I')} || ' with ' || upper(${group('p')}) || ${literal(', and a 12-hour clock (%I) goes from 1 to 12: if the export mixes 24-hour times with AM and PM, the fix is in the export (a 24-hour time has no AM or PM)')}`,
  ];
  // Only a format with a space before %p: the one without it is what the value needs.
  if (format.includes(' %p')) {
    const spaceless = format.replace(' %p', '%p');
    arms.push(
      `WHEN try_strptime(${v}, ${strptimeFormats(spaceless)}) IS NOT NULL THEN ': it has no space before ' || upper(regexp_extract(${v}, '([AaPp][Mm])$', 1)) || ${literal(`, where the format has one: if the export writes its times so, the format is ${spaceless}`)}`,
    );
  }
  return arms.join(' ');
}

/**
 * SQL: a cell written as an Excel text formula, `="55419"` (how exports keep a spreadsheet from eating
 * leading zeros or turning ids into numbers), as the text inside it (`=""` as missing); any other value
 * as it is. Stored wrapped, such postal codes joined no ZIP layer and such ids matched no other source's
 * (tester 309).
 */
export function excelTextSql(v: string): string {
  return `CASE WHEN ${isExcelText(v)} THEN nullif((${v})[3:-2], '') ELSE ${v} END`;
}

/** SQL: whether `v` is written as an Excel text formula (excelTextSql), its text `v[3:-2]`. */
export const isExcelText = (v: string) =>
  `(starts_with(${v}, '="') AND ends_with(${v}, '"') AND strlen(${v}) >= 3)`;

/** The quarantine reason's first words for a second export's header in another column order. */
export const SECOND_HEADER = 'a second header';

/** How many of a row's `columns` values must be column names for the row to be taken for a header. */
export const namesForAHeader = (columns: number) => Math.max(2, Math.ceil(columns / 2));

/**
 * The refusal of a file holding a second export's header at `row` (`how` it differs) after which rows are
 * read into the wrong columns or do not fit: ingest's for one in another column order, readFile's for one
 * with a column more or fewer.
 */
export function secondHeaderError(
  file: string,
  row: number,
  how: string,
  path = file,
  gzip = false,
): UserError {
  // The file's whole path, quoted for a shell: its name alone failed from another folder (tester 250).
  return new UserError(
    `${file}: row ${row} is the header of a second export ${how}: the rows after it would be read by the first header, not their own. No calls were written to the store.`,
    // Rows are numbered from the first after the header (docs/decisions.md, 4), so the row is on the line
    // after its number: "split at row 23079" kept the first export's last row in the second (tester 247).
    `split the file before row ${row}, line ${row + 1} of the file counting the header as 1 (unless a value above it runs over several lines): \`${linesCommand(`head -n ${row}`, path, gzip)} > ${shellWord(besidePath(path, 'first'))}\` writes the header and the rows before it, \`${linesCommand(`tail -n +${row + 1}`, path, gzip)} > ${shellWord(besidePath(path, 'second'))}\` the second export with its own header, beside it. Ingest the two files; each is read by its own header.`,
  );
}

/**
 * The query is built in layers so that each expression is computed once per row (DuckDB does not share a
 * sub-expression that is repeated inside several CASE branches): raw columns with nulls applied, then each
 * field's raw value, then normalised and parsed values, then rules and problems over those.
 */
/** `label`: the profile as it was given (a path or a built-in's name), which the refusals name. */
export function compileProfile(profile: Profile, label?: string): CompiledProfile {
  const theProfile = label === undefined ? 'The profile' : `Profile ${label}`;
  const columns: string[] = [];
  const col = (c: string): string => {
    if (!columns.includes(c)) columns.push(c);
    return `c${columns.indexOf(c)}`;
  };
  const describeCols = (c: string | string[]) => (Array.isArray(c) ? c.join(' / ') : c).replaceAll("'", "''");
  const colsOf = (c: string | string[]) => (Array.isArray(c) ? c : [c]);

  // Layer 2: each field's raw value (first non-missing column, field-level nulls applied).
  const layer2: string[] = [];
  /** The first non-missing of a field's columns. */
  const firstOf = (column: string | string[]) => {
    const parts = colsOf(column).map(col);
    return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
  };
  const rawValue = (
    alias: string,
    column: string | string[],
    extraNulls: string[] = [],
    nullMatches?: string,
  ) => {
    let e = firstOf(column);
    if (extraNulls.length) e = `CASE WHEN trim(${e}) IN (${literalList(extraNulls)}) THEN NULL ELSE ${e} END`;
    if (nullMatches)
      e = `CASE WHEN regexp_matches(${e}, ${literal(nullMatches)}, 'i') THEN NULL ELSE ${e} END`;
    layer2.push(`${e} AS ${alias}`);
    return alias;
  };

  // A date and a time of day in two columns, read as one value "date time"; missing when either is (an
  // arrival with no time recorded), never a date alone read as midnight.
  const dateAndTime = (
    alias: string,
    dateColumn: string | string[],
    timeColumn: string | string[],
    format: string,
  ) => {
    const [d, t] = [firstOf(dateColumn), firstOf(timeColumn)];
    // A time of day saved as a number lost its leading zeros (905 for 09:05, 5 for 00:05), and `%H%M` reads
    // only the full width: a format whose time of day is HHMM or HHMMSS gets them back. A data frame that
    // made the column float wrote `905.0`, whose `.0` goes too.
    const width = / %H%M%S$/.test(format) ? 6 : / %H%M$/.test(format) ? 4 : 0;
    const time = width
      ? `CASE WHEN (length(trim(${t})) < ${width} OR contains(${t}, '.')) AND regexp_full_match(trim(${t}), '[0-9]{1,${width}}([.]0+)?') THEN lpad(split_part(trim(${t}), '.', 1), ${width}, '0') ELSE trim(${t}) END`
      : `trim(${t})`;
    layer2.push(
      `CASE WHEN ${d} IS NOT NULL AND ${t} IS NOT NULL THEN trim(${d}) || ' ' || ${time} END AS ${alias}`,
    );
    return alias;
  };

  // Between layers 2 and 3: the inputs of normalisers that name their input more than once (REPEATS_INPUT).
  const normalising: string[][] = [];
  // Layer 3: normalised fields, parsed times and numbers.
  const layer3: string[] = [];
  // Layer 4: outputs that depend on layer 3 (rules, problems).
  // Each problem is a condition and its message: the messages are only built for rows that have one.
  const problems: { when: string; text: string }[] = [];
  const out: string[] = [];

  // Each normaliser in order; one that names its input more than once gets it computed in a layer of its
  // own first.
  const normalised = (name: string, raw: string, normalisers: readonly Normaliser[]) => {
    let e = raw;
    let depth = 0;
    for (const n of normalisers) {
      if (REPEATS_INPUT.has(n) && !/^\w+$/.test(e)) {
        const alias = `s${depth}_${name}`;
        (normalising[depth] ??= []).push(`${e} AS ${alias}`);
        e = alias;
        depth++;
      }
      e = normaliserSql(n, e);
    }
    return e;
  };

  const idSpec: { column: string | string[]; normalise?: Normaliser[] } =
    typeof profile.id === 'object' && !Array.isArray(profile.id) ? profile.id : { column: profile.id };
  const id = normalised('id', rawValue('r_id', idSpec.column), idSpec.normalise ?? []);
  // Tabs and line ends too: an id is how records of one call are found in several sources and exports,
  // and `22-236388<TAB>` kept a crisis team's record apart from the CAD's `22-236388`.
  layer3.push(`nullif(trim(${id}, ${ID_SPACE}), '') AS source_call_id`);
  out.push('source_call_id');
  // The id as the file wrote it when a spreadsheet wrote it in scientific notation, for ingest's warning:
  // tested before the normalisers, since `digits_only` made `2.02300031982E+12` the id `20230003198212`,
  // which no test of the stored id can tell from a real one (tester 374). Null for every other id. Named
  // `_raw` as the other fields' text: a conflict of two such writings of one id is said to differ in `id`.
  layer3.push(`CASE WHEN ${scientificIdSql('r_id')} THEN trim(r_id, ${ID_SPACE}) END AS id_raw`);
  out.push('id_raw');
  // Said with what to do (tester 309); and a value the normalisers left nothing of is no missing id: a
  // list's next column is read only when the first is missing, `PENDING` under digits_only included
  // (tester 310: "missing" while the next column held B500).
  const idColumns = colsOf(idSpec.column).join(' / '); // quoted by literal, not describeCols
  const idNormalisers = idSpec.normalise ?? [];
  problems.push({
    when: 'source_call_id IS NULL',
    text: `CASE WHEN ${idNormalisers.length ? 'r_id IS NOT NULL' : 'false'} THEN 'id: ' || trim(r_id) || ${literal(` (column ${idColumns}) is no id once normalised with ${idNormalisers.join(', ')}: a value that means none goes in the profile's nulls${Array.isArray(idSpec.column) && idSpec.column.length > 1 ? ', and the id is then read from the next column' : ''}`)}
      ELSE ${literal(`id: missing (column ${idColumns}): calls are linked, replaced and counted by their id, so a row without one is no call (a note or a totals line?) unless the export gives it one`)} END`,
  });

  const fieldNames: FieldName[] = [];
  // Fields whose normalisers take a telephone number's shape away (TAKES_SHAPE), and those normalisers.
  const maskedFirst = new Map<FieldName, readonly Normaliser[]>();
  for (const [name, f] of Object.entries(profile.fields) as [FieldName, string | FieldSpec | undefined][]) {
    if (f === undefined) continue;
    const s: FieldSpec = typeof f === 'string' ? { column: f, normalise: ['trim'] } : f;
    const r = rawValue(`r_${name}`, s.column, s.nulls, s.null_matches);
    let normalisers = s.normalise ?? ['trim'];
    // Privacy: an address is always coarsened to its block, whatever the profile says.
    if (name === 'block_address' && !normalisers.includes('block_level'))
      normalisers = [...normalisers, 'trim', 'block_level'];
    layer3.push(`nullif(${normalised(name, r, normalisers)}, '') AS f_${name}`);
    fieldNames.push(name);
    if (name !== 'block_address' && normalisers.some((n) => TAKES_SHAPE.has(n)))
      maskedFirst.set(name, normalisers);
    // `Priority X` kept no digit and became no priority, with no trace (tester 76).
    if (normalisers.includes('digits_only'))
      problems.push({
        when: `r_${name} IS NOT NULL AND f_${name} IS NULL`,
        text: `'${name}: ' || trim(r_${name}) || ' has no digit for digits_only to keep (column ${describeCols(s.column)}; a value that means none goes in the profile''s nulls)'`,
      });
  }
  const field = (name: FieldName) => (fieldNames.includes(name) ? `f_${name}` : 'NULL::VARCHAR');
  // What is stored: a value whose number was masked before the normalisers, `X` where they kept nothing
  // (`Precinct 612-503-0120`, as an area holding only a number is stored), as pass 2 masks the other text
  // fields. Rules and the problems read f_<field>, the value as the export wrote it (docs/schema.md).
  // Only a value left with four digits or more can have held a number, so the others cost one length (a
  // regular expression over every raw value cost a sixth to a fifth of pass 2's test of a row's text
  // columns); the few rest are masked and normalised again, naming the value as often as normalisers do.
  const stored = (name: FieldName) => {
    const normalisers = maskedFirst.get(name);
    if (!normalisers) return field(name);
    // All that stored text values are masked for, not telephone numbers alone (tester 244: an SSN, a date of
    // birth, a licence or an international number in a precinct was stored as its digits); four digits or
    // more, as `DOB 3/4/87` leaves; a point's pair and an address too (tester 334: `Precinct 44.977812
    // -93.265011` was stored, and published, as the precinct `4497781293265011`).
    const masked = textValueMaskedSql(`r_${name}`);
    return `CASE WHEN length(f_${name}) >= 4 AND ${masked} <> r_${name} THEN coalesce(nullif(${normalisedSql(masked, normalisers)}, ''), 'X') ELSE f_${name} END`;
  };
  const fieldRaw = (name: FieldName) => (fieldNames.includes(name) ? `r_${name}` : 'NULL::VARCHAR');

  const times: TimePlan[] = [];
  for (const name of TIME_FIELDS) {
    const t = (profile.times as Record<string, string | TimeSpec | undefined>)[name];
    if (t === undefined) continue;
    const ts: TimeSpec = typeof t === 'string' ? { column: t } : t;
    const format = ts.format ?? profile.timestamps.format;
    const r = ts.time_column
      ? dateAndTime(`r_${name}`, ts.column, ts.time_column, format)
      : rawValue(`r_${name}`, ts.column);
    // DuckDB's casts accept spaces around a value, so the trimmed text (a copy of every value) is only
    // cast when the value as it is does not parse: the same result, several seconds sooner on ten million
    // rows.
    const cast = (type: string) => `coalesce(try_cast(${r} AS ${type}), try_cast(trim(${r}) AS ${type}))`;
    if (ts.seconds_after !== undefined) {
      // A delay in seconds after another time (load-profile.ts checks that one is a time stamp).
      times.push({
        field: name,
        columns: colsOf(ts.column),
        format: 'seconds',
        mode: 'seconds',
        after: ts.seconds_after,
      });
      const alias = pass1Column({ field: name, mode: 'seconds' });
      layer3.push(`${cast('DOUBLE')} AS ${alias}`);
      // No longer than YEARS span: a longer delay cannot end in a time a call can have, and an astronomic
      // one (1e300) would overflow the microseconds pass 2 adds.
      const years = YEARS.to + 1 - YEARS.from;
      const inRange = `abs(${alias}) <= ${years * 366 * 86_400}`;
      out.push(`CASE WHEN ${inRange} THEN ${alias} END AS ${alias}`);
      problems.push({
        when: `${r} IS NOT NULL AND NOT coalesce(${inRange}, false)`,
        // A spreadsheet's re-save writes `2,977` for 2977 (tester 247): said, as for ids and areas.
        text: `'${name} time: ' || trim(${r}) || ' is not a number of seconds up to ${years} years (column ${describeCols(ts.column)}' || CASE WHEN regexp_full_match(trim(${r}), '-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?') THEN '; it is written with thousands separators, as a spreadsheet writes numbers when it re-saves a file: export the file again without opening it in a spreadsheet, or format the column without separators and save it again' ELSE '' END || ')'`,
      });
      continue;
    }
    const iso = format === 'iso8601';
    // A strptime `%z` reads a UTC offset, which makes the value an instant under `local` as under
    // iso8601: read as the local clock, its UTC reading put every call hours off, and intervals from a stage
    // without one 5 hours long (tester 381).
    const offset = readsSpecifier(format, '%z');
    const mode: TimePlan['mode'] =
      ((iso || offset) && profile.timestamps.clock !== 'utc_is_local') || profile.timestamps.clock === 'utc'
        ? 'instant'
        : 'local';
    times.push({ field: name, columns: colsOf(ts.column), format, mode });
    const v = `trim(${r})`;
    // What a message shows: the value as the file wrote it. A date and a time of day are shown as their two
    // columns hold them, not as joined and padded for the format (`2022-06-02 60`, not `2022-06-02 0060`).
    const shown = ts.time_column
      ? `trim(${firstOf(ts.column)}) || ' ' || trim(${firstOf(ts.time_column)})`
      : v;
    let parsed: string;
    /** Under iso8601, SQL giving what is wrong with a value whose shape is right: its hour 24 or offset. */
    let isoProblem = `''`;
    /** Under a strptime format, SQL naming why a value of the format's look does not match it. */
    let formatProblem = `''`;
    /** SQL: the value is no time at all, said so rather than that it does not match. */
    let notATime = 'false';
    if (iso) {
      // Under `clock: local` only an offset after the time makes a value an instant: DuckDB reads
      // `2022-01-01T01:08:55` as UTC, five hours off in New York, and `2022-01-01` as midnight UTC. Without
      // one the value does not match (quarantined, with the message below); under `utc` the clock says
      // what it is.
      // Under `utc_is_local` too: the export converted every value to an offset, and one without any was
      // read as the local time itself, five hours from its neighbours (tester 76).
      // Under `utc` a value still needs a time of day: a date alone is no time of a call.
      const needsOffset = profile.timestamps.clock === 'local' || profile.timestamps.clock === 'utc_is_local';
      // DuckDB's cast reads the hour 24 as the next midnight, an offset of +24:00 as a day's shift, `+00:60`
      // as an hour and an offset with seconds under one clock only; the strptime formats refuse the hour,
      // and none of them is a time a call has (testers 156, 157, 159). A value's offset is one a zone has:
      // -12:00 to +14:00, minutes 00 to 59.
      const hour24 = `regexp_matches(${v}, '(?i)[t ]24:')`;
      // After a time of day: a date alone's day (`2022-02-28`) was read as an offset of -28 (tester 231).
      const badOffset = `(regexp_matches(${v}, '(?i)[t ]\\d\\d:\\d\\d.*[+-]\\d\\d(:?\\d\\d){0,2}$') AND NOT regexp_matches(${v}, '(\\+(0\\d|1[0-3])(:?[0-5]\\d)?|\\+14(:?00)?|-(0\\d|1[01])(:?[0-5]\\d)?|-12(:?00)?)$'))`;
      const valid = `NOT ${hour24} AND NOT ${badOffset}`;
      // A date the calendar does not have was told it lacked an offset (tester 225: 2023-02-29T12:00-06:00).
      const noSuchDate = `(regexp_matches(${v}, '^\\s*\\d{4}-\\d{2}-\\d{2}') AND try_cast(substr(trim(${v}), 1, 10) AS DATE) IS NULL)`;
      // A decimal comma and a leap second were told they lacked an offset (tester 381).
      isoProblem = `CASE WHEN ${hour24} THEN ': ${HOUR_24}' WHEN ${badOffset} THEN ': its UTC offset is none a zone has (-12:00 to +14:00)' WHEN ${noSuchDate} THEN ': ${NO_SUCH_DATE}' WHEN ${decimalCommaSql(v)} THEN ${decimalCommaText(v)} WHEN ${leapSecondSql(v)} THEN ': ${LEAP_SECOND}' ELSE '' END`;
      // DuckDB's cast reads `infinity` as a time, which the offset this needs keeps out: it is none, and was
      // told it lacked an offset (tester 381).
      notATime = `regexp_full_match(${v}, '(?i)[+-]?infinity')`;
      // A time without seconds (`T10:00-05:00`), which ISO 8601 allows and DuckDB's cast does not, is read
      // with `:00` (tester 159: refused as if it had no offset).
      // Upper case: DuckDB's cast takes `Z` and not the `z` RFC 3339 allows, and the value was told it had no
      // offset (tester 356: `2022-06-01T12:00:00z`).
      const isoCast = `coalesce(${cast('TIMESTAMPTZ')}, try_cast(upper(${v}) AS TIMESTAMPTZ), try_cast(regexp_replace(upper(${v}), '([T ]\\d\\d:\\d\\d)( ?(Z|[+-])|$)', '\\1:00\\2') AS TIMESTAMPTZ))`;
      const instant = needsOffset
        ? `CASE WHEN regexp_matches(${v}, '(?i)[t ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)? ?(z|[+-]\\d\\d(:?\\d\\d)?)$') AND ${valid} THEN ${isoCast} END`
        : `CASE WHEN contains(${r}, ':') AND ${valid} THEN ${isoCast} END`;
      parsed = mode === 'instant' ? instant : `(${instant} AT TIME ZONE 'UTC')`;
    } else {
      const shape = ISO_LIKE.get(format);
      const local = shape
        ? `CASE WHEN ${r} LIKE ${literal(shape)} AND substr(${r}, 12, 2) <> '24' THEN try_cast(${r} AS TIMESTAMP) ELSE try_strptime(${v}, ${strptimeFormats(format)}) END`
        : `try_strptime(${v}, ${strptimeFormats(format)})`;
      // Under `utc_is_local` an offset's value is read by its UTC reading, as iso8601's is: said, not left to
      // the session's time zone.
      parsed =
        mode === 'instant'
          ? `CAST(${local} AS TIMESTAMPTZ)`
          : offset
            ? `(${local} AT TIME ZONE 'UTC')`
            : local;
      // `24:00:00` "does not match format %Y-%m-%d %H:%M:%S" read as if it did (tester 179).
      const hour24 = hour24Pattern(format);
      const noSuchDate = noSuchDateSql(v, format);
      // `%S` (and its `%S.%f`) reads six digits of a fraction at most: `01:08:55.2500000`, SQL Server's
      // datetime2, was refused with no word of what reads it (tester 381).
      const longFraction =
        /%S/.test(format) && !format.includes('%S.%n') ? `regexp_matches(${v}, ':\\d\\d[.,]\\d{7,}')` : null;
      // A second 60, a decimal comma and a 12-hour time of the wrong look were only "does not match" (tester
      // 381). A comma before seven digits is named as a comma: %S.%n does not read it either.
      const seconds = /%S/.test(format);
      const twelveHour = twelveHourArms(v, format);
      if (hour24 || noSuchDate || seconds || twelveHour)
        formatProblem = `CASE ${hour24 ? `WHEN regexp_full_match(${v}, ${literal(hour24)}) THEN ': ${HOUR_24}'` : ''} ${noSuchDate ? `WHEN ${noSuchDate} THEN ': ${NO_SUCH_DATE}'` : ''} ${seconds ? `WHEN ${decimalCommaSql(v)} THEN ${decimalCommaText(v)}` : ''} ${longFraction ? `WHEN ${longFraction} THEN ${literal(': its seconds have more than six digits after the point, which %S reads no more of: write %S.%n for them in the format (it reads up to nine digits, and seconds without a fraction too)')}` : ''} ${seconds ? `WHEN ${leapSecondSql(v)} THEN ': ${LEAP_SECOND}'` : ''} ${twelveHour} ELSE '' END`;
    }
    const alias = pass1Column({ field: name, mode });
    layer3.push(`${parsed} AS ${alias}`);
    // A time outside YEARS is a placeholder (1900-01-01, 9999-12-31), a typo (a year 20222) or `infinity`,
    // which DuckDB reads as a time: no call happened then. Loaded, one such received time would stretch the
    // analysis period to centuries and divide every yearly figure accordingly; so the row is quarantined,
    // like any bad value (docs/decisions.md, 7), and the message says how to declare a placeholder.
    const type = mode === 'instant' ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    const inYears = `${alias} >= ${type} '${YEARS.from}-01-01' AND ${alias} < ${type} '${YEARS.to + 1}-01-01'`;
    out.push(`CASE WHEN ${inYears} THEN ${alias} END AS ${alias}`);
    const expected = (
      iso
        ? `an ISO-8601 time with offset${profile.timestamps.clock === 'local' ? " (local times without one need a format such as '%Y-%m-%dT%H:%M:%S')" : ''}`
        : `format ${format}`
    ).replaceAll("'", "''");
    // The columns a message names: the date's and, for a date and a time of day, the time's.
    const source = `${describeCols(ts.column)}${ts.time_column ? ` with ${describeCols(ts.time_column)}` : ''}`;
    problems.push({
      when: `${r} IS NOT NULL AND ${alias} IS NULL`,
      // A spreadsheet that saved the column as numbers writes days since 1899-12-30 (44927.5 is noon on
      // 1 January 2023): say so, since no format reads it and the fix is in the spreadsheet.
      // The hour 24 or an offset no zone has was told it lacked an offset (tester 157): named instead.
      text: `'${name} time: ' || ${shown} || CASE WHEN ${notATime} THEN ' is not a time' WHEN ${isoProblem} <> '' THEN ' is not an ISO-8601 time' || ${isoProblem} ELSE ' does not match ${expected}' || ${formatProblem} END || ' (column ${source}' || CASE WHEN ${notATime} THEN '; a placeholder for a missing time goes in the profile''s nulls' WHEN regexp_full_match(trim(${r}), '[1-9][0-9]{4}([.][0-9]+)?') THEN '; it looks like a spreadsheet''s date number: format the column as a date and time in the spreadsheet and save the CSV again' ELSE '' END || ')'`,
    });
    problems.push({
      when: `NOT (${inYears})`,
      // A year below 100 is a two-digit year read with %Y (`06/04/23` as the year 23), not a placeholder:
      // declaring it a null would erase real times.
      text: `CASE WHEN year(${alias}) < 100 THEN '${name} time: ' || ${shown} || ' reads as the year ' || year(${alias}) || ' (column ${describeCols(ts.column)}; a two-digit year needs %y in the format, not %Y)' ELSE '${name} time: ' || ${shown} || ' ${OUTSIDE_YEARS} (column ${describeCols(ts.column)}; a placeholder for a missing time goes in the profile''s nulls)' END`,
    });
    if (name === 'received')
      problems.push({
        when: `${r} IS NULL`,
        text: `'received time: missing (column ${source})'`,
      });
  }

  for (const f of ['call_type_initial', 'call_type_final'] as const)
    out.push(`${fieldRaw(f)} AS ${f}_raw`, `${stored(f)} AS ${f}`);
  out.push(
    `${stored('priority_initial')} AS priority_initial`,
    `${stored('priority')} AS priority`,
    `${fieldRaw('disposition')} AS disposition_raw`,
    `${stored('cancel_reason')} AS cancel_reason`,
    `${stored('response_plan')} AS response_plan`,
    `${stored('agency')} AS agency_raw`,
    ...(['precinct', 'sector', 'beat', 'neighborhood', 'postal_code', 'block_address'] as const).map(
      (f) => `${stored(f)} AS ${f}`,
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
    // (0, 0), in the Gulf of Guinea, is where exports put a call they could not locate ("null island"):
    // missing, not a place. Left in, one such point stretches every map to the equator. Half a point (a
    // latitude without its longitude) is no place either, and is stored as neither.
    out.push(
      fieldNames.includes('lat') && fieldNames.includes('lon')
        ? `CASE WHEN (n_lat = 0 AND n_lon = 0) OR n_lat IS NULL OR n_lon IS NULL THEN NULL ELSE n_${f} END AS ${f}`
        : `n_${f} AS ${f}`,
    );
    const spec = profile.fields[f]!;
    problems.push({
      when: `f_${f} IS NOT NULL AND (n_${f} IS NULL OR n_${f} NOT BETWEEN ${lo} AND ${hi})`,
      // A decimal comma (44,98 from a European spreadsheet) is the usual reason a coordinate is no number.
      // A latitude a longitude could be, beside a longitude a latitude could be: the two columns swapped
      // (tester 250: every row refused, with the advice to list the values as nulls).
      text: `'${f}: ' || f_${f} || ' is not a number between ${lo} and ${hi} (column ${describeCols(typeof spec === 'string' ? spec : spec.column)}' || CASE WHEN regexp_full_match(trim(f_${f}), '-?[0-9]+,[0-9]+') THEN '; a decimal comma: save the file with decimal points'${f === 'lat' && fieldNames.includes('lon') ? " WHEN abs(n_lat) <= 180 AND abs(n_lon) <= 90 THEN '; it is a longitude''s, and the longitude a latitude''s: the profile''s lat and lon are most likely the wrong way round'" : ''} ELSE '; if it stands for no point, list it in the field''s nulls' END || ')'`,
    });
  }

  // A raw column the rules test is trimmed once per row (layer 3), not once per rule.
  const trimmedColumns: string[] = [];
  const trimmed = (column: string) => {
    const c = col(column);
    if (!trimmedColumns.includes(c)) {
      trimmedColumns.push(c);
      layer3.push(`trim(${c}) AS t_${c}`);
    }
    return `t_${c}`;
  };
  const cond = (c: Condition): string => {
    if ('all' in c) return `(${c.all.map(cond).join(' AND ')})`;
    if ('any' in c) return `(${c.any.map(cond).join(' OR ')})`;
    const v = c.column !== undefined ? trimmed(c.column) : field(c.field as FieldName);
    if (c.is_null !== undefined) return c.is_null ? `(${v} IS NULL)` : `(${v} IS NOT NULL)`;
    let test: string;
    if (c.equals !== undefined) test = `${v} = ${literal(c.equals)}`;
    else if (c.in !== undefined) test = `${v} IN (${literalList(c.in)})`;
    else if (c.starts_with !== undefined) test = `starts_with(${v}, ${literal(c.starts_with)})`;
    else test = `regexp_matches(${v}, ${literal(c.matches ?? '')}, 'i')`;
    // A test of a missing value is NULL, which AND, OR and CASE WHEN all treat as false: no coalesce needed.
    return `(${test})`;
  };
  // `last`: one more case after the rules, before the default.
  const rules = (set: { default: string; rules: { if: Condition; then: string }[] }, last?: string) => {
    const cases = [
      ...set.rules.map((r) => `WHEN ${cond(r.if)} THEN ${literal(r.then)}`),
      ...(last ? [last] : []),
    ];
    return cases.length === 0
      ? literal(set.default)
      : `CASE ${cases.join(' ')} ELSE ${literal(set.default)} END`;
  };
  out.push(`${rules(profile.origin)} AS origin`, `${rules(profile.responder)} AS responder`);
  // The rules come first: one may decide from another column (a cancel reason of "referred to 311") when
  // the disposition is empty; only a call no rule places and without a disposition is `unknown`.
  out.push(
    `${rules(profile.disposition_class ?? { default: 'other', rules: [] }, `WHEN ${fieldRaw('disposition')} IS NULL THEN 'unknown'`)} AS disposition_class`,
  );
  // A row that repeats the header (two exports joined into one file) fails every parse; one reason says why.
  // The second export's header may begin with its byte-order mark, as its file did (tester 179: the same
  // names were "named otherwise"), in whichever column is the file's first. `bare` is only for rows that
  // fail already.
  // After a byte-order mark a quoted name is no longer quoted: its quotes are in the value (tester 185).
  const bare = (i: number) => `trim(trim(ltrim(x${i}, chr(65279))), '"')`;
  // A name the header repeats is read as `Nature_1` (DuckDB's), while a repeated header writes `Nature`
  // there: its columns were taken for another order, and the file refused (tester 263).
  const written = (c: string) => [c, ...(/^(.+)_\d+$/.exec(c)?.slice(1) ?? [])];
  const repeatsHeader = columns
    .map(
      (c, i) =>
        `trim(x${i}) IN (${literalList(written(c).flatMap((w) => [w, `\ufeff${w}`, `\ufeff"${w}"`, `"${w}"`]))})`,
    )
    .join(' AND ');
  // One whose values are mostly column names is another export's header. With a name in another column's
  // place, its columns are in another order and the rows after it are read into the wrong columns, so
  // ingest refuses the file (SECOND_HEADER); with each name in its own place and some renamed, the rows
  // after it are read right and it is a bad row. Only a row that fails already pays for the test.
  // The names are every one of the file's header (`header`, query's), not only those the profile reads:
  // with the moved names in columns it does not read, the second header held too few of the profile's, and
  // it and the rows after it were quarantined as bad priorities and times, with no word of a header (tester
  // 382). A longer IN list costs only the rows that fail.
  const problemsOf = (header: readonly string[]) => {
    const names = literalList([...new Set([...columns, ...header].flatMap(written))]);
    const namesHeld = columns.map((_, i) => `(${bare(i)} IN (${names}))::INTEGER`).join(' + ');
    const moved = columns
      .map((c, i) => `(${bare(i)} IN (${names}) AND ${bare(i)} NOT IN (${literalList(written(c))}))`)
      .join(' OR ');
    return `CASE WHEN ${repeatsHeader} THEN 'the row repeats the header (two exports joined into one file?): remove it'
      WHEN ${problems.map((p) => `(${p.when})`).join(' OR ')} THEN CASE
        WHEN ${namesHeld} >= ${namesForAHeader(columns.length)} THEN CASE
          WHEN ${moved} THEN ${literal(`${SECOND_HEADER}: the row holds column names in other columns' places (two exports joined into one file?)`)}
          ELSE 'the row repeats the header with some columns named otherwise (two exports joined into one file?): remove it' END
        ELSE concat_ws('; ', ${problems.map((p) => `CASE WHEN ${p.when} THEN ${p.text} END`).join(', ')}) END
      END AS problems`;
  };
  out.push('row_hash');
  // Filled in by query, which knows the file's header.
  const problemsAt = out.push('PROBLEMS AS problems') - 1;

  // A token that begins or ends with a space can never equal a trimmed value, so it is left out; that keeps
  // the untrimmed comparison below from matching it.
  const nullValues = ['', ...profile.nulls].filter((n) => !/^ | $/.test(n));
  const nulls = literalList(nullValues);
  const longestNull = Math.max(...nullValues.map((n) => Buffer.byteLength(n)));
  // A value is missing when, trimmed, it is one of the profile's nulls. Trimming copies every value, so
  // the test trims only values that begin or end with a space; the rest are compared as they are (and only
  // when short enough to be a null).
  const isNull = (v: string) =>
    `(strlen(${v}) <= ${longestNull} AND ${v} IN (${nulls})) OR ((starts_with(${v}, ' ') OR ends_with(${v}, ' ')) AND trim(${v}) IN (${nulls}))`;
  // Layer 1: raw columns with the profile's nulls applied and Excel's `="..."` taken off (c0..), the raw
  // text (x0..), a hash of the whole raw row: exact duplicates are judged on every column, the ones the
  // profile does not read included.
  // The id's columns are hashed as the id is read, without the spaces, tabs and line ends around them
  // (`"123"` and `" 123 "` are one row, not a conflict); only a value that may have some (a first or last
  // character at or below a space) pays for the copy, the rest hash the row as it is (the same hash).
  // `row` names the file's whole row, an alias no column of the file may have: a column of that name
  // would stand for the row, and the row hash would fail (a file with a column `x` could not be read).
  const rowHash = (row: string) => {
    const idColumns = colsOf(idSpec.column).map((c) => `${row}.${ident(c)}`);
    const padded = idColumns.map((c) => `ascii(${c}) <= 32 OR ascii(right(${c}, 1)) <= 32`).join(' OR ');
    return `CASE WHEN ${padded} THEN hash(struct_update(${row}, ${colsOf(idSpec.column)
      .map((c) => `${ident(c)} := trim(${row}.${ident(c)}, ${ID_SPACE})`)
      .join(', ')})) ELSE hash(${row}) END`;
  };
  const layer1 = (row: string) => {
    return [
      ...columns.map((c, i) => {
        const v = `${row}.${ident(c)}`;
        // The text inside `="NA"` is a null as `NA` is (tester 312: it was a precinct called NA).
        const inside = `${v}[3:-2]`;
        return `CASE WHEN ${isNull(v)} THEN NULL WHEN ${isExcelText(v)} THEN CASE WHEN ${isNull(inside)} THEN NULL ELSE nullif(${inside}, '') END ELSE ${v} END AS c${i}`;
      }),
      ...columns.map((c, i) => `${row}.${ident(c)} AS x${i}`),
      `${rowHash(row)} AS row_hash`,
    ];
  };
  // For the quarantine file: the raw text of the columns the profile reads (never the unread ones), kept
  // only for rows with problems.
  const rawValues = `CASE WHEN problems IS NOT NULL THEN CAST(to_json(struct_pack(${columns
    .map((c, i) => `${ident(c)} := x${i}`)
    .join(', ')})) AS VARCHAR) END AS raw_values`;
  const address = profile.fields.block_address;
  const addressColumns =
    address === undefined ? [] : colsOf(typeof address === 'string' ? address : address.column);
  // A column named as an address that a rule reads is shown at block level in the quarantine too (tester
  // 184: `column: Address, matches: PARK` put whole addresses there).
  const ruleAddressColumns = columns.filter(
    (c) => namesAnAddress(c) && !profile.not_personal.includes(c) && !addressColumns.includes(c),
  );
  for (const c of columns)
    if (/^TODO_/.test(c))
      throw new UserError(
        `${theProfile} still reads the draft's placeholder \`${c}\`, which no export has.`,
        c === 'TODO_incident_number_column'
          ? "replace it with the name of the export's column that numbers its calls or records (the draft marks the line TODO): `id` is required, since calls are linked, replaced and counted by it, and an export with none needs a column of record numbers added before ingest."
          : "replace it with the name of the export's column (the draft marks the line TODO), or remove the key if the export has no such column.",
      );
  // An address is read only where it is coarsened to its block (docs/decisions.md, 18).
  // The id too, whose value is stored whole in the call's id (tester 185: `id: [incident_id, Address]`).
  // And a time's columns, which quarantine messages quote whole (tester 184: `time_column: Address`).
  const read: [string, string[]][] = [
    [
      'id',
      colsOf(typeof profile.id === 'object' && !Array.isArray(profile.id) ? profile.id.column : profile.id),
    ],
    ...Object.entries(profile.fields).map(([f, spec]): [string, string[]] => [
      f,
      spec === undefined ? [] : colsOf(typeof spec === 'string' ? spec : spec.column),
    ]),
    ...Object.entries(profile.times as Record<string, string | TimeSpec | undefined>).map(
      ([t, spec]): [string, string[]] => [
        `times.${t}`,
        spec === undefined
          ? []
          : typeof spec === 'string'
            ? [spec]
            : [...colsOf(spec.column), ...(spec.time_column ? colsOf(spec.time_column) : [])],
      ],
    ),
  ];
  for (const [f, cols] of read) {
    if (f === 'block_address') continue;
    const unchecked = (x: string) => !profile.not_personal.includes(x);
    // A point under a field other than lat and lon published exact coordinates as area names (tester 184).
    const point = f === 'lat' || f === 'lon' ? undefined : cols.find((x) => namesAPoint(x) && unchecked(x));
    if (point)
      throw new UserError(
        `${theProfile} maps the column \`${point}\`, whose name says it holds a point, as ${f}: a point is read only as lat and lon; as ${f} every place with a call would be stored and published exactly.`,
        `map the point's latitude and longitude as \`lat:\` and \`lon:\` (split a column holding both before ingest), and take ${f} from another column. If you have checked that it holds no point, list it under \`not_personal:\` in the profile.`,
      );
    const c = cols.find((x) => namesAnAddress(x) && unchecked(x));
    if (c)
      throw new UserError(
        `${theProfile} maps the column \`${c}\`, whose name says it holds an address, as ${f}: an address is read only as block_address, which keeps its block and drops the house number; as ${f} every address with a call would be ${f === 'id' ? 'stored whole' : f.startsWith('times.') ? 'quoted whole in the quarantine and its messages' : 'stored and published whole'}.`,
        `map \`${c}\` as \`block_address:\` (for repeat locations) and take ${f} from another column, or leave it out. If you have checked that it holds no address, list it under \`not_personal:\` in the profile.`,
      );
  }
  // Personal data is never read, whatever the profile maps it to (docs/decisions.md, 18).
  for (const c of columns) {
    const why = personalReason(c);
    if (why && !profile.not_personal.includes(c))
      throw new UserError(
        `${theProfile} reads the column \`${c}\`, whose name says it holds ${why}. safegap never loads personal data: names, phone numbers, narratives.`,
        `remove \`${c}\` from the profile (id, times, fields and rules). If you have checked that it holds no personal data, list it under \`not_personal:\` in the profile.`,
      );
  }
  const outNames = out.map((o) => (o.includes(' AS ') ? o.slice(o.lastIndexOf(' AS ') + 4) : o));
  const rowAlias = (header: readonly string[]) => {
    const taken = new Set(header.map((h) => h.toLowerCase()));
    let row = 'sg_row';
    for (let n = 2; taken.has(row); n++) row = `sg_row_${n}`;
    return row;
  };
  const rawRows = (from: string, header: readonly string[] = []) => {
    const row = rowAlias(header);
    return `SELECT ${rowHash(row)} AS row_hash,
      CAST(to_json(struct_pack(${columns.map((c) => `${ident(c)} := ${row}.${ident(c)}`).join(', ')})) AS VARCHAR) AS raw_values
    FROM ${from} ${row}`;
  };
  const query = (from: string, header: readonly string[] = []) => {
    const row = rowAlias(header);
    return `
    SELECT ${outNames.join(', ')}, ${rawValues} FROM (
      SELECT ${out.map((o, i) => (i === problemsAt ? problemsOf(header) : o)).join(',\n  ')}, ${columns.map((_, i) => `x${i}`).join(', ')} FROM (
        SELECT *, ${layer3.join(',\n  ')} FROM ${normalising.reduce(
          (inner, l) => `(SELECT *, ${l.join(', ')} FROM ${inner})`,
          `(
          SELECT *, ${layer2.join(',\n  ')} FROM (
            SELECT ${layer1(row).join(',\n  ')} FROM ${from} ${row}))`,
        )}))`;
  };
  return {
    label: label ?? profile.source,
    columns,
    addressColumns,
    ruleAddressColumns,
    times,
    query,
    rawRows,
  };
}
