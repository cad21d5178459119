/**
 * What the analysis of a store needs besides its calls: which city mapping classifies them, and each
 * source's `max_interval_hours`. One function each, so `safegap analyze` and the report make the same
 * choices and their figures cannot disagree.
 *
 * The mapping is the one named, else `mappings/<city>.csv` in the working directory, else the built-in
 * taxonomy/mappings/<city>.csv, the city being named or guessed from the store's source names
 * (`minneapolis_cad` -> minneapolis). Types the mapping lacks are classified automatically, so a city
 * nobody has reviewed still gets an analysis, with the number of automatic types stated.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { classifyByCombination, type KeyedClasses } from './classes.js';
import { AREA_FIELDS, prepareAnalysis, type AnalysisContext } from './context.js';
import {
  areaKey,
  boundaryNotes,
  joinAreas,
  loadBoundaries,
  parseBoundarySpec,
  type Area,
  type AreaJoin,
  type BoundaryLayer,
} from './spatial-join.js';
import { ambiguousMatches, meaning, resolveEntry } from '../classify/apply.js';
import { classifierFor } from '../classify/learn.js';
import {
  mappingCities,
  readMapping,
  readSettings,
  type CitySettings,
  type MappingEntry,
  type ResponderRule,
} from '../classify/mapping-file.js';
import { builtinTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import { parseProfile } from '../sources/load-profile.js';
import type { Profile } from '../sources/profile-schema.js';
import type { ReceivedIs } from '../time/intervals.js';
import { queryRows, relationColumns } from '../store/duckdb.js';
import { CALL_COLUMN_NAMES } from '../store/calls-schema.js';
import { attachCalls, type StoreState } from '../store/store.js';
import { absentFile, fileDigest, type FileDigest } from '../util/file-digest.js';
import { ident, literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { listInWords, meant, visibleText } from '../util/words.js';

export interface StoreClassesOptions {
  /** City id (names taxonomy/mappings/<city>.csv and .yaml). */
  city?: string;
  /** A mapping CSV of the city's own (see `safegap classify export`). */
  mapping?: string;
  /** Relation of the calls; `calls` by default. */
  calls?: string;
}

export interface StoreClasses {
  city: string | null;
  /** Display name (mapping settings `name`), else the city id capitalised, else null. */
  cityName: string | null;
  /** The mapping used: --mapping's path, `mappings/CITY.csv` (the working folder's) or `CITY.csv (built in)`. */
  mappingFile: string | null;
  /**
   * The city settings read (emergency priorities, responder rules), as mappingFile names its file:
   * `mappings/CITY.yaml`, a path beside --mapping's, or `CITY.yaml (built in)`; null when none was.
   */
  settingsFile: string | null;
  types: number;
  /** Types the mapping did not have, classified automatically. */
  automaticTypes: number;
  /** Types the mapping lists as classified automatically, never reviewed. */
  unreviewedTypes: number;
  /**
   * The files the classification read (the mapping and the city's settings), by absolute path with their
   * SHA-256, and those it would have read first, had they been there (SHA-256 null): the saved analysis
   * keeps them so that `store info` can say when one changed, went or came since.
   */
  files: FileDigest[];
  taxonomy: Taxonomy;
  /** The relation and key columns prepareAnalysis joins calls to. */
  keyed: Pick<KeyedClasses, 'relation' | 'keys'>;
  /**
   * What the classification lacks that changes figures, for the run's notes (analysisWarnings); the run's
   * inputs add what their boundary layers lack (prepareStoreAnalysis).
   */
  warnings: string[];
  /**
   * Of `warnings`, those on which mapping and settings files were read or passed over: no counts of calls,
   * so a public build prints them on the terminal too, where they reach the analyst (tester 326: the note
   * on an unread ./mappings file was left out with the notes that hold counts), not on its page.
   */
  setupNotes: string[];
  /**
   * Store responder values the classification can give a call as the one that handled it: the mapping's
   * `handled_by` of a final type, and the city's `actual_responder_rules` (apply.ts), as the store names
   * them (`fire_ems` is `ems`).
   */
  actualResponders: string[];
}

/**
 * The city `typed` most likely meant, also by the first word of an id (`burlngton` for `burlington_vt`,
 * three edits from the whole id; tester 324 got no suggestion).
 */
function meantCity(typed: string, cities: readonly string[]): string | undefined {
  const firstWord = (c: string) => c.split(/[_\s-]/)[0]!;
  const byWord = meant(typed, [...new Set(cities.map(firstWord))]);
  return meant(typed, cities) ?? (byWord ? cities.find((c) => firstWord(c) === byWord) : undefined);
}

/**
 * The cities --city can name: those with a mapping or settings, built in or in ./mappings (tester 293:
 * `burlington_vt`, of settings alone, was not listed).
 */
export function availableCities(tax: Taxonomy): string[] {
  return [
    ...new Set(
      [join(tax.dir, 'mappings'), 'mappings'].flatMap((d) => [
        ...mappingCities(d),
        ...mappingCities(d, '.yaml'),
      ]),
    ),
  ].sort();
}

/**
 * The city of a mapping or settings whose id is `city` written in another case (`minneapolis` for
 * `Minneapolis`), if any: ids are read as written, so such a `--city` is refused by classify, analyze and
 * report alike (testers 307, 314).
 */
export function cityInOtherCase(tax: Taxonomy, city: string): string | undefined {
  return availableCities(tax).find((c) => c !== city && c.toLowerCase() === city.toLowerCase());
}

/**
 * The cities a source name may be named after, the whole name first: `mpls_incidents`, then `mpls`. Only
 * the first word was tried, so a mapping reviewed as `--city mpls_incidents` for that source was not found
 * and every call type was classified automatically, in silence but for a note (a tester's find).
 */
export function cityCandidates(source: string): string[] {
  const words = source.split('_');
  return words.map((_, i) => words.slice(0, words.length - i).join('_'));
}

/**
 * The store's sources, the one of most records first (then by name): the order their names are tried for a
 * mapping and settings. In the order of ingest, a CAD export and a crisis team's log named after two
 * mappings were classified by one or the other as the store was built (tester 310: 21.0% or 18.7%).
 */
function sourcesByRecords(state: StoreState): string[] {
  return Object.entries(state.manifest.sources)
    .sort(([a, x], [b, y]) => y.calls - x.calls || (a < b ? -1 : a > b ? 1 : 0))
    .map(([source]) => source);
}

