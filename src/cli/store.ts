import { listInWords, shellWord } from '../util/words.js';
import type { Command } from 'commander';
import { openEngine } from '../store/duckdb.js';
import {
  listVersions,
  requireStore,
  useVersion,
  type StoreVersions,
  type UseResult,
} from '../store/store.js';
import { summarizeStore, type StoreSummary } from '../store/summary.js';
import { fmt, table } from './format.js';
import { percent } from '../util/percent.js';

/**
 * The calls later exports of their span left out, kept: ingest's note of them was said once, and not again
 * (tester 342: 25 calls a corrected re-export withdrew, counted in every figure without a trace).
 */
function keptNotInFiles(s: StoreSummary): string {
  const k = s.quality.kept_not_in_files_runs;
  if (k.length === 0) return '';
  // Each run's own count, not their sum: a call two corrections left out, or one a later export brought
  // back, was counted twice, or still (tester 345: 79 said of 42).
  const runs = k.map((r) => `${fmt(r.calls)} in run ${r.run}`);
  const one = k.length === 1 && k[0]!.calls === 1;
  return `, and calls the store held kept though that run's export of their span left ${one ? 'it' : 'them'} out: ${listInWords(runs)}${k.length > 1 ? " (each run's count, at its time: a call left out by two runs is in both, and one a later export brought back is still counted)" : ''}; an export replaces calls by id and removes none: to drop withdrawn calls, build the store again from exports that do not hold them`;
}

export function printStoreSummary(s: StoreSummary): void {
  const runs = s.quality.runs === 1 ? 'ingest run' : `${fmt(s.quality.runs)} ingest runs`;
  // A store of header-only exports has no calls and no span: the tables below would be empty frames.
  if (s.records === 0) {
    console.log(
      `The store holds no calls (${s.sources.map((x) => x.source).join(', ')}; store version ${s.version}): its ${runs} read ${fmt(s.quality.rows_read)} rows, ${fmt(s.quality.quarantined)} quarantined. Ingest an export with rows.`,
    );
    return;
  }
  const bySource = s.sources.map((x) => `${x.source}: ${fmt(x.records)}`).join(', ');
  // With several sources the tables count records, one call's record in each source that holds it.
  const linked = s.records !== s.calls;
  const unit = linked ? 'records' : 'calls';
  const held = !linked
    ? `${fmt(s.calls)} calls (${bySource})`
    : `${fmt(s.calls)} calls in ${fmt(s.records)} records (${bySource}; records with the same id in several sources are one call, as safegap analyze counts them)`;
  console.log(
    [
      // The span is of records: a linked call counts in analyze at its representative record's time, so a
      // team's log dated after the CAD's last call stretches this and not analyze's period.
      `${held}, ${unit} received ${s.first_local ?? '-'} to ${s.last_local ?? '-'} local time; store version ${s.version}.`,
      '',
      !linked
        ? // Not the report's diverted share, which is of a denominator and a period (tester 295: 2.8% here, 3.1% there).
          "Who answered (responder, from the profile rules; share of all the store's calls, every period and origin: `safegap analyze` gives the diverted share of its denominator and period):"
        : "Who answered (responder, from the profile rules; a call in several sources counts under each source's responder, so `safegap analyze` gives the diverted share of calls):",
      table(
        linked ? ['responder', unit] : ['responder', unit, 'share'],
        s.by_responder.map((r) =>
          r.share === null ? [r.responder, r.records] : [r.responder, r.records, percent(r.share)],
        ),
      ),
      '',
      'How calls came in:',
      table(
        ['origin', unit],
        s.by_origin.map((r) => [r.origin, r.records]),
      ),
      '',
      'Most common final call types:',
      table(
        ['call type', unit],
        s.top_final_types.map((r) => [r.call_type, r.records]),
      ),
      '',
      `Data quality: over its ${runs}, ${fmt(s.quality.rows_read)} rows read, ${fmt(s.quality.quarantined)} quarantined, ${fmt(s.quality.duplicates)} exact ${s.quality.duplicates === 1 ? 'duplicate' : 'duplicates'} dropped, ${fmt(s.quality.replaced)} replaced by a later record of the same call${keptNotInFiles(s)}; of the ${fmt(s.records)} records it holds, ${fmt(s.quality.dst_ambiguous_calls)} have a time in a DST fall-back hour, ${fmt(s.quality.dst_gap_calls)} in a spring-forward gap (shifted forward), ${fmt(s.quality.negative_interval_calls)} a negative interval and ${fmt(s.quality.implausible_interval_calls)} an implausibly long one (flagged, kept; docs/time.md).`,
      ...(s.analysis
        ? [
            '',
            `Analysis saved in the store: of store version ${s.analysis.store_version}, made ${s.analysis.created_at}, ${s.analysis.period ? `of ${s.analysis.period.from} to ${s.analysis.period.to}, ` : ''}${s.analysis.denominator ? `denominator ${s.analysis.denominator}, ` : ''}${s.analysis.mapping_file ? `with the mapping ${s.analysis.mapping_file}` : 'every type classified automatically'}${
              s.analysis.current
                ? '.'
                : // Of a newer version when CURRENT was moved back by store use or by hand (tester 130: called older).
                  `; not of the store's current version, ${s.version}: run \`safegap analyze\` for the figures of the calls it holds now.`
            }`,
            ...(s.analysis.classification_changed ?? []).map(
              (f) =>
                `  ${f.path} ${f.now === 'gone' ? 'is no longer there' : f.now === 'new' ? 'is there now, and was not when they were made (it is read before the one they used)' : 'has changed since'}: these tables are of the classification as it was; run \`safegap analyze\` for its figures now.`,
            ),
          ]
        : []),
      ...s.unfinished_ingests.flatMap((n) => ['', `Note: ${n}`]),
    ].join('\n'),
  );
}

