/**
 * The city settings' actual-responder rules (tester 274): a rule that gives no call its responder is named
 * in a note and records nothing; the working folder's settings come before the built-in ones; and the
 * settings' mistakes are said by rule, line and field, with the fix. On the first rows of the real
 * Minneapolis file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report.js';
import { analyze, type AnalyzeResult } from '../../src/analyse/analyze.js';
import { readSettings } from '../../src/classify/mapping-file.js';
import { builtinTaxonomy } from '../../src/classify/taxonomy.js';
import { ingest } from '../../src/ingest/ingest.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const MAPPING = resolve(import.meta.dirname, '../../taxonomy/mappings/minneapolis.csv');
const HEAD = "name: Minneapolis test\nemergency_priorities: ['0', '1']\nactual_responder_rules:\n";
const rule = (column: string, matches: string, responder: string) =>
  `  - { column: ${column}, matches: '${matches}', responder: ${responder} }\n`;

function current(r: AnalyzeResult, responder: string) {
  return r.tables.eligible_demand.rows.find((x) => x.phase === 'current' && x.responder === responder)!;
}

const unused = (r: AnalyzeResult) =>
  r.warnings.filter((w) => / gave no call of the store, in any period, its responder/.test(w));

describe('city responder rules over a store (tester 274)', () => {
  const dir = tempDir('safegap-rules-');
  const store = join(dir, 'store');
  beforeAll(async () => {
    // The first 8,000 calls: 33 cancelled as referred to another agency (`REFER-...`), none by 311.
    const csv = join(dir, 'calls_2022_d.csv');
    writeFileSync(
      csv,
      `${readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 8001).join('\n')}\n`,
    );
    await ingest({ files: [csv], profile: 'minneapolis-cad', store });
  }, 300_000);

  /** Analyze with the built-in mapping copied as NAME.csv and `settings` beside it. */
  async function withSettings(name: string, settings: string): Promise<AnalyzeResult> {
    const mapping = join(dir, `${name}.csv`);
    writeFileSync(mapping, readFileSync(MAPPING));
    writeFileSync(join(dir, `${name}.yaml`), settings);
    return analyze({ store, mapping, writeStore: false });
  }

  it("records a rule's responder only when the rule gives it a call, and names a rule no call matches", async () => {
    const r = await withSettings('never', HEAD + rule('response_plan', 'Traffic Agent', 'traffic_control'));
    // Was `handled_recorded: true` at 0.0%, in silence.
    expect(current(r, 'traffic_control')).toMatchObject({
      handled_recorded: false,
      handled_of_eligible: null,
    });
    expect(unused(r)).toEqual([
      expect.stringMatching(
        /^Rule 1 of `[^`]*never\.yaml` \(response_plan matches `Traffic Agent` -> traffic_control\) gave no call of the store, in any period, its responder: no call matches it \(the store writes response_plan as `P\d [^`]*`, /,
      ),
    ]);
    // A built-in rule no call of a short export matches is no mistake (tester 288): the note says both cases.
    expect(unused(r)[0]).toMatch(
      /If the export writes these values otherwise, write the pattern as the store writes them \(case is ignored\); if it simply holds no such call \(a short export\), there is nothing to change\.$/,
    );
  });

  it("names rules an earlier rule or the mapping's handled_by takes every call of", async () => {
    const r = await withSettings(
      'shadow',
      HEAD +
        rule('cancel_reason', '.', 'police') +
        rule('cancel_reason', '^REFER', 'community') +
        rule('call_type_final', '^Behavioral Crisis', 'community'),
    );
    expect(current(r, 'community').handled_recorded).toBe(false);
    const notes = unused(r);
    expect(notes).toHaveLength(2);
    const [earlier, handled] = notes as [string, string];
    expect(earlier).toMatch(
      /^Rule 2 of `[^`]*shadow\.yaml` \(cancel_reason matches `\^REFER` -> community\) gave no call of the store, in any period, its responder: each of the (\d+) calls it matches was taken first, (?:(\d+) by the mapping's handled_by of their final type and )?(\d+) by an earlier rule/,
    );
    const [, all, byType, byRule] =
      /each of the (\d+) calls.*?(?:(\d+) by the mapping's.*?)?(\d+) by an earlier rule/.exec(earlier)!;
    expect(Number(all)).toBeGreaterThan(0);
    expect(Number(byType ?? 0) + Number(byRule)).toBe(Number(all));
    expect(earlier).toMatch(/Move it before the earlier rule that takes its calls/);
    // Behavioral Crisis final types are the crisis team's in the mapping (handled_by), before any rule.
    expect(handled).toMatch(
      /^Rule 3 of `[^`]*shadow\.yaml` \(call_type_final matches `\^Behavioral Crisis` -> community\) gave no call of the store, in any period, its responder: each of the (\d+) calls it matches was taken first, \1 by the mapping's handled_by of their final type \(/,
    );
    expect(handled).toMatch(/handled_by decides before any rule/);
  });

  it('keeps a rule that gives calls their responder recorded, without a note', async () => {
    const r = await withSettings('refer', HEAD + rule('cancel_reason', '^REFER', 'community'));
    expect(current(r, 'community').handled_recorded).toBe(true);
    expect(unused(r)).toEqual([]);
  });

  describe("the working folder's settings", () => {
    const before = process.cwd();
    afterEach(() => process.chdir(before));

    it('come before the built-in ones, alone or beside no --mapping settings', async () => {
      // Settings alone in ./mappings, no mapping there: the built-in mapping's settings were read instead.
      const cwd = join(dir, 'yonly');
      mkdirSync(join(cwd, 'mappings'), { recursive: true });
      writeFileSync(
        join(cwd, 'mappings/minneapolis.yaml'),
        HEAD + rule('cancel_reason', '^REFER', 'community'),
      );
      process.chdir(cwd);
      const alone = await analyze({ store, writeStore: false });
      expect(alone.classification.mappingFile).toBe('minneapolis.csv (built in)');
      // Named where the mapping is: a reader could not tell which settings were read.
      expect(alone.classification.settingsFile).toBe(join('mappings', 'minneapolis.yaml'));
      expect(current(alone, 'community').handled_recorded).toBe(true);
      // Without emergency priorities, the note says to name them in the file read, not in the built-in one,
      // which this one replaces (tester 279).
      writeFileSync(
        join(cwd, 'mappings/minneapolis.yaml'),
        `actual_responder_rules:\n${rule('cancel_reason', '^REFER', 'community')}`,
      );
      const unset = await analyze({ store, writeStore: false });
      expect(unset.warnings.filter((w) => w.startsWith('No emergency priorities'))).toEqual([
        expect.stringContaining(`Name the emergency ones in \`${join('mappings', 'minneapolis.yaml')}\`, as`),
      ]);
      writeFileSync(
        join(cwd, 'mappings/minneapolis.yaml'),
        HEAD + rule('cancel_reason', '^REFER', 'community'),
      );
      // A mapping of one's own given by --mapping with no settings beside it (docs/classification.md).
      writeFileSync(join(cwd, 'own.csv'), readFileSync(MAPPING));
      const own = await analyze({ store, mapping: 'own.csv', writeStore: false });
      expect(current(own, 'community').handled_recorded).toBe(true);
      process.chdir(before);
      // Elsewhere the built-in settings: community is no rule's responder.
      const builtin = await analyze({ store, writeStore: false });
      expect(current(builtin, 'community').handled_recorded).toBe(false);
      expect(builtin.classification.settingsFile).toBe('minneapolis.yaml (built in)');
      const report = await buildReport({ store, out: join(dir, 'report') });
      expect(readFileSync(report.html, 'utf8')).toMatch(
        /The city settings <code>minneapolis\.yaml \(built in\)<\/code> give the emergency priorities/,
      );
    });
    it('read a source-named file before the built-in one, say files named like them but not read, and let --city name a city of settings alone (tester 289)', async () => {
      const cwd = join(dir, 'nearmiss');
      mkdirSync(join(cwd, 'mappings'), { recursive: true });
      process.chdir(cwd);
      // `.yml` and another case are not read, in silence but for the classification line before.
      writeFileSync(join(cwd, 'mappings/minneapolis.yml'), HEAD);
      writeFileSync(join(cwd, 'mappings/Minneapolis.yaml'), HEAD);
      const missed = await analyze({ store, writeStore: false });
      expect(missed.classification.settingsFile).toBe('minneapolis.yaml (built in)');
      const said = missed.warnings.filter((w) => / was not read, though it is named like/.test(w)).sort();
      expect(said).toEqual([
        `${join('mappings', 'Minneapolis.yaml')} was not read, though it is named like this store's city settings: they are read from a file named exactly \`minneapolis.yaml\`, and the settings read are the built-in \`minneapolis.yaml\`. If it holds this city's settings, rename it to ${join('mappings', 'minneapolis.yaml')} (docs/classification.md, "City settings").`,
        expect.stringMatching(
          /^mappings\/minneapolis\.yml was not read, .* rename it to mappings\/minneapolis\.yaml /,
        ),
      ]);
      // Named after the whole source name, in the working folder: read before the built-in city's.
      writeFileSync(
        join(cwd, 'mappings/minneapolis_cad.yaml'),
        HEAD + rule('cancel_reason', '^REFER', 'community'),
      );
      const bySource = await analyze({ store, writeStore: false });
      expect(bySource.classification.settingsFile).toBe(join('mappings', 'minneapolis_cad.yaml'));
      expect(current(bySource, 'community').handled_recorded).toBe(true);
      // A city with settings and no mapping: --city names it (it was "There is no mapping for --city").
      writeFileSync(join(cwd, 'mappings/testcity.yaml'), HEAD + rule('cancel_reason', '^REFER', 'community'));
      const alone = await analyze({ store, city: 'testcity', writeStore: false });
      expect(alone.classification.settingsFile).toBe(join('mappings', 'testcity.yaml'));
      // Not the city the store's source is named after: said (tester 291), and not of the store's own city.
      expect(alone.warnings.filter((w) => w.startsWith('--city'))).toEqual([
        `--city testcity is not the city the store's source (\`minneapolis_cad\`) is named after: its \`${join('mappings', 'testcity.yaml')}\` is another city's, unless the store is that city's under another name. If not, leave --city out or name the store's own city.`,
      ]);
      const own = await analyze({ store, city: 'minneapolis', writeStore: false });
      expect(own.warnings.filter((w) => w.startsWith('--city'))).toEqual([]);
      // Nor of a mapping made for the store under a name of the analyst's (the README's my-city): it lists
      // the store's types (tester 316: it was told it was another city's).
      writeFileSync(join(cwd, 'mappings/my-city.csv'), readFileSync(MAPPING));
      const mine = await analyze({ store, city: 'my-city', writeStore: false });
      expect(mine.classification.mappingFile).toBe(join('mappings', 'my-city.csv'));
      expect(mine.warnings.filter((w) => w.startsWith('--city'))).toEqual([]);
      // Its settings are the source's, said (tester 326: `--city Minneapolis` read none, and the built-in
      // minneapolis.yaml's emergency priorities were dropped).
      expect(mine.classification.settingsFile).toBe(join('mappings', 'minneapolis_cad.yaml'));
      expect(current(mine, 'community').handled_recorded).toBe(true);
      expect(mine.warnings.filter((w) => w.startsWith('No settings are named'))).toEqual([
        `No settings are named after --city my-city (${join('mappings', 'my-city.yaml')} or a built-in my-city.yaml), so those named after the store's source were read: \`${join('mappings', 'minneapolis_cad.yaml')}\`. To set the city's own, write ${join('mappings', 'my-city.yaml')} (docs/classification.md, "City settings").`,
      ]);
      // Tester 293: a `.yml` beside --mapping was passed over in silence; a city of another case was told
      // only the cities with a mapping.
      mkdirSync(join(cwd, 'sub'));
      writeFileSync(join(cwd, 'sub/mine.csv'), readFileSync(MAPPING));
      writeFileSync(join(cwd, 'sub/mine.yml'), HEAD);
      const beside = await analyze({ store, mapping: join('sub', 'mine.csv'), writeStore: false });
      expect(beside.warnings.filter((w) => /^sub.* was not read, though it is named like/.test(w))).toEqual([
        expect.stringMatching(
          /^sub\/mine\.yml was not read, .* a file named exactly `mine\.yaml`, .* rename it to sub\/mine\.yaml /,
        ),
      ]);
      // Refused with the city meant, --mapping given or not; not told to run `classify auto --city
      // TestCity`, which refuses a city written so, and not read with no settings (tester 314).
      for (const mapping of [undefined, MAPPING]) {
        const other = await analyze({ store, city: 'TestCity', mapping, writeStore: false }).catch(
          (e: unknown) => e,
        );
        expect(String(other)).toMatch(
          /There is no mapping or settings for --city TestCity, but there are for `testcity`: city ids are read as written, case too\./,
        );
        expect((other as { hint?: string }).hint).toBe('write --city testcity.');
      }
      expect(current(alone, 'community').handled_recorded).toBe(true);
    });
  });
});

