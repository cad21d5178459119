import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isScalar, parseDocument, visit, YAMLSeq, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../util/user-error.js';
import { GIVE_A_REGULAR_FILE, isSpecialFile, NOT_REGULAR } from '../util/write-file.js';
import { utf16Order } from '../util/utf16.js';
import { meant, showsNothing } from '../util/words.js';
import {
  profileSchema,
  FIELD_NAMES,
  readsSpecifier,
  SPECIFIER,
  type Condition,
  type Profile,
  type TimeSpec,
} from './profile-schema.js';
import { isValidTimeZone, zoneRefusal } from '../time/zone-transitions.js';
import { profileJsonSchema } from './json-schema.js';
import { patternProblem } from '../util/re2-pattern.js';

/** Profiles that ship with safegap, addressable by name (`--profile minneapolis-cad`). */
export const BUILTIN_PROFILE_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));

/** The names of the built-in profiles (`minneapolis-cad`...), in order. */
export function builtinProfileNames(): string[] {
  return readdirSync(BUILTIN_PROFILE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

export function resolveProfilePath(nameOrPath: string): string {
  // "Profile  not found", two spaces about nothing (tester 249: `profile check ''`).
  if (nameOrPath.trim() === '')
    throw new UserError(
      'The profile was given as an empty name.',
      'give the path to a profile YAML file, or one of the built-in names (see `safegap profile list`).',
    );
  if (existsSync(nameOrPath)) {
    // A device was called a folder, and a pipe's profile was read whole, without end at /dev/zero (tester 361).
    if (isSpecialFile(nameOrPath))
      throw new UserError(`Profile ${nameOrPath} ${NOT_REGULAR}.`, GIVE_A_REGULAR_FILE);
    if (!statSync(nameOrPath).isFile())
      throw new UserError(
        `Profile ${nameOrPath} is a folder, not a file.`,
        'give the path to a profile YAML file.',
      );
    return nameOrPath;
  }
  const builtin = join(BUILTIN_PROFILE_DIR, nameOrPath.endsWith('.yaml') ? nameOrPath : `${nameOrPath}.yaml`);
  if (existsSync(builtin)) return builtin;
  throw new UserError(
    `Profile ${nameOrPath} not found: it is neither a file nor a built-in profile.`,
    'give the path to a profile YAML file, or one of the built-in names (see `safegap profile list`).',
  );
}

export function loadProfile(nameOrPath: string): Profile {
  const path = resolveProfilePath(nameOrPath);
  // Named as the user gave it: `v/a.yaml` was `a.yaml` (tester 163).
  const label = path === nameOrPath ? nameOrPath : basename(path);
  return parseProfile(profileText(readFileSync(path), label), label);
}

const NOT_A_PROFILE_FIX =
  'give the export as the file to read and a profile with --profile: a built-in one (`safegap profile list`) or one drafted from the export with `safegap profile init FILE`.';

/**
 * A profile file's text, which must be UTF-8: saved as UTF-16 (as Notepad can) it read as "expected object,
 * received string", and a Latin-1 `café` went into the store as `caf�` (tester 163).
 */
function profileText(bytes: Buffer, label: string): string {
  const fix =
    'save the profile as UTF-8 (in most editors: Save As, Encoding UTF-8) and run the command again.';
  // A workbook or other binary file was told to save itself as UTF-8 (tester 239).
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04')
    throw new UserError(
      `Profile ${label} is a ZIP archive (an Excel .xlsx workbook is one), not a profile.`,
      NOT_A_PROFILE_FIX,
    );
  if (utf16Order(bytes)) throw new UserError(`Profile ${label} is saved as UTF-16, not UTF-8 text.`, fix);
  if (bytes.includes(0))
    throw new UserError(
      `Profile ${label} holds binary data (NUL bytes), not a profile's text.`,
      NOT_A_PROFILE_FIX,
    );
  const text = bytes.toString('utf8');
  const bad = text.indexOf('\ufffd');
  if (bad >= 0 && !bytes.includes(Buffer.from('\ufffd'))) {
    const line = text.slice(0, bad).split('\n').length;
    throw new UserError(
      `Profile ${label} is not UTF-8 text: line ${line} holds a byte UTF-8 does not allow (a file saved as Latin-1 or Windows-1252 writes \`é\` so).`,
      fix,
    );
  }
  return text;
}

/**
 * Where a YAML file's syntax error is, in words for its message (" line 9, column 1"), and how to fix it
 * there. The parser names where it noticed the error: a quote or a `[`/`{` never closed is noticed at the
 * next key or the end of the file, so those are named at the line that opened them (tester 163: a quote;
 * tester 361: `time_zone: [America/Chicago` on line 8 was "line 9, column 1"). Profiles and city settings
 * files both. `key`: the key a DUPLICATE_KEY error gives twice, for the message to name.
 */
export function yamlErrorPlace(
  text: string,
  doc: Document.Parsed,
  e: YAMLError,
): { where: string; fix?: string; key?: string } {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined;
  // A line holding an odd number of such quotes, one of them where a value begins (after `:`, `-`, `[`, `{`
  // or `,`): a comment's or a plain value's apostrophe (`# Code for America's`, `name: the city's log`)
  // opens nothing, and the line above the real one was named (tester 367).
  const begins = new RegExp(`(^|[:\\-\\[{,])\\s*${quote}`);
  const opened = quote
    ? text.split('\n').findIndex((line) => {
        const l = line.replace(/(^|\s)#.*$/, '');
        return (l.split(quote).length - 1) % 2 === 1 && begins.test(l);
      })
    : -1;
  if (opened >= 0) return { where: ` line ${opened + 1} (a quote opened there is never closed)` };
  // The flow collection the parser was still in: its range ends where the error begins, without its closer.
  let open: { start: number; bracket: string } | undefined;
  if (e.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(e.message))
    visit(doc, {
      Collection(_, node) {
        const range = node.range;
        const bracket = node instanceof YAMLSeq ? '[' : '{';
        const closer = bracket === '[' ? ']' : '}';
        if (!node.flow || !range || range[1] !== e.pos[0]) return;
        if (text.slice(range[0], range[1]).trimEnd().endsWith(closer)) return;
        if (open === undefined || range[0] < open.start) open = { start: range[0], bracket };
      },
    });
  const at = e.linePos?.[0];
  // Named by the key and both its lines, and a tab by what YAML wants instead: "Map keys must be unique" at
  // the second key, and a tab's generic "check indentation and quoting", left the key or the fix to guess
  // (testers 367, 362).
  if (e.code === 'DUPLICATE_KEY' && at) {
    const first = firstOfDuplicate(doc, e.pos[0]);
    if (first) {
      const firstAt = placeOf(text, first.offset);
      const lines =
        firstAt.line === at.line
          ? `both are on line ${at.line}`
          : `on line ${firstAt.line} or line ${at.line}`;
      return {
        where: ` line ${at.line}, column ${at.col} (a key first given on line ${firstAt.line}, column ${firstAt.col})`,
        fix: `keep one \`${first.key}\` (${lines}) and delete the other: a key is given once in each mapping.`,
        key: first.key,
      };
    }
  }
  if (e.code === 'TAB_AS_INDENT' && at) {
    const tabs = e.pos[1] - e.pos[0] > 1;
    return {
      where: ` line ${at.line}, column ${at.col} (${tabs ? 'tabs' : 'a tab'})`,
      fix: `replace the ${tabs ? 'tabs' : 'tab'} at the start of line ${at.line} with spaces, as many as the other lines at its level are indented: YAML indents with spaces only.`,
    };
  }
  if (open) {
    const line = lineOf(open.start);
    const column = open.start - (text.lastIndexOf('\n', open.start - 1) + 1) + 1;
    const closer = open.bracket === '[' ? ']' : '}';
    return {
      where: ` line ${line} (a \`${open.bracket}\` opened there, column ${column}, is still open${at ? ` at line ${at.line}, column ${at.col}` : ' at the end of the file'})`,
      fix: `close the \`${open.bracket}\` with a \`${closer}\` on line ${line}, or, for a list written over several lines, indent the lines after it further than its key.`,
    };
  }
  return at ? { where: ` line ${at.line}, column ${at.col}` } : { where: '' };
}

/** The line and column (from 1) of `offset` in `text`, as the YAML parser counts them. */
function placeOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The key the parser found given again at `offset` (where its DUPLICATE_KEY error points), and where that
 * key is first given in the same mapping; undefined when it is not a plain key of one.
 */
function firstOfDuplicate(doc: Document.Parsed, offset: number): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const again = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!again || !isScalar(again.key)) return;
      const value = again.key.value;
      const first = map.items.find((p) => isScalar(p.key) && p.key.value === value);
      const start = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (start !== undefined && start !== offset) found = { key: String(value), offset: start };
      return visit.BREAK;
    },
  });
  return found;
}