/** The city mapping each source is named after, if any (the source of most records first). */
function citiesBySource(state: StoreState, tax: Taxonomy): { source: string; city: string | null }[] {
  const has = (city: string) =>
    existsSync(join(tax.dir, 'mappings', `${city}.csv`)) || existsSync(join('mappings', `${city}.csv`));
  return sourcesByRecords(state).map((source) => ({
    source,
    city: cityCandidates(source).find(has) ?? null,
  }));
}

/**
 * What analyze and report say when no reviewed mapping was found: where they looked, the mappings there that
 * could be the store's, and how to name one. With no mapping taken, every type is classified automatically,
 * so a mapping could be the store's when it lists at least half of the store's call types (`values`), as
 * one not read beside a mapping taken must list half as many as that mapping does. The built-in mappings
 * are held to it as the working folder's are: a Seattle store was told of the built-in Minneapolis
 * mapping, which lists none of its types (tester 380).
 */
function noMappingNote(sources: string[], values: readonly string[], tax: Taxonomy): string {
  const tried = [...new Set(sources.flatMap(cityCandidates))].map((c) => `${c}.csv`);
  const could = (file: string) => listsHalfOf(file, values, tax);
  const seen = [
    ...mappingCities('mappings')
      .filter((c) => could(join('mappings', `${c}.csv`)))
      .map((c) => `${c} (./mappings/${c}.csv)`),
    ...mappingCities(join(tax.dir, 'mappings'))
      .filter((c) => could(join(tax.dir, 'mappings', `${c}.csv`)))
      .map((c) => `${c} (built in)`),
  ];
  return `Every call type was classified automatically: no reviewed city mapping is named after the store's source${sources.length === 1 ? '' : 's'} (looked for ${tried.join(', ')} in ./mappings and among the built-in ones). ${
    seen.length
      ? `The mappings there are: ${seen.join(', ')}; if one is this city's, pass --city with its name. `
      : ''
  }To review the automatic choices, run \`safegap classify auto --city NAME --calls STORE\` and \`classify review\`, then pass the same --city to analyze and report.`;
}

/**
 * The mapping `file`'s entry for each of the call types `values` it lists, or null when it cannot be read
 * (which city's it is cannot then be told, and the callers count it as one that could be the store's).
 */
function listedBy(file: string, values: readonly string[], tax: Taxonomy): Map<string, MappingEntry> | null {
  let entries: MappingEntry[];
  try {
    entries = readMapping(file, tax).entries;
  } catch {
    return null;
  }
  const lookup = resolveEntry(entries);
  return new Map(values.flatMap((v) => (lookup(v) ? [[v, lookup(v)!] as const] : [])));
}

/** Whether the mapping `file` lists at least half of the call types `values`, and at least one. */
function listsHalfOf(file: string, values: readonly string[], tax: Taxonomy): boolean {
  const listed = listedBy(file, values, tax);
  return listed === null || (listed.size > 0 && 2 * listed.size >= values.length);
}

/**
 * Whether the mapping `file`, not read, could be the store's: it lists at least half as many of the store's
 * call types (`values`) as the mapping taken (`taken`), and at least one, and classifies one of them
 * otherwise than the mapping taken does, so that reading it would change the analysis. A file that cannot
 * be read is counted as one: which city's it is cannot be told, and --city reads it.
 */
function couldBeThisStores(
  file: string,
  values: readonly string[],
  taken: (value: string) => MappingEntry | undefined,
  tax: Taxonomy,
): boolean {
  const listed = listedBy(file, values, tax);
  if (listed === null) return true;
  const takenListed = values.filter((v) => taken(v)).length;
  return (
    listed.size > 0 &&
    2 * listed.size >= takenListed &&
    [...listed].some(([v, entry]) => {
      const t = taken(v);
      return !t || meaning(t) !== meaning(entry);
    })
  );
}

/**
 * Files in `dirs` named like the settings of one of `names` but not read, since only `<name>.yaml` is: a
 * `.yml`, or the name in other case (tester 289: `mappings/burlington_vt.yml` and `Minneapolis.yaml` were
 * passed over for the built-in settings, in silence but for the classification line).
 */
function passedOverSettings(
  places: { dir: string; names: string[] }[],
  read: string | undefined,
): { file: string; meant: string }[] {
  return places.flatMap(({ dir, names }) => {
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      return [];
    }
    return files.flatMap((f) => {
      const m = /^(.*)\.(ya?ml)$/i.exec(f);
      if (!m) return [];
      const name = names.find((n) => n.toLowerCase() === m[1]!.toLowerCase());
      const file = join(dir, f);
      if (name === undefined || file === read || (m[1] === name && m[2] === 'yaml')) return [];
      return [{ file, meant: join(dir, `${name}.yaml`) }];
    });
  });
}