describe('city settings messages (tester 274)', () => {
  const tax = builtinTaxonomy();
  const dir = tempDir('safegap-settings-');
  const file = join(dir, 'city.yaml');
  const refused = (text: string): string => {
    writeFileSync(file, text);
    try {
      readSettings(file, tax);
    } catch (e) {
      return `${(e as Error).message}\n${(e as { hint?: string }).hint ?? ''}`;
    }
    throw new Error('not refused');
  };

  it('says a YAML mistake by line and column, without the file quoted in escapes', () => {
    const tabs = refused(`${HEAD}\t- { column: cancel_reason, matches: '^311', responder: online_311 }\n`);
    expect(tabs).not.toMatch(/\\x0a|\\x09/);
    expect(tabs).toMatch(
      /city\.yaml: line 4, column 1 \(a tab\) is not valid YAML: Tabs are not allowed as indentation\.\n/,
    );
    expect(tabs).toMatch(/Indent with spaces, not tabs/);
    const dup = refused("name: X\nemergency_priorities: ['0', '1']\nemergency_priorities: ['0']\n");
    expect(dup).not.toMatch(/\\x0a/);
    // Both lines of the key, as a profile's (testers 367, 362).
    expect(dup).toMatch(
      /line 3, column 1 \(a key first given on line 2, column 1\) is not valid YAML: .*`emergency_priorities` is given twice/,
    );
    expect(dup).toMatch(/Keep one `emergency_priorities`/);
    // A key repeated inside a rule's `{ ... }` was said to be `{ column` (tester 279).
    const inRule = refused(
      `${HEAD}  - { column: cancel_reason, matches: '^311', responder: online_311, responder: community }\n`,
    );
    expect(inRule).toMatch(/`responder` is given twice/);
    expect(inRule).toMatch(/Keep one `responder`/);
    // A folder where the settings are looked for was "a folder given where a file was expected", unnamed.
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder, { recursive: true });
    expect(() => readSettings(folder, tax)).toThrow(
      /folder\.yaml: is a folder, where the city settings are looked for/,
    );
  });

  it('numbers rules from 1, with their line', () => {
    const text = HEAD + rule('cancel_reason', '^311', 'online_311') + rule('cancel_reason', '^FD', 'fire');
    expect(refused(text)).toMatch(
      /city\.yaml: rule 2 of `actual_responder_rules` \(line 5\), field `responder`: unknown responder `fire` \(did you mean `fire_ems`\?\)/,
    );
    expect(refused(text)).not.toMatch(/actual_responder_rules\.1/);
  });

  it("tells a profile's equals to write matches, and an empty or null matches what is expected", () => {
    const equals = refused(
      `${HEAD}  - { column: cancel_reason, equals: 'REFER-Refer to Other Agency (x)', responder: community }\n`,
    );
    expect(equals).toMatch(/rule 1 of `actual_responder_rules` \(line 4\), field `equals`: .*not `equals`/);
    expect(equals).toMatch(/write `matches: '\^REFER-Refer to Other Agency \\\(x\\\)\$'`/);
    const nothing = refused(`${HEAD}  - { column: cancel_reason, matches:, responder: community }\n`);
    expect(nothing).toMatch(/field `matches`: has no value; expected a regular expression/);
    expect(nothing).not.toMatch(/received null/);
    const empty = refused(`${HEAD}  - { column: cancel_reason, matches: '', responder: community }\n`);
    expect(empty).toMatch(/field `matches`: is empty .*; expected a regular expression/);
    expect(empty).not.toMatch(/Too small/);
  });
});