export function parseProfile(text: string, fileLabel: string): Profile {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const { where, fix, key } = yamlErrorPlace(text, doc, e);
    throw new UserError(
      // The parser's own "at line 2, column 1:" ended the line on a colon, its excerpt cut off (tester 149).
      `Profile ${fileLabel}${where} is not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}${key ? ` (\`${key}\` is given twice)` : ''}.`,
      fix ?? 'check indentation and quoting at that line; values with `:` or `#` need quotes.',
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // The YAML library stops an alias that expands without end ("billion laughs"), or used over 100 times,
    // with a ReferenceError: it was an internal error with a stack trace (tester 163).
    if (!(e instanceof ReferenceError) || !/alias/i.test(e.message)) throw e;
    throw new UserError(
      `Profile ${fileLabel} uses its YAML aliases (\`*name\`) too often: 100 or more uses of an anchor, counting those inside other anchors, are refused, as a file built to expand without end would be.`,
      'write the repeated values out in place of some of the aliases (an `in:` list may be written in full in each rule).',
    );
  }
  // An empty file read as null: "expected object, received null" (tester 149).
  if (raw === null || raw === undefined)
    throw new UserError(
      `Profile ${fileLabel} is empty (or holds only comments): a profile is a YAML mapping of keys (source, time_zone, times, fields...).`,
      'draft one from the export with `safegap profile init FILE`, or start from a built-in profile (docs/profiles.md).',
    );
  // A CSV export given as the profile was "(top level): Invalid input: expected object, received string",
  // with no hint (tester 239).
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const first = text.split(/\r?\n/).find((l) => l.trim() && !l.trimStart().startsWith('#')) ?? '';
    throw new UserError(
      `Profile ${fileLabel} is not a profile: it reads as ${Array.isArray(raw) ? 'a list' : `a single ${typeof raw}`}, where a profile is a YAML mapping of keys (source, time_zone, times, fields...)${/[,;\t|]/.test(first) ? `; its first line, with ${first.split(/[,;\t|]/).length} fields, looks like a CSV export's header` : ''}.`,
      NOT_A_PROFILE_FIX,
    );
  }
  // GeoJSON is a mapping too, and was told of nine missing keys (tester 245).
  if (['FeatureCollection', 'Feature'].includes(String((raw as { type?: unknown }).type)))
    throw new UserError(
      `Profile ${fileLabel} is GeoJSON (area boundaries), not a profile.`,
      `give it to analyze or report as --boundaries NAME=FILE; ${NOT_A_PROFILE_FIX}`,
    );
  const result = profileSchema.safeParse(raw);
  if (!result.success) {
    // Said with the rest, not in a second round once they are mended (tester 128).
    const zone = raw && typeof raw === 'object' ? (raw as { time_zone?: unknown }).time_zone : undefined;
    const zoneLine =
      typeof zone === 'string' && zone.trim() !== '' && !isValidTimeZone(zone)
        ? [`  - time_zone: \`${zone}\` ${zoneRefusal(zone)}; use a zone name such as America/Chicago`]
        : [];
    throw new UserError(describeIssues(fileLabel, result.error.issues, zoneLine, raw));
  }
  checkSemantics(result.data, fileLabel);
  return result.data;
}

