/**
 * `buildReport`: a store in, a self-contained HTML report out (report.html, with csv/ beside it and, on
 * request, report.pdf printed by headless Chromium). The data work is a handful of DuckDB queries through
 * the analysis library (data.ts); everything here is small: sections of HTML and CSV text.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { currentVersion } from '../store/current-version.js';
import type { CapacityOptions } from '../analyse/capacity.js';
import { checkMinCount } from '../analyse/repeat-locations.js';
import { canonicalZone } from '../time/zone-transitions.js';
import type { Denominator } from '../analyse/context.js';
import type { BoundaryLayer } from '../analyse/spatial-join.js';
import { roundedPeriod } from '../analyse/result.js';
import { noNoise } from '../util/float-noise.js';
import { openScratchEngine } from '../store/duckdb.js';
import { requireStore } from '../store/store.js';
import { UserError } from '../util/user-error.js';
import { writeNamed } from '../util/write-file.js';
import { isSmall, loadDisclosureAudit } from './suppress.js';
import {
  abandonOutput,
  checkOutputDir,
  finishOutput,
  refuseInsideStore,
  startOutput,
} from '../util/publish.js';
import { gatherReportData, type ReportData } from './data.js';
import { days, humanise } from './format.js';
import { headlineValues, type HeadlineValues } from './headlines.js';
import { html } from './html.js';
import { page, type Section } from './layout.js';
import { printPdf } from './pdf.js';
import { sectionContext } from './section-context.js';
import { areaKeysHiddenFirst, areasLeftOut, areasSection } from './sections/areas.js';
import { capacitySection } from './sections/capacity.js';
import { demandSection } from './sections/demand.js';
import { diversionSection } from './sections/diversion.js';
import { eligibleSection } from './sections/eligible.js';
import { locationsSection } from './sections/locations.js';
import { methodSection } from './sections/method.js';
import { responseSection } from './sections/response.js';
import { summarySection } from './sections/summary.js';
import { tableCsv, type PreparedTable } from './tables.js';

export interface ReportOptions {
  store: string;
  /** Output directory: report.html, csv/*.csv and report.pdf are written into it. */
  out: string;
  /** Public edition: aggregates only, no addresses, counts 1-10 suppressed. */
  public?: boolean;
  /** Also print report.pdf with headless Chromium. */
  pdf?: boolean;
  /** Chromium executable for the PDF; SAFEGAP_CHROMIUM or /usr/bin/chromium by default. */
  chromium?: string;
  /** City id of the built-in mapping (taxonomy/mappings/<city>.csv); guessed from the source name. */
  city?: string;
  /** A city mapping CSV of the user's own. */
  mapping?: string;
  /** First and last local day, YYYY-MM-DD; the store's whole span by default. */
  from?: string;
  to?: string;
  denominator?: Denominator;
  /** Diverted-share goal 0-1; 0.2 by default (the Minneapolis goal). */
  target?: number;
  /** Years to reach the target (the pathways' calls a year and a week); 1 by default. */
  horizonYears?: number;
  /** The capacity planner's responder, phase, goal and schedule (`safegap analyze` takes the same). */
  capacity?: CapacityOptions;
  /** Repeat locations of the internal edition: fewest calls a listed block has (11), blocks per category (25). */
  minCount?: number;
  top?: number;
  /**
   * GeoJSON boundary layers, `[name=]FILE[#property]` as `safegap analyze --boundaries` takes them: a layer
   * named after a store area column (precinct) draws it as a choropleth; another is joined to coordinates.
   */
  boundaries?: (string | BoundaryLayer)[];
  /** Report title; "Community safety asset and gap analysis" by default. */
  title?: string;
  /** DuckDB memory limit, e.g. '1GB'. */
  memoryLimit?: string;
  /** DuckDB threads; all cores by default. */
  threads?: number;
}

