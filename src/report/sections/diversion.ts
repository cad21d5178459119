/**
 * Diversion today: the share of calls each non-police responder handled, against the goal, overall and
 * month by month, under the report's denominator; the other denominators are in the CSV, since the
 * published figures (9% diverted) depend on which one a city used.
 */
import {
  DENOMINATORS,
  DENOMINATOR_NAMES,
  PHASES,
  type Denominator,
  type Phase,
} from '../../analyse/context.js';
import { barChart, columnChart, figure } from '../charts.js';
import { goalPercent, humanise, month, percent, shareTowardGoal } from '../format.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { sharedCount } from '../shared-counts.js';
import { metaLine, renderTable, type Column } from '../tables.js';
import { isSmall, type CellValue } from '../suppress.js';
import { fact, type Term } from '../facts.js';
import { chartCell, chartValue } from './demand.js';
import { PHASE_NAMES } from './eligible.js';

/**
 * The fewest calls of a month whose diverted share its chart draws solid: under 20, one call moves the
 * share by 5 points or more, and Seattle's months of 2 and 3 calls at 50.0% and 33.3% rose over the
 * goal's line as if it were beaten (tester 343).
 */
export const FEW_CALLS_FOR_SHARE = 20;

export function diversionSection(ctx: SectionContext): Section {
  const d = ctx.data;
  const towardGoal = (v: number) => shareTowardGoal(v, d.target);
  /** Diverted calls over the table's calls, beside the goal. */
  const shareDiverted: Column = {
    key: 'share',
    label: 'Share diverted',
    kind: 'share',
    basis: 'diverted',
    alsoBasis: ['calls'],
    format: towardGoal,
  };
  const def = d.tables.diverted_share.definition;
  const rows = d.tables.diverted_share.rows;
  const parts: Html[] = [];
  const quality = [
    { label: 'responder unknown', value: def.quality.responder_unknown ?? 0 },
    // Records, not calls: 36 records in a second source were of 31 calls (tester 310).
    {
      label: 'records of a call in a second source, counted once',
      value: def.quality.linked_duplicates ?? 0,
    },
  ];
  const ofPeriod = rows.filter((r) => r.denominator === d.denominator.name && r.period === 'all');
  const overall = [
    ...ofPeriod.filter((r) => r.responder === 'all_diverted'),
    ...ctx.ranked(
      ofPeriod.filter((r) => r.responder !== 'all_diverted'),
      (r) => r.calls,
      (r) => ctx.responder(r.responder),
    ),
  ];
  const byResponder = ctx.table({
    id: 'diverted_by_responder',
    title: 'Calls by responder',
    csvDenominator: d.denominator.name,
    columns: [
      { key: 'responder', label: 'Responder', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      // Beside the goal: a share short of it never prints as it (format.ts, shareTowardGoal).
      { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls', format: towardGoal },
      ...[...PHASES.map((p) => `_floor_${p}`), '_floor_funnel'].map((key) => ({
        key,
        label: 'Eligible calls it handled',
        kind: 'count' as const,
        hidden: true,
      })),
      // Published as the table's denominator; carried for the sum of its rows.
      { key: '_denominator', label: 'Calls of the denominator', kind: 'number', hidden: true, fixed: true },
    ],
    rows: overall.map((r) => {
      // The same responder in the eligible-demand table and the funnel, which name it by its taxonomy id
      // (fire_ems, "Fire / EMS", for the store's ems, "EMS (medical)"), found by the store value its
      // rows carry; the non-police ones together are "any alternative" there.
      const tax = d.tables.eligible_demand.rows.find((e) =>
        r.responder === 'all_diverted'
          ? e.responder === 'any_alternative'
          : e.store_responder === r.responder && e.responder !== 'any_alternative',
      )?.responder;
      const demand = (phase: Phase) =>
        d.tables.eligible_demand.rows.find((e) => e.phase === phase && e.responder === tax)
          ?.handled_eligible ?? null;
      const funnel = d.tables.funnel.rows.find(
        (f) => f.phase === 'current' && f.stage === 'handled' && f.responder === tax,
      );
      return {
        responder: ctx.responder(r.responder),
        calls: r.calls,
        share: r.share,
        _tax: tax === undefined ? null : ctx.responder(tax),
        ...Object.fromEntries(PHASES.map((p) => [`_floor_${p}`, tax === undefined ? null : demand(p)])),
        _floor_funnel: funnel?.calls ?? null,
        _denominator: d.denominator.calls,
      };
    }),
    // Police and the non-police responders add up to the denominator, the non-police ones to all diverted:
    // two sums, stated as facts for the audit's linear programs. As one column of parts of a whole (every
    // row, all diverted among them) they let a reader have all diverted calls exactly where police and
    // the denominator are shown (tester 86: 4229 less 4082 gave a withheld 147), and the programs took
    // that sum for published.
    facts: (rows) => {
      const all = overall.findIndex((r) => r.responder === 'all_diverted');
      const others = rows.map((_, row) => row).filter((row) => row !== all);
      const diverted = others.filter((row) => overall[row]!.diverted);
      return [
        ...(all >= 0
          ? [fact([[all, 'calls', 1], ...diverted.map((row): Term => [row, 'calls', -1])], true)]
          : []),
        fact([...others.map((row): Term => [row, 'calls', 1]), [0, '_denominator', -1]], true),
      ];
    },
    // The same counts are the eligible-demand table's calls handled and the response table's calls.
    links: [
      { column: 'calls', key: (r) => sharedCount.handled(String(r.responder)) },
      ...PHASES.map((p) => ({
        column: `_floor_${p}`,
        key: (r: Record<string, CellValue>) =>
          r._tax === null ? null : sharedCount.handledEligible(PHASE_NAMES[p], String(r._tax)),
      })),
      {
        column: '_floor_funnel',
        key: (r) => (r._tax === null ? null : sharedCount.funnelHandled(String(r._tax))),
      },
    ],
    // Other tables bound a responder's calls from below: the eligible calls it handled, in each phase,
    // and those it handled with an arrival (the animal team's 27 left 311's hidden share of 36 at 0 to 9).
    orders: [...PHASES.map((p) => `_floor_${p}`), '_floor_funnel'].map((column) => ({
      column,
      than: 'calls',
    })),
    meta: ctx.meta({ denominator: { label: d.denominator.label, calls: d.denominator.calls }, quality }),
  });
  if (byResponder) {
    const allDivertedRow = overall.findIndex((r) => r.responder === 'all_diverted');
    const together = allDivertedRow >= 0 ? ctx.cellText(byResponder, allDivertedRow, 'share') : percent(null);
    const diverted = byResponder.rows
      .map((r, i) => ({ r, i, src: overall[i]! }))
      .filter((x) => x.src.diverted);
    parts.push(
      figure(
        {
          title: 'Share of calls handled by non-police responders',
          description: `Horizontal bars of the share of calls each non-police responder handled, with the goal of ${goalPercent(d.target)} marked. ${
            together === 'suppressed'
              ? 'Their share together is suppressed.'
              : // "Together they handled no value of calls" under a denominator of no call (tester 169).
                d.denominator.calls === 0
                ? 'No call of the period counts in the denominator.'
                : `Together they handled ${together} of calls.`
          }`,
          meta: metaLine(byResponder.spec.meta, ctx.isPublic),
          table: renderTable(byResponder),
        },
        barChart({
          title: 'Share of calls handled by non-police responders',
          description: 'Diverted share by responder, with the goal',
          valueLabel: 'Share of calls (%)',
          percent: true,
          rule: { value: d.target, label: `goal ${goalPercent(d.target)}` },
          data: diverted.map((x) => ({
            label: String(x.r.responder),
            ...chartCell(byResponder, x.i, 'share'),
          })),
        }),
      ),
    );
  }

  const monthly = rows
    .filter(
      (r) => r.denominator === d.denominator.name && r.period !== 'all' && r.responder === 'all_diverted',
    )
    .sort((a, b) => a.period.localeCompare(b.period));
  // A single month is the period's own figure: no table (its CSV was written beside no table).
  const trend =
    monthly.length > 1 &&
    ctx.table({
      id: 'diverted_by_month',
      title: 'Diverted share by month',
      csvDenominator: d.denominator.name,
      columns: [
        { key: 'month', label: 'Month', kind: 'text' },
        { key: 'diverted', label: 'Diverted calls', kind: 'count' },
        // The denominator's calls, not every call (an outside auditor found 21,464 headed "All calls"
        // beside October's 23,048).
        { key: 'calls', label: 'Calls in the denominator', kind: 'count' },
        shareDiverted,
      ],
      rows: monthly.map((r) => ({
        month: month(r.period),
        diverted: r.calls,
        calls: r.denominator_calls,
        share: r.share,
      })),
      // The months add up to the period's diverted calls and denominator, both published. The diverted
      // calls are the responder table's all non-police responders: when the months cannot protect their
      // hidden ones against it (Seattle's 13 months of 1 or 2 diverted calls and one of 0, adding up to a
      // published 16), that count is hidden there.
      additive: ['calls'],
      groupTotals: [
        { column: 'diverted', groupBy: [], key: () => sharedCount.handled(ctx.responder('all_diverted')) },
      ],
      meta: ctx.meta({ denominator: { label: d.denominator.label, calls: d.denominator.calls }, quality }),
    });
  if (trend) {
    // Judged on the calls as the table prints them: a month whose calls are hidden is drawn hollow too,
    // so that the drawing says no more of a hidden count than its `x` does.
    const faint = trend.rows.map((_, i) => {
      const calls = chartValue(trend, i, 'calls');
      return calls === null || calls < FEW_CALLS_FOR_SHARE;
    });
    const faintDrawn = faint.filter((f, i) => f && chartValue(trend, i, 'share') !== null).length;
    const solidDrawn = faint.some((f, i) => !f && chartValue(trend, i, 'share') !== null);
    parts.push(
      figure(
        {
          title: 'Diverted share month by month',
          description: `Columns of the share of calls handled by a non-police responder in each month, with the goal of ${goalPercent(d.target)} marked. ${trend.rows
            // Of how many calls, in the internal edition: a stub month of 2 calls drawn at 50.0% read as a
            // finding (tester 333); the public table gives the counts it can.
            .map(
              (r, i) =>
                `${String(r.month)}: ${ctx.cellText(trend, i, 'share')}${ctx.isPublic ? '' : ` of ${ctx.cellText(trend, i, 'calls')} call${r.calls === 1 ? '' : 's'}`}`,
            )
            .join('; ')}.${
            faintDrawn
              ? ` ${faintDrawn === 1 ? 'The month' : `The ${faintDrawn} months`} of fewer than ${FEW_CALLS_FOR_SHARE} calls${ctx.isPublic ? ' (or whose calls are hidden)' : ''} ${faintDrawn === 1 ? 'is' : 'are'} drawn hollow, with no value over ${faintDrawn === 1 ? 'it' : 'them'}: one call moves a share of so few by 5 points or more, so it says little against the goal; the table gives ${faintDrawn === 1 ? 'its share' : 'their shares'}.${
                  // Tester 360: a hollow 50.0% set the axis, and the real months were slivers under it.
                  solidDrawn
                    ? ` The other months and the goal set the axis: a hollow column above its top is cut there.`
                    : ''
                }`
              : ''
          }`,
          meta: metaLine(trend.spec.meta, ctx.isPublic),
          table: renderTable(trend),
        },
        columnChart({
          title: 'Diverted share month by month',
          description: 'Diverted share by month',
          xLabel: 'Month',
          yLabel: 'Share of calls diverted (%)',
          percent: true,
          rule: { value: d.target, label: `goal ${goalPercent(d.target)}` },
          data: trend.rows.map((r, i) => ({
            label: String(r.month),
            ...chartCell(trend, i, 'share'),
            faint: faint[i],
          })),
        }),
      ),
    );
  }

  // The denominators nest (911 calls within calls without officer-initiated ones within all calls), so two
  // rows' difference is a count too: in the public edition a row is shown only when its differences from
  // the report's own denominator, the other rows shown and the period's calls (all published) are not 1-10.
  const ofDenominator = (n: Denominator) =>
    rows.find((x) => x.denominator === n && x.period === 'all' && x.responder === 'all_diverted');
  const shownDenominators: Denominator[] = [d.denominator.name];
  for (const n of DENOMINATOR_NAMES) {
    if (shownDenominators.includes(n)) continue;
    const r = ofDenominator(n);
    const apart = (a: number, b: number) => !isSmall(Math.abs(a - b));
    const fits =
      !ctx.isPublic ||
      (apart(r?.denominator_calls ?? 0, d.analysisQuality.calls_in_period) &&
        shownDenominators.every((m) => {
          const o = ofDenominator(m);
          return (
            apart(r?.denominator_calls ?? 0, o?.denominator_calls ?? 0) && apart(r?.calls ?? 0, o?.calls ?? 0)
          );
        }));
    if (fits) shownDenominators.push(n);
  }
  shownDenominators.sort((a, b) => DENOMINATOR_NAMES.indexOf(a) - DENOMINATOR_NAMES.indexOf(b));
  const ownDiverted = ofDenominator(d.denominator.name)?.calls ?? 0;
  const denominators = ctx.table({
    id: 'diverted_share_denominators',
    title: 'Diverted share under each denominator',
    columns: [
      { key: 'denominator', label: 'Denominator', kind: 'text' },
      { key: 'diverted', label: 'Diverted calls', kind: 'count' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      shareDiverted,
    ],
    rows: shownDenominators.map((n) => {
      const r = ofDenominator(n);
      return {
        _name: n,
        denominator: DENOMINATORS[n].label,
        diverted: r?.calls ?? 0,
        calls: r?.denominator_calls ?? 0,
        share: r?.share ?? null,
      };
    }),
    // The 911 denominator's calls are the origin table's 911 calls. The report's own denominator's diverted
    // calls are the responder table's all non-police responders (hidden there as cover, the 16 printed here
    // gave Seattle's 311 calls and 14 months of 1 or 2 away), and so is another denominator's equal count
    // (the 25 diverted calls of one day under all three); counts 1-10 apart are left out above.
    links: [
      {
        column: 'calls',
        key: (r) => (r._name === 'calls_911' ? sharedCount.origin(humanise('911')) : null),
      },
      {
        column: 'diverted',
        key: (r) => (r.diverted === ownDiverted ? sharedCount.handled(ctx.responder('all_diverted')) : null),
      },
    ],
    meta: ctx.meta({
      quality,
      ...(shownDenominators.length < DENOMINATOR_NAMES.length
        ? {
            note: 'A denominator whose calls or diverted calls differ from another one shown, or from the calls in the period, by 1 to 10 is left out.',
          }
        : {}),
    }),
  });
  if (denominators)
    parts.push(
      html`<h3>Which calls the share is of</h3>
        <p>
          Published diversion figures differ in what they divide by. Under each common denominator, the
          diverted calls among its calls over all of them:
        </p>`,
      renderTable(denominators),
      metaLine(denominators.spec.meta, ctx.isPublic),
    );

  return { id: 'diversion', title: 'Diversion today', body: html`${parts}` };
}
