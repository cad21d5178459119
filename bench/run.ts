/**
 * `npm run bench`: synthesise a city, time ingest against a same-run baseline, then analyze and report on the
 * store. Not part of the tests.
 * Options: --calls N (default 10,000,000), --years Y (3), --dir D (.tmp/bench), --reuse (keep an existing CSV). docs/benchmarks.md has figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000000' },
    years: { type: 'string', default: '3' },
    dir: { type: 'string', default: '.tmp/bench' },
    // The synthetic file is deterministic, so one written by an earlier run with the same options can be reused.
    reuse: { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const dir = resolve(values.dir!);
mkdirSync(dir, { recursive: true });
const root = resolve(import.meta.dirname, '..');
const csv = join(dir, `city-${calls}.csv`);

function step(label: string, cmd: string, args: string[]): Record<string, number> {
  process.stderr.write(`${label}...\n`);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

/** GNU time's peak RSS for a command that does not report its own. */
function timed(label: string, args: string[]): { seconds: number; max_rss_mb: number } {
  process.stderr.write(`${label}...\n`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
  return {
    seconds: (performance.now() - t) / 1000,
    max_rss_mb: Math.round(Number(r.stderr.trim().split('\n').at(-1)) / 1024),
  };
}

const tsx = join(root, 'node_modules/.bin/tsx');
const synth =
  values.reuse && existsSync(csv)
    ? { seconds: NaN, max_rss_mb: NaN }
    : timed(`synthesising ${calls.toLocaleString('en-US')} calls`, [
        'node',
        'bin/safegap.js',
        'synth',
        '--calls',
        String(calls),
        '--years',
        values.years!,
        '--seed',
        '1',
        '--out',
        csv,
        '--force',
      ]);
const bytes = statSync(csv).size;
const baseline = step('baseline: DuckDB CSV -> Parquet', tsx, [
  'bench/measure.ts',
  'baseline',
  csv,
  join(dir, 'baseline.parquet'),
]);
const store = join(dir, 'store');
rmSync(store, { recursive: true, force: true });
const ing = step('safegap ingest', tsx, ['bench/measure.ts', 'ingest', csv, 'synthetic-city', store]);

// Layers named after the store's columns draw them on the report's maps and are not joined; the same
// polygons under other names are joined to every place's point (docs/metrics.md, "Areas").
const layers = (name: (layer: string) => string) =>
  (['precinct', 'neighborhood'] as const).map(
    (layer) => `${name(layer)}=${csv.replace(/\.csv$/, '')}.${layer}s.geojson`,
  );
const boundaries = layers((layer) => layer);
const an = step('safegap analyze', tsx, ['bench/measure.ts', 'analyze', store]);
const joined = step('safegap analyze, two layers joined', tsx, [
  'bench/measure.ts',
  'analyze',
  store,
  ...layers((layer) => `${layer}_polygon`),
]);
const rep = step('safegap report', tsx, [
  'bench/measure.ts',
  'report',
  store,
  join(dir, 'report'),
  ...boundaries,
]);
// Floors of "CSV to analysis" with no computation at all: DuckDB reading the file, and writing the calls
// the store holds (docs/benchmarks.md, "Targets").
const read = step('floor: DuckDB reads every CSV column', tsx, ['bench/measure.ts', 'read-csv', csv]);
const rewrite = step('floor: rewrite the store calls', tsx, [
  'bench/measure.ts',
  'rewrite-store',
  store,
  join(dir, 'rewrite.parquet'),
]);

const rate = (s: number) => Math.round(calls / s).toLocaleString('en-US');
const rows = [
  ['step', 'seconds', 'rows/s', 'peak RSS MB'],
  Number.isNaN(synth.seconds)
    ? ['synth (CSV, ' + (bytes / 1e9).toFixed(2) + ' GB)', 'reused', '', '']
    : [
        'synth (CSV, ' + (bytes / 1e9).toFixed(2) + ' GB)',
        synth.seconds.toFixed(1),
        rate(synth.seconds),
        String(synth.max_rss_mb),
      ],
  [
    'baseline: read CSV, write Parquet',
    baseline.seconds!.toFixed(1),
    rate(baseline.seconds!),
    String(baseline.max_rss_mb),
  ],
  ['safegap ingest', ing.seconds!.toFixed(1), rate(ing.seconds!), String(ing.max_rss_mb)],
  ['safegap analyze (store)', an.seconds!.toFixed(1), rate(an.seconds!), String(an.max_rss_mb)],
  [
    'safegap analyze (store, two layers joined)',
    joined.seconds!.toFixed(1),
    rate(joined.seconds!),
    String(joined.max_rss_mb),
  ],
  [
    'safegap report (store, two layers drawn)',
    rep.seconds!.toFixed(1),
    rate(rep.seconds!),
    String(rep.max_rss_mb),
  ],
  [
    'CSV to analysis (ingest + analyze)',
    (ing.seconds! + an.seconds!).toFixed(1),
    rate(ing.seconds! + an.seconds!),
    '',
  ],
  ['floor: read every CSV column', read.seconds!.toFixed(1), rate(read.seconds!), String(read.max_rss_mb)],
  [
    'floor: rewrite the store calls',
    rewrite.seconds!.toFixed(1),
    rate(rewrite.seconds!),
    String(rewrite.max_rss_mb),
  ],
  ['floor: read + rewrite + analyze', (read.seconds! + rewrite.seconds! + an.seconds!).toFixed(1), '', ''],
];
console.log(rows.map((r) => r.map((c, i) => (i ? c.padStart(12) : c.padEnd(44))).join('')).join('\n'));
console.log(
  `ingest: ${ing.rows?.toLocaleString('en-US')} rows read, ${ing.loaded?.toLocaleString('en-US')} loaded, ${ing.duplicates} duplicates, ${ing.quarantined} quarantined; ${(ing.seconds! / baseline.seconds!).toFixed(2)}x the baseline.`,
);
