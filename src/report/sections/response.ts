/**
 * Response times by responder and by priority: median and 90th percentile of pickup (or queue entry) to
 * first arrival, with the calls left out (no arrival recorded, negative, implausibly long) counted beside each row.
 */
import { NO_UNIT_RESPONDERS, recordsNoUnitTime, type ResponseTimeRow } from '../../analyse/response-times.js';
import { figure, rangeChart, rangeLegend } from '../charts.js';
import { minutes } from '../format.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { sharedCount } from '../shared-counts.js';
import {
  chartLabels,
  isSuppressed,
  labelText,
  suppressRows,
  WITHHELD,
  type Cell,
  type CellValue,
} from '../suppress.js';
import { metaLine, renderTable, type Column } from '../tables.js';
import { INTERVALS, intervalLabel, receivedWords } from '../../time/intervals.js';
import { listInWords } from '../../util/words.js';

const COLUMNS: Column[] = [
  { key: 'valid', label: 'Calls with a valid time', kind: 'count' },
  { key: 'median', label: 'Median', kind: 'minutes', basis: 'valid' },
  { key: 'p90', label: '90th percentile', kind: 'minutes', basis: 'valid' },
  { key: 'missing', label: 'Missing', kind: 'count' },
  { key: 'negative', label: 'Negative', kind: 'count' },
  { key: 'implausible', label: 'Implausible', kind: 'count' },
  // 311 / online / telephone report calls for the intervals through the arrival (tester 384).
  { key: 'no_unit_sent', label: 'No unit sent', kind: 'count' },
];

const PART_COLUMNS = ['valid', 'missing', 'negative', 'implausible', 'no_unit_sent'];
/** The public edition's one count of the calls an interval leaves out, for whatever reason. */
const LEFT_OUT: Column = {
  key: 'left_out',
  label: 'Left out (missing, negative, implausible or no unit sent)',
  kind: 'count',
};
/**
 * Each row's calls are its valid, missing, negative and implausible values and its calls with no unit sent:
 * one hidden part gives itself away.
 */
const ROW_SUMS = [{ total: 'calls', parts: PART_COLUMNS }];

const COUNT_COLUMNS: Column[] = [{ key: 'calls', label: 'Calls', kind: 'count' }, ...COLUMNS];

const cells = (r: ResponseTimeRow) => ({
  valid: r.valid,
  median: r.median_s,
  p90: r.p90_s,
  missing: r.missing,
  negative: r.negative,
  implausible: r.implausible,
  no_unit_sent: r.no_unit_sent,
});

/**
 * The calls left out of the response time of all the calls timed, as the table of every interval shows
 * them: in the public edition a part hidden there must not be printed beside another figure.
 */
export function responseLeftOut(ctx: SectionContext): {
  missing: Cell;
  negative: Cell;
  implausible: Cell;
  no_unit_sent: Cell;
} {
  const overall = ctx.data.tables.response_times.rows.find(
    (r) => r.interval === 'response' && r.group_by === 'all',
  );
  const row = {
    calls: overall?.calls ?? 0,
    ...(overall ? cells(overall) : { valid: 0, missing: 0, negative: 0, implausible: 0, no_unit_sent: 0 }),
  };
  const shown = ctx.isPublic ? suppressRows([row], COUNT_COLUMNS, { rowSums: ROW_SUMS }).rows[0]! : row;
  // Withheld in the table of every interval for the responder and priority tables' sake too: a reviewer
  // found "response times missing: 12" printed beside that table's x.
  const cell = (k: 'missing' | 'negative' | 'implausible' | 'no_unit_sent'): Cell =>
    ctx.hiddenElsewhere(sharedCount.responseAll(k)) ? WITHHELD : shown[k]!;
  return {
    missing: cell('missing'),
    negative: cell('negative'),
    implausible: cell('implausible'),
    no_unit_sent: cell('no_unit_sent'),
  };
}

/** A cell as a figure's data-quality count: a missing cell counts none. */
export const asQuality = (c: Cell) => (typeof c === 'number' || isSuppressed(c) ? c : 0);

