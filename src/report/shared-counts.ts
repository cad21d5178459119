/**
 * Names of the counts several parts of the report publish (suppress.ts, `links` and `groupTotals`; the
 * running text's `hiddenElsewhere`). One function per kind, so that every table and sentence names a count
 * alike: a name spelt two ways would leave the count hidden in one table and shown in another.
 */
import { WITHHELD, type Suppressed } from './suppress.js';

export const sharedCount = {
  /** Calls a responder handled, by its display name (the non-police responders together: all diverted). */
  handled: (responder: string) => `handled:${responder}`,
  /** Calls eligible for a responder in a phase (display names). */
  eligible: (phase: string, responder: string) => `eligible:${phase}:${responder}`,
  /** Calls eligible for a responder in a phase that it handled. */
  handledEligible: (phase: string, responder: string) => `handled-eligible:${phase}:${responder}`,
  /** Calls eligible for a responder in a phase that police (or an unknown responder) handled: the workload table's. */
  policeHandled: (phase: string, responder: string) => `police-handled:${phase}:${responder}`,
  /** Eligible calls police handled without a valid committed time: the workload table's. */
  policeLeftOut: (phase: string, responder: string) => `police-left-out:${phase}:${responder}`,
  /** The diverted share of a step of the pathways table. */
  pathwayShare: (step: string) => `pathway-share:${step}`,
  /** Calls eligible for a responder under current practice it handled with a unit arriving (the funnel's last step). */
  funnelHandled: (responder: string) => `funnel-handled:${responder}`,
  /** Calls that fell out of a responder's funnel at a step for a reason (display names). */
  fallout: (responder: string, step: string, reason: string) => `fallout:${responder}:${step}:${reason}`,
  /** Calls of an origin (display name): the 911 calls are also the 911 denominator's calls. */
  origin: (origin: string) => `origin:${origin}`,
  /**
   * A count column (calls, valid, missing...) of the response time of all the calls timed (the
   * denominator's), all groups together.
   */
  responseAll: (column: string) => `response-all:${column}`,
  /**
   * Calls whose type has no category, by their number: the category and severity tables' Unclassified
   * rows and the captions and data table that print the count are one count when equal. Hidden in the
   * category table as cover, the 12 printed beside it left its two other hidden cells at 4 calls.
   */
  unclassified: (calls: number) => `unclassified:${calls}`,
  /**
   * Calls of the denominator left out of an interval (missing, negative or implausible), by their number:
   * the public table of every interval and the severity table's caption (time on scene) are one count when
   * equal. Printed in the caption beside the table's withheld 95, it gave the hidden 5 valid times away.
   */
  leftOut: (interval: string, calls: number) => `left-out:${interval}:${calls}`,
  /**
   * Calls of a priority, by their number: the demand section's table (initial priority) and the response
   * times' (final) count the same calls where an export has one priority (Seattle's), and are one count
   * when equal. The demand table's 27 beside the response table's withheld count left three hidden cells
   * adding up to 11 (tester 90).
   */
  priorityCalls: (priority: string, calls: number) => `priority-calls:${priority}:${calls}`,
  /** Calls of a severity tier (display name): the severity table's, and the category table's facts. */
  tierCalls: (tier: string) => `tier-calls:${tier}`,
  /** A count column of one area of an area column. */
  area: (field: string, area: string, column: string) => `area:${field}:${area}:${column}`,
  /** A count column of an area column's row of calls without an area (no area can be named so). */
  noArea: (field: string, column: string) => `area:${field}:\u0000no area:${column}`,
};

/** A caption's count of unclassified calls as the tables holding it show it: withheld where one withholds it. */
export function unclassifiedCell(
  ctx: { hiddenElsewhere(key: string): boolean },
  calls: number,
): number | Suppressed {
  return ctx.hiddenElsewhere(sharedCount.unclassified(calls)) ? WITHHELD : calls;
}

/**
 * The severity caption's calls without a valid time on scene, withheld where the table of every interval
 * withholds them.
 */
export function onSceneLeftOut(
  ctx: { hiddenElsewhere(key: string): boolean },
  calls: number,
): number | Suppressed {
  return ctx.hiddenElsewhere(sharedCount.leftOut('on_scene', calls)) ? WITHHELD : calls;
}
