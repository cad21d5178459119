/**
 * `safegap classify auto|review|status|export|import`: thin shells over src/classify. A city's mapping
 * lives in a CSV (`--mapping`, default `mappings/<city>.csv`, starting from the built-in
 * taxonomy/mappings/<city>.csv when there is one); the calls come from `--calls` (a CSV or Parquet
 * export, or a store folder of Parquet files).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { autoMap, reclassified, reclassifiedSentence } from '../classify/auto-map.js';
import { exportCsv, importCsv, type NoEffect } from '../classify/exchange.js';
import { classifierFor } from '../classify/learn.js';
import {
  mappingCities,
  mappingText,
  readMapping,
  writeMapping,
  type MappingEntry,
} from '../classify/mapping-file.js';
import { runReview } from '../classify/review.js';
import { statusReport } from '../classify/status.js';
import { builtinTaxonomy, type Taxonomy } from '../classify/taxonomy.js';
import {
  examples,
  fileRelation,
  isStoreFolder,
  requireTypedCalls,
  typeChanges,
  typeCounts,
  untypedCalls,
  type CallSource,
  type TypeChange,
  type TypeCount,
} from '../classify/volumes.js';
import { openEngine } from '../store/duckdb.js';
import { cityInOtherCase } from '../analyse/store-inputs.js';
import { cannotWriteFile, UserError } from '../util/user-error.js';
import { listInWords } from '../util/words.js';
import { checkOutputFile, writeOutputFile } from '../util/write-file.js';
import { makeDir } from '../util/publish.js';
import { parseCityId, parsePositiveInt } from './args.js';
import { table, terminalSafe } from './format.js';
import { cutLongWords, shellWord } from '../util/words.js';

/** Prose quoting call types, as the terminal may show it: control characters escaped, long words cut. */
// Every print is one line: a line break in a type forged lines of the review screen (tester 161).
const forTerminal = (text: string) => cutLongWords(terminalSafe(text));
import { percent } from '../util/percent.js';

