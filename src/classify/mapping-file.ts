/**
 * City mapping files: `taxonomy/mappings/<city>.csv`, one row per raw call type as the city exports it,
 * plus optional `<city>.yaml` settings (emergency priorities, actual-responder rules). Everything a person
 * can get wrong in them is reported as a MappingFileError naming file, row and field.
 */
import { isCalendarDay } from '../util/dates.js';
import { UserError } from '../util/user-error.js';
import { isSpecialFile, NOT_REGULAR, writeWhole } from '../util/write-file.js';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { notMappingCsv, parseCsv, toCsv, type CsvTable } from './csv.js';
import { MappingFileError, readText, refuseBlankRow, RowProblems } from './errors.js';
import { normaliseType, typeKey } from './normalise.js';
import {
  checkFlags,
  FLAGS,
  PHASES,
  TIERS,
  type Flag,
  type Phase,
  type Taxonomy,
  type Tier,
} from './taxonomy.js';
import { meant, shellWord } from '../util/words.js';
import { CALL_COLUMNS } from '../store/calls-schema.js';
import { patternProblem } from '../util/re2-pattern.js';
import { yamlErrorPlace } from '../sources/load-profile.js';
import { EXCEL_ERROR, excelSafe, unExcelSafe } from '../util/excel-safe.js';

export const UNMAPPABLE = 'unmappable';

/**
 * Why a row's category is refused: empty, or not a category (an emptied cell was "unknown category ``",
 * and a typo got the whole list: tester 141). The import says it of a new type before its tier.
 */
export function categoryRefusal(
  file: string,
  row: number,
  raw: string,
  category: string,
  tax: Taxonomy,
): MappingFileError {
  const ids = tax.categories.map((c) => c.id);
  return new MappingFileError(
    file,
    row,
    'category',
    category === ''
      ? `\`${raw}\` has no category (the cell is empty)`
      : `unknown category \`${category}\` for \`${raw}\`${didYouMean(category, [...ids, UNMAPPABLE])}`,
    `Use a category id from taxonomy/categories.csv (${ids.join(', ')}) or \`${UNMAPPABLE}\`.`,
  );
}

/**
 * `unknown responder` and the one `typed` most likely meant: the id of a responder the store writes so
 * (tester 265: `ems`, the store's name for `fire_ems`, got no hint), else the nearest id.
 */
function unknownResponder(typed: string, tax: Taxonomy, star = ''): string {
  const stored = tax.responders.find((r) => r.storeResponder === typed && r.id !== typed);
  // `fire` for `fire_ems`: a word of one id alone, which the spelling's distance does not find. Said for a
  // settings rule only, `handled_by` = `fire` got no hint (tester 349).
  const byWord = tax.responders.filter((r) => r.id.split('_').includes(typed.toLowerCase()));
  const likely =
    stored?.id ??
    meant(
      typed,
      tax.responders.map((r) => r.id),
    ) ??
    (byWord.length === 1 ? byWord[0]!.id : undefined);
  // Quoted as written, its `*` too: `community**` was said as `community*` (tester 291); the id suggested
  // keeps the `*`.
  return `unknown responder \`${typed}${star}\`${
    likely
      ? ` (did you mean \`${likely}${star}\`?${stored ? ` \`${typed}\` is how the store writes it)` : ')'}`
      : ''
  }`;
}

/** ` (did you mean \`x\`?)` of the one name `typed` most likely meant, or nothing. */
function didYouMean(typed: string, names: readonly string[]): string {
  const likely = meant(typed, names);
  return likely ? ` (did you mean \`${likely}\`?)` : '';
}

/**
 * A row's flags, an unknown one with the flag it most likely meant, as tiers and responders have it
 * (tester 291: `noinjury` got no `no_injury`); checkFlags reads them.
 */
function flagsOf(cell: string, file: string, row: number): Flag[] {
  // checkFlags's split: flags are separated by | (or ;).
  const unknown = cell
    .split(/[|;]/)
    .map((f) => f.trim())
    .find((f) => f !== '' && !(FLAGS as readonly string[]).includes(f));
  if (unknown !== undefined)
    throw new MappingFileError(
      file,
      row,
      'flags',
      `unknown flag \`${unknown}\`${unknown.includes(',') ? ' (flags are separated by |, not by commas)' : didYouMean(unknown, FLAGS)}`,
      `Use flags from: ${FLAGS.join(', ')}, separated by |.`,
    );
  return checkFlags(cell, file, row, 'flags');
}

export const PROVENANCES = ['automatic', 'reviewed'] as const;
export type Provenance = (typeof PROVENANCES)[number];

/** A responder made eligible by an override; `nonEmergencyOnly` is written `responder*` in the file. */
export interface EligibleResponder {
  responder: string;
  nonEmergencyOnly: boolean;
}

