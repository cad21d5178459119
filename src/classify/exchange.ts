/**
 * The spreadsheet path: export a city's mapping with call volumes and the classifier's suggestions, edit
 * it anywhere, import it back. An imported row becomes `reviewed` when anything it says about the type was
 * changed (category, code, tier, flags, responders, note) or it marks an automatic type reviewed; any other
 * row keeps the mapping's entry, review columns included, and columns the file leaves out keep the
 * mapping's values. Validation is the mapping file's, row by row.
 */
import { classifyType, type ClassifierIndex } from './classifier.js';
import { resolveEntry } from './apply.js';
import { isBlankRow, MappingFileError, readText, RowProblems } from './errors.js';
import {
  entryRow,
  MAPPING_COLUMNS,
  checkConfidence,
  checkProvenance,
  mappingCsv,
  categoryRefusal,
  parseMappingTable,
  type MappingEntry,
} from './mapping-file.js';
import { TIERS, type Taxonomy } from './taxonomy.js';
import { notMappingCsv, parseCsv, toCsv } from './csv.js';
import { readReviewDate, sheetDayOrder } from './sheet-dates.js';
import { normaliseType, typeKey } from './normalise.js';
import { createHash } from 'node:crypto';
import { EXCEL_ERROR, excelSafe, unExcelSafe } from '../util/excel-safe.js';

export const EXPORT_EXTRA = [
  'volume',
  'suggestion_1',
  'suggestion_2',
  'suggestion_3',
  'exported_as',
] as const;

/** The columns that say what a type means: changing one is a review. */
const EDITED_COLUMNS = MAPPING_COLUMNS.filter(
  (c) => !['raw_type', 'confidence', 'provenance', 'reviewer', 'reviewed_on'].includes(c),
);

/**
 * A list cell as a mapping reads it: separated by | or ;, each item once (tester 321: a sheet's
 * `report;weapon`, imported as `report|weapon`, was an edit the second time and refused as a conflict;
 * tester 326: `medical|medical` was an edit). Flags in any order are the same flags; responders keep
 * their order, so that a sheet exported before they were read so keeps its `exported_as`.
 */