function keyPath(path: PropertyKey[]): string {
  return path.length
    ? path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
    : '(top level)';
}

/**
 * Every key name the schema knows, with the paths of keys it goes under (`''` for the top level,
 * `fields.priority`), to suggest one for a misspelt or misplaced key.
 */
function knownKeys(
  node: unknown,
  parent = '',
  out = new Map<string, Set<string>>(),
): Map<string, Set<string>> {
  if (node && typeof node === 'object') {
    const props = (node as { properties?: Record<string, unknown> }).properties;
    for (const v of Object.values(node)) {
      if (v !== props || !props) knownKeys(v, parent, out);
      else
        for (const [name, sub] of Object.entries(props)) {
          out.set(name, (out.get(name) ?? new Set()).add(parent));
          knownKeys(sub, parent ? `${parent}.${name}` : name, out);
        }
    }
  }
  return out;
}

function suggest(key: string, at: string): string {
  const known = knownKeys(profileJsonSchema());
  // A key in the wrong place, `clock` under `format:`, read "did you mean `clock`?" (tester 319).
  // Places as paths of keys (`fields.priority`): a field's own key is said to go under a field of `fields:`.
  const last = (p: string) => p.split('.').at(-1) ?? '';
  const place = (p: string) =>
    !p
      ? 'at the top level'
      : /^fields\.[^.]+$/.test(p)
        ? 'under a field of `fields:`'
        : `under \`${last(p)}:\``;
  const places = [...new Set([...(known.get(key) ?? [])].filter((p) => last(p) !== at).map(place))];
  if (places.length)
    return ` (it belongs ${places.slice(0, 2).join(' or ')}${places.length > 2 ? ' or elsewhere' : ''})`;
  // Misspelt by a letter or two (`recieved`, `normalize`, `feilds`) as well as in another case, the keys of
  // its own section first (tester 325: only `ID` got a suggestion).
  const here = [...known].filter(([, ps]) => [...ps].some((p) => last(p) === at)).map(([k]) => k);
  const match = meant(key, here) ?? meant(key, [...known.keys()]);
  return match ? ` (did you mean \`${match}\`?)` : '';
}