export interface MappingEntry {
  rawType: string;
  normalised: string;
  /** A category id, or `unmappable` when a reviewer judged the type meaningless (`ZZZDELETEME`). */
  category: string;
  apcoCode?: string;
  tier: Tier;
  flags: Flag[];
  /** The responder the type itself designates (a city's crisis-team type), used for the actual responder. */
  handledBy?: string;
  /** Reviewer overrides of the rule-derived eligibility, per phase. */
  eligibleOverride: Partial<Record<Phase, EligibleResponder[]>>;
  confidence: number;
  provenance: Provenance;
  reviewer?: string;
  reviewedOn?: string;
  note?: string;
  /** Call volume when known (exports carry it; the stored file need not). */
  volume?: number;
  /** City whose mapping the entry came from, when read from a mappings folder. */
  city?: string;
}

export interface CityMapping {
  city: string;
  file: string;
  entries: MappingEntry[];
}

export const MAPPING_COLUMNS = [
  'raw_type',
  'normalised',
  'category',
  'apco_code',
  'tier',
  'flags',
  'handled_by',
  'eligible_current',
  'eligible_near_term',
  'eligible_potential',
  'confidence',
  'provenance',
  'reviewer',
  'reviewed_on',
  'note',
] as const;

const REQUIRED = ['raw_type', 'category', 'tier', 'confidence', 'provenance'] as const;

function parseEligible(
  v: string,
  tax: Taxonomy,
  file: string,
  row: number,
  field: string,
): EligibleResponder[] | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  if (t === '-') return [];
  // Separated by | or ;, as flags are (tester 326: `behavioural_crisis;community*` was one unknown responder).
  const listed = t.split(/[|;]/).map((x) => {
    const s = x.trim();
    // `-|community` was "unknown responder `-`" (tester 291).
    if (s === '-')
      throw new MappingFileError(
        file,
        row,
        field,
        `\`-\` (no responder eligible) must stand alone in its cell, and \`${t}\` lists responders beside it`,
        'Write `-` alone to make no responder eligible, or the responders without it, separated by |.',
      );
    // `community|` was "unknown responder ``" (helper D41).
    if (s === '')
      throw new MappingFileError(
        file,
        row,
        field,
        `\`${t}\` has an empty place between its ${t.includes(';') ? '| or ; marks' : '| marks'}, where a responder was expected`,
        `Remove the extra ${t.includes(';') && !t.includes('|') ? ';' : '|'}: responders are written one after another, separated by a single | (or ;).`,
      );
    const nonEmergencyOnly = s.endsWith('*');
    const responder = nonEmergencyOnly ? s.slice(0, -1) : s;
    // `behavioural_crisis, community` was one unknown responder (tester 307).
    if (responder.includes(',') && !tax.responders.some((r) => r.id === responder))
      throw new MappingFileError(
        file,
        row,
        field,
        `unknown responder \`${s}\` (responders are separated by |, not by commas)`,
        `Write them separated by |, such as \`${responder
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '')
          .join('|')}${nonEmergencyOnly ? '*' : ''}\`.`,
      );
    if (!tax.responders.some((r) => r.id === responder))
      throw new MappingFileError(
        file,
        row,
        field,
        unknownResponder(responder, tax, nonEmergencyOnly ? '*' : ''),
        `Use responders from taxonomy/eligibility.yaml (${tax.responders.map((r) => r.id).join(', ')}), separated by |; add * for non-emergency calls only; leave empty to use the rules.`,
      );
    return { responder, nonEmergencyOnly };
  });
  // With and without `*`, a responder is eligible at every priority and at non-emergency ones only at once
  // (tester 332: `community*|community` was kept so).
  const both = listed.find((e) =>
    listed.some((x) => x.responder === e.responder && x.nonEmergencyOnly !== e.nonEmergencyOnly),
  );
  if (both)
    throw new MappingFileError(
      file,
      row,
      field,
      `\`${t}\` lists \`${both.responder}\` both with and without *`,
      `Write \`${both.responder}\` for calls of every priority or \`${both.responder}*\` for non-emergency calls only, once.`,
    );
  // One written twice is one.
  return listed.filter(
    (e, i) =>
      listed.findIndex((x) => x.responder === e.responder && x.nonEmergencyOnly === e.nonEmergencyOnly) === i,
  );
}

function formatEligible(list: EligibleResponder[] | undefined): string {
  if (list === undefined) return '';
  if (list.length === 0) return '-';
  return list.map((e) => e.responder + (e.nonEmergencyOnly ? '*' : '')).join('|');
}