interface CommonOpts {
  city: string;
  mapping?: string;
  calls?: string;
  initialColumn: string;
  finalColumn: string;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function mappingPaths(tax: Taxonomy, o: CommonOpts): { read: string | undefined; write: string } {
  // A file named `mappings` is refused as analyze refuses it: status and export read the built-in mapping
  // beside it and said so with exit 0 (tester 364).
  if (o.mapping === undefined) mappingCities('mappings');
  const write = o.mapping ?? join('mappings', `${o.city}.csv`);
  // Read as a file, a folder was "a folder was given where a file was expected", naming no option (tester 249).
  if (existsSync(write) && statSync(write).isDirectory())
    throw new UserError(
      `--mapping ${write} is a folder, not a mapping file.`,
      `give the mapping CSV in it (\`${join(write, `${o.city}.csv`)}\`, say), or a new file's path for a new mapping.`,
    );
  if (existsSync(write)) return { read: write, write };
  const builtin = join(tax.dir, 'mappings', `${o.city}.csv`);
  // `--city Minneapolis` started a new mapping of every type unreviewed beside the reviewed `minneapolis`
  // (tester 307): a city named so only by case is a mistake far more often than a new city.
  const other = o.mapping === undefined && !existsSync(builtin) ? cityInOtherCase(tax, o.city) : undefined;
  if (other !== undefined)
    throw new UserError(
      `--city ${o.city} names no mapping, but the city \`${other}\` has ${existsSync(join('mappings', `${other}.csv`)) || existsSync(join(tax.dir, 'mappings', `${other}.csv`)) ? 'one' : 'settings'}: city ids are read as written, case too, and ${o.city} would start a mapping of its own, every type unreviewed.`,
      `write --city ${other}; for a mapping of another city, give it a name that differs otherwise than by case.`,
    );
  return { read: existsSync(builtin) ? builtin : undefined, write };
}

/**
 * The text each mapping file had when this command read or last wrote it (null: absent). A command writes a
 * whole mapping it read earlier, so one that another command changed meanwhile (an import during a long
 * `classify auto`, a second reviewer) would lose that change: writeMapping refuses instead.
 */
const seen = new Map<string, string | null>();

function loadEntries(tax: Taxonomy, o: CommonOpts): { entries: MappingEntry[]; write: string } {
  const p = mappingPaths(tax, o);
  seen.set(p.write, mappingText(p.write));
  return { entries: p.read ? readMapping(p.read, tax, o.city).entries : [], write: p.write };
}

/**
 * A note for a `--mapping` given that does not exist, for the commands that only read it: a mistyped path
 * read as a mapping of nothing, every type unmapped, without a word (tester 249).
 */
function missingMappingNote(tax: Taxonomy, o: CommonOpts): string | null {
  if (o.mapping === undefined || existsSync(o.mapping)) return null;
  const { read } = mappingPaths(tax, o);
  return `Note: --mapping ${o.mapping} does not exist${read ? `: the built-in mapping of ${o.city} was read instead` : ', so no type is mapped'}. If the path is mistyped, give the right one; \`safegap classify auto\` writes a new mapping there.`;
}

/** The folders of `folder`'s path that do not exist, outermost first: those a write there will make. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let d = folder; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  return missing;
}

function save(file: string, entries: MappingEntry[]): void {
  makeDir(file, dirname(resolve(file)), '--mapping');
  try {
    seen.set(file, writeMapping(file, entries, seen.get(file)));
  } catch (e) {
    throw cannotWriteFile('--mapping', file, e) ?? e;
  }
}

function source(o: CommonOpts): CallSource {
  if (!o.calls)
    throw new UserError(
      'This command needs the calls: --calls FILE_OR_STORE.',
      'Give a CSV or Parquet export, or the store folder.',
    );
  return {
    relation: fileRelation(o.calls),
    initialColumn: o.initialColumn,
    finalColumn: o.finalColumn,
    file: o.calls,
  };
}
/** The call type columns read by default: a store's. */
const INITIAL_COLUMN = 'call_type_initial_raw';
const FINAL_COLUMN = 'call_type_final_raw';

/**
 * The options a later command must be given as this one was: a raw export's call type columns too. Told
 * only `the same --city, --mapping and --calls`, a review of a raw export found no \`call_type_initial_raw\`
 * (tester 224).
 */
function sameOptions(o: CommonOpts): string {
  const columns = [
    ...(o.initialColumn !== INITIAL_COLUMN ? [`--initial-column ${shellWord(o.initialColumn)}`] : []),
    ...(o.finalColumn !== FINAL_COLUMN ? [`--final-column ${shellWord(o.finalColumn)}`] : []),
  ];
  return columns.length
    ? `the same --city, --mapping and --calls, and ${columns.join(' ')}`
    : 'the same --city, --mapping and --calls';
}

/**
 * `callsRequired`: the command refuses to run without --calls, and its help says so (tester 195). `writes`:
 * the command writes the mapping (status and export only read it: "read and write" made an analyst wary of
 * running them on a reviewed one, tester 387).
 */
function common(cmd: Command, callsRequired: boolean, writes = true): Command {
  return cmd
    .requiredOption('--city <id>', 'city id, e.g. minneapolis (names the mapping file)', parseCityId)
    .option(
      '--mapping <file>',
      `mapping CSV to ${writes ? 'read and write' : 'read'} (default mappings/<city>.csv)`,
    )
    .option(
      '--calls <path>',
      `calls: a CSV or Parquet export, or a store folder${callsRequired ? ' (required)' : ''}`,
    )
    .option('--initial-column <name>', 'column of the initial call type', INITIAL_COLUMN)
    .option('--final-column <name>', 'column of the final call type', FINAL_COLUMN);
}

const callCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'call' : 'calls'}`;

/**
 * An edit the classification never reads (tester 291: `handled_by` on a Seattle initial type, eligibility
 * on a final one, each saved and then of no effect without a word), with the type to edit instead.
 */
function noEffectNote(n: NoEffect, file: string, callsFile: string): string {
  const [read, other] = n.role === 'final' ? ['final', 'initial'] : ['initial', 'final'];
  const has = n.role === 'final' ? n.initial : n.final;
  const cols = n.columns.map((c) => `\`${c}\``).join(' and ');
  const at = n.instead?.row ? `row ${n.instead.row} of ${file}` : '';
  const instead = !n.instead
    ? ''
    : n.instead.calls === has
      ? `: \`${n.instead.type}\`, which ${has === 1 ? 'it has' : `all ${has.toLocaleString('en-US')} have`}${at ? ` (${at})` : ''}`
      : `: most often \`${n.instead.type}\` (${callCount(n.instead.calls)} of the ${has.toLocaleString('en-US')}${at ? `, ${at}` : ''})`;
  return `${file}, row ${n.row}: \`${n.entry.rawType}\` is the ${other} type of ${callCount(has)} of ${callsFile} and the ${read} type of none, and ${cols} ${n.columns.length === 1 ? 'is' : 'are'} read from a call's ${read} type, so this edit gives no call anything (it was saved all the same). To reach those calls, set ${cols} on the row of their ${read} type instead${instead}.`;
}