/** The value at `path` in the parsed YAML, or undefined where there is none. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const p of path)
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function describeIssues(
  fileLabel: string,
  issues: z.core.$ZodIssue[],
  more: string[] = [],
  raw: unknown = undefined,
): string {
  const describe = (issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): string => {
    const key = keyPath([...prefix, ...issue.path]);
    // A key with several accepted forms that is missing read "not in any accepted form" (tester 149).
    if (issue.code === 'invalid_union' && valueAt(raw, [...prefix, ...issue.path]) === undefined)
      return `  - ${key}: required key is missing`;
    if (issue.code === 'invalid_union') {
      // The form whose type fitted (an object, not the plain string) says what is wrong inside it: an
      // unknown normaliser was "not in any accepted form".
      // Of those, one whose keys all fitted: `all: []` read "unknown key `all` (did you mean `all`?)", the
      // plain condition's complaint, not the empty list's (tester 207).
      const fits = issue.errors.filter(
        (b) => b.length > 0 && !b.every((x) => x.code === 'invalid_type' && x.path.length === 0),
      );
      const fitted =
        fits.find((b) => !b.some((x) => x.code === 'unrecognized_keys' && x.path.length === 0)) ?? fits[0];
      if (fitted) return describe(fitted[0]!, [...prefix, ...issue.path]);
    }
    if (issue.code === 'unrecognized_keys')
      return `  - ${key}: unknown key(s) ${issue.keys.map((k) => `\`${k}\`${suggest(k, String([...prefix, ...issue.path].filter((p) => typeof p === 'string').at(-1) ?? ''))}`).join(', ')}; check the spelling and the place against schema/profile.schema.json`;
    if (issue.code === 'invalid_value')
      return `  - ${key}: must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`;
    if (issue.code === 'invalid_type' && issue.message.includes('undefined'))
      return `  - ${key}: required key is missing (expected ${issue.expected})`;
    // YAML reads an unquoted 1, 2024 or yes as a number or true: the fix is the quotes (tester 163).
    const value = valueAt(raw, [...prefix, ...issue.path]);
    if (
      issue.code === 'invalid_type' &&
      issue.expected === 'string' &&
      (typeof value === 'number' || typeof value === 'boolean')
    )
      return `  - ${key}: expected text, got ${String(value)}, which YAML reads as a ${typeof value}: write it in quotes as the export writes it (such as '${String(value)}')`;
    if (issue.code === 'invalid_type' && issue.expected === 'string' && Array.isArray(value))
      return `  - ${key}: expected text, got a list (YAML reads [...] and lines starting with - as a list)`;
    // `name:` with nothing after it read "expected string, received null" (tester 163), and `name: ""`
    // "Too small: expected string to have >=1 characters" (tester 174).
    if (
      ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && value === null) ||
      ((issue.code === 'too_small' || issue.code === 'custom') &&
        typeof value === 'string' &&
        showsNothing(value))
    )
      return `  - ${key}: is empty; give it a value after the colon, or delete the line if the key is optional`;
    if (issue.code === 'too_small' && Array.isArray(value) && value.length === 0)
      return `  - ${key}: is an empty list; give it at least one item, or remove it`;
    if (issue.code === 'invalid_union')
      return `  - ${key}: not in any accepted form; see schema/profile.schema.json and docs/profiles.md`;
    return `  - ${key}: ${issue.message}`;
  };
  // A list where text belongs was also "Too small: expected array to have >=1 items": the length check
  // runs on a value of the wrong type (tester 176), and its type says all.
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => keyPath(i.path)));
  const shown = issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(keyPath(i.path)));
  const lines = [...new Set([...more, ...shown.map((issue) => describe(issue))])];
  const cut = lines.length > 8 ? `\n  ... and ${lines.length - 8} more` : '';
  return `Profile ${fileLabel} is invalid:\n${lines.slice(0, 8).join('\n')}${cut}`;
}

function checkSemantics(profile: Profile, fileLabel: string): void {
  // Every problem at once: named one at a time, a profile took a round of fixing each (tester 130).
  const problems: UserError[] = [];
  const collect = (check: () => void) => {
    try {
      check();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push(e);
    }
  };
  if (!isValidTimeZone(profile.time_zone))
    problems.push(
      new UserError(
        `Profile ${fileLabel}: time_zone \`${profile.time_zone}\` ${zoneRefusal(profile.time_zone)}.`,
        'use a zone name such as America/Chicago or America/New_York, not an abbreviation like CST.',
      ),
    );
  const times = profile.times as Record<string, string | TimeSpec | undefined>;
  for (const [name, t] of Object.entries(times)) {
    if (typeof t !== 'object' || t.seconds_after === undefined) continue;
    const after = t.seconds_after;
    const base = times[after];
    if (name === 'received' || t.format !== undefined)
      problems.push(
        new UserError(
          `Profile ${fileLabel}: times.${name} cannot be both a number of seconds after another time and ${name === 'received' ? 'the received time' : 'a time with a format'}.`,
          name === 'received'
            ? 'the received time is always a time stamp: give times.received a column (and `format` if it needs one), without `seconds_after`.'
            : 'give `seconds_after` without `format`: the seconds are counted from the time it names.',
        ),
      );
    // Every delay counted from a `received` given as one was also "itself given in seconds after another
    // time" (tester 178): the received time's own problem says what to fix.
    if (
      base === undefined ||
      (after !== 'received' && typeof base === 'object' && base.seconds_after !== undefined)
    )
      problems.push(
        new UserError(
          `Profile ${fileLabel}: times.${name}.seconds_after names \`${after}\`, which is ${base === undefined ? 'not in the profile' : 'itself given in seconds after another time'}.`,
          'count the seconds from a time the export gives as a time stamp, usually `received`.',
        ),
      );
  }
  // Each format by its key, a stage's own included.
  const keyed: [string, string][] = [
    ['timestamps.format', profile.timestamps.format],
    ...Object.entries(times).flatMap(([name, t]): [string, string][] =>
      typeof t === 'object' && t.format ? [[`times.${name}.format`, t.format]] : [],
    ),
  ];
  // A literal Z says the values are UTC; read on the local clock they would all be hours off.
  const zulu = keyed.map(([, f]) => f).find((f) => f !== 'iso8601' && f.replace(SPECIFIER, '').includes('Z'));
  // `%Z` reads a zone's name, and DuckDB knows few: `EDT` did not match the format, and `EST`'s value, read
  // on the local clock, was five hours off (tester 381).
  for (const [key, f] of keyed)
    if (readsSpecifier(f, '%Z'))
      problems.push(
        new UserError(
          `Profile ${fileLabel}: ${key} \`${f}\` reads a time zone's name with %Z, which safegap cannot read right: DuckDB knows some names (EST) and not others (EDT, which does not match the format), so daylight saving time's calls would be refused, and under \`clock: local\` the rest read hours off.`,
          "remove the zone's name from the export's times (`2022-01-01 01:08:55 EST` as `2022-01-01 01:08:55`) and give their format without %Z: with `timestamps.clock: local` they are read as the local clock of the profile's time_zone, daylight saving time included. Or, if the export can write a UTC offset instead (`2022-01-01T01:08:55-05:00`), use `format: iso8601`.",
        ),
      );
  if (zulu && profile.timestamps.clock === 'local')
    problems.push(
      new UserError(
        `Profile ${fileLabel}: the format \`${zulu}\` reads a literal Z, which marks a UTC time, but timestamps.clock is local: every time would be read as local and be hours off.`,
        "set `timestamps.clock: utc` (or use `format: iso8601`, which reads the Z itself); if the values are the city's local times labelled UTC, as open-data portals often write them, use `format: iso8601` with `clock: utc_is_local`.",
      ),
    );
  const unoffset = utcIsLocalRefusal(profile, fileLabel);
  if (unoffset) problems.push(unoffset);
  // Two stages read from one time stamp make every interval between them 0: a figure the export never gave
  // (Seattle's call data has no pickup time, and mapping its queue time to both made call-taking 0 s).
  // So do two stages read from one column of seconds after a time (tester 163: on scene 0 min), and one
  // column read as seconds and as a time stamp is neither (tester 167: 87% of a file quarantined).
  const stampOf = new Map<string, string>();
  for (const [name, t] of Object.entries(times)) {
    if (t === undefined) continue;
    const cols = typeof t === 'string' ? t : t.column;
    // A date column shared by stages that each have their own time column is not the same stamp.
    const column = JSON.stringify([cols, typeof t === 'string' ? null : (t.time_column ?? null)]);
    const first = stampOf.get(column);
    if (first !== undefined)
      problems.push(
        new UserError(
          `Profile ${fileLabel}: times.${first} and times.${name} read the same column, \`${Array.isArray(cols) ? cols.join(' / ') : cols}\`, so every interval from one to the other would be 0.`,
          `map the column to one of them only (${first}, usually); the other stays unknown, and so do the intervals that need it.`,
        ),
      );
    stampOf.set(column, name);
  }
  // One coordinate alone loaded as half of every point, which no analysis can place (tester 163).
  const lone =
    profile.fields.lat === undefined ? 'lon' : profile.fields.lon === undefined ? 'lat' : undefined;
  if (lone && profile.fields[lone] !== undefined)
    problems.push(
      new UserError(
        `Profile ${fileLabel}: fields.${lone} is mapped without fields.${lone === 'lat' ? 'lon' : 'lat'}, and a point needs both.`,
        `map the export's ${lone === 'lat' ? 'longitude' : 'latitude'} column too, or leave out fields.${lone}.`,
      ),
    );
  for (const [name, f] of Object.entries(profile.fields)) {
    if (f && typeof f === 'object' && f.null_matches !== undefined)
      collect(() => checkPattern(f.null_matches!, `fields.${name}.null_matches`, fileLabel));
  }
  const ruleSets = [
    ['origin', profile.origin.rules],
    ['responder', profile.responder.rules],
    ['disposition_class', profile.disposition_class?.rules ?? []],
  ] as const;
  for (const [name, rules] of ruleSets) {
    rules.forEach((rule, i) =>
      collect(() =>
        checkCondition(rule.if, `${name}.rules[${i}].if`, fileLabel, Object.keys(profile.fields)),
      ),
    );
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1)
    throw new UserError(
      `Profile ${fileLabel} has ${problems.length} problems:\n${problems
        .map(
          (p) =>
            `  - ${p.message.replace(`Profile ${fileLabel}: `, '')}${p.hint ? ` To fix: ${p.hint}` : ''}`,
        )
        .join('\n')}`,
    );
}

/**
 * Whether a time format reads what makes a value an instant: a UTC offset (`iso8601`, `%z`) or a literal Z,
 * whose value's UTC reading is the time as written.
 */
