/**
 * A source profile maps one city's export onto the canonical calls schema.
 * It is data (YAML), validated here; docs/profiles.md explains every key with examples.
 */
import { z } from 'zod';
import { showsNothing } from '../util/words.js';
import { DISPOSITION_CLASSES, ORIGINS, RESPONDERS, STAGES } from '../store/calls-schema.js';

export const NORMALISERS = [
  'trim',
  'collapse_spaces',
  'upper',
  'lower',
  'strip_discipline_suffix',
  'strip_agency_suffix',
  'strip_leading_dashes',
  'strip_leading_zeros',
  'digits_only',
  'block_level',
] as const;
export type Normaliser = (typeof NORMALISERS)[number];

/** Values read as missing in every column unless a profile says otherwise (the empty string always is). */
export const DEFAULT_NULLS = ['NA', 'NULL', 'N/A'] as const;

/** The encodings a profile may name (DuckDB's CSV reader reads these only). */
export const ENCODINGS = ['utf-8', 'latin-1', 'utf-16'] as const;

/**
 * Other spellings of ENCODINGS, lower-case: `UTF-8`, `ISO-8859-1` and `latin1` were refused as not one of
 * `utf-8`, `latin-1`, `utf-16` (tester 341).
 */
const ENCODING_ALIASES: Record<string, (typeof ENCODINGS)[number]> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  iso_8859_1: 'latin-1',
  'iso_8859-1': 'latin-1',
  'utf-16': 'utf-16',
  utf16: 'utf-16',
  'utf-16le': 'utf-16',
  utf16le: 'utf-16',
};

/** Windows-1252 by its names, which a profile cannot read: the refusal says how to convert the file. */
const WINDOWS_1252 = /^(windows-?1252|cp-?1252|win-?1252|ansi)$/i;

/**
 * A profile's encoding, another spelling read as its own (ENCODING_ALIASES). A check that rewrites the
 * value, not a transform: a transform took the key's default and its values out of the JSON schema.
 */
const encoding = (
  z
    .string()
    .overwrite((v) => ENCODING_ALIASES[v.trim().toLowerCase()] ?? v)
    .refine((v) => !WINDOWS_1252.test(v.trim()), {
      message:
        'Windows-1252 (Excel\'s "ANSI") is not read: convert the file to UTF-8 with `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`, ingest out.csv, and leave `encoding` out of the profile',
      abort: true,
    })
    .refine((v) => (ENCODINGS as readonly string[]).includes(v), {
      message:
        'must be one of `utf-8`, `latin-1`, `utf-16` (in any case; utf8, latin1, ISO-8859-1 and UTF-16LE are read as them); a file in another encoding converts to UTF-8 with iconv first',
    }) as unknown as z.ZodType<(typeof ENCODINGS)[number], string>
)
  .default('utf-8')
  .meta({ examples: [...ENCODINGS] })
  .describe(
    'utf-8 (the default), latin-1 or utf-16; other spellings of these (UTF-8, utf8, ISO-8859-1, latin1, UTF-16LE) are read as them.',
  );

const columnRef = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('Source column name, or a list of names: the first non-null value wins.');

const fieldSpec = z
  .object({
    column: columnRef,
    normalise: z.array(z.enum(NORMALISERS)).optional().describe('Applied in order.'),
    nulls: z.array(z.string()).optional().describe('Extra values read as missing for this field only.'),
    null_matches: z
      .string()
      .optional()
      .describe(
        'A case-insensitive regular expression; matching values are read as missing (redaction markers).',
      ),
  })
  .strict();
export type FieldSpec = z.infer<typeof fieldSpec>;

/** A field may be given as just a column name. */
const field = z.union([z.string().min(1), fieldSpec]);

/** The strptime specifiers DuckDB 1.5 accepts (each letter tried against try_strptime). */
export const SPECIFIER = /%(-[djmyHIMS]|[abcdfghjmnpuwxyzABGHIMSTUVWXYZ]|%)/g;

