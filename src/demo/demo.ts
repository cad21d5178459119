/**
 * `safegap demo`: the whole pipeline on the built-in synthetic city, so anyone can see what safegap does
 * without data of their own: synthesise calls and boundaries, ingest the calls into a store, summarise
 * the store, and write the report with its maps.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
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
  // A second demo merged into the first one's store (500 + 500 + 300 calls of three seeds). A store of the
  // synthetic city alone is the demo's and starts afresh; any other is somebody's data and stays.
  if (existsSync(store)) {
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
    const sources = Object.keys(state.manifest.sources);
    if (sources.some((s) => s !== 'synthetic_city'))
      throw new UserError(
        `--dir ${options.dir} holds a store of other data (${sources.join(', ')}) in store/.`,
        'give the demo a folder of its own.',
      );
    rmSync(store, { recursive: true, force: true });
  }
  const say = options.onStep ?? (() => {});
  say(
    `Synthesising ${options.calls.toLocaleString('en-US')} calls over ${options.years} ${options.years === 1 ? 'year' : 'years'} (seed ${options.seed})...`,
  );
  const city = await synthesize({ calls: options.calls, years: options.years, seed: options.seed, out: csv });
  say(`Ingesting ${csv} into ${store}...`);
  const ingested = await ingest({ files: [csv], profile: 'synthetic-city', store });
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
  return { csv, store, ingest: ingested, summary, report };
}