/** A row's `provenance`, checked as written (the import checks it before an edit replaces it). */
export function checkProvenance(file: string, row: number, provenance: string): void {
  if (!(PROVENANCES as readonly string[]).includes(provenance))
    throw new MappingFileError(
      file,
      row,
      'provenance',
      `unknown provenance \`${provenance}\``,
      'Use `automatic` or `reviewed`.',
    );
}

/** A row's `confidence`, checked as written (the import checks it on a row it does not take too). */
export function checkConfidence(file: string, row: number, written: string): number {
  const confidence = Number(written);
  if (written === '' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    throw new MappingFileError(
      file,
      row,
      'confidence',
      `\`${written}\` is not a number from 0 to 1`,
      'Write the confidence as a decimal, e.g. 0.9.',
    );
  return confidence;
}

/** A row's `reviewed_on`, checked as written. */
export function checkReviewDate(file: string, row: number, date: string): void {
  if (isCalendarDay(date)) return;
  // Said as "`` is not written YYYY-MM-DD" (tester 116).
  if (date === '')
    throw new MappingFileError(
      file,
      row,
      'reviewed_on',
      'a reviewed entry has no review date',
      'Write the date of the review as YYYY-MM-DD.',
    );
  if (/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new MappingFileError(
      file,
      row,
      'reviewed_on',
      `\`${date}\` is not a date that exists`,
      // It is written as YYYY-MM-DD already (tester 395: told to write it so).
      'Write a day the calendar has (a 30 February or a month 13 is none): the date the row was reviewed, as YYYY-MM-DD.',
    );
  // `11/25/26` and `2026/11/25` exist, in another shape (tester 115): say that, not that they do not.
  throw new MappingFileError(
    file,
    row,
    'reviewed_on',
    `\`${date}\` is not written YYYY-MM-DD${/\d/.test(date) ? ' (a spreadsheet may have rewritten it in its own format)' : ''}`,
    'Write the review date as YYYY-MM-DD: format the `reviewed_on` column as yyyy-mm-dd before saving (in Excel: Format Cells, Custom, yyyy-mm-dd), or export the mapping again.',
  );
}

/**
 * Parse and validate mapping CSV text. `file` is only used in messages. Cells are written spreadsheet-safe
 * (mappingCsv): the `'` before a formula start is taken off here, and only here, since an import's rows
 * reach parseMappingTable already taken off. A file written before, `--ALARM...` bare, reads as it did.
 */
export function parseMapping(text: string, file: string, tax: Taxonomy): MappingEntry[] {
  const table = parseCsv(text, file, REQUIRED);
  for (const { values } of table.records)
    for (const c of Object.keys(values)) values[c] = unExcelSafe(values[c] ?? '');
  return parseMappingTable(table, file, tax);
}

export function parseMappingTable(table: CsvTable, file: string, tax: Taxonomy): MappingEntry[] {
  for (const r of REQUIRED)
    if (!table.header.includes(r))
      throw new MappingFileError(
        file,
        1,
        r,
        `the header has no column \`${r}\``,
        `Add it; the required columns are ${REQUIRED.join(', ')}.`,
      );
  const seen = new Map<string, number>();
  const entries: MappingEntry[] = [];
  // Every row is checked, and their problems said together (RowProblems).
  const problems = new RowProblems();
  for (const { row, values } of table.records)
    problems.check(() => {
      refuseBlankRow(file, row, values);
      // A mapping saved from a spreadsheet that ran a bare `--ALARM...` as a formula has the error in the
      // cell: read as written, `#NAME?` was a call type of its own and `--ALARM...` had no row (tester 269).
      for (const [c, x] of Object.entries(values))
        if (EXCEL_ERROR.test((x ?? '').trim()))
          throw new MappingFileError(
            file,
            row,
            c,
            `the cell is \`${(x ?? '').trim()}\`, what a spreadsheet writes for a cell it ran as a formula (one beginning with -, =, + or @)`,
            `Type ${c === 'raw_type' ? 'the call type again exactly as the city exports it' : 'the cell again as it was'}, with a ' before it: a spreadsheet keeps that as text, and the mapping is read without the ' (\`safegap classify auto\` writes such cells so).`,
          );
      const v = (k: string) => (values[k] ?? '').trim();
      const raw = values.raw_type ?? '';
      if (raw.trim() === '')
        throw new MappingFileError(
          file,
          row,
          'raw_type',
          'the raw type is empty',
          'Give the call type exactly as the city exports it.',
        );
      const prior = seen.get(raw);
      if (prior !== undefined)
        throw new MappingFileError(
          file,
          row,
          'raw_type',
          `duplicate raw type \`${raw}\` (already on row ${prior})`,
          'Keep one row per raw type: delete or merge the other row (spaces before or after a type are not read, so a copy that differs only by them is the same type).',
        );
      seen.set(raw, row);
      const category = v('category');
      if (category !== UNMAPPABLE && !tax.categoryById.has(category))
        throw categoryRefusal(file, row, raw, category, tax);
      const apco = v('apco_code');
      if (apco !== '' && !tax.apcoByCode.has(apco))
        throw new MappingFileError(
          file,
          row,
          'apco_code',
          `unknown APCO code \`${apco}\``,
          'Use a code from taxonomy/apco-incident-types.csv, or leave it empty.',
        );
      const tier = v('tier');
      if (!(TIERS as readonly string[]).includes(tier))
        throw new MappingFileError(
          file,
          row,
          'tier',
          `unknown tier \`${tier}\`${didYouMean(tier, TIERS)}`,
          `Use one of: ${TIERS.join(', ')}.`,
        );
      const confidence = checkConfidence(file, row, v('confidence'));
      const provenance = v('provenance');
      checkProvenance(file, row, provenance);
      const reviewer = v('reviewer');
      const reviewedOn = v('reviewed_on');
      if (provenance === 'reviewed') {
        if (reviewer === '')
          throw new MappingFileError(
            file,
            row,
            'reviewer',
            'a reviewed entry has no reviewer',
            'Write who reviewed it (a name or team).',
          );
        checkReviewDate(file, row, reviewedOn);
      } else {
        // An automatic row's date was read unchecked: `2026-02-30` passed status and `classify auto` blanked
        // it without a word, where a reviewed row's is refused (tester 392).
        if (reviewedOn !== '') checkReviewDate(file, row, reviewedOn);
        // A reviewer or a date says a person decided the row, and `automatic` that the classifier did: `classify
        // auto` classifies an automatic row again, and an analyst's Arson edit, signed and dated in the file
        // but left `automatic`, was used by analyze and then undone by auto in silence (tester 392).
        if (reviewer !== '' || reviewedOn !== '')
          throw new MappingFileError(
            file,
            row,
            'provenance',
            `\`automatic\` beside ${[reviewer ? `reviewer \`${reviewer}\`` : '', reviewedOn ? `review date \`${reviewedOn}\`` : ''].filter((x) => x).join(' and ')}: a row a person reviewed says \`reviewed\`, and \`classify auto\` classifies an automatic row again, undoing any edit of it`,
            'Write `reviewed` in `provenance` to keep the row as it is (it then needs both a reviewer and a review date), or clear `reviewer` and `reviewed_on` to leave the row to the classifier.',
          );
      }
      const handledBy = v('handled_by');
      if (handledBy !== '' && !tax.responders.some((r) => r.id === handledBy))
        throw new MappingFileError(
          file,
          row,
          'handled_by',
          unknownResponder(handledBy, tax),
          `Use one of: ${tax.responders.map((r) => r.id).join(', ')}.`,
        );
      const eligibleOverride: Partial<Record<Phase, EligibleResponder[]>> = {};
      for (const p of PHASES) {
        const e = parseEligible(v(`eligible_${p}`), tax, file, row, `eligible_${p}`);
        if (e !== undefined) eligibleOverride[p] = e;
      }
      const volume = v('volume');
      entries.push({
        rawType: raw,
        normalised: v('normalised') || normaliseType(raw),
        category,
        ...(apco ? { apcoCode: apco } : {}),
        tier: tier as Tier,
        flags: flagsOf(v('flags'), file, row),
        ...(handledBy ? { handledBy } : {}),
        eligibleOverride,
        confidence,
        provenance: provenance as Provenance,
        ...(reviewer ? { reviewer } : {}),
        ...(reviewedOn ? { reviewedOn } : {}),
        ...(v('note') ? { note: v('note') } : {}),
        ...(volume !== '' && Number.isFinite(Number(volume)) ? { volume: Number(volume) } : {}),
      });
    });
  problems.throwIfAny();
  return entries;
}

