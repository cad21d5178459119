/**
 * A team whose calls mostly record no clearance: its busy time, and the schedule's utilisation, count only
 * the calls that do, and the run says so (tester 308: "busy 2.7% of staffed time" with 322 of 352 calls
 * unmeasured read as an idle team).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const CRISIS = /^Behavioral Crisis (Response|Welfare Ck)\s*(\(P\))?$/;
const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

describe("a crisis team's busy time with most clearances missing", () => {
  const dir = tempDir();
  const [header, ...all] = parseCsv(
    readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').replace(/\r?\n$/, ''),
  );
  const rows = all.slice(0, 12_000);
  const [type, cleared, id] = ['Problem', 'timeFirstCallCleared', 'Master_Incident_Number'].map((c) =>
    header!.indexOf(c),
  );
  const crisis = (r: string[]) => CRISIS.test(r[type!]!.trim());
  // The team's own calls, counted by id (the file repeats some rows whole).
  const own = new Set(rows.filter(crisis).map((r) => r[id!]));
  const write = (name: string, keep: number) => {
    let kept = 0;
    const out = rows.map((r) =>
      crisis(r) && r[cleared!] !== '' && kept++ >= keep ? r.map((v, i) => (i === cleared ? '' : v)) : r,
    );
    const file = join(dir, name);
    writeFileSync(file, `${[header!, ...out].map((r) => r.map(quote).join(',')).join('\n')}\n`);
    return file;
  };
  const stores = { whole: join(dir, 'whole'), blanked: join(dir, 'blanked') };

  beforeAll(async () => {
    await ingest({ files: [write('whole.csv', Infinity)], profile: 'minneapolis-cad', store: stores.whole });
    await ingest({ files: [write('blanked.csv', 40)], profile: 'minneapolis-cad', store: stores.blanked });
  }, 120_000);

  it('says whose busy time is a floor, with the calls measured and the calls of its own', async () => {
    expect(own.size).toBeGreaterThan(300);
    const run = await analyze({
      store: stores.blanked,
      writeStore: false,
      capacity: { schedule: [{ units: 2, from: 8, to: 20 }] },
    });
    const quality = run.tables.capacity_summary.definition.quality as Record<string, number>;
    // At most the 40 calls left a clearance have a committed time; every call of the team is its own.
    expect(quality.own_calls).toBe(own.size);
    expect(quality.own_calls_with_service_time).toBeGreaterThanOrEqual(30);
    expect(quality.own_calls_with_service_time).toBeLessThanOrEqual(40);
    expect(run.warnings).toContainEqual(
      `The busy time of behavioural_crisis (busy_unit_hours, and the utilisation of the schedule) counts only those of its own calls with a valid committed time (from a unit being assigned to it being cleared), ${quality.own_calls_with_service_time} of its ${own.size.toLocaleString('en-US')}: the others record no assignment or clearance, or an implausible one, so read it as a floor of the team's work, not its whole.`,
    );
  });

  it('says nothing where nine in ten calls or more are measured', async () => {
    const run = await analyze({ store: stores.whole, writeStore: false });
    const quality = run.tables.capacity_summary.definition.quality as Record<string, number>;
    expect(quality.own_calls_with_service_time).toBeGreaterThanOrEqual(0.9 * quality.own_calls!);
    expect(run.warnings.join(' ')).not.toMatch(/The busy time of/);
  });
});