export async function classifyStore(
  conn: DuckDBConnection,
  state: StoreState,
  options: StoreClassesOptions = {},
): Promise<StoreClasses> {
  const tax = builtinTaxonomy();
  const calls = options.calls ?? 'calls';
  // One mapping classifies every source's calls: the one of the source of most records named after one.
  const named = citiesBySource(state, tax).filter((x) => x.city);
  const city = options.city ?? named[0]?.city ?? null;
  let mappingFile: string | null = null;
  const local = join('mappings', `${city}.csv`);
  const builtinMapping = join(tax.dir, 'mappings', `${city}.csv`);
  // With --mapping, --city names the settings only, and `Minneapolis` read none in silence: 1,398 emergency
  // calls eligible for community responders (tester 314).
  const sameButCase =
    options.city !== undefined &&
    ![
      local,
      builtinMapping,
      join('mappings', `${city}.yaml`),
      join(tax.dir, 'mappings', `${city}.yaml`),
    ].some((f) => existsSync(f))
      ? cityInOtherCase(tax, city!)
      : undefined;
  if (sameButCase !== undefined)
    throw new UserError(
      `There is no mapping or settings for --city ${city}, but there are for \`${sameButCase}\`: city ids are read as written, case too.`,
      `write --city ${sameButCase}.`,
    );
  if (options.mapping) {
    if (!existsSync(options.mapping))
      throw new UserError(
        `The mapping file ${options.mapping} does not exist.`,
        'give the CSV written by `safegap classify auto --city X`, or leave --mapping out.',
      );
    mappingFile = options.mapping;
  } else if (city) {
    mappingFile = existsSync(local) ? local : existsSync(builtinMapping) ? builtinMapping : null;
    // A city with settings and no mapping (Burlington) is one --city can name: its settings are read and
    // its types classified automatically (tester 289: `--city burlington_vt` was refused).
    const settingsAlone = [join('mappings', `${city}.yaml`), join(tax.dir, 'mappings', `${city}.yaml`)].some(
      (f) => existsSync(f),
    );
    if (!mappingFile && options.city && !settingsAlone)
      throw new UserError(
        `There is no mapping or settings for --city ${city} (neither ${local} nor the built-in one, nor ${city}.yaml there)${((m) => (m ? ` (did you mean \`${m}\`?)` : ''))(meantCity(city, availableCities(tax)))}.`,
        `name one of ${availableCities(tax).join(', ') || 'none yet'}; or run \`safegap classify auto --city ${city} --calls STORE\` first, or leave --city out to classify automatically.`,
      );
  }
  const entries = mappingFile ? readMapping(mappingFile, tax, city ?? undefined).entries : [];
  let settings: CitySettings = { emergencyPriorities: [], actualResponderRules: [] };
  // The city's settings (emergency priorities, who actually responded) sit beside its mapping; a mapping of
  // the city's own (--mapping, or mappings/<city>.csv from `classify auto`) without them takes the built-in
  // ones, which were silently dropped before and changed eligibility (potential any alternative 28,472 ->
  // 29,001 calls on the Minneapolis file).
  // A city with settings and no reviewed mapping yet (Burlington) has its own emergency priorities all the
  // same: without them, 360 priority-1 calls were eligible for community and crisis responders (tester 106),
  // with a mapping of one's own given by --mapping too (tester 108).
  // The working folder's settings under any name the city or the sources may be named after come before
  // the built-in ones: `mappings/burlington.yaml` and `mappings/minneapolis_cad.yaml` were passed over for
  // the built-in settings (tester 289).
  const sourceCities = [...new Set(sourcesByRecords(state).flatMap(cityCandidates))];
  // The working folder's `mappings/<city>.yaml` comes before the built-in settings, as its mapping does
  // before the built-in mapping: a mapping given by --mapping without settings beside it, and settings
  // written alone beside no mapping, took the built-in ones in silence (tester 274).
  const beside =
    mappingFile && /\.csv$/i.test(mappingFile) && (options.mapping || mappingFile !== builtinMapping)
      ? mappingFile.replace(/\.csv$/i, '.yaml')
      : undefined;
  const localSettings = city ? join('mappings', `${city}.yaml`) : undefined;
  const builtin = city ? join(tax.dir, 'mappings', `${city}.yaml`) : undefined;
  // A --city with no settings of its own takes those of the store's source after its own: emergency
  // priorities are the export's scale, not the mapping's, and `--city Minneapolis` (a mapping reviewed as
  // ./mappings/Minneapolis.csv) read none, beside the built-in minneapolis.yaml (tester 326).
  const sourceLocal = sourceCities.map((c) => join('mappings', `${c}.yaml`));
  const sourceBuiltin = sourceCities.map((c) => join(tax.dir, 'mappings', `${c}.yaml`));
  const settingsSearch = [
    ...new Set(
      (options.city
        ? [beside, localSettings, builtin, ...sourceLocal, ...sourceBuiltin]
        : [beside, localSettings, ...sourceLocal, builtin, ...sourceBuiltin]
      ).filter((f): f is string => f !== undefined),
    ),
  ];
  const settingsFile = settingsSearch.find((f) => existsSync(f));
  const ownSettings = [beside, localSettings, builtin].filter((f): f is string => f !== undefined);
  if (settingsFile) settings = readSettings(settingsFile, tax);
  // Beside --mapping, named like the mapping too (tester 293: `mine.yml` beside `mine.csv` was passed over).
  const cityNames = [...(city ? [city] : []), ...sourceCities];
  const passedOver = passedOverSettings(
    [
      ...(beside && dirname(beside) !== 'mappings'
        ? [{ dir: dirname(beside), names: [basename(beside, '.yaml')] }]
        : []),
      {
        dir: 'mappings',
        names: [
          ...(beside && dirname(beside) === 'mappings' ? [basename(beside, '.yaml')] : []),
          ...cityNames,
        ],
      },
    ],
    settingsFile,
  );
  const settingsBefore = settingsSearch.slice(
    0,
    settingsFile === undefined ? undefined : settingsSearch.indexOf(settingsFile),
  );
  // The automatic classifier takes seconds to build; a reviewed city's store never needs it.
  const lookup = resolveEntry(entries);
  // Each type, and whether a call has it as its final type (the initial where none is given, as apply.ts
  // reads it): only those can say who handled a call.
  const values = await queryRows<{ v: string; final: boolean }>(
    conn,
    `SELECT v, bool_or(f) AS final FROM (
       SELECT coalesce(call_type_initial_raw, call_type_initial) AS v, false AS f FROM ${calls}
       UNION ALL SELECT coalesce(call_type_final_raw, call_type_final, call_type_initial_raw, call_type_initial), true FROM ${calls})
     WHERE v IS NOT NULL GROUP BY v`,
  );
  const needsIndex = values.some((r) => !lookup(r.v));
  const ambiguous = ambiguousMatches(
    entries,
    values.map((r) => r.v),
  );
  const setupNotes: string[] = [];
  if (options.city && settingsFile && !ownSettings.includes(settingsFile))
    setupNotes.push(
      `No settings are named after --city ${city} (${listInWords([...new Set([localSettings!, ...(beside ? [beside] : [])])])} or a built-in ${city}.yaml), so those named after the store's source were read: ${settingsFile.startsWith(tax.dir) ? `the built-in \`${basename(settingsFile)}\`` : `\`${settingsFile}\``}. To set the city's own, write ${localSettings} (docs/classification.md, "City settings").`,
    );
  setupNotes.push(
    ...passedOver.map(
      ({ file, meant }) =>
        `${file} was not read, though it is named like this store's city settings: they are read from a file named exactly \`${basename(meant)}\`, and ${settingsFile ? `the settings read are ${settingsFile.startsWith(tax.dir) ? `the built-in \`${basename(settingsFile)}\`` : `\`${settingsFile}\``}` : 'no settings were read'}. If it holds this city's settings, rename it to ${meant} (docs/classification.md, "City settings").`,
    ),
  );
  const warnings: string[] = [];
  if (ambiguous.length) {
    // All the row says, so that rows differing in tier, flags or eligibility alone read apart (tester 314).
    const what = (e: MappingEntry) =>
      `\`${e.rawType}\` (${[
        e.category,
        e.tier,
        e.flags.length ? `flags ${e.flags.join('|')}` : '',
        e.handledBy ? `handled by ${e.handledBy}` : '',
        ...Object.entries(e.eligibleOverride).map(
          ([phase, rs]) =>
            `eligible_${phase} ${rs!.length ? rs!.map((r) => `${r.responder}${r.nonEmergencyOnly ? '*' : ''}`).join('|') : '-'}`,
        ),
      ]
        .filter((x) => x !== '')
        .join(', ')})`;
    warnings.push(
      `${ambiguous.length === 1 ? 'A call type of the store matches' : `${ambiguous.length} call types of the store match`} no row of the mapping as written, and the rows that match ${ambiguous.length === 1 ? 'it' : 'them'} but for case or suffix classify ${ambiguous.length === 1 ? 'it' : 'them'} differently: ${ambiguous
        .slice(0, 5)
        .map((a) => `\`${a.value}\` took ${what(a.used)} over ${listInWords(a.others.map(what))}`)
        .join(
          '; ',
        )}${ambiguous.length > 5 ? `; and ${ambiguous.length - 5} more` : ''}. A reviewed row is taken before an automatic one, then the first in the file; to choose, add a row for the type as the store writes it (\`classify export\` and \`import\`).`,
    );
  }
  const ruleUse = await responderRuleUse(
    conn,
    calls,
    settings.actualResponderRules,
    handledTypes(values, lookup),
  );
  for (const [i, use] of ruleUse.entries())
    if (use.given === 0)
      warnings.push(
        await unusedRuleNote(
          conn,
          calls,
          settingsFile ?? 'the city settings',
          i,
          settings.actualResponderRules[i]!,
          use,
        ),
      );
  // Among the notes, so that `--json` carries it too (tester 121: only the terminal said it).
  // A store whose calls have no call type at all has nothing classified, automatically or not, and no
  // priority can change an eligibility it cannot judge: neither note is made (tester 243, Seattle's
  // dispatch file: "Every call type was classified automatically" of none).
  const typed = values.length > 0;
  if (!mappingFile && typed)
    warnings.push(
      noMappingNote(
        sourcesByRecords(state),
        values.map((r) => r.v),
        tax,
      ),
    );
  // With sources named after different cities, the one ingested first chose, in silence (a tester's find).
  if (!options.city && !options.mapping && new Set(named.map((x) => x.city)).size > 1)
    warnings.push(
      `The store's sources are named after different city mappings (${named.map((x) => `${x.source}: ${x.city}`).join(', ')}); one mapping classifies every call, and ${city} was taken, as the source of most records (then the first by name) names it. Pass --city to choose another.`,
    );
  // A mapping reviewed in ./mappings under a name of its own is read only with --city: analyze without it
  // took the built-in mapping its source names and left every edit out, with no word of the file (tester
  // 321: ./mappings/mpls.csv beside a Minneapolis store, 3.7% diverted against 5.2%).
  // Where no mapping was found, the note above names the ones there are.
  // Only a mapping that could be this store's is named: one listing at least half as many of its call types
  // as the mapping taken, and classifying one of them otherwise. Other cities' mappings kept there, and a
  // copy of the one taken, were named on every run of a city whose own mapping was read (tester 371:
  // ./mappings/burlington_vt.csv, which lists 6 of a Minneapolis store's 194 types).
  const unused =
    options.city || options.mapping || !mappingFile
      ? []
      : mappingCities('mappings').filter(
          (c) =>
            c !== city &&
            !named.some((x) => x.city === c) &&
            couldBeThisStores(
              join('mappings', `${c}.csv`),
              values.map((r) => r.v),
              lookup,
              tax,
            ),
        );
  // Each with its own --city: "If one of them is this city's, pass --city burlington_vt" named the first
  // alone (tester 371).
  if (unused.length)
    setupNotes.push(
      `${listInWords(unused.map((c) => `./mappings/${c}.csv`))} ${unused.length === 1 ? 'is' : 'are'} not read: without --city, the mapping named after the store's source was taken (${mappingFile}). ${
        unused.length === 1
          ? `If it is this city's, pass --city ${unused[0]}`
          : `If one of them is this city's, pass --city with its name (${unused
              .slice(0, -1)
              .map((c) => `--city ${c}`)
              .join(', ')} or --city ${unused.at(-1)!})`
      } to analyze and report.`,
    );
  // Rules for non-emergency calls only take calls of every priority when the city names no emergency
  // priority: a new city's store got 1,899 potential community calls instead of 1,598, in silence. Settings
  // that list none on purpose (`emergency_priorities: []`) are not noted.
  if (
    typed &&
    settings.emergencyPriorities.length === 0 &&
    !settings.emergencyPrioritiesGiven &&
    tax.rules.some((r) => r.nonEmergencyOnly)
  ) {
    const priorities = await storedPriorities(conn, calls, 6);
    // The file read, or the first the search would read before the built-in one, which is not the user's to
    // edit: the note named the built-in file while the working folder's was read (tester 279).
    const settingsTarget =
      settingsFile && !settingsFile.startsWith(tax.dir) ? settingsFile : (beside ?? localSettings);
    if (priorities.length)
      warnings.push(
        `No emergency priorities are set for ${city ? `the city \`${city}\`` : 'this store'}: eligibility rules for non-emergency calls only (community responders, for one) take calls of every priority (this store's priorities include ${priorities.map((p) => `\`${p}\``).join(', ')}). ${settingsTarget ? `Name the emergency ones in \`${settingsTarget}\`` : `Name the emergency ones in \`mappings/${sourcesByRecords(state)[0]}.yaml\` (the city's settings, read for a store whose source is named after them, with or without a mapping)`}, as the store writes them: for example \`emergency_priorities: [${literal([...priorities].sort(naturalOrder)[0]!)}]\` (docs/classification.md, "City settings").`,
      );
  }
  // Compared as the store writes them: `['1']` beside stored `Priority 1` matched no call, and the 301
  // priority-1 calls were eligible for a community responder without a word (tester 151).
  if (settings.emergencyPriorities.length && tax.rules.some((r) => r.nonEmergencyOnly)) {
    const stored = await storedPriorities(conn, calls);
    // A priority written as the store writes its priorities, which the export simply does not hold (a day's
    // calls with no priority 0), is no mistake to fix (tester 288): only one spelt like none of the store's
    // priorities is said. Judged against every priority the store has, not only the listed ones it has: a
    // store of priority-4 calls alone was told to normalise `0` and `1` (tester 357). Digits stand for any
    // digits, and letters for any of the same case: a listed `1` beside a stored `P1`, and a listed `1.0`,
    // ` 1` or `High` beside a stored `1` or `HIGH`, are still said.
    const shape = (p: string) =>
      p
        .replace(/\d+/g, '9')
        .replace(/\p{Lu}+/gu, 'A')
        .replace(/\p{Ll}+/gu, 'a');
    const spelt = new Set(stored.map(shape));
    const none = settings.emergencyPriorities.filter((p) => !stored.includes(p) && !spelt.has(shape(p)));
    if (stored.length && none.length)
      warnings.push(
        `${none.length === 1 ? 'The emergency priority' : 'The emergency priorities'} ${none.map((p) => `\`${p}\``).join(', ')} of \`${settingsFile ?? 'the city settings'}\` ${none.length === 1 ? 'is' : 'are'} no priority of any call in the store, which writes its priorities ${stored
          .slice(0, 6)
          .map((p) => `\`${p}\``)
          .join(
            ', ',
          )}${stored.length > 6 ? ', ...' : ''}: priorities are compared as the store writes them, so ${none.length === 1 ? 'it marks' : 'they mark'} no call as an emergency, and rules for non-emergency calls only take ${none.length === 1 ? 'the calls it means' : 'the calls they mean'}. Write them as the store does, or give the profile's \`priority\` a normaliser (\`digits_only\` writes \`Priority 1\` as \`1\`; docs/profiles.md) and ingest again.`,
      );
  }
  const keyed = await classifyByCombination(conn, {
    tax,
    entries,
    settings,
    calls,
    ...(needsIndex ? { index: classifierFor(tax) } : {}),
  });
  // A mapping `classify auto` wrote lists every type as the classifier guessed it: "0 classified
  // automatically" read as a reviewed mapping, and the eligibility figures rested on guesses (tester 120).
  const { types, unmappedTypes, unreviewedTypes } = keyed.summary;
  if (mappingFile && types > 0 && unmappedTypes.length + unreviewedTypes === types)
    warnings.push(
      `No call type of the store has been reviewed: the mapping ${mappingFile} ${
        unreviewedTypes === 0
          ? `lists none of its ${types} types: each was classified automatically`
          : `lists ${unreviewedTypes === types ? 'every one' : `${unreviewedTypes} of the ${types}`} as classified automatically (provenance automatic)${unmappedTypes.length ? ` and lacks the other ${unmappedTypes.length}` : ''}`
      }, so categories and eligibility are the classifier's guesses. Review them (\`safegap classify review\`, docs/classification.md).`,
    );
  // Another city's mapping and settings, by a --city mistyped or copied from another run: said, with how
  // little of the store it reviews (tester 291: `--city seattle` on Burlington's store applied Seattle's
  // emergency priorities and reviews, said only by "96 classified automatically").
  const sources = Object.keys(state.manifest.sources);
  // A mapping that lists nine in ten of the store's types or more was made for it, whatever its name: the
  // README's `classify ... --city my-city` then `analyze --city my-city` was told it was another city's,
  // and to leave --city out, which the no-mapping note answered with "pass --city" (tester 316).
  const madeForIt = types > 0 && unmappedTypes.length <= 0.1 * types;
  if (options.city && !madeForIt && !sources.flatMap(cityCandidates).includes(options.city)) {
    const shown = (f: string) => `\`${f.startsWith(tax.dir) ? `${basename(f)} (built in)` : f}\``;
    const files = [mappingFile, settingsFile].filter((f): f is string => !!f).map(shown);
    const reviewed = types - unmappedTypes.length - unreviewedTypes;
    warnings.push(
      `--city ${options.city} is not the city the store's source${sources.length === 1 ? '' : 's'} (${listInWords(sources.map((x) => `\`${x}\``))}) ${sources.length === 1 ? 'is' : 'are'} named after: its ${files.length ? listInWords(files) : 'mapping and settings'} ${files.length === 1 ? 'is' : 'are'} another city's, unless the store is that city's under another name${mappingFile && types > 0 ? ` (the mapping reviews ${reviewed.toLocaleString('en-US')} of the store's ${types.toLocaleString('en-US')} call types)` : ''}. If not, leave --city out or name the store's own city.`,
    );
  }
  warnings.unshift(...setupNotes);
  return {
    city,
    cityName: settings.name ?? (city ? city.charAt(0).toUpperCase() + city.slice(1) : null),
    // Where it came from, not its name alone: a folder's own copy and the built-in mapping both read
    // `minneapolis.csv`, with diverted shares of 4.6% and 3.7% (tester 99).
    mappingFile: !mappingFile
      ? null
      : options.mapping
        ? mappingFile
        : mappingFile.startsWith(tax.dir)
          ? `${basename(mappingFile)} (built in)`
          : mappingFile,
    settingsFile: !settingsFile
      ? null
      : settingsFile.startsWith(tax.dir)
        ? `${basename(settingsFile)} (built in)`
        : settingsFile,
    types: keyed.summary.types,
    automaticTypes: keyed.summary.unmappedTypes.length,
    unreviewedTypes: keyed.summary.unreviewedTypes,
    files: [
      ...[mappingFile, settingsFile].flatMap((f) => (f ? [fileDigest(f)] : [])),
      // Files that would have been read first had they been there: the working folder's mapping that the
      // first `classify import` writes over the built-in one, settings beside it (tester 116).
      ...(options.mapping || !city || mappingFile === local
        ? []
        : [local, ...(mappingFile ? [] : [builtinMapping])].map(absentFile)),
      ...settingsBefore.map(absentFile),
    ],
    taxonomy: tax,
    keyed: { relation: keyed.relation, keys: keyed.keys },
    warnings,
    setupNotes,
    // A `handled_by` of a type no call ends as records nothing: Seattle's final types all begin `--`, and
    // one on an initial type turned the crisis team's "not recorded" into "handled 0.0%" (tester 265).
    actualResponders: [
      ...new Set(
        [
          ...values.filter((r) => r.final).map((r) => lookup(r.v)?.handledBy),
          // Likewise a rule that gives no call its responder (tester 274).
          ...settings.actualResponderRules.filter((_, i) => ruleUse[i]!.given > 0).map((r) => r.responder),
        ]
          .filter((id): id is string => !!id)
          .map((id) => tax.responders.find((r) => r.id === id)?.storeResponder ?? id),
      ),
    ],
  };
}

