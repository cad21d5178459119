/**
 * The terminal's schedule line gave "Schedule (448 unit-hours)" under a plan line of "335 unit-hours a week",
 * and 448 read as the period's (tester 363: 80 days staffed 5,122 unit-hours). It says a week's, or the
 * period's hours where the period is shorter than a week.
 */
import { describe, expect, it } from 'vitest';
import type { CapacitySummary } from '../../src/analyse/capacity.js';
import { capacityLines } from '../../src/cli/analyze.js';

const summary: CapacitySummary = {
  responder: 'behavioural_crisis',
  phase: 'current',
  service_minutes: 40,
  service_source: 'own_calls',
  service_sample: 100,
  reach_clock: 'pickup',
  travel_minutes: 12,
  travel_source: 'own_calls',
  travel_sample: 90,
  reach_ceiling: 0.9,
  goal_reachable: true,
  eligible_calls: 500,
  week_hours_in_period: 168,
  unit_hours_per_week_needed: 335,
  peak_units_needed: 3,
  // 3 units 16 hours a day and 2 units 8 hours a day: (48 + 16) x 7 = 448.
  scheduled_unit_hours_per_week: 448,
  share_in_scheduled_hours: 1,
  share_served_scheduled: 1,
  share_within_goal_scheduled: 0.9384,
  utilisation_scheduled: 0.1648,
  occupancy_scheduled: 0.268,
};

describe("the terminal's schedule line (tester 363)", () => {
  it('gives the unit-hours a week, as the plan line does', () => {
    const lines = capacityLines(summary);
    expect(lines.find((l) => l.includes('to meet the goal'))).toContain('335 unit-hours a week');
    expect(lines.find((l) => l.trim().startsWith('Schedule'))).toContain('Schedule (448 unit-hours a week):');
  });

  it("gives the period's hours where the period is shorter than a week", () => {
    // One fall-back day: 25 hours, of which a 1@08-22 schedule staffs 14.
    const day = { ...summary, week_hours_in_period: 25, scheduled_unit_hours_per_week: 14 };
    expect(capacityLines(day).find((l) => l.trim().startsWith('Schedule'))).toContain(
      'Schedule (14 unit-hours over the 25 hours the period has):',
    );
  });
});