export interface ReportResult {
  /** Absolute paths of what was written. */
  html: string;
  pdf: string | null;
  csv: string[];
  sections: { id: string; title: string }[];
  /** The headline figures as numbers, as the executive summary shows them. */
  headlines: HeadlineValues;
  period: ReportData['period'];
  /** The shares' denominator, by name (`cfs_excl_officer_initiated`, `calls_911`, `all_calls`). */
  denominator: Denominator;
  public: boolean;
  seconds: number;
  /** The city mapping that classified the calls; null when every type was classified automatically. */
  mappingFile: string | null;
  /**
   * Public edition: the counts from 1 to 10 that a table's sums, orders and facts still pin to fewer than
   * ten values with nothing left to withhold (table, row, column), which the person publishing is told of.
   * Empty for the internal edition.
   */
  exposed: string[];
  /**
   * The notes on the data `analyze` prints (a quiet first month, responders no source records, ...), for
   * the person building the report: on the internal page they were far down, and the terminal said none
   * (tester 117: a month of two calls drew 50% diverted above the goal line). A public edition's are
   * those its page carries, without small counts.
   */
  warnings: string[];
  /** Notes of the internal edition a public one leaves out (they can name small counts). */
  warningsLeftOut: number;
}

export async function buildReport(options: ReportOptions): Promise<ReportResult> {
  const started = performance.now();
  const isPublic = options.public ?? false;
  const outDir = checkOutputDir(options.out);
  refuseInsideStore(options.out, options.store);
  if (isPublic) refuseOtherFiles(outDir, options.out);
  checkMinCount(options.minCount);
  if (options.target !== undefined && !(options.target > 0 && options.target < 1))
    throw new UserError(
      `The goal must be a share between 0 and 1; got ${options.target}.`,
      'for example --target 0.2.',
    );
  const state = requireStore(options.store);
  if (isPublic) await loadDisclosureAudit();

  // Spill files of a large store go to a private temporary folder, as `safegap analyze` does, never the cwd.
  const { conn, close } = await openScratchEngine('report', {
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  });
  let data: ReportData;
  try {
    data = await gatherReportData(conn, state, {
      ...(options.city ? { city: options.city } : {}),
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.denominator ? { denominator: options.denominator } : {}),
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.horizonYears !== undefined ? { horizonYears: options.horizonYears } : {}),
      ...(options.capacity ? { capacity: options.capacity } : {}),
      ...(options.minCount !== undefined ? { minCount: options.minCount } : {}),
      ...(options.top !== undefined ? { top: options.top } : {}),
      ...(options.boundaries ? { boundaries: options.boundaries } : {}),
    });
  } finally {
    close();
  }

  if (isPublic) refuseDisclosingDenominators(data);

  // Built aside and moved in only when whole: a failed or stopped build leaves the previous report as it was,
  // or none, never an internal edition's PDF or CSVs beside a public one.
  const dir = startOutput(outDir);
  try {
    return await writeReport(dir, outDir, data, isPublic, options, started);
  } catch (e) {
    abandonOutput(dir);
    throw e;
  }
}

/**
 * A public edition's folder is published as it is, so it may hold only what a report writes: analyze's
 * CSVs in it (repeat locations by block, counts of 1 to 10) sat beside the public page. A CSV in `csv/` is
 * a report's only when the earlier report.html links it: the build leaves any other there.
 */
function refuseOtherFiles(outDir: string, out: string): void {
  if (!existsSync(outDir)) return;
  const own = new Set(['report.html', 'report.pdf', 'csv']);
  const earlier = new Set(earlierReportCsvs(outDir));
  const others = [
    ...readdirSync(outDir)
      .filter((f) => !own.has(f) && !f.startsWith('.safegap-partial-'))
      .sort(),
    ...(existsSync(join(outDir, 'csv'))
      ? readdirSync(join(outDir, 'csv'))
          .filter((f) => !earlier.has(f))
          .sort()
          .map((f) => join('csv', f))
      : []),
  ];
  if (others.length)
    throw new UserError(
      `--out ${out} holds files a report does not write (${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}): a public edition's folder is published whole, and these would go with it.`,
      'give --public a folder of its own, empty or holding only an earlier report.',
    );
}

