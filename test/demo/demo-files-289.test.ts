import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/demo.js';
import { synthesize } from '../../src/synth/synth.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// Tester 289: the demo wrote over files of the user's in its folder (their boundaries, a report/ it had not
// written), and --force wrote over a Burlington export saved under the export's name.

const demo = (dir: string, force = false) =>
  runDemo({ dir, calls: 40, years: 1, seed: '1', ...(force ? { force: true } : {}) });

/** Every file under `dir` with its content's hash: what "nothing was changed" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('safegap demo and the files of its folder it did not write (tester 289)', () => {
  const root = tempDir();

  it("refuses the user's own boundary file before writing anything, even with --force", async () => {
    const dir = join(root, 'd6');
    mkdirSync(dir);
    writeFileSync(join(dir, 'synthetic-city.precincts.geojson'), '{"note":"my edited boundaries"}\n');
    const before = snapshot(dir);
    for (const force of [false, true]) {
      const refusal = demo(dir, force);
      await expect(refusal).rejects.toThrow(
        /holds \S+synthetic-city\.precincts\.geojson, which is not the synthetic city's precincts \(it is no GeoJSON FeatureCollection\): the demo would write over it/,
      );
      await expect(demo(dir, force)).rejects.toMatchObject({
        hint: expect.stringMatching(
          /another folder \(--dir\), or move synthetic-city\.precincts\.geojson away \(--force replaces only what is recognisably the synthetic city's, which this is not\); nothing in .* was changed/,
        ),
      });
      // Nothing half-done: no export, store, marker or report beside it.
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it("replaces an edited copy of the city's boundaries with --force only, and its own without a word", async () => {
    const dir = join(root, 'edited');
    const own = await demo(dir);
    const file = join(dir, 'synthetic-city.beats.geojson');
    const city = JSON.parse(readFileSync(file, 'utf8')) as {
      features: { geometry: { coordinates: number[][][] } }[];
    };
    const written = readFileSync(file);
    // A second demo over its own boundaries, whatever their formatting.
    writeFileSync(file, JSON.stringify(city, null, 2));
    await demo(dir);
    expect(readFileSync(file).equals(written)).toBe(true);

    city.features[0]!.geometry.coordinates[0]![0]![0]! += 0.001;
    writeFileSync(file, JSON.stringify(city));
    const edited = snapshot(dir);
    await expect(demo(dir)).rejects.toThrow(
      /synthetic-city\.beats\.geojson, which is not the synthetic city's beats as the demo writes them: a GeoJSON of its \d+ beats \(by beat\), changed since/,
    );
    await expect(demo(dir)).rejects.toMatchObject({
      hint: expect.stringMatching(
        /or move synthetic-city\.beats\.geojson away, or run the demo again with --force/,
      ),
    });
    expect(snapshot(dir)).toEqual(edited);
    await demo(dir, true);
    expect(readFileSync(file).equals(written)).toBe(true);
    expect(own.report.html).toBe(join(dir, 'report', 'report.html'));
  });

  it('refuses a report/ it did not write, and replaces its own report', async () => {
    const dir = join(root, 'd7');
    mkdirSync(join(dir, 'report'), { recursive: true });
    writeFileSync(join(dir, 'report', 'report.html'), '<html><body>my report</body></html>\n');
    const before = snapshot(dir);
    for (const force of [false, true]) {
      await expect(demo(dir, force)).rejects.toThrow(
        /holds \S+report\/report\.html, which no demo wrote, and it is not a report of the synthetic city \(no "Community safety asset and gap analysis: the synthetic city" in it\)/,
      );
      expect(snapshot(dir)).toEqual(before);
    }

    // The demo's own report is replaced, run after run; one edited since is the user's, and --force's only
    // while it is still the synthetic city's report.
    const mine = join(root, 'own-report');
    await demo(mine);
    await demo(mine);
    const html = join(mine, 'report', 'report.html');
    writeFileSync(html, `${readFileSync(html, 'utf8')}<!-- my notes -->\n`);
    await expect(demo(mine)).rejects.toThrow(
      /report\/report\.html, which was changed since the last demo here wrote it; it is a report of the synthetic city/,
    );
    expect(readFileSync(html, 'utf8')).toContain('<!-- my notes -->');
    await demo(mine, true);
    expect(readFileSync(html, 'utf8')).not.toContain('<!-- my notes -->');

    // A CSV of the user's in csv/ may carry a table's name: the report would write over it.
    writeFileSync(join(mine, 'report', 'csv', 'calls_by_origin_mine.csv'), 'a,b\n1,2\n');
    await expect(demo(mine, true)).rejects.toThrow(
      /report\/csv\/calls_by_origin_mine\.csv, which no demo wrote, and it is not a table that the synthetic city's report\.html beside it links/,
    );
  });

  it("takes a demo's folder from before the report was recorded as the demo's", async () => {
    const dir = join(root, 'old-marker');
    await demo(dir);
    const marker = join(dir, '.safegap-demo.json');
    const m = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(m.files as object)).toContain('report/report.html');
    delete m.files;
    writeFileSync(marker, JSON.stringify(m));
    await demo(dir);
  });

  it("refuses a city's export saved under the export's name even with --force, and says what it is not", async () => {
    const dir = join(root, 'd4');
    mkdirSync(dir);
    const csv = join(dir, 'synthetic-city.csv.gz');
    writeFileSync(csv, gzipSync(readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'))));
    const before = snapshot(dir);
    for (const force of [false, true]) {
      await expect(demo(dir, force)).rejects.toThrow(
        /synthetic-city\.csv\.gz, which no demo wrote, and it is not a synthetic city's export \(its first line is "incident_number,call_type,[^"]+", not the synthetic city's columns "incident_id,call_received,[^"]+"\): the demo would write over it/,
      );
      await expect(demo(dir, force)).rejects.toMatchObject({
        hint: expect.stringMatching(/or move synthetic-city\.csv\.gz away \(--force replaces only/),
      });
      expect(snapshot(dir)).toEqual(before);
    }

    // Not gzip at all.
    writeFileSync(csv, 'incident_id,call_received\n');
    await expect(demo(dir, true)).rejects.toThrow(
      /not a synthetic city's export \(it is not gzip-compressed\)/,
    );
  });

  it('names every file it would write over at once, and what --force would and would not replace', async () => {
    const dir = join(root, 'both');
    await synthesize({ calls: 60, years: 1, seed: '7', out: join(dir, 'synthetic-city.csv.gz') });
    writeFileSync(
      join(dir, 'synthetic-city.neighborhoods.geojson'),
      '{"type":"FeatureCollection","features":[]}\n',
    );
    const before = snapshot(dir);
    await expect(demo(dir)).rejects.toThrow(
      /holds 2 files the demo would write over: \S+synthetic-city\.csv\.gz, which no demo wrote; it is a synthetic city's export [^;]*; \S+synthetic-city\.neighborhoods\.geojson, which is not the synthetic city's neighborhoods \(its features are not the city's \d+ neighborhoods, by their neighborhood\)\./,
    );
    await expect(demo(dir)).rejects.toMatchObject({
      hint: expect.stringMatching(
        /or move synthetic-city\.neighborhoods\.geojson away and run the demo again with --force to replace synthetic-city\.csv\.gz \(--force replaces only/,
      ),
    });
    // With --force, only what it would not replace is named.
    await expect(demo(dir, true)).rejects.toThrow(/holds \S+synthetic-city\.neighborhoods\.geojson, which/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a record of its own name that is not its own, and a file where it writes a folder', async () => {
    const dir = join(root, 'odd');
    mkdirSync(dir);
    writeFileSync(join(dir, '.safegap-demo.json'), 'my notes\n');
    writeFileSync(join(dir, 'report'), 'not a folder\n');
    const before = snapshot(dir);
    await expect(demo(dir, true)).rejects.toThrow(
      /holds 2 files the demo would write over: \S+\.safegap-demo\.json, which is not the record a demo keeps there of what it wrote [^;]*; \S+report, a file, where the demo writes its report folder\./,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("says an export no demo wrote is a synthetic city's, which --force replaces", async () => {
    const dir = join(root, 'synth-export');
    const csv = join(dir, 'synthetic-city.csv.gz');
    await synthesize({ calls: 60, years: 1, seed: '7', out: csv });
    await expect(demo(dir)).rejects.toThrow(
      /synthetic-city\.csv\.gz, which no demo wrote; it is a synthetic city's export \(its header is the synthetic city's columns\)/,
    );
    await expect(demo(dir)).rejects.toMatchObject({
      hint: expect.stringMatching(/or run the demo again with --force to replace it/),
    });
    await demo(dir, true);
  });
});