/**
 * What became of the review of the types an import saved: `: 7 of them reviewed by this import, 94 keep the
 * automatic classification`; nothing when it saved none.
 */
function savedReviews(r: {
  changed: number;
  added: number;
  reviewed: number;
  keptAutomatic: number;
  keptReview: number;
}): string {
  const saved = r.changed + r.added;
  if (!saved) return '';
  const kept = (n: number, what: string) =>
    n ? [`${saved === 1 ? 'it keeps' : `${n} keep${n === 1 ? 's' : ''}`} ${what}`] : [];
  const parts = [
    ...(r.reviewed
      ? [
          `${saved === 1 ? 'it is' : r.reviewed === saved ? `all ${saved}` : `${r.reviewed} of them`} reviewed by this import`,
        ]
      : []),
    ...kept(r.keptAutomatic, 'the automatic classification'),
    ...kept(r.keptReview, "the sheet's review (its reviewer and date)"),
  ];
  return `: ${parts.join(', ')}`;
}

/** Notes on an import's rows printed one by one; a sheet of the wrong city's types would print hundreds. */
const NOTES_SHOWN = 10;

/**
 * Standard input, a line per call of `next` (undefined once it ends). Lines are queued as they come: piped
 * answers arrive before the first question, and readline's question() dropped them, so a scripted review
 * saved nothing.
 */
function stdinLines(): { next(): Promise<string | undefined>; close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  // In a terminal readline takes the Ctrl-C key itself and ended the review as `q` does, exit code 0: it
  // is sent on as the signal, which says the review was interrupted and exits 130 (tester 141).
  rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  return {
    next: () =>
      lines.length
        ? Promise.resolve(lines.shift())
        : closed
          ? Promise.resolve(undefined)
          : new Promise((resolve) => waiting.push(resolve)),
    close: () => rl.close(),
  };
}

