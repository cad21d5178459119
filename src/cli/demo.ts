import { dirname } from 'node:path';
import type { Command } from 'commander';
import { capacityClosing, runDemo } from '../demo/demo.js';
import { parsePositive, parsePositiveInt } from './args.js';
import { YEARS_RANGE } from '../synth/synth.js';
import { printIngestSummary } from './ingest.js';
import { printStoreSummary } from './store.js';
import { shellWord } from '../util/words.js';

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
      const result = await runDemo({
        dir: opts.dir,
        calls: parsePositiveInt(opts.calls, '--calls'),
        // As synth takes them (0.25 is about a quarter): it refused 2.5, which synth took.
        years: parsePositive(opts.years, '--years', YEARS_RANGE),
        // Any text, as synth takes it: a city written by `synth --seed abc` could not be made again (tester 128).
        seed: opts.seed,
        ...(opts.force ? { force: true } : {}),
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
