/**
 * Repeat locations: the blocks with the most calls, where a problem-solving or outreach response may do
 * more than repeated dispatches. Block addresses are below the aggregate level the public edition keeps,
 * so the table is restricted and this section is left out of it entirely.
 */
import { html } from '../html.js';
import type { Section } from '../layout.js';
import type { SectionContext } from '../section-context.js';
import { count } from '../format.js';
import { metaLine, renderTable } from '../tables.js';

export function locationsSection(ctx: SectionContext): Section | null {
  const d = ctx.data;
  const src = d.tables.repeat_locations.rows.filter((r) => r.category === 'all');
  if (ctx.isPublic) return null;
  const quality = d.tables.repeat_locations.definition.quality;
  const withBlock = quality.calls_with_block;
  // The minimum asked for (`--min-count`): the note said 11 whatever it was.
  const minCount = d.tables.repeat_locations.definition.parameters?.min_count ?? 11;
  const tiedLeftOut = quality.all_blocks_tied_left_out ?? 0;
  // No block listed, no table and so no header-only CSV (docs/report.md: a table with nothing to show is
  // not written; tester 157).
  const t = !src.length
    ? null
    : ctx.table({
        id: 'repeat_locations',
        title: 'Blocks with the most calls',
        restricted: true,
        columns: [
          { key: 'block', label: 'Block', kind: 'text' },
          { key: 'calls', label: 'Calls', kind: 'count' },
          { key: 'per_year', label: 'Calls per year', kind: 'rate', basis: 'calls' },
          { key: 'share', label: 'Share of calls with an address', kind: 'share', basis: 'calls' },
        ],
        rows: src.map((r) => ({
          block: r.block,
          calls: r.calls,
          per_year: r.calls_per_year,
          share: r.share,
        })),
        meta: ctx.meta({
          denominator: { label: 'All calls in the period with a block address', calls: withBlock },
          quality: Object.entries(quality)
            .filter(
              ([k]) =>
                !['calls_with_block', 'all_blocks_tied_left_out', 'category_blocks_tied_left_out'].includes(
                  k,
                ),
            )
            .map(([k, v]) => ({ label: k.replaceAll('_', ' '), value: v })),
          // A cut inside a tie is said: which of the tied blocks are listed is only their alphabetical order
          // (tester 191).
          note: `Blocks with fewer than ${String(minCount)} calls are never listed (analysis library, repeat_locations).${
            tiedLeftOut
              ? ` ${count(tiedLeftOut)} more ${tiedLeftOut === 1 ? 'block has' : 'blocks have'} as many calls as the last one listed and ${tiedLeftOut === 1 ? 'is' : 'are'} left out: blocks of equal count share a rank and are listed in alphabetical order.`
              : ''
          }`,
        }),
      });
  // No block reached the minimum (a short period): said, rather than the section missing without a word.
  return {
    id: 'locations',
    title: 'Repeat locations (internal)',
    body: !withBlock
      ? // Not "no block had 11 calls": none could be counted (tester 102, Seattle's call data has no address).
        html`<p>
          No call of the period has a block address, so no repeat locations can be found: map the source's
          address column in its profile (\`fields: block_address\`, docs/profiles.md) if its export has one.
        </p>`
      : t
        ? html`<p>
              ${t.rows.length === 1 ? 'The block' : `The ${t.rows.length} blocks`} with the most calls.
              Addresses are coarsened to the block at ingest; this section is not in the public
              edition.${
                // Burlington's export names streets alone: NORTH AVE's 848 calls were called a block's
                // (tester 106).
                src.some((r) => /\dXX\b/.test(r.block))
                  ? ''
                  : ' No address listed here has a house number, so each is a whole street or an intersection, not one block of it.'
              }
            </p>
            ${renderTable(t)} ${metaLine(t.spec.meta)}`
        : html`<p>
            No block had ${String(minCount)} calls or more in the period, the fewest a block needs to be
            listed. Addresses are coarsened to the block at ingest; this section is not in the public edition.
          </p>`,
  };
}
