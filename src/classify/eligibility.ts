/**
 * Responder eligibility of a mapped type, from the rules in taxonomy/eligibility.yaml and any reviewer
 * override in the city mapping. Judged per type (what the dispatcher knew from the initial type); the
 * only per-call condition, the initial priority, is applied in SQL by applyClassification.
 */
import type { EligibleResponder, MappingEntry } from './mapping-file.js';
import { PHASES, tierRank, type Phase, type Taxonomy } from './taxonomy.js';

export interface PhaseEligibility {
  /** Eligible whatever the call's priority. */
  always: string[];
  /** Eligible only when the call's initial priority is not an emergency priority. */
  nonEmergency: string[];
}

export type Eligibility = Record<Phase, PhaseEligibility>;

function derived(tax: Taxonomy, entry: MappingEntry, phase: Phase): EligibleResponder[] {
  const out: EligibleResponder[] = [];
  const category = entry.category === 'unmappable' ? 'other' : entry.category;
  for (const r of tax.rules) {
    if (r.phase !== phase) continue;
    if (r.categories !== 'all' && !r.categories.includes(category)) continue;
    if (r.unless.some((f) => entry.flags.includes(f))) continue;
    if (!r.requires.every((f) => entry.flags.includes(f))) continue;
    if (r.codes && !(entry.apcoCode && r.codes.includes(entry.apcoCode))) continue;
    if (r.maxTier && tierRank(entry.tier) > tierRank(r.maxTier)) continue;
    out.push({ responder: r.responder, nonEmergencyOnly: r.nonEmergencyOnly });
  }
  return out;
}

/**
 * The responder an override cannot remove: eligibility widens the choice, it never removes police
 * (docs/classification.md). An override of `eligible_current` without police took police off the type.
 */
const POLICE = 'police';

export function eligibilityOf(tax: Taxonomy, entry: MappingEntry): Eligibility {
  const result = {} as Eligibility;
  let carried: EligibleResponder[] = [];
  for (const phase of PHASES) {
    const rules = derived(tax, entry, phase);
    const override = entry.eligibleOverride[phase];
    // An override replaces what the rules give the other responders in its phase; police keep theirs.
    const own = override ? [...rules.filter((e) => e.responder === POLICE), ...override] : rules;
    const merged = new Map<string, boolean>();
    // An unconditional eligibility beats a non-emergency-only one for the same responder.
    for (const e of [...carried, ...own])
      merged.set(e.responder, (merged.get(e.responder) ?? true) && e.nonEmergencyOnly);
    carried = [...merged].map(([responder, nonEmergencyOnly]) => ({ responder, nonEmergencyOnly }));
    const order = (a: string, b: string) =>
      tax.responders.findIndex((r) => r.id === a) - tax.responders.findIndex((r) => r.id === b);
    result[phase] = {
      always: carried
        .filter((e) => !e.nonEmergencyOnly)
        .map((e) => e.responder)
        .sort(order),
      nonEmergency: carried
        .filter((e) => e.nonEmergencyOnly)
        .map((e) => e.responder)
        .sort(order),
    };
  }
  return result;
}

/** Responders eligible for a call of this type at a given priority class. */
export function eligibleFor(e: PhaseEligibility, emergency: boolean): string[] {
  return emergency ? e.always : [...e.always, ...e.nonEmergency];
}
