import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { capacityClosing, runDemo, type DemoPaths, type DemoStage } from '../demo/demo.js';
import { currentVersion } from '../store/current-version.js';
import { sayWhenInterrupted, type Interrupt } from './interrupt.js';
import { parsePositive, parsePositiveInt } from './args.js';
import { YEARS_RANGE } from '../synth/synth.js';
import { printIngestSummary } from './ingest.js';
import { printStoreSummary } from './store.js';
import { shellWord } from '../util/words.js';

/**
 * What a Ctrl-C during the demo says: which of its steps are done, and what running it again does, as
 * ingest, analyze and report say where they stand ("demo was interrupted (SIGINT)." alone: tester 377).
 * `hadReport`: a report of an earlier demo was in the folder, which stays until the new one is whole.
 */
function demoStands(stage: DemoStage, p: DemoPaths, hadReport: boolean, signal: Interrupt): string {
  const version = currentVersion(p.store);
  const exported = `the export ${p.csv} and its boundary files are written`;
  const noReport = `the report was not written${hadReport ? ` (${p.report} keeps the earlier demo's)` : ''}`;
  const where = {
    checking: `before it wrote anything in ${p.dir}`,
    synthesising: `while it synthesised the calls: the export ${p.csv} was not written, no store was made, and ${noReport}`,
    ingesting: `while it ingested the calls: ${exported}; ${version ? `the store ${p.store} is at ${version}` : 'no store was made (the ingest committed nothing)'}; ${noReport}`,
    reporting: `while it wrote the report: ${exported}, and the store ${p.store} is at ${version ?? '(none)'}; ${noReport}`,
    done: `after its work was done: the report is ${join(p.report, 'report.html')}`,
  }[stage];
  // The demo keeps nothing of a stopped run: the next one synthesises, ingests and reports from the start.
  return `demo was interrupted (${signal}) ${where}${stage === 'done' ? '' : `. Run the demo again with the same --dir to start it over: it writes the export, the store and the report anew`}`;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run safegap end to end on a synthetic city: synthesise, ingest, summarise, report')
    .option('-d, --dir <dir>', 'working directory for the export, the store and the report', 'safegap-demo')
    .option('--calls <n>', 'number of synthetic calls', '300000')
    .option('--years <n>', 'years of calls (fractions too: 0.25 is about a quarter)', '3')
    .option('--seed <s>', 'random seed, as synth takes it (the same seed gives the same city)', '1')
    .option(
      '--force',
      "replace what is recognisably the synthetic city's in --dir though an earlier demo did not make it: its store, export, boundary files, report (never a store of other data, a store/ that is no store, or any other file)",
    )
    .action(async (opts: { dir: string; calls: string; years: string; seed: string; force?: boolean }) => {
      let hadReport = false;
      const result = await runDemo({
        dir: opts.dir,
        calls: parsePositiveInt(opts.calls, '--calls'),
        // As synth takes them (0.25 is about a quarter): it refused 2.5, which synth took.
        years: parsePositive(opts.years, '--years', YEARS_RANGE),
        // Any text, as synth takes it: a city written by `synth --seed abc` could not be made again (tester 128).
        seed: opts.seed,
        ...(opts.force ? { force: true } : {}),
        onStage: (stage, paths) => {
          if (stage === 'checking') hadReport = existsSync(join(paths.report, 'report.html'));
          sayWhenInterrupted((signal) => demoStands(stage, paths, hadReport, signal));
        },
        onStep: (m) => console.log(m),
        onIngested: (ingested, summary) => {
          printIngestSummary(ingested);
          console.log('');
          printStoreSummary(summary);
          console.log('');
        },
      });
      console.log(
        `\nThe report is ${result.report.html}: open it in a browser; its tables are in ${dirname(result.report.html)}/csv.`,
      );
      console.log(capacityClosing(result));
      console.log(
        `The store is in ${result.store}; inspect it with \`safegap store info --store ${shellWord(result.store)}\`.`,
      );
    });
}