export function readMapping(
  file: string,
  tax: Taxonomy,
  city = basename(file).replace(/\.csv$/i, ''),
): CityMapping {
  const other = notMappingCsv(
    file,
    'A mapping is a CSV whose header starts raw_type,normalised,category (as `safegap classify auto` and `classify export` write it); give --mapping that file.',
  );
  if (other) throw other;
  const text = readText(
    file,
    'cannot read the mapping file',
    'Check the path, or create it with `safegap classify auto`.',
  );
  return { city, file, entries: parseMapping(text, file, tax) };
}

export function entryRow(e: MappingEntry): Record<string, string | number | undefined> {
  return {
    raw_type: e.rawType,
    normalised: e.normalised,
    category: e.category,
    apco_code: e.apcoCode ?? '',
    tier: e.tier,
    flags: e.flags.join('|'),
    handled_by: e.handledBy ?? '',
    eligible_current: formatEligible(e.eligibleOverride.current),
    eligible_near_term: formatEligible(e.eligibleOverride.near_term),
    eligible_potential: formatEligible(e.eligibleOverride.potential),
    confidence: String(Math.round(e.confidence * 1000) / 1000),
    provenance: e.provenance,
    reviewer: e.reviewer ?? '',
    reviewed_on: e.reviewedOn ?? '',
    note: e.note ?? '',
    volume: e.volume,
  };
}

