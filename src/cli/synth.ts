import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { boundaryFiles, synthesize, YEARS_RANGE, type SynthSummary } from '../synth/synth.js';
import { parsePositive, parsePositiveInt } from './args.js';
import { fmt, tookLine } from './format.js';
import { terminalProgress } from './progress.js';
import { checkOutputFile, refuseExisting } from '../util/write-file.js';
import { cannotWriteFile } from '../util/user-error.js';
import { percent } from '../util/percent.js';
import { noNoise } from '../util/float-noise.js';

export function printSynthSummary(s: SynthSummary): void {
  const d = s.dirt;
  console.log(
    [
      `Wrote ${fmt(s.rows)} rows (${fmt(s.calls)} calls, ${fmt(d.duplicate_rows)} duplicate rows) to ${s.out}`,
      `  received ${s.first_received} to ${s.last_received} (${s.time_zone}), seed ${s.seed}`,
      `  not police: ${percent(s.diverted_share)}; no arrival: ${fmt(s.no_arrival_rows)}; type changed: ${fmt(s.type_changed_rows)}`,
      `  dirt: ${fmt(d.dst_gap_rows)} time${d.dst_gap_rows === 1 ? '' : 's'} in a spring-forward gap, ${fmt(d.fall_back_hour_rows)} in a fall-back hour, ` +
        `${fmt(d.arrival_before_received_rows)} arrivals before the call, ${fmt(d.blank_priority_rows)} blank priorities, ` +
        `${fmt(d.off_polygon_rows)} points outside every area`,
      `  boundaries: ${s.boundaries.precincts}, ${s.boundaries.beats}, ${s.boundaries.neighborhoods}`,
      tookLine(s.seconds, s.rows, s.rows_per_second),
    ].join('\n'),
  );
}

/**
 * The summary as `--json` prints it, every number to 15 significant digits as every other output writes
 * them (tester 275: `"seconds": 0.27346697300000006`).
 */
export function synthJson(s: SynthSummary): string {
  return JSON.stringify(s, (_, v: unknown) => (typeof v === 'number' ? noNoise(v) : v), 2);
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'Write a synthetic city: a calls-for-service CSV (profile synthetic-city) and its area boundaries',
    )
    .requiredOption('--calls <n>', 'rows to write (duplicates included)')
    .option('--years <n>', 'years of calls from --start (fractions too: 0.25 is about a quarter)', '3')
    .option('--seed <s>', 'random seed: the same seed and options give the same bytes', '1')
    .option('--start <date>', 'first local day, YYYY-MM-DD', '2022-01-01')
    .requiredOption('-o, --out <file>', 'output CSV; ending in .gz writes gzip')
    .option('--force', 'overwrite --out (and its boundary files) if it exists')
    .option('--json', 'print a machine-readable summary on stdout')
    .action(
      async (opts: {
        calls: string;
        years: string;
        seed: string;
        start: string;
        out: string;
        force?: boolean;
        json?: boolean;
      }) => {
        // It overwrote an export of real data (and wrote three boundary files beside it) without a word.
        // The boundary files too: without --force they were replaced in silence, and a pipe with --force
        // (tester 112).
        const files = [opts.out, ...Object.values(boundaryFiles(opts.out))];
        for (const file of files) {
          const name = file === opts.out ? undefined : `the boundary file ${file} (written beside --out)`;
          if (opts.force) checkOutputFile(file, { name });
          else
            refuseExisting(
              file,
              // What else --force would write over: only what is there (tester 115: "and the CSV" with none).
              files
                .filter((f) => f !== file && existsSync(f))
                .map((f) => basename(f))
                .join(', '),
              name,
            );
        }
        const bar = opts.json ? undefined : terminalProgress();
        try {
          const summary = await synthesize({
            calls: parsePositiveInt(opts.calls, '--calls'),
            years: parsePositive(opts.years, '--years', YEARS_RANGE),
            seed: opts.seed,
            start: opts.start,
            out: opts.out,
            onProgress: (done, total) =>
              bar?.update({ step: 'writing', file: opts.out, fraction: done / total }),
          }).catch((e: unknown) => {
            throw cannotWriteFile('--out', opts.out, e) ?? e;
          });
          bar?.done();
          if (opts.json) console.log(synthJson(summary));
          else printSynthSummary(summary);
        } finally {
          bar?.done();
        }
      },
    );
}
