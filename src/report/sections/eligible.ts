/**
 * Eligible demand and pathways to the goal: which calls each alternative responder could take by their
 * initial type (current practice, near term, potential), how many of those it took, and how far each
 * phase of eligibility would carry the diverted share towards the goal.
 */
import { noCallTyped, PHASES, type Phase } from '../../analyse/context.js';
import { FUNNEL_STAGES } from '../../analyse/funnel.js';
import { barChart, figure } from '../charts.js';
import { count, goalPercent, humanise, percent, rate, shareTowardGoal } from '../format.js';
import { pathwayShare } from '../headlines.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import type { ReportData } from '../data.js';
import { sharedCount, unclassifiedCell } from '../shared-counts.js';
import { metaLine, renderTable, type PreparedTable } from '../tables.js';
import { isSmall, THRESHOLD, type CellValue } from '../suppress.js';
import { columnUnionFacts, fact, growthFacts, partsWithinFacts, unionFacts, type Term } from '../facts.js';
import { chartCell } from './demand.js';
import { listInWords } from '../../util/words.js';
import { unrecordedResponders } from '../../analyse/eligible-demand.js';
import type { PathwayRow } from '../../analyse/pathways.js';
import { recordsNoUnitTime } from '../../analyse/response-times.js';

const MAX_PATHWAY_ROWS = 25;

/** A published count a set of listed call types' police-handled calls are some of. */
export interface PathwayGroup<T> {
  total: number;
  member: (r: T) => boolean;
}

/**
 * The ranked call types as the edition lists them. In the public one, a type with 1-10 calls is left out
 * altogether: listed as hidden, its place in an order by calls bounded its count by its neighbours', and
 * with the responder's total published elsewhere that pinned it down. Each group's total less its listed
 * types' calls is the rest of it (the types left out of a phase, which the pathway shares publish; the
 * calls a category's diverted and unlisted types share): it must not be 1-10, or each part of it would be
 * at most that. The smallest listed types of the group go with the rest until it is 11 or more (or none
 * is listed); doing so only ever adds to other groups' rests. Ranks are renumbered, and running totals
 * stop at the first type left out, since each step would count it.
 */
export function publicPathways<T extends { calls: number; rank: number; phase: string }>(
  rows: readonly T[],
  isPublic: boolean,
  groups: readonly PathwayGroup<T>[] = [],
): { r: T; rank: number; cut: boolean }[] {
  if (!isPublic) return rows.map((r) => ({ r, rank: r.rank, cut: false }));
  const left = new Set(rows.filter((r) => isSmall(r.calls)));
  const phases = [...new Set(rows.map((r) => r.phase))].map((phase) => ({
    total: rows.filter((r) => r.phase === phase).reduce((a, r) => a + r.calls, 0),
    member: (r: T) => r.phase === phase,
  }));
  for (const g of [...phases, ...groups]) {
    const members = rows.filter(g.member).sort((a, b) => a.calls - b.calls);
    const rest = () => g.total - members.filter((r) => !left.has(r)).reduce((a, r) => a + r.calls, 0);
    for (const r of members) if (isSmall(rest())) left.add(r);
  }
  let cut = false;
  const out: { r: T; rank: number; cut: boolean }[] = [];
  for (const r of rows) {
    if (left.has(r)) cut = true;
    else out.push({ r, rank: out.length + 1, cut });
  }
  return out;
}

/**
 * The published counts the pathways' call types are parts of, beyond their phases: a category's calls
 * (and those less its diverted ones) less the police-handled calls of its most common types, which another
 * table lists (tester 205: Traffic hazard's 332 calls less Road Hazard's 290 and Check Hazard's 41 gave its
 * hidden 1 diverted); a responder's eligible calls of a phase (and those less the ones it handled), which
 * the types eligible for it from that phase or earlier are some of (311's near-term 5,051 less 5,046
 * listed put its hidden handled calls at 1 to 5).
 */
function pathwayGroups(d: ReportData): PathwayGroup<PathwayRow>[] {
  const top = new Map(d.demand.topTypes.map((t) => [t.call_type, t]));
  const categories = d.demand.byCategory.flatMap((c) => {
    const known = d.demand.topTypes
      .filter((t) => t.category === c.category)
      .reduce((a, t) => a + t.calls - t.diverted, 0);
    const member = (r: PathwayRow) => r.category === c.category && !top.has(r.call_type);
    return [
      { total: c.calls - known, member },
      { total: c.calls - c.diverted - known, member },
    ];
  });
  const eligible = d.tables.eligible_demand.rows.flatMap((e) => {
    const upTo = PHASES.indexOf(e.phase as Phase);
    const member = (r: PathwayRow) =>
      PHASES.indexOf(r.phase as Phase) <= upTo &&
      (e.responder === 'any_alternative' || r.responder === e.responder);
    return [
      { total: e.eligible_calls, member },
      { total: e.eligible_calls - e.handled_eligible, member },
    ];
  });
  return [...categories, ...eligible];
}

/**
 * Whether the edition withholds the calls diverted today (hidden in a table, or too few to print): then
 * whether the goal is met, and where the pathways cross it, are withheld too, since each bounds them.
 */
export function todaySuppressed(ctx: SectionContext): boolean {
  const d = ctx.data;
  const today = d.tables.diverted_share.rows.find(
    (r) => r.denominator === d.denominator.name && r.period === 'all' && r.responder === 'all_diverted',
  );
  return (
    ctx.hiddenElsewhere(sharedCount.handled(ctx.responder('all_diverted'))) ||
    ctx.derived('', today?.calls ?? 0) === 'suppressed'
  );
}

/** Every type the edition can list: the same for each section that asks, so worked out once per edition. */
const allListed = new WeakMap<SectionContext, ReturnType<typeof publicPathways<PathwayRow>>>();

/**
 * The call types the pathways list holds, as the edition lists them: those needed to reach the goal, or
 * every one when none is (the goal met, or out of reach), or when where the list would stop is withheld
 * (tester 125: a public list that stopped at a 3.66% goal and went on at 3.68% gave the hidden 10 calls
 * diverted).
 */