export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('Inspect a calls store');
  store
    .command('info')
    .description(
      'What a store holds: calls by source, period, origin, responder, top call types, data quality',
    )
    .requiredOption('-s, --store <dir>', 'store directory')
    .option('--json', 'machine-readable output')
    .action(async (opts: { store: string; json?: boolean }) => {
      const conn = await openEngine();
      try {
        const s = await summarizeStore(conn, requireStore(opts.store));
        if (opts.json) console.log(JSON.stringify(s, null, 2));
        else printStoreSummary(s);
      } finally {
        conn.closeSync();
      }
    });
  store
    .command('versions')
    .description(
      'The versions a store holds: when each was written, by which ingest run, its calls, which is current',
    )
    .requiredOption('-s, --store <dir>', 'store directory')
    .option('--json', 'machine-readable output')
    .action((opts: { store: string; json?: boolean }) => {
      const v = listVersions(opts.store);
      if (opts.json) console.log(JSON.stringify(v, null, 2));
      else printVersions(v);
    });
  store
    .command('use')
    .description('Point the store at a version it holds (a rollback): every command then reads its calls')
    .argument('<version>', 'a version the store holds, as `store versions` lists it (v000004, or 4)')
    .requiredOption('-s, --store <dir>', 'store directory')
    .option('--json', 'machine-readable output')
    .action((version: string, opts: { store: string; json?: boolean }) => {
      const r = useVersion(opts.store, version);
      if (opts.json) console.log(JSON.stringify(r, null, 2));
      else console.log(usedWords(r));
    });
}

/** `store versions` as a table, oldest first, with what CURRENT names (tester 391). */
export function printVersions(v: StoreVersions): void {
  const one = v.versions.every((x) => Object.keys(x.sources).length <= 1);
  const lines = [
    table(
      ['version', 'written (UTC)', 'ingest run', one ? 'calls' : 'records', 'current'],
      v.versions.map((x) => [
        x.version,
        x.created_at,
        x.run === null ? '-' : String(x.run),
        one
          ? x.records
          : `${fmt(x.records)} (${Object.entries(x.sources)
              .map(([s, c]) => `${s}: ${fmt(c)}`)
              .join(', ')})`,
        x.current ? 'yes' : '',
      ]),
    ),
  ];
  if (v.versions.length === 0) lines[0] = `The store \`${v.store}\` holds no whole version.`;
  if (!one)
    lines.push('(records: a call in several sources is one record in each, as `store info` counts them)');
  for (const x of v.not_whole) lines.push(`${x.version} is not a whole version: ${x.why}.`);
  if (v.current === null) lines.push('The store has no CURRENT file: no version is current.');
  else if (!v.versions.some((x) => x.current))
    lines.push(`CURRENT names \`${v.current}\`, which is not a whole version the store holds.`);
  if (v.versions.length)
    lines.push(
      `\`safegap store use VERSION -s ${shellWord(v.store)}\` makes another current; the next ingest then removes the versions newer than it.`,
    );
  console.log(lines.join('\n'));
}

/** What `store use` did, and what the next ingest will do to the versions newer than it (docs/schema.md). */
export function usedWords(r: UseResult): string {
  const store = shellWord(r.store);
  if (!r.changed) return `The store \`${r.store}\`'s CURRENT already names ${r.version}: nothing changed.`;
  const newer = r.removed_newer.map((v) => `\`${v}\``);
  const older = r.removed_older.map((v) => `\`${v}\``);
  return [
    `The store \`${r.store}\` now stands at ${r.version}${r.was === null ? '' : ` (its CURRENT named ${r.was})`}: every command reads that version's calls.`,
    newer.length
      ? `The next ingest builds on ${r.version} and removes ${listInWords(newer)}, newer than it, with ${newer.length === 1 ? 'its' : 'their'} calls${older.length ? `, and ${listInWords(older)}, older than the one before it` : ''}, and names its own version ${r.next_version}${r.was !== null && r.removed_newer.includes(r.was) ? `; until then \`safegap store use ${r.was} -s ${store}\` goes back` : ''}.`
      : `The next ingest builds on ${r.version}${older.length ? `, removes ${listInWords(older)}, older than the one before it,` : ''} and names its own version ${r.next_version}.`,
  ].join('\n');
}
