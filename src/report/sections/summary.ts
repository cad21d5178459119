/** Executive summary: the headline figures, each with what it counts, and the findings in plain words. */
import { days, gapInPoints, goalPercent, minutes, percent, rate, shareTowardGoal } from '../format.js';
import { headlineValues } from '../headlines.js';
import { html, type Html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { sharedCount } from '../shared-counts.js';
import { isSmall, THRESHOLD } from '../suppress.js';
import { rowAccountingWithheld } from './method.js';
import { noteText } from '../../analyse/period-check.js';
import { metaLine } from '../tables.js';
import { PHASE_NAMES, pathwayStep } from './eligible.js';
import { asQuality, responseLeftOut } from './response.js';
import { receivedWords } from '../../time/intervals.js';
import { recordsNoUnitTime } from '../../analyse/response-times.js';
import { noCallTyped } from '../../analyse/context.js';
import { mainSourceGapMonths } from '../../analyse/analyze.js';

interface Card {
  key: string;
  value: string;
  label: string;
  /** The label for a value that is no figure (suppressed, unknown, not recorded): a noun, not a sentence's end. */
  noun?: string;
  detail: string;
}

/** Why a headline reads suppressed: the words of the note under a table with an `x` (tables.ts, X_MEANS). */
const WITHHELD_WHY = `suppressed to protect small counts (a count from 1 to ${THRESHOLD - 1}, or a cell withheld so that one cannot be worked out)`;

function card(c: Card): Html {
  // "suppressed of calls eligible for the behavioural crisis team were handled by it" (tester 333).
  const label = /\d/.test(c.value) ? c.label : (c.noun ?? c.label);
  return html`<li class="headline" data-figure="${c.key}">
    <span class="value">${c.value}</span>
    <span class="label">${label}</span>
    <span class="detail">${c.detail}</span>
  </li>`;
}

/**
 * The near-term eligible share and the diverted share if all were diverted, as a sentence whichever is
 * suppressed: "suppressed of calls are eligible" read as a typo in a published page (tester 333).
 */
export function eligibleSentence(eligible: string, ifAll: string): string {
  const hidden = (v: string) => v === 'suppressed';
  if (hidden(eligible) && hidden(ifAll))
    return 'The share of calls eligible for an alternative responder under the near-term rules, by their initial call type, and the diverted share if all of them were diverted, are suppressed in this edition.';
  if (hidden(eligible))
    return `The share of calls eligible for an alternative responder under the near-term rules, by their initial call type, is suppressed in this edition; if all of them were diverted, the share would be ${ifAll}.`;
  return `By their initial call type, ${eligible} of calls are eligible for an alternative responder under the near-term rules; ${hidden(ifAll) ? 'the diverted share if all of them were diverted is suppressed in this edition' : `if all of them were diverted, the share would be ${ifAll}`}.`;
}

/**
 * The notes that undermine the headline figures, at the summary's top: on the page's last section only,
 * 222 calls over six years read "4.3 more calls a year", and a store pooling a sample of 2018-2023 with
 * four days of 2024 a diverted share of both, with nothing said beside them (tester 343).
 */
export function readFirstList(ctx: SectionContext): Html {
  const d = ctx.data;
  const m = d.analysisQuality.months_without_main_source;
  // Sources that share no month pooled in one figure (linkWarnings' note, whose first words name the main
  // source's missing months, not that no month is shared): only where the period holds months of the main
  // source beside those of others, not a period of one source's calls alone (tester 344). No count: the
  // public edition says it too, its figures pooled alike.
  const apart =
    m &&
    !m.shared_month &&
    mainSourceGapMonths(d.analysisQuality, d.period).length > 0 &&
    m.first <= d.period.to.slice(0, 7) &&
    m.last >= d.period.from.slice(0, 7);
  // Whole: cut to their first clause, "The period is only 14 days long." lost what it does to the figures
  // (tester 344).
  const items = [
    // The public edition's findings alone, without the advice to the analyst (tester 384).
    ...(ctx.isPublic ? d.periodNotes.public : d.periodNotes.internal).map((n) =>
      noteText(n, !ctx.isPublic).replace(/\.$/, ''),
    ),
    ...(apart
      ? [
          `No month holds records of ${m.source} (${m.first} to ${m.last}) and of another source, yet the figures below pool their calls`,
        ]
      : []),
  ];
  if (!items.length) return html``;
  return html`<div class="note read-first" role="note">
    <p>
      <strong>Read first.</strong> These notes on the data bear on the figures below; they are given again,
      with the others, under <a href="#method">Data and method</a> (Sources).
    </p>
    <ul>
      ${items.map((i) => html`<li>${i}.</li>`)}
    </ul>
  </div>`;
}

export function summarySection(ctx: SectionContext): Section {
  const d = ctx.data;
  const h = headlineValues(d);
  const divertedRows = ctx.ranked(
    d.tables.diverted_share.rows
      .filter((r) => r.denominator === d.denominator.name && r.period === 'all' && r.diverted)
      .filter((r) => r.responder !== 'all_diverted' && r.calls > 0),
    (r) => r.calls,
    (r) => ctx.responder(r.responder),
  );
  const gap = d.tables.target_gap.rows.find((r) => r.denominator === d.denominator.name);
  const gapPoints = h.divertedShare === null ? null : Math.max(0, d.target - h.divertedShare);
  const gapCallsPerYear = gap?.additional_per_year ?? null;
  const q = d.storeQuality;
  const left = responseLeftOut(ctx);
  // A count a table withholds (not only a small one) is withheld here too.
  const hideByResponder =
    ctx.isPublic &&
    divertedRows.some(
      (r) => isSmall(r.calls) || ctx.hiddenElsewhere(sharedCount.handled(ctx.responder(r.responder))),
    );
  // Every figure below in the public edition: a share or time whose counts are 1-10, or whose counts a table
  // withholds for whatever reason, is not printed (59.1% of 22 eligible calls gave the team's withheld 13).
  const divertedKey = sharedCount.handled(ctx.responder('all_diverted'));
  const hiddenIn = (text: string, ...keys: string[]) =>
    keys.some((k) => ctx.hiddenElsewhere(k)) ? 'suppressed' : text;
  const divertedShare = hiddenIn(
    // Beside the goal: 3.4531% read "3.5%" beside a goal of 3.5% (tester 123).
    ctx.derived(shareTowardGoal(h.divertedShare, d.target), h.divertedCalls, h.denominatorCalls),
    divertedKey,
  );
  const nearTermShare = hiddenIn(
    ctx.derived(percent(h.eligibleNearTermShare), h.eligibleNearTerm),
    sharedCount.eligible(PHASE_NAMES.near_term, ctx.responder('any_alternative')),
  );
  const bcrHandled = hiddenIn(
    ctx.derived(percent(h.bcrHandledOfEligible), h.bcrHandledEligible, h.bcrEligibleNow),
    sharedCount.handledEligible(PHASE_NAMES.current, ctx.responder('behavioural_crisis')),
    sharedCount.eligible(PHASE_NAMES.current, ctx.responder('behavioural_crisis')),
  );
  // The median and 90th percentile as the table of every interval shows them: withheld over fewer than 11
  // valid times, and where the table withholds them with their count.
  // A source without arrival times (Burlington's) has no response time at all: said so, not printed as "-".
  const untimed = h.responseValid === 0;
  // No unit time at all (Burlington's export): not a matter of arrivals missing or out of range (tester 131).
  const noUnitTime = untimed && recordsNoUnitTime(d.tables.response_times.rows);
  const from = receivedWords(d.receivedIs);
  // An empty denominator (Seattle's dispatch file under calls_911) was blamed on the export's unit times,
  // which it has (tester 165).
  const noneCounted = h.denominatorCalls === 0;
  const whyUntimed = noneCounted
    ? 'no call of the period counts in it'
    : noUnitTime
      ? "the export records no unit time; a 311, online or telephone report's arrival is when the report was taken"
      : `no arrival recorded, or every one before its ${from.short} or implausibly late`;
  const accountingWithheld = rowAccountingWithheld(ctx);
  const median = hiddenIn(
    ctx.derived(minutes(h.responseMedianSeconds), h.responseValid),
    sharedCount.responseAll('median'),
  );
  const p90 = hiddenIn(
    ctx.derived(minutes(h.responseP90Seconds), h.responseValid),
    sharedCount.responseAll('p90'),
  );
  /** A count as the table that holds it shows it: `x` when any table withholds it. */
  const countIn = (n: number, key: string) => (ctx.hiddenElsewhere(key) ? 'x' : ctx.count(n));
  const divertedCount = countIn(h.divertedCalls, divertedKey);
  // The count itself, as the eligible-demand table shows it (26 was printed beside its withheld cell).
  const bcrEligible = countIn(
    h.bcrEligibleNow,
    sharedCount.eligible(PHASE_NAMES.current, ctx.responder('behavioural_crisis')),
  );
  // All calls the team handled is the diverted-share table's count of it, named as the store names it.
  const bcrHandledAllKey = sharedCount.handled(ctx.responder(h.bcrStoreName ?? 'behavioural_crisis'));
  const bcrHandledAll = countIn(h.bcrHandledAll, bcrHandledAllKey);
  // "of the 1 calls it is eligible for" (tester 340); a hidden count reads "x calls".
  const bcrEligibleCalls = `${bcrEligible} call${bcrEligible === '1' ? '' : 's'}`;
  const bcrHandledToEligible = hiddenIn(
    ctx.derived(percent(h.bcrHandledToEligible), h.bcrHandledAll, h.bcrEligibleNow),
    bcrHandledAllKey,
    sharedCount.eligible(PHASE_NAMES.current, ctx.responder('behavioural_crisis')),
  );
  // Calls without a call type are eligible for nothing: a source without types (Seattle's dispatch file)
  // read "0.0% could go to an alternative responder", which the data cannot say.
  const untyped = d.analysisQuality.untyped;
  const noneTyped = noCallTyped(d.analysisQuality);
  const untypedNote = untyped > 0 ? '; calls without an initial call type count as eligible for none' : '';
  // Nor can officer-initiated calls be left out when no source says who initiated a call.
  const unknownOrigin = d.demand.byOrigin.find((o) => o.origin === 'unknown')?.calls ?? 0;
  const allCalls = d.demand.byOrigin.reduce((a, o) => a + o.calls, 0);
  // And none is left out where no call is officer-initiated: a profile drafted for Minneapolis gave its
  // `911 Call: No` calls origin `other`, and the headline said "excluding officer-initiated" of all calls
  // (tester 316).
  const officer = d.demand.byOrigin.find((o) => o.origin === 'officer_initiated')?.calls ?? 0;
  const originNote =
    d.denominator.name !== 'cfs_excl_officer_initiated' || allCalls === 0
      ? ''
      : unknownOrigin === allCalls
        ? '; no source records who initiated a call, so officer-initiated calls cannot be left out'
        : officer === 0
          ? "; no call is recorded as officer-initiated (no source's origin rules give it), so none is left out"
          : unknownOrigin > 0
            ? '; calls of unknown origin are counted'
            : '';
  const cards: Card[] = [
    {
      key: 'calls',
      value: ctx.count(h.calls),
      label: 'calls for service',
      detail: `received ${d.period.from === d.period.to ? 'on ' : ''}${days(d.period.from, d.period.to)}; ${ctx.count(h.denominatorCalls)} in the shares below: ${d.denominator.label.toLowerCase()}${originNote}`,
    },
    {
      key: 'diverted_share',
      value: divertedShare,
      label: 'handled by a non-police responder',
      noun: 'share handled by a non-police responder',
      detail: `${divertedCount} of ${ctx.count(h.denominatorCalls)} calls (${d.denominator.label.toLowerCase()})`,
    },
    {
      key: 'eligible_near_term_share',
      value: noneTyped ? 'unknown' : nearTermShare,
      label: 'could go to an alternative responder in the near term',
      noun: 'share that could go to an alternative responder in the near term',
      detail: noneTyped
        ? `no call of the period has an initial call type, so no eligibility can be judged; goal ${goalPercent(d.target)} diverted`
        : `by initial call type, under the near-term eligibility rules${untypedNote}; goal ${goalPercent(d.target)} diverted`,
    },
    {
      key: 'bcr_handled_of_eligible',
      // Without call types its eligible calls are unknown, not 0 (tester 102, Seattle's dispatch file).
      value: noneTyped ? 'unknown' : h.bcrRecorded ? bcrHandled : 'not recorded',
      label: 'of calls eligible for the behavioural crisis team were handled by it',
      noun: 'share of calls eligible for the behavioural crisis team that it handled',
      // A hidden headline says why, in the legend's words, which name no reason of its own: one that said
      // "withheld as cover" would tell its count is not 1 to 10, which the audit did not weigh (tester 384:
      // Minneapolis' 56.7%, withheld for a small count elsewhere, read as a figure missing).
      detail: `${noneTyped ? 'no call of the period has an initial call type, so the calls eligible cannot be judged' : `${bcrEligibleCalls} eligible under current practice`}${
        h.bcrRecorded ? '' : '; no source of the store records the calls the team handled'
      }${!noneTyped && h.bcrRecorded && bcrHandled === 'suppressed' ? `; ${WITHHELD_WHY}` : ''}`,
    },
    {
      key: 'response_median',
      value: untimed ? 'none' : median,
      label: 'median response time',
      detail: untimed
        ? `${from.short} to first unit on scene: no call timed (${d.denominator.label.toLowerCase()}) has a valid time (${whyUntimed})`
        : `${from.short} to first unit on scene, ${d.denominator.label.toLowerCase()}; 90th percentile ${p90}; ${countIn(h.responseValid, sharedCount.responseAll('valid'))} calls with a valid time`,
    },
  ];
  const findings: Html[] = [
    html`<li>
      Of ${ctx.count(h.denominatorCalls)} calls for service (${d.denominator.label.toLowerCase()}),
      <strong>${divertedCount} (${divertedShare})</strong> were handled by a non-police
      responder${
        divertedRows.length
          ? html`:
            ${divertedRows.map((r, i) => [
              i === 0 ? '' : i === divertedRows.length - 1 ? ' and ' : ', ',
              // The counts add up to the total just printed: with one of them hidden, the others would give
              // it away, so the public edition then names the responders only (their table has the counts).
              hideByResponder
                ? ctx.responderInText(r.responder)
                : `${ctx.responderInText(r.responder)} ${ctx.count(r.calls)}`,
            ])}`
          : ''
      }.
    </li>`,
    html`<li>
      The goal is ${goalPercent(d.target)}.
      ${
        // Whether it is met bounds the calls diverted: said only where they are shown (tester 124).
        divertedShare === 'suppressed'
          ? 'Whether the share diverted meets it is suppressed in this edition, since it would give away a small count.'
          : gapPoints !== null && gapPoints > 0
            ? // Shown only with the diverted share, which is withheld whenever they would be.
              `Reaching it means moving about ${rate(gapCallsPerYear ?? 0)} more calls a year (${gapInPoints(gapPoints)} percentage points) to other responders.`
            : // 0 of 0 is no share, not one at the goal (tester 167).
              noneCounted
              ? 'No call of the period counts in the denominator, so there is no share to raise.'
              : 'The share diverted already meets it.'
      }
      ${
        // "- of calls are eligible" of no call (tester 169): the sentence before said why there is none.
        noneCounted
          ? ''
          : noneTyped
            ? 'No call of the period has an initial call type, so which calls could go to an alternative responder cannot be judged: map the call type as it was when the call came in (call_type_initial) in the profile, or add a source that has one.'
            : html`${eligibleSentence(
                nearTermShare,
                hiddenIn(
                  ctx.derived(
                    percent(h.nearTermPathwayShare),
                    h.eligibleNearTerm,
                    h.nearTermDivertedNotEligible,
                  ),
                  sharedCount.pathwayShare(pathwayStep('near_term')),
                ),
              )}${untyped > 0 ? ` Calls without an initial call type count as eligible for none${ctx.isPublic ? '' : ' (Data and method)'}.` : ''}`
      }
    </li>`,
    noneTyped
      ? html`<li>
          Without call types, the calls the behavioural crisis team is eligible for cannot be
          judged${
            h.bcrRecorded
              ? html`; it handled ${bcrHandledAll}.`
              : '. No source of the store records the calls it handled either.'
          }
        </li>`
      : h.bcrRecorded && h.bcrEligibleNow === 0
        ? // "handled - of the 0 calls it is eligible for ... it is -" (tester 227: a mapping giving it none).
          html`<li>
            No call of the period is eligible for the behavioural crisis team under current practice, so there
            is no share of its eligible calls to
            give${
              h.bcrHandledAll === 0
                ? '; it handled none.'
                : html`; it handled ${bcrHandledAll} calls, all of types its current eligibility does not give
                  it.`
            }
          </li>`
        : h.bcrRecorded
          ? html`<li>
              ${
                // "handled suppressed of the x calls" (tester 146): a hidden share in a sentence of its own.
                bcrHandled === 'suppressed'
                  ? `The share the behavioural crisis team handled of the ${bcrEligibleCalls} it is eligible for under current practice is suppressed.`
                  : `The behavioural crisis team handled ${bcrHandled} of the ${bcrEligibleCalls} it is eligible for under current practice.`
              }
              Counted as some cities publish it, every call the team handled (${bcrHandledAll}, eligible or
              not) against the eligible calls, it is ${bcrHandledToEligible}.
            </li>`
          : h.bcrEligibleNow === 0
            ? // "eligible for 0 calls ... how many of them it took cannot be told" (tester 384): none to take.
              html`<li>
                No call of the period is eligible for the behavioural crisis team under current practice, so
                there is no share of its eligible calls to give; no source of the store records the calls it
                handled either.
              </li>`
            : // Burlington's export records no responder: "handled 0.0%" was the export's silence, not the team's.
              html`<li>
                The behavioural crisis team is eligible for ${bcrEligibleCalls} under current practice. No
                source of the store records the calls it handled (no profile rule gives it as a call's
                responder), so how many of them it took cannot be told from these data.
              </li>`,
    untimed
      ? html`<li>
          No call timed (${d.denominator.label.toLowerCase()}) has a valid response time:
          ${
            noneCounted
              ? 'no call of the period counts in it,'
              : noUnitTime
                ? "the export records no unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival), or its profile maps none,"
                : `no arrival is recorded, or every one is before its ${from.short} or implausibly late,`
          }
          so there is no measure of how fast units arrived.
        </li>`
      : html`<li>
          ${
            // "within suppressed of the call entering the queue; 9 in 10 within suppressed" (tester 384): a
            // withheld time is said so in a sentence, as the diverted share's is.
            median === 'suppressed' && p90 === 'suppressed'
              ? `How soon a unit was on scene after ${from.event}, for half of the calls timed (${d.denominator.label.toLowerCase()}) with a recorded arrival and for 9 in 10 of them, is suppressed in this edition, since it would give away a small count.`
              : median === 'suppressed'
                ? `Of the calls timed (${d.denominator.label.toLowerCase()}) with a recorded arrival, 9 in 10 had a unit on scene within ${p90} of ${from.event}; the time for half of them is suppressed in this edition.`
                : p90 === 'suppressed'
                  ? `Half of the calls timed (${d.denominator.label.toLowerCase()}) with a recorded arrival had a unit on scene within ${median} of ${from.event}; the time for 9 in 10 of them is suppressed in this edition.`
                  : `Half of the calls timed (${d.denominator.label.toLowerCase()}) with a recorded arrival had a unit on scene within ${median} of ${from.event}; 9 in 10 within ${p90}.`
          }
        </li>`,
    html`<li>
      Data:
      ${
        accountingWithheld
          ? `the store's row counts are withheld (${accountingWithheld});`
          : `the store's exports gave ${ctx.count(q.rows_read)} rows, ${ctx.count(q.duplicates)} exact duplicates dropped and ${ctx.count(q.quarantined)} quarantined (every period);`
      }
      in this period, ${ctx.count(q.period.negative_interval_calls)} calls with a negative interval (a stage
      timed before the one it follows) and ${ctx.count(q.period.implausible_interval_calls)} with an
      implausibly long one were kept but left out of the time figures they affect.
    </li>`,
  ];
  return {
    id: 'summary',
    title: 'Executive summary',
    body: html`${readFirstList(ctx)}
      <ul class="headlines">
        ${cards.map(card)}
      </ul>
      ${metaLine(
        ctx.meta({
          denominator: { label: d.denominator.label, calls: h.denominatorCalls },
          quality: [
            ...(accountingWithheld
              ? []
              : [
                  { label: 'rows quarantined (whole store)', value: q.quarantined },
                  { label: 'duplicates dropped (whole store)', value: q.duplicates },
                ]),
            { label: 'response times missing', value: asQuality(left.missing) },
            { label: 'negative', value: asQuality(left.negative) },
            { label: 'implausible', value: asQuality(left.implausible) },
            // As the response section's line: without it the card's counts fell short of the calls it
            // times by Seattle's 16 telephone reports (tester 394).
            { label: 'no unit sent (311 / online / telephone report)', value: asQuality(left.no_unit_sent) },
          ],
        }),
        ctx.isPublic,
      )}
      <h3>Findings</h3>
      <ul>
        ${findings}
      </ul>`,
  };
}