/**
 * The CSVs of the report in `outDir`, as its report.html links them (every table's CSV is linked): those a
 * new build replaces. Any other file in `csv/` is the user's, and stays (tester 207: every CSV there was
 * removed, the user's own with the report's).
 */
function earlierReportCsvs(outDir: string): string[] {
  const htmlPath = join(outDir, 'report.html');
  if (!existsSync(htmlPath) || !statSync(htmlPath).isFile()) return [];
  const page = readFileSync(htmlPath, 'utf8');
  const linked = [...page.matchAll(/href="csv\/([A-Za-z0-9_.-]+\.csv)"/g)].map((m) => m[1]!);
  // And those its head names, the CSVs of tables it does not show among them (tester 353).
  const named = /<meta name="safegap-csv" content="([^"]*)"/.exec(page)?.[1]?.split(' ') ?? [];
  return [...new Set([...linked, ...named])].filter(
    (f) => /^[A-Za-z0-9_.-]+\.csv$/.test(f) && existsSync(join(outDir, 'csv', f)),
  );
}

/**
 * Every edition publishes the period's calls and the shares' denominator, in its text and as the totals of
 * its tables, so their difference, the calls the denominator leaves out (officer-initiated ones; every call
 * not from 911), is published however the tables hide it: a public edition where it is 1 to 10 is refused.
 */
function refuseDisclosingDenominators(data: ReportData): void {
  const fix =
    'choose a longer period of whole months, or --denominator all_calls (the figures are then of every call), or build the internal edition (without --public).';
  const left = data.analysisQuality.calls_in_period - data.denominator.calls;
  if (isSmall(left))
    throw new UserError(
      `The public edition cannot be built for ${data.period.from} to ${data.period.to} with the denominator "${data.denominator.label}": from 1 to 10 calls of the period are not in it, and the edition publishes both the calls in the period and the calls of the denominator, whose difference is that count.`,
      fix,
    );
  // The same by month: every call of a month (calls by month) less the denominator's (the diverted share
  // by month); a period ending on the 1st had February's one officer-initiated call as 41 - 40.
  const ofDenominator = new Map(
    data.tables.diverted_share.rows
      .filter((r) => r.denominator === data.denominator.name && r.responder === 'all_diverted')
      .map((r) => [r.period, r.denominator_calls]),
  );
  for (const m of data.tables.demand_monthly.rows.filter((r) => r.category === 'all')) {
    // A month of 1-10 calls has both counts hidden (the denominator's is no more): nothing to subtract.
    if (isSmall(m.calls) || !isSmall(m.calls - (ofDenominator.get(m.month) ?? 0))) continue;
    throw new UserError(
      `The public edition cannot be built for ${data.period.from} to ${data.period.to} with the denominator "${data.denominator.label}": from 1 to 10 calls of ${m.month} are not in it, and the edition publishes both the month's calls and the denominator's, whose difference is that count.`,
      fix,
    );
  }
}

/**
 * The counts from 1 to 10 that a table's own sums, orders and facts still pin to fewer than ten values,
 * with nothing left to withhold that widens them (suppress.ts, `exposed`), named for the person
 * publishing. Short periods meet this (tester 110: a Minneapolis week put nine categories' diverted calls
 * at 1 to 6 each, beside the crisis team's handled calls). The audit's model is cautious (it takes a hidden
 * count it cannot tell from a published one to be published), so it warns rather than refuses.
 */
export function exposedCounts(tables: readonly PreparedTable[]): string[] {
  const named = tables.flatMap((t) =>
    t.exposed.map((c) => {
      const row = t.spec.rows[c.row]!;
      const label = t.spec.columns
        .filter((col) => col.kind === 'text' && !col.hidden)
        .map((col) => row[col.key])
        .filter((v) => v !== null && v !== undefined && v !== '')
        .join(', ');
      const column = t.spec.columns.find((col) => col.key === c.key);
      return `${t.spec.id}: ${label || `row ${c.row + 1}`}, ${column?.hidden ? `a count behind the table ("${column.label}")` : `"${column?.label ?? c.key}"`}`;
    }),
  );
  // Columns behind a table can share a label (the category table's one per responder and phase drawing on
  // the category): one line for them, with how many, not the same line twice (tester 112).
  const times = new Map<string, number>();
  for (const n of named) times.set(n, (times.get(n) ?? 0) + 1);
  return [...times].map(([n, k]) => (k > 1 ? `${n} (${k} such counts)` : n));
}

