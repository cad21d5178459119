/**
 * `safegap demo`: the whole pipeline on the built-in synthetic city, so anyone can see what safegap does
 * without data of their own: synthesise calls and boundaries, ingest the calls into a store, summarise
 * the store, and write the report with its maps.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createGunzip } from 'node:zlib';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { buildReport, type ReportResult } from '../report/report.js';
import { openEngine } from '../store/duckdb.js';
import { requireStore } from '../store/store.js';
import { summarizeStore, type StoreSummary } from '../store/summary.js';
import { boundaryCollections, cityMap } from '../synth/city-map.js';
import { boundaryFiles, checkCityOptions, CSV_COLUMNS, synthesize } from '../synth/synth.js';
import { UserError } from '../util/user-error.js';
import { makeDir } from '../util/publish.js';

export interface DemoOptions {
  /** Working directory for the synthetic export, the store and the report. */
  dir: string;
  calls: number;
  years: number;
  /** Any text, as synth takes it (1 and '1' are one seed). */
  seed: string | number;
  /**
   * Replace what is recognisably the synthetic city's in the folder though an earlier demo did not make it
   * (a store and export of `synth` and `ingest`, its boundary files, a report of it). A store of other data,
   * a store/ that is no store, and any other file the demo would write over are never replaced.
   */
  force?: boolean;
  onStep?: (message: string) => void;
  /** The store is made: said before the report is written, not after (tester 149). */
  onIngested?: (ingested: IngestSummary, summary: StoreSummary) => void;
  /** Each step as it begins, with the demo's paths: what a Ctrl-C says of where the folder stands. */
  onStage?: (stage: DemoStage, paths: DemoPaths) => void;
}

/**
 * The demo's steps: `checking` changes nothing; `synthesising` writes the export and boundary files,
 * `ingesting` the store, `reporting` the report; `done` is the demo's work done.
 */
export type DemoStage = 'checking' | 'synthesising' | 'ingesting' | 'reporting' | 'done';

export interface DemoPaths {
  dir: string;
  csv: string;
  store: string;
  report: string;
}

export interface DemoResult {
  csv: string;
  store: string;
  ingest: IngestSummary;
  summary: StoreSummary;
  report: ReportResult;
  /** Whether the report holds a capacity plan for the crisis team (it has none where nothing can be planned). */
  capacityPlanned: boolean;
}

