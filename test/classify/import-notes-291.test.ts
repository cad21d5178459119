import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMapping } from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify as run } from '../helpers/classify-cli.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// Seattle's raw export: every final type begins with `--`, and no initial type does.
const CALLS = sharedFile('seattle/call_data_sample_2018-2023.csv');
const cols = ['--initial-column', 'Initial Call Type', '--final-column', 'Final Call Type'];
const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const PARKING = 'PARKING VIOLATION (EXCEPT ABANDONED CAR)';
const PARKING_FINAL = '--TRAFFIC - PARKING VIOL (EXCEPT ABANDONED CAR)';
const ALARM = '--ALARM-RESIDENTIAL BURG';
const ALARM_INITIAL = 'ALARM - RESIDENTIAL - BURGLARY, SILENT/AUDIBLE';

afterEach(() => vi.restoreAllMocks());

const dir = tempDir('safegap-import-291-');
const base = join(dir, 'base.csv');
const exported = join(dir, 'export.csv');

/** The export with `edits` ({ type: { column: value } }) made, as a spreadsheet saves it (CRLF). */
function edit(name: string, edits: Record<string, Record<string, string>>, drop: string[] = []): string {
  const [header, ...rows] = parseCsv(readFileSync(exported, 'utf8')).filter((r) => r.length > 1);
  // The export writes a type beginning with `-` after a `'`.
  const type = (cell: string) => cell.replace(/^'/, '');
  const out = rows
    .filter((r) => !drop.includes(type(r[0]!)))
    .map((r) => {
      const changes = edits[type(r[0]!)] ?? {};
      return header!.map((c, i) => changes[c] ?? r[i]!);
    });
  const file = join(dir, name);
  const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
  writeFileSync(file, [header!, ...out].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
  return file;
}

/** A fresh copy of the automatic mapping of the calls. */
function mappingCopy(name: string): string {
  const file = join(dir, name);
  copyFileSync(base, file);
  return file;
}

const importInto = (mapping: string, sheet: string, ...more: string[]) =>
  run(['import', '--city', 'seattle', '--mapping', mapping, '--in', sheet, '--reviewer', 't', ...more]);

describe('classify import notes (tester 291)', () => {
  it('makes the automatic mapping and its export', async () => {
    await run(['auto', '--city', 'seattle', '--mapping', base, '--calls', CALLS, ...cols]);
    await run(['export', '--city', 'seattle', '--mapping', base, '--calls', CALLS, ...cols, '-o', exported]);
    expect(readFileSync(exported, 'utf8')).toContain(`'${ALARM},`);
  });

  it('says, with --calls, an edit of a column read from a role no call gives the type', async () => {
    // Accepted and of no effect, without a word: `handled_by` is read from a call's final type and
    // eligibility from its initial type.
    const sheet = edit('roles.csv', {
      [PARKING]: { handled_by: 'traffic_control' },
      [ALARM]: { eligible_current: 'community' },
      // Set where the calls read it: no note.
      [PARKING_FINAL]: { handled_by: 'traffic_control' },
      [ALARM_INITIAL]: { eligible_current: 'community' },
    });
    const rowOf = (t: string) =>
      parseCsv(readFileSync(sheet, 'utf8')).findIndex((r) => r[0]!.replace(/^'/, '') === t) + 1;
    const mapping = mappingCopy('roles-map.csv');
    const out = await importInto(mapping, sheet, '--calls', CALLS, ...cols);
    expect(out).toContain('4 changed and 0 new types saved');
    expect(out).toContain(
      `Note: ${sheet}, row ${rowOf(PARKING)}: \`${PARKING}\` is the initial type of 15 calls of ${CALLS} and the final type of none, and \`handled_by\` is read from a call's final type, so this edit gives no call anything (it was saved all the same). To reach those calls, set \`handled_by\` on the row of their final type instead: \`${PARKING_FINAL}\`, which all 15 have (row ${rowOf(PARKING_FINAL)} of ${sheet}).`,
    );
    expect(out).toContain(
      `Note: ${sheet}, row ${rowOf(ALARM)}: \`${ALARM}\` is the final type of 28 calls of ${CALLS} and the initial type of none, and \`eligible_current\` is read from a call's initial type, so this edit gives no call anything (it was saved all the same). To reach those calls, set \`eligible_current\` on the row of their initial type instead: most often \`${ALARM_INITIAL}\` (27 calls of the 28, row ${rowOf(ALARM_INITIAL)} of ${sheet}).`,
    );
    expect(out.match(/gives no call anything/g)).toHaveLength(2);
    // Saved: the edit is valid.
    const saved = readMapping(mapping, tax).entries;
    expect(saved.find((e) => e.rawType === PARKING)?.handledBy).toBe('traffic_control');
    expect(saved.find((e) => e.rawType === ALARM)?.eligibleOverride.current).toEqual([
      { responder: 'community', nonEmergencyOnly: false },
    ]);
    // Without --calls, nothing new.
    const without = await importInto(mappingCopy('roles-map-2.csv'), sheet);
    expect(without).toContain('4 changed and 0 new types saved');
    expect(without).not.toContain('no call');
  });

  it('says nothing of a confidence the export wrote on a row marked reviewed, imported again', async () => {
    // "confidence 0.955 (kept: 1)": the classifier's figure, which no one had typed.
    const sheet = edit('marked.csv', { [PARKING]: { provenance: 'reviewed' } });
    const mapping = mappingCopy('marked-map.csv');
    expect(await importInto(mapping, sheet, '--calls', CALLS, ...cols)).toContain('1 changed');
    const marked = readMapping(mapping, tax).entries.find((e) => e.rawType === PARKING)!;
    expect(marked).toMatchObject({ provenance: 'reviewed', reviewer: 't', confidence: 1 });
    const again = await importInto(mapping, sheet, '--calls', CALLS, ...cols);
    expect(again).toContain('0 changed and 0 new types saved');
    expect(again).not.toContain('not taken');
    // A figure typed on the row when marking is the reviewer's, and kept.
    const unsure = edit('unsure.csv', { [PARKING]: { provenance: 'reviewed', confidence: '0.6' } });
    const unsureMap = mappingCopy('unsure-map.csv');
    await importInto(unsureMap, unsure);
    expect(await importInto(unsureMap, unsure)).not.toContain('not taken');
    expect(readMapping(unsureMap, tax).entries.find((e) => e.rawType === PARKING)!.confidence).toBe(0.6);
    // A row exported reviewed (its date) with another figure is still said not taken.
    const reviewedExport = join(dir, 'reviewed-export.csv');
    await run(['export', '--city', 'seattle', '--mapping', mapping, '-o', reviewedExport]);
    const text = readFileSync(reviewedExport, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith(`${PARKING},`))!;
    const typed = join(dir, 'typed.csv');
    writeFileSync(typed, text.replace(line, line.replace(',1,reviewed,t,', ',0.6,reviewed,t,')));
    expect(await importInto(mapping, typed)).toContain(`\`${PARKING}\`: confidence 0.6 (kept: 1)`);
  });

  it('names the types a sheet has no row of, up to five', async () => {
    const mapping = mappingCopy('left-map.csv');
    const one = edit('one-left.csv', {}, [PARKING]);
    expect(await importInto(mapping, one)).toContain(
      `Note: 1 type of the mapping has no row in ${one}, and stays as it is: an import changes and adds types, and removes none (a type of the calls that the mapping lacks is classified automatically). It is \`${PARKING}\`.`,
    );
    const seven = readMapping(mapping, tax)
      .entries.map((e) => e.rawType)
      .slice(0, 7);
    const some = edit('seven-left.csv', {}, seven);
    expect(await importInto(mapping, some)).toContain(
      `and stay as they are: an import changes and adds types, and removes none (a type of the calls that the mapping lacks is classified automatically). They are ${seven
        .slice(0, 5)
        .map((t) => `\`${t}\``)
        .join(', ')} and 2 more.`,
    );
  });

  it.each([
    [
      '`-` beside a responder',
      { eligible_current: '-|community' },
      /field `eligible_current`: `-` \(no responder eligible\) must stand alone in its cell, and `-\|community` lists responders beside it/,
    ],
    [
      'a misspelt flag',
      { flags: 'noinjury' },
      /field `flags`: unknown flag `noinjury` \(did you mean `no_injury`\?\)/,
    ],
    // Commas for | (tester 307): one unknown name, with no word of the separator.
    [
      'flags written with a comma',
      { flags: 'weapon, violence' },
      /field `flags`: unknown flag `weapon, violence` \(flags are separated by \|, not by commas\)/,
    ],
    [
      'responders written with a comma',
      { eligible_current: 'behavioural_crisis, community*' },
      /field `eligible_current`: unknown responder `behavioural_crisis, community\*` \(responders are separated by \|, not by commas\)/,
    ],
    [
      'a responder with two stars',
      { eligible_near_term: 'community**' },
      /field `eligible_near_term`: unknown responder `community\*\*` \(did you mean `community\*`\?\)/,
    ],
    [
      'a misspelt responder with a star',
      { eligible_potential: 'comunity*' },
      /field `eligible_potential`: unknown responder `comunity\*` \(did you mean `community\*`\?\)/,
    ],
  ])('says %s as written, with what was meant', async (_what, edits, message) => {
    const sheet = edit(`cell-${_what.replace(/\W+/g, '-')}.csv`, { [PARKING]: edits });
    await expect(importInto(mappingCopy('cells-map.csv'), sheet)).rejects.toThrow(message);
  });
});
