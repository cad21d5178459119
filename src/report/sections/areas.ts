/**
 * Where calls come from: calls, diverted calls and near-term eligible calls by each area column the data
 * fills in (precinct, neighborhood...), drawn as a choropleth when boundaries for that column were given
 * (maps.ts) and as bars otherwise, plus a hotspot grid when the calls carry coordinates.
 */
import { barChart, figure } from '../charts.js';
import { count, humanise, shareTowardGoal } from '../format.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import { areaAt, choropleth, hotspotGrid } from '../maps.js';
import type { SectionContext } from '../section-context.js';
import { headlineValues } from '../headlines.js';
import { sharedCount } from '../shared-counts.js';
import { cutLongWords } from '../../util/words.js';
import { PHASE_NAMES } from './eligible.js';
import { metaLine, renderTable, type PreparedTable } from '../tables.js';
import {
  AUDIT_BUDGET,
  auditUnsettled,
  chartLabels,
  isSmall,
  isSuppressed,
  THRESHOLD,
  WITHHELD,
  type CellValue,
} from '../suppress.js';
import { percent } from '../../util/percent.js';
import { areaKey, type Area } from '../../analyse/spatial-join.js';
import { noCallTyped } from '../../analyse/context.js';
import type { AreaRow, ReportData } from '../data.js';
import { chartCell, chartValue } from './demand.js';

/** Bars are readable up to a few dozen areas; beyond that only the table and the map show them all. */
const MAX_BARS = 30;

/**
 * A US postal code as written: five digits, or ZIP+4. Exports hold others (Minneapolis' `0` for 186
 * calls, `554` for 3), placeholders or codes cut short, which a chart of postal codes would otherwise
 * show as if they were places (tester 117).
 */
const POSTAL_CODE = /^\d{5}(-?\d{4})?$/;

/** The count columns of an area table, and the field of a row of `ReportData['areas']` each shows. */
const COUNT_OF = { calls: 'calls', diverted: 'diverted', eligible: 'eligible_near_term' } as const;
const COUNTS = Object.keys(COUNT_OF) as (keyof typeof COUNT_OF)[];

/**
 * An area column's calls without an area: the totals the other tables publish (the denominator's calls,
 * the diverted and near-term eligible calls) less its areas'.
 */
export function noAreaCounts(d: ReportData, rows: readonly AreaRow[]): Record<keyof typeof COUNT_OF, number> {
  const { divertedCalls, eligibleNearTerm } = headlineValues(d);
  const sum = (k: keyof typeof COUNT_OF) => rows.reduce((s, r) => s + r[COUNT_OF[k]], 0);
  return {
    calls: d.denominator.calls - sum('calls'),
    diverted: divertedCalls - sum('diverted'),
    eligible: eligibleNearTerm - sum('eligible'),
  };
}

/**
 * The areas of a column none of whose calls of the period has a classified initial call type (the
 * analysis' demand_by_area, whose '(none)' is the calls without an area): eligibility judges a call by that
 * type, so their share eligible is unknown, not 0.0% beside the typed areas' (tester 243: a store of two
 * sources, one without call types).
 */
function areasWithoutType(d: ReportData, field: string): Set<string> {
  const typed = new Set<string>();
  const all = new Set<string>();
  for (const r of d.tables.demand_by_area.rows) {
    if (r.area_field !== field) continue;
    all.add(r.area);
    if (r.category !== 'all' && r.category !== '(unclassified)') typed.add(r.area);
  }
  return new Set([...all].filter((a) => !typed.has(a)));
}

/**
 * For each pair of area columns where one's areas nest in the other's, the nesting areas' counts less the
 * sum of the nested ones, by count (calls, diverted, eligible): a difference of 1 to 10 is the calls on one
 * side of the two columns' edges and not the other (tester 77: a copy of a layer redrawn around one block).
 */
function nestingGaps(
  columns: ReportData['areas'],
): { child: string; parent: string; area: string; count: keyof typeof COUNT_OF; gap: number }[] {
  return columns.flatMap((a) =>
    a.parents.flatMap((p) =>
      (columns.find((x) => x.field === p.field)?.rows ?? []).flatMap((parent) => {
        const children = a.rows.filter((c) => p.of[c.area] === parent.area);
        if (!children.length) return [];
        return COUNTS.map((c) => ({
          child: a.field,
          parent: p.field,
          area: parent.area,
          count: c,
          gap: Math.abs(parent[COUNT_OF[c]] - children.reduce((sum, x) => sum + x[COUNT_OF[c]], 0)),
        }));
      }),
    ),
  );
}