/** The demo's capacity goal: 80% of calls reached within 30 minutes of pickup. */
export const DEMO_GOAL = { kind: 'service_level' as const, withinS: 30 * 60, level: 0.8 };

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  // Before the previous demo's store is removed, and before anything is said to be under way.
  checkCityOptions(options);
  const dir = resolve(options.dir);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UserError(
      `--dir ${options.dir} is a file, not a folder.`,
      'give a folder for the demo (it is created if missing).',
    );
  makeDir(options.dir, dir, '--dir');
  const csv = join(dir, 'synthetic-city.csv.gz');
  const store = join(dir, 'store');
  const paths: DemoPaths = { dir, csv, store, report: join(dir, 'report') };
  const stage = (s: DemoStage) => options.onStage?.(s, paths);
  stage('checking');
  const marker = join(dir, MARKER);
  const made = readMarker(marker);
  // A second demo merged into the first one's store (500 + 500 + 300 calls of three seeds), so a demo's own
  // store starts afresh. Any other stays: somebody's data, or a synthetic city made with synth and ingest,
  // perhaps with an analysis saved in it, which a demo replaced without a word (tester 276).
  const storeIsDemos = existsSync(store) && checkStore(options, store, csv, made);
  // Every other file the demo writes over, checked before anything is changed: its boundary files and a
  // report/ it did not write were replaced without a word, and --force replaced a Burlington export saved
  // under the export's name (tester 289).
  const kept = await checkFiles(options, dir, csv, made);
  // Gone before the store goes: a demo stopped after removing the store leaves no marker to vouch for what
  // it writes next.
  rmSync(marker, { force: true });
  stage('synthesising');
  if (existsSync(store) && (storeIsDemos || options.force)) rmSync(store, { recursive: true, force: true });
  // What the next demo in this folder may replace: this export, and once ingested this store version, and
  // nothing made since. The export's first, so a demo stopped during the ingest may be run again.
  const mark = (m: DemoMarker) => writeFileSync(marker, `${JSON.stringify(m, null, 2)}\n`);
  // Before the export is written, after the store is gone: a demo stopped once its export was moved in but
  // before its marker was written left an export "which no demo wrote", and the next demo refused to run
  // without --force (tester 377).
  mark({ made_by: 'safegap demo', store_version: null, csv_sha256: null, files: kept, writing: 'export' });
  const say = options.onStep ?? (() => {});
  say(
    `Synthesising ${options.calls.toLocaleString('en-US')} calls over ${options.years} ${options.years === 1 ? 'year' : 'years'} (seed ${options.seed})...`,
  );
  const city = await synthesize({ calls: options.calls, years: options.years, seed: options.seed, out: csv });
  stage('ingesting');
  say(`Ingesting ${csv} into ${store}...`);
  // The previous demo's report is still there, and still its: a demo stopped before its own report is written
  // must not find it unrecorded next time.
  const written: DemoMarker = {
    made_by: 'safegap demo',
    store_version: null,
    csv_sha256: await sha256Of(csv),
    files: kept,
  };
  mark(written);
  const ingested = await ingest({ files: [csv], profile: 'synthetic-city', store });
  const version = requireStore(store).manifest.version;
  mark({ ...written, store_version: version });
  stage('reporting');
  const conn = await openEngine();
  let summary: StoreSummary;
  try {
    summary = await summarizeStore(conn, requireStore(store));
  } finally {
    conn.closeSync();
  }
  options.onIngested?.(ingested, summary);
  say('Writing the report...');
  // The report is moved in whole, but before the marker records it: stopped in between, it was a report
  // "which no demo wrote" to the next demo (tester 377).
  mark({ ...written, store_version: version, writing: 'report' });
  const report = await buildReport({
    store,
    out: paths.report,
    title: DEMO_TITLE,
    boundaries: (['precinct', 'neighborhood'] as const).map(
      (layer) => `${layer}=${city.boundaries[`${layer}s`]}`,
    ),
    // The default goal, 80% within 15 minutes of pickup, is out of the synthetic team's reach (its own
    // call-taking, dispatch and travel take 15 minutes at the median, as Minneapolis' team's take 16), and
    // the report would only say so: the demo plans a goal the team can meet, and the report names it.
    capacity: { goal: DEMO_GOAL },
  });
  // The plan's table is written only where units could be planned: with a few calls, no call may be
  // eligible for the team, or too few have the times the queue model needs.
  const capacityPlanned = report.csv.some((f) => f.endsWith('capacity_units_by_hour.csv'));
  const reportFiles: Record<string, string> = {};
  for (const file of [report.html, ...report.csv])
    reportFiles[relative(dir, file).split(sep).join('/')] = await sha256Of(file);
  mark({ ...written, store_version: version, files: reportFiles });
  stage('done');
  return { csv, store, ingest: ingested, summary, report, capacityPlanned };
}

/**
 * The closing word on the report's capacity plan, as the report computed it: with a few calls there may be
 * none to plan for, and the line told of a plan for 80% within 30 minutes beside a report of no units to
 * plan (tester 276).
 */
export function capacityClosing(result: Pick<DemoResult, 'capacityPlanned' | 'report'>): string {
  const goal = `${DEMO_GOAL.level * 100}% of calls reached within ${DEMO_GOAL.withinS / 60} minutes of pickup`;
  if (result.capacityPlanned)
    return `Its capacity plan is for ${goal} (\`safegap report --reach-minutes\` sets the goal; docs/synthetic-city.md says why not the default 15 minutes).`;
  const eligible = result.report.headlines.bcrEligibleNow;
  const why =
    eligible === 0
      ? 'no call of the period is eligible for the crisis team, so there are no units to plan'
      : `${eligible.toLocaleString('en-US')} ${eligible === 1 ? 'call is' : 'calls are'} eligible for the crisis team, and its section "Capacity needed" says why no units could be planned for them`;
  return `Its report has no capacity plan (for ${goal}): ${why}. The demo's default 300,000 calls (--calls) give one.`;
}

/** The file in the demo's folder that says which store version and export the demo wrote there. */
const MARKER = '.safegap-demo.json';

/** The demo's report's title: a report.html with it is recognisably a report of the synthetic city. */
const DEMO_TITLE = 'Community safety asset and gap analysis: the synthetic city';