/**
 * The mapping file's text. People open it in a spreadsheet to edit it (docs/classification.md), which ran a
 * cell beginning with = + - @ as a formula (tester 269): such a cell is written after a `'`, as the export
 * sheet writes it, and parseMapping takes it off.
 */
export function mappingCsv(entries: readonly MappingEntry[], extraColumns: readonly string[] = []): string {
  return toCsv(
    [...MAPPING_COLUMNS, ...extraColumns],
    entries.map((e) =>
      Object.fromEntries(
        Object.entries(entryRow(e)).map(([k, x]) => [k, typeof x === 'string' ? excelSafe(x) : x]),
      ),
    ),
  );
}

/** A mapping file's text now, or null when there is none: what `writeMapping` can check it still is. */
export function mappingText(file: string): string | null {
  // Read before the mapping itself: a device was read without end (tester 361: `--mapping /dev/full`).
  if (isSpecialFile(file))
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `the mapping file ${NOT_REGULAR}`,
      'give the path of a mapping CSV, or of a new file for a new mapping.',
    );
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * Write atomically, so an interrupted review never leaves half a file. Rows keep a stable order. With
 * `expected` (the text the file had when the entries were read, null for none), a file another command
 * changed meanwhile is left as it is and the write refused: writing would undo that change. Returns the
 * text written.
 */
export function writeMapping(
  file: string,
  entries: readonly MappingEntry[],
  expected?: string | null,
): string {
  if (expected !== undefined && mappingText(file) !== expected)
    throw new UserError(
      `${file} was changed by another command while this one ran; nothing was written, so that change is kept.`,
      'run this command again: it reads the mapping as it is now.',
    );
  const sorted = [...entries].sort(
    (a, b) => typeKey(a.rawType).localeCompare(typeKey(b.rawType)) || a.rawType.localeCompare(b.rawType),
  );
  const text = mappingCsv(sorted);
  // A killed or failed write left its half-written `.tmp-PID` beside the mapping (tester 101).
  writeWhole(file, text);
  return text;
}

export interface ResponderRule {
  column: string;
  matches: string;
  responder: string;
}

export interface CitySettings {
  name?: string;
  /** Initial priority codes that mean an emergency in this city (`non_emergency_only` rules skip them). */
  emergencyPriorities: string[];
  /** Whether the settings name them, an empty list too: a city may have no emergency priority. */
  emergencyPrioritiesGiven?: boolean;
  /** Tried in order after the final type's `handled_by`; the first match gives the actual responder. */
  actualResponderRules: ResponderRule[];
}

// The settings are checked by hand rather than by a schema, so that a problem names the rule as a person
// counts it, `rule 2` (zod's `actual_responder_rules.1` was the second rule), an item of a list the same
// way, the line it is on, and says what to write instead (testers 274, 279).
const SETTINGS_KEYS = ['name', 'emergency_priorities', 'actual_responder_rules'] as const;
const SETTINGS_DOCS = 'docs/classification.md, "City settings"';
const PRIORITIES_EXAMPLE = '`emergency_priorities: [1, 2]`';

const RULE_KEYS = ['column', 'matches', 'responder'] as const;
const RULE_EXAMPLE = "`- { column: cancel_reason, matches: '^311', responder: online_311 }`";

/** `text` as a single-quoted YAML scalar, in which a backslash is itself and `'` is written twice. */
const yamlQuoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The YAML of a settings file, or a MappingFileError naming its line and column. The parser's message
 * quoted the file's lines after them, each line break printed `\x0a` and each tab `\x09` in one long line
 * (tester 274): the message keeps the first sentence, and the hint says how to fix the two mistakes a
 * hand-edited file makes most, a tab as indentation and a key given twice.
 */