/**
 * The cover's line over the title: the city its settings name (or, without settings, its built-in
 * profiles: data.ts, profileCity), of one source or of several in one time zone, else how many sources
 * there are. Sources in several zones are of several cities, whatever settings
 * the first gives (tester 344: a store of Minneapolis' and Burlington's calls read "Minneapolis"); a city
 * guessed from the words the sources' names share read "Police" and "Export" (tester 344).
 */
export function reportSubtitle(
  cityName: string | null,
  sources: readonly string[],
  zones: readonly { zone: string }[] = [],
): string {
  const cities = new Set(zones.map((z) => canonicalZone(z.zone))).size;
  if (cityName && cities < 2) return `${cityName}: calls for service`;
  return sources.length < 2 ? 'Calls for service' : `Calls for service of ${sources.length} sources`;
}

/** A turn of the event loop: pending signals' listeners run before it resolves. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function writeReport(
  dir: string,
  outDir: string,
  data: ReportData,
  isPublic: boolean,
  options: ReportOptions,
  started: number,
): Promise<ReportResult> {
  // A count published in two tables, or a total of one table that another's cells add up to, must be
  // hidden in both: the sections are built again with the keys the last build hid until no table hides a
  // new one (the set only grows, so this ends).
  let tables: PreparedTable[] = [];
  let sections: Section[] = [];
  // Area counts near another layer's are hidden from the start: no table's own sums say why.
  for (let forced = new Set<string>(isPublic ? areaKeysHiddenFirst(data) : []); ;) {
    tables = [];
    const hidden = new Set<string>();
    const ctx = sectionContext(data, isPublic, tables, { forced, hidden });
    const built: (Section | null)[] = [];
    for (const section of [
      summarySection,
      demandSection,
      diversionSection,
      eligibleSection,
      responseSection,
      capacitySection,
      areasSection,
      locationsSection,
      methodSection,
    ]) {
      // A turn of the event loop between sections, where Ctrl-C and SIGTERM are answered (cli/interrupt.ts
      // exits, its undo taking the staging folder away): a public build's audit is synchronous, seconds a
      // section, and a SIGTERM during it waited for a turn that came only after the report was moved into
      // --out, when the CLI exited 0 first, without a word (tester 390).
      if (isPublic) await nextTurn();
      built.push(section(ctx));
    }
    sections = built.filter((s): s is Section => s !== null);
    if ([...hidden].every((k) => forced.has(k))) break;
    forced = new Set([...forced, ...hidden]);
  }

  const title = options.title ?? 'Community safety asset and gap analysis';
  // The period's, as the line over the title: Seattle's 2023 named the dispatch file of 2024 (tester 347).
  const sourcesLine = data.periodSources.join(', ') || 'none with a call in the period';
  const doc = page({
    title,
    csvFiles: tables.map((t) => `${t.spec.id}.csv`),
    // The period's sources and their zones, not the store's: a month that only one of Seattle's two sources
    // covers read "of 2 sources".
    // The city settings' name, else the built-in profiles' city (tester 384: Seattle has no settings).
    subtitle: reportSubtitle(
      data.classes.cityName ?? data.profileCity,
      data.periodSources,
      data.sourceZones.filter((z) => data.periodSources.includes(z.source)),
    ),
    // A house number's block (`31XX`), not a street alone: Burlington's NORTH AVE was called block-level
    // (tester 344), as the locations section says it is not (locations.ts).
    blockAddresses: !isPublic && data.tables.repeat_locations.rows.some((r) => /\dXX\b/.test(r.block)),
    facts: [
      html`Period: ${days(data.period.from, data.period.to)} (local time).`,
      html`Sources: ${sourcesLine}; store version ${data.storeVersion}.`,
      html`${isPublic ? 'Public edition' : 'Internal edition'}, built ${new Date().toISOString().slice(0, 10)}
      (UTC) by safegap.`,
    ],
    sections,
    isPublic,
    footer: html`<p>
      Made with safegap from the calls store ${data.storeVersion}. Every table is in the csv folder beside
      this file. Figures state their period, denominator and the data left out.
    </p>`,
  });

  // And once more before anything is written, for a signal that came during the last section.
  await nextTurn();
  const htmlPath = join(dir, 'report.html');
  writeNamed(htmlPath, doc.value);
  mkdirSync(join(dir, 'csv'));
  const csv: string[] = [];
  const seen = new Set<string>();
  for (const t of tables) {
    if (seen.has(t.spec.id)) throw new Error(`two report tables share the id ${t.spec.id}`);
    seen.add(t.spec.id);
    writeNamed(join(dir, 'csv', `${t.spec.id}.csv`), tableCsv(t));
    csv.push(join(outDir, 'csv', `${t.spec.id}.csv`));
  }
  if (options.pdf) await printPdf(htmlPath, join(dir, 'report.pdf'), options.chromium);
  // The previous build's files go first (a stale PDF or the internal edition's repeat-locations CSV must
  // not stay beside this one); report.html comes last, so a folder with it holds a whole report.
  const oldCsv = earlierReportCsvs(outDir).map((f) => join('csv', f));
  finishOutput(dir, outDir, ['report.html', 'report.pdf', ...oldCsv], 'report.html');
  // An ingest that committed while the report was built: the report is of the version it read, as it says,
  // which a reader of a folder built "now" would not guess (tester 272: 30,000 calls short, without a word,
  // where analyze says so).
  const now = currentVersion(data.storeDir) ?? data.storeVersion;
  const moved =
    now === data.storeVersion
      ? []
      : [
          `The store moved to ${now} while this report of ${data.storeVersion} was built (an ingest committed it): the report is of ${data.storeVersion}, as it says; build it again for the newer version's figures.`,
        ];
  return {
    html: join(outDir, 'report.html'),
    pdf: options.pdf ? join(outDir, 'report.pdf') : null,
    csv,
    sections: sections.map((s) => ({ id: s.id, title: s.title })),
    // Rounded as analysis.json's figures are: a share read 0.37761920942349075 in `--json`.
    headlines: Object.fromEntries(
      Object.entries(headlineValues(data)).map(([k, v]) => [k, typeof v === 'number' ? noNoise(v) : v]),
    ) as unknown as HeadlineValues,
    period: roundedPeriod(data.period),
    denominator: data.denominator.name,
    public: isPublic,
    seconds: (performance.now() - started) / 1000,
    mappingFile: data.classes.mappingFile,
    exposed: exposedCounts(tables),
    // A public build's notes are the page's, without their small counts: a build log pasted into a
    // ticket gave "Road Hazard, 1", the call its tables hide (tester 205).
    // Which mapping and settings were read is said to the analyst building either edition (setupNotes).
    warnings: [
      ...(isPublic ? [...data.classes.setupNotes, ...data.publicWarnings] : data.warnings),
      ...[...data.offMapNotes]
        .filter(([k]) => k.startsWith(isPublic ? 'public:' : 'internal:'))
        .map(([, note]) => note),
      // The area tables a public edition leaves out, said where the run is read too, in the page's words: the
      // page alone said it, and a script asking for a zone map got fewer tables than without it (tester 354).
      ...(isPublic
        ? areasLeftOut(data).map(
            (o) =>
              `Calls by ${humanise(o.field).toLowerCase()} are left out of this edition: some areas of ${humanise(o.parent).toLowerCase()} hold from 1 to 10 calls more or fewer than the areas of ${humanise(o.child).toLowerCase()} in them add up to, and the two tables together would publish that small count. The internal edition has them.`,
          )
        : []),
      ...moved,
    ],
    warningsLeftOut: isPublic
      ? data.warnings.length - data.publicWarnings.length - data.classes.setupNotes.length
      : 0,
  };
}