const listOf = (v: unknown, sorted: boolean) => {
  const items = [
    ...new Set(
      String(v ?? '')
        .split(/[|;]/)
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  return (sorted ? items.sort() : items).join('|');
};

const LIST_COLUMNS = new Set(['flags', 'eligible_current', 'eligible_near_term', 'eligible_potential']);

/** A column's value as compared: lists as a mapping reads them, the rest as written without edge spaces. */
const comparable = (column: string, v: unknown) =>
  LIST_COLUMNS.has(column) ? listOf(v, column === 'flags') : String(v ?? '').trim();

/**
 * What a row says a type means, as a short hash (`exported_as`): an import compares the row with it to
 * tell the analyst's edits from values the mapping has changed since the export. Two reviewers editing
 * copies of one export: the second import wrote the first's `handled_by` back to the exported value, with
 * nothing said, the dates being the same (tester 99).
 */
function meaningOf(row: Record<string, unknown>): string {
  const text = EDITED_COLUMNS.map((c) => comparable(c, row[c]));
  return createHash('sha256').update(text.join('\u001f')).digest('hex').slice(0, 12);
}

const UNREADABLE_HINT =
  "Export the mapping again and redo these rows' edits in the new sheet: it writes `exported_as` as text, which a spreadsheet keeps. Or open the sheet as exported with the `exported_as` column imported as text (in Excel: Data, From Text/CSV, column type Text), redo the edits and save that.";
const STALE_HINT =
  "Export the mapping again, redo this sheet's edits in the new sheet and import that, keeping its `exported_as` column: it tells an edit from a value the mapping has changed since the export.";
const CONFLICT_HINT =
  "Export the mapping again, redo these rows' edits in the new sheet (or take them out of this one), and import again; if its automatic rows are older than the classifier (an export with --calls shows them as it has them now), run `safegap classify auto` first.";

/** The columns whose values change figures: two spellings of one call type should agree on them. */
const FIGURE_COLUMNS = EDITED_COLUMNS.filter((c) => c !== 'normalised' && c !== 'note');

/** The figure columns on which two entries differ, with each one's value. */
function figureDifferences(
  here: MappingEntry,
  there: MappingEntry,
): { column: string; here: string; there: string }[] {
  const [a, b] = [entryRow(here), entryRow(there)];
  return FIGURE_COLUMNS.flatMap((column) => {
    const [x, y] = [comparable(column, a[column]), comparable(column, b[column])];
    return x === y ? [] : [{ column, here: x, there: y }];
  });
}

/**
 * The sheet writes `exported_as` after an `h`: bare, a hash of digits (`991003301215`) or one with an `e`
 * among them (`396041341e57`) was a number to a spreadsheet, saved back as `9.91003E+11`, and an edit of
 * the row was refused as a conflict with the review made before the export (tester 113).
 */
const EXPORTED_AS_PREFIX = 'h';

/** The hash an `exported_as` cell holds (sheets exported before the prefix have it bare); null: none. */
function exportedHash(cell: string): string | null {
  const m = /^h?([0-9a-f]{12})$/i.exec(cell);
  return m ? m[1]!.toLowerCase() : null;
}

/** What a spreadsheet makes of a number: `9.91003E+11`, `991003000000`, `1,234`. */
const SPREADSHEET_NUMBER = /^[-+]?[\d.,\s]+(e[-+]?\d+)?$/i;

const columnList = (cs: readonly string[]) => cs.map((c) => `\`${c}\``).join(', ');

/** Who changed what in a conflict since the export: `this sheet changed \`category\`; bob changed ...`. */
function conflictSides(c: {
  by: string;
  on: string;
  sides?: { sheet: string[]; mapping: string[] };
  differ?: string[];
}): string {
  const who = c.by ? `${c.by} on ${c.on}` : '`classify auto`';
  if (c.sides)
    return `this sheet ${c.sides.sheet.length ? `changed ${columnList(c.sides.sheet)}` : 'marks it reviewed'}, ${who} changed ${columnList(c.sides.mapping)}`;
  return `changed by ${who}; the sheet and the mapping differ in ${columnList(c.differ ?? [])}`;
}

export function exportCsv(
  entries: readonly MappingEntry[],
  volumes: ReadonlyMap<string, number>,
  index: ClassifierIndex,
): string {
  const rows = [...entries]
    // Without calls to count, no volume: a 0 read as "no calls" (tester 99).
    .map((e) => ({ e, v: volumes.get(e.rawType) ?? e.volume }))
    .sort((a, b) => (b.v ?? 0) - (a.v ?? 0) || a.e.rawType.localeCompare(b.e.rawType))
    .map(({ e, v }) => {
      const c = classifyType(index, e.rawType, { topK: 3 });
      const s = c.candidates.map(
        (x) => `${x.category}${x.apcoCode ? `/${x.apcoCode}` : ''} (${x.score.toFixed(2)})`,
      );
      const row = Object.fromEntries(
        Object.entries(entryRow(e)).map(([k, x]) => [k, typeof x === 'string' ? excelSafe(x) : x]),
      );
      return {
        ...row,
        volume: v,
        suggestion_1: s[0] ?? '',
        suggestion_2: s[1] ?? '',
        suggestion_3: s[2] ?? '',
        exported_as: EXPORTED_AS_PREFIX + meaningOf(entryRow(e)),
      };
    });
  return toCsv([...MAPPING_COLUMNS, ...EXPORT_EXTRA], rows);
}

export interface ImportResult {
  entries: MappingEntry[];
  changed: number;
  added: number;
  /**
   * Of the types changed or added, those this import made reviewed (an edit, a type marked reviewed, a new
   * type), those that keep the automatic classification and those that keep a review they were exported
   * with (an unedited row of a sheet imported where the mapping lacks it): "101 new types saved" did not
   * say that the sheet's 7 edits were taken (tester 349).
   */
  reviewed: number;
  keptAutomatic: number;
  keptReview: number;
  /** Types of the mapping the file has no row of: kept as they are (an import removes no type). */
  leftOut: number;
  /**
   * Reviewed types a sheet without `exported_as` changes: taken, though a later review the sheet's dates
   * cannot show (the same day, or no `reviewed_on` column) would be undone by them.
   */
  unguarded: string[];
  /**
   * Types the file changes whose review in the mapping is newer than the file's row (an older export
   * imported after later reviews) in a sheet whose exported_as shows the meaning unchanged since: the
   * change is made, and said. Without the column such a row is refused as a conflict.
   */
  overwrittenReviews: string[];
  /** Types the file adds that the calls given to check against do not have (a misspelling?). */
  notInCalls: ImportNote[];
  /** Types the file adds or changes that another type of the mapping spells alike but for case. */
  caseTwins: (ImportNote & { twin: MappingEntry })[];
  /**
   * Types whose meaning the file changes or adds, with the other spellings of them (`Slumper (P)~PD` for
   * `Slumper (P)`: the same words once suffixes, case and punctuation are set aside) that the file left
   * alone and that now mean otherwise, column by column (tester 113: the pathways listed `Slumper` twice).
   */
  spellingTwins: (ImportNote & {
    twin: MappingEntry;
    differ: { column: string; here: string; there: string }[];
  })[];
  /** Columns of the file that are neither the mapping's nor the export's: not imported (tester 99). */
  ignoredColumns: string[];
  /** Rows of the file (spreadsheet numbering) whose cells are all blank: skipped. */
  blankRows: number[];
  /**
   * Rows that change only the reviewer or confidence of a type the mapping has reviewed, with the values
   * written: not taken (the review is the mapping's), and said (tester 113: an analyst's 0.6 was lost
   * without a word).
   */
  reviewNotTaken: (ImportNote & { reviewer?: string; confidence?: string })[];
  /** The types of the mapping the file has no row of (`leftOut` of them), in the mapping's order. */
  leftOutTypes: string[];
  /**
   * Rows that set `handled_by` on a type no call of `calls` has as its final type, or an `eligible_`
   * column on one none has as its initial type, when some have it in the other role: the column is read
   * from the one role, so the edit gives no call anything (tester 291: Seattle's final types all begin with
   * `--`, its initial types never do). Saved all the same: it is valid, and may suit other calls.
   */
  noEffect: NoEffect[];
}

/** An edit of the columns read from a role (`final`: `handled_by`, `initial`: eligibility) that no call gives the type. */
export interface NoEffect extends ImportNote {
  columns: string[];
  role: 'initial' | 'final';
  /** The calls that have the type as their initial and as their final type. */
  initial: number;
  final: number;
  /**
   * The type those calls most often have in the role read instead (the row to edit), with their number and
   * its row of the file, when the file has one.
   */
  instead?: { type: string; calls: number; row?: number };
}

/** A row of the imported file (spreadsheet numbering) and the type it is about. */
export interface ImportNote {
  row: number;
  entry: MappingEntry;
}

export interface ImportOptions {
  /** The raw types of the calls (`--calls`): a type the file adds that they lack is noted. */
  callTypes?: Iterable<string>;
  /**
   * The calls' types with their calls as initial and as final type (typeCounts), and the changes of type
   * (typeChanges): an edit of a column read from a role no call gives its type is noted (noEffect).
   */
  callRoles?: {
    counts: readonly { rawType: string; initial: number; final: number }[];
    changes: readonly { initial: string; final: string; calls: number }[];
  };
}

/**
 * Each entry's calls as initial and as final type, found as the classification finds a call's entry
 * (resolveEntry: another suffix or case of a type reaches it too). A call with no final type is classified
 * by its initial type as its final one (applyClassification), so it counts for `handled_by` (`asFinal`).
 */
function rolesOf(entries: readonly MappingEntry[], calls: NonNullable<ImportOptions['callRoles']>) {
  const lookup = resolveEntry(entries);
  const changedFrom = new Map<string, number>();
  for (const c of calls.changes) changedFrom.set(c.initial, (changedFrom.get(c.initial) ?? 0) + c.calls);
  const roles = new Map<MappingEntry, { initial: number; final: number; asFinal: number }>();
  for (const c of calls.counts) {
    const e = lookup(c.rawType);
    if (!e) continue;
    const r = roles.get(e) ?? { initial: 0, final: 0, asFinal: 0 };
    r.initial += c.initial;
    r.final += c.final;
    // When no call has it as its final type, its calls as initial type that did not change to another
    // (typeChanges) have no final type, and are classified by this one as their final one.
    r.asFinal += c.final || Math.max(0, c.initial - (changedFrom.get(c.rawType) ?? 0));
    roles.set(e, r);
  }
  // What the calls of an entry have in the other role: the type to edit instead.
  const other = (e: MappingEntry, role: 'initial' | 'final') => {
    const by = new Map<string, number>();
    for (const c of calls.changes) {
      const [from, to] = role === 'final' ? [c.initial, c.final] : [c.final, c.initial];
      if (lookup(from) === e) by.set(to, (by.get(to) ?? 0) + c.calls);
    }
    return [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  };
  return { lookup, roles, other };
}

export function importCsv(
  file: string,
  current: readonly MappingEntry[],
  tax: Taxonomy,
  reviewer: string | undefined,
  date: string,
  options: ImportOptions = {},
): ImportResult {
  const other = notMappingCsv(
    file,
    '--in takes the mapping sheet that `safegap classify export` wrote, edited.',
  );
  if (other) throw other;
  const text = readText(file, 'cannot read the file to import', 'Check the path.');
  // A column of the mapping or `exported_as` written in another case is refused, as a required one is
  // (tester 237: `Tier` and `Note` were dropped with their edits), and so is one a letter or two off a column
  // of the mapping or the export (tester 265: `eligible_curent`). The other export columns are not read.
  const table = parseCsv(text, file, ['raw_type', 'category'], [...MAPPING_COLUMNS, ...EXPORT_EXTRA], true);
  const byRaw = new Map(current.map((e) => [e.rawType, e]));
  // A value is its type but for surrounding spaces, as the classifier's lookup key has it (normaliseType):
  // a spreadsheet's `Noise ` became a new type of its own and the edit of `Noise` was lost.
  const byTrimmed = new Map<string, MappingEntry[]>();
  for (const e of current) byTrimmed.set(e.rawType.trim(), [...(byTrimmed.get(e.rawType.trim()) ?? []), e]);
  const resolve = (row: number, written: string): MappingEntry | undefined => {
    const exact = byRaw.get(written);
    if (exact) return exact;
    const near = byTrimmed.get(written.trim()) ?? [];
    if (near.length > 1)
      throw new MappingFileError(
        file,
        row,
        'raw_type',
        `\`${written}\` is, but for surrounding spaces, each of the mapping's ${near.map((e) => `\`${e.rawType}\``).join(' and ')}`,
        'Write it exactly as one of them, spaces included.',
      );
    return near[0];
  };
  const present = new Set(table.header);
  const str = (x: unknown) => String(x ?? '').trim();
  const same = (c: string, a: unknown, b: unknown) => comparable(c, a) === comparable(c, b);
  const overwrittenReviews: string[] = [];
  const unguarded: string[] = [];
  // A sheet of `classify export` says what each row meant when exported: only then can an edit be told
  // from a value the mapping changed since. A column the sheet lost takes the mapping's value (below), so
  // the check still holds for the others (tester 100: a deleted `note` column turned it off).
  const exported = present.has('exported_as');
  const conflicts: {
    row: number;
    type: string;
    by: string;
    on: string;
    /** The columns each side changed since the export, when the hash tells them (sides, below). */
    sides?: { sheet: string[]; mapping: string[] };
    /** Else the columns on which the row and the mapping differ. */
    differ?: string[];
  }[] = [];
  // Rows of blank cells hold nothing to import: skipped and said. Refused, they stopped a sheet whose
  // spreadsheet kept cleared rows at its end (tester 104).
  const blankRows = table.records.filter((r) => isBlankRow(r.values)).map((r) => r.row);
  table.records = table.records.filter((r) => !isBlankRow(r.values));
  // Every row's problems are said together (RowProblems); a row with one is left out of the later steps.
  const problems = new RowProblems();
  const failed = new Set<number>();
  const ok = (r: { row: number }) => !failed.has(r.row);
  // Cells, type and the mapping's row first, for every row: the order of dates a spreadsheet rewrote is
  // told from the whole sheet (below).
  const priors = table.records.map((r) => {
    let prior: MappingEntry | undefined;
    if (!problems.check(() => (prior = readCells(r)))) failed.add(r.row);
    return prior;
  });
  function readCells(r: (typeof table.records)[number]): MappingEntry | undefined {
    const v = r.values;
    // Every cell was written spreadsheet-safe (`normalised` and `note` can begin with = too: tester 100).
    // Each cell a spreadsheet made an error of is said; the row, not read as exported, is checked no further.
    const errors = new RowProblems();
    for (const c of Object.keys(v)) {
      v[c] = unExcelSafe(v[c] ?? '');
      if (EXCEL_ERROR.test(v[c].trim()))
        errors.problems.push(
          new MappingFileError(
            file,
            r.row,
            c,
            `the cell is \`${v[c].trim()}\`, what a spreadsheet writes for a cell it took for a formula (one beginning with -, =, + or @)`,
            "Export the sheet again (it writes such cells after a ', which keeps them text) and redo the edits, or type the cell again with a ' before it.",
          ),
        );
    }
    errors.throwIfAny();
    v.raw_type ??= '';
    const prior = resolve(r.row, v.raw_type);
    v.raw_type = prior?.rawType ?? v.raw_type.trim();
    // A column the file leaves out keeps what the mapping had: a sheet cut down to raw_type and category
    // wiped every flag, note and `handled_by`, and the provenance of every row.
    if (prior) {
      const old = entryRow(prior);
      for (const c of MAPPING_COLUMNS) if (!present.has(c)) v[c] = str(old[c]);
    }
    return prior;
  }
  // An empty tier or `normalised` cell is the mapping's value (the import fills both in), so it changes
  // nothing: an emptied tier re-stamped the maintainers' review with the importer's (tester 113), and a
  // type added in a sheet, its `normalised` made by the first import, read as an edit when the same sheet
  // came back (tester 141).
  const editedOf = (v: Record<string, string>, old: Record<string, unknown>) =>
    EDITED_COLUMNS.some(
      (c) =>
        present.has(c) && !same(c, v[c], old[c]) && !((c === 'tier' || c === 'normalised') && !str(v[c])),
    );
  // Whether the row means what `exported_as` says it did when exported, an empty tier or `normalised` cell
  // standing for any value the export could have written there (they are no edit, above): compared as
  // emptied, a row whose only change was an emptied tier was refused as a conflict with a later review by
  // another reviewer (tester 237).
  const asExported = (v: Record<string, string>, old: Record<string, unknown>, hash: string) => {
    const tiers = str(v.tier) ? [str(v.tier)] : TIERS;
    const names = str(v.normalised)
      ? [str(v.normalised)]
      : [str(old.normalised), normaliseType(str(v.raw_type))];
    return tiers.some((tier) => names.some((normalised) => meaningOf({ ...v, tier, normalised }) === hash));
  };
  // Which side changed which column since the export, found as the values the export had: of each column
  // where the row and the mapping differ, one side's (any tier for an emptied tier cell), the others as
  // both have them, until one set hashes to `exported_as`. Null where none does (both sides changed a
  // column) or there are too many to try. A conflict named the row and the other reviewer, not what
  // either had changed (tester 237).
  const sides = (v: Record<string, string>, old: Record<string, unknown>, hash: string) => {
    const options = EDITED_COLUMNS.flatMap((c) => {
      if (c === 'tier' && !str(v.tier)) return [{ c, values: [...TIERS] }];
      if (c === 'normalised' && !str(v.normalised))
        return [{ c, values: [str(old.normalised), normaliseType(str(v.raw_type))] }];
      return same(c, v[c], old[c]) ? [] : [{ c, values: [str(v[c]), str(old[c])] }];
    });
    if (options.reduce((n, o) => n * o.values.length, 1) > 4096) return null;
    const pick = (i: number, at: Record<string, string>): Record<string, string> | null => {
      if (i === options.length) return meaningOf(at) === hash ? at : null;
      for (const value of options[i]!.values) {
        const found = pick(i + 1, { ...at, [options[i]!.c]: value });
        if (found) return found;
      }
      return null;
    };
    const was = pick(0, { ...v });
    if (!was) return null;
    const changed = (row: Record<string, unknown>, blankIsNone: boolean) =>
      options
        .map((o) => o.c)
        .filter(
          (c) =>
            !same(c, row[c], was[c]) &&
            !(blankIsNone && (c === 'tier' || c === 'normalised') && !str(row[c])),
        );
    return { sheet: changed(v, true), mapping: changed(old, false) };
  };
  const dates = table.records.flatMap((r, i) => {
    const prior = priors[i];
    const unedited = prior?.reviewedOn && !editedOf(r.values, entryRow(prior));
    return ok(r)
      ? [
          {
            row: r.row,
            written: str(r.values.reviewed_on),
            ...(unedited ? { mappingDate: prior.reviewedOn } : {}),
          },
        ]
      : [];
  });
  let dayOrder: ReturnType<typeof sheetDayOrder>;
  // Of the whole sheet: no row's date can be read without it.
  if (!problems.check(() => (dayOrder = sheetDayOrder(file, dates)))) problems.throwIfAny();
  const unreadable: { row: number; type: string; cell: string }[] = [];
  const reviewNotTaken: ImportResult['reviewNotTaken'] = [];
  const reviewedRows = new Set<number>();
  // The rows refused here for want of a reviewer: the entry check below would say it again of each.
  const noReviewer = new Set<number>();
  table.records.forEach((r, i) => {
    if (ok(r) && !problems.check(() => importRow(r, priors[i]))) failed.add(r.row);
  });
  function importRow(r: (typeof table.records)[number], prior: MappingEntry | undefined): void {
    const v = r.values;
    const old = prior ? entryRow(prior) : undefined;
    // What the row says of its review is checked as written, before an edit replaces it: a bad date or
    // provenance beside an edited category was overwritten in silence, and refused on a row without one.
    // Each of them is said, and an edit in conflict beside them (below): a bad provenance hid the bad
    // confidence of its row until it was fixed and the sheet imported again (tester 349).
    const cells = new RowProblems();
    const provenance = str(v.provenance);
    if (provenance) cells.check(() => checkProvenance(file, r.row, provenance));
    // In the sheet's order when a spreadsheet rewrote the dates (tester 113); compared as YYYY-MM-DD.
    let writtenOn = '';
    cells.check(
      () => (writtenOn = str(v.reviewed_on) && readReviewDate(file, r.row, str(v.reviewed_on), dayOrder)),
    );
    v.reviewed_on = writtenOn;
    // A figure out of range was refused beside an edit and taken in silence on a row without one (tester 113).
    if (str(v.confidence)) cells.check(() => checkConfidence(file, r.row, str(v.confidence)));
    // Any change to what a type means is a review, not only its category or code: a tier, flag or
    // eligibility edited alone stayed `automatic` and the next `classify auto` undid it. So is a row the
    // reviewer marked `reviewed` without changing it.
    let edited = !old || editedOf(v, old);
    const marked = !!old && old.provenance !== 'reviewed' && provenance === 'reviewed';
    const exportedCell = exported ? str(v.exported_as) : '';
    let exportedAs = exportedHash(exportedCell);
    // Twelve digits are a bare hash of an older export or a number a spreadsheet wrote (`991003000000` for
    // 9.91003E+11): a hash only when it is what the row or the mapping says.
    if (/^\d{12}$/.test(exportedCell) && old && exportedAs !== meaningOf(old) && exportedAs !== meaningOf(v))
      exportedAs = null;
    // A type added on a row copied from another exported row keeps that row's `normalised` and
    // `exported_as`: when the same sheet came back, the cell read as an edit of the type the first import
    // had made, in conflict with it (tester 146). It is none where the row was not exported as this type,
    // the cell is not made from the row's own type, and every other column is the mapping's.
    // So is one whose `exported_as` was emptied, when the mapping's `normalised` is the one made from the
    // type (the first import made it so): the same sheet came back refused as unreadable (tester 349).
    const copyAgain =
      !!old &&
      edited &&
      (exportedAs !== null
        ? exportedAs !== meaningOf(old)
        : exported && exportedCell === '' && str(old.normalised) === normaliseType(str(v.raw_type))) &&
      str(v.normalised) !== normaliseType(str(v.raw_type)) &&
      !editedOf({ ...v, normalised: str(old.normalised) }, old);
    if (copyAgain) edited = false;
    // An edit can be told from the mapping's changes only by the hash: one a spreadsheet made a number of
    // is said as that, not as a conflict with a review it cannot see the date of.
    // An emptied cell too, in a sheet with the column: it let an edit overwrite a later review (tester 115).
    if (old && exported && exportedAs === null && (edited || marked)) {
      unreadable.push({ row: r.row, type: str(v.raw_type), cell: exportedCell });
      cells.throwIfAny();
      return;
    }
    // What the mapping now holds differs from the export: reviewed since by someone, or an automatic row
    // `classify auto` changed (or that `export --calls` showed as the classifier has it now).
    const changedSince = !!old && meaningOf(old) !== exportedAs;
    if (old && exportedAs && (edited || marked)) {
      const mine = !asExported(v, old, exportedAs);
      // Unedited here: what differs is the mapping's since the export, and stays.
      if (!mine && !marked) edited = false;
      // Edited here and reviewed there since, or marked reviewed here as the export had it when the
      // mapping has it otherwise now: neither may silently win (tester 100: a sheet marked reviewed
      // turned a type `classify auto` had changed back). An edit of an automatic row is the analyst's.
      else if (changedSince && (old.provenance === 'reviewed' || !mine)) {
        const told = sides(v, old, exportedAs);
        conflicts.push({
          row: r.row,
          type: str(v.raw_type),
          by: old.provenance === 'reviewed' ? str(old.reviewer) : '',
          on: str(old.reviewed_on),
          ...(told
            ? { sides: told }
            : {
                differ: EDITED_COLUMNS.filter(
                  (c) => !same(c, v[c], old[c]) && !((c === 'tier' || c === 'normalised') && !str(v[c])),
                ),
              }),
        });
      }
    }
    // What follows reads the row's review cells: with one refused, the row is checked no further.
    cells.throwIfAny();
    // A row from before the mapping's review of its type (an older export) carries that time's review
    // columns, not the analyst's: an earlier review (its date is older), or the classifier's figure of a
    // type then automatic. Only a date or provenance older than the mapping's tells them apart; a figure
    // typed into such a row cannot be told from the one exported.
    const reviewedBefore =
      old?.provenance === 'reviewed' && writtenOn !== '' && writtenOn < str(old.reviewed_on);
    const exportedBefore = reviewedBefore || (old?.provenance === 'reviewed' && provenance === 'automatic');
    // Without `exported_as` those columns are the only sign: the sheet's other cells, as exported, undid the
    // later review with a note only (tester 217), where a sheet with the column is refused.
    if (edited && exportedBefore && old && !exported)
      conflicts.push({ row: r.row, type: str(v.raw_type), by: str(old.reviewer), on: str(old.reviewed_on) });
    else if (edited && exportedBefore) overwrittenReviews.push(str(v.raw_type));
    // A row that changes nothing about the type says nothing new of its review either: its reviewer,
    // date, provenance and confidence are the export's, and importing the sheet again handed the
    // analyst's edits of the first import back to the export's reviewer and date.
    if (old && !edited && !marked) {
      // A reviewer or figure other than the mapping's, on a row of its current review (same date, meaning
      // unchanged since the export), is the analyst's: not taken, but said.
      // A copied row's review columns are the row's it was copied from: no one wrote them for this type.
      const sameReview =
        !copyAgain &&
        old.provenance === 'reviewed' &&
        !exportedBefore &&
        (writtenOn === '' || writtenOn === str(old.reviewed_on)) &&
        (exportedAs === null || !changedSince);
      const reviewerWritten =
        present.has('reviewer') && str(v.reviewer) !== '' && !same('reviewer', v.reviewer, old.reviewer);
      // A row saying `reviewed` with no review date was exported automatic and marked reviewed in the
      // sheet (an export dates every reviewed row): its figure is the classifier's, as exported, which the
      // import that took the mark replaced with 1. Importing the sheet again said the export's 0.955 was
      // not taken, a figure no one had typed (tester 291).
      const markedHere = provenance === 'reviewed' && present.has('reviewed_on') && writtenOn === '';
      const confidenceWritten =
        present.has('confidence') &&
        str(v.confidence) !== '' &&
        !markedHere &&
        Number(str(v.confidence)) !== Number(old.confidence);
      if (sameReview && (reviewerWritten || confidenceWritten))
        reviewNotTaken.push({
          row: r.row,
          entry: prior!,
          ...(reviewerWritten ? { reviewer: str(v.reviewer) } : {}),
          ...(confidenceWritten ? { confidence: str(v.confidence) } : {}),
        });
      // The mapping's row whole: what it means may have changed since the export (exported_as, above). Its
      // raw type as it is, spaces and all: trimmed, a type that begins with a tab came back as a new one
      // (tester 158).
      for (const c of MAPPING_COLUMNS) v[c] = str(old[c]);
      v.raw_type = prior!.rawType;
      return;
    }
    // A type the mapping lacks on its own row as exported keeps the row's review: the classifier's stays
    // automatic, a reviewer's stays theirs. A sheet imported unedited into a folder without the mapping made
    // all 101 automatic types the importer's review (tester 194).
    if (
      !old &&
      (provenance === 'automatic' ||
        (provenance === 'reviewed' && str(v.reviewer) !== '' && writtenOn !== '')) &&
      exportedAs !== null &&
      exportedAs === meaningOf(v) &&
      str(v.normalised) === normaliseType(str(v.raw_type))
    )
      return;
    // What is left is an edit, a new type or an automatic type marked reviewed: each the importer's review.
    // One of a reviewed type in a sheet without `exported_as` cannot be told from a stale cell undoing a
    // later review of the same day (tester 220): said.
    if (old && old.provenance === 'reviewed' && !exported) unguarded.push(str(v.raw_type));
    v.provenance = 'reviewed';
    reviewedRows.add(r.row);
    // It is the reviewer column's when that names someone other than the mapping does (a sheet shared by
    // several reviewers) and is no earlier review's, else --reviewer's. A new type on a row copied from an
    // exported one (its exported_as) carries that row's reviewer: the maintainers were credited with it.
    // With the cell emptied too, which a copy cannot be told by: rev1's 0.6 and `normalised` went to a type
    // rev1 never saw (tester 349). A new type in a sheet of `classify export` is --reviewer's.
    const copied = !old && exported;
    // And that row's `normalised`, which is made from the type (tester 113: `Threats By Carrier Pigeon (P)`
    // was saved as `Threats`).
    if (copied) v.normalised = '';
    if (!str(v.reviewer) || reviewedBefore || copied || (old && same('reviewer', v.reviewer, old.reviewer))) {
      // Said, and the row checked on: a bad category beside it came only with the next import (tester 352).
      if (!reviewer) {
        noReviewer.add(r.row);
        problems.problems.push(
          new MappingFileError(
            file,
            r.row,
            'reviewer',
            copied
              ? `\`${str(v.raw_type)}\` is a new type, the importer's review, and --reviewer is not given: in a sheet of \`classify export\` a new type's reviewer column may be the row's it was copied from`
              : edited
                ? 'this row was edited, and its reviewer is not given'
                : 'a reviewed row has no reviewer',
            copied ? 'Pass --reviewer NAME.' : 'Fill the reviewer column or pass --reviewer NAME.',
          ),
        );
      } else v.reviewer = reviewer;
    }
    v.reviewed_on = date;
    // The classifier's confidence left in the row is not the reviewer's: a review is sure (1) unless the
    // reviewer wrote another figure (0.6 for unsure). An older export's figure differs from the mapping's
    // once the type was reviewed, and was kept as if written (0.955 beside a reverted category).
    if (
      !str(v.confidence) ||
      exportedBefore ||
      copied ||
      (old && same('confidence', v.confidence, old.confidence))
    )
      v.confidence = '1';
    // A new type with neither a category nor a tier was refused for its tier alone (tester 141), the
    // category being what a reviewer looks for first.
    if (!old && !str(v.category)) throw categoryRefusal(file, r.row, str(v.raw_type), '', tax);
    if (!str(v.tier)) {
      const tier = prior?.tier ?? tax.apcoByCode.get(str(v.apco_code))?.tier;
      // A new type whose tier cell is empty, with no APCO code to take one from, was made non_criminal in
      // silence: the lowest tier, for a `violent_crime` type (tester 99). A file without the column (a
      // sheet cut down to types and categories) still gets that default.
      if (!tier && present.has('tier'))
        throw new MappingFileError(
          file,
          r.row,
          'tier',
          'a new type needs a tier, and it has neither one nor an APCO code to take one from',
          `Write one of ${TIERS.join(', ')}.`,
        );
      v.tier = tier ?? 'non_criminal';
    }
  }
  for (const col of MAPPING_COLUMNS) if (!table.header.includes(col)) table.header.push(col);
  // The rows an edit could not be told in are not checked as entries: their review columns are as written.
  const left = new Set(unreadable.map((u) => u.row));
  let imported: MappingEntry[] = [];
  const entryProblems = new RowProblems();
  entryProblems.check(
    () =>
      (imported = parseMappingTable(
        { ...table, records: table.records.filter((r) => ok(r) && !left.has(r.row)) },
        file,
        tax,
      )),
  );
  // A row refused above for want of a reviewer was listed twice, as "a reviewed entry has no reviewer" too,
  // with a second fix: 12 problems for 6 rows (tester 372). It follows from the first, so it is not said.
  problems.problems.push(
    ...entryProblems.problems.filter((e) => !(e.field === 'reviewer' && noReviewer.has(e.row ?? 0))),
  );
  // Beside other problems, these are said row by row in the same message: said after them, they took an
  // import of their own each (tester 116).
  if (problems.problems.length) {
    for (const u of unreadable)
      problems.problems.push(
        new MappingFileError(
          file,
          u.row,
          'exported_as',
          `\`${u.type}\` is edited, and its \`exported_as\` (${u.cell ? `\`${u.cell}\`` : 'empty'}) is not one \`classify export\` writes: the edit cannot be told from a change the mapping has had since the export`,
          UNREADABLE_HINT,
        ),
      );
    // Without `exported_as` a conflict is a row that differs from a later review, an edit or an older
    // export's cell alike: said as that, not as an edit (tester 237: "15 rows were edited", none was).
    for (const c of conflicts)
      problems.problems.push(
        new MappingFileError(
          file,
          c.row,
          undefined,
          exported
            ? `\`${c.type}\` is edited in this sheet and was changed in the mapping since the export (${conflictSides(c)})`
            : `\`${c.type}\` differs from the mapping as it now is, and the row is from before ${c.by}'s review of it on ${c.on}: the sheet has no \`exported_as\` column to tell an edit from an older export's cell, which would undo that review`,
          exported ? CONFLICT_HINT : STALE_HINT,
        ),
      );
  }
  problems.throwIfAny();
  if (unreadable.length) {
    const numbers = unreadable.every((u) => SPREADSHEET_NUMBER.test(u.cell));
    const shown = unreadable
      .slice(0, 5)
      .map((u) => `\`${u.type}\` (row ${u.row}: ${u.cell ? `\`${u.cell}\`` : 'empty'})`);
    throw new MappingFileError(
      file,
      unreadable[0]!.row,
      'exported_as',
      `${unreadable.length === 1 ? 'a row' : `${unreadable.length} rows`} edited in this sheet ${unreadable.length === 1 ? 'has' : 'have'} an \`exported_as\` ${numbers ? 'a spreadsheet turned into a number' : 'that is not one `classify export` writes (an h and 12 characters of 0-9 and a-f; a spreadsheet may have turned it into a number)'}: ${shown.join(', ')}${unreadable.length > 5 ? ` and ${unreadable.length - 5} more` : ''}. Without it an edit cannot be told from a change the mapping has had since the export, so nothing was imported`,
      UNREADABLE_HINT,
    );
  }
  if (conflicts.length) {
    const n = conflicts.length;
    const more = n > 5 ? ` and ${n - 5} more` : '';
    if (!exported)
      throw new MappingFileError(
        file,
        conflicts[0]!.row,
        undefined,
        `${n === 1 ? 'a row of this sheet differs' : `${n} rows of this sheet differ`} from the mapping as it now is and ${n === 1 ? 'is' : 'are'} from before its review of ${n === 1 ? 'that type' : 'those types'} (a \`reviewed_on\` older than the mapping's, or \`automatic\` where it says \`reviewed\`): ${conflicts
          .slice(0, 5)
          .map((c) => `\`${c.type}\` (row ${c.row}, reviewed by ${c.by} on ${c.on})`)
          .join(
            ', ',
          )}${more}. The sheet has no \`exported_as\` column, so an edit cannot be told from a cell of the older export it was made from, and importing ${n === 1 ? 'it would undo that review' : 'them would undo those reviews'}; nothing was imported`,
        STALE_HINT,
      );
    const shown = conflicts.slice(0, 5).map((c) => `\`${c.type}\` (row ${c.row}: ${conflictSides(c)})`);
    throw new MappingFileError(
      file,
      conflicts[0]!.row,
      undefined,
      `${n === 1 ? 'a row was' : `${n} rows were`} edited in this sheet and changed in the mapping since it was exported: ${shown.join(', ')}${more}. Nothing was imported, so that neither edit is lost`,
      CONFLICT_HINT,
    );
  }
  const out = new Map(current.map((e) => [e.rawType, e]));
  let changed = 0;
  let added = 0;
  const touched: ImportNote[] = [];
  const meaningChanged: ImportNote[] = [];
  const notInCalls: ImportNote[] = [];
  const callTypes = options.callTypes && new Set([...options.callTypes].map((t) => t.trim()));
  // The columns read from one role of a call's type that each row sets anew (emptied: none is set).
  const roleEdits: { note: ImportNote; final: string[]; initial: string[] }[] = [];
  imported.forEach((e, i) => {
    const prior = out.get(e.rawType);
    const note = { row: table.records[i]!.row, entry: e };
    if (!prior) {
      added++;
      touched.push(note);
      meaningChanged.push(note);
      if (callTypes && !callTypes.has(e.rawType.trim())) notInCalls.push(note);
    } else if (mappingCsv([prior]) !== mappingCsv([{ ...e, volume: prior.volume }])) {
      changed++;
      touched.push(note);
      if (figureDifferences(prior, e).length) meaningChanged.push(note);
    }
    const [now, was] = [entryRow(e), prior ? entryRow(prior) : {}];
    const set = (cs: string[]) => cs.filter((c) => str(now[c]) !== '' && str(now[c]) !== str(was[c]));
    const edit = {
      note,
      final: set(['handled_by']),
      initial: set(['eligible_current', 'eligible_near_term', 'eligible_potential']),
    };
    if (edit.final.length || edit.initial.length) roleEdits.push(edit);
    out.set(e.rawType, { ...e, ...(prior?.volume !== undefined ? { volume: prior.volume } : {}) });
  });
  // `NOISE` beside `Noise` may be two spellings a CAD really has, or a typo: said for the types this file
  // adds or changes, once per pair.
  const byLower = new Map<string, MappingEntry[]>();
  for (const e of out.values()) {
    const k = e.rawType.trim().toLowerCase();
    byLower.set(k, [...(byLower.get(k) ?? []), e]);
  }
  const caseTwins: (ImportNote & { twin: MappingEntry })[] = [];
  const said = new Set<MappingEntry>();
  for (const n of touched) {
    const twin = byLower
      .get(n.entry.rawType.trim().toLowerCase())!
      .find((t) => t.rawType.trim() !== n.entry.rawType.trim() && !said.has(t));
    if (!twin) continue;
    caseTwins.push({ ...n, twin });
    said.add(out.get(n.entry.rawType)!);
  }
  const byKey = new Map<string, MappingEntry[]>();
  for (const e of out.values()) byKey.set(typeKey(e.rawType), [...(byKey.get(typeKey(e.rawType)) ?? []), e]);
  const inFile = new Set(touched.map((n) => n.entry.rawType));
  const spellingTwins: ImportResult['spellingTwins'] = [];
  // Each twin left alone is compared with every spelling the file edited: compared with the first alone,
  // `Shooting~EMS` was said to differ from `Shooting (PFE)` in tier, and not from `Shooting (PFE)~PD`, whose
  // category the same file changed (tester 116).
  for (const n of meaningChanged) {
    const lower = n.entry.rawType.trim().toLowerCase();
    for (const twin of byKey.get(typeKey(n.entry.rawType)) ?? []) {
      // Case twins are said above; a twin the file changed too is the analyst's choice.
      if (inFile.has(twin.rawType) || twin.rawType.trim().toLowerCase() === lower) continue;
      const differ = figureDifferences(out.get(n.entry.rawType)!, twin);
      if (differ.length) spellingTwins.push({ ...n, twin, differ });
    }
  }
  const known = new Set<string>([...MAPPING_COLUMNS, ...EXPORT_EXTRA]);
  // A column with no name (a header's trailing comma) is said as such, not as ``.
  const ignoredColumns = [...present]
    .filter((c) => !known.has(c))
    .map((c) => (c.trim() ? c : '(a column with no name)'));
  const reviewed = touched.filter((n) => reviewedRows.has(n.row)).length;
  const keptAutomatic = touched.filter(
    (n) => !reviewedRows.has(n.row) && n.entry.provenance === 'automatic',
  ).length;
  const inSheet = new Set(imported.map((e) => e.rawType));
  const leftOutTypes = current.filter((e) => !inSheet.has(e.rawType)).map((e) => e.rawType);
  const noEffect: NoEffect[] = [];
  if (options.callRoles) {
    const entries = [...out.values()];
    const { lookup, roles, other } = rolesOf(entries, options.callRoles);
    const rowOf = new Map(imported.map((e, i) => [e.rawType, table.records[i]!.row]));
    for (const { note, final, initial } of roleEdits) {
      const entry = out.get(note.entry.rawType)!;
      const r = roles.get(entry);
      // A type no call has is another period's, or misspelt (notInCalls): nothing to say of its roles.
      if (!r || (r.initial === 0 && r.final === 0)) continue;
      const role =
        final.length && r.asFinal === 0 ? 'final' : initial.length && r.initial === 0 ? 'initial' : null;
      if (!role) continue;
      const top = other(entry, role);
      const row = top && rowOf.get(lookup(top[0])?.rawType ?? '');
      noEffect.push({
        ...note,
        columns: role === 'final' ? final : initial,
        role,
        initial: r.initial,
        final: r.final,
        ...(top ? { instead: { type: top[0], calls: top[1], ...(row ? { row } : {}) } } : {}),
      });
    }
  }
  return {
    entries: [...out.values()],
    changed,
    added,
    reviewed,
    keptAutomatic,
    keptReview: touched.length - reviewed - keptAutomatic,
    leftOut: leftOutTypes.length,
    leftOutTypes,
    noEffect,
    unguarded,
    overwrittenReviews,
    notInCalls,
    caseTwins,
    spellingTwins,
    ignoredColumns,
    blankRows,
    reviewNotTaken,
  };
}