interface DemoMarker {
  made_by: 'safegap demo';
  /** Null until the demo's ingest has committed. */
  store_version: string | null;
  /** Null while the export is written (`writing: 'export'`). */
  csv_sha256: string | null;
  /**
   * The step under way when the marker was written, whose files (the export, the report) the next demo may
   * replace when they are recognisably the synthetic city's, as if under --force: they are this demo's, or
   * ones it had already been let replace.
   */
  writing?: 'export' | 'report';
  /**
   * The report's files the demo wrote (`report/report.html`, `report/csv/X.csv`) by their sha256. Missing in
   * a marker of a demo before tester 289, which recorded no report: its folder's report is taken as the
   * demo's when it is recognisably the synthetic city's.
   */
  files?: Record<string, string>;
}

function readMarker(file: string): DemoMarker | null {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoMarker> | null;
    return m &&
      m.made_by === 'safegap demo' &&
      (typeof m.csv_sha256 === 'string' || (m.csv_sha256 === null && m.writing === 'export')) &&
      (m.files === undefined || (typeof m.files === 'object' && m.files !== null))
      ? (m as DemoMarker)
      : null;
  } catch {
    return null;
  }
}

/** A file the demo would write over that it did not write; `forceable` when --force may replace it. */
interface Refused {
  file: string;
  why: string;
  forceable: boolean;
}

const isFolder = (path: string) => statSync(path).isDirectory();

/**
 * Refuses, before anything is written, every file the demo would write over (besides the store, which
 * checkStore judges) that it did not write itself: the export, the boundary files beside it, the report's
 * files in report/ and the marker. --force replaces those that are recognisably the synthetic city's, and
 * only those. Returns the marker's records of the report files found to be the last demo's, still true.
 */
async function checkFiles(
  options: DemoOptions,
  dir: string,
  csv: string,
  made: DemoMarker | null,
): Promise<Record<string, string>> {
  const refused: Refused[] = [];
  const aFolder = (file: string, what: string) =>
    refused.push({ file, why: `a folder, where the demo writes ${what}`, forceable: false });

  const marker = join(dir, MARKER);
  if (existsSync(marker) && made === null)
    refused.push({
      file: marker,
      why: 'which is not the record a demo keeps there of what it wrote (JSON with made_by "safegap demo" and the export\'s csv_sha256)',
      forceable: false,
    });

  if (existsSync(csv)) {
    if (isFolder(csv)) aFolder(csv, 'its synthetic export');
    else if (made === null || (await sha256Of(csv)) !== made.csv_sha256) {
      const whose = made === null ? 'which no demo wrote' : 'which is not the one the last demo here wrote';
      const first = await gzipFirstLine(csv);
      const header = CSV_COLUMNS.join(',');
      // A demo stopped while it wrote its export: the export there is its, or one it had been let replace.
      if (!(made?.writing === 'export' && first === header))
        refused.push(
          first === header
            ? {
                file: csv,
                why: `${whose}; it is a synthetic city's export (its header is the synthetic city's columns), as synth writes it`,
                forceable: true,
              }
            : {
                file: csv,
                why: `${whose}, and it is not a synthetic city's export (${first === null ? 'it is not gzip-compressed' : `its first line is "${first.length > 60 ? `${first.slice(0, 60)}...` : first}", not the synthetic city's columns "${header.slice(0, 40)}..."`})`,
                forceable: false,
              },
        );
    }
  }

  // The city's boundaries are the same for every seed and size: a file with them loses nothing when written
  // again, whoever wrote it.
  const layers = boundaryCollections(cityMap());
  const paths = boundaryFiles(csv);
  for (const [layer, key] of [
    ['precincts', 'precinct'],
    ['beats', 'beat'],
    ['neighborhoods', 'neighborhood'],
  ] as const) {
    const file = paths[layer];
    if (!existsSync(file)) continue;
    if (isFolder(file)) {
      aFolder(file, `the synthetic city's ${layer}`);
      continue;
    }
    const expected = JSON.parse(JSON.stringify(layers[layer])) as {
      features: { properties: Record<string, string> }[];
    };
    let found: unknown;
    try {
      found = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      found = undefined;
    }
    if (isDeepStrictEqual(found, expected)) continue;
    const names = (fc: unknown) => {
      const features = (fc as { type?: unknown; features?: unknown } | null)?.features;
      if ((fc as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features))
        return null;
      return features
        .map((f) => String((f as { properties?: Record<string, unknown> } | null)?.properties?.[key]))
        .sort();
    };
    const ours = names(expected)!;
    const theirs = names(found);
    const sameAreas = isDeepStrictEqual(theirs, ours);
    refused.push({
      file,
      why: sameAreas
        ? `which is not the synthetic city's ${layer} as the demo writes them: a GeoJSON of its ${ours.length} ${layer} (by ${key}), changed since`
        : `which is not the synthetic city's ${layer} (${theirs === null ? 'it is no GeoJSON FeatureCollection' : `its features are not the city's ${ours.length} ${layer}, by their ${key}`})`,
      forceable: sameAreas,
    });
  }

  const kept = await checkReport(dir, made, refused);

  const blocking = refused.filter((r) => !r.forceable || !options.force);
  if (blocking.length === 0) return kept;
  const name = (r: Refused) => relative(dir, r.file).split(sep).join('/');
  const never = blocking.filter((r) => !r.forceable);
  const forceable = blocking.filter((r) => r.forceable);
  const them = (rs: Refused[]) => (rs.length === 1 ? 'it' : 'them');
  const list = (rs: Refused[]) => rs.map(name).join(', ');
  const holds =
    blocking.length === 1
      ? `holds ${blocking[0]!.file}, ${blocking[0]!.why}: the demo would write over it.`
      : `holds ${blocking.length} files the demo would write over: ${blocking.map((r) => `${r.file}, ${r.why}`).join('; ')}.`;
  throw new UserError(
    `--dir ${options.dir} ${holds}`,
    never.length === 0
      ? `give the demo another folder (--dir), or move ${list(forceable)} away, or run the demo again with --force to replace ${them(forceable)}; nothing in ${options.dir} was changed.`
      : `give the demo another folder (--dir), or move ${list(never)} away${forceable.length ? ` and run the demo again with --force to replace ${list(forceable)}` : ''} (--force replaces only what is recognisably the synthetic city's, which ${never.length === 1 ? 'this is' : 'these are'} not); nothing in ${options.dir} was changed.`,
  );
}

