/** `safegap report`: the HTML (and PDF) report of a store; a thin layer over src/report/report.ts. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { checkDenominator, DEFAULT_DENOMINATOR } from '../analyse/context.js';
import { buildReport, type ReportOptions, type ReportResult } from '../report/report.js';
import { UserError } from '../util/user-error.js';
import {
  OPTION_HELP,
  planOptions,
  repeatOptions,
  withPlanOptions,
  withRepeatOptions,
  type PlanOpts,
  type RepeatOpts,
} from './plan-options.js';
import { parseCityId } from './args.js';
import { terminalSafe } from './format.js';
import { sayWhenInterrupted, storeStands } from './interrupt.js';

interface Opts extends PlanOpts, RepeatOpts {
  store: string;
  out: string;
  public?: boolean;
  pdf?: boolean;
  city?: string;
  mapping?: string;
  from?: string;
  to?: string;
  denominator?: string;
  boundaries?: string[];
  title?: string;
  json?: boolean;
}

/** What every public build says last: its protection holds for one edition of a period, not for several. */
export const ONE_EDITION =
  'Note: publish one public edition of a period: editions whose periods overlap or nest, or of one period under two denominators, mappings or store versions, give back by their differences the counts from 1 to 10 each hides (docs/report.md, "What it does not protect against").';

/** The notes and warnings `report` prints under the paths it wrote. */
export function noticeLines(
  r: Pick<ReportResult, 'public' | 'warnings' | 'warningsLeftOut' | 'exposed' | 'period' | 'denominator'>,
): string[] {
  return [
    ...r.warnings.map((w) => `Note: ${terminalSafe(w, '\n')}`),
    ...(r.warningsLeftOut > 0
      ? [
          `Note: ${r.warningsLeftOut === 1 ? 'one note' : `${r.warningsLeftOut} notes`} on the data, which can name small counts, ${r.warningsLeftOut === 1 ? 'is' : 'are'} left out of this public edition: \`safegap analyze\` or the internal edition prints ${r.warningsLeftOut === 1 ? 'it' : 'them'}.`,
        ]
      : []),
    // Once, here (tester 282: three times in one run), and not on the page: the public page's notes told
    // readers who run no command to publish another edition, and how to undo its suppression (tester
    // 384). A gap's "; consider --to" advises another period as much as "Consider --from" does.
    ...(r.public && r.warnings.some((w) => /consider --(from|to) /i.test(w))
      ? [
          'Note: publish the edition of the period a note suggests instead of this one, not as well: side by side, the two give the counts this one hides.',
        ]
      : []),
    ...(r.exposed.length
      ? [
          `Warning: ${r.exposed.length === 1 ? 'a count' : `${r.exposed.length} counts`} from 1 to 10 of this public edition could be worked out to within fewer than ten values from the other figures published, and nothing left to withhold widens ${r.exposed.length === 1 ? 'it' : 'them'}:`,
          ...r.exposed.slice(0, 10).map((e) => `  ${e}`),
          ...(r.exposed.length > 10 ? [`  and ${r.exposed.length - 10} more (--json lists them all)`] : []),
          // A six-year edition of a small store was told to publish "a month or more" (tester 120).
          r.period.days < 28
            ? '  Publish a longer period (a month or more) instead, or check these counts before publishing (docs/report.md, "Public and internal editions").'
            : // Tester 390: "or try --denominator all_calls" read as "and publish that too", and the two editions'
              // differences gave back the 1-10 counts each hid (docs/report.md); nor did the other always do
              // better (a synthetic month's all-calls edition named the same ten counts).
              `  The period is already ${r.period.days.toLocaleString('en-US')} days: check these counts before publishing, ${r.denominator === 'all_calls' ? '' : 'or build the edition of --denominator all_calls (figures then of every call) and, if its own warnings name fewer counts, publish it instead of this one, never beside it, '}or give the internal edition to those allowed to see it instead (docs/report.md, "Public and internal editions").`,
        ]
      : []),
    // Every public build (tester 390: a quarter's edition less a month's gave back the other months' hidden
    // counts, and nothing the build printed said so; the README's "one per period" is read once, if at all).
    ...(r.public ? [ONE_EDITION] : []),
  ];
}