function settingsDocument(
  file: string,
  text: string,
): { raw: unknown; lineOf: (path: readonly (string | number)[]) => number | undefined } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const e = doc.errors[0];
  if (e) {
    const pos = e.linePos?.[0];
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // Read where the parser points, at the key given again: the start of its line was the rule's `{ column`
    // for a key repeated inside `{ ... }` (tester 279).
    const key =
      e.code === 'DUPLICATE_KEY'
        ? /^["']?([^:#,{}\s"'][^:#,{}"']*?)["']?\s*:/.exec(text.slice(e.pos[0]))?.[1]
        : undefined;
    // Named as a profile's is: a `[` never closed, at the line that opened it (tester 361).
    const place = yamlErrorPlace(text, doc, e);
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `${place.where.trimStart()}${place.where ? ' ' : ''}is not valid YAML: ${what}${key ? ` (\`${key}\` is given twice)` : ''}.`,
      e.code === 'TAB_AS_INDENT'
        ? `Indent with spaces, not tabs${pos ? ` (line ${pos.line} begins with a tab)` : ''}.`
        : key
          ? `Keep one \`${key}\` and delete the other: each key is given once (a list takes several values: \`${key}: [...]\`).`
          : place.fix
            ? `${place.fix[0]!.toUpperCase()}${place.fix.slice(1)}`
            : 'Check the indentation and quoting at that line: values with `:` or `#` need quotes (docs/classification.md, "City settings").',
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // An alias expanding without end is stopped by the parser with a ReferenceError.
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `cannot be read: ${(err as Error).message}`,
      'Write the values out in place of the YAML aliases (`*name`).',
    );
  }
  return {
    raw,
    // The line of a key's value, the key's own line for a key alone (a list below it starts lines later).
    lineOf: (path) => {
      const node = doc.getIn(path, true);
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
      const pair = isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1])
        : undefined;
      const at =
        (isNode(pair?.key) ? pair.key.range?.[0] : undefined) ?? (isNode(node) ? node.range?.[0] : undefined);
      return at === undefined ? undefined : lineCounter.linePos(at).line;
    },
  };
}

/**
 * The key of the settings most likely meant: by spelling, or the singular of a plural key
 * (`emergency_priority`, tester 293, three letters from `emergency_priorities`).
 */
function settingsKeyMeant(typed: string): string {
  const stem = typed.toLowerCase().replace(/(y|s)$/, '');
  const likely =
    meant(typed, SETTINGS_KEYS) ??
    (stem.length >= 6 ? SETTINGS_KEYS.find((k) => k.startsWith(stem)) : undefined);
  return likely ? ` (did you mean \`${likely}\`?)` : '';
}

/** A value as a problem names it: `{...}` said to be a list was not a list to a person writing YAML. */
function valueSaid(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return `a set of keys (\`${Object.keys(v)[0] ?? ''}: ...\`)`;
  return typeof v === 'string' ? `the text \`${v}\`` : `\`${String(v)}\``;
}

/** The top of a settings file, checked: its keys, `name`, the priorities and that the rules are a list. */
function settingsTop(
  file: string,
  raw: unknown,
  lineOf: (path: readonly (string | number)[]) => number | undefined,
  problems: RowProblems,
): { name?: string; emergencyPriorities?: string[]; rules: unknown[] } {
  const fail = (path: readonly (string | number)[], problem: string, hint: string) => {
    const line = path.length ? lineOf(path) : undefined;
    const where =
      path.length === 2
        ? `item ${Number(path[1]) + 1} of \`${path[0]}\``
        : path.length === 1
          ? `\`${path[0]}\``
          : 'the file';
    return new MappingFileError(
      file,
      undefined,
      undefined,
      `${where}${line === undefined ? '' : ` (line ${line})`} ${problem}`,
      hint,
    );
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw fail(
      [],
      `is ${valueSaid(raw)}, not the city settings' keys`,
      `Write the keys at the start of their lines, such as ${PRIORITIES_EXAMPLE} (${SETTINGS_DOCS}).`,
    );
  const r = raw as Record<string, unknown>;
  // Every problem of the file is said at once, as a mapping's rows are: a misspelt key, a responder `fire`
  // and an empty `matches` took three runs to learn of (tester 392).
  const said = (e: MappingFileError) => problems.problems.push(e);
  for (const unknown of Object.keys(r).filter((k) => !(SETTINGS_KEYS as readonly string[]).includes(k)))
    said(
      fail(
        [unknown],
        `is no key of the city settings${settingsKeyMeant(unknown)}`,
        `The keys are ${SETTINGS_KEYS.map((k) => `\`${k}\``).join(', ')} (${SETTINGS_DOCS}); rename or remove \`${unknown}\`.`,
      ),
    );
  if ('name' in r && typeof r.name !== 'string')
    said(
      fail(
        ['name'],
        `is ${valueSaid(r.name)}, not text`,
        "Write the city's name as text, `name: Minneapolis`.",
      ),
    );
  let emergencyPriorities: string[] | undefined;
  if ('emergency_priorities' in r) {
    const list = r.emergency_priorities;
    if (!Array.isArray(list))
      said(
        fail(
          ['emergency_priorities'],
          `is ${valueSaid(list)}, not a list of priority codes`,
          `Write the codes as a list, ${PRIORITIES_EXAMPLE}, as the store writes them; a city with no emergency priority writes \`emergency_priorities: []\`.`,
        ),
      );
    else {
      // An empty text is no code either: `['0', '']` was read, and then said to be a priority no call has.
      list.forEach((p, odd) => {
        if ((typeof p !== 'string' && typeof p !== 'number') || (typeof p === 'string' && p.trim() === ''))
          said(
            fail(
              ['emergency_priorities', odd],
              `is ${valueSaid(p)}, not a priority code`,
              `Write each code as text or a number, ${PRIORITIES_EXAMPLE}, as the store writes it.`,
            ),
          );
      });
      emergencyPriorities = list.map(String);
    }
  }
  let rules = r.actual_responder_rules ?? [];
  if (!Array.isArray(rules)) {
    said(
      fail(
        ['actual_responder_rules'],
        `is ${valueSaid(rules)}, not a list of rules`,
        `Write each rule on a line of its own after \`- \`, such as ${RULE_EXAMPLE}.`,
      ),
    );
    rules = [];
  }
  return {
    ...(typeof r.name === 'string' ? { name: r.name } : {}),
    emergencyPriorities,
    rules: rules as unknown[],
  };
}

