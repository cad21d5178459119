/**
 * The public edition answered a schedule of two all-day shifts (2 + 1 units) without the note that they
 * overlap, which the internal edition and `analyze` give (tester 364): the note holds no count, so the
 * public page carries it too.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildReport } from '../../src/report/report.js';
import { syntheticStore } from '../helpers/store.js';
import { tempDir } from '../helpers/shared-data.js';

describe("the public edition's note on overlapping shifts (tester 364)", () => {
  it('is carried, with the units on duty added up as the schedule gives them', async () => {
    const dir = tempDir('safegap-364-');
    const store = await syntheticStore(dir, 3000, 364);
    // 2 units and 1 unit, each 00-24: 3 units on duty all day.
    const note =
      "The --schedule's shifts overlap all day (2@00-24 and 1@00-24: 3 units on duty): their units add up there. If one shift was meant to begin as another ends, correct its hours.";
    for (const edition of ['internal', 'public'] as const) {
      const r = await buildReport({
        store,
        out: join(dir, edition),
        public: edition === 'public',
        capacity: {
          schedule: [
            { units: 2, from: 0, to: 24 },
            { units: 1, from: 0, to: 24 },
          ],
        },
      });
      expect(r.warnings, edition).toContain(note);
    }
  }, 300_000);
});
