import type { Command } from 'commander';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { terminalProgress } from './progress.js';
import { fmt, table, terminalSafe, tookLine } from './format.js';
import { parseRatio } from './args.js';
import { currentVersion } from '../store/current-version.js';
import { sayWhatWasDone, sayWhenInterrupted, storeStands } from './interrupt.js';

/** `1 call`, `2 calls` ("1 calls had a time in a DST fall-back hour"). */
const calls = (n: number) => `${fmt(n)} ${n === 1 ? 'call' : 'calls'}`;

export function printIngestSummary(s: IngestSummary): void {
  const out: string[] = [];
  out.push(
    table(
      ['file', 'rows read', 'loaded', 'quarantined', 'duplicates', 'note'],
      s.files.map((f) => [f.name, f.rows_read, f.loaded, f.quarantined, f.duplicates, f.skipped ?? '']),
      { whole: ['note'] },
    ),
  );
  if (!s.committed) {
    out.push(
      '',
      'Nothing changed: every file was already ingested with this profile. To load one again over the records of a later run (an older export ingested after it), add --again.',
    );
    // A killed ingest's removal is said here too (tester 104: only --json gave it).
    for (const w of s.warnings) out.push(`Note: ${terminalSafe(w, '\n')}`);
    console.log(out.join('\n'));
    return;
  }
  const t = s.time;
  // What the calls replaced in the store changed: a re-ingest of the same records changes none.
  const c = s.changed;
  // Rows a later file of this run superseded are no call of the store: "63,306 calls added, 43,060
  // replaced" into an empty store (tester 97).
  const inStore = s.replaced - s.superseded_in_run;
  const replaced = `${fmt(inStore)} replaced${
    c
      ? c.calls === 0
        ? ' (none of them changed)'
        : // The two counts overlap: a call changed in both was read as a split (tester 236).
          ` (${fmt(c.calls)} of them changed: ${fmt(c.times)} in their times, ${fmt(c.values)} in other values${c.times + c.values > c.calls ? `, ${fmt(c.times + c.values - c.calls)} in both` : ''})`
      : ''
  }${s.superseded_in_run ? ` and ${fmt(s.superseded_in_run)} ${s.superseded_in_run === 1 ? 'row' : 'rows'} superseded by a later file of this run` : ''}`;
  out.push(
    '',
    // Several sources: a call may have a record in each, and its records are counted, not calls.
    s.sources_in_store > 1
      ? `Store ${s.store} is now at ${s.version} (run ${s.run}): ${fmt(s.inserted)} ${s.inserted === 1 ? 'record' : 'records'} of ${s.source} added, ${replaced}; ${fmt(s.records_in_store)} records of ${s.sources_in_store} sources in all, ${calls(s.calls_in_store)} (a call in several sources has a record in each).`
      : `Store ${s.store} is now at ${s.version} (run ${s.run}): ${calls(s.inserted)} added, ${replaced}, ${fmt(s.calls_in_store)} in all.`,
    `Time: ${calls(t.dst_ambiguous_calls ?? 0)} had a time in a DST fall-back hour (read call by call, docs/time.md), ${fmt(t.dst_gap_calls ?? 0)} in a spring-forward gap (shifted forward); ${calls(t.negative_interval_calls ?? 0)} ${t.negative_interval_calls === 1 ? 'has' : 'have'} a negative interval and ${fmt(t.implausible_interval_calls ?? 0)} an implausibly long one (flagged, kept).`,
  );
  if (s.quarantine_file) out.push(`Quarantined rows, with the reason for each: ${s.quarantine_file}`);
  for (const w of s.warnings) out.push(`Note: ${terminalSafe(w, '\n')}`);
  out.push(tookLine(s.seconds, s.totals.rows_read, s.totals.rows_read / Math.max(s.seconds, 0.001)));
  console.log(out.join('\n'));
}

/** What a Ctrl-C during an ingest says: where the store stands (under --json, in `details` too). */
function sayWhereTheStoreStands(store: string): void {
  const before = currentVersion(store);
  sayWhenInterrupted(
    (signal) => {
      const now = currentVersion(store);
      return `the ingest was interrupted (${signal}): ${
        now === before
          ? `nothing was committed; ${before ? `the store \`${store}\` stays at ${before}` : `no store was made at \`${store}\``}`
          : `the store \`${store}\` is now at ${now}`
      }`;
    },
    () => ({ committed: currentVersion(store) !== before, ...storeStands(store) }),
  );
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('Load calls-for-service exports into a store, accounting for every row')
    .argument('<files...>', 'CSV (optionally .gz) or Parquet files of one source')
    .requiredOption(
      '-p, --profile <profile>',
      'source profile: a YAML file or a built-in name (safegap profile list)',
    )
    .requiredOption('-s, --store <dir>', 'store directory (created when missing)')
    .option(
      '--max-bad-ratio <ratio>',
      'refuse the run if more than this share of a file is quarantined',
      '0.01',
    )
    .option(
      '--again',
      'load files even if already ingested with this profile: the last file ingested wins (to restore a newer export an older one overwrote)',
    )
    .option('--json', 'print a machine-readable summary on stdout')
    .action(
      async (
        files: string[],
        opts: { profile: string; store: string; maxBadRatio: string; again?: boolean; json?: boolean },
      ) => {
        const bar = opts.json ? undefined : terminalProgress();
        // Kept to the end: a Ctrl-C while the summary is still being written says where the store stands.
        sayWhereTheStoreStands(opts.store);
        try {
          const summary = await ingest({
            files,
            profile: opts.profile,
            store: opts.store,
            maxBadRatio: parseRatio(opts.maxBadRatio, '--max-bad-ratio', { example: 0.01 }),
            again: opts.again === true,
            onProgress: bar?.update,
          });
          bar?.done();
          // Said if the summary cannot all be written (tester 350: "whole, and stays", but not where).
          sayWhatWasDone(() => {
            const now = currentVersion(opts.store);
            return summary.committed
              ? `the ingest committed: the store \`${opts.store}\` is at ${summary.version}`
              : `nothing was committed: ${now ? `the store \`${opts.store}\` stays at ${now}` : `no store was made at \`${opts.store}\``}`;
          });
          if (opts.json) console.log(JSON.stringify(summary, null, 2));
          else printIngestSummary(summary);
        } finally {
          bar?.done();
        }
      },
    );
}
