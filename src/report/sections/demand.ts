/**
 * Call demand: how many calls, how they came in, what they were about (category and severity tier of the
 * initial type), how urgent, when in the week, and how volume moved month by month.
 */
import { INK, INK_2, barChart, columnChart, figure, hourOfWeekHeatmap } from '../charts.js';
import { DAYS, count, humanise, month, rate } from '../format.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { isSmall, isSuppressed, THRESHOLD, WITHHELD, type CellValue } from '../suppress.js';
import { onSceneLeftOut, sharedCount, unclassifiedCell } from '../shared-counts.js';
import { metaLine, renderTable, type PreparedTable } from '../tables.js';
import { fact, type Term } from '../facts.js';
import { PHASES, type Phase } from '../../analyse/context.js';
import { inDenominator } from '../../analyse/diverted-share.js';
import { categoryGrowth, listedPathways, PHASE_NAMES } from './eligible.js';
import { areasLeftOut, noAreaCounts } from './areas.js';
import { listInWords } from '../../util/words.js';

/** The priority row of calls with none recorded. */
const NO_PRIORITY = '(none)';

/** A chart value from a prepared (possibly suppressed) table cell: suppressed cells are left out. */
export function chartValue(t: PreparedTable, i: number, key: string): number | null {
  const v = t.rows[i]?.[key];
  return typeof v === 'number' && !isSuppressed(v) ? v : null;
}

/** A bar's value and whether suppression hid it, so the chart marks the row rather than leave it empty. */
export function chartCell(
  t: PreparedTable,
  i: number,
  key: string,
): { value: number | null; hidden: boolean } {
  return { value: chartValue(t, i, key), hidden: isSuppressed(t.rows[i]?.[key]) };
}

/** A month with fewer days than this in the period is short: its rate is of a few days, not a month. */
export const SHORT_MONTH_DAYS = 7;
/** How many times the longer months' highest rate a short month's must exceed to be left off the scale. */
export const OFF_SCALE_FACTOR = 2;

/**
 * The monthly columns, a short month whose rate is an outlier marked off the scale. A reader of a monthly
 * chart compares the columns' heights: Seattle's sample of 0.03 to 0.29 calls a day with 4 days of a
 * dispatch file at 250 set the axis to 250, and every other month was invisible (tester 343). Left out,
 * the month would look like none; on a log scale, heights no longer compare as amounts and 0 cannot be
 * drawn. So the longer months set the scale and the outlier is drawn broken at its top, with its value,
 * the usual mark of a value off the scale. Only a short month goes: an outlier of a whole month is a
 * finding, and it keeps its height. Decided on the values drawn, so a hidden rate decides nothing.
 */
export function offScaleMonths<T extends { days: number; value: number | null }>(
  months: T[],
): (T & { offScale: boolean })[] {
  const short = (m: T) => m.days < SHORT_MONTH_DAYS;
  const longest = Math.max(0, ...months.filter((m) => !short(m)).map((m) => m.value ?? 0));
  return months.map((m) => ({
    ...m,
    offScale: longest > 0 && short(m) && (m.value ?? 0) > OFF_SCALE_FACTOR * longest,
  }));
}

const TIER_NAMES: Record<string, string> = {
  non_criminal: 'Non-criminal',
  misdemeanour: 'Misdemeanour',
  non_violent_felony: 'Non-violent felony',
  serious_violent_felony: 'Serious violent felony',
  '(unclassified)': 'Unclassified',
};

const tierName = (tier: string) => TIER_NAMES[tier] ?? humanise(tier);