/**
 * The report's files in report/ that the demo's report would replace or remove (report.html, report.pdf,
 * any CSV in csv/, whose names the tables take), each refused unless the marker records it as the demo
 * wrote it. Recognisably the synthetic city's (--force): a report.html with the demo's title, and the
 * CSVs it links. Files of other names in report/ the report leaves alone, and so does the demo.
 */
async function checkReport(
  dir: string,
  made: DemoMarker | null,
  refused: Refused[],
): Promise<Record<string, string>> {
  const kept: Record<string, string> = {};
  const folder = join(dir, 'report');
  if (!existsSync(folder)) return kept;
  if (!isFolder(folder)) {
    refused.push({ file: folder, why: 'a file, where the demo writes its report folder', forceable: false });
    return kept;
  }
  const csvFolder = join(folder, 'csv');
  if (existsSync(csvFolder) && !isFolder(csvFolder)) {
    refused.push({
      file: csvFolder,
      why: "a file, where the demo's report writes its tables' folder",
      forceable: false,
    });
    return kept;
  }
  const html = join(folder, 'report.html');
  const htmlText = existsSync(html) && !isFolder(html) ? readFileSync(html, 'utf8') : '';
  const ofTheCity = htmlText.includes(DEMO_TITLE);
  const linked = new Set([...htmlText.matchAll(/href="csv\/([A-Za-z0-9_.-]+\.csv)"/g)].map((m) => m[1]!));
  const atRisk = [
    'report.html',
    'report.pdf',
    ...(existsSync(csvFolder)
      ? readdirSync(csvFolder)
          .filter((f) => f.endsWith('.csv'))
          .sort()
          .map((f) => `csv/${f}`)
      : []),
  ].filter((f) => existsSync(join(folder, f)));
  for (const f of atRisk) {
    const file = join(folder, f);
    if (isFolder(file)) {
      refused.push({ file, why: "a folder, where the demo's report writes a file", forceable: false });
      continue;
    }
    const recorded = made?.files?.[`report/${f}`];
    if (recorded !== undefined && recorded === (await sha256Of(file))) {
      kept[`report/${f}`] = recorded;
      continue;
    }
    const recognised =
      f === 'report.html' ? ofTheCity : f.startsWith('csv/') && ofTheCity && linked.has(basename(f));
    // A demo before tester 289 recorded no report: what it wrote is still taken as its. So is the report
    // of a demo stopped while it wrote it.
    if (made !== null && (made.files === undefined || made.writing === 'report') && recognised) continue;
    const whose =
      recorded === undefined ? 'which no demo wrote' : 'which was changed since the last demo here wrote it';
    refused.push({
      file,
      why: recognised
        ? `${whose}; it is ${f === 'report.html' ? "a report of the synthetic city (the demo's title)" : "a table of the synthetic city's report beside it"}`
        : `${whose}, and it is not ${f === 'report.html' ? `a report of the synthetic city (no "${DEMO_TITLE}" in it)` : f === 'report.pdf' ? 'a file the demo writes (its report has no PDF)' : "a table that the synthetic city's report.html beside it links (the report writes its tables into csv/, over any file of a table's name)"}`,
      forceable: recognised,
    });
  }
  return kept;
}