/**
 * Area columns the public edition leaves out, each with the kept column beside which its calls would give
 * a small count away: a column whose areas nested in one of another column add up to 1 to 10 calls apart
 * from it. Of two columns that nest in each other (a layer and its redrawn copy), the one given later goes;
 * of a column of one area and those nested in it, the one area; otherwise the finer. Hiding the coarser
 * areas instead hid 4 of Minneapolis' 5 precincts, whose sectors nest in them but for a call or two
 * (tester 82): the table of sectors is the smaller loss.
 */
export function areasLeftOut(d: ReportData): { field: string; parent: string; child: string }[] {
  const out: { field: string; parent: string; child: string }[] = [];
  for (;;) {
    const kept = d.areas.filter((a) => !out.some((o) => o.field === a.field));
    const gaps = nestingGaps(kept).filter((g) => g.count === 'calls' && isSmall(g.gap));
    const later = (f: string) => kept.findIndex((a) => a.field === f);
    const worst = gaps.sort((x, y) => later(y.child) - later(x.child))[0];
    if (!worst) return out;
    // A column of one area tells no more than the total: it goes rather than the areas nested in it.
    const single = kept.find((a) => a.field === worst.parent)!.rows.length === 1;
    out.push({ field: single ? worst.parent : worst.child, parent: worst.parent, child: worst.child });
  }
}

/**
 * Counts hidden from the start in the public edition, since no table's own sums say why:
 * - of the columns kept (areasLeftOut), an area's diverted or eligible calls 1 to 10 apart from the sum
 *   of those of another column's areas nested in it;
 * - two kept columns' rows of calls without an area 1 to 10 apart: a hole cut around one block moves its
 *   calls into one layer's row and not the other's (tester 79);
 * - a row of calls without an area 1 to 10 apart from the categories none of whose calls has an area (the
 *   place an export leaves out), whose calls the category table publishes: the difference is calls that
 *   have a place, in a hole cut around one block (tester 171: 99 less Sex offences' 91).
 */
export function areaKeysHiddenFirst(d: ReportData): string[] {
  const gone = new Set(areasLeftOut(d).map((o) => o.field));
  const kept = d.areas.filter((a) => !gone.has(a.field));
  const keys = nestingGaps(kept)
    .filter((g) => isSmall(g.gap))
    .map((g) => sharedCount.area(g.parent, g.area, g.count));
  const none = kept.map((a) => ({ field: a.field, ...noAreaCounts(d, a.rows) }));
  for (const [i, a] of none.entries())
    for (const b of none.slice(i + 1))
      for (const c of COUNTS)
        if (isSmall(Math.abs(a[c] - b[c])))
          keys.push(sharedCount.noArea(a.field, c), sharedCount.noArea(b.field, c));
  for (const [i, a] of kept.entries()) {
    const of = d.demand.byCategory.filter((c) => a.withoutArea.includes(c.category));
    if (!of.length) continue;
    for (const c of ['calls', 'diverted'] as const)
      if (isSmall(Math.abs(none[i]![c] - of.reduce((s, x) => s + x[c], 0))))
        keys.push(sharedCount.noArea(a.field, c));
  }
  return keys;
}

/**
 * The note on an area column's values that are not postal codes as written, if it is the postal code's:
 * `areas` are the table's areas, each with whether the table hides its name. A hidden name is counted,
 * never quoted: the public edition's note quoted "55411 +16125040113" (a caller's telephone number) under
 * a table that showed its row as x (tester 238).
 */