export function responseSection(ctx: SectionContext): Section {
  const d = ctx.data;
  const rows = d.tables.response_times.rows;
  const overall = rows.find((r) => r.interval === 'response' && r.group_by === 'all');
  const left = responseLeftOut(ctx);
  // Seattle's exports have no pickup: their times run from the call entering the queue, and say so.
  const from = receivedWords(d.receivedIs);
  const quality = [
    { label: `no arrival or ${from.short} time recorded`, value: asQuality(left.missing) },
    { label: 'negative', value: asQuality(left.negative) },
    { label: 'implausibly long', value: asQuality(left.implausible) },
    { label: 'no unit sent (311 / online / telephone report)', value: asQuality(left.no_unit_sent) },
  ];
  // The calls timed are the denominator's (docs/metrics.md, "Response times").
  const timed = { label: d.denominator.label, calls: overall?.calls ?? 0 };
  const denominatorLabel = d.denominator.label.toLowerCase();
  const meta = ctx.meta({
    denominator: timed,
    quality,
    note: 'Quantiles over calls with a valid time only (type 7, linear interpolation).',
  });
  // Burlington's export has no unit time at all: the reasons a call goes without an arrival were given
  // where the export records none (tester 131).
  const noUnitTime = (overall?.calls ?? 0) > 0 && recordsNoUnitTime(rows);
  const parts: Html[] = [
    noUnitTime
      ? html`<p>
          Response time runs from ${from.event} to the first unit arriving on scene. No call of the period has
          a unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's
          arrival time is when the report was taken, not a unit's arrival): the export records when calls were
          received, not when units were sent or arrived, or its profile maps no such column. So no response
          time can be measured.
        </p>`
      : html`<p>
          Response time runs from ${from.event} to the first unit arriving on scene. Calls with no arrival
          recorded (cancelled, handled by phone, no unit sent) have no response time and are counted, not
          guessed. Calls handled by 311, online or by a telephone report send no unit: whatever arrival time
          the export gives them (the time the report was taken), they have no response, travel or time on
          scene, and are counted apart as sent no unit.
        </p>`,
  ];

  const byDim = (dim: string, title: string, id: string, label: string, name: (v: string) => string) => {
    const ofDim = rows.filter((r) => r.interval === 'response' && r.group_by === dim);
    const src =
      dim === 'priority'
        ? ofDim.sort((a, b) => a.group_value.localeCompare(b.group_value, 'en', { numeric: true }))
        : ctx.ranked(
            ofDim,
            (r) => r.calls,
            (r) => name(r.group_value),
          );
    // In the public edition a row's calls left out are one count, as in the table of every interval: a
    // negative or implausible time or two is then no small count of its own, withheld with a valid count
    // as its cover and the median with that (tester 82).
    const leftOut =
      ctx.isPublic && overall
        ? overall.missing + overall.negative + overall.implausible + overall.no_unit_sent
        : null;
    const t = ctx.table({
      id,
      title,
      columns: [
        // A priority is a value of the export, hidden with its count; a responder's name is the taxonomy's.
        { key: 'group', label, kind: 'text', ...(dim === 'priority' ? { basis: 'calls' } : {}) },
        { key: 'calls', label: 'Calls', kind: 'count' },
        ...(leftOut === null ? COLUMNS : [...COLUMNS.slice(0, 3), LEFT_OUT]),
      ],
      rows: src.map((r) => {
        const { missing, negative, implausible, no_unit_sent, ...timed } = cells(r);
        return {
          group: name(r.group_value),
          _priority: r.group_value,
          calls: r.calls,
          ...(leftOut === null
            ? { ...timed, missing, negative, implausible, no_unit_sent }
            : { ...timed, left_out: missing + negative + implausible + no_unit_sent }),
        };
      }),
      // The groups of a dimension add up to the response time of all the calls timed, a row of the table
      // of every interval: shown there, they are a column with a published total (21 calls less a single
      // responder's 19 valid gave its hidden 2 missing); hidden there, one more unknown.
      // The calls are the denominator's, published beside the table.
      additive: ['calls'],
      groupTotals:
        leftOut === null
          ? PART_COLUMNS.map((column) => ({
              column,
              groupBy: [],
              key: () => sharedCount.responseAll(column),
            }))
          : [
              { column: 'valid', groupBy: [], key: () => sharedCount.responseAll('valid') },
              { column: 'left_out', groupBy: [], key: () => sharedCount.leftOut('response', leftOut) },
            ],
      rowSums: leftOut === null ? ROW_SUMS : [{ total: 'calls', parts: ['valid', 'left_out'] }],
      // A responder's calls are the diverted-share table's of the same denominator: one hidden, both hidden;
      // a priority's may be the demand section's (shared-counts.ts).
      links: [
        dim === 'responder'
          ? { column: 'calls', key: (r) => sharedCount.handled(String(r.group)) }
          : {
              column: 'calls',
              key: (r) => sharedCount.priorityCalls(String(r._priority), Number(r.calls)),
            },
      ],
      meta,
    });
    if (!t) return;
    const timedAny = t.rows.some((r) => r.median !== null);
    // A group with no valid time was an empty row of the chart and left out of its caption (tester 182:
    // 311 / online, whose calls send no unit): not drawn, and named in the caption.
    const untimed = t.rows.filter((r) => r.median === null).map((r) => labelText(r.group));
    const timedRows = t.rows.filter((r) => r.median !== null);
    const labels = chartLabels(timedRows.map((r) => r.group));
    const data = timedRows.map((r, i) => ({
      label: labels[i]!,
      median: typeof r.median === 'number' ? r.median / 60 : null,
      p90: typeof r.p90 === 'number' ? r.p90 / 60 : null,
      hidden: isSuppressed(r.median),
    }));
    parts.push(
      figure(
        {
          title,
          description: (() => {
            const timed = t.rows.map((r, i) => ({ r, i })).filter((x) => x.r.median !== null);
            // A source that records no arrival has no median to name: said, not left as ". .".
            const named = timed.length
              ? `${timed
                  .slice(0, 6)
                  .map(
                    (x) =>
                      `${labelText(x.r.group)}: median ${ctx.cellText(t, x.i, 'median', minutes)}, 90th percentile ${ctx.cellText(t, x.i, 'p90', minutes)}, ${timedCalls(ctx.cellText(t, x.i, 'valid'))}`,
                  )
                  .join('; ')}.`
              : (overall?.calls ?? 0) === 0
                ? `No call has a response time: no call of the period counts in the denominator (${denominatorLabel}).`
                : noUnitTime
                  ? "No call has a response time: the export records no unit time (a 311, online or telephone report's arrival is when the report was taken)."
                  : `No call has a valid response time: no arrival is recorded, or every one is before its ${from.short} or implausibly late.`;
            const none =
              timed.length && untimed.length
                ? ` ${listInWords(untimed)}: no call with a valid response time, so no dot or tick.`
                : '';
            // With no time to draw, no chart's marks are described (tester 199: "No chart is drawn. Median
            // (dot) and 90th percentile (tick)...").
            return timedAny
              ? `Median (dot) and 90th percentile (tick) of minutes from ${from.short} to first arrival for each ${label.toLowerCase()}. ${named}${none}`
              : `Minutes from ${from.short} to first arrival for each ${label.toLowerCase()}. ${named}`;
          })(),
          // The prepared table's meta, which counts its x cells: the section's own said none beside a table
          // of x.
          meta: metaLine(t.spec.meta, ctx.isPublic),
          table: renderTable(t),
          // Where no time was measured, "no value is above 0 (each is 0, ...)" suggested zeros (tester 165):
          // the description says why there is none.
          ...(timedAny ? { legend: rangeLegend() } : { emptyReason: 'No chart is drawn.' }),
        },
        // Without a time to draw, the chart was an empty 0-1 minute axis (Burlington, tester 82): the
        // caption says why there is none.
        timedAny
          ? rangeChart({
              title,
              description: `Response time by ${label.toLowerCase()}`,
              valueLabel: `Minutes from ${from.short} to first arrival`,
              data,
            })
          : html``,
      ),
    );
  };
  byDim('responder', 'Response time by responder', 'response_by_responder', 'Responder', (v) =>
    ctx.responder(v),
  );
  // The final priority, as the analysis breaks response times down (the demand section's is the initial).
  byDim(
    'priority',
    'Response time by final priority',
    'response_by_priority',
    'Final priority',
    (v) => `Priority ${v}`,
  );

  const names = new Map(INTERVALS.map((i) => [i.name as string, intervalLabel(i.label, d.receivedIs)]));
  const responseName = names.get('response');
  // In the public edition the calls an interval other than the response leaves out are one count: a stage
  // missing is missing from every interval that has it, so the missing, negative and implausible counts of
  // intervals sharing a stage bound each other (one day's 0 call-taking and 40 queue times missing, with 41
  // committed times missing or negative, made its hidden negative one exactly 1). The response row keeps
  // its parts, which the section's note publishes too.
  const split = (interval: string) => !ctx.isPublic || interval === 'response';
  const intervals = ctx.table({
    id: 'intervals_overall',
    title: 'Every interval',
    columns: [
      { key: 'interval', label: 'Interval', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      ...COLUMNS,
      ...(ctx.isPublic ? [LEFT_OUT] : []),
    ],
    rows: rows
      .filter((r) => r.group_by === 'all')
      .map((r) => ({
        interval: names.get(r.interval) ?? r.interval,
        _interval: r.interval,
        calls: r.calls,
        ...cells(r),
        ...(split(r.interval)
          ? {}
          : { missing: null, negative: null, implausible: null, no_unit_sent: null }),
        ...(ctx.isPublic ? { left_out: r.missing + r.negative + r.implausible + r.no_unit_sent } : {}),
      })),
    // A row whose parts are null states no sum of them (suppress.ts, relations).
    rowSums: [...ROW_SUMS, ...(ctx.isPublic ? [{ total: 'calls', parts: ['valid', 'left_out'] }] : [])],
    // The response row is the sum of the responder and priority tables' rows.
    links: [
      // The summary prints the response row's median and 90th percentile as this table shows them.
      ...[...PART_COLUMNS, 'median', 'p90'].map((column) => ({
        column,
        key: (r: Record<string, CellValue>) =>
          r.interval === responseName ? sharedCount.responseAll(column) : null,
      })),
      // The response's calls with no unit sent are every call of the one responder that sends none: the
      // diverted-share table's count of its calls (tester 384), one hidden, both hidden.
      ...NO_UNIT_RESPONDERS.map((id) => ({
        column: 'no_unit_sent',
        key: (r: Record<string, CellValue>) =>
          r.interval === responseName && NO_UNIT_RESPONDERS.length === 1
            ? sharedCount.handled(ctx.responder(id))
            : null,
      })),
      {
        column: 'left_out',
        key: (r: Record<string, CellValue>) =>
          typeof r.left_out === 'number' ? sharedCount.leftOut(String(r._interval), r.left_out) : null,
      },
    ],
    meta: ctx.meta({
      denominator: timed,
      quality: [],
      // The counts are the table's own columns: "no values left out" beside them was false.
      qualityInTable: ctx.isPublic
        ? 'each interval leaves out the calls counted in its row as left out (the public edition gives why for the response only)'
        : 'each interval leaves out the calls counted in its row as missing, negative, implausible or no unit sent',
    }),
  });
  if (intervals)
    parts.push(
      html`<h3>Every interval</h3>`,
      renderTable(intervals),
      metaLine(intervals.spec.meta, ctx.isPublic),
    );

  return { id: 'response', title: 'Response times', body: html`${parts}` };
}

/**
 * The sample beside each median: 311's 13.0 minutes, drawn like the others, was one timed call of 91
 * (tester 117).
 */
function timedCalls(valid: string): string {
  if (valid === 'suppressed') return 'from a suppressed number of timed calls';
  return `from ${valid} timed ${valid === '1' ? 'call' : 'calls'}`;
}
