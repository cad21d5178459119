/**
 * Tester 322: a store of Minneapolis' and Seattle's calls pooled their priorities by number (Minneapolis' P3
 * timed from the pickup, Seattle's from the queue, in one median) and one city's mapping classified both,
 * with no note that the store held two cities. Sources in different time zones now get one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReport } from '../../src/report/report.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const SEATTLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');

describe('a store of sources in different time zones (tester 322)', () => {
  const dir = tempDir('safegap-322-');
  const mixed = join(dir, 'mixed');
  const seattle = join(dir, 'seattle');
  beforeAll(async () => {
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'mpls.csv'), `${lines.slice(0, 501).join('\n')}\n`);
    await ingest({ files: [join(dir, 'mpls.csv')], profile: 'minneapolis-cad', store: mixed });
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: mixed });
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: seattle });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: seattle });
  }, 120_000);

  it('says the sources are of different cities, and that priorities are pooled by number', async () => {
    // The zones as the store holds them, read a second way.
    const zones = await storeRows<{ source: string; zone: string }>(
      mixed,
      'SELECT DISTINCT source, time_zone AS zone FROM calls ORDER BY source',
    );
    expect(zones).toEqual([
      { source: 'minneapolis_cad', zone: 'America/Chicago' },
      { source: 'seattle_calls', zone: 'America/Los_Angeles' },
    ]);
    const r = await analyze({ store: mixed, writeStore: false });
    expect(r.warnings).toContainEqual(
      "The store's sources are in different time zones (minneapolis_cad: America/Chicago, seattle_calls: America/Los_Angeles), most likely of different cities or agencies: each reads its local times in its own zone, but the tables by priority pool their priorities by the number written (each source's own scale), and one city's mapping and settings classify every call. Analyse each city in a store of its own for figures by priority.",
    );
  });

  it('says so on a public page, and says on its terminal which mapping files went unread (tester 326)', async () => {
    // A reviewed mapping of ./mappings no source names: without --city it is not read, and the public
    // build left that note out with the notes holding counts; the zones' note too, from its page.
    const cwd = join(dir, 'cwd');
    mkdirSync(join(cwd, 'mappings'), { recursive: true });
    // Reviewed otherwise than the built-in one, as tester 321's was: a copy that would change nothing is
    // not named (tester 371). Every type it lists is classified other_crime.
    writeFileSync(
      join(cwd, 'mappings/Mpls.csv'),
      readFileSync(resolve(import.meta.dirname, '../../taxonomy/mappings/minneapolis.csv'), 'utf8').replace(
        /^(?!raw_type,)([^,"\n]*,[^,"\n]*),[a-z_]+,/gm,
        '$1,other_crime,',
      ),
    );
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const r = await buildReport({ store: mixed, out: join(dir, 'public'), public: true });
      const unread = r.warnings.filter((w) => w.startsWith('./mappings/Mpls.csv is not read'));
      expect(unread).toHaveLength(1);
      expect(r.warnings.filter((w) => /different time zones/.test(w))).toHaveLength(1);
      const page = readFileSync(r.html, 'utf8');
      expect(page).toMatch(
        /The store&#39;s sources are in different time zones|The store's sources are in different time zones/,
      );
      expect(page).not.toContain('Mpls.csv');
      // Its list of call types is not a ranking, and says so in its heading (tester 333: a journalist would
      // report the first listed as the most common type).
      expect(page).toContain('Common initial call types that can be published (not a ranking)');
      expect(page).not.toContain('The most common initial call types');
      const internal = await buildReport({ store: mixed, out: join(dir, 'internal') });
      expect(internal.warnings).toContainEqual(unread[0]);
    } finally {
      process.chdir(before);
    }
  }, 300_000);

  it("says nothing of one city's sources whose zones are two names of one (tester 326)", async () => {
    const store = join(dir, 'aliases');
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store });
    const dispatch = loadProfile('seattle-spd-dispatch');
    await ingest({ files: [DISPATCH], profile: { ...dispatch, time_zone: 'US/Pacific' }, store });
    const zones = await storeRows<{ zone: string }>(
      store,
      'SELECT DISTINCT time_zone AS zone FROM calls ORDER BY 1',
    );
    expect(zones).toEqual([{ zone: 'America/Los_Angeles' }, { zone: 'US/Pacific' }]);
    const r = await analyze({ store, writeStore: false });
    expect(r.warnings.join(' ')).not.toMatch(/different time zones/);
  });

  it("says nothing of one city's two sources, in one zone", async () => {
    const zones = await storeRows<{ zone: string }>(seattle, 'SELECT DISTINCT time_zone AS zone FROM calls');
    expect(zones).toEqual([{ zone: 'America/Los_Angeles' }]);
    const r = await analyze({ store: seattle, writeStore: false });
    expect(r.warnings.join(' ')).not.toMatch(/different time zones/);
  });
});