/** The first line of a gzip file, or null where the file is not gzip. */
function gzipFirstLine(file: string): Promise<string | null> {
  return new Promise((done) => {
    const input = createReadStream(file);
    const gunzip = createGunzip();
    let text = '';
    const finish = (line: string | null) => {
      input.destroy();
      gunzip.destroy();
      done(line);
    };
    gunzip.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) finish(text.slice(0, end).replace(/\r$/, ''));
      else if (text.length > 1 << 16) finish(text);
    });
    gunzip.on('end', () => finish(text));
    gunzip.on('error', () => finish(null));
    input.on('error', () => finish(null));
    input.pipe(gunzip);
  });
}

function sha256Of(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/**
 * Whether the store in the demo's folder is the one an earlier demo made, as its marker says: the version
 * the demo committed, of its one ingest of the folder's export, with no analysis saved in it since. A store
 * that is not, or of other data, is refused (this one with --force aside).
 */
function checkStore(options: DemoOptions, store: string, csv: string, made: DemoMarker | null): boolean {
  // Not a store at all (files of somebody's): the hint was of --store, which demo does not take (tester 103).
  let state;
  try {
    state = requireStore(store);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(
      `--dir ${options.dir} has a folder store/ that is not a safegap store: ${e.message}`,
      'give the demo a folder of its own (--dir); nothing in this one was changed.',
    );
  }
  const m = state.manifest;
  const sources = Object.keys(m.sources);
  if (sources.some((s) => s !== 'synthetic_city'))
    throw new UserError(
      `--dir ${options.dir} holds a store of other data (${sources.join(', ')}) in store/.`,
      'give the demo a folder of its own.',
    );
  const analysed = existsSync(join(store, 'analysis'));
  const asMade =
    made !== null &&
    m.version === made.store_version &&
    m.runs.length === 1 &&
    m.runs[0]!.files.length === 1 &&
    // The export by its content, not its path: a demo folder moved or copied is still the demo's (tester 280).
    m.runs[0]!.files[0]!.sha256 === made.csv_sha256;
  const demos = asMade && !analysed;
  if (demos || options.force) return demos;
  const calls = Object.values(m.sources).reduce((a, s) => a + s.calls, 0);
  const files = [...new Set(m.runs.flatMap((r) => r.files.map((f) => f.path)))];
  const whose =
    made === null
      ? 'that no demo made'
      : asMade
        ? 'that the last demo here made, with an analysis saved in it since'
        : 'that is not as the last demo here left it';
  throw new UserError(
    `--dir ${options.dir} holds a store of the synthetic city in store/ ${whose} (version ${m.version}, ${calls.toLocaleString('en-US')} calls from ${m.runs.length} ${m.runs.length === 1 ? 'ingest' : 'ingests'} of ${files.slice(0, 2).join(', ')}${files.length > 2 ? ` and ${files.length - 2} more` : ''}${analysed && !asMade ? ', with an analysis saved in it' : ''}): the demo would replace it.`,
    `give the demo another folder (--dir), or remove ${store} yourself, or run the demo again with --force to replace it; nothing in ${options.dir} was changed.`,
  );
}