export function readsOffset(format: string): boolean {
  return format === 'iso8601' || readsSpecifier(format, '%z') || format.replace(SPECIFIER, '').includes('Z');
}

/** What to do about times whose offsets a `clock: utc_is_local` profile needs and does not read. */
export const UTC_IS_LOCAL_FIX =
  "ingest the export as it came, not re-saved in a spreadsheet, with `format: iso8601`; or re-save it keeping the time column as text (import the CSV with that column's type set to Text), so that its offsets stay. Set `clock: local` instead only if the times as written are the city's wall clock: check a few against the file's own hour column, if it has one (Burlington's `Hour` is the hour of the UTC reading, not of the time as written).";

/**
 * A `clock: utc_is_local` profile none of whose time stamps is read with an offset, as a refusal, or
 * undefined. The clock takes each value's UTC reading for the local clock, so it needs the value's offset;
 * a format without one read Burlington's times as written, and a spreadsheet's re-save writes the time as
 * written without its offset (`12/31/2021 20:08` for `2021-12-31T20:08:55-05:00`, 01:08 local): the format
 * ingest advised for that file loaded every call 4-5 hours early, with no warning (tester 391). Stages
 * without an offset beside a received time with one are the export's local clock, read as written (tester
 * 284, docs/profiles.md, "Clocks"): they stay allowed.
 */