export function demandSection(ctx: SectionContext): Section {
  const d = ctx.data;
  const dm = d.demand;
  const denom = { label: d.denominator.label, calls: d.denominator.calls };
  // Of the denominator's calls, as the tables it is printed under are: the period's counted Burlington's
  // 12 untyped phone calls under 911 calls (tester 357).
  const unclassified = d.tables.severity_mix.definition.quality.unclassified ?? 0;
  // A table's Unclassified row is the count the captions print, when equal (sharedCount.unclassified).
  const unclassifiedRow = (column: string) => (r: Record<string, CellValue>) =>
    r[column] === 'Unclassified' && typeof r.calls === 'number' ? sharedCount.unclassified(r.calls) : null;
  const parts: Html[] = [];

  // The responder table publishes the denominator's calls by responder, this one every call by origin: two
  // margins of one cross-table, whose cells a profile rule can make known (Burlington's `Online Report` is
  // origin online and responder 311, so 311's 26 gave the online calls, hidden as cover, and with them the
  // hidden 3 of origin Other: tester 365). The table carries the cells, counts no table publishes, and the
  // responder counts (hidden with the responder table's), and states the sums as facts, so its audit weighs
  // them. A cell with no call is taken as known, as a rule makes it.
  const responders = d.tables.diverted_share.rows
    .filter(
      (r) => r.denominator === d.denominator.name && r.period === 'all' && r.responder !== 'all_diverted',
    )
    .map((r) => r.responder);
  const crossCalls = (origin: string, responder: string) =>
    dm.byOriginResponder.find((x) => x.origin === origin && x.responder === responder)?.calls ?? 0;
  const originClass = (o: string) => (o === '911' || o === 'officer_initiated' ? o : 'other');
  // Origins the denominator leaves out are no part of the responder table's calls.
  const counted = (o: string) => inDenominator(d.denominator.name, originClass(o));
  // An origin whose every call one responder handled, that responder's every call, is the responder
  // table's count while that table shows it; and where the denominator leaves out one origin only, its
  // calls are the period's less the denominator's, both published: either is no cover for another origin.
  const outside = dm.byOrigin.filter((o) => !counted(o.origin));
  const publishedOrigin = new Set(
    [
      ...(outside.length === 1 ? [outside[0]!.origin] : []),
      ...dm.byOrigin
        .filter((o) => counted(o.origin))
        .filter((o) => {
          const cells = dm.byOriginResponder.filter((c) => c.origin === o.origin);
          if (cells.length !== 1) return false;
          const r = cells[0]!.responder;
          return (
            dm.byOriginResponder.filter((c) => c.responder === r && counted(c.origin)).length === 1 &&
            !ctx.hiddenElsewhere(sharedCount.handled(ctx.responder(r)))
          );
        }),
    ].map((o) => humanise(typeof o === 'string' ? o : o.origin)),
  );
  const crossKey = (k: number) => `_r${k}`;
  const responderKey = (k: number) => `_resp${k}`;

  const originRows = ctx.ranked(
    dm.byOrigin,
    (r) => r.calls,
    (r) => humanise(r.origin),
  );
  // Volume and origin: every call in the period, officer-initiated included, since that is what the
  // denominator choice is about.
  const origin = ctx.table({
    id: 'calls_by_origin',
    title: 'Calls by how they came in',
    columns: [
      { key: 'origin', label: 'Origin', kind: 'text' },
      {
        key: 'calls',
        label: 'Calls',
        kind: 'count',
        published: (r) => publishedOrigin.has(String(r.origin)),
      },
      { key: 'share', label: 'Share of all calls', kind: 'share', basis: 'calls' },
      ...responders.flatMap((r, k) => [
        {
          key: crossKey(k),
          label: `Of these, calls ${ctx.responder(r)} handled`,
          kind: 'count' as const,
          hidden: true,
          unpublished: true,
        },
        {
          key: responderKey(k),
          label: `Calls ${ctx.responder(r)} handled (the responder table's)`,
          kind: 'count' as const,
          hidden: true,
        },
      ]),
      // Published as the shares' denominator: the origins it counts add up to it, so hiding officer-initiated
      // calls hides nothing where the period's calls are shown.
      { key: '_denominator', label: 'Calls of the denominator', kind: 'number', hidden: true, fixed: true },
    ],
    rows: originRows.map((r, i) => ({
      origin: humanise(r.origin),
      calls: r.calls,
      share: d.analysisQuality.calls_in_period ? r.calls / d.analysisQuality.calls_in_period : null,
      _denominator: i === 0 ? d.denominator.calls : null,
      ...Object.fromEntries(
        responders.flatMap((x, k) => [
          [crossKey(k), counted(r.origin) ? crossCalls(r.origin, x) : null],
          // Carried once, on the first row.
          [
            responderKey(k),
            i === 0
              ? dm.byOriginResponder
                  .filter((c) => c.responder === x && counted(c.origin))
                  .reduce((a, c) => a + c.calls, 0)
              : null,
          ],
        ]),
      ),
    })),
    additive: ['calls'],
    // An origin's calls of the denominator are the sum of its cells, a responder's calls the sum of its.
    facts: (rows) => {
      const inside = rows.map((_, row) => row).filter((row) => counted(originRows[row]!.origin));
      if (!inside.length) return [];
      return [
        fact([...inside.map((row): Term => [row, 'calls', 1]), [0, '_denominator', -1]], true),
        ...inside.map((row) =>
          fact([[row, 'calls', 1], ...responders.map((_, k): Term => [row, crossKey(k), -1])], true),
        ),
        ...responders.map((_, k) =>
          fact([...inside.map((row): Term => [row, crossKey(k), 1]), [0, responderKey(k), -1]], true),
        ),
      ];
    },
    links: [
      { column: 'calls', key: (r) => sharedCount.origin(String(r.origin)) },
      ...responders.map((x, k) => ({
        column: responderKey(k),
        key: (r: Record<string, CellValue>) =>
          typeof r[responderKey(k)] === 'number' ? sharedCount.handled(ctx.responder(x)) : null,
      })),
    ],
    meta: ctx.meta({
      denominator: {
        label: 'All calls for service, officer-initiated included',
        calls: d.analysisQuality.calls_in_period,
      },
      quality: [
        // Records, not calls: 36 records in a second source were of 31 calls (tester 310).
        {
          label: 'records of a call in a second source, counted once',
          value: d.analysisQuality.linked_duplicates,
        },
      ],
    }),
  });
  const perWeek = d.denominator.calls / d.period.weeks;
  parts.push(
    html`<p>
      ${
        // "In the day from 2022-11-06 to 2022-11-06" (tester 208).
        d.period.days === 1
          ? `On ${d.period.from}`
          : `In the ${count(d.period.days)} days from ${d.period.from} to ${d.period.to}`
      },
      ${count(d.analysisQuality.calls_in_period)} calls for service were received, of which
      ${count(d.denominator.calls)} are counted in the shares below (${d.denominator.label.toLowerCase()}):
      ${
        // Of the calls counted, not of every call received, which it read as (tester 360: 3,235 a week of
        // 36,972 counted, after 39,978 received).
        d.denominator.calls === d.analysisQuality.calls_in_period ? 'all of them,' : 'those counted are'
      }
      about ${rate(perWeek)} a week. How calls came in, when they came in and the months count every call.
    </p>`,
  );
  if (origin)
    parts.push(
      figure(
        {
          title: 'Calls by how they came in',
          // Every origin shown is named when there are few: three of four read as all of them, and "the 3
          // largest of 6" beside six bars left a screen reader three of the published values short.
          description: (() => {
            const rows = ctx.largest(origin, 'calls');
            const all = origin.rows.length;
            if (!rows.length) return 'Calls by origin would be drawn as horizontal bars.';
            // In the order the bars are drawn, the table's: the public edition's largest first listed them
            // in another (tester 384). "The 3 largest" are the largest by count, in any edition.
            const byCalls = [...rows].sort(
              (a, b) => Number(origin.rows[b]!.calls ?? 0) - Number(origin.rows[a]!.calls ?? 0) || a - b,
            );
            const named = (rows.length <= 8 ? rows : byCalls.slice(0, 3)).sort((a, b) => a - b);
            const lead =
              named.length === all
                ? ' by origin'
                : named.length === rows.length
                  ? ` by origin (${all - rows.length} of ${all} suppressed)`
                  : `, the ${named.length} largest of ${all} origins`;
            return `Horizontal bars of calls${lead}: ${named
              .map((i) => `${String(origin.spec.rows[i]!.origin)}: ${ctx.cellText(origin, i, 'calls')}`)
              .join('; ')}.`;
          })(),
          meta: metaLine(origin.spec.meta, ctx.isPublic),
          table: renderTable(origin),
          // Every count withheld: "no value is above 0 ... Horizontal bars of calls by origin (4 of 4
          // suppressed): ." listed nothing, and said nothing plainly (tester 384).
          ...(origin.rows.length && !ctx.largest(origin, 'calls').length
            ? {
                emptyReason: `No chart is drawn: the calls of ${origin.rows.length === 1 ? 'the one origin are' : `all ${origin.rows.length} origins are`} suppressed in this edition (x in the table), to protect small counts.`,
              }
            : {}),
        },
        barChart({
          title: 'Calls by how they came in',
          description: 'Calls for service by origin',
          valueLabel: 'Calls',
          data: origin.rows.map((r, i) => ({
            label: String(r.origin),
            ...chartCell(origin, i, 'calls'),
          })),
        }),
      ),
    );

  // The calls police handled of each call type another table lists, as a reader can add them up by
  // category: the pathways list's (in a public edition, every type some goal would list) and the most common
  // types' calls less their diverted ones.
  const policeOfType = new Map<string, { category: string | null; calls: number }>();
  const known = (type: string, category: string | null, calls: number) =>
    policeOfType.set(type, { category, calls: Math.max(calls, policeOfType.get(type)?.calls ?? 0) });
  for (const { r } of listedPathways(ctx).all) known(r.call_type, r.category, r.calls);
  for (const t of dm.topTypes) known(t.call_type, t.category, t.calls - t.diverted);
  const listedPolice = (category: string | null) =>
    [...policeOfType.values()].filter((t) => t.category === category).reduce((a, t) => a + t.calls, 0);

  // A responder's eligibility draws from a few categories (animal control's Animal alone): its eligible
  // calls are some of those categories' calls, and those a non-police responder handled (itself or
  // another) some of their diverted ones. Where they are all their calls, the categories' diverted calls
  // less those the responder handled are those another took (tester 109: 276 less 275 gave 1). Each
  // responder and phase gives the first of its categories' rows its eligible and handled calls (as the
  // eligible-demand table shows them) and the calls another responder took, a count to protect here, with
  // the categories' diverted counts first.
  const drawsFrom = new Map<string, { cats: string[]; e: number; h: number; o: number }[]>();
  // Only the categories the table has a row for: one without calls adds none to the sums, and a fact on a
  // row that does not exist named none.
  const listed = new Set(dm.byCategory.map((c) => c.category));
  for (const e of d.tables.eligible_demand.rows) {
    const cats = d.eligibleCategories(e.responder, e.phase as Phase)?.filter((c) => listed.has(c));
    const police = d.tables.eligible_hours.rows.find(
      (x) => x.phase === e.phase && x.responder === e.responder,
    )?.police_handled_calls;
    if (!cats?.length || police === undefined) continue;
    const o = e.eligible_calls - police - e.handled_eligible;
    const list = drawsFrom.get(cats[0]!) ?? [];
    const same = (x: (typeof list)[number]) =>
      x.cats.join() === cats.join() && x.e === e.eligible_calls && x.h === e.handled_eligible && x.o === o;
    if (o >= 0 && !list.some(same))
      drawsFrom.set(cats[0]!, [...list, { cats, e: e.eligible_calls, h: e.handled_eligible, o }]);
  }
  const slots = Math.max(0, ...[...drawsFrom.values()].map((l) => l.length));
  // A responder's eligible calls in a phase that are all its categories' calls are their sum, a count of
  // the eligible-demand table: hidden there (or in any table), a part goes here too (categoryGrowth).
  const whole = d.tables.eligible_demand.rows
    .filter((e) => e.eligible_calls > 0 && categoryGrowth(d, e.responder, e.phase as Phase, true) !== null)
    .map((e) => ({
      cats: new Set(d.eligibleCategories(e.responder, e.phase as Phase)),
      key: sharedCount.eligible(PHASE_NAMES[e.phase as Phase], ctx.responder(e.responder)),
    }));

  // A rule with no flag, code, tier or priority condition takes every call of its categories, so a
  // responder's eligible calls of a phase are at least those categories' calls, whatever its other rules
  // add (tester 379: Fire / EMS's 85 less Medical's 58 and Collision with injury's 21 left Fire, hazard and
  // rescue's hidden 5 at 1 to 6, its rule of medical calls of `all` categories having kept it out of the
  // relations above). Where every rule takes its categories whole the exact relations above hold. The
  // eligible count goes on the first category's row, linked, so that hidden in another table it is an
  // unknown here.
  const atLeast = d.tables.eligible_demand.rows.flatMap((e) => {
    const w = d.wholeCategories(e.responder, e.phase as Phase);
    const cats = w.categories.filter((c) => listed.has(c));
    return cats.length && !w.exact
      ? [
          {
            cats,
            e: e.eligible_calls,
            key: sharedCount.eligible(PHASE_NAMES[e.phase as Phase], ctx.responder(e.responder)),
          },
        ]
      : [];
  });

  // Exports leave out the place of private call types (sexual offences): a reader who knows that takes an
  // area table's calls without an area to be those categories' calls, all of them where nothing else lacks
  // one (tester 169: a layer holding every located call gave its row of 37 calls without one, the hidden
  // Sex offences, and through it the hidden Warrants' 2). Each such area column gives the first of its
  // categories' rows that row's calls and diverted calls, as its table shows them.
  const gone = new Set(ctx.isPublic ? areasLeftOut(d).map((o) => o.field) : []);
  const unplaced = d.areas
    .filter((a) => !gone.has(a.field) && a.withoutArea.some((c) => listed.has(c)))
    .map((a) => ({
      field: a.field,
      cats: a.withoutArea.filter((c) => listed.has(c)),
      none: noAreaCounts(d, a.rows),
    }));

  // The severity table counts the same calls by tier, and the mapping says each call type's category and
  // tier: a tier's calls are those of its categories whose every call is of that tier, and of its call
  // types in the other categories, some of which the most common types and the pathways list give. Left
  // out, the non-criminal tier less its whole categories and its listed types gave the hidden Officer
  // needs help, 8, and through it the Sex offences hidden as cover (tester 171).
  const tiersOf = new Map<string | null, Set<string | null>>();
  for (const x of dm.byCategoryTier)
    tiersOf.set(x.category, (tiersOf.get(x.category) ?? new Set()).add(x.tier));
  const mixed = (c: string | null) => (tiersOf.get(c)?.size ?? 0) > 1;
  const knownType = new Map<string, { category: string | null; calls: number }>();
  for (const t of dm.topTypes) knownType.set(t.call_type, t);
  for (const { r } of listedPathways(ctx).all)
    if (!knownType.has(r.call_type)) knownType.set(r.call_type, { category: r.category, calls: r.calls });
  const tierSums = d.tables.severity_mix.rows.flatMap((sev) => {
    const cats = [...tiersOf]
      .filter(([c, ts]) => listed.has(c) && ts.size === 1 && ts.has(sev.tier))
      .map(([c]) => c);
    if (!cats.length || sev.tier === '(unclassified)') return [];
    const known = [...knownType]
      .filter(([type, t]) => mixed(t.category) && dm.tierOfType.get(type) === sev.tier)
      .reduce((a, [, t]) => a + t.calls, 0);
    return [{ tier: tierName(sev.tier), cats, calls: sev.calls, known }];
  });

  const policeByType = new Map<string, number>();
  for (const p of d.tables.pathways.rows)
    policeByType.set(p.call_type, (policeByType.get(p.call_type) ?? 0) + p.calls);
  const smallRemainders = (r: { call_type: string; calls: number; diverted: number }) => {
    const police = policeByType.get(r.call_type);
    const rests = [r.calls - r.diverted];
    if (police !== undefined) rests.push(r.calls - police, r.calls - police - r.diverted);
    return rests.some(isSmall);
  };
  // A category whose call types the common types list gives all of (each publishable on its own), none
  // diverted, has its 0 diverted calls stated there: hidden here as cover it protected nothing (tester 351:
  // Unclassified's only type, (none), 1,000 calls and 0 diverted, beside the category's `x`). The list
  // holds back types as cover after this table is built, from responders' eligible categories chiefly
  // (Parking's one type, of traffic control's), so a category eligible for a responder is left out.
  const eligibleSomewhere = new Set(
    d.tables.eligible_demand.rows.flatMap((e) => d.eligibleCategories(e.responder, e.phase as Phase) ?? []),
  );
  const statedNoneDiverted = new Set(
    dm.byCategory
      .filter((c) => {
        if (eligibleSomewhere.has(c.category ?? '')) return false;
        const types = dm.topTypes.filter(
          (t) =>
            t.category === c.category && !isSmall(t.calls) && !isSmall(t.diverted) && !smallRemainders(t),
        );
        return (
          c.diverted === 0 &&
          types.every((t) => t.diverted === 0) &&
          types.reduce((a, t) => a + t.calls, 0) === c.calls
        );
      })
      .map((c) => ctx.category(c.category)),
  );

  // Mix by category, with the part already diverted.
  const cats = ctx.table({
    id: 'calls_by_category',
    title: 'Calls by category of the initial call type',
    csvDenominator: d.denominator.name,
    columns: [
      { key: 'category', label: 'Category', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls' },
      {
        key: 'diverted',
        label: 'Handled by a non-police responder',
        kind: 'count',
        knownZero: (r) => statedNoneDiverted.has(String(r.category)),
      },
      {
        key: 'diverted_share',
        label: 'Share diverted',
        kind: 'share',
        basis: 'diverted',
        alsoBasis: ['calls'],
      },
      {
        key: '_police',
        label: 'Calls police handled of the call types of this category that other tables list',
        kind: 'count',
        hidden: true,
        fixed: true,
      },
      ...unplaced.flatMap((_, j) =>
        (['calls', 'diverted'] as const).map((k) => ({
          key: `_none${j}_${k}`,
          label: `${k === 'calls' ? 'Calls' : 'Diverted calls'} an area table has without an area`,
          kind: 'count' as const,
          hidden: true,
          fixed: true,
        })),
      ),
      ...tierSums.flatMap((_, j) => [
        {
          key: `_tier${j}`,
          label: 'Calls of the severity tier every call of this category is of',
          kind: 'count' as const,
          hidden: true,
          fixed: true,
        },
        {
          key: `_tier${j}_known`,
          label: 'Of those, calls of the listed call types of categories with calls of other tiers too',
          kind: 'number' as const,
          hidden: true,
          fixed: true,
        },
      ]),
      ...atLeast.map((_, i) => ({
        key: `_least${i}`,
        label: 'Eligible calls of a responder whose whole categories this one leads',
        kind: 'count' as const,
        hidden: true,
        fixed: true,
      })),
      ...Array.from({ length: slots }, (_, i) => [
        {
          key: `_e${i}`,
          label: 'Eligible calls of a responder whose categories this one leads',
          kind: 'count' as const,
          hidden: true,
          fixed: true,
        },
        {
          key: `_h${i}`,
          label: 'Of those, calls it handled',
          kind: 'count' as const,
          hidden: true,
          fixed: true,
        },
        {
          key: `_o${i}`,
          label: 'Of those, calls another non-police responder handled',
          kind: 'count' as const,
          hidden: true,
        },
      ]).flat(),
    ],
    rows: ctx
      .ranked(
        dm.byCategory,
        (r) => r.calls,
        (r) => ctx.category(r.category),
      )
      .map((r) => ({
        category: ctx.category(r.category),
        calls: r.calls,
        share: d.denominator.calls ? r.calls / d.denominator.calls : null,
        diverted: r.diverted,
        diverted_share: r.calls ? r.diverted / r.calls : null,
        _police: listedPolice(r.category),
        ...Object.fromEntries(whole.map((w, i) => [`_w${i}`, w.cats.has(r.category ?? '') ? w.key : null])),
        ...Object.fromEntries(atLeast.map((a, i) => [`_least${i}`, a.cats[0] === r.category ? a.e : null])),
        ...Object.fromEntries(
          tierSums.flatMap((t, j) =>
            t.cats[0] === r.category
              ? [
                  [`_tier${j}`, t.calls],
                  [`_tier${j}_known`, t.known],
                ]
              : [],
          ),
        ),
        ...Object.fromEntries(
          unplaced.flatMap((u, j) =>
            u.cats[0] === r.category
              ? [
                  [`_none${j}_calls`, u.none.calls],
                  [`_none${j}_diverted`, u.none.diverted],
                ]
              : [],
          ),
        ),
        ...Object.fromEntries(
          (drawsFrom.get(r.category ?? '') ?? []).flatMap((x, i) => [
            [`_e${i}`, x.e],
            [`_h${i}`, x.h],
            [`_o${i}`, x.o],
          ]),
        ),
      })),
    additive: ['calls', 'diverted'],
    // A category's calls less its diverted ones are at least the police-handled calls of its types that
    // the pathways list and the most common types give (tester 109: Road Hazard's 83 and Check Hazard's
    // 16 left Traffic hazard's hidden 1 diverted of 100 calls at 0 or 1).
    facts: (rows) => {
      const rowOf = new Map(rows.map((r, row) => [r.category, row]));
      const idOf = new Map(dm.byCategory.map((c) => [ctx.category(c.category), c.category]));
      const none = unplaced.flatMap((u, j) => {
        const of = u.cats.map((c) => rowOf.get(ctx.category(c))!);
        return (['calls', 'diverted'] as const).map((k) =>
          // At most the row's count, and all of it where no other call lacks an area.
          fact(
            [...of.map((i): Term => [i, k, 1]), [of[0]!, `_none${j}_${k}`, -1]],
            of.reduce((a, i) => a + Number(rows[i]![k]), 0) === u.none[k],
          ),
        );
      });
      const tiers = tierSums.map((t, j) => {
        const of = t.cats.map((c) => rowOf.get(ctx.category(c))!);
        const sum = of.reduce((a, i) => a + Number(rows[i]!.calls), 0);
        // At most the tier's calls less the listed types', and all of them where no other type is of it.
        return fact(
          [
            ...of.map((i): Term => [i, 'calls', 1]),
            [of[0]!, `_tier${j}_known`, 1],
            [of[0]!, `_tier${j}`, -1],
          ],
          sum + t.known === t.calls,
        );
      });
      const least = atLeast.map((a, i) =>
        fact([
          [rowOf.get(ctx.category(a.cats[0]!))!, `_least${i}`, -1],
          ...a.cats.map((c): Term => [rowOf.get(ctx.category(c))!, 'calls', 1]),
        ]),
      );
      return [...none, ...tiers, ...least].concat(
        rows.flatMap((r, row) => [
          fact([
            [row, '_police', 1],
            [row, 'diverted', 1],
            [row, 'calls', -1],
          ]),
          ...(drawsFrom.get(idOf.get(String(r.category)) ?? '') ?? [])
            .map((x, i) => ({ x, i, of: x.cats.map((c) => rowOf.get(ctx.category(c))!) }))
            .flatMap(({ x, i, of }) => [
              // Its eligible calls are some of the categories' calls, and all of them where no flag of its
              // rules bites (tester 139: traffic control's 235 less Traffic hazard's 55 gave Parking's
              // hidden 180).
              fact(
                [[row, `_e${i}`, 1], ...of.map((k): Term => [k, 'calls', -1])],
                x.e === of.reduce((a, k) => a + Number(rows[k]!.calls), 0),
              ),
              fact([[row, `_h${i}`, 1], [row, `_o${i}`, 1], ...of.map((k): Term => [k, 'diverted', -1])]),
              fact([
                ...of.map((k): Term => [k, 'diverted', 1]),
                [row, `_h${i}`, -1],
                [row, `_o${i}`, -1],
                ...of.map((k): Term => [k, 'calls', -1]),
                [row, `_e${i}`, 1],
              ]),
            ]),
        ]),
      );
    },
    links: [
      { column: 'calls', key: unclassifiedRow('category') },
      ...tierSums.map((t, j) => ({
        column: `_tier${j}`,
        key: (r: Record<string, CellValue>) =>
          typeof r[`_tier${j}`] === 'number' ? sharedCount.tierCalls(t.tier) : null,
      })),
      // Hidden in the eligible-demand table, a responder's eligible calls are an unknown here too.
      ...atLeast.map((a, i) => ({
        column: `_least${i}`,
        key: (r: Record<string, CellValue>) => (typeof r[`_least${i}`] === 'number' ? a.key : null),
      })),
      // Hidden in the area table, the row's counts are unknowns here too.
      ...unplaced.flatMap((u, j) =>
        (['calls', 'diverted'] as const).map((k) => ({
          column: `_none${j}_${k}`,
          key: (r: Record<string, CellValue>) =>
            typeof r[`_none${j}_${k}`] === 'number' ? sharedCount.noArea(u.field, k) : null,
        })),
      ),
    ],
    groupTotals: whole.map((_, i) => ({
      column: 'calls',
      groupBy: [`_w${i}`],
      key: (r: Record<string, CellValue>) => (r[`_w${i}`] as string | null) ?? null,
    })),
    meta: ctx.meta({
      denominator: denom,
      quality: [{ label: 'calls with an unclassified type', value: unclassifiedCell(ctx, unclassified) }],
    }),
  });
  if (cats) {
    // In the public edition the table is in order of name: the chart draws the largest shown categories.
    const drawn = ctx.largest(cats, 'calls');
    const top = drawn.slice(0, 15);
    const partsHidden = top.some((i) => isSuppressed(cats.rows[i]!.diverted));
    const of = ctx.isPublic ? `of the ${drawn.length} whose counts are shown` : `of ${cats.rows.length}`;
    parts.push(
      figure(
        {
          title: 'What calls are about',
          // "the 0 largest of 0" where no call counts (tester 169).
          description: `Horizontal bars of calls by category of the initial call type${top.length ? `, the ${top.length} largest ${of} (all are in the table), largest first,` : ''} with the part handled by a non-police responder drawn in the second colour${partsHidden ? ` (x where that part is hidden)` : ''}.${
            // Without a call to rank, "The largest categories are ." (tester 167).
            top.length
              ? ` The largest categories${ctx.isPublic ? ' of those shown' : ''} are ${top
                  .slice(0, 3)
                  .map((i) => `${String(cats.rows[i]!.category)} (${ctx.cellText(cats, i, 'share')})`)
                  .join(', ')}.`
              : ''
          }${
            // Under a denominator without officer-initiated calls the name read as a contradiction (tester 117).
            dm.byCategory.some((c) => c.category === 'officer_initiated_admin')
              ? ` ${ctx.category('officer_initiated_admin')} is what a call type is about (patrol, follow-ups, information received), not how the call came in: such calls can come by phone too.`
              : ''
          }`,
          meta: metaLine(cats.spec.meta, ctx.isPublic),
          table: renderTable(cats),
          legend: html`<div class="legend">
            <ul>
              <li><span class="swatch" style="background:${INK}"></span>All calls</li>
              <li>
                <span class="swatch" style="background:${INK_2}"></span>Handled by a non-police responder
              </li>
              ${
                partsHidden
                  ? html`<li>
                      <strong style="color:${INK_2}">x</strong> on a bar: the part handled by a non-police
                      responder is hidden
                    </li>`
                  : ''
              }
            </ul>
          </div>`,
        },
        barChart({
          title: 'What calls are about',
          description: 'Calls by category of the initial call type, top 15',
          valueLabel: 'Calls',
          partLabel: 'Handled by a non-police responder',
          data: top.map((i) => ({
            label: String(cats.rows[i]!.category),
            ...chartCell(cats, i, 'calls'),
            part: chartValue(cats, i, 'diverted'),
            partHidden: isSuppressed(cats.rows[i]!.diverted),
          })),
        }),
      ),
    );
  }

  // The public list, by those rules, and without leaving a category's other types to be worked out: its
  // total (the category table) less its listed types is the calls of the rest, which must not be 1-10
  // (Noise 17 less Music-Loud 11 gave the 6 Loud Party calls): the smallest listed type of such a
  // category is left out, until none is. The categories the table hides count as one, since a reader
  // knows their sum (the column's total less the shown cells): 1, 1 and 20 hidden beside 20 listed
  // Walk-up support calls left the other two 0 to 2.
  const hiddenCategories = (key: 'calls' | 'diverted') => {
    const names = new Set(cats?.rows.filter((r) => isSuppressed(r[key])).map((r) => r.category));
    return dm.byCategory.filter((c) => names.has(ctx.category(c.category))).map((c) => c.category);
  };
  const listedTypes = () => {
    // A type whose diverted calls are 1-10 is not listed either: hidden in the list, it was the category's
    // diverted calls less the other types' (92 less 89 gave Unknown Trouble's 3).
    let listed = dm.topTypes.filter(
      (r) => !ctx.isPublic || (!isSmall(r.calls) && !isSmall(r.diverted) && !smallRemainders(r)),
    );
    if (!ctx.isPublic) return listed;
    const total = new Map(dm.byCategory.map((c) => [c.category, c]));
    const groups: { categories: (string | null)[]; key: 'calls' | 'diverted' }[] = [
      ...dm.byCategory.flatMap((c) => [
        { categories: [c.category], key: 'calls' as const },
        // A category's own 1-10 diverted calls are hidden in its table: no rest to work out.
        ...(isSmall(c.diverted) ? [] : [{ categories: [c.category], key: 'diverted' as const }]),
      ]),
      { categories: hiddenCategories('calls'), key: 'calls' },
      { categories: hiddenCategories('diverted'), key: 'diverted' },
      // A responder's eligible calls that are all its categories' calls, or grow from a phase to the next by
      // all those of the categories its rules add, are those categories' sum: less their listed types, the
      // rest is their other types' calls (tester 318: Traffic control's 34 in current practice less the 28
      // of the type Parking gave the hidden Traffic hazard's 6).
      ...[
        ...whole.map((w) => [...w.cats]),
        ...d.tables.eligible_demand.rows.flatMap((e) => {
          const phase = e.phase as Phase;
          const k = PHASES.indexOf(phase);
          if (k === 0 || !((categoryGrowth(d, e.responder, phase) ?? 0) > 0)) return [];
          const before = d.eligibleCategories(e.responder, PHASES[k - 1]!) ?? [];
          return [(d.eligibleCategories(e.responder, phase) ?? []).filter((c) => !before.includes(c))];
        }),
      ].map((cs) => ({ categories: cs.filter((c) => total.has(c)), key: 'calls' as const })),
    ];
    // Leaving out a type whose count is 0 changes no rest: the smallest of the others goes.
    for (;;) {
      let smallest: (typeof listed)[number] | undefined;
      for (const { categories, key } of groups) {
        const mine = listed.filter((r) => categories.includes(r.category) && r[key] > 0);
        const sum = categories.reduce((a, c) => a + total.get(c)![key], 0);
        const rest = sum - mine.reduce((a, r) => a + r[key], 0);
        // The rest is shared by the group's categories with no type listed, each at least 1 to a reader:
        // one of them is at most the rest less the others, which must leave it 1 to 10 (tester 86: 11
        // Check the Welfare diverted calls in a group of ten hidden categories adding up to 22 left the
        // other nine at 1 to 3 each).
        const unlisted = categories.filter(
          (c) => total.get(c)![key] > 0 && !mine.some((r) => r.category === c),
        ).length;
        if (mine.length > 0 && rest > 0 && rest < THRESHOLD - 2 + Math.max(2, unlisted)) {
          smallest = mine.sort((a, b) => a[key] - b[key])[0];
          break;
        }
      }
      if (!smallest) return listed;
      listed = listed.filter((r) => r !== smallest);
    }
  };
  const listedTopTypes = listedTypes();
  const types = ctx.table({
    id: 'top_call_types',
    // Its shares are of the denominator, which its CSV alone did not say (tester 387).
    csvDenominator: d.denominator.name,
    // Public: not a ranking, since types are left out as cover (tester 333: a journalist would report the
    // first listed, Auto Theft, as the most common type, four larger ones being left out).
    title: ctx.isPublic
      ? 'Common initial call types that can be published (not a ranking)'
      : 'The most common initial call types',
    columns: [
      { key: 'call_type', label: 'Initial call type', kind: 'text' },
      { key: 'category', label: 'Category', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls' },
      { key: 'diverted', label: 'Handled by a non-police responder', kind: 'count' },
    ],
    // Ordered by calls, a type listed as hidden had its count bounded by its neighbours' (and, with the
    // categories' totals, pinned to 1-3): the public edition lists only types with 11 calls or more, and
    // none whose calls less a published part of them is 1-10 (the calls police handled, in the pathways
    // table: 21 less 20 gave one diverted call of Check the Welfare).
    rows: listedTopTypes.map((r) => ({
      call_type: r.call_type,
      category: ctx.category(r.category),
      calls: r.calls,
      share: d.denominator.calls ? r.calls / d.denominator.calls : null,
      diverted: r.diverted,
    })),
    meta: ctx.meta({
      denominator: denom,
      quality: [{ label: 'calls with an unclassified type', value: unclassifiedCell(ctx, unclassified) }],
      ...(ctx.isPublic
        ? {
            // Tester 117: the list read as a ranking, Auto Theft the second most common type, with four
            // larger types left out as cover and a note that gave reasons covering none of them.
            note: `Public edition: ${count(listedTopTypes.length)} of the ${count(dm.topTypes.length)} most common call types ${listedTopTypes.length === 1 ? 'is' : 'are'} listed. Left out are types with fewer than ${THRESHOLD} calls or 1 to ${THRESHOLD - 1} of them handled by a non-police responder, and types that would let a count hidden elsewhere be worked out (from their category's total, or from the calls police handled in the pathways table). So this is not a ranking: a type left out can have more calls than one listed.`,
          }
        : {}),
    }),
  });
  if (types)
    parts.push(
      html`<h3>${ctx.isPublic ? 'Common call types' : 'The most common call types'}</h3>
        <p>
          As the city's CAD names them, with the category each is counted
          under${
            ctx.isPublic
              ? '; in this edition, only those whose counts can be published, in order of calls, so a type left out can have more calls than one listed'
              : ''
          }.
        </p>`,
      renderTable(types),
      metaLine(types.spec.meta, ctx.isPublic),
    );

  // Severity tiers, from the analysis library's severity mix, beside the NICJR Seattle shares.
  const sev = ctx.table({
    id: 'severity_tiers',
    title: 'Calls by severity tier of the initial call type',
    // The denominator its shares (and its share of classified calls) are of, as the category table's CSV
    // says it: without it, the file read alike under every denominator (tester 387).
    csvDenominator: d.tables.severity_mix.definition.denominator?.name ?? d.denominator.name,
    columns: [
      { key: 'tier', label: 'Severity tier', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls' },
      {
        key: 'share_of_classified',
        label: 'Share of classified calls',
        kind: 'share',
        basis: 'calls',
        // Its denominator is the calls less the unclassified ones, so it would give a small count of those away.
        alsoBasis: ['_unclassified'],
      },
      { key: 'nicjr', label: 'Seattle 2017-19 (NICJR)', kind: 'share' },
      // Empty where no call of the tier has a time on scene (an export without unit times): `x` beside a
      // small tier said a hidden figure (tester 264).
      // The period's hours, beside the capacity tables' hours a year: 10,330 read as a year's (tester 306).
      {
        key: 'hours',
        label: 'Hours on scene in the period',
        kind: 'number',
        basis: 'calls',
        emptyKnown: true,
      },
    ],
    rows: d.tables.severity_mix.rows.map((r) => ({
      tier: tierName(r.tier),
      calls: r.calls,
      share: r.share,
      share_of_classified: r.share_of_classified,
      nicjr: r.nicjr_seattle_share,
      hours: r.on_scene_hours,
      _unclassified: unclassified,
    })),
    additive: ['calls'],
    links: [
      { column: 'calls', key: unclassifiedRow('tier') },
      { column: 'calls', key: (r: Record<string, CellValue>) => sharedCount.tierCalls(String(r.tier)) },
    ],
    meta: ctx.meta({
      denominator: d.tables.severity_mix.definition.denominator
        ? {
            label: d.tables.severity_mix.definition.denominator.label,
            calls: d.tables.severity_mix.definition.quality.calls,
          }
        : denom,
      quality: [
        {
          label: 'unclassified',
          value: unclassifiedCell(ctx, unclassified),
        },
        {
          label: 'calls without a valid time on scene',
          value: onSceneLeftOut(ctx, d.tables.severity_mix.definition.quality.on_scene_left_out ?? 0),
        },
      ],
    }),
  });
  // The share of classified calls gives back the unclassified calls (6,448 at 68.742% were of 9,380, and
  // 9,392 calls less those left the hidden 12, tester 138): withheld wherever they are, small or cover.
  const unclassifiedHidden = !!sev && ctx.hiddenElsewhere(sharedCount.unclassified(unclassified));
  if (sev && unclassifiedHidden)
    for (const r of sev.rows) if (typeof r.share_of_classified === 'number') r.share_of_classified = WITHHELD;
  if (sev) {
    const nonCriminal = d.tables.severity_mix.rows.findIndex((r) => r.tier === 'non_criminal');
    parts.push(
      figure(
        {
          title: 'Severity tiers',
          description: `Horizontal bars of the share of calls in each severity tier of the initial call type. ${
            unclassifiedHidden
              ? // "it is 79.7%" read as this city's withheld share (tester 199).
                'The share of classified calls that are non-criminal is withheld with the unclassified calls. For comparison, non-criminal calls were'
              : // "no value of classified calls are non-criminal" where none is classified (tester 167).
                nonCriminal < 0 || d.tables.severity_mix.rows[nonCriminal]!.share_of_classified === null
                ? d.denominator.calls === 0
                  ? 'No call of the period counts in the denominator, so no share of classified calls is non-criminal to set against'
                  : 'No call of the period is classified, so no share of them is non-criminal to set against'
                : `${ctx.cellText(sev, nonCriminal, 'share_of_classified')} of classified calls are non-criminal, against`
          } 79.7% of Seattle's 2017-19 calls in the study by the National Institute for Criminal Justice Reform (NICJR).`,
          meta: metaLine(sev.spec.meta, ctx.isPublic),
          table: renderTable(sev),
        },
        barChart({
          title: 'Severity tiers',
          description: 'Share of calls by severity tier',
          valueLabel: 'Share of calls (%)',
          percent: true,
          data: sev.rows.map((r, i) => ({ label: String(r.tier), ...chartCell(sev, i, 'share') })),
        }),
      ),
    );
  }

  // Eligibility judges a call without an initial priority by its final one; the table shows the same.
  const fromFinal = dm.byPriority.reduce((a, r) => a + r.fromFinal, 0);
  const withInitial = dm.byPriority.reduce(
    (a, r) => a + (r.priority === null ? 0 : r.calls - r.fromFinal),
    0,
  );
  const priLabel =
    fromFinal === 0
      ? 'Initial priority'
      : withInitial === 0
        ? 'Priority (final: no initial one recorded)'
        : 'Initial priority (final where none)';
  const pri = ctx.table({
    id: 'calls_by_priority',
    title: `Calls by ${priLabel[0]!.toLowerCase()}${priLabel.slice(1)}`,
    // Its shares are of the denominator, which its CSV alone did not say (as tester 387 found of others).
    csvDenominator: d.denominator.name,
    columns: [
      {
        key: 'priority',
        label: priLabel,
        kind: 'text',
        basis: 'calls',
        publicLabel: (r) => r.priority === NO_PRIORITY,
      },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls' },
    ],
    rows: dm.byPriority.map((r) => ({
      priority: r.priority ?? NO_PRIORITY,
      calls: r.calls,
      share: d.denominator.calls ? r.calls / d.denominator.calls : null,
    })),
    additive: ['calls'],
    links: [{ column: 'calls', key: (r) => sharedCount.priorityCalls(String(r.priority), Number(r.calls)) }],
    meta: ctx.meta({ denominator: denom, quality: [] }),
  });
  if (pri) {
    parts.push(html`<h3>Urgency</h3>`, renderTable(pri), metaLine(pri.spec.meta, ctx.isPublic));
  }

  // Hour of week and months come from the analysis tables (demand_hour_of_week, demand_monthly), which
  // count every call in the period, officer-initiated included; the figures say so.
  const allCalls = {
    label: 'All calls for service, officer-initiated included',
    calls: d.analysisQuality.calls_in_period,
  };
  const hw = d.tables.demand_hour_of_week.rows
    .filter((r) => r.group_by === 'all')
    .sort((a, b) => a.hour_of_week - b.hour_of_week);
  // The hours of the week the period has, each a row even without a call (the analysis gives them): a
  // period shorter than a week lacks the others, which are no quiet hours (a one-day report named
  // Saturday 23:00 the quietest, at 0) and are left blank.
  const hwFull = hw.map((r) => ({
    dow: Math.floor(r.hour_of_week / 24) + 1,
    hour: r.hour_of_week % 24,
    calls: r.calls,
    per_hour: r.calls_per_hour,
  }));
  const how = ctx.table({
    id: 'calls_by_hour_of_week',
    rowHeaders: 2,
    title: 'Calls by hour of the week',
    columns: [
      { key: 'day', label: 'Day', kind: 'text' },
      { key: 'hour', label: 'Hour (local)', kind: 'text' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'per_hour', label: 'Calls in that hour, average week', kind: 'rate', basis: 'calls' },
    ],
    rows: hwFull.map((r) => ({
      day: DAYS[r.dow - 1]!,
      hour: `${String(r.hour).padStart(2, '0')}:00`,
      calls: r.calls,
      per_hour: r.per_hour,
    })),
    additive: ['calls'],
    meta: ctx.meta({ denominator: allCalls, quality: [], note: 'Local wall-clock time of the call.' }),
  });
  if (how && hwFull.length) {
    const cells = hwFull.map((r, i) => ({ dow: r.dow, hour: r.hour, value: chartValue(how, i, 'per_hour') }));
    // Only hours whose rate is shown are named: a hidden one named the quietest is bounded by every shown
    // one (the 10 hidden hours adding up to 84, the quietest of them was at most 8).
    const order = hwFull
      .map((_, i) => i)
      .filter((i) => hwFull[i]!.per_hour !== null && !isSuppressed(how.rows[i]?.per_hour ?? null))
      .sort((a, b) => hwFull[b]!.per_hour! - hwFull[a]!.per_hour!);
    const someHidden = order.length < hwFull.length;
    const printed = (i: number) => ctx.cellText(how, i, 'per_hour', rate);
    const hourName = (i: number) =>
      `${DAYS[hwFull[i]!.dow - 1]} ${String(hwFull[i]!.hour).padStart(2, '0')}:00`;
    // The hours that print the same value are named together: one named alone read as the only one
    // (tester 119: a week's quietest Thursday 06:00 at 12, with three other hours at 12).
    // Only hours of the same rate are tied: three that round alike read as equal (tester 208: 128, 127 and
    // 127 calls in 26 weeks, "4.9 each"); those are named after it as rounding to the same.
    const hourList = (hours: number[]) =>
      hours.length > 3
        ? `${hours.slice(0, 3).map(hourName).join(', ')} and ${hours.length - 3} more`
        : listInWords(hours.map(hourName));
    const at = (i: number, most: string) => {
      const tied = order.filter((j) => hwFull[j]!.per_hour === hwFull[i]!.per_hour);
      const near = order.filter((j) => !tied.includes(j) && printed(j) === printed(i));
      const alike = near.length
        ? `; ${hourList(near)} ${near.length === 1 ? 'rounds' : 'round'} to the same`
        : '';
      return tied.length === 1
        ? `the ${most} is ${hourName(i)} (${printed(i)}${alike})`
        : `the ${most} are ${hourList(tied)} (${printed(i)} each${alike})`;
    };
    const hm = hourOfWeekHeatmap({
      title: 'When calls come in',
      description: 'Calls per hour of the week',
      valueLabel: 'Calls in that hour, average week',
      cells,
    });
    parts.push(
      figure(
        {
          title: 'When calls come in',
          description: `Heatmap of calls by day of the week (rows) and hour of the day (columns): the average number of calls received in that hour of a week.${
            // Every hour shown at 0 (Seattle's sample, the rest hidden): no busiest one to name (tester 118).
            order.length && hwFull[order[0]!]!.per_hour! > 0
              ? ` ${someHidden ? 'Of the hours shown, t' : 'T'}${at(order[0]!, 'busiest').slice(1)}; ${at(order.at(-1)!, 'quietest')}.`
              : order.length
                ? someHidden
                  ? // A chart of zeros read as a city without calls (tester 294): the calls are in the hours hidden.
                    ` Every hour shown has no calls. The other ${hwFull.length - order.length} hours are hidden, as counts from 1 to 10 are (and some beside them to protect those): the period's calls are in them.`
                  : ' The hours have no calls.'
                : ''
          }${hwFull.length < 168 ? ` The period has ${hwFull.length} of the 168 hours of the week; the others are blank.` : ''}`,
          meta: metaLine(how.spec.meta, ctx.isPublic),
          table: renderTable(how),
          legend: hm.legend,
        },
        hm.svg,
      ),
    );
  }

  const monthly = d.tables.demand_monthly.rows
    .filter((r) => r.category === 'all')
    .sort((a, b) => a.month.localeCompare(b.month));
  const mon = ctx.table({
    id: 'calls_by_month',
    title: 'Calls by month',
    columns: [
      { key: 'month', label: 'Month', kind: 'text' },
      { key: 'days', label: 'Days in period', kind: 'number' },
      { key: 'calls', label: 'Calls', kind: 'count' },
      { key: 'per_day', label: 'Calls per day', kind: 'rate', basis: 'calls' },
    ],
    rows: monthly.map((r) => ({
      month: month(r.month),
      days: r.days,
      calls: r.calls,
      per_day: r.calls_per_day,
    })),
    additive: ['calls'],
    meta: ctx.meta({
      denominator: allCalls,
      quality: [],
      note:
        monthly.length > 1
          ? 'Calls per day, so a month only partly inside the period compares with whole months.'
          : 'Calls per day over the days of the month in the period.',
    }),
  });
  if (mon) {
    // One month has no other to compare with: a single column captioned as comparing part months with
    // whole ones said nothing (tester 360, a report of November alone). The table stays.
    const one = mon.rows.length === 1;
    const columns = offScaleMonths(
      mon.rows.map((r, i) => ({
        label: String(r.month),
        days: Number(r.days),
        ...chartCell(mon, i, 'per_day'),
      })),
    );
    const cut = columns.filter((c) => c.offScale);
    parts.push(
      figure(
        {
          title: 'Monthly trend',
          ...(one
            ? {
                emptyReason:
                  'No chart is drawn: the period lies within one month, so there is no other month to compare it with; the table gives its calls per day.',
              }
            : {}),
          description: `${one ? 'Calls per day' : 'Columns of calls per day in each month'}. ${mon.rows
            .map(
              (r, i) =>
                `${String(r.month)}: ${ctx.cellText(mon, i, 'per_day', rate)} (${String(r.days)} ${r.days === 1 ? 'day' : 'days'})`,
            )
            .join('; ')}.${
            cut.length
              ? ` ${listInWords(cut.map((c) => `${c.label} (${c.days} ${c.days === 1 ? 'day' : 'days'})`))} ${cut.length === 1 ? 'has' : 'have'} fewer than ${SHORT_MONTH_DAYS} days in the period and a rate more than ${OFF_SCALE_FACTOR} times any longer month's: ${cut.length === 1 ? 'its column is' : 'their columns are'} broken at the top of the axis, which the other months set, with ${cut.length === 1 ? 'its value' : 'their values'} printed over ${cut.length === 1 ? 'it' : 'them'}. A rate of so few days says little of a month (a busy weekend, or a source that covers only those days); the table gives every month.`
              : ''
          }`,
          meta: metaLine(mon.spec.meta, ctx.isPublic),
          table: renderTable(mon),
        },
        one
          ? html``
          : columnChart({
              title: 'Monthly trend',
              description: 'Calls per day by month',
              xLabel: 'Month',
              yLabel: 'Calls per day',
              // As the caption prints it: a rate keeps one decimal from 1 ("2.0", not "2", tester 117).
              format: rate,
              data: columns,
            }),
      ),
    );
  }

  return {
    id: 'demand',
    title: 'Call demand',
    body: html`${parts}`,
  };
}