/** Whether the strptime `format` reads `specifier` (`%z`), not a literal `%%z`; never `iso8601`. */
export const readsSpecifier = (format: string, specifier: string): boolean =>
  format !== 'iso8601' && [...format.matchAll(SPECIFIER)].some((m) => m[0] === specifier);

const timeFormat = z
  .string()
  .min(1)
  .refine((f) => f === 'iso8601' || !f.replace(SPECIFIER, '').includes('%'), {
    message:
      'not a strptime format DuckDB knows (a `%` is followed by no known specifier, such as %m/%d/%Y %H:%M)',
  })
  // A format with no day (`excel`, `%H:%M`) or no hour (`%Y-%m-%d`) parses, and puts every call at
  // midnight of some day or on no day: hour-of-week and interval figures would be made up.
  .refine((f) => f === 'iso8601' || /%(-?[djUW]|[cxDF])/.test(f), {
    message: 'the format reads no day (strptime: %d with %m and %Y, or %F for 2022-10-01)',
  })
  .refine((f) => f === 'iso8601' || /%(-?[HI]|[cTRX])/.test(f), {
    message:
      'the format reads no time of day, so every call would be at midnight; if the time is in a column of its own, give it as `time_column` beside `column` (the two are read as "date time")',
  })
  .describe(
    'A strptime format (`%m/%d/%Y %H:%M`), or `iso8601` for values with a UTC offset such as 2022-01-01T20:08:55-05:00.',
  );

const timeSpec = z
  .object({
    column: columnRef,
    time_column: columnRef
      .optional()
      .describe(
        'A column holding the time of day when `column` holds only the date: the two are read as one value, "date time", with `format` describing both (`%Y-%m-%d %H:%M:%S`). A time of day written as a number (1305, 905 for 09:05) takes a format ending in ` %H%M` (or ` %H%M%S`), and gets back the leading zeros it lost.',
      ),
    format: timeFormat.optional().describe('Overrides timestamps.format for this field.'),
    seconds_after: z
      .enum(['received', ...STAGES])
      .optional()
      .describe(
        "The column holds a number of seconds after this time, not a time stamp (Seattle's dispatch data gives `first_dispatch_delay`); the named time must itself be a time stamp.",
      ),
  })
  .strict();
export type TimeSpec = z.infer<typeof timeSpec>;
const timeField = z.union([z.string().min(1), timeSpec]);

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        column: z.string().min(1).optional().describe('A raw source column.'),
        field: z.string().min(1).optional().describe('A canonical field after normalisation.'),
        equals: z.string().optional(),
        in: z.array(z.string()).optional(),
        starts_with: z.string().optional(),
        matches: z.string().optional().describe('A case-insensitive regular expression.'),
        is_null: z.boolean().optional(),
      })
      .strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
  ]),
);
export type Condition =
  | {
      column?: string;
      field?: string;
      equals?: string;
      in?: string[];
      starts_with?: string;
      matches?: string;
      is_null?: boolean;
    }
  | { all: Condition[] }
  | { any: Condition[] };

function ruleSet<T extends readonly [string, ...string[]]>(values: T, defaultDoc: string) {
  const value = z.enum(values);
  return z
    .object({
      default: value.describe(defaultDoc),
      rules: z
        .array(z.object({ if: condition, then: value }).strict())
        .default([])
        .describe('Tried in order; the first whose condition holds decides.'),
    })
    .strict();
}

const fields = z
  .object({
    call_type_initial: field.optional(),
    call_type_final: field.optional(),
    priority_initial: field.optional(),
    priority: field.optional(),
    disposition: field.optional(),
    cancel_reason: field.optional(),
    response_plan: field.optional(),
    agency: field.optional(),
    precinct: field.optional(),
    sector: field.optional(),
    beat: field.optional(),
    neighborhood: field.optional(),
    postal_code: field.optional(),
    lat: field.optional(),
    lon: field.optional(),
    block_address: field.optional(),
  })
  .strict();