/** Each source's profile: that of its latest run whose profile still parses (the manifest keeps every run's). */
function sourceProfiles(state: StoreState): Record<string, Profile> {
  const out: Record<string, Profile> = {};
  for (const run of state.manifest.runs) {
    const p = state.manifest.profiles[run.profile_sha256];
    if (!p) continue;
    try {
      out[run.source] = parseProfile(p.text, p.name);
    } catch {
      // A profile that no longer parses (an older schema) keeps the defaults.
    }
  }
  return out;
}

/** Each source's `timestamps` settings (sourceProfiles). */
function sourceTimestamps(state: StoreState): Record<string, Profile['timestamps']> {
  return Object.fromEntries(Object.entries(sourceProfiles(state)).map(([s, p]) => [s, p.timestamps]));
}

/**
 * The store responder values some source can show as handling a call (AnalysisContext.recordedResponders):
 * those a source's profile gives by default or by a rule, and those the classification gives (`classified`:
 * StoreClasses.actualResponders). Undefined, so that every responder counts as recorded, when a source's
 * profile cannot be read.
 */
export function recordedResponders(state: StoreState, classified: readonly string[]): string[] | undefined {
  const profiles = sourceProfiles(state);
  const out = new Set(classified);
  for (const source of Object.keys(state.manifest.sources)) {
    const p = profiles[source];
    if (!p) return undefined;
    out.add(p.responder.default);
    for (const r of p.responder.rules) out.add(r.then);
  }
  return [...out].sort();
}

