/**
 * Tester 336: the ranked call types go in good part to responders no source records handling calls, and
 * the page should say so beside the list, naming those responders (docs/report.md, `pathways_call_types`),
 * not only in the notes at the end; the public edition, which drops analyze's note since it can name small
 * counts, says it without counts. Named beside the list are the responders of the types it lists: one of
 * no listed type read as one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

/** Burlington's export records only the 311 / online / telephone report responder (its profile). */
const UNRECORDED = [
  'Behavioural crisis team',
  'Traffic control',
  'Animal care and control',
  'Fire / EMS',
  'Mediation or community responders',
];

describe("the pathways' caveat on responders no source records (tester 336)", () => {
  const dir = tempDir('safegap-336-');
  const store = join(dir, 'store');
  const half = { store, target: 0.15, from: '2022-01-01', to: '2022-06-30' };
  const page: Record<string, string> = {};
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
      profile: 'burlington-vt',
      store,
    });
    for (const edition of ['internal', 'public'] as const) {
      const built = await buildReport({ ...half, out: join(dir, edition), public: edition === 'public' });
      const text = readFileSync(built.html, 'utf8')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .replaceAll('&#39;', "'");
      // The paragraph between the list's heading and the table itself.
      const from = text.search(/Which calls (would close the gap|could take the share further|could add)/);
      page[edition] = text.slice(from, text.indexOf('Call types that could close the gap, in order', from));
    }
  }, 600_000);

  const named = (paragraph: string) => {
    const m = /Some of these calls are eligible for ([^.]*?), which no source records handling calls/.exec(
      paragraph,
    );
    return m ? m[1]! : null;
  };

  it('names beside the list exactly the unrecorded responders of the types it lists', () => {
    for (const edition of ['internal', 'public']) {
      const listed = new Set(reportCsv(join(dir, edition), 'pathways_call_types').map((r) => r.responder!));
      const theirs = UNRECORDED.filter((r) => listed.has(r));
      // The premise: some listed types are for unrecorded responders.
      expect(theirs.length, edition).toBeGreaterThan(0);
      const names = named(page[edition]!);
      expect(names, edition).not.toBeNull();
      for (const r of UNRECORDED)
        expect(names!.toLowerCase().includes(r.toLowerCase()), `${edition}: ${r}`).toBe(theirs.includes(r));
    }
    // The case is the tester's: the internal list (the types the goal needs) leaves out responders that
    // other types of the pathways are for, and they were named beside it.
    const internal = new Set(
      reportCsv(join(dir, 'internal'), 'pathways_call_types').map((r) => r.responder!),
    );
    expect(UNRECORDED.some((r) => !internal.has(r))).toBe(true);
  });

  it('says it in the public edition without counts', () => {
    const caveat = /Some of these calls are eligible for [^]*?than this says\./.exec(page.public!)?.[0];
    expect(caveat).toBeDefined();
    expect(caveat).toContain('some may be theirs already');
    expect(caveat).not.toMatch(/\d/);
  });
});