export function registerClassifyCommands(program: Command): void {
  const classify = program
    .command('classify')
    .description('Map call types to categories, tiers and eligible responders');

  common(classify.command('auto'), true)
    .description('Classify every call type of the calls automatically; reviewed entries are kept')
    .action(async (o: CommonOpts) => {
      const tax = builtinTaxonomy();
      const { entries, write } = loadEntries(tax, o);
      const conn = await openEngine();
      const src = source(o);
      const counts = await typeCounts(conn, src);
      // "0 types in mappings/x.csv" said nothing of why (tester 151).
      await requireTypedCalls(conn, src, counts);
      const mapped = autoMap(
        classifierFor(tax, [o.city]),
        counts.map((c) => ({ rawType: c.rawType, volume: c.volume })),
        entries,
      );
      save(write, mapped);
      const reviewed = mapped.filter((e) => e.provenance === 'reviewed').length;
      // A second run after a later ingest added its new types without a word (tester 372): said, with the
      // types the mapping had (its reviews kept as they are, its automatic types classified again).
      const had = new Set(entries.map((e) => e.rawType));
      const added = mapped.filter((e) => !had.has(e.rawType));
      const kept = mapped.length - added.length;
      const names = added.slice(0, 5).map((e) => `\`${e.rawType}\``);
      const what =
        entries.length === 0
          ? ''
          : `: ${added.length === 0 ? 'no type added' : `${added.length} ${added.length === 1 ? 'type' : 'types'} of the calls added, automatic and to review (${names.join(', ')}${added.length > 5 ? ` and ${added.length - 5} more` : ''})`}, ${kept} kept from the mapping`;
      console.log(forTerminal(`${mapped.length} types in ${write} (${reviewed} reviewed)${what}.`));
      // An automatic row edited by hand was classified again in silence, "kept" (tester 392): named.
      const again = reclassifiedSentence(reclassified(entries, mapped));
      if (again) console.log(forTerminal(again));
      // It said nothing of what to do next (tester 221).
      if (reviewed < mapped.length)
        console.log(
          forTerminal(
            `Next: review the automatic ones, highest volume first, with \`safegap classify review\` or \`safegap classify export\` (a spreadsheet) and \`import\`, given ${sameOptions(o)}; \`classify status\` shows how sure the classifier is of them.`,
          ),
        );
    });

  common(classify.command('review'), true)
    .description(
      'Review automatic mappings, highest call volume first (keyboard only; resumes where it stopped)',
    )
    .requiredOption('--reviewer <name>', 'who is reviewing (recorded on every decision)')
    .option('--suggestions <n>', 'suggestions shown per type', '5')
    .action(async (o: CommonOpts & { reviewer: string; suggestions: string }) => {
      // Before anything is written: a refused run left a copy of the mapping that later runs took (tester 128).
      const topK = parsePositiveInt(o.suggestions, '--suggestions');
      const tax = builtinTaxonomy();
      const { entries, write } = loadEntries(tax, o);
      const conn = await openEngine();
      const src = source(o);
      const counts = await typeCounts(conn, src);
      // It saved a mapping of no type (tester 231).
      await requireTypedCalls(conn, src, counts);
      const index = classifierFor(tax, [o.city]);
      const all = autoMap(
        index,
        counts.map((c) => ({ rawType: c.rawType, volume: c.volume })),
        entries,
      );
      save(write, all);
      const again = reclassifiedSentence(reclassified(entries, all));
      if (again) console.log(forTerminal(again));
      const input = stdinLines();
      try {
        const outcome = await runReview(
          {
            tax,
            index,
            entries: all,
            volumes: new Map(counts.map((c) => [c.rawType, c.volume])),
            reviewer: o.reviewer,
            date: today(),
            topK,
            examples: (t) => examples(conn, src, t, 3),
            save: (e) => save(write, e),
          },
          {
            // A type's ESC sequence or 100 kB reached the terminal raw (tester 159).
            print: (s) => console.log(forTerminal(s)),
            ask: (q) => {
              process.stdout.write(forTerminal(q));
              return input.next();
            },
          },
        );
        console.log(`\n${outcome.reviewed} reviewed this session; saved to ${write}.`);
      } finally {
        input.close();
      }
    });

  common(classify.command('status'), true, false)
    .description('Coverage: share of calls per confidence band, top unmapped types, initial -> final changes')
    .option('--top <n>', 'rows in each list', '15')
    .action(async (o: CommonOpts & { top: string }) => {
      const tax = builtinTaxonomy();
      const { entries, write } = loadEntries(tax, o);
      const conn = await openEngine();
      const src = source(o);
      const r = statusReport(
        entries,
        await typeCounts(conn, src),
        await typeChanges(conn, src),
        parsePositiveInt(o.top, '--top'),
      );
      const untyped = await untypedCalls(conn, src);
      if (!r.types) {
        // Bands, changes and categories of no call read "100.0%" of 0 and "changed: 0" (tester 105).
        // A raw export was told to map its column in a profile and ingest it again (tester 231).
        const store = isStoreFolder(o.calls);
        console.log(
          // "No call has a call type" of calls with a final type alone, which auto and export classify
          // (tester 335): status counts calls by their initial type, as eligibility reads it.
          `No call has an initial call type, which status counts calls by: there is nothing to classify${untyped ? ` (${untyped.toLocaleString('en-US')} calls have none)` : ''}. ${store ? "Map the export's call type column as it was when the call came in (`call_type_initial` in its profile, docs/profiles.md) and ingest it again." : 'Name the columns that hold the call types with --initial-column and --final-column.'}`,
        );
        return;
      }
      // Said once the calls are read: a refusal of the calls prints nothing before it.
      const missing = missingMappingNote(tax, o);
      if (missing) console.log(`${missing}\n`);
      console.log(
        `${r.calls.toLocaleString('en-US')} calls, ${r.types} initial types${untyped ? `; ${untyped.toLocaleString('en-US')} more calls have no initial type and are not counted below` : ''}\n`,
      );
      // A crisis team's own words for calls the CAD's records represent: worth seeing, but no calls (tester 385).
      if (r.linkedRecords)
        console.log(
          `${r.linkedRecords.toLocaleString('en-US')} more records of other sources are linked to these calls, each counted with the type of the record that represents its call; their own initial types, most first: ${r.linkedTypes.map((t) => `${t.rawType} (${t.records.toLocaleString('en-US')})`).join(', ')}.\n`,
        );
      console.log(
        table(
          ['band', 'types', 'calls', 'share'],
          r.bands.map((b) => [b.band, b.types, b.calls, percent(b.share)]),
        ),
      );
      const unmapped = r.bands.find((b) => b.band === 'unmapped');
      // Unmapped is not unclassified: analyze and the report classify such types on the fly.
      if (unmapped && unmapped.types > 0)
        console.log(
          `\nUnmapped types are not in ${write}: \`safegap analyze\` and the report classify them automatically (and say how many); \`safegap classify auto\` writes those choices into the mapping, where \`classify review\` lets a person check them.`,
        );
      console.log(
        r.unreviewed.length
          ? `\nHighest-volume types no person has reviewed (${percent(r.unreviewedShare)} of calls by initial type; an automatic choice can be wrong at any confidence, so review these first with \`classify review\`). A type may be both a call's initial and another's final type:`
          : '\nEvery type has been reviewed.',
      );
      if (r.unreviewed.length)
        console.log(
          table(
            ['type', 'band', 'as initial', 'as final', 'category'],
            r.unreviewed.map((w) => [w.rawType, w.band, w.initial, w.final, w.category ?? '']),
          ),
        );
      console.log(
        `\nCalls whose type changed from initial to final: ${r.changedCalls.toLocaleString('en-US')} (${percent(r.changedShare)})`,
      );
      // Burlington's export has one type per call: a header over no rows (tester 324).
      if (r.topChanges.length)
        console.log(
          table(
            ['initial type', 'final type', 'calls'],
            r.topChanges.map((c) => [c.initial, c.final, c.calls]),
          ),
        );
      console.log(
        `\nBy category (initial -> final), calls whose category changed with their type (${r.sameCategoryCalls.toLocaleString('en-US')} more changed type within their category${r.unmappedChangeCalls ? `, and ${r.unmappedChangeCalls.toLocaleString('en-US')} from or to a type the mapping lacks` : ''}):`,
      );
      // A header over no rows read as a table cut off (tester 248).
      console.log(
        r.categoryMatrix.length
          ? table(
              ['initial category', 'final category', 'calls'],
              r.categoryMatrix
                .slice(0, parsePositiveInt(o.top, '--top'))
                .map((c) => [c.initial, c.final, c.calls]),
            )
          : 'none',
      );
    });

  common(classify.command('export'), false, false)
    .description('Write the mapping as a CSV for spreadsheet review, with call volumes and suggestions')
    .requiredOption('-o, --out <file>', 'CSV to write')
    .option('--force', 'overwrite --out if it exists')
    .action(async (o: CommonOpts & { out: string; force?: boolean }) => {
      // An analyst's edited sheet is not replaced without --force; said before the work.
      checkOutputFile(o.out, { force: o.force ?? false });
      const tax = builtinTaxonomy();
      let { entries } = loadEntries(tax, o);
      const index = classifierFor(tax, [o.city]);
      let volumes = new Map<string, number>();
      if (o.calls !== undefined) {
        const conn = await openEngine();
        const src = source(o);
        const counts = await typeCounts(conn, src);
        // "No mapping for X yet. How to fix: Pass --calls" was said with --calls given (tester 231).
        await requireTypedCalls(conn, src, counts);
        volumes = new Map(counts.map((c) => [c.rawType, c.volume]));
        entries = autoMap(
          index,
          counts.map((c) => ({ rawType: c.rawType, volume: c.volume })),
          entries,
        );
      }
      if (entries.length === 0)
        throw new UserError(
          `No mapping for ${o.city} yet.`,
          'Pass --calls so the export can classify its types.',
        );
      // The folders --out needs are made, as every command writing a file makes them (synth, profile init,
      // report, classify auto and review's mapping), but said: a mistyped path made `/nonexist/dir/` at the
      // root without a word (tester 372).
      const made = missingFolders(dirname(resolve(o.out)));
      writeOutputFile(o.out, exportCsv(entries, volumes, index), { force: o.force ?? false });
      const missing = missingMappingNote(tax, o);
      if (missing) console.log(missing);
      console.log(forTerminal(`${entries.length} types written to ${o.out}.`));
      if (made.length)
        console.log(
          forTerminal(
            `Note: ${made.length === 1 ? 'the folder' : 'the folders'} ${made.join(', ')} did not exist and ${made.length === 1 ? 'was' : 'were'} made for it. If the path was mistyped, remove ${made.length === 1 ? 'it' : 'them'} (\`rm -r ${shellWord(made[0]!)}\`).`,
          ),
        );
    });

  common(classify.command('import'), false)
    .description('Read an edited CSV back; edited rows become reviewed')
    .requiredOption('--in <file>', 'CSV to import')
    .option('--reviewer <name>', 'reviewer for edited rows that name none')
    .action(async (o: CommonOpts & { in: string; reviewer?: string }) => {
      // Its notes quote types: a type's ESC sequence reached the terminal raw (tester 159).
      const log = (text: string) => console.log(forTerminal(text));
      // A store was told to "give the CSV file in it", which it does not hold (tester 349).
      if (existsSync(join(o.in, 'CURRENT')))
        throw new UserError(
          `--in ${o.in} is a store (the calls ingested), not a sheet: import reads the mapping sheet that \`classify export\` wrote, edited.`,
          `write the sheet with \`safegap classify export --city ${o.city} --calls ${shellWord(o.in)} --out SHEET.csv\`, edit it, and give it as --in SHEET.csv (the store goes in --calls).`,
        );
      const tax = builtinTaxonomy();
      const { entries, write } = loadEntries(tax, o);
      let calls: { counts: TypeCount[]; changes: TypeChange[] } | undefined;
      if (o.calls !== undefined) {
        const conn = await openEngine();
        const src = source(o);
        const counts = await typeCounts(conn, src);
        // Calls with no type made every type of the sheet a misspelling, and the sheet was saved whole with
        // a note for each, where status, export and review refuse them (tester 349: Seattle's dispatch
        // sample, 103 notes). Refused the same way, before anything is written.
        await requireTypedCalls(conn, src, counts);
        calls = { counts, changes: (await typeChanges(conn, src)).changes };
      }
      const r = importCsv(o.in, entries, tax, o.reviewer, today(), {
        ...(calls ? { callTypes: calls.counts.map((c) => c.rawType), callRoles: calls } : {}),
      });
      save(write, r.entries);
      // Which of them the sheet's edits made reviewed: "0 changed and 101 new types saved" for a sheet with 7
      // edits, imported where the mapping was not yet, did not say they were taken (tester 349).
      log(`${r.changed} changed and ${r.added} new types saved to ${write}${savedReviews(r)}.`);
      // Rows deleted from the sheet to remove their types were kept without a word (tester 217).
      // Which ones, too: a row deleted by mistake could not be found from a count alone (tester 291).
      if (r.leftOut)
        log(
          `Note: ${r.leftOut === 1 ? '1 type' : `${r.leftOut.toLocaleString('en-US')} types`} of the mapping ${r.leftOut === 1 ? 'has' : 'have'} no row in ${o.in}, and ${r.leftOut === 1 ? 'stays' : 'stay'} as ${r.leftOut === 1 ? 'it is' : 'they are'}: an import changes and adds types, and removes none (a type of the calls that the mapping lacks is classified automatically). ${r.leftOut === 1 ? 'It is' : 'They are'} ${listInWords(
            [
              ...r.leftOutTypes.slice(0, 5).map((t) => `\`${t}\``),
              ...(r.leftOut > 5 ? [`${(r.leftOut - 5).toLocaleString('en-US')} more`] : []),
            ],
          )}.`,
        );
      if (r.unguarded.length)
        log(
          `Note: ${o.in} has no \`exported_as\` column, so ${r.unguarded.length === 1 ? 'its edit of a reviewed type' : `its edits of ${r.unguarded.length} reviewed types`} (${r.unguarded.slice(0, 3).join(', ')}${r.unguarded.length > 3 ? ', ...' : ''}) ${r.unguarded.length === 1 ? 'was' : 'were'} taken as ${r.unguarded.length === 1 ? 'it stands' : 'they stand'}: a change someone made to ${r.unguarded.length === 1 ? 'it' : 'them'} since your copy was exported, the same day or in a column the sheet keeps, is undone. Keep \`exported_as\` in a sheet several people edit (docs/classification.md).`,
        );
      if (r.ignoredColumns.length)
        log(
          `Note: ${r.ignoredColumns.map((c) => (c.startsWith('(') ? c : `\`${c}\``)).join(', ')} ${r.ignoredColumns.length === 1 ? 'is not a column' : 'are not columns'} of a mapping, and ${r.ignoredColumns.length === 1 ? 'was' : 'were'} not imported: a remark for the mapping goes in \`note\` (docs/classification.md).`,
        );
      if (r.blankRows.length)
        log(
          `Note: ${r.blankRows.length === 1 ? 'row' : 'rows'} ${r.blankRows.slice(0, 5).join(', ')}${r.blankRows.length > 5 ? ', ...' : ''} of ${o.in} ${r.blankRows.length === 1 ? 'has' : 'have'} only blank cells and ${r.blankRows.length === 1 ? 'was' : 'were'} skipped.`,
        );
      // An analyst's deliberate 0.6 or name was dropped without a word (tester 113).
      if (r.reviewNotTaken.length) {
        const shown = r.reviewNotTaken.slice(0, 5).map((n) => {
          const written = [
            ...(n.reviewer !== undefined ? [`reviewer ${n.reviewer} (kept: ${n.entry.reviewer ?? ''})`] : []),
            ...(n.confidence !== undefined
              ? [`confidence ${n.confidence} (kept: ${n.entry.confidence})`]
              : []),
          ];
          return `row ${n.row}, \`${n.entry.rawType}\`: ${written.join(', ')}`;
        });
        log(
          `Note: ${r.reviewNotTaken.length === 1 ? '1 row' : `${r.reviewNotTaken.length} rows`} of ${o.in} ${r.reviewNotTaken.length === 1 ? 'changes' : 'change'} only the reviewer or confidence of a reviewed type, which is not taken: the mapping keeps its review (${shown.join('; ')}${r.reviewNotTaken.length > 5 ? '; ...' : ''}). To change them, edit ${write} itself.`,
        );
      }
      if (r.overwrittenReviews.length)
        log(
          `Note: ${r.overwrittenReviews.length} of them (${r.overwrittenReviews.slice(0, 3).join(', ')}${r.overwrittenReviews.length > 3 ? ', ...' : ''}) had been reviewed in the mapping after this file's rows for them were written (an older date, or \`automatic\`), so the changes are dated today, sure (confidence 1): if the file is an older export, export the mapping again and redo these edits on it.`,
        );
      // Added, not refused: a type the calls lack may be one of another period's export.
      // Each kind is shown up to NOTES_SHOWN, the rest counted by kind with their rows: one count for all
      // hid a misspelt new type among a hundred other spellings (tester 116).
      const kinds = [
        {
          name: 'edits that reach no call',
          notes: r.noEffect.map((n) => ({ row: n.row, text: noEffectNote(n, o.in, o.calls!) })),
        },
        {
          name: 'types not in the calls',
          notes: r.notInCalls.map((n) => ({
            row: n.row,
            text: `${o.in}, row ${n.row}: \`${n.entry.rawType}\` is not a call type of ${o.calls}, and was added to the mapping as a new type: if it is misspelt, delete its row from ${write} and import it spelt as the calls spell it.`,
          })),
        },
        {
          name: 'types differing from another only in case',
          notes: r.caseTwins.map((n) => ({
            row: n.row,
            text: `${o.in}, row ${n.row}: \`${n.entry.rawType}\` (${n.entry.category}) and \`${n.twin.rawType}\` (${n.twin.category}) differ only in case and are two types of the mapping: if the calls spell them both so, keep both; else delete the misspelt one from ${write}.`,
          })),
        },
        {
          name: 'other spellings left as they were',
          notes: r.spellingTwins.map((n) => ({
            row: n.row,
            text: `${o.in}, row ${n.row}: \`${n.entry.rawType}\` and \`${n.twin.rawType}\`, another spelling of it that the file left as it was, now differ in ${n.differ.map((d) => `${d.column} (${d.here || 'empty'} against ${d.there || 'empty'})`).join(', ')}: one type of call is classified two ways by how the CAD spells it. If they are one type, give \`${n.twin.rawType}\` the same values (export again and edit it, or edit ${write}).`,
          })),
        },
      ];
      for (const { name, notes } of kinds) {
        for (const n of notes.slice(0, NOTES_SHOWN)) log(`Note: ${n.text}`);
        const rest = [...new Set(notes.slice(NOTES_SHOWN).map((n) => n.row))];
        if (rest.length)
          log(
            `Note: ${notes.length - NOTES_SHOWN} more ${name}, on ${rest.length === 1 ? 'row' : 'rows'} ${rest.slice(0, 20).join(', ')}${rest.length > 20 ? ', ...' : ''} of ${o.in}.`,
          );
      }
    });
}
