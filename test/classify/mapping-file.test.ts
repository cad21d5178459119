import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MappingFileError } from '../../src/classify/errors.js';
import {
  MAPPING_COLUMNS,
  parseMapping,
  readMapping,
  readSettings,
  mappingText,
  writeMapping,
} from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { UserError } from '../../src/util/user-error.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const HEADER =
  'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';
const GOOD = 'Theft (P),Theft,property_crime_in_progress,LARCENY,misdemeanour,,,,,,0.9,automatic,,,';

function errorOf(text: string): MappingFileError {
  try {
    parseMapping(text, 'city.csv', tax);
  } catch (e) {
    expect(e).toBeInstanceOf(MappingFileError);
    expect(e).toBeInstanceOf(UserError);
    return e as MappingFileError;
  }
  throw new Error('expected the mapping to be rejected');
}

describe('mapping file validation', () => {
  it('accepts a good file', () => {
    const entries = parseMapping(`${HEADER}\n${GOOD}\n`, 'city.csv', tax);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      rawType: 'Theft (P)',
      category: 'property_crime_in_progress',
      confidence: 0.9,
    });
  });

  it('names the row and field of an unknown category, and how to fix it', () => {
    const e = errorOf(
      `${HEADER}\n${GOOD}\nNoise (P),Noise,loud_stuff,NOISE,non_criminal,,,,,,0.9,automatic,,,\n`,
    );
    expect(e.row).toBe(3);
    expect(e.field).toBe('category');
    expect(e.message).toBe(
      'city.csv, row 3, field `category`: unknown category `loud_stuff` for `Noise (P)`',
    );
    expect(e.toString()).toContain('How to fix: Use a category id from taxonomy/categories.csv');
    expect(e.toString()).not.toMatch(/\n\s+at /);
  });

  it('says an empty category cell is empty, and which category a typo likely meant (tester 141)', () => {
    const row = (category: string) =>
      errorOf(`${HEADER}\n${GOOD}\nNoise (P),Noise,${category},NOISE,non_criminal,,,,,,0.9,automatic,,,\n`)
        .message;
    expect(row('')).toBe(
      'city.csv, row 3, field `category`: `Noise (P)` has no category (the cell is empty)',
    );
    expect(row('welfare_chek')).toBe(
      'city.csv, row 3, field `category`: unknown category `welfare_chek` for `Noise (P)` (did you mean `welfare_check`?)',
    );
    expect(row('Disturbance')).toMatch(
      /unknown category `Disturbance` for `Noise \(P\)` \(did you mean `disturbance`\?\)$/,
    );
    expect(row('Welfare Check')).toMatch(/\(did you mean `welfare_check`\?\)$/);
    // Tester 146: the US spelling of a tier.
    expect(
      errorOf(`${HEADER}\n${GOOD}\nNoise (P),Noise,noise,NOISE,misdemeanor,,,,,,0.9,automatic,,,\n`).message,
    ).toMatch(/unknown tier `misdemeanor` \(did you mean `misdemeanour`\?\)$/);
    // Tester 146: and a responder in US spelling, in handled_by and in an eligibility list.
    const responder = (handledBy: string, eligible: string) =>
      errorOf(
        `${HEADER}\n${GOOD}\nNoise (P),Noise,noise,NOISE,non_criminal,,${handledBy},${eligible},,,0.9,automatic,,,\n`,
      ).message;
    expect(responder('behavioral_crisis', '')).toMatch(
      /field `handled_by`: unknown responder `behavioral_crisis` \(did you mean `behavioural_crisis`\?\)$/,
    );
    // `community|` was "unknown responder ``" (helper D41).
    expect(responder('', 'police|')).toMatch(
      /field `eligible_current`: `police\|` has an empty place between its \| marks, where a responder was expected$/,
    );
    // Written with ; the message names it (tester 332: it spoke of | marks the cell did not have).
    expect(responder('', 'animal_control;')).toMatch(
      /`animal_control;` has an empty place between its \| or ; marks, where a responder was expected$/,
    );
    // With and without * at once: refused, where it was kept so (tester 332).
    expect(responder('', 'community*|community')).toMatch(
      /field `eligible_current`: `community\*\|community` lists `community` both with and without \*$/,
    );
    expect(responder('', 'police|behavioral_crisis*')).toMatch(
      // Quoted as written, `*` too (tester 291: `community**` was said to be `community*`).
      /field `eligible_current`: unknown responder `behavioral_crisis\*` \(did you mean `behavioural_crisis\*`\?\)$/,
    );
    // Tester 265: the store's name of a responder, `ems` for `fire_ems`.
    expect(responder('ems', '')).toMatch(
      /field `handled_by`: unknown responder `ems` \(did you mean `fire_ems`\? `ems` is how the store writes it\)$/,
    );
    // Nothing near: no guess.
    expect(row('loud_stuff')).toMatch(/unknown category `loud_stuff` for `Noise \(P\)`$/);
  });

  it('names both rows of a duplicate raw type', () => {
    const e = errorOf(
      `${HEADER}\n${GOOD}\nNoise (P),Noise,noise,NOISE,non_criminal,,,,,,0.9,automatic,,,\n${GOOD}\n`,
    );
    expect(e.row).toBe(4);
    expect(e.message).toContain('duplicate raw type `Theft (P)` (already on row 2)');
  });

  it('says a reviewed entry without a review date as that (tester 116: "`` is not written YYYY-MM-DD")', () => {
    const e = errorOf(`${HEADER}\n${GOOD.replace('0.9,automatic,,,', '1,reviewed,ana,,')}\n`);
    expect(e.message).toBe('city.csv, row 2, field `reviewed_on`: a reviewed entry has no review date');
  });

  it('suggests responders with | for commas, never an empty place between them (testers 307, 314)', () => {
    // `online_311,` was told to be written `online_311|`, which is refused as an empty place.
    for (const [cell, suggested] of [
      ['"online_311,"', 'online_311'],
      ['"community,,police"', 'community|police'],
      ['"behavioural_crisis, community*"', 'behavioural_crisis|community*'],
    ]) {
      const e = errorOf(`${HEADER}\n${GOOD.replace('misdemeanour,,,,,', `misdemeanour,,,${cell},,`)}\n`);
      expect(e.message, cell).toMatch(/responders are separated by \|, not by commas/);
      expect(e.hint, cell).toContain(`such as \`${suggested}\``);
    }
  });

  it("says every row's problem at once, each fix once with its rows (tester 113: one at a time)", () => {
    const bad = (raw: string, tier: string) => `${raw},x,noise,NOISE,${tier},,,,,,0.9,automatic,,,`;
    const e = errorOf(
      `${HEADER}\n${GOOD}\n${bad('A', 'felony')}\nNoise (P),Noise,noise,NOISE,non_criminal,,,,,,0.9,automatic,,,\n${bad('B', 'felony')}\n${GOOD}\n`,
    );
    expect(e.message).toBe(
      [
        'city.csv: 3 problems, listed by row:',
        '    row 3, field `tier`: unknown tier `felony`',
        '    row 5, field `tier`: unknown tier `felony`',
        '    row 6, field `raw_type`: duplicate raw type `Theft (P)` (already on row 2)',
      ].join('\n'),
    );
    expect(e.hint).toBe(
      [
        'fix each and run the command again:',
        '    rows 3, 5: Use one of: non_criminal, misdemeanour, non_violent_felony, serious_violent_felony.',
        '    row 6: Keep one row per raw type: delete or merge the other row (spaces before or after a type are not read, so a copy that differs only by them is the same type).',
      ].join('\n'),
    );
    // Twenty are listed; the rest counted.
    const many = errorOf(
      `${HEADER}\n${Array.from({ length: 23 }, (_, i) => bad(`T${i}`, 'felony')).join('\n')}\n`,
    );
    const lines = many.message.split('\n');
    expect(lines[0]).toBe('city.csv: 23 problems, listed by row (the first 20):');
    expect(lines.slice(1, -1)).toEqual(
      Array.from({ length: 20 }, (_, i) => `    row ${i + 2}, field \`tier\`: unknown tier \`felony\``),
    );
    expect(lines.at(-1)).toBe('    and 3 more');
    expect(many.hint).toBe(
      `fix each and run the command again:\n    rows ${Array.from({ length: 20 }, (_, i) => i + 2).join(', ')}: Use one of: non_criminal, misdemeanour, non_violent_felony, serious_violent_felony.`,
    );
  });

  it('treats raw types that differ only by suffix as different rows (both kept)', () => {
    const entries = parseMapping(
      `${HEADER}\n${GOOD}\n${GOOD.replace('Theft (P)', 'Theft (P)~PD')}\n`,
      'city.csv',
      tax,
    );
    expect(entries.map((x) => x.normalised)).toEqual(['Theft', 'Theft']);
  });

  it.each([
    [
      'an unterminated quote',
      `${HEADER}\n${GOOD}\n"Noise (P),Noise,noise,NOISE,non_criminal,,,,,,0.9,automatic,,,\n`,
      3,
      'never closed',
    ],
    [
      'a row with too few fields',
      `${HEADER}\n${GOOD}\nNoise (P),Noise,noise\n`,
      3,
      '3 fields where the header has 15',
    ],
    [
      'a stray quote',
      `${HEADER}\nNo"ise,Noise,noise,NOISE,non_criminal,,,,,,0.9,automatic,,,\n`,
      2,
      'quote in the middle',
    ],
  ])('reports malformed CSV: %s', (_what, text, row, words) => {
    const e = errorOf(text);
    expect(e.row).toBe(row);
    expect(e.message).toContain(words);
  });

  it.each([
    ['tier', GOOD.replace('misdemeanour', 'felony'), 'unknown tier `felony`'],
    ['apco_code', GOOD.replace('LARCENY', 'THEFTX'), 'unknown APCO code `THEFTX`'],
    ['flags', GOOD.replace('misdemeanour,,', 'misdemeanour,armed,'), 'unknown flag `armed`'],
    ['confidence', GOOD.replace('0.9', '90%'), '`90%` is not a number from 0 to 1'],
    ['provenance', GOOD.replace('automatic', 'guessed'), 'unknown provenance `guessed`'],
    ['reviewer', GOOD.replace('automatic,,', 'reviewed,,'), 'a reviewed entry has no reviewer'],
    [
      'reviewed_on',
      GOOD.replace('automatic,,', 'reviewed,ana,25/11/2026'),
      '`25/11/2026` is not written YYYY-MM-DD',
    ],
    // Read as 2 March before.
    [
      'reviewed_on',
      GOOD.replace('automatic,,', 'reviewed,ana,2026-02-30'),
      '`2026-02-30` is not a date that exists',
    ],
    [
      'eligible_current',
      GOOD.replace('misdemeanour,,,', 'misdemeanour,,,robots'),
      'unknown responder `robots`',
    ],
  ])('checks field %s', (field, line, words) => {
    const e = errorOf(`${HEADER}\n${line}\n`);
    expect(e.field).toBe(field);
    expect(e.row).toBe(2);
    expect(e.message).toContain(words);
  });

  it('requires the key columns in the header', () => {
    const e = errorOf('raw_type,category\nTheft,property_crime_in_progress\n');
    expect(e.row).toBe(1);
    expect(e.field).toBe('tier');
  });

  it('names the spreadsheet row after a note that spans lines (it named the line of the file)', () => {
    const note = GOOD.replace(/,$/, ',"first line\nsecond line"');
    const bad = GOOD.replace('Theft (P)', 'Other (P)').replace('property_crime_in_progress', 'noize');
    // Header row 1, the note's row 2 (two lines of text), a good row 3, the bad row 4.
    const e = errorOf(`${HEADER}\n${note}\n${GOOD.replace('Theft (P)', 'Theft 2')}\n${bad}\n`);
    expect(e.row).toBe(4);
    expect(e.field).toBe('category');
  });

  it('says a file separated by semicolons is, rather than that its columns are missing', () => {
    const e = errorOf(`${HEADER.replaceAll(',', ';')}\n${GOOD.replaceAll(',', ';')}\n`);
    expect(e.message).toMatch(/separated by semicolons, not commas/);
    // A note with a semicolon is quoted in such a save, and the quote in mid-field was reported first.
    const quoted = errorOf(
      `${HEADER.replaceAll(',', ';')}\n${GOOD.replaceAll(',', ';')}\n${GOOD.replaceAll(',', ';').replace(/;[^;]*$/, ';"report; the city"')}\n`,
    );
    expect(quoted.message).toMatch(/row 1: the file is separated by semicolons, not commas/);
  });

  it("refuses a file that is not UTF-8 (Excel's Windows-1252), which was read with its accents replaced", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-map-')), 'cp1252.csv');
    writeFileSync(file, Buffer.from(`${HEADER}\n${GOOD.replace('Theft (P)', 'Caf\xe9 (P)')}\n`, 'latin1'));
    // Named with its column and cell (tester 349: the row alone).
    expect(() => readMapping(file, tax)).toThrow(
      /row 2, field `raw_type`: the file is not UTF-8 text: this cell is the first that is not \(`Café \(P\)` as Windows-1252 reads it\)/,
    );
    // The hint is for a mapping file: a profile's `encoding`, which it named, does not apply here.
    const hint = (() => {
      try {
        readMapping(file, tax);
      } catch (e) {
        return (e as MappingFileError).hint;
      }
    })();
    expect(hint).toMatch(/iconv -f WINDOWS-1252 .*"CSV UTF-8"/);
    expect(hint).not.toMatch(/profile/);
  });

  it('round-trips through write and read, quoting what needs quoting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safegap-map-'));
    const file = join(dir, 'x.csv');
    const entries = parseMapping(
      `${HEADER}\n"SUSPICIOUS PERSON, VEHICLE",,suspicious,SUSP,non_criminal,,,,police|community*,-,0.5,reviewed,"O""Neil",2026-11-25,"a note, with comma"\n${GOOD}\n`,
      'x.csv',
      tax,
    );
    writeMapping(file, entries);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(MAPPING_COLUMNS.join(','));
    const again = readMapping(file, tax).entries;
    const byRaw = (a: { rawType: string }, b: { rawType: string }) => a.rawType.localeCompare(b.rawType);
    expect([...again].sort(byRaw)).toEqual([...entries].sort(byRaw));
    expect(again.find((e) => e.rawType.startsWith('SUSP'))!.eligibleOverride).toEqual({
      near_term: [
        { responder: 'police', nonEmergencyOnly: false },
        { responder: 'community', nonEmergencyOnly: true },
      ],
      potential: [],
    });
  });

  it('refuses to write over a mapping another command changed since it was read', () => {
    // `classify auto` read the mapping, an import saved a reviewer's note, and auto then wrote what it had
    // read: the note was gone.
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-map-')), 'x.csv');
    const entries = parseMapping(`${HEADER}\n${GOOD}\n`, 'x.csv', tax);
    const read = writeMapping(file, entries);
    expect(mappingText(file)).toBe(read);
    const edited = read.replace('automatic', 'reviewed');
    writeFileSync(file, edited);
    expect(edited).not.toBe(read);
    expect(() => writeMapping(file, entries, read)).toThrow(
      /was changed by another command while this one ran/,
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // Read as it is now, the write goes through; a file that did not exist must still not exist.
    expect(writeMapping(file, entries, edited)).toBe(read);
    const fresh = join(mkdtempSync(join(tmpdir(), 'safegap-map-')), 'new.csv');
    writeFileSync(fresh, read);
    expect(() => writeMapping(fresh, entries, null)).toThrow(/changed by another command/);
  });

  it('validates city settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safegap-set-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(
      file,
      'emergency_priorities: [1]\nactual_responder_rules:\n  - { column: cancel_reason, matches: "(", responder: online_311 }\n',
    );
    expect(() => readSettings(file, tax)).toThrow(
      /rule 1 of `actual_responder_rules` \(line 3\), field `matches`/,
    );
    // Look-arounds and back-references, which RE2 does not run, ended analyze with an internal error
    // (tester 203).
    for (const pattern of ['(?<=R)PT', '(?=RPT)', '(RPT)\\1']) {
      writeFileSync(
        file,
        `actual_responder_rules:\n  - { column: cancel_reason, matches: '${pattern}', responder: online_311 }\n`,
      );
      expect(() => readSettings(file, tax), pattern).toThrow(
        /rule 1 of `actual_responder_rules` \(line 2\), field `matches`: .* which the RE2 regular expressions safegap runs do not support/,
      );
    }
    writeFileSync(file, 'emergency_priorities: [1, "2"]\n');
    expect(readSettings(file, tax).emergencyPriorities).toEqual(['1', '2']);
    // A misspelt key was reported under an empty field name, field ``, then in the validator's words with
    // no line; an item of the priorities as `emergency_priorities.1`, "Invalid input" (tester 279).
    const refused = (text: string) => {
      writeFileSync(file, text);
      try {
        readSettings(file, tax);
      } catch (e) {
        return `${(e as Error).message} | ${(e as UserError).hint}`;
      }
      return 'read';
    };
    expect(refused('name: x\n\nemergency_prioritys: [1]\n')).toMatch(
      /^[^|]*c\.yaml: `emergency_prioritys` \(line 3\) is no key of the city settings \(did you mean `emergency_priorities`\?\) \| .*rename or remove `emergency_prioritys`\.$/,
    );
    expect(refused('emergency_priorities:\n  - 1\n  - { a: 2 }\n')).toMatch(
      /item 2 of `emergency_priorities` \(line 3\) is a set of keys \(`a: \.\.\.`\), not a priority code \| Write each code as text or a number/,
    );
    expect(refused('emergency_priorities: [1, [2]]\n')).toMatch(
      /item 2 of `emergency_priorities` \(line 1\) is a list,/,
    );
    expect(refused('emergency_priorities: 1\n')).toMatch(
      /`emergency_priorities` \(line 1\) is `1`, not a list of priority codes/,
    );
    expect(refused('emergency_priorities:\n')).toMatch(
      /`emergency_priorities` \(line 1\) is empty, not a list .*`emergency_priorities: \[\]`/,
    );
    expect(refused('name: 12\n')).toMatch(/`name` \(line 1\) is `12`, not text/);
    expect(refused('- 1\n')).toMatch(/c\.yaml: the file is a list, not the city settings' keys/);
    expect(refused('actual_responder_rules: x\n')).toMatch(
      /`actual_responder_rules` \(line 1\) is the text `x`, not a list of rules/,
    );
    expect(refused('emergency_priorities: []\n')).toBe('read');
    // Tester 293: the singular got no "did you mean"; an empty text was read as a priority.
    expect(refused('emergency_priority: [1]\n')).toMatch(
      /`emergency_priority` \(line 1\) is no key of the city settings \(did you mean `emergency_priorities`\?\)/,
    );
    expect(refused("emergency_priorities: ['0', '']\n")).toMatch(
      /item 2 of `emergency_priorities` \(line 1\) is empty, not a priority code/,
    );
    // A misspelt responder became a responder of its own, counted as diverted; a misspelt column never
    // matched: both in silence (tester 194). The store's spelling of a responder is one too.
    const rule = (column: string, responder: string) =>
      writeFileSync(
        file,
        `actual_responder_rules:\n  - { column: ${column}, matches: x, responder: ${responder} }\n`,
      );
    rule('priority', 'communty');
    expect(() => readSettings(file, tax)).toThrow(
      /c\.yaml: rule 1 of `actual_responder_rules` \(line 2\), field `responder`: unknown responder `communty` \(did you mean `community`\?\)/,
    );
    rule('cancel_reasn', 'online_311');
    expect(() => readSettings(file, tax)).toThrow(
      /field `column`: `cancel_reasn` is not a column of the calls a rule can test \(did you mean `cancel_reason`\?\)/,
    );
    // The key and the times are refused too: they stopped analyze with an internal error (tester 196).
    for (const column of ['call_id', 'CALL_ID', 'received_at', 'assigned_at']) {
      rule(column, 'online_311');
      expect(() => readSettings(file, tax), column).toThrow(/is not a column of the calls a rule can test/);
    }
    rule('Cancel_Reason', 'other_civilian');
    expect(readSettings(file, tax).actualResponderRules).toHaveLength(1);
  });
});
