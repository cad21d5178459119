/**
 * Repeat locations (docs/metrics.md, "Repeat locations"): the blocks with the most calls of a category,
 * for problem-solving. Privacy rules, applied here and not left to the reader of the table:
 * - always at block level: the store keeps block addresses (`12XX MAIN ST`), and an address that still
 *   starts with a house number is coarsened again here, so a profile mistake cannot leak a house;
 * - never below a minimum count (11 by default, the usual small-cell rule for public tables): a block with
 *   fewer calls of the category is not listed at all, and neither are the calls without an address.
 */
import type { AnalysisContext } from './context.js';
import { placeCountedSql } from './counted.js';
import { rowsOf, type TableResult } from './result.js';
import { blockLevelSql } from '../sources/block-address.js';
import { UserError } from '../util/user-error.js';

export interface RepeatLocationOptions {
  /** Fewest calls for a block to be listed; 11 by default; never below 2. */
  minCount?: number;
  /** Blocks listed per category; 25 by default. */
  top?: number;
}

export interface RepeatLocationRow {
  /** 'all' or a category. */
  category: string;
  /** 1 for the most calls; blocks with as many calls share a rank (1, 1, 3), listed in alphabetical order. */
  rank: number;
  block: string;
  calls: number;
  calls_per_year: number;
  /** Share of the category's calls with an address. */
  share: number | null;
}

/**
 * A block address, as ingest makes it (src/sources/block-address.ts), again: stores of older versions. Empty
 * when nothing of it is an address (`SMITH RESIDENCE`, a name alone), which ingest stores as none, and so
 * none here: an older store's such value was a block named ''.
 */
export function blockSql(address: string): string {
  return `CASE WHEN ${address} IS NULL OR trim(${address}) = '' THEN NULL
    ELSE nullif(trim(${blockLevelSql(`upper(trim(${address}))`)}), '') END`;
}

/** Refuses a minimum below 2, before any work: a repeat location of one call is one household's address. */
export function checkMinCount(minCount: number | undefined): void {
  if (minCount !== undefined && !(minCount >= 2))
    throw new UserError(
      `--min-count must be at least 2; got ${minCount}.`,
      'a block listed for a single call points at one household: keep the default 11, or at least 2.',
    );
}

export async function repeatLocations(
  ctx: AnalysisContext,
  options: RepeatLocationOptions = {},
): Promise<TableResult<RepeatLocationRow>> {
  checkMinCount(options.minCount);
  const minCount = Math.floor(options.minCount ?? 11);
  const top = options.top ?? 25;
  // Addresses are coarsened once per distinct address, not once per call. One row at least comes back, so
  // that the shares' denominator for every category together (`with_block`) is there with no block listed.
  const raw = await rowsOf<
    Omit<RepeatLocationRow, 'category'> & {
      category: string | null;
      with_address: number;
      with_block: number;
      tied_left_out: number;
    }
  >(
    ctx.conn,
    `WITH a AS (
       SELECT block_address, category, sum(_n) AS n
       FROM ${placeCountedSql(ctx, { category: "coalesce(category, '(unclassified)')" })}
       WHERE block_address IS NOT NULL GROUP BY ALL
     ), b AS (
       SELECT ${blockSql('block_address')} AS block, category, n FROM a
     ), g AS (
       SELECT coalesce(category, 'all') AS category, block, sum(n)::DOUBLE AS calls
       FROM b WHERE block IS NOT NULL
       GROUP BY GROUPING SETS ((category, block), (block))
     ), t AS (
       SELECT coalesce(category, 'all') AS category, sum(n)::DOUBLE AS with_address
       FROM b WHERE block IS NOT NULL GROUP BY GROUPING SETS ((category), ())
     ), r AS (
       SELECT category, CAST(rank() OVER (PARTITION BY category ORDER BY calls DESC) AS INTEGER) AS rank,
         row_number() OVER (PARTITION BY category ORDER BY calls DESC, block) AS pos,
         count(*) OVER (PARTITION BY category, calls) AS tied,
         block, calls, with_address
       FROM g JOIN t USING (category)
       WHERE calls >= ${minCount}
       QUALIFY pos <= ${top}
     )
     SELECT r.* EXCLUDE (pos, tied),
       -- Blocks with as many calls as the last one listed, left out by the cut: the tie's size less those of it
       -- listed, which run from its rank to the cut.
       CASE WHEN pos = ${top} THEN (tied - (${top} - rank + 1))::DOUBLE ELSE 0 END AS tied_left_out,
       (SELECT coalesce(sum(n), 0)::DOUBLE FROM b WHERE block IS NOT NULL) AS with_block
     FROM (SELECT 1) LEFT JOIN r ON true
     ORDER BY r.category = 'all' DESC, r.category, r.pos`,
  );
  const withBlock = raw[0]?.with_block ?? 0;
  const tiedLeftOut = (all: boolean) =>
    raw.reduce(
      (n, r) => n + (r.category !== null && (r.category === 'all') === all ? r.tied_left_out : 0),
      0,
    );
  const rows = raw.flatMap((r) =>
    r.category === null
      ? []
      : [
          {
            category: r.category,
            rank: r.rank,
            block: r.block,
            calls: r.calls,
            calls_per_year: r.calls / ctx.period.years,
            share: r.with_address > 0 ? r.calls / r.with_address : null,
          },
        ],
  );
  return {
    table: 'repeat_locations',
    columns: {
      category: 'VARCHAR',
      rank: 'INTEGER',
      block: 'VARCHAR',
      calls: 'INTEGER',
      calls_per_year: 'DOUBLE',
      share: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'repeat_locations',
      doc: 'docs/metrics.md#repeat-locations',
      period: ctx.period,
      parameters: { min_count: minCount, top, level: 'block' },
      quality: {
        calls: ctx.quality.calls_in_period,
        calls_with_block: withBlock,
        all_blocks_tied_left_out: tiedLeftOut(true),
        category_blocks_tied_left_out: tiedLeftOut(false),
      },
    },
  };
}