/** Each source's `max_interval_hours`. */
export function maxIntervalHours(state: StoreState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [source, t] of Object.entries(sourceTimestamps(state)))
    if (typeof t.max_interval_hours === 'number') out[source] = t.max_interval_hours;
  return out;
}

/**
 * What the received times of the store's calls record (profiles' `timestamps.received_is`): the pickup,
 * the call entering the queue (Seattle's exports have no pickup), or both, by source. Response times
 * were said to run "from pickup" for Seattle, whose times run from the queue.
 */
export function receivedIs(state: StoreState): ReceivedIs {
  const settings = sourceTimestamps(state);
  const kinds = new Set(
    Object.entries(state.manifest.sources)
      .filter(([, s]) => s.calls > 0)
      .map(([source]) => settings[source]?.received_is ?? 'pickup'),
  );
  return kinds.size > 1 ? 'mixed' : kinds.has('queue') ? 'queue' : 'pickup';
}

export interface StoreAnalysisOptions extends StoreClassesOptions {
  from?: string;
  to?: string;
  /** Boundary layers: `[name=]FILE[#property]` strings or parsed layers. */
  boundaries?: (string | BoundaryLayer)[];
}

export interface StoreAnalysis {
  ctx: AnalysisContext;
  classes: StoreClasses;
  /** Layers joined to the calls' points (those not named after a store area column). */
  areas: AreaJoin[];
  /** Every layer given, with its polygons as read (once) from its file. */
  boundaries: { layer: BoundaryLayer; areas: Area[] }[];
}