function oddPostalCodes(field: string, areas: readonly { name: string; hidden: boolean }[]): string {
  if (field !== 'postal_code') return '';
  const odd = areas.filter((a) => !POSTAL_CODE.test(a.name));
  const shown = odd.filter((a) => !a.hidden).map((a) => `"${a.name}"`);
  const hidden = odd.length - shown.length;
  const list = shown.join(', ');
  const named = !shown.length
    ? ''
    : shown.length === 1
      ? `${list} is not a postal code of five digits (or ZIP+4): shown as the export has it, it is likely a placeholder or a code cut short.`
      : `${list} are not postal codes of five digits (or ZIP+4): shown as the export has them, they are likely placeholders or codes cut short.`;
  const one = hidden === 1;
  const unnamed = !hidden
    ? ''
    : shown.length
      ? `So ${one ? 'is one' : `are ${count(hidden)}`} of the areas shown as x, whose ${one ? 'value' : 'values'} the public edition does not quote.`
      : `${one ? 'One' : count(hidden)} of the areas shown as x ${one ? 'is not a postal code' : 'are not postal codes'} of five digits (or ZIP+4) in the export, likely ${one ? 'a placeholder or a code' : 'placeholders or codes'} cut short; the public edition does not quote ${one ? 'it' : 'them'}.`;
  return [named, unnamed].filter(Boolean).join(' ');
}

/**
 * The hotspot grid's main numbers in words, for its text alternative: its caption said only what the grid
 * is, so a screen reader learnt nothing of where calls cluster (tester 242). The public edition counts only
 * the cells it draws, 11 calls or more, and gives no count of calls: the calls with coordinates are withheld.
 */
export function hotspotSummary(cells: readonly { calls: number }[], isPublic: boolean): string {
  const shown = [...cells].filter((c) => !isPublic || c.calls >= THRESHOLD).sort((a, b) => b.calls - a.calls);
  if (!shown.length) return '';
  // Nor a cell's own count: with the calls of the period, drawn cells' counts bound those of the cells not
  // drawn, which is why the public legend breaks at round numbers (tester 118).
  if (isPublic)
    return ` ${count(shown.length)} ${shown.length === 1 ? 'cell has' : 'cells have'} 11 calls or more; the legend gives their classes.`;
  const busiest = `the busiest holds ${count(shown[0]!.calls)} ${shown[0]!.calls === 1 ? 'call' : 'calls'}`;
  const tenth = Math.ceil(shown.length / 10);
  const total = shown.reduce((n, c) => n + c.calls, 0);
  const top = shown.slice(0, tenth).reduce((n, c) => n + c.calls, 0);
  return ` ${count(shown.length)} ${shown.length === 1 ? 'cell holds' : 'cells hold'} calls; ${busiest}, and the busiest tenth of them (${count(tenth)} ${tenth === 1 ? 'cell' : 'cells'}) hold ${percent(top / total)} of their ${count(total)} calls.`;
}

/**
 * Where the busiest cell is, in the internal edition's caption: the areas of each boundary layer its centre
 * lies in, or its centre's coordinates when no layer holds it. A grid with no basemap showed clusters but
 * not where in the city they were (tester 360). The public caption gives no cell's count, so it names no
 * busiest cell either.
 */
export function busiestPlace(
  cells: readonly { lon: number; lat: number; calls: number }[],
  layers: readonly { field: string; areas: Area[] }[],
): string {
  const top = cells.reduce<(typeof cells)[number] | null>((a, c) => (!a || c.calls > a.calls ? c : a), null);
  if (!top) return '';
  const inAreas = layers.flatMap((l) => {
    const a = areaAt(l.areas, top.lon, top.lat);
    return a ? [`${l.field} ${cutLongWords(a.name)}`] : [];
  });
  const where = inAreas.length
    ? `in ${inAreas.join(', ')}`
    : `centred at ${Math.abs(top.lat).toFixed(3)}° ${top.lat >= 0 ? 'N' : 'S'}, ${Math.abs(top.lon).toFixed(3)}° ${top.lon >= 0 ? 'E' : 'W'}`;
  return ` The busiest cell lies ${where}.`;
}

/**
 * The calls of the areas a map has no boundary for, as the table prints them: `text` says how many and
 * their share of the denominator, `calls` is their number (0 for none, null when the public edition hides
 * one of them, when `text` says so without a figure).
 */
