/**
 * Data and method: where the numbers come from (store version, sources, classification), what was left
 * out and why, and the definitions a reader needs to check a figure.
 */
import { count, percent } from '../format.js';
import { html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { metaLine, renderTable } from '../tables.js';
import { receivedWords } from '../../time/intervals.js';
import { isSmall } from '../suppress.js';
import { sharedCount } from '../shared-counts.js';
import type { IngestedSource, ReportData } from '../data.js';
import { noteText } from '../../analyse/period-check.js';

/**
 * Why the public edition withholds the store's row accounting, or null: rows read = loaded + duplicates +
 * quarantined, and loaded = records + replaced, so one of them from 1 to 10, hidden alone, was the others'
 * difference (3 rows replaced: 63,309 loaded less 63,306 calls in the store). Then every count of the
 * accounting is withheld, not only the small one.
 */
export function rowAccountingWithheld(ctx: SectionContext): string | null {
  if (!ctx.isPublic) return null;
  const q = ctx.data.storeQuality;
  // The accounting gives the store's calls (loaded less replaced less linked): withheld with them.
  if (storeCallsWithheld(ctx))
    return "they would give the store's calls, and with them its calls outside the report period, from 1 to 10";
  // Records of a call in several sources count once among the store's calls: loaded less replaced less
  // the calls in the store is the records linked across sources, a count of its own.
  const linked = q.loaded - q.replaced - ctx.data.analysisQuality.calls_in_store;
  return [q.quarantined, q.duplicates, q.replaced, linked, ctx.data.analysisQuality.linked_duplicates].some(
    isSmall,
  )
    ? 'one of them is from 1 to 10, and the others would give it away'
    : null;
}

/**
 * Whether the public edition withholds the store's calls: those of the store outside the report period,
 * from 1 to 10, were its calls less the period's (tester 136: 63,306 less 63,304, the 2 calls of 30
 * September, in an edition from 1 October as the period note advises).
 */
function storeCallsWithheld(ctx: SectionContext): boolean {
  const a = ctx.data.analysisQuality;
  return ctx.isPublic && isSmall(a.calls_in_store - a.calls_in_period);
}

type Reading = IngestedSource['files'][number];

/** A source's readings grouped by file, in the order first read: the same file is the same bytes. */
function readingsByFile(readings: Reading[]): Reading[][] {
  const byFile = new Map<string, Reading[]>();
  for (const f of readings) {
    // A manifest's file without its SHA-256 is told by its name.
    const key = f.sha256 || `name:${f.name}`;
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  return [...byFile.values()];
}

/**
 * The files each source's ingest runs read, with their rows, and the profile used: the sources' records
 * alone did not tell a reader that the report covered a 50,000-row cut of an export (tester 292). Files are
 * named without their folder in both editions, which can name the analyst (tester 283). The public edition
 * gives a file's rows only where they are the data-quality table's rows read and loaded (a store of one
 * file): otherwise they are no table's, nothing suppresses them, and a file of a few rows, or of days
 * outside the period, is a small count, as a source's records are. The public edition names no file, but
 * says how many: a file is named as whoever saved it chose, and `caller_zorba_quixote_802-555-0142.csv`
 * published a caller's name and number (tester 359); no rule can tell a name in it.
 */
function ingestedList(ctx: SectionContext, accountingWithheld: string | null) {
  const d = ctx.data;
  if (!d.ingested.length) return '';
  const q = d.storeQuality;
  const files = d.ingested.flatMap((s) => s.files);
  const rowsPublic =
    !accountingWithheld &&
    files.length === 1 &&
    files[0]!.rowsRead === q.rows_read &&
    files[0]!.loaded === q.loaded;
  const showRows = !ctx.isPublic || rowsPublic;
  const rows = (f: Reading) => `${count(f.rowsRead)} rows read, ${count(f.loaded)} loaded`;
  // A file read again (--again, or loaded again after a later run overwrote it) is one file, not two of
  // the same name: "m12b.csv (2,635 rows read, 2,635 loaded), m12b.csv (2,635 rows read, 2,635 loaded)",
  // and "8 files" where 7 were read (tester 378). Each reading keeps its rows, so they add up to the
  // store's rows read and loaded.
  const file = ([first, ...again]: Reading[]) => {
    const later = again.map(
      (f, i) =>
        `${i ? 'in' : 'read again in'} run ${f.run}${f.name === first!.name ? '' : ` as ${f.name}`}: ${rows(f)}`,
    );
    return `${first!.name} (${[rows(first!), ...later].join('; ')})`;
  };
  const filesOf = (s: IngestedSource) => {
    if (!s.files.length) return 'files none recorded';
    const distinct = readingsByFile(s.files);
    const word = distinct.length === 1 ? 'file' : 'files';
    if (!ctx.isPublic) return `${word} ${distinct.map(file).join(', ')}`;
    const readAgain = distinct.filter((x) => x.length > 1).length;
    const again = readAgain
      ? `, ${distinct.length === 1 ? '' : `${count(readAgain)} of them `}read again (${count(s.files.length)} readings in all)`
      : '';
    return `${count(distinct.length)} ${word}${again}${showRows ? ` (${rows(s.files[0]!)})` : ''}`;
  };
  const unnamed = ctx.isPublic
    ? "; the public edition names no file: a file's name is as whoever saved it chose, and can name a person"
    : '';
  return html`<p>
      Files ingested into the store, by source, and the profile that read them (a file's rows are the whole
      file's, every period${unnamed}):
    </p>
    <ul class="ingested">
      ${d.ingested.map(
        (s) =>
          html`<li>
            ${s.source}: ${s.profiles.length === 1 ? 'profile' : 'profiles'} ${s.profiles.join(', ')};
            ${filesOf(s)}.
          </li>`,
      )}
    </ul>
    ${
      showRows
        ? ''
        : html`<p>
            The public edition gives no file's rows: they are no table's, and a file of a few rows would
            publish a small count. The internal edition has them.
          </p>`
    }`;
}

/**
 * A note of the public edition as its page prints it, without the advice to the analyst who built it: the
 * period's notes told readers, who run no command, "Consider --from 2022-10-01. Publish that edition
 * instead of this one", how to undo the edition's suppression (tester 384). What the figures suffer stays;
 * `report` prints the advice to the analyst in full (src/cli/report.ts). The period's notes by their
 * finding, kept apart from their advice (period-check.ts), not by their wording.
 */
export function readerNote(note: string): string {
  return (
    note
      // The overlapping shifts of a schedule (capacity.ts), which the page calls the plan's schedule.
      .replace(/^The --schedule's shifts/, "The schedule's shifts")
      .replace(/ If one shift was meant to begin as another ends, correct its hours\./, '')
  );
}

/**
 * The public edition's notes as its page prints them: the period's by their findings alone, the others
 * through readerNote. The notes themselves (publicWarnings) keep the advice, which `report` prints.
 */
export function readerNotes(d: Pick<ReportData, 'publicWarnings' | 'periodNotes'>): string[] {
  const findings = new Map(d.periodNotes.public.map((n) => [noteText(n), noteText(n, false)]));
  return d.publicWarnings.map((w) => findings.get(w) ?? readerNote(w));
}

export function methodSection(ctx: SectionContext): Section {
  const d = ctx.data;
  const q = d.storeQuality;
  const withheld = rowAccountingWithheld(ctx);
  const storeWithheld = storeCallsWithheld(ctx);
  // A table prints a text cell of more than 80 characters cut with "…" (tables.ts, formatCell): labels
  // ran past it and read "listed with reasons in …" (tester 229). Each label fits whole; what more a row
  // needs said is in the note under the table.
  const accounting = withheld
    ? [
        {
          item: 'Rows read, loaded, quarantined, dropped, replaced (the whole store): withheld',
          value: null,
        },
      ]
    : [
        // Rows are read per file, not per day: these are the store's, every period.
        { item: 'Rows read from the exports (the whole store)', value: q.rows_read },
        { item: 'Rows loaded (the whole store)', value: q.loaded },
        { item: 'Rows quarantined (the whole store)', value: q.quarantined },
        { item: 'Exact duplicate rows dropped (the whole store)', value: q.duplicates },
        // Loaded rows less these are the store's records: overlapping exports, or a file ingested again.
        {
          item: 'Rows replaced by a later row of the same call (the whole store)',
          value: q.replaced,
        },
      ];
  const t = ctx.table({
    id: 'data_quality',
    title: 'Data quality',
    columns: [
      { key: 'item', label: 'Item', kind: 'text' },
      { key: 'value', label: 'Rows or calls', kind: 'count' },
    ],
    rows: [
      ...accounting,
      storeWithheld
        ? {
            item: 'Calls in the store: withheld',
            value: null,
          }
        : { item: 'Calls in the store', value: d.analysisQuality.calls_in_store },
      { item: 'Calls in the report period', value: d.analysisQuality.calls_in_period },
      // Records, not calls: 36 records in a second source were of 31 calls (tester 310).
      {
        item: 'Records of a call in a second source, counted once',
        value: d.analysisQuality.linked_duplicates,
      },
      {
        item: 'Calls whose type has no category (unclassified)',
        value: d.analysisQuality.unclassified,
      },
      {
        item: 'Calls of the period touching a daylight-saving fall-back hour',
        value: q.period.dst_ambiguous_calls,
      },
      { item: 'Calls of the period in a daylight-saving gap', value: q.period.dst_gap_calls },
      {
        item: 'Calls of the period with a negative interval (kept, left out of that interval)',
        value: q.period.negative_interval_calls,
      },
      {
        item: 'Calls of the period with an implausibly long interval (kept, left out of it)',
        value: q.period.implausible_interval_calls,
      },
    ],
    links: [
      {
        column: 'value',
        key: (r) =>
          String(r.item).startsWith('Calls whose type has no category') && typeof r.value === 'number'
            ? sharedCount.unclassified(r.value)
            : null,
      },
    ],
    meta: ctx.meta({
      quality: [],
      note: [
        withheld
          ? `The store's row accounting (rows read, loaded, quarantined, dropped as exact duplicates and replaced by a later row of the same call) is withheld, as ${withheld}.`
          : // "listed with reasons in it" named no place (tester 229): the store's quarantine folder (docs/schema.md).
            "Quarantined rows could not be loaded: the store's quarantine folder (quarantine/run-NNNN.csv, a file per ingest run) lists each with its file, row and reason.",
        storeWithheld
          ? 'The calls in the store are withheld, as those outside the report period are from 1 to 10.'
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    }),
  });
  const c = d.classes;
  // The public edition names a built-in mapping's file alone (its folder can name the analyst, tester 237),
  // and no file of the analyst's: it is named as whoever saved it chose, and `Bob Jones 612-555-0199.csv`
  // published a name and a number (tester 364), as ingested files' names did (ingestedList).
  // A built-in one is named `CITY.csv (built in)` (store-inputs.ts), any other by its path.
  const named = (file: string) =>
    !ctx.isPublic || file.endsWith(' (built in)')
      ? html`<code>${file}</code>`
      : 'of the analyst (its file is named in the internal edition)';
  return {
    id: 'method',
    title: 'Data and method',
    body: html`<h3>Sources</h3>
      <p>
        Store version ${d.storeVersion};
        ${
          // Records of the whole store, a call in two sources once in each. The public edition names the
          // sources only: their counts are no table's, nothing suppresses them, and a 311 source's 1 record
          // beside the 65 diverted calls gave a withheld count away.
          ctx.isPublic
            ? `sources ${d.sources.map((s) => s.source).join(', ')}`
            : d.sources.map((s, i) => [
                i ? ', ' : '',
                `${s.source} (${count(s.calls)} records, the whole store)`,
              ])
        }.
        Period ${d.period.from} to ${d.period.to}, local time.
      </p>
      ${ingestedList(ctx, withheld)}
      ${
        // The public edition's notes leave out counts that can be 1 to 10 (a quiet month's rate).
        (ctx.isPublic ? d.publicWarnings : d.warnings).length
          ? html`<ul class="warnings">
              ${(ctx.isPublic ? readerNotes(d) : d.warnings).map((w) => html`<li>${w}</li>`)}
            </ul>`
          : ''
      }
      <h3>Classification</h3>
      ${
        // "0 distinct types, 0 of them (-) classified automatically" of a store without call types (tester 243).
        c.types === 0
          ? html`<p>
              No call in the store has a call type, so none is mapped to an analysis category, a severity tier
              or the responders eligible for it: the figures that depend on them are unknown.
            </p>`
          : html`<p>
              Each call type is mapped to an analysis category, a severity tier and the responders eligible
              for it
              ${
                c.mappingFile
                  ? html`by the city mapping ${named(c.mappingFile)}`
                  : html`automatically (no reviewed city mapping is named after the store's
                    source${
                      // The option is the analyst's: the public edition's readers run no command (tester 384).
                      ctx.isPublic ? '' : html`; <code>--city</code> names one`
                    })`
              }:
              the store holds ${count(c.types)} distinct types (every period), ${count(c.automaticTypes)} of
              them (${percent(c.types ? c.automaticTypes / c.types : null)}) classified
              automatically${
                // "because the mapping does not list them" where there is no mapping (tester 208).
                c.mappingFile ? ' because the mapping does not list them' : ''
              }${
                c.mappingFile
                  ? html`, and ${count(c.unreviewedTypes)}
                    (${percent(c.types ? c.unreviewedTypes / c.types : null)}) that it lists as classified
                    automatically, not reviewed by anyone`
                  : ''
              }.
              ${
                // Its rules can change the diverted share, and its emergency priorities who is eligible: a
                // reader could not tell which were read (tester 274).
                c.settingsFile
                  ? html`The city settings ${named(c.settingsFile)} give the emergency priorities and the
                    rules naming the responder that handled a call (docs/classification.md, "City settings").`
                  : ''
              }
            </p>`
      }
      <h3>Definitions</h3>
      <ul>
        <li>
          <strong>Diverted share</strong>: calls handled by a responder other than police, over the calls of
          the stated denominator (${d.denominator.label.toLowerCase()} unless a figure says otherwise).
        </li>
        <li>
          <strong>Eligible</strong>: a call whose initial type meets a responder's criteria under the rules of
          a phase (current practice, near term, potential).
        </li>
        <li>
          <strong>Response time</strong>: ${receivedWords(d.receivedIs).short} to first unit arrived;
          quantiles over valid values
          only.${
            d.receivedIs === 'pickup'
              ? ''
              : html` Where an export has no pickup time (its profile says <code>received_is: queue</code>),
                  the clock starts when the call enters the queue, and call-taking is unknown.`
          }
        </li>
        <li>
          <strong>Public edition</strong>: counts from 1 to 10 are hidden, with other cells hidden where one
          could be worked out from a total, and every hidden cell reads x, so that none can be told apart;
          shares and times computed from such counts are hidden with them; no addresses.
        </li>
      </ul>
      <h3>Data quality</h3>
      ${t ? [renderTable(t), metaLine(t.spec.meta, ctx.isPublic)] : ''}`,
  };
}
