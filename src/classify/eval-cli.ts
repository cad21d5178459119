/**
 * `npm run eval:classify -- --truth FILE [--scheme safegap|vera|<crosswalk>] [--review N] [--json]`:
 * measures the automatic classifier against anyone's expert mapping.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { resolveScheme } from './crosswalk.js';
import { mappingCities } from './mapping-file.js';
import { evaluate, formatEvaluation, readTruth, type EvaluationResult } from './evaluate.js';
import { classifierFor } from './learn.js';
import { loadTaxonomy } from './taxonomy.js';
import { UserError } from '../util/user-error.js';

export interface EvalCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function runEval(
  truthFile: string,
  schemeName: string,
  review: number,
  taxonomyDir?: string,
): EvaluationResult {
  const tax = loadTaxonomy(taxonomyDir);
  const truth = readTruth(truthFile);
  const scheme = resolveScheme(schemeName, tax);
  const cities = [...new Set(truth.map((t) => t.city))];
  const index = classifierFor(tax, cities);
  const mappings = mappingCities(join(tax.dir, 'mappings'));
  const heldOut = mappings.filter((m) => cities.some((c) => c.trim().toLowerCase() === m.toLowerCase()));
  return { ...evaluate(index, truth, scheme, { review }), heldOut };
}

/**
 * Returns the process exit code: 0 done, 2 a mistake in the arguments or the truth file, as every safegap
 * command (1 for a file's mistake broke that convention: tester 103).
 */
export function evalCli(
  argv: string[],
  io: EvalCliIo = { out: (s) => console.log(s), err: (s) => console.error(s) },
): number {
  const program = new Command('eval:classify')
    .description('Agreement of the automatic call-type classifier with an expert mapping')
    .requiredOption('--truth <file>', 'CSV with columns city,raw_type,count,expected_category')
    .option(
      '--scheme <scheme>',
      'safegap, vera, or a crosswalk (name in taxonomy/crosswalks/ or path)',
      'safegap',
    )
    .option('--review <n>', 'low-confidence types per city an analyst reviews in the simulation', '50')
    .option('--top <n>', 'disagreements to list', '15')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const o = program.opts<{ truth: string; scheme: string; review: string; top: string; json?: boolean }>();
  const review = Number(o.review);
  const top = Number(o.top);
  if (!Number.isInteger(review) || review < 0 || !Number.isInteger(top) || top < 0) {
    io.err('--review and --top must be whole numbers, 0 or more.');
    return 2;
  }
  try {
    const r = runEval(o.truth, o.scheme, review);
    io.out(o.json ? JSON.stringify({ ...r, rows: undefined }, null, 2) : formatEvaluation(r, top));
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      io.err(e.toString());
      return 2;
    }
    throw e;
  }
}

const invoked = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : '';
if (import.meta.url === invoked) process.exitCode = evalCli(process.argv.slice(2));
