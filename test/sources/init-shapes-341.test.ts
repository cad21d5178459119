import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftProfile } from '../../src/sources/init-profile.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import type { Profile } from '../../src/sources/profile-schema.js';
import { ingest } from '../../src/ingest/ingest.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

// Tester 341's files, made from the real Minneapolis export as theirs were (/tmp/t341/mk.py): the same rows
// separated by `;` with every value quoted in `'`, separated by tabs, and written in Latin-1 with accented
// street names.

const MINNEAPOLIS = sharedFile('minneapolis/calls_2022_d.csv');
const [header, ...all] = parseCsv(readFileSync(MINNEAPOLIS, 'utf8').replace(/^\uFEFF/, ''));
const rows = all.slice(0, 300);
const street = header!.indexOf('Street Display');

const quotedSemi = (cells: string[]) => cells.map((c) => `'${c.replaceAll("'", "''")}'`).join(';');

/** Each shape's file and what `profile init` is given for it. */
function shapes(dir: string) {
  const semi = join(dir, 'mpls_semi.csv');
  writeFileSync(semi, [header!, ...rows].map(quotedSemi).join('\n') + '\n');
  const tsv = join(dir, 'mpls.tsv');
  writeFileSync(tsv, [header!, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
  const latin1 = join(dir, 'mpls_acc_latin1.csv');
  const accented = rows.map((r) => r.map((c, i) => (i === street ? c.replace('LAKE ST', 'LAKÉ ST') : c)));
  expect(accented.filter((r) => r[street]!.includes('É')).length).toBeGreaterThan(0);
  // No value of these rows holds a comma or a quote: joined as they are, each is its own field.
  expect([header!, ...accented].every((r) => r.every((c) => !/[",\n]/.test(c)))).toBe(true);
  writeFileSync(
    latin1,
    Buffer.from([header!, ...accented].map((r) => r.join(',')).join('\n') + '\n', 'latin1'),
  );
  return { semi, tsv, latin1 };
}

/** A store's load of `file` with `profile`: how many rows it read and loaded, or the refusal. */
async function load(file: string, profile: Profile, store: string) {
  try {
    const { totals } = await ingest({ files: [file], profile, store });
    return { read: totals.rows_read, kept: totals.loaded + totals.duplicates };
  } catch (e) {
    return { refused: (e as Error).message };
  }
}

describe('profile init on Minneapolis files of other shapes (tester 341)', () => {
  const dir = tempDir();
  const files = shapes(dir);

  it('drafts `quote: "\'"` for a file whose every value is quoted in `\'`, and reads its times without the quotes', async () => {
    const draft = await draftProfile(files.semi, { outDir: dir });
    // It drafted `delimiter: ";"` alone: every time `'10/1/2022 0:04'` fit no format, received a TODO.
    expect(draft.yaml).toContain('\nformat:\n  delimiter: ";"\n  quote: "\'"\ntimestamps:\n');
    expect(draft.yaml).toContain('\n  format: "%m/%d/%Y %H:%M"');
    expect(draft.yaml).toContain('\n  received: "Time_PhonePickUp"  # GUESS\n');
    expect(draft.yaml).not.toContain('fit no format');
    const profile = parseProfile(draft.yaml, 'mpls_semi.yaml');
    expect(profile.format.quote).toBe("'");
    // Ingest took the tool's own draft: every row read, none quarantined.
    expect(await load(files.semi, profile, join(dir, 'st_semi'))).toEqual({ read: 300, kept: 300 });
  });

  it.each([
    [
      'semi',
      'mpls_semi.csv',
      'delimiter `,` and quote `"`, where mpls_semi.csv has `;` and `\'`: it must have `delimiter: ";"` and `quote: "\'"` under format',
      'those changes',
    ],
    [
      'tsv',
      'mpls.tsv',
      'delimiter `,`, where mpls.tsv has a tab: it must have `delimiter: "\\t"` under format',
      'that change',
    ],
    [
      'latin1',
      'mpls_acc_latin1.csv',
      'encoding utf-8, where mpls_acc_latin1.csv has latin-1: it must have `encoding: latin-1` under format',
      'that change',
    ],
  ] as const)(
    'names the format keys minneapolis-cad must be given for %s, which as it stands refuses the file',
    async (shape, name, keys, change) => {
      const file = files[shape];
      const draft = await draftProfile(file, {
        encoding: shape === 'latin1' ? 'latin-1' : 'utf-8',
        outDir: dir,
      });
      const note = draft.notes.find((n) => n.includes('minneapolis-cad'));
      // It said to ingest with `--profile minneapolis-cad` instead of a draft.
      expect(note).toBe(
        `every column the built-in profile minneapolis-cad reads is in ${name}, but its format reads ${keys}. If it is that export, copy minneapolis-cad's profile (\`safegap profile list\` says where), make ${change} there and ingest it with the copy instead of a draft, which has none of its rules for origins, responders and missing values; \`--profile minneapolis-cad\` as it stands would refuse the file.`,
      );
      const builtin = loadProfile('minneapolis-cad');
      expect(await load(file, builtin, join(dir, `st_${shape}_builtin`))).toHaveProperty('refused');
      // The copy with the keys the note names reads every row.
      const named = [...note!.matchAll(/`((?:delimiter|quote|encoding): [^`]+)`/g)].map(
        (m) => parse(m[1]!) as Record<string, string>,
      );
      const copy = {
        ...builtin,
        format: Object.assign({ ...builtin.format }, ...named) as Profile['format'],
      };
      expect(await load(file, copy, join(dir, `st_${shape}_copy`))).toEqual({ read: 300, kept: 300 });
    },
  );

  it('still points a file as the built-in reads it at --profile', async () => {
    const plain = join(dir, 'mpls.csv');
    writeFileSync(plain, [header!, ...rows].map((r) => r.join(',')).join('\n') + '\n');
    const draft = await draftProfile(plain, { outDir: dir });
    expect(draft.notes.find((n) => n.includes('minneapolis-cad'))).toBe(
      'every column the built-in profile minneapolis-cad reads is in mpls.csv: if it is that export, ingest it with `--profile minneapolis-cad` instead of a draft, which has none of its rules for origins, responders and missing values (`safegap profile list` names the built-in profiles).',
    );
    expect(draft.yaml).not.toContain('\n  quote:');
  });
});

describe("profile init takes no stray apostrophes for a quote, and names one field's format (tester 345)", () => {
  const dir = tempDir();
  const received = header!.indexOf('Time_PhonePickUp');
  const arrived = header!.indexOf('Time_First_Unit_Arrived');

  it('keeps `"` where a few addresses are written in apostrophes, and points at the built-in as it stands', async () => {
    // Three of 300 addresses `'...'`: the draft's quote was `'`, and following it quarantined rows the
    // built-in loads.
    const file = join(dir, 'mpls_apos_few.csv');
    const few = rows.map((r, i) => r.map((c, j) => (j === street && i % 100 === 5 ? `'${c}'` : c)));
    expect(few.filter((r) => r[street]!.startsWith("'")).length).toBe(3);
    writeFileSync(file, [header!, ...few].map((r) => r.join(',')).join('\n') + '\n');
    const draft = await draftProfile(file, { outDir: dir });
    expect(draft.yaml).not.toContain('quote:');
    expect(draft.notes).toContainEqual(
      expect.stringMatching(/ingest it with `--profile minneapolis-cad` instead of a draft/),
    );
    expect(await load(file, loadProfile('minneapolis-cad'), join(dir, 'few'))).toEqual({
      read: 300,
      kept: 300,
    });
  });

  it("names the one time field the built-in's format does not read, not a new timestamps.format", async () => {
    // Arrivals alone rewritten as ISO times: the note said to change timestamps.format, which then refused
    // every row's received time.
    const file = join(dir, 'mpls_arr_iso.csv');
    const iso = (v: string) => {
      const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d)$/.exec(v);
      return m
        ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')} ${m[4]!.padStart(2, '0')}:${m[5]}:00`
        : v;
    };
    const rewritten = rows.map((r) => r.map((c, j) => (j === arrived ? iso(c) : c)));
    expect(rewritten.filter((r) => /^\d{4}-/.test(r[arrived]!)).length).toBeGreaterThan(100);
    expect(rewritten.every((r) => !/^\d{4}-/.test(r[received]!))).toBe(true);
    writeFileSync(file, [header!, ...rewritten].map((r) => r.join(',')).join('\n') + '\n');
    const draft = await draftProfile(file, { outDir: dir });
    const note = draft.notes.find((n) => n.includes('built-in profile minneapolis-cad'))!;
    expect(note).toContain(
      '`arrived` must have its own format under times, `arrived: { column: "Time_First_Unit_Arrived", format: "%Y-%m-%d %H:%M:%S" }`',
    );
    expect(note).not.toContain('it must be changed to');
    // Followed, it loads every row.
    const builtin = loadProfile('minneapolis-cad');
    const copy = {
      ...builtin,
      times: {
        ...builtin.times,
        arrived: { column: 'Time_First_Unit_Arrived', format: '%Y-%m-%d %H:%M:%S' },
      },
    } as Profile;
    expect(await load(file, copy, join(dir, 'arr'))).toEqual({ read: 300, kept: 300 });
  });
});
