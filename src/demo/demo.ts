/**
 * `safegap demo`: the whole pipeline on the built-in synthetic city, so anyone can see what safegap does
 * without data of their own: synthesise calls and boundaries, ingest the calls into a store, summarise
 * the store, and write the report with its maps.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { buildReport, type ReportResult } from '../report/report.js';
import { openEngine } from '../store/duckdb.js';
import { requireStore } from '../store/store.js';
import { summarizeStore, type StoreSummary } from '../store/summary.js';
import { checkCityOptions, synthesize } from '../synth/synth.js';
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
   * Replace a synthetic-city store and export in the folder that an earlier demo did not make (one of
   * `synth` and `ingest`). A store of other data, or a store/ that is no store, is never replaced.
   */
  force?: boolean;
  onStep?: (message: string) => void;
  /** The store is made: said before the report is written, not after (tester 149). */
  onIngested?: (ingested: IngestSummary, summary: StoreSummary) => void;
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
  const marker = join(dir, MARKER);
  const made = readMarker(marker);
  // A second demo merged into the first one's store (500 + 500 + 300 calls of three seeds), so a demo's own
  // store starts afresh. Any other stays: somebody's data, or a synthetic city made with synth and ingest,
  // perhaps with an analysis saved in it, which a demo replaced without a word (tester 276).
  const storeIsDemos = existsSync(store) && checkStore(options, store, csv, made);
  const csvIsDemos = existsSync(csv) && made !== null && (await sha256Of(csv)) === made.csv_sha256;
  if (existsSync(csv) && !csvIsDemos && !options.force)
    throw new UserError(
      `--dir ${options.dir} holds ${csv}, which ${made === null ? 'no demo wrote' : 'is not the one the last demo here wrote'}: the demo would write its synthetic export over it.`,
      `give the demo another folder (--dir), or move the file away, or run the demo again with --force to replace it; nothing in ${options.dir} was changed.`,
    );
  // Gone before the store goes: a demo stopped after removing the store leaves no marker to vouch for what
  // it writes next.
  rmSync(marker, { force: true });
  if (existsSync(store) && (storeIsDemos || options.force)) rmSync(store, { recursive: true, force: true });
  const say = options.onStep ?? (() => {});
  say(
    `Synthesising ${options.calls.toLocaleString('en-US')} calls over ${options.years} ${options.years === 1 ? 'year' : 'years'} (seed ${options.seed})...`,
  );
  const city = await synthesize({ calls: options.calls, years: options.years, seed: options.seed, out: csv });
  say(`Ingesting ${csv} into ${store}...`);
  // What the next demo in this folder may replace: this export, and once ingested this store version, and
  // nothing made since. The export's first, so a demo stopped during the ingest may be run again.
  const mark = (m: DemoMarker) => writeFileSync(marker, `${JSON.stringify(m, null, 2)}\n`);
  const written: DemoMarker = {
    made_by: 'safegap demo',
    store_version: null,
    csv_sha256: await sha256Of(csv),
  };
  mark(written);
  const ingested = await ingest({ files: [csv], profile: 'synthetic-city', store });
  mark({ ...written, store_version: requireStore(store).manifest.version });
  const conn = await openEngine();
  let summary: StoreSummary;
  try {
    summary = await summarizeStore(conn, requireStore(store));
  } finally {
    conn.closeSync();
  }
  options.onIngested?.(ingested, summary);
  say('Writing the report...');
  const report = await buildReport({
    store,
    out: join(dir, 'report'),
    title: 'Community safety asset and gap analysis: the synthetic city',
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

interface DemoMarker {
  made_by: 'safegap demo';
  /** Null until the demo's ingest has committed. */
  store_version: string | null;
  csv_sha256: string;
}

function readMarker(file: string): DemoMarker | null {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoMarker> | null;
    return m && m.made_by === 'safegap demo' && typeof m.csv_sha256 === 'string' ? (m as DemoMarker) : null;
  } catch {
    return null;
  }
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