export function utcIsLocalRefusal(profile: Profile, fileLabel: string): UserError | undefined {
  if (profile.timestamps.clock !== 'utc_is_local') return undefined;
  const stamps = Object.entries(profile.times as Record<string, string | TimeSpec | undefined>).flatMap(
    ([name, t]): [string, string][] =>
      t === undefined || (typeof t === 'object' && t.seconds_after !== undefined)
        ? []
        : [[name, (typeof t === 'object' && t.format) || profile.timestamps.format]],
  );
  if (!stamps.length || stamps.some(([, f]) => readsOffset(f))) return undefined;
  const formats = [...new Set(stamps.map(([, f]) => f))];
  return new UserError(
    `Profile ${fileLabel}: timestamps.clock is utc_is_local, which reads each time's UTC reading as the city's clock and so needs each time's UTC offset, but ${formats.length === 1 ? `the format \`${formats[0]!}\`` : `the formats ${formats.map((f) => `\`${f}\``).join(', ')}`} of ${stamps.length === 1 ? `times.${stamps[0]![0]}` : `every time (${stamps.map(([n]) => `times.${n}`).join(', ')})`} ${formats.length === 1 ? 'reads' : 'read'} no offset (iso8601 and %z do): each time would be read as written. A spreadsheet that re-saves such an export drops the offsets (Excel writes \`12/31/2021 20:08\` for \`2021-12-31T20:08:55-05:00\`, whose UTC reading, 01:08 on 1 January, is Burlington's clock), and read as written every call would be hours early (4-5 in New York), with no warning.`,
    UTC_IS_LOCAL_FIX,
  );
}