export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('Write the asset and gap report of a store: self-contained HTML, CSV tables, optional PDF')
    .requiredOption('-s, --store <dir>', 'store directory')
    .requiredOption('-o, --out <dir>', 'output directory (report.html, csv/, report.pdf)')
    .option(
      '--public',
      'public edition: aggregates only, no addresses; counts from 1 to 10, and cells that would reveal one, shown as x',
    )
    .option('--pdf', 'also print report.pdf with the local Chromium (SAFEGAP_CHROMIUM, /usr/bin/chromium)')
    .option('--city <id>', OPTION_HELP.city, parseCityId)
    .option('--mapping <file>', OPTION_HELP.mapping)
    .option('--from <date>', OPTION_HELP.from)
    .option('--to <date>', OPTION_HELP.to)
    .option('--denominator <name>', `${OPTION_HELP.denominator} (default: "${DEFAULT_DENOMINATOR}")`);
  withPlanOptions(withRepeatOptions(command))
    .option('--boundaries <spec...>', OPTION_HELP.boundaries)
    .option('--title <text>', 'report title')
    .option('--json', 'print what was written as JSON')
    .action(async (opts: Opts, cmd: Command) => {
      // The public edition lists no blocks: the options would be ignored in silence (tester 149).
      const repeatGiven = ['minCount', 'top'].filter((k) => cmd.getOptionValueSource(k) === 'cli');
      if (opts.public && repeatGiven.length)
        throw new UserError(
          `${repeatGiven.map((k) => (k === 'top' ? '--top' : '--min-count')).join(' and ')} ${repeatGiven.length > 1 ? 'choose' : 'chooses'} the repeat locations of the internal edition; the public edition lists no blocks.`,
          `leave ${repeatGiven.length > 1 ? 'them' : 'it'} out, or drop --public for the internal edition.`,
        );
      const denominator = opts.denominator === undefined ? undefined : checkDenominator(opts.denominator);
      const plan = planOptions(opts);
      const options: ReportOptions = {
        store: opts.store,
        out: opts.out,
        public: !!opts.public,
        pdf: !!opts.pdf,
        boundaries: opts.boundaries ?? [],
        ...(opts.city ? { city: opts.city } : {}),
        ...(opts.mapping ? { mapping: opts.mapping } : {}),
        ...(opts.from !== undefined ? { from: opts.from } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
        ...(denominator ? { denominator } : {}),
        target: plan.target,
        ...(opts.title ? { title: opts.title } : {}),
        horizonYears: plan.horizonYears,
        capacity: plan.capacity,
        ...repeatOptions(opts),
      };
      // "report was interrupted" said nothing of --out, which is left as it was (tester 350, by md5sum): the
      // report is built aside and moved in at once, at the end.
      const had = existsSync(opts.out);
      sayWhenInterrupted(
        (signal) =>
          `report was interrupted (${signal}) before it wrote its report: ${had ? `\`${opts.out}\` keeps what it held before` : `no \`${opts.out}\` was made`}`,
        () => ({ written: false, ...storeStands(opts.store), out: opts.out }),
      );
      const r = await buildReport(options);
      sayWhenInterrupted(
        (signal) =>
          `report was interrupted (${signal}) after its work was done: its report is written in \`${opts.out}\``,
        () => ({ written: true, ...storeStands(opts.store), out: opts.out }),
      );
      if (opts.json) {
        // The headline values are the internal edition's raw figures: a public edition prints only what
        // its pages publish (a count of 9 was in its JSON and nowhere in its pages).
        // Seconds to the millisecond, as analyze's and ingest's JSON give them (tester 255: 36.859681718000004).
        const shown = { ...r, seconds: Number(r.seconds.toFixed(3)) };
        // And the note every public build ends with, which a script reading the JSON never saw (tester 393).
        console.log(
          JSON.stringify(
            r.public
              ? { ...shown, headlines: undefined, publishing_note: ONE_EDITION.replace(/^Note: /, '') }
              : shown,
            null,
            2,
          ),
        );
        return;
      }
      console.log(
        [
          `${r.public ? 'Public' : 'Internal'} report of ${r.period.from} to ${r.period.to} written in ${r.seconds.toFixed(1)} s:`,
          `  ${r.html}`,
          ...(r.pdf ? [`  ${r.pdf}`] : []),
          `  ${r.csv.length} CSV tables in ${r.html.replace(/report\.html$/, 'csv/')}`,
          ...noticeLines(r),
        ].join('\n'),
      );
    });
}