/**
 * The analysis relation of a store, prepared the one way `safegap analyze` and the report both use. A
 * layer named after a store column (precinct=precincts.geojson) keeps the column the export gave (the
 * city's own assignment, and the only one a store without coordinates has) and only draws it; a layer
 * with another name becomes a column by joining the calls' points to its polygons.
 */
/** Whether any call of the `calls` view has coordinates: a layer of a name of its own places none without. */
export async function callsHavePoints(conn: DuckDBConnection): Promise<boolean> {
  const [p] = await queryRows<{ any: boolean }>(
    conn,
    'SELECT EXISTS (SELECT 1 FROM calls WHERE lat IS NOT NULL AND lon IS NOT NULL) AS any',
  );
  return p?.any === true;
}

export async function prepareStoreAnalysis(
  conn: DuckDBConnection,
  state: StoreState,
  options: StoreAnalysisOptions,
): Promise<StoreAnalysis> {
  const layers = (options.boundaries ?? []).map((b) => (typeof b === 'string' ? parseBoundarySpec(b) : b));
  const storeColumns = new Set<string>(CALL_COLUMN_NAMES);
  await attachCalls(conn, state);
  // The area fields the store's calls have values of: only these can be drawn by a layer named after them.
  // Counted once, when a layer first needs them.
  let areaFields: string[] | undefined;
  const filled = async () => {
    if (areaFields) return areaFields;
    const [row] = await queryRows<Record<string, number>>(
      conn,
      `SELECT ${AREA_FIELDS.map((f) => `count(${ident(f)})::DOUBLE AS ${ident(f)}`).join(', ')} FROM calls`,
    );
    return (areaFields = AREA_FIELDS.filter((f) => (row?.[f] ?? 0) > 0));
  };
  const misnamed = layers.find(
    (layer) => storeColumns.has(layer.name) && !(AREA_FIELDS as readonly string[]).includes(layer.name),
  );
  if (misnamed) {
    // What the store can do with the file, not every way a store could (tester 220: a store without
    // coordinates was told to place calls by their points, and sent to areas it has no values of).
    const have = await filled();
    const ways = [
      ...(have.length
        ? [`name the layer after an area field the store has (${have.join(', ')}) to draw its own areas`]
        : []),
      ...((await callsHavePoints(conn))
        ? [`give it a name of its own to place calls by their points: ward=${misnamed.file}`]
        : []),
    ];
    throw new UserError(
      `--boundaries ${misnamed.name}=${misnamed.file}: \`${misnamed.name}\` is a column of the calls, not an area.`,
      ways.length
        ? `${ways.join(', or ')}.`
        : 'the calls have neither an area field nor coordinates to place them by: map one in the profile (such as precinct, or the coordinates) and ingest again.',
    );
  }
  // Read every file first: a wrong path should fail before the work, not after it.
  const boundaries = layers.map((layer) => ({ layer, areas: loadBoundaries(layer) }));
  const areas: AreaJoin[] = [];
  const layerNotes: string[] = [];
  const ownAreas = (have: string[]) =>
    have.length
      ? `name the layer after an area field the store has (${have.join(', ')}), with that field's own boundary file (${have[0]}=FILE), to draw those`
      : 'the store has no area field either (map one in the profile, such as precinct, and ingest again)';
  // Two layers of one name: a joined layer's is refused in prepareAnalysis, but a drawn one's second file
  // was dropped in silence (tester 296: `precinct=a.geojson precinct=b.geojson` drew a.geojson alone).
  const twice = boundaries.find((b, i) => boundaries.findIndex((x) => x.layer.name === b.layer.name) !== i);
  if (twice)
    throw new UserError(
      `The boundary layer name \`${twice.layer.name}\` names two layers (${boundaries
        .filter((b) => b.layer.name === twice.layer.name)
        .map((b) => b.layer.file)
        .join(', ')}).`,
      'give each name one file: drop the repeated one, or name the layers differently with name=FILE (letters, digits, underscores), e.g. --boundaries ward=wards.geojson.',
    );
  for (const { layer, areas: polygons } of boundaries) {
    if (storeColumns.has(layer.name)) {
      // Named after an area field the store leaves empty, the layer would draw nothing, without a word.
      const have = await filled();
      if (!have.includes(layer.name)) {
        const [pts] = await queryRows<{ n: number }>(conn, 'SELECT count(lat)::DOUBLE AS n FROM calls');
        throw new UserError(
          `--boundaries ${layer.name}=${layer.file}: the store's calls have no \`${layer.name}\` (the profile maps none), so the layer has no areas of the calls to draw.`,
          pts?.n
            ? `to place calls by their coordinates, give the layer a name of its own (${layer.name}_area=${layer.file}); or ${ownAreas(have)}.`
            : `the calls have no coordinates either, so they cannot be placed in its polygons: ${ownAreas(have)}.`,
        );
      }
      // A layer whose names are none of the field's values draws no call, in silence (Minneapolis'
      // communities given as its sectors): refused, as a layer that places no call is.
      const values = await queryRows<{ v: string }>(
        conn,
        `SELECT DISTINCT CAST(${ident(layer.name)} AS VARCHAR) AS v FROM calls WHERE ${ident(layer.name)} IS NOT NULL ORDER BY 1`,
      );
      const names = new Set(polygons.map((a) => areaKey(a.name)));
      if (!values.some((r) => names.has(areaKey(r.v)))) {
        // `1` for the store's `Precinct 1`: the store's values as digits would match (tester 149).
        const digits = values.some((r) => {
          const d = r.v.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
          return d !== '' && d !== r.v && names.has(areaKey(d));
        });
        throw new UserError(
          `--boundaries ${layer.name}=${layer.file}: none of its ${names.size.toLocaleString('en-US')} area names (such as \`${polygons[0]?.name ?? ''}\`) is one of the store's ${values.length.toLocaleString('en-US')} ${layer.name} values (such as \`${values[0]?.v ?? ''}\`), so its map would show no call.`,
          digits
            ? `the file names the areas by their numbers alone: give the profile's ${layer.name} the normaliser \`digits_only\` (\`${layer.name}: { column: ..., normalise: [digits_only] }\`, docs/profiles.md) and ingest the export again.`
            : `check that the file holds this export's ${layer.name}s, and name the property holding their names with #PROPERTY (names match ignoring case, spaces and punctuation); or give the layer a name of its own to place calls by their coordinates.`,
        );
      }
      // Another city's areas whose names happen to look like the field's (Minneapolis' 87 neighbourhoods,
      // numbered 1 to 87, given as its 5 precincts) matched 5 of 87 and drew the neighbourhoods' shapes
      // with the precincts' counts, the other 82 "no calls", without a word (tester 239). Said when most of
      // the layer's areas are no value of the store's, in any period.
      const valueKeys = new Set(values.map((r) => areaKey(r.v)));
      const matched = [...names].filter((n) => valueKeys.has(n)).length;
      if (names.size >= 4 && matched * 2 < names.size)
        layerNotes.push(
          `Only ${matched.toLocaleString('en-US')} of the ${names.size.toLocaleString('en-US')} areas of ${layer.file} (layer ${layer.name}) are ${layer.name} values of the store's calls (which have ${values.length.toLocaleString('en-US')}); the other ${(names.size - matched).toLocaleString('en-US')} are drawn with no call. Check that the file holds this export's ${layer.name}s: a file of other areas whose names look like them draws their shapes with the ${layer.name}s' counts.`,
        );
      // The layer's own notes too (a guessed property, features sharing a name), as a joined layer's: two
      // precincts named `1` drew one's count on the other's ground, unsaid (tester 270).
      layerNotes.push(...boundaryNotes(polygons));
      continue;
    }
    const join = await joinAreas(conn, layer, 'calls', polygons);
    // A layer that places no call is a wrong file or a store without points, never an answer: its
    // column would be all "no area" and the breakdown would vanish without a word.
    if (join.points === 0)
      throw new UserError(
        `--boundaries ${layer.name}=${layer.file}: the store's calls have no coordinates, so none can be placed in its polygons.`,
        `use the export's own areas instead: ${ownAreas(await filled())}.`,
      );
    if (join.located === 0)
      throw new UserError(
        `--boundaries ${layer.name}=${layer.file}: none of the ${join.points.toLocaleString('en-US')} places where calls were received falls in any of its ${join.areas.toLocaleString('en-US')} polygons.`,
        'check that the file covers this city and is in longitude/latitude (EPSG:4326) with longitude first; a file in another projection or with the two swapped places nothing.',
      );
    areas.push(join);
  }
  const classes = await classifyStore(conn, state, {
    ...(options.city ? { city: options.city } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
  });
  classes.warnings.push(...layerNotes);
  const ctx = await prepareAnalysis(conn, {
    classes: classes.keyed,
    responders: classes.taxonomy.responders,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    maxIntervalHours: maxIntervalHours(state),
    queueSources: Object.entries(sourceTimestamps(state))
      .filter(([, t]) => t.received_is === 'queue')
      .map(([source]) => source),
    recordedResponders: recordedResponders(state, classes.actualResponders),
    areaJoins: areas.map((a) => ({ name: a.name, relation: a.relation })),
    materialise: true,
  });
  if (ctx.quality.calls_in_period === 0)
    throw new UserError(
      // A period outside the store's first and last calls is refused before this (context.ts): these days
      // lie within them, in a gap of the data.
      `The store has no calls between ${ctx.period.from} and ${ctx.period.to}: it holds calls before or after these days, but none in them (a gap in the exports?).`,
      "choose --from and --to around days with calls; `safegap store info` gives the store's first and last calls.",
    );
  return { ctx, classes, areas, boundaries };
}

/** The priorities the calls hold, as text, the most frequent first (`limit` of them, or all). */
async function storedPriorities(conn: DuckDBConnection, calls: string, limit?: number): Promise<string[]> {
  const cols = await relationColumns(conn, calls);
  const p = ['priority_initial', 'priority'].filter((c) => cols.has(c));
  if (!p.length) return [];
  const rows = await queryRows<{ p: string }>(
    conn,
    `SELECT trim(CAST(p AS VARCHAR)) AS p FROM (SELECT coalesce(${p.join(', ')}) AS p FROM ${calls})
     WHERE p IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 ${limit ? `LIMIT ${limit}` : ''}`,
  );
  return rows.map((r) => r.p);
}

/** `Priority 2` before `Priority 10`. */
const naturalOrder = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The final types a call can have whose mapping entry gives `handled_by`: before any rule, as apply.ts tries them. */
function handledTypes(
  values: readonly { v: string; final: boolean }[],
  lookup: (value: string) => { handledBy?: string } | undefined,
): string[] {
  return values.filter((r) => r.final && lookup(r.v)?.handledBy).map((r) => r.v);
}

/** What became of a responder rule over the store's calls (responderRuleUse). */
interface RuleUse {
  /** Whether the calls have the rule's column. */
  column: boolean;
  /** Calls whose column the pattern matches. */
  matched: number;
  /** Of those, calls whose final type's `handled_by` decides first. */
  handled: number;
  /** Calls the rule gave their responder: matched, with no `handled_by` and no earlier rule matching. */
  given: number;
}

/**
 * Each rule's use, in one pass over the calls. The rules are tried as apply.ts tries them: after the final
 * type's `handled_by`, in order, the first match deciding. A rule that matched no call, or only calls an
 * earlier rule or `handled_by` took, was ignored in silence and still made its responder "recorded": a
 * `response_plan` rule no call matches turned traffic control's "not recorded" into 0.0% (tester 274).
 */
async function responderRuleUse(
  conn: DuckDBConnection,
  calls: string,
  rules: readonly ResponderRule[],
  handled: readonly string[],
): Promise<RuleUse[]> {
  if (!rules.length) return [];
  const cols = await relationColumns(conn, calls);
  const match = rules.map((r) =>
    cols.has(r.column.toLowerCase())
      ? `coalesce(regexp_matches(CAST(${ident(r.column.toLowerCase())} AS VARCHAR), ${literal(r.matches)}, 'i'), false)`
      : 'false',
  );
  const isHandled = handled.length
    ? `coalesce(coalesce(call_type_final_raw, call_type_final, call_type_initial_raw, call_type_initial) IN (${handled.map(literal).join(', ')}), false)`
    : 'false';
  const first = `CASE WHEN h THEN NULL ${rules.map((_, i) => `WHEN m${i} THEN ${i}`).join(' ')} END`;
  const [row] = await queryRows<Record<string, number>>(
    conn,
    `SELECT ${rules
      .map(
        (_, i) =>
          `count(*) FILTER (WHERE m${i})::DOUBLE AS m${i}, count(*) FILTER (WHERE m${i} AND h)::DOUBLE AS h${i}, count(*) FILTER (WHERE r = ${i})::DOUBLE AS g${i}`,
      )
      .join(', ')}
     FROM (SELECT *, ${first} AS r FROM (SELECT ${isHandled} AS h, ${match.map((m, i) => `${m} AS m${i}`).join(', ')} FROM ${calls}))`,
  );
  return rules.map((r, i) => ({
    column: cols.has(r.column.toLowerCase()),
    matched: row?.[`m${i}`] ?? 0,
    handled: row?.[`h${i}`] ?? 0,
    given: row?.[`g${i}`] ?? 0,
  }));
}

/**
 * The note on rule `i` (from 0) of `file` that gave no call its responder: why, with the store's own values
 * (counted over the store's calls, every period, as the rules are judged: tester 279 read the period's)
 * of its column when the pattern matched none (`Online Report` against the store's `online`).
 */
async function unusedRuleNote(
  conn: DuckDBConnection,
  calls: string,
  file: string,
  i: number,
  rule: ResponderRule,
  use: RuleUse,
): Promise<string> {
  const col = rule.column.toLowerCase();
  const head = `Rule ${i + 1} of \`${file}\` (${col} matches \`${visibleText(rule.matches)}\` -> ${rule.responder}) gave no call of the store, in any period, its responder`;
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (use.matched > 0) {
    const earlier = use.matched - use.handled;
    const by = [
      ...(use.handled ? [`${fmt(use.handled)} by the mapping's handled_by of their final type`] : []),
      ...(earlier ? [`${fmt(earlier)} by an earlier rule`] : []),
    ];
    // handled_by decides before every rule: no place in the list gets a rule those calls.
    const fix = earlier
      ? 'Move it before the earlier rule that takes its calls, or remove it.'
      : "A type's handled_by decides before any rule: change it in the mapping if these calls were another responder's, or remove the rule.";
    return `${head}: each of the ${fmt(use.matched)} calls it matches was taken first, ${by.join(' and ')} (rules are tried in order, after handled_by), so ${rule.responder} is recorded for none through it. ${fix}`;
  }
  if (!use.column)
    return `${head}: the store's calls have no \`${col}\` column. Test a column the store has (docs/schema.md), or remove the rule.`;
  const LISTED = 6;
  const stored = await queryRows<{ v: string }>(
    conn,
    `SELECT CAST(${ident(col)} AS VARCHAR) AS v FROM ${calls} WHERE ${ident(col)} IS NOT NULL
     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${LISTED + 1}`,
  );
  const quoted = (v: string) => `\`${visibleText(v.length > 60 ? `${v.slice(0, 59)}…` : v)}\``;
  const writes = stored.length
    ? `the store writes ${col} as ${stored
        .slice(0, LISTED)
        .map((r) => quoted(r.v))
        .join(', ')}${stored.length > LISTED ? ', ...' : ''}`
    : `no call of the store has a ${col}`;
  return `${head}: no call matches it (${writes}), so ${rule.responder} is not recorded through it. If the export writes these values otherwise, write the pattern as the store writes them (case is ignored); if it simply holds no such call (a short export), there is nothing to change.`;
}