export function listedPathways(ctx: SectionContext) {
  const supply = ctx.data.tables.pathways.rows;
  const needed = supply.filter((r) => r.needed_for_target);
  const upTo = needed.length && !todaySuppressed(ctx) ? needed : supply;
  // The public edition lists every type it can, whatever the goal, and the other tables' audits count
  // them all as published: editions differing only in --target listed different types, and side by side
  // gave what each one's audit protected (tester 205); where a goal cut the list, editions a call apart
  // gave the running total at a type left out, and with it its calls (tester 209: Rave Check the
  // Welfare's hidden 3). The internal edition lists those the goal needs.
  let all = allListed.get(ctx);
  if (!all) {
    all = publicPathways(supply, ctx.isPublic, ctx.isPublic ? pathwayGroups(ctx.data) : []);
    allListed.set(ctx, all);
  }
  const listed = upTo === supply || ctx.isPublic ? all : all.filter((x) => x.r.needed_for_target);
  return { supply, needed, upTo, listed, all };
}

/** The pathways table's step for a phase: the share if every call eligible in it were diverted. */
export const pathwayStep = (phase: Phase) => `All ${PHASE_NAMES[phase].toLowerCase()} eligible`;

/**
 * The calls of the categories a responder's rules add in `phase` to the phase before's (to none's, for the
 * first phase or `fromNone`), from the category table, where its eligible calls grow by exactly those (no
 * flag of the new rules bites); 0 where they grow by none, whatever the rules; else null. The rules are
 * public, so a reader has this growth: a count hidden in one phase came back from the next (tester 131:
 * Burlington's near term 1,050 less the 535 welfare checks gave the crisis team's hidden 515), from the
 * categories' (tester 139: animal control's hidden 16 under calls_911 was the Animal category's), or from
 * a phase that adds nothing (tester 140: Fire / EMS's hidden current practice was its near term's 4,062).
 */
export function categoryGrowth(
  d: ReportData,
  responder: string,
  phase: Phase,
  fromNone = false,
): number | null {
  const k = PHASES.indexOf(phase);
  const first = fromNone || k === 0;
  const of = (p: Phase) =>
    d.tables.eligible_demand.rows.find((r) => r.responder === responder && r.phase === p)?.eligible_calls;
  const [was, is] = [first ? 0 : of(PHASES[k - 1]!), of(phase)];
  if (was === undefined || is === undefined) return null;
  if (is === was) return 0;
  const now = d.eligibleCategories(responder, phase);
  const before = first ? [] : d.eligibleCategories(responder, PHASES[k - 1]!);
  if (!now || !before) return null;
  const callsOf = new Map(d.demand.byCategory.map((c) => [c.category, c.calls]));
  const calls = now.filter((c) => !before.includes(c)).reduce((a, c) => a + (callsOf.get(c) ?? 0), 0);
  return is - was === calls ? calls : null;
}

/**
 * Empties the handled counts of the rows whose handling no source records (analyze's `handled_recorded`
 * false), once the table is audited: they read 0 in the CSV and on the page, as if measured, where analyze
 * says "not recorded" and the page's legend says `-` is no value (tester 372). The audit still weighed the
 * store's 0 there, stated (`knownZero`), never hidden and linking nothing: as an empty cell it is no count,
 * and the other cells are withheld exactly as before.
 */
function notRecorded(t: PreparedTable, unrecorded: (phase: string, responder: string) => boolean): void {
  const keys = ['handled_eligible', 'handled_all', '_not_eligible'];
  t.rows.forEach((r, i) => {
    // Only the stated zeros: a cell withheld (never one of these) keeps its x.
    if (unrecorded(String(r.phase), String(r.responder)) && keys.every((k) => r[k] === 0))
      t.rows[i] = { ...r, ...Object.fromEntries(keys.map((k) => [k, null])) };
  });
}

export const PHASE_NAMES: Record<Phase, string> = {
  current: 'Current practice',
  near_term: 'Near term',
  potential: 'Potential',
};