/**
 * Rule `i` of the file (counted from 0), checked: its keys, responder, column and pattern, each problem said
 * of `rule i+1` and its line. Each rule's responder must be one of the taxonomy's (by id or as the store
 * writes it) and its column one of the calls': a misspelt responder became a responder of its own, counted
 * as diverted (45.5% against 13.4% on Burlington), and a misspelt column never matched, both in silence
 * (tester 194).
 */
function settingsRule(
  file: string,
  i: number,
  line: number | undefined,
  rule: unknown,
  tax: Taxonomy,
  columns: readonly string[],
  problems: RowProblems,
): ResponderRule | undefined {
  const at = `rule ${i + 1} of \`actual_responder_rules\`${line === undefined ? '' : ` (line ${line})`}`;
  const fail = (key: string | undefined, problem: string, hint: string) =>
    new MappingFileError(
      file,
      undefined,
      undefined,
      `${at}${key ? `, field \`${key}\`` : ''}: ${problem}`,
      hint,
    );
  // Each of the rule's problems is said, beside the file's others (tester 392); none is taken while any is.
  const before = problems.problems.length;
  const said = (e: MappingFileError) => problems.problems.push(e);
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    said(
      fail(
        undefined,
        `is ${JSON.stringify(rule) ?? 'empty'}, not a rule`,
        `Write each rule as ${RULE_EXAMPLE}.`,
      ),
    );
    return undefined;
  }
  const r = rule as Record<string, unknown>;
  // Profiles' rules take `equals`, and a city's settings were written the same way (tester 274).
  if ('equals' in r)
    said(
      fail(
        'equals',
        'a rule of the city settings tests its column with `matches`, a regular expression (case ignored), not `equals` as a profile does',
        `To match the whole value, write \`matches: ${typeof r.equals === 'string' && r.equals !== '' ? yamlQuoted(`^${r.equals.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : "'^VALUE$'"}\` in its place.`,
      ),
    );
  for (const unknown of Object.keys(r).filter(
    (k) => k !== 'equals' && !(RULE_KEYS as readonly string[]).includes(k),
  ))
    said(
      fail(
        unknown,
        `unknown key${didYouMean(unknown, RULE_KEYS)}: a rule has \`column\`, \`matches\` and \`responder\` alone`,
        `Remove \`${unknown}\`, or write the rule as ${RULE_EXAMPLE}.`,
      ),
    );
  const expected: Record<(typeof RULE_KEYS)[number], [string, string]> = {
    column: [
      'the column of the calls the rule tests, such as `cancel_reason`',
      'Name a column of the calls (docs/schema.md).',
    ],
    matches: [
      "a regular expression the column's value must match (case ignored), such as `'^311'`",
      "Write the pattern in quotes, `matches: '^311'`; to take every call with a value in the column, `matches: '.'`.",
    ],
    responder: [
      'the responder the rule gives a call, such as `online_311`',
      `Use one of: ${tax.responders.map((x) => x.id).join(', ')}.`,
    ],
  };
  const given = new Set<string>();
  for (const key of RULE_KEYS) {
    const v = r[key];
    if (typeof v === 'string' && (key === 'matches' ? v !== '' : v.trim() !== '')) {
      given.add(key);
      continue;
    }
    const what = !(key in r)
      ? 'is missing'
      : v === null || v === undefined
        ? 'has no value'
        : typeof v === 'string'
          ? `is empty${key === 'matches' ? ' (it would match every call, those with no value too)' : ''}`
          : `is ${JSON.stringify(v)}, not text`;
    said(fail(key, `${what}; expected ${expected[key][0]}`, expected[key][1]));
  }
  const { column, matches, responder } = r as unknown as ResponderRule;
  if (
    given.has('responder') &&
    !tax.responders.some((x) => x.id === responder || x.storeResponder === responder)
  )
    said(fail('responder', unknownResponder(responder, tax), expected.responder[1]));
  if (given.has('column') && !columns.includes(column.toLowerCase()))
    said(
      fail(
        'column',
        `\`${column}\` is not a column of the calls a rule can test${didYouMean(column.toLowerCase(), columns)}`,
        `Name one of: ${columns.join(', ')} (docs/schema.md).`,
      ),
    );
  const wrong = given.has('matches') ? patternProblem(matches) : undefined;
  if (wrong) said(fail('matches', wrong.problem, wrong.hint[0]!.toUpperCase() + wrong.hint.slice(1)));
  return problems.problems.length === before ? { column, matches, responder } : undefined;
}

