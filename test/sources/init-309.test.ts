import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Testers 309 and 311's files, made from the real ones as theirs were (/tmp/t309/gen.py): Minneapolis'
// calls with a call type and a final type, or times of digits alone; Seattle's with the queue's date and
// time apart and arrivals day first; Burlington's with a date of digits and a time as a number.

const minneapolis = csvObjects(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).slice(
  0,
  300,
);
const SEATTLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const seattle = csvObjects(readFileSync(SEATTLE, 'utf8'));
const burlington = csvObjects(readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8'))
  .filter((r) => r.call_origin !== 'call_origin')
  .slice(0, 300);

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');
/** Minneapolis' `10/1/2022 0:06` as its parts. */
const mplsParts = (v: string) => {
  const [m, d, y, h, min] = v.split(/[/ :]/).map(Number);
  return { y: y!, m: m!, d: d!, h: h!, min: min! };
};
/** Seattle's `11/04/2023 6:08:26 PM` as its parts, the hour of 24. */
const seaParts = (v: string) => {
  const [m, d, y, h, min, s, half] = v.split(/[/ :]/);
  return { y: y!, m: m!, d: d!, h: (Number(h) % 12) + (half === 'PM' ? 12 : 0), min: min!, s: s! };
};

/** The line of a draft that begins with `start`. */
const lineOf = (yaml: string, start: string) => yaml.split('\n').find((l) => l.startsWith(start));

describe('profile init: a call type beside a final type (tester 309)', () => {
  for (const [type, final] of [
    ['Type', 'Final Type'],
    ['Call Type', 'Final Call Type'],
  ] as const)
    it(`drafts ${type} as the initial type and ${final} as the final`, async () => {
      const dir = tempDir();
      const f = writeRows(
        join(dir, 'types.csv'),
        ['CallNo', type, final, 'Received'],
        {},
        minneapolis.map((r) => ({
          CallNo: r.Master_Incident_Number!,
          [type]: r.initialProblem!,
          [final]: r.Problem!,
          Received: r.Time_PhonePickUp!,
        })),
      );
      const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
      // Both were drafted from the final type's column, and the call type listed as not mapped.
      expect(guesses['fields.call_type_final']).toBe(final);
      expect(guesses['fields.call_type_initial']).toBe(type);
      expect(yaml).not.toContain(`#   "${type}"`);
      const store = join(dir, 'store');
      await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
      const stored = await storeRows<{ id: string; initial: string; final: string }>(
        store,
        'SELECT source_call_id AS id, call_type_initial_raw AS initial, call_type_final_raw AS final FROM calls',
      );
      expect(stored.length).toBe(minneapolis.length);
      const byId = new Map(minneapolis.map((r) => [r.Master_Incident_Number!, r]));
      for (const s of stored)
        expect([s.initial, s.final]).toEqual([byId.get(s.id)!.initialProblem, byId.get(s.id)!.Problem]);
    });

  it("leaves Seattle's Call Type, which says how a call came in, to the origin rules", async () => {
    const dir = tempDir();
    const header = Object.keys(seattle[0]!).filter((h) => h !== 'Initial Call Type');
    const f = writeRows(join(dir, 'sea.csv'), header, {}, seattle);
    const { guesses } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(guesses['fields.call_type_final']).toBe('Final Call Type');
    expect(guesses['fields.call_type_initial']).toBe('Final Call Type');
  });
});

describe("profile init: a stage's format where the format is another stage's (tester 309)", () => {
  it("gives Arrived, day first on a 24-hour clock, a format of its own beside the queue's 12-hour times", async () => {
    const dir = tempDir();
    const f = join(dir, 'sea.tsv.gz');
    const lines = seattle.map((r) => {
      const q = seaParts(r['Original Time Queued']!);
      const a = r['Arrived Time'] ? seaParts(r['Arrived Time']) : undefined;
      const [hq, half] = [((q.h + 11) % 12) + 1, q.h >= 12 ? 'PM' : 'AM'];
      return [
        r['CAD Event Number'],
        r['Initial Call Type'],
        r['Final Call Type'],
        `${q.d}/${q.m}/${q.y}`,
        `${hq}:${q.min}:${q.s} ${half}`,
        a ? `${a.d}/${a.m}/${a.y} ${pad(a.h)}:${a.min}:${a.s}` : '',
      ].join('\t');
    });
    const header = 'Event #\tInitial Call Type\tFinal Call Type\tDate Queued\tTime Queued\tArrived';
    writeFileSync(f, gzipSync(`${header}\n${lines.join('\n')}\n`));
    const { yaml } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(lineOf(yaml, '  format: ')).toMatch(/^ {2}format: "%d\/%m\/%Y %I:%M:%S %p"/);
    // `arrived: "Arrived"` under the queue's format: ingest refused 186 of 222 rows.
    expect(lineOf(yaml, '  arrived: ')).toMatch(
      /^ {2}arrived: \{ column: "Arrived", format: "%d\/%m\/%Y %H:%M:%S" \} {2}# GUESS: a format of its own \(186 of 186 sampled values parse\)/,
    );
    // The queue mapped as received, as the draft's TODO says: every arrival is read.
    const profile = yaml
      .replace(/^ {2}received: .*$/m, '  received: { column: "Date Queued", time_column: "Time Queued" }')
      .replace(/^ {2}queued: .*\n/m, '')
      .replace(/^timestamps:\n/m, 'timestamps:\n  received_is: queue\n');
    const store = join(dir, 'store');
    const summary = await ingest({ files: [f], profile: parseProfile(profile, 'draft.yaml'), store });
    expect(summary.totals.quarantined).toBe(0);
    const [n] = await storeRows<{ n: number }>(store, 'SELECT count(arrived_at)::INTEGER AS n FROM calls');
    expect(n!.n).toBe(seattle.filter((r) => r['Arrived Time']).length);
  });
});

describe('profile init: dates of digits alone, and `Incident` as the id (tester 309)', () => {
  it('reads `20220101 013005` as %Y%m%d %H%M%S', async () => {
    const dir = tempDir();
    const f = join(dir, 'mpls_b8.tsv.gz');
    const lines = minneapolis.map((r) => {
      const t = mplsParts(r.Time_PhonePickUp!);
      return [
        r.Master_Incident_Number,
        r.initialProblem,
        `${t.y}${pad(t.m)}${pad(t.d)} ${pad(t.h)}${pad(t.min)}00`,
      ].join('\t');
    });
    writeFileSync(f, gzipSync(`CallNo\tType\tReceived\n${lines.join('\n')}\n`));
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
    // "fit no format safegap knows".
    expect(guesses['times.received']).toBe('Received');
    expect(lineOf(yaml, '  format: ')).toBe(
      `  format: "%Y%m%d %H%M%S"  # GUESS: ${minneapolis.length} of ${minneapolis.length} sampled values parse`,
    );
    // Without a colon, the values were taken for dates alone.
    expect(yaml).not.toContain('at midnight or has no time of day');
    const store = join(dir, 'store');
    await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
    const stored = await storeRows<{ id: string; t: string }>(
      store,
      "SELECT source_call_id AS id, strftime(received_local, '%-m/%-d/%Y %-H:%M') AS t FROM calls",
    );
    expect(stored.length).toBe(minneapolis.length);
    const byId = new Map(minneapolis.map((r) => [r.Master_Incident_Number!, r]));
    for (const s of stored) expect(s.t).toBe(byId.get(s.id)!.Time_PhonePickUp);
  });

  it('pairs a date of digits alone with a time written as a number, and takes `Incident` of ids as the id', async () => {
    const dir = tempDir();
    // Burlington's clock as written (`2021-12-31T20:08:55-05:00` is 20220101 and 10855 in tester 309's file,
    // its local hour; here the digits as written, which is all the pairing needs).
    const when = (r: Record<string, string>) =>
      /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(r.call_time!)!;
    const f = writeRows(
      join(dir, 'btv_local.csv'),
      ['Incident', 'Call Type', 'Call Date', 'Call Time'],
      {},
      burlington.map((r) => {
        const [, y, m, d, h, min, s] = when(r);
        return {
          Incident: r.incident_number!,
          'Call Type': r.call_type!,
          'Call Date': `${y}${m}${d}`,
          'Call Time': String(Number(`${h}${min}${s}`)),
        };
      }),
    );
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/New_York' });
    // The id was a TODO, and both columns "fit no format safegap knows".
    expect(guesses.id).toBe('Incident');
    expect(lineOf(yaml, '  received: ')).toMatch(
      /^ {2}received: \{ column: "Call Date", time_column: "Call Time" \}/,
    );
    expect(lineOf(yaml, '  format: ')).toMatch(/^ {2}format: "%Y%m%d %H%M%S"/);
    const store = join(dir, 'store');
    await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
    const stored = await storeRows<{ id: string; t: string }>(
      store,
      "SELECT source_call_id AS id, strftime(received_local, '%Y-%m-%dT%H:%M:%S') AS t FROM calls",
    );
    expect(stored.length).toBe(burlington.length);
    const byId = new Map(burlington.map((r) => [r.incident_number!, r]));
    for (const s of stored) expect(s.t).toBe(byId.get(s.id)!.call_time!.slice(0, 19));
  });

  it('does not take `Incident` of call types for the id', async () => {
    const dir = tempDir();
    const f = writeRows(
      join(dir, 'btv.csv'),
      ['Incident', 'call_time'],
      {},
      burlington.map((r) => ({ Incident: r.call_type!, call_time: r.call_time! })),
    );
    const { guesses } = await draftProfile(f, { timeZone: 'America/New_York' });
    expect(guesses.id).toBeUndefined();
  });
});

describe('profile init: every cell an Excel text formula (tester 309)', () => {
  // The header's cells too (tester 326: `="Received"` was drafted as the column's name, with the `Hour`
  // column beside it unread, and ingest read the names as written).
  for (const headerAs of ['plain', 'formulas', 'formulas quoted'] as const)
    it(`drafts from the text inside, as ingest reads it, the header ${headerAs}`, async () => {
      const dir = tempDir();
      const header = ['CallNo', 'Type', 'Received', '911 Call'];
      const wrap = (v: string) => (v ? `="${v}"` : v);
      const named = (h: string) => (headerAs === 'plain' ? h : wrap(h));
      const f = writeRows(
        join(dir, 'mpls_formulas.csv'),
        header.map(named),
        {},
        minneapolis.map((r) => ({
          [named('CallNo')]: wrap(r.Master_Incident_Number!),
          [named('Type')]: wrap(r.initialProblem!),
          [named('Received')]: wrap(r.Time_PhonePickUp!),
          [named('911 Call')]: wrap(r['911 Call']!),
        })),
      );
      // As a spreadsheet or Python's csv writes them, each cell quoted.
      if (headerAs === 'formulas quoted') {
        const [first, ...rest] = readFileSync(f, 'utf8').split('\n');
        const quoted = first!.split(',').map((h) => `"${h.replaceAll('"', '""')}"`);
        writeFileSync(f, [quoted.join(','), ...rest].join('\n'));
      }
      const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Chicago' });
      expect(guesses.id).toBe('CallNo');
      // Read wrapped, the times fit no format (a TODO) and the origin rules named `="Yes"`.
      expect(guesses['times.received']).toBe('Received');
      expect(lineOf(yaml, '  format: ')).toBe(
        `  format: "%m/%d/%Y %H:%M"  # GUESS: ${minneapolis.length} of ${minneapolis.length} sampled values parse`,
      );
      expect(yaml).toContain(`- if: { column: '911 Call', equals: 'Yes' }`);
      expect(yaml).not.toContain('="');
      const store = join(dir, 'store');
      await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
      const stored = await storeRows<{ id: string; t: string; origin: string }>(
        store,
        "SELECT source_call_id AS id, strftime(received_local, '%-m/%-d/%Y %-H:%M') AS t, origin FROM calls",
      );
      expect(stored.length).toBe(minneapolis.length);
      const byId = new Map(minneapolis.map((r) => [r.Master_Incident_Number!, r]));
      for (const s of stored) expect(s.t).toBe(byId.get(s.id)!.Time_PhonePickUp);
      const yes = minneapolis.filter((r) => r['911 Call'] === 'Yes').length;
      expect(yes).toBeGreaterThan(0);
      expect(stored.filter((s) => s.origin === '911').length).toBe(yes);
    });
});

describe('profile init: a gzip file cut short (tester 325)', () => {
  it('says so without a word of a store, which profile init has none of', async () => {
    const dir = tempDir();
    const f = join(dir, 'cut.csv.gz');
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').slice(0, 200_000);
    const whole = gzipSync(text);
    writeFileSync(f, whole.subarray(0, whole.length - 1000));
    const err = await draftProfile(f, { timeZone: 'America/Chicago' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(/^cut\.csv\.gz is gzip-compressed but cannot be decompressed to its end/);
    expect(String(err)).not.toMatch(/store/);
  });
});

describe('profile init: a Windows-1252 file inside gzip (tester 309)', () => {
  it('says to unpack it on the way to iconv', async () => {
    const dir = tempDir();
    const text = `CallNo\tType\tNotes\n${minneapolis
      .map((r, i) => `${r.Master_Incident_Number}\t${r.initialProblem}\t${i === 3 ? 'see café' : ''}`)
      .join('\n')}\n`;
    const f = join(dir, 'mpls_b.tsv.gz');
    writeFileSync(f, gzipSync(Buffer.from(text, 'latin1')));
    const err = (await draftProfile(f).catch((e: unknown) => e)) as UserError;
    expect(err).toBeInstanceOf(UserError);
    // Row 4 on line 5: no value runs over lines (tester 382: the line is said too).
    expect(err.message).toBe(
      'mpls_b.tsv.gz is not UTF-8 text: row 4, line 5 of the file, holds bytes that are not valid UTF-8.',
    );
    // `iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv` converted the compressed bytes.
    expect(err.hint).toContain(
      `\`gunzip -c ${f} | iconv -f WINDOWS-1252 -t UTF-8 > out.csv\` and draft from out.csv`,
    );
    expect(err.hint).not.toContain('in.csv');
    // The same file unpacked is told its own path too (tester 382: `in.csv` was left to be replaced).
    const plain = join(dir, 'mpls_b.tsv');
    writeFileSync(plain, Buffer.from(text, 'latin1'));
    const err2 = (await draftProfile(plain).catch((e: unknown) => e)) as UserError;
    expect(err2.hint).toContain(
      `\`iconv -f WINDOWS-1252 -t UTF-8 ${plain} > out.csv\` and draft from out.csv`,
    );
  });
});

describe('profile init: a header name with a character of no show (tester 311)', () => {
  it('writes a right-to-left override escaped, naming the column exactly', async () => {
    const dir = tempDir();
    const header = Object.keys(seattle[0]!);
    const priority = 'Priority\u202E';
    const f = writeRows(
      join(dir, 'seattle_hdr_other.csv'),
      header.map((h) => (h === 'Priority' ? priority : h)),
      {},
      seattle.map((r) => ({ ...r, [priority]: r.Priority! })),
    );
    const { yaml, guesses } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(guesses['fields.priority']).toBe(priority);
    // Written raw, it turned the line around in an editor.
    expect(yaml).not.toContain('\u202E');
    expect(yaml).toContain('  priority: "Priority\\u202E"  # GUESS\n');
    expect(parseProfile(yaml, 'draft.yaml').fields.priority).toBe(priority);
  });
});

describe('profile init: a header name with white space around it (tester 312)', () => {
  it('drafts it as ingest reads it, trimmed, so that the draft loads its own file', async () => {
    // `precinct: "Precinct\t"` was drafted, and ingest, which reads the header trimmed, refused the draft.
    const dir = tempDir();
    const f = join(dir, 'tab.csv');
    const [header, ...rows] = readFileSync(SEATTLE, 'utf8').split('\n');
    writeFileSync(f, [header!.replace('Precinct', 'Precinct\t'), ...rows].join('\n'));
    const { yaml } = await draftProfile(f, { timeZone: 'America/Los_Angeles' });
    expect(lineOf(yaml, '  precinct: ')).toMatch(/^ {2}precinct: "Precinct" /);
    const summary = await ingest({
      files: [f],
      profile: parseProfile(yaml, 'draft.yaml'),
      store: join(dir, 's'),
    });
    expect(summary.totals.loaded).toBe(seattle.length);
  });
});