export function eligibleSection(ctx: SectionContext): Section {
  const d = ctx.data;
  // Tables of zeros would read as measured (tester 226): the summary says unknown, and so does this.
  if (noCallTyped(d.analysisQuality))
    return {
      id: 'eligible',
      title: 'Eligible demand and pathways to the goal',
      body: html`<p>
        No call of the period has an initial call type, so the calls each alternative responder is eligible
        for, the pathways to the goal and the funnel from eligible to handled cannot be judged: they are
        unknown, not 0. Map the call type as it was when the call came in (<code>call_type_initial</code>) in
        the source's profile, or add a source that has one (docs/profiles.md).
      </p>`,
    };
  const def = d.tables.eligible_demand.definition;
  const denom = def.denominator
    ? { label: def.denominator.label, calls: def.quality.calls ?? d.denominator.calls }
    : { label: d.denominator.label, calls: d.denominator.calls };
  const quality = [
    {
      label: 'calls with an unclassified type (never counted eligible)',
      value: unclassifiedCell(ctx, def.quality.unclassified ?? 0),
    },
  ];
  const parts: Html[] = [];
  const unrecordedIds = unrecordedResponders(d.tables.eligible_demand.rows);
  const unrecorded = unrecordedIds.map((r) => ctx.responderInText(r));
  const anyName = ctx.responder('any_alternative');
  // A responder no source records handled none of the store's calls, which the audit takes as the 0 it is
  // (the note says any alternative's calls handled are the others'): cover there would protect nothing.
  // The same rows are emptied once audited (notRecorded).
  const rowKey = (phase: CellValue, responder: CellValue) => `${phase}\u0000${responder}`;
  const unrecordedRows = new Set(
    d.tables.eligible_demand.rows
      .filter((r) => !r.handled_recorded)
      .map((r) => rowKey(PHASE_NAMES[r.phase], ctx.responder(r.responder))),
  );
  const handledUnrecorded = (r: Record<string, CellValue>) =>
    unrecordedRows.has(rowKey(r.phase!, r.responder!));
  const all = ctx.table({
    id: 'eligible_demand',
    rowHeaders: 2,
    // The denominator of its share of calls eligible, which its CSV alone did not say (tester 387).
    csvDenominator: def.denominator?.name ?? d.denominator.name,
    title: 'Eligible calls and calls handled, by responder and phase',
    columns: [
      { key: 'phase', label: 'Phase', kind: 'text' },
      { key: 'responder', label: 'Responder', kind: 'text' },
      { key: 'eligible', label: 'Eligible calls', kind: 'count' },
      { key: 'eligible_share', label: 'Share of calls eligible', kind: 'share', basis: 'eligible' },
      {
        key: 'handled_eligible',
        label: 'Eligible calls it handled',
        kind: 'count',
        knownZero: handledUnrecorded,
      },
      {
        key: 'handled_of_eligible',
        label: 'Share of eligible handled',
        kind: 'share',
        basis: 'handled_eligible',
        alsoBasis: ['eligible'],
        // Empty only for a responder no source records, as in the funnel (tester 104).
        emptyKnown: true,
      },
      { key: 'handled_all', label: 'All calls it handled', kind: 'count', knownZero: handledUnrecorded },
      {
        key: '_not_eligible',
        label: 'Calls it handled that were not eligible',
        kind: 'count',
        hidden: true,
        knownZero: handledUnrecorded,
      },
      {
        key: '_added',
        label: "Calls of the categories this phase's rules add, where they are all the growth",
        kind: 'count',
        hidden: true,
        fixed: true,
      },
    ],
    rows: d.tables.eligible_demand.rows.map((r) => ({
      phase: PHASE_NAMES[r.phase],
      responder: ctx.responder(r.responder),
      eligible: r.eligible_calls,
      eligible_share: r.eligible_share,
      handled_eligible: r.handled_eligible,
      handled_of_eligible: r.handled_of_eligible,
      handled_all: r.handled_all,
      _not_eligible: r.handled_all - r.handled_eligible,
      _added: categoryGrowth(d, r.responder, r.phase as Phase),
      // The diverted-share table's name of the responder: the store's value (ems, "EMS (medical)"), not
      // the taxonomy's (fire_ems, "Fire / EMS"); a key spelt two ways links nothing.
      _store: ctx.responder(r.responder === 'any_alternative' ? 'all_diverted' : r.store_responder),
    })),
    // All calls a responder handled less the eligible ones it handled is a count (5 diverted calls not
    // eligible), and the pathways' shares are built from it: it is protected as a part of the row.
    rowSums: [{ total: 'handled_all', parts: ['handled_eligible', '_not_eligible'] }],
    // The phases are cumulative, so a responder's counts grow phase by phase, and it handled at most the
    // calls it was eligible for: a hidden count between two shown ones a few apart is bounded by them.
    orders: [
      { column: 'handled_eligible', than: 'eligible' },
      ...(['eligible', 'handled_eligible'] as const).map((column) => ({
        column,
        groupBy: ['responder'],
        by: 'phase',
        order: PHASES.map((p) => PHASE_NAMES[p]),
      })),
    ],
    // Within a phase the any-alternative row counts the union of the responders' eligible calls (their
    // sum when no call is eligible for two: tester 84), and at least the sum of the calls each handled of
    // its own; a count grows from phase to phase by no more than the eligible calls do.
    facts: (rows) => {
      const isWhole = (r: Record<string, CellValue>) => r.responder === anyName;
      return [
        ...unionFacts(rows, { columns: ['eligible'], groupBy: ['phase'], isWhole, disjointBy: 'eligible' }),
        ...partsWithinFacts(rows, { columns: ['handled_eligible'], groupBy: ['phase'], isWhole }),
        ...growthFacts(rows, {
          columns: ['handled_eligible'],
          groupBy: ['responder'],
          by: 'phase',
          order: PHASES.map((p) => PHASE_NAMES[p]),
          size: 'eligible',
        }),
        // A phase's eligible calls are the previous phase's (none before the first) and the added
        // categories' calls.
        ...rows.flatMap((r, row) => {
          if (typeof r._added !== 'number') return [];
          const k = PHASES.findIndex((p) => PHASE_NAMES[p] === r.phase);
          const before = rows.findIndex(
            (x) => x.responder === r.responder && x.phase === PHASE_NAMES[PHASES[k - 1]!],
          );
          if (k > 0 && before < 0) return [];
          return [
            fact(
              [
                [row, 'eligible', 1],
                ...(k > 0 ? [[before, 'eligible', -1] as Term] : []),
                [row, '_added', -1],
              ],
              true,
            ),
          ];
        }),
      ];
    },
    // All calls a responder handled is the diverted-share table's count of it (any alternative: all diverted).
    links: [
      { column: 'eligible', key: (r) => sharedCount.eligible(String(r.phase), String(r.responder)) },
      {
        column: 'handled_eligible',
        key: (r) => sharedCount.handledEligible(String(r.phase), String(r.responder)),
      },
      { column: 'handled_all', key: (r) => sharedCount.handled(String(r._store)) },
    ],
    meta: ctx.meta({
      denominator: denom,
      quality,
      ...(unrecorded.length
        ? {
            note: `No source of the store records the calls handled by ${listInWords(unrecorded)} (no profile rule gives ${unrecorded.length === 1 ? 'it' : 'them'} as a call's responder): how many calls ${unrecorded.length === 1 ? 'it' : 'they'} handled is not recorded, not 0, so ${unrecorded.length === 1 ? 'its' : 'their'} counts and shares handled are left empty (-), and the calls any alternative responder handled are those of the others.`,
          }
        : {}),
    }),
  });
  if (all) notRecorded(all, (phase, responder) => unrecordedRows.has(rowKey(phase, responder)));
  if (all) {
    const anyRow = d.tables.eligible_demand.rows.findIndex(
      (r) => r.phase === 'near_term' && r.responder === 'any_alternative',
    );
    const anyShare = anyRow >= 0 ? ctx.cellText(all, anyRow, 'eligible_share') : percent(null);
    const near = all.rows
      .map((r, i) => ({ r, i, src: d.tables.eligible_demand.rows[i]! }))
      .filter((x) => x.src.phase === 'near_term' && x.src.responder !== 'any_alternative');
    parts.push(
      html`<p>
        Eligibility is judged on the initial call type, what the dispatcher knew, under the rules of
        <code>taxonomy/eligibility.yaml</code> for three phases: what the city's responders take today, what
        they could take in the near term, and what could eventually go to them. A call can be eligible for
        more than one responder, so the responders' shares need not add up to the share eligible for any of
        them.
      </p>`,
      figure(
        {
          title: 'Calls eligible for each alternative responder in the near term',
          description: `Horizontal bars of the share of calls each alternative responder is eligible for under the near-term rules. ${
            anyShare === 'suppressed'
              ? 'The share of calls eligible for at least one is suppressed.'
              : // "no value of calls are eligible" under a denominator of no call (tester 169).
                d.denominator.calls === 0
                ? 'No call of the period counts in the denominator.'
                : `${anyShare} of calls are eligible for at least one.`
          }`,
          meta: metaLine(all.spec.meta, ctx.isPublic),
          table: renderTable(all),
        },
        barChart({
          title: 'Calls eligible for each alternative responder in the near term',
          description: 'Near-term eligible share by responder',
          valueLabel: 'Share of calls eligible (%)',
          percent: true,
          data: near.map((x) => ({
            label: String(x.r.responder),
            ...chartCell(all, x.i, 'eligible_share'),
          })),
        }),
      ),
    );
  }

  // Pathways: the diverted share if every eligible call of a phase went to an alternative responder.
  const today = d.tables.diverted_share.rows.find(
    (r) => r.denominator === d.denominator.name && r.period === 'all' && r.responder === 'all_diverted',
  );
  const todayDiverted = today?.calls ?? 0;
  // The calls diverted today, hidden in the diverted-share table, are hidden in every figure built on
  // them: the gap to the goal is the goal's calls less them, and a running total starts from them
  // (todaySuppressed).
  const todayKey = sharedCount.handled(ctx.responder('all_diverted'));
  // Each share carries the counts it is made of (not shown): the calls diverted today, and a phase's
  // eligible calls plus the diverted calls that were not eligible. A phase's share is also the calls
  // diverted today plus the eligible calls police handled (the workload table's, any alternative) over
  // the calls: a running total from the first row, so it is withheld while either is (tester 340: Seattle's
  // near-term 37.799% of 209 less the workload table's 55 gave the hidden 24 diverted calls).
  const pathRows = [
    {
      step: 'Diverted today',
      share: today?.share ?? null,
      _calls: todayDiverted,
      _other: 0,
      _handled: 0,
      _diverted: todayDiverted,
      _police: null,
      _phase: null,
    },
    // Short labels: they are the chart's axis; the table and the text alternative say what they mean.
    ...PHASES.map((p) => {
      const any = d.tables.eligible_demand.rows.find(
        (r) => r.phase === p && r.responder === 'any_alternative',
      );
      return {
        step: pathwayStep(p),
        share: pathwayShare(d, p),
        _calls: any?.eligible_calls ?? 0,
        _other: any ? any.handled_all - any.handled_eligible : 0,
        _handled: any?.handled_eligible ?? 0,
        _diverted: todayDiverted,
        _police:
          d.tables.eligible_hours.rows.find((r) => r.phase === p && r.responder === 'any_alternative')
            ?.police_handled_calls ?? null,
        _phase: PHASE_NAMES[p],
      };
    }),
  ];
  const path = ctx.table({
    id: 'pathways',
    title: 'Pathways to the goal',
    // Its shares of calls diverted are of the denominator, as the headline's (as tester 387 found of others).
    csvDenominator: d.denominator.name,
    columns: [
      { key: 'step', label: 'Step', kind: 'text' },
      {
        key: 'share',
        label: 'Share of calls diverted',
        kind: 'share',
        basis: '_calls',
        alsoBasis: ['_other', '_handled', '_diverted', '_police'],
        format: (v) => shareTowardGoal(v, d.target),
      },
      { key: '_diverted', label: 'Calls diverted today', kind: 'count', hidden: true },
      {
        key: '_police',
        label: 'Eligible calls police handled, any alternative',
        kind: 'count',
        hidden: true,
      },
    ],
    rows: pathRows,
    links: [
      // The summary prints these shares: it reads whether they are hidden.
      { column: 'share', key: (r) => sharedCount.pathwayShare(String(r.step)) },
      // A share is (eligible + diverted - eligible diverted) / calls, and the eligible-demand and
      // diverted-share tables publish the rest: a count they hide, the share must not give back (78 + 26
      // - 0.314 x 328 gave the any-alternative row's hidden 1 eligible call handled).
      {
        column: '_calls',
        key: (r) => (r._phase === null ? todayKey : sharedCount.eligible(String(r._phase), anyName)),
      },
      {
        column: '_handled',
        key: (r) => (r._phase === null ? null : sharedCount.handledEligible(String(r._phase), anyName)),
      },
      { column: '_diverted', key: () => todayKey },
      {
        column: '_police',
        key: (r) => (r._phase === null ? null : sharedCount.policeHandled(String(r._phase), anyName)),
      },
    ],
    meta: ctx.meta({
      denominator: denom,
      quality,
      note: 'A pathway counts calls already diverted plus every eligible call not yet diverted.',
    }),
  });
  if (path)
    parts.push(
      figure(
        {
          title: 'Pathways to the goal',
          description: `Horizontal bars of the share of calls diverted today and, for each phase of eligibility, if every eligible call were diverted too, against the goal of ${goalPercent(d.target)}. ${pathRows.map((r, i) => `${r.step}: ${ctx.cellText(path, i, 'share')}`).join('; ')}.`,
          meta: metaLine(path.spec.meta, ctx.isPublic),
          table: renderTable(path),
        },
        barChart({
          title: 'Pathways to the goal',
          description: 'Diverted share today and under each phase of eligibility',
          valueLabel: 'Share of calls diverted (%)',
          percent: true,
          rule: { value: d.target, label: `goal ${goalPercent(d.target)}` },
          data: pathRows.map((r, i) => ({ label: r.step, ...chartCell(path, i, 'share') })),
        }),
      ),
    );

  // Which call types would close the gap: the analysis library's ranked supply (pathways), up to the row
  // that crosses the goal, so a council sees the concrete types to move, not only a share.
  const gap = d.tables.target_gap.rows.find((r) => r.denominator === d.denominator.name);
  const { needed, upTo: listed, listed: shownTypes } = listedPathways(ctx);
  const ranked = ctx.table({
    id: 'pathways_call_types',
    rowHeaders: 2,
    title: 'Call types that could close the gap, in order',
    columns: [
      { key: 'rank', label: 'Rank', kind: 'number' },
      { key: 'call_type', label: 'Initial call type', kind: 'text' },
      { key: 'responder', label: 'Alternative responder', kind: 'text' },
      { key: 'phase', label: 'Eligible from', kind: 'text' },
      { key: 'calls', label: 'Calls, police', kind: 'count' },
      { key: 'per_year', label: 'Per year', kind: 'rate', basis: 'calls' },
      {
        key: 'cumulative_share',
        label: 'Diverted share, cumulative',
        kind: 'share',
        basis: 'calls',
        // The first row's running total includes the calls diverted today.
        alsoBasis: ['_diverted_today'],
        cumulative: true,
        format: (v) => shareTowardGoal(v, d.target),
      },
    ],
    maxRows: MAX_PATHWAY_ROWS,
    rows: shownTypes.map(({ r, rank, cut }) => ({
      rank,
      call_type: r.call_type,
      responder: ctx.responder(r.responder),
      phase: PHASE_NAMES[r.phase as Phase] ?? r.phase,
      calls: r.calls,
      per_year: r.calls_per_year,
      cumulative_share: cut ? null : r.cumulative_share,
      _diverted_today: todayDiverted,
    })),
    links: [{ column: '_diverted_today', key: () => todayKey }],
    meta: ctx.meta({
      denominator: denom,
      quality,
      note: `Calls, police: calls of that type police handled. Cumulative: the diverted share if this row and every row above it were diverted, with more decimals where fewer would print a share short of the goal as the goal. Each call counts once, in the earliest phase any alternative responder is eligible for it.${ctx.isPublic ? ` Public edition: call types with fewer than ${THRESHOLD} such calls are not listed, nor the smallest others of a phase, category or responder where the types left out would otherwise add up to a count from 1 to 10 that other figures give away (a large type too: a responder's only type can be one), so the rank is among the listed types only; the running total stops at the first type left out.` : ''}`,
    }),
  });
  if (ranked && gap) {
    // A mapping that makes no call type eligible left "These are all 0 call types" over an empty table
    // (tester 227).
    const noType = d.tables.pathways.rows.length === 0;
    const coverLeftOut = d.tables.pathways.rows.some(
      (r) => r.calls >= THRESHOLD && !shownTypes.some((x) => x.r === r),
    );
    const publicNote =
      !ctx.isPublic || noType
        ? ''
        : ranked.rows.length < d.tables.pathways.rows.length
          ? ranked.rows.length
            ? ` The public edition lists ${count(ranked.rows.length)} of the call types that could go to an alternative responder, each with ${THRESHOLD} calls or more, numbered among themselves, whatever the goal; a type is left out where listing it would give a hidden count away, a large one too (the table's note says how).`
            : // Types of 11 calls or more are left out as cover too: "lists only call types with 11 calls or
              // more" over an empty list said every type had 10 or fewer, beside an internal edition's
              // first type of 12 (tester 351: Seattle's parking violations, traffic control's 17 less 12).
              // No count is named: it would bound the types left out.
              ` The public edition lists none of them: it lists only call types with ${THRESHOLD} calls or more${coverLeftOut ? ", and none whose calls would give a hidden count away (the table's note says how)" : ''}.`
          : ' The public edition lists every call type that could go to an alternative responder, whatever the goal.';
    // How many types there are in all is left out beside a public list that leaves some out: with the gap
    // and their order, it bounded each one left out (eight types closing a gap of 72.6 calls, two of them
    // listed, put the other six at 8-10, 8-10, 7-10...).
    const some = publicNote ? '' : ` ${count(needed.length)}`;
    const all = publicNote ? '' : ` all ${count(listed.length)}`;
    // Where the goal is reached, said in the public edition only where the running totals are shown up to
    // there: past a type left out, a goal a call higher or lower moved it, which gave their sum.
    const crossing = needed.length ? shownTypes.find((x) => x.r === needed.at(-1)) : undefined;
    const unsaid =
      'Whether and where among them the goal is reached is not said in this edition: it would give away the calls of types it leaves out.';
    const getThere = !ctx.isPublic
      ? needed.length === 1
        ? 'This one call type would get there.'
        : `These${some} call types, taken in order, would get there.`
      : crossing && !crossing.cut
        ? `The first ${count(crossing.rank)} listed would get there.`
        : unsaid;
    // Which phase suffices, or that none does, bounds that phase's share by the goal: withheld with it.
    const phaseHidden = (p: Phase) =>
      ctx.isPublic && ctx.hiddenElsewhere(sharedCount.pathwayShare(pathwayStep(p)));
    const reachable = gap.reachable_phase as Phase | null;
    const phaseSaid = reachable
      ? !phaseHidden(reachable) &&
        (PHASES.indexOf(reachable) === 0 || !phaseHidden(PHASES[PHASES.indexOf(reachable) - 1]!))
      : !phaseHidden('potential');
    // Whether the goal is met bounds the calls diverted today (at least the goal's share of the calls):
    // said only where they are shown (tester 124: "already meets it" beside every diverted count as x).
    const reach = todaySuppressed(ctx)
      ? `Whether the share diverted today meets the goal of ${goalPercent(gap.target_share)}, and how many more calls would reach it, is suppressed in this edition, since it would give away a small count. These call types could add to it, in order:`
      : // "Reaching 20% means about 0 more calls a year" where no call counts (tester 169).
        d.denominator.calls === 0
        ? `No call of the period counts in the denominator, so there is no share to raise to ${goalPercent(gap.target_share)}.`
        : gap.target_met
          ? `The share diverted today already meets the goal of ${goalPercent(gap.target_share)}. These call types could take it further, in order:`
          : `Reaching ${goalPercent(gap.target_share)} means about ${rate(gap.additional_per_year)} more
          calls a year (${rate(gap.additional_per_week)} a week) going to non-police responders${
            // Within a year there is no yearly step (tester 188: "about 74,563 more a year added each year"
            // over half a year).
            gap.horizon_years > 1
              ? `: over a ${gap.horizon_years}-year horizon, about ${rate(gap.increase_per_year_over_horizon!)} more a year added each year`
              : gap.horizon_years < 1
                ? `, to be reached within ${gap.horizon_years} years`
                : ''
          }. ${
            noType
              ? "No call type is eligible for an alternative responder under any phase's rules, so none could close the gap."
              : reachable
                ? `${phaseSaid ? `The calls eligible under ${PHASE_NAMES[reachable]?.toLowerCase() ?? reachable} rules are enough. ` : ''}${getThere}`
                : // Out of reach said only beside the potential share: else targets a call apart, one said
                  // to be out of reach, gave that share and the eligible calls handled it hid (tester 213).
                  phaseSaid || !ctx.isPublic
                  ? `${phaseSaid ? 'Even every potentially eligible call would not be enough. ' : ''}These are${all} call types that could go to an alternative responder, in order.`
                  : unsaid
          }`;
    // Calls ranked for responders no source records handling (tester 331: a third of Minneapolis' ranked
    // calls were Fire / EMS's and traffic control's, and "are enough" rested on them without a word here).
    // Named by the types the table lists, as analyze's note is by the calls: a responder of no listed type
    // named beside them read as one of theirs (tester 336: mediation beside 18 types of others). Without
    // counts, which the public edition leaves with the note it drops; where it lists no type, by the
    // responders with eligible calls, which the eligible-demand table shows (a zero is public).
    const unrecorded = unrecordedResponders(d.tables.eligible_demand.rows);
    const tableTypes = shownTypes.map((x) => x.r);
    const theirs = (
      tableTypes.length ? unrecorded.filter((u) => tableTypes.some((r) => r.responder === u)) : unrecorded
    ).map((r) => ctx.responderInText(r));
    const caveat =
      theirs.length && !noType
        ? ` ${tableTypes.length ? 'Some of these calls are' : 'Some of the calls that could go to an alternative responder are'} eligible for ${listInWords(theirs)}, which no source records handling calls: some may be ${theirs.length === 1 ? 'its' : 'theirs'} already, which the share diverted today leaves out, so fewer may be left to divert than this says.`
        : '';
    // Whether the goal is met is withheld with the calls diverted today, and the heading said it (tester
    // 340: "could take the share further" above "whether ... meets the goal ... is suppressed").
    const heading = todaySuppressed(ctx)
      ? 'Which calls could add to the share'
      : gap.target_met
        ? 'Which calls could take the share further'
        : 'Which calls would close the gap';
    parts.push(
      html`<h3>${heading}</h3>
        <p>${publicNote || caveat ? reach.replace(/:$/, '.') : reach}${publicNote}${caveat}</p>`,
      ...(noType ? [] : [renderTable(ranked), metaLine(ranked.spec.meta, ctx.isPublic)]),
    );
  }

  // The funnel of current-practice eligibility: where eligible calls fall out before an alternative takes them.
  const fun = d.tables.funnel.rows.filter((r) => r.phase === 'current' && r.responder !== 'any_alternative');
  const fallout = d.tables.funnel_fallout.rows.filter((r) => r.phase === 'current');
  const demandOf = (phase: Phase, responder: string) =>
    d.tables.eligible_demand.rows.find((r) => r.phase === phase && r.responder === responder);
  const anyNow = demandOf('current', 'any_alternative');
  const hoursOf = (phase: Phase, responder: string) =>
    d.tables.eligible_hours.rows.find((r) => r.phase === phase && r.responder === responder);
  const policeOf = (phase: Phase, responder: string) =>
    hoursOf(phase, responder)?.police_handled_calls ?? null;
  const unrecordedNow = unrecordedResponders(
    d.tables.eligible_demand.rows.filter((r) => r.phase === 'current'),
  ).map((r) => ctx.responderInText(r));
  const reasonColumns = [...new Set(fallout.map((r) => `${r.stage}\u0000${r.reason}`))].map((k) => {
    const [stage, reason] = k.split('\u0000') as [string, string];
    return { key: `_fallout_${stage}_${reason}`, stage, reason };
  });
  // Responders whose steps past eligible no source of their calls records (null in analyze's funnel).
  const unseen = new Set(
    fun.filter((r) => r.stage === 'assigned' && r.calls === null).map((r) => ctx.responder(r.responder)),
  );
  const funnelTable = ctx.table({
    id: 'funnel_current',
    title: 'From eligible to handled, current practice',
    columns: [
      { key: 'responder', label: 'Responder', kind: 'text' },
      // Not `knownZero` for an unrecorded responder's handled 0, though the note below states it: its
      // steps before are 0 by the row's sums then, and hidden as cover they would be known too (the week of
      // 3 October, mediation's eligible, assigned and arrived); the audit does not yet follow such sums.
      // A step not recorded is 0 to the audit (below) and shown `-`, not 0 (tester 389).
      ...FUNNEL_STAGES.map((s) => ({
        key: s,
        label: humanise(s),
        kind: 'count' as const,
        ...(s === 'eligible'
          ? {}
          : { emptyWhen: (r: Record<string, CellValue>) => unseen.has(String(r.responder)) }),
      })),
      {
        key: 'handled_share',
        label: 'Handled after a recorded arrival, of eligible',
        kind: 'share' as const,
        basis: 'handled',
        alsoBasis: ['eligible'],
        // Empty only for a responder no source records, whatever its counts.
        emptyKnown: true,
      },
      ...reasonColumns.map((c) => ({
        key: c.key,
        label: `${humanise(c.stage)} not reached: ${humanise(c.reason)}`,
        kind: 'count' as const,
        hidden: true,
        // The second table lists a reason only when some calls fell out for it.
        zeroKnown: true,
      })),
      { key: '_near_term_eligible', label: 'Eligible calls, near term', kind: 'count', hidden: true },
      { key: '_potential_eligible', label: 'Eligible calls, potential', kind: 'count', hidden: true },
      { key: '_handled_eligible', label: 'Eligible calls it handled', kind: 'count', hidden: true },
      { key: '_handled_all', label: 'All calls it handled', kind: 'count', hidden: true },
      // The workload table's counts: eligible calls police handled, in this phase and the next, and of
      // any alternative responder.
      { key: '_police', label: 'Eligible calls police handled', kind: 'count', hidden: true },
      {
        key: '_police_left_out',
        label: 'Of those, calls without a valid committed time',
        kind: 'count',
        hidden: true,
      },
      {
        key: '_near_term_police',
        label: 'Eligible calls police handled, near term',
        kind: 'count',
        hidden: true,
      },
      {
        key: '_any_police',
        label: 'Eligible calls police handled, any alternative',
        kind: 'count',
        hidden: true,
      },
      { key: '_any_eligible', label: 'Eligible calls, any alternative', kind: 'count', hidden: true },
      {
        key: '_any_handled_eligible',
        label: 'Eligible calls handled, any alternative',
        kind: 'count',
        hidden: true,
      },
    ],
    rows: [...new Set(fun.map((r) => r.responder))].map((resp) => {
      const get = (s: string) => fun.find((r) => r.responder === resp && r.stage === s);
      const now = demandOf('current', resp);
      return {
        responder: ctx.responder(resp),
        // A step no source of the responder's eligible calls records (null in analyze's funnel, tester 357)
        // is 0 calls seen here: the audit must know it, or the fallout's "not recorded", every eligible call,
        // gave back the eligible count it hid (tester 365: the crisis team's 515). The table shows such a
        // step `-` (emptyWhen), as analyze's funnel gives it null (tester 389).
        ...Object.fromEntries(FUNNEL_STAGES.map((s) => [s, get(s)?.calls ?? 0])),
        handled_share: get('handled')?.share_of_eligible ?? null,
        _near_term_eligible: demandOf('near_term', resp)?.eligible_calls ?? 0,
        _potential_eligible: demandOf('potential', resp)?.eligible_calls ?? 0,
        _handled_eligible: now?.handled_eligible ?? 0,
        _handled_all: now?.handled_all ?? 0,
        _any_eligible: anyNow?.eligible_calls ?? 0,
        _any_handled_eligible: anyNow?.handled_eligible ?? 0,
        _police: policeOf('current', resp),
        _police_left_out: hoursOf('current', resp)?.committed_left_out ?? null,
        _near_term_police: policeOf('near_term', resp),
        _any_police: policeOf('current', 'any_alternative'),
        _store: ctx.responder(now?.store_responder ?? resp),
        // The reasons of the second table, never shown here: a step less the next is their sum.
        ...Object.fromEntries(
          reasonColumns.map((c) => [
            c.key,
            fallout.find((r) => r.responder === resp && r.stage === c.stage && r.reason === c.reason)
              ?.calls ?? 0,
          ]),
        ),
      };
    }),
    steps: [...FUNNEL_STAGES],
    // What the workload and eligible-demand tables add (tester 84): a responder's eligible calls are those
    // police handled, those it handled and those another took; the responders' eligible calls and
    // police-handled ones add up to any alternative's when no call is eligible for two; a count grows from
    // one phase to the next by no more than the eligible calls do.
    facts: (rows) => [
      ...rows.flatMap((_, row) => [
        fact([
          [row, '_police', 1],
          [row, '_handled_eligible', 1],
          [row, 'eligible', -1],
        ]),
        fact([
          [row, '_police', 1],
          [row, '_near_term_police', -1],
        ]),
        fact([
          [row, '_near_term_police', 1],
          [row, '_police', -1],
          [row, '_near_term_eligible', -1],
          [row, 'eligible', 1],
        ]),
      ]),
      // A call that had no unit assigned has no committed time (assigned to cleared): those of the calls
      // that fell out before "assigned" police handled are some of the workload table's calls without one,
      // and the others another responder took (tester 175: 64 such calls less 60 cancelled left the
      // hidden 4 with no unit assigned at 1 to 4). All of them where no committed time is otherwise missing,
      // negative or implausible, as a reader may guess (tester 176: the equality pinned two hidden reasons).
      ...rows.map((r, row) => {
        const terms: Term[] = [
          ...reasonColumns
            .filter((c) => c.stage === 'assigned' && c.reason !== 'handled_without_arrival')
            .map((c): Term => [row, c.key, 1]),
          [row, '_police_left_out', -1],
          [row, 'eligible', -1],
          [row, '_police', 1],
          [row, '_handled_eligible', 1],
        ];
        return fact(terms, terms.reduce((a, [, key, coef]) => a + coef * Number(r[key]), 0) === 0);
      }),
      ...columnUnionFacts(
        rows,
        [
          { part: 'eligible', whole: '_any_eligible' },
          { part: '_police', whole: '_any_police' },
        ],
        { part: 'eligible', whole: '_any_eligible' },
      ),
    ],
    // The eligible-demand table bounds the funnel from above: its eligible calls are at most the near
    // term's (185 assigned and 189 eligible in the near term left a withheld 187 eligible, and so the
    // cancelled calls, 1 to 4), and the calls handled with an arrival at most the eligible calls handled.
    // And so on up the phases: with the near term's hidden, the potential 86 bounded it and the funnel.
    orders: [
      { column: 'eligible', than: '_near_term_eligible' },
      { column: '_near_term_eligible', than: '_potential_eligible' },
      { column: 'handled', than: '_handled_eligible' },
      // ... and those at most all the calls it handled, published in the diverted-share table: with the
      // calls handled without an arrival, listed (so at least 1 each), the funnel's hidden handled 6 was
      // at most 11 - 2.
      { column: '_handled_eligible', than: '_handled_all' },
      // And a responder's counts are at most those of any alternative responder: with 55 assigned and the
      // any-alternative row's 60 eligible, a withheld 3 handled without an arrival was 1 to 5.
      { column: 'eligible', than: '_any_eligible' },
      { column: '_handled_eligible', than: '_any_handled_eligible' },
    ],
    rowSums: [
      ...FUNNEL_STAGES.slice(1).map((stage, i) => ({
        total: FUNNEL_STAGES[i]!,
        parts: [stage, ...reasonColumns.filter((c) => c.stage === stage).map((c) => c.key)],
      })),
      // Every eligible call the responder handled reached "handled" or was handled without an arrival.
      {
        total: '_handled_eligible',
        parts: [
          'handled',
          ...reasonColumns.filter((c) => c.reason === 'handled_without_arrival').map((c) => c.key),
        ],
      },
    ],
    links: [
      // The funnel's eligible calls are the eligible-demand table's, current practice.
      { column: 'eligible', key: (r) => sharedCount.eligible(PHASE_NAMES.current, String(r.responder)) },
      {
        column: '_near_term_eligible',
        key: (r) => sharedCount.eligible(PHASE_NAMES.near_term, String(r.responder)),
      },
      {
        column: '_potential_eligible',
        key: (r) => sharedCount.eligible(PHASE_NAMES.potential, String(r.responder)),
      },
      // The calls it handled with an arrival are at most all it handled (the diverted-share table).
      { column: 'handled', key: (r) => sharedCount.funnelHandled(String(r.responder)) },
      {
        column: '_handled_eligible',
        key: (r) => sharedCount.handledEligible(PHASE_NAMES.current, String(r.responder)),
      },
      { column: '_handled_all', key: (r) => sharedCount.handled(String(r._store)) },
      { column: '_police', key: (r) => sharedCount.policeHandled(PHASE_NAMES.current, String(r.responder)) },
      {
        column: '_police_left_out',
        key: (r) => sharedCount.policeLeftOut(PHASE_NAMES.current, String(r.responder)),
      },
      {
        column: '_near_term_police',
        key: (r) => sharedCount.policeHandled(PHASE_NAMES.near_term, String(r.responder)),
      },
      { column: '_any_police', key: () => sharedCount.policeHandled(PHASE_NAMES.current, anyName) },
      {
        column: '_any_eligible',
        key: () => sharedCount.eligible(PHASE_NAMES.current, ctx.responder('any_alternative')),
      },
      {
        column: '_any_handled_eligible',
        key: () => sharedCount.handledEligible(PHASE_NAMES.current, ctx.responder('any_alternative')),
      },
      // A reason's calls are a cell of the second table: the withheld assigned calls were its eligible
      // calls less the reasons published there (50 - 5 = 45, then 45 - 20 = 25 published arrivals lost).
      ...reasonColumns.map((c) => ({
        column: c.key,
        key: (r: Record<string, CellValue>) =>
          sharedCount.fallout(String(r.responder), humanise(c.stage), humanise(c.reason)),
      })),
    ],
    meta: ctx.meta({
      denominator: denom,
      quality,
      ...(unrecordedNow.length
        ? {
            note: `No source of the store records the calls handled by ${listInWords(unrecordedNow)}: whether ${unrecordedNow.length === 1 ? 'it' : 'they'} took the calls a unit arrived at is not recorded. The count handled is 0 because nothing records it, the share handled is left empty, and those calls are listed as not recorded, not as police on scene.`,
          }
        : {}),
    }),
  });
  const falloutTable = ctx.table({
    id: 'funnel_fallout_current',
    rowHeaders: 3,
    title: 'Why eligible calls did not reach "handled", current practice',
    columns: [
      { key: 'responder', label: 'Responder', kind: 'text' },
      { key: 'stage', label: 'Step not reached', kind: 'text' },
      { key: 'reason', label: 'Reason', kind: 'text' },
      // Listed only when some calls fell out for the reason: four hidden reasons of a funnel whose eligible
      // calls were 12 and handled none were each 1 to 9.
      { key: 'calls', label: 'Calls', kind: 'count', zeroKnown: true },
      // A share of eligible calls beside its count gives the eligible calls: withheld with them (25 at 0.5
      // gave the funnel's withheld 50, and 50 less 45 assigned the withheld 5 cancelled).
      { key: 'share', label: 'Share of eligible', kind: 'share', basis: 'calls', alsoBasis: ['_eligible'] },
      { key: '_eligible', label: 'Eligible calls', kind: 'count', hidden: true },
    ],
    rows: fallout
      .filter((r) => r.calls > 0)
      .map((r) => ({
        responder: ctx.responder(r.responder),
        stage: humanise(r.stage),
        reason: humanise(r.reason),
        calls: r.calls,
        share: r.share_of_eligible,
        _eligible: fun.find((f) => f.responder === r.responder && f.stage === 'eligible')?.calls ?? 0,
      })),
    // The reasons at one step add up to the calls between two steps of the funnel: the funnel's table
    // audits that sum, with its steps as they are published there and these cells linked to its own
    // columns of reasons. Audited here too, the sum was taken to be published where the funnel hides a
    // step (Minneapolis' November: animal control's 2 and 6 calls at the arrival step "1 to 7").
    links: [
      {
        column: 'calls',
        key: (r) => sharedCount.fallout(String(r.responder), String(r.stage), String(r.reason)),
      },
      { column: '_eligible', key: (r) => sharedCount.eligible(PHASE_NAMES.current, String(r.responder)) },
    ],
    meta: ctx.meta({ denominator: denom, quality }),
  });
  // An export with no unit time (Burlington's) has nothing to count past "eligible": its funnel printed
  // every responder "Assigned 0, Arrived 0, Handled 0" and 311's "0.0%" handled after an arrival, where
  // the other sections say no time can be measured (tester 343). The tables are still built, for their
  // CSV files and the audits that link to them; the page says why they are not shown.
  const timesRow = d.tables.response_times.rows.find(
    (r) => r.interval === 'response' && r.group_by === 'all',
  );
  const noUnitTime = (timesRow?.calls ?? 0) > 0 && recordsNoUnitTime(d.tables.response_times.rows);
  if (noUnitTime && funnelTable && funnelTable.rows.length)
    parts.push(
      html`<h3>From eligible to handled</h3>
        <p>
          No call of the period has a unit time (queued, assigned, en route, arrived or cleared; a 311, online
          or telephone report's arrival time is when the report was taken, not a unit's arrival): the export
          records when calls were received, not when units were sent or arrived, or its profile maps no such
          column. So the funnel from eligible to handled (a unit assigned, a unit arriving, the call handled
          after an arrival) cannot be measured: its steps are unknown, not 0, and are not shown. The calls
          each responder handled of those it is eligible for are in the eligible-demand table above. Map the
          unit time columns if the export has them (<code>times</code> in its profile, docs/profiles.md).
        </p>`,
    );
  else if (funnelTable && funnelTable.rows.length)
    parts.push(
      html`<h3>From eligible to handled</h3>
        <p>
          Of the calls each responder is eligible for under current practice, how many had a unit assigned, a
          unit arrive, and were handled by that responder. Each step counts only calls that reached the one
          before, so "handled" here leaves out calls the responder took without a recorded arrival, and can be
          lower than the share handled in the eligible-demand table: the second table lists those calls as
          handled without an arrival. CAD data cannot tell why a call fell out when no reason is recorded; the
          second table gives the reasons it can tell.
        </p>`,
      renderTable(funnelTable),
      metaLine(funnelTable.spec.meta, ctx.isPublic),
    );
  if (!noUnitTime && falloutTable && falloutTable.rows.length) parts.push(renderTable(falloutTable));

  return {
    id: 'eligible',
    title: 'Eligible demand and pathways to the goal',
    body: html`${parts}`,
  };
}