/** The city settings in `file`; none when there is no such file. */
export function readSettings(file: string, tax: Taxonomy): CitySettings {
  if (!existsSync(file)) return { emergencyPriorities: [], actualResponderRules: [] };
  // Found where the settings are looked for: named, not "a folder was given" of options none gave (tester 279).
  if (statSync(file).isDirectory())
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      'is a folder, where the city settings are looked for (docs/classification.md, "City settings")',
      'Rename or remove the folder, or put the settings file in its place.',
    );
  if (isSpecialFile(file))
    throw new MappingFileError(
      file,
      undefined,
      undefined,
      `${NOT_REGULAR}, where the city settings are looked for (docs/classification.md, "City settings")`,
      'Remove it, or put the settings file in its place.',
    );
  const { raw, lineOf } = settingsDocument(file, readFileSync(file, 'utf8'));
  const problems = new RowProblems();
  const parsed = settingsTop(file, raw ?? {}, lineOf, problems);
  // The call's key and its times are no rule's column: a rule on them stopped analyze with an internal
  // error (tester 196).
  const columns = CALL_COLUMNS.filter((c) => c.name !== 'call_id' && !c.type.startsWith('TIMESTAMP')).map(
    (c) => c.name,
  );
  const rules = parsed.rules.map((r, i) =>
    settingsRule(file, i, lineOf(['actual_responder_rules', i]), r, tax, columns, problems),
  );
  problems.throwIfAny();
  return {
    ...(parsed.name ? { name: parsed.name } : {}),
    emergencyPriorities: parsed.emergencyPriorities ?? [],
    emergencyPrioritiesGiven: parsed.emergencyPriorities !== undefined,
    actualResponderRules: rules.filter((r): r is ResponderRule => r !== undefined),
  };
}

/** The cities with a mapping file (`CITY.csv`), or settings (`ext` `.yaml`), in `dir`, in order of file name; none without the folder. */
export function mappingCities(dir: string, ext = '.csv'): string[] {
  const shown = isAbsolute(dir) ? dir : `./${dir}`;
  // A file named `mappings` in the working folder stopped analyze, report and classify with an internal
  // ENOTDIR (tester 361). Refused, not passed over: classify writes its mappings into that folder, and a
  // file there is most often a mapping saved without its folder.
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UserError(
      `${shown} is ${isSpecialFile(dir) ? 'a device, pipe or socket' : 'a file'}, where the folder of city mappings is looked for (docs/classification.md).`,
      `rename or move it (\`mv ${shellWord(dir)} ${shellWord(`${dir}.old`)}\`, say); a city's mapping belongs in that folder, as ${shown}/CITY.csv.`,
    );
  }
  // A link to a folder that is gone (an unmounted share) was passed over, and the city's reviewed mapping
  // with it, in silence (tester 367).
  if (!existsSync(dir) && lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new UserError(
      `${shown} is a link to ${readlinkSync(dir)}, which does not exist: the folder of city mappings is looked for there.`,
      `mount or restore the folder it leads to, or remove the link (\`rm ${shellWord(dir)}\`) to use the built-in mappings.`,
    );
  }
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort()
        .map((f) => f.slice(0, -ext.length))
    : [];
}

/** Reviewed entries of every city mapping in `dir`, except the excluded cities; this is what the classifier learns from. */
export function reviewedEntries(dir: string, tax: Taxonomy, exclude: readonly string[] = []): MappingEntry[] {
  const out: MappingEntry[] = [];
  for (const city of mappingCities(dir)) {
    const f = `${city}.csv`;
    // `Minneapolis` in a truth file is minneapolis.csv: held out, not learnt from and then scored on.
    if (exclude.some((x) => x.trim().toLowerCase() === city.toLowerCase())) continue;
    out.push(
      ...readMapping(join(dir, f), tax, city).entries.filter(
        (e) => e.provenance === 'reviewed' && e.category !== UNMAPPABLE,
      ),
    );
  }
  return out;
}