/**
 * Whether the profile, given `wide` as its format and `own` formats for some fields, would read no time
 * with an offset under `clock: utc_is_local`, which utcIsLocalRefusal refuses (tester 391: the format advised
 * for Burlington's times re-saved without their offsets loaded every call 4-5 hours early).
 */
export function dropsOffsets(
  profile: Profile,
  wide: string | undefined,
  own: Record<string, string>,
): boolean {
  const times = Object.fromEntries(
    Object.entries(profile.times as Record<string, string | TimeSpec | undefined>).map(([name, t]) => [
      name,
      t !== undefined && own[name] !== undefined
        ? { ...(typeof t === 'string' ? { column: t } : t), format: own[name] }
        : t,
    ]),
  );
  const advised = {
    ...profile,
    timestamps: { ...profile.timestamps, format: wide ?? profile.timestamps.format },
    times,
  } as Profile;
  return utcIsLocalRefusal(advised, '') !== undefined;
}

function checkCondition(c: Condition, at: string, fileLabel: string, mapped: string[]): void {
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, `${at}.all[${i}]`, fileLabel, mapped));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, `${at}.any[${i}]`, fileLabel, mapped));
  if ((c.column === undefined) === (c.field === undefined))
    throw new UserError(`Profile ${fileLabel}: ${at} needs exactly one of \`column\` or \`field\`.`);
  if (c.field !== undefined && !(FIELD_NAMES as string[]).includes(c.field))
    throw new UserError(
      `Profile ${fileLabel}: ${at}.field \`${c.field}\` is not a canonical field.`,
      `use one of ${FIELD_NAMES.join(', ')}, or \`column\` for a raw source column.`,
    );
  // A field the profile does not map is missing on every row: a test of it would never hold, silently.
  if (c.field !== undefined && !mapped.includes(c.field))
    throw new UserError(
      `Profile ${fileLabel}: ${at}.field \`${c.field}\` is not mapped by this profile: it is missing on every row, so the test is the same for every call.`,
      `map it under \`fields:\` (${c.field}: COLUMN), or test the raw column with \`column:\`.`,
    );
  if (c.in !== undefined && c.in.length === 0)
    throw new UserError(
      `Profile ${fileLabel}: ${at}.in is an empty list, which no value is in.`,
      'list the values, or remove the rule.',
    );
  const tests = ['equals', 'in', 'starts_with', 'matches', 'is_null'].filter((k) => k in c);
  if (tests.length !== 1)
    throw new UserError(
      `Profile ${fileLabel}: ${at} needs exactly one test (equals, in, starts_with, matches or is_null); found ${tests.length}.`,
    );
  if (c.matches !== undefined) checkPattern(c.matches, `${at}.matches`, fileLabel);
}

function checkPattern(pattern: string, at: string, fileLabel: string): void {
  const wrong = patternProblem(pattern);
  if (wrong) throw new UserError(`Profile ${fileLabel}: ${at} ${wrong.problem}.`, wrong.hint);
}