function unmatchedCalls(
  names: readonly string[],
  t: PreparedTable,
  areas: number,
  denominator: number,
): { calls: number | null; text: string } {
  const rows = t.rows.slice(0, areas).filter((r) => !isSuppressed(r.area) && names.includes(String(r.area)));
  if (!rows.length) return { calls: 0, text: '' };
  if (rows.some((r) => typeof r.calls !== 'number')) return { calls: null, text: 'calls this edition hides' };
  const calls = rows.reduce((s, r) => s + (r.calls as number), 0);
  if (!calls) return { calls: 0, text: '' };
  const share = denominator ? `, ${percent(calls / denominator)} of calls` : '';
  return { calls, text: `${count(calls)} ${calls === 1 ? 'call' : 'calls'}${share}` };
}

export function areasSection(ctx: SectionContext): Section | null {
  const d = ctx.data;
  const parts: Html[] = [];
  const denom = { label: d.denominator.label, calls: d.denominator.calls };
  const divertedKey = sharedCount.handled(ctx.responder('all_diverted'));
  const eligibleKey = sharedCount.eligible(PHASE_NAMES.near_term, ctx.responder('any_alternative'));
  const leftOut = ctx.isPublic ? areasLeftOut(d) : [];
  // "areas of the city column", not a plural made of a layer's name ("some citys", tester 171; "halfs").
  const areasOf = (field: string) => `areas of ${humanise(field).toLowerCase()}`;
  for (const o of leftOut)
    parts.push(
      html`<p>
        Calls by ${humanise(o.field).toLowerCase()} are left out of this edition: some ${areasOf(o.parent)}
        hold from 1 to 10 calls more or fewer than the ${areasOf(o.child)} in them add up to, and the two
        tables together would publish that small count. The internal edition has them.
      </p>`,
    );
  for (const a of d.areas.filter((x) => !leftOut.some((o) => o.field === x.field))) {
    const name = humanise(a.field);
    // The calls without an area, diverted and eligible too: the other tables publish the totals (the
    // diverted-share and eligible-demand tables), so what the areas lack of them is a count, shown as a
    // part of the column (Seattle's one precinct held every call, and its 11 eligible calls were the
    // eligible-demand table's hidden total).
    const { calls: without, diverted: withoutDiverted, eligible: withoutEligible } = noAreaCounts(d, a.rows);
    const hasNone = without > 0 || withoutDiverted > 0 || withoutEligible > 0;
    // The calls without an area are a row of the table, so that suppression sees all the parts of the
    // published total; shares are of every call of the denominator, so no hidden count can be worked back from them.
    // A layer's calls without an area are those with no point and those whose point is in no polygon:
    // "No zone recorded" read as missing data for calls outside the layer (testers 253, 256).
    const noneLabel = a.byPoints
      ? `No ${name.toLowerCase()}: no point, or outside every polygon`
      : `No ${name.toLowerCase()} recorded`;
    // No call of the period has a call type (Seattle's dispatch file): every area's eligible calls are
    // unknown, not 0, as the summary says; the table gave "0 | 0.0%" for every area (tester 243). Where only
    // some areas' calls have none, those areas' share is unknown: their calls count as eligible for none.
    const noneTyped = noCallTyped(d.analysisQuality);
    const untyped = noneTyped ? new Set<string>() : areasWithoutType(d, a.field);
    const eligibleShare = (area: string, eligible: number, calls: number) =>
      noneTyped || untyped.has(area) || !calls ? null : eligible / calls;
    const map = d.boundaries.find((b) => b.field === a.field);
    const boundaryNames = new Set(map?.areas.map((x) => areaKey(x.name)) ?? []);
    const counted = COUNTS.filter((c) => !(noneTyped && c === 'eligible'));
    const t = ctx.table({
      id: `calls_by_${a.field}`,
      title: `Calls by ${name.toLowerCase()}`,
      // Left out whole when its audit cannot finish within it (below).
      auditBudget: AUDIT_BUDGET,
      csvDenominator: d.denominator.name,
      columns: [
        {
          key: 'area',
          label: name,
          kind: 'text',
          basis: 'calls',
          // A boundary file's names are public geography; the export's values are whatever was typed.
          publicLabel: (r) => r.area === noneLabel || boundaryNames.has(areaKey(String(r.area))),
        },
        { key: 'calls', label: 'Calls', kind: 'count' },
        { key: 'share', label: 'Share of calls', kind: 'share', basis: 'calls' },
        { key: 'diverted', label: 'Handled by a non-police responder', kind: 'count' },
        {
          key: 'diverted_share',
          label: 'Share diverted',
          kind: 'share',
          basis: 'diverted',
          alsoBasis: ['calls'],
          // As every diverted share is: one short of the goal never reads as it (tester 124).
          format: (v) => shareTowardGoal(v, d.target),
        },
        // Empty when no call has a type: that depends on no count, so a hidden area's reads "-" too.
        {
          key: 'eligible',
          label: 'Eligible for an alternative, near term',
          kind: 'count',
          emptyKnown: noneTyped,
        },
        {
          key: 'eligible_share',
          label: 'Share eligible',
          kind: 'share',
          basis: 'eligible',
          alsoBasis: ['calls'],
          emptyKnown: noneTyped,
        },
      ],
      rows: [
        ...ctx
          .ranked(
            a.rows,
            (r) => r.calls,
            (r) => r.area,
          )
          .map((r) => ({
            area: r.area,
            calls: r.calls,
            share: d.denominator.calls ? r.calls / d.denominator.calls : null,
            diverted: r.diverted,
            diverted_share: r.calls ? r.diverted / r.calls : null,
            eligible: noneTyped ? null : r.eligible_near_term,
            eligible_share: eligibleShare(r.area, r.eligible_near_term, r.calls),
            ...Object.fromEntries(a.parents.map((p) => [`_in_${p.field}`, p.of[r.area] ?? null])),
          })),
        ...(hasNone
          ? [
              {
                area: noneLabel,
                calls: without,
                share: d.denominator.calls ? without / d.denominator.calls : null,
                diverted: withoutDiverted,
                diverted_share: without ? withoutDiverted / without : null,
                eligible: noneTyped ? null : withoutEligible,
                eligible_share: eligibleShare('(none)', withoutEligible, without),
              },
            ]
          : []),
      ],
      // The calls add up to the denominator, published beside every figure; the diverted and eligible
      // calls to the other tables' totals, which may be hidden there.
      additive: ['calls'],
      // A count of an area is published in its own table, and the counts of the areas nested in it add up
      // to it in theirs (sectors in a precinct): the two tables protect each other's cells.
      // Without call types the eligible column holds no count, and states no sum.
      links: counted.map((column) => ({
        column,
        key: (r: Record<string, CellValue>) =>
          r.area === noneLabel
            ? sharedCount.noArea(a.field, column)
            : sharedCount.area(a.field, String(r.area), column),
      })),
      groupTotals: [
        { column: 'diverted', groupBy: [], key: () => divertedKey },
        ...(noneTyped ? [] : [{ column: 'eligible', groupBy: [], key: () => eligibleKey }]),
        ...a.parents.flatMap((p) =>
          counted.map((column) => ({
            column,
            groupBy: [`_in_${p.field}`],
            key: (r: Record<string, CellValue>) =>
              r[`_in_${p.field}`] === null || r[`_in_${p.field}`] === undefined
                ? null
                : sharedCount.area(p.field, String(r[`_in_${p.field}`]), column),
          })),
        ),
      ],
      meta: ctx.meta({
        denominator: denom,
        quality: [],
        // Only when there is such a row: the last area was said to be the calls without one (tester 182).
        note: [
          hasNone
            ? a.byPoints
              ? `Calls with no point, or whose point is in no polygon of the layer, are the last row.`
              : `Calls with no ${name.toLowerCase()} are the last row.`
            : '',
          noneTyped
            ? 'No call of the period has an initial call type, so the calls eligible for an alternative responder, and their share, are unknown (-), not 0.'
            : [...a.rows.map((r) => r.area), ...(hasNone ? ['(none)'] : [])].some((x) => untyped.has(x))
              ? 'Share eligible is - for an area none of whose calls has a classified initial call type: eligibility is judged by that type, so the share is unknown (the calls count as eligible for none).'
              : '',
        ]
          .filter(Boolean)
          .join(' '),
      }),
    });
    if (!t) continue;
    // A table the disclosure audit could not settle within its budget has every count withheld: it is left
    // out, as the page and the run's notes say (tester 359: 874 beats kept the report running 14 minutes).
    if (ctx.isPublic && auditUnsettled(t.rows)) {
      const why = `Calls by ${name.toLowerCase()} are left out of this edition: its ${count(a.rows.length)} areas are too many for the check that no hidden count can be worked out from the table's sums to finish, so every count of it is withheld. The internal edition has them.`;
      parts.push(html`<p>${why}</p>`);
      d.offMapNotes.set(`public:audit:${a.field}`, why);
      continue;
    }
    d.offMapNotes.delete(`public:audit:${a.field}`);
    // The note on odd postal codes is written once the table is suppressed, from the names it shows.
    const oddNote = oddPostalCodes(
      a.field,
      t.rows
        .slice(0, a.rows.length)
        .map((r, i) => ({ name: String(t.spec.rows[i]!.area), hidden: isSuppressed(r.area) })),
    );
    const meta = { ...t.spec.meta, note: [t.spec.meta.note, oddNote].filter(Boolean).join(' ') };
    // The rows of areas, without the last row of calls without one.
    const areaRows = t.rows.map((r, i) => ({ r, i })).slice(0, a.rows.length);
    // The calls without an area as the table prints them: a count the public edition hides reads
    // "suppressed", and is then named without it.
    const noneCalls = hasNone ? ctx.cellText(t, a.rows.length, 'calls') : '';
    const noneCount = noneCalls === 'suppressed' ? 'calls' : `${noneCalls} calls`;
    // The largest area whose count is shown (in the public edition; the table is then in order of name).
    const top = ctx.largest(t, 'calls').find((i) => i < a.rows.length);
    const topShare = top === undefined ? 'suppressed' : ctx.cellText(t, top, 'share');
    // "came from 3" read as no place: a number is named with its column, "precinct 3".
    const named = (area: string) => (/^\d+$/.test(area) ? `${name.toLowerCase()} ${area}` : area);
    // "Calls by precinct. ." where no area has a call (tester 167).
    const description = `Calls by ${name.toLowerCase()}.${top !== undefined ? ` The most calls${ctx.isPublic ? ' of the areas whose counts are shown' : ''} came from ${named(String(t.rows[top]!.area))}${topShare === 'suppressed' ? '' : ` (${topShare} of calls)`}.` : ''}`;
    // The bars end with the calls without an area, labelled as the table's row, and the map, which has
    // nowhere to draw them, says how many it leaves out: the chart of Minneapolis' postal codes left out its
    // 455 calls with none, more than ten of its bars, under "no values left out" (tester 229).
    const noneSentence = !hasNone
      ? ''
      : map
        ? ` The map leaves out the ${noneCount} ${a.byPoints ? 'with no point, or whose point is in no polygon' : `with no ${name.toLowerCase()} recorded`} (the table's last row).`
        : ` The last bar, "${noneLabel}", is the ${noneCount} with no ${name.toLowerCase()}.`;
    const frame = {
      title: `Calls by ${name.toLowerCase()}`,
      description: `${description}${noneSentence}`,
      meta: metaLine(meta, ctx.isPublic),
      table: renderTable(t),
    };
    if (map) {
      // A hidden label names no area: its count is hidden with it, and it is on no map.
      const values = new Map(
        areaRows
          .filter(({ r }) => !isSuppressed(r.area))
          .map(({ r, i }) => [String(r.area), chartValue(t, i, 'calls')]),
      );
      const m = choropleth({
        title: frame.title,
        description: frame.description,
        areas: map.areas,
        values,
        valueLabel: 'Calls',
      });
      const off = unmatchedCalls(m.unmatched, t, areaRows.length, d.denominator.calls);
      const note = m.unmatched.length
        ? // A 100 kB name was printed whole, as the notes no longer print one (tester 167).
          html`<p class="meta">
            Not on the map (no boundary of that name):
            ${m.unmatched.map((n) => cutLongWords(n)).join(', ')}${off.text ? ` (${off.text})` : ''}.
          </p>`
        : '';
      // A share of the calls off the map is a note of the run too: the caption named precinct 5 alone, and
      // its 2,951 calls (18.7%) were a fifth of the city missing from a map that looked whole (tester 306).
      const key = `${ctx.isPublic ? 'public' : 'internal'}:${a.field}`;
      if (off.calls === 0) d.offMapNotes.delete(key);
      else
        d.offMapNotes.set(
          key,
          `The map of calls by ${name.toLowerCase()} leaves out the calls of ${m.unmatched.length === 1 ? 'an area' : `${count(m.unmatched.length)} areas`} of the store's ${name.toLowerCase()} column that its boundary layer (--boundaries ${a.field}=...) has no feature named: ${m.unmatched.map((n) => cutLongWords(n)).join(', ')} (${off.text}). The table gives their calls; for the map, give a boundary file of the same areas (and vintage) as the column, with #PROPERTY naming the property that holds these names.`,
        );
      if (m.svg.value) parts.push(figure({ ...frame, legend: html`${m.legend}${note}` }, m.svg));
      else {
        // No area drawn has a count above 0: the map is left out, saying why, and the caption no longer
        // speaks of what a map leaves out (tester 354: a January of no points drew every beat "no calls").
        const why = [...values.values()].some((v) => v !== null && v > 0)
          ? `none of the areas with calls has a feature of its name in the boundary layer (not on the map: ${m.unmatched.map((n) => cutLongWords(n)).join(', ')}${off.text ? `, ${off.text}` : ''})`
          : a.rows.some((r) => r.calls > 0)
            ? 'every area with calls has its count or its name hidden as x in this edition'
            : a.byPoints
              ? 'no call of the period has a point in any area of the layer'
              : `no call of the period has a ${name.toLowerCase()} recorded`;
        parts.push(
          figure(
            { ...frame, description, emptyReason: `No map is drawn: ${why}; the table gives the calls.` },
            m.svg,
          ),
        );
      }
    } else if (areaRows.length <= MAX_BARS) {
      parts.push(
        figure(
          frame,
          barChart({
            title: frame.title,
            description: frame.description,
            valueLabel: 'Calls',
            // Every row of the table, the calls without an area last (tester 229).
            data: chartLabels(t.rows.map((r) => r.area)).map((label, i) => ({
              label,
              ...chartCell(t, i, 'calls'),
            })),
          }),
        ),
      );
    } else {
      parts.push(html`<h3>${frame.title}</h3>`, renderTable(t), frame.meta);
    }
  }
  const hs = d.hotspots;
  // The public edition never counts the calls without coordinates. Exports leave the location of private
  // call types out, so the count can be a category hidden as cover: the synthetic city's 40 sex-offence
  // calls, and through them a hidden 3 (tester 168). And beside an area table's calls without an area,
  // for a layer placed by coordinates, it gave the calls outside its polygons (tester 140: 837 less 829).
  const withoutCoordinates = ctx.isPublic ? WITHHELD : d.denominator.calls - hs.withCoordinates;
  if (hs.cells.length) {
    const g = hotspotGrid({
      title: 'Hotspots',
      description: `Grid of cells about ${hs.cellKm} km across, shaded by the number of calls whose coordinates fall in each.`,
      cells: hs.cells,
      cellDeg: hs.cellDeg,
      suppress: ctx.isPublic,
      outlines: d.boundaries[0]?.areas,
    });
    parts.push(
      figure(
        {
          title: 'Hotspots',
          description: `Grid of cells about ${hs.cellKm} km across, shaded by the number of calls whose coordinates fall in each${ctx.isPublic ? '; cells with fewer than 11 calls are not drawn' : ''}${d.boundaries[0] ? `, under the outlines of the ${d.boundaries[0].field} layer` : ''}.${hotspotSummary(hs.cells, ctx.isPublic)}${ctx.isPublic ? '' : busiestPlace(hs.cells, d.boundaries)}`,
          meta: metaLine(
            ctx.meta({
              denominator: denom,
              quality: [
                { label: 'calls without coordinates', value: withoutCoordinates },
                {
                  label: 'calls far from all the others (often a geocoding error), not drawn',
                  value: ctx.isPublic && isSmall(hs.outsideExtent) ? WITHHELD : hs.outsideExtent,
                },
              ],
            }),
            ctx.isPublic,
          ),
          legend: g.legend,
          emptyReason:
            'No chart is drawn: no cell has 11 calls or more, and the public edition draws none with fewer.',
        },
        g.svg,
      ),
    );
  }
  if (!parts.length) return null;
  return { id: 'areas', title: 'Where calls come from', body: html`${parts}` };
}