export type FieldName = keyof z.infer<typeof fields>;
export const FIELD_NAMES = Object.keys(fields.shape) as FieldName[];

const times = z
  .object({
    received: timeField.describe('When the call was received (phone pickup); required.'),
    ...Object.fromEntries(STAGES.map((s) => [s, timeField.optional()])),
  })
  .strict() as z.ZodType<
  { received: string | TimeSpec } & Partial<Record<(typeof STAGES)[number], string | TimeSpec>>
>;

export const profileSchema = z
  .object({
    // A name of spaces or a tab passed, and printed as nothing or moved the terminal's text (tester 176).
    name: z
      .string()
      .min(1)
      .refine((s) => !showsNothing(s), 'is empty')
      .describe('Human name of the profile.'),
    source: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _, starting with a letter')
      .describe('Stable source name; part of every call id, so never change it once data is ingested.'),
    description: z
      .string()
      .optional()
      .describe(
        'Free text for people reading the profile (where the export comes from); not read by the tool.',
      ),
    format: z
      .object({
        type: z.enum(['csv', 'parquet']).default('csv'),
        // One ASCII character: ingest reads the raw bytes for rows with extra empty fields, a byte each.
        delimiter: z
          .string()
          .regex(/^[ -~\t]$/, 'must be one ASCII character (`,`, `;`, `|`, a tab...)')
          .default(','),
        quote: z
          .string()
          .regex(/^[ -~\t]$/, 'must be one ASCII character')
          .default('"'),
        encoding,
      })
      .strict()
      // The same character for both: every delimiter would open or close a quoted value (tester 341:
      // `profile check` passed it).
      .refine((f) => f.quote !== f.delimiter, {
        message:
          'is the same character as format.delimiter: a quote mark must differ from the delimiter; most exports quote with `"` (the default: remove `quote`), some with `\'`',
        path: ['quote'],
      })
      .default({ type: 'csv', delimiter: ',', quote: '"', encoding: 'utf-8' }),
    time_zone: z.string().min(1).describe('IANA zone of the local wall-clock times, e.g. America/Chicago.'),
    timestamps: z
      .object({
        format: timeFormat,
        clock: z
          .enum(['local', 'utc', 'utc_is_local'])
          .default('local')
          .describe(
            '`local`: values are local wall-clock. `utc`: values are UTC. `utc_is_local`: the export wrote the local clock as if it were UTC and then shifted it; the UTC reading of the value is the true local wall-clock.',
          ),
        max_interval_hours: z
          .number()
          .positive()
          .default(24)
          .describe('A stage more than this many hours after received is flagged implausible.'),
        received_is: z
          .enum(['pickup', 'queue'])
          .default('pickup')
          .describe(
            "What `times.received` records: the phone pickup, or, in an export that has none (Seattle's), the call entering the queue. Reports then say response times run from the queue, not from pickup.",
          ),
      })
      .strict(),
    nulls: z
      .array(z.string())
      .default([...DEFAULT_NULLS])
      .describe('Values read as missing in every column (the empty string always is).'),
    id: z
      .union([
        columnRef,
        z
          .object({
            column: columnRef,
            normalise: z
              .array(z.enum(NORMALISERS))
              .min(1)
              .describe(
                'Applied in order, so that sources writing one number alike link (22-300077, 22300077).',
              ),
          })
          .strict(),
      ])
      .describe('Column(s) holding the incident number, or { column, normalise }.'),
    times,
    fields: fields.default({}),
    origin: ruleSet(ORIGINS, 'Origin when no rule matches.'),
    responder: ruleSet(RESPONDERS, 'Responder when no rule matches (usually police).'),
    disposition_class: ruleSet(DISPOSITION_CLASSES, 'Class for a disposition no rule matches.').optional(),
    not_personal: z
      .array(z.string())
      .default([])
      .describe(
        'Columns whose names look like personal data (a name, a phone, a caller) but that, checked, hold none: only these may be read.',
      ),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
