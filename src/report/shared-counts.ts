/**
 * Names of the counts several parts of the report publish (suppress.ts, `links` and `groupTotals`; the
 * running text's `hiddenElsewhere`). One function per kind, so that every table and sentence names a count
 * alike: a name spelt two ways would leave the count hidden in one table and shown in another.
 */
export const sharedCount = {
  /** Calls a responder handled, by its display name (the non-police responders together: all diverted). */
  handled: (responder: string) => `handled:${responder}`,
  /** Calls eligible for a responder in a phase (display names). */
  eligible: (phase: string, responder: string) => `eligible:${phase}:${responder}`,
  /** Calls eligible for a responder in a phase that it handled. */
  handledEligible: (phase: string, responder: string) => `handled-eligible:${phase}:${responder}`,
  /** The diverted share of a step of the pathways table. */
  pathwayShare: (step: string) => `pathway-share:${step}`,
  /** Calls eligible for a responder under current practice it handled with a unit arriving (the funnel's last step). */
  funnelHandled: (responder: string) => `funnel-handled:${responder}`,
  /** Calls that fell out of a responder's funnel at a step for a reason (display names). */
  fallout: (responder: string, step: string, reason: string) => `fallout:${responder}:${step}:${reason}`,
  /** Calls of an origin (display name): the 911 calls are also the 911 denominator's calls. */
  origin: (origin: string) => `origin:${origin}`,
  /** A count column (calls, valid, missing...) of the response time of every call, all groups together. */
  responseAll: (column: string) => `response-all:${column}`,
  /** A count column of one area of an area column. */
  area: (field: string, area: string, column: string) => `area:${field}:${area}:${column}`,
};
