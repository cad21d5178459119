import { cutText, terminalText, visibleText } from '../util/words.js';

/** Plain-text tables for the terminal: numbers right-aligned, thousands separated. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * `Took 6.7 s.` with the rate, `Took 2.0 s (1,500 rows/s).`, from 1,000 rows where it rounds to 1 row/s or
 * more: a rate of a few rows measures start-up, not reading or writing ("Took 6.7 s (0 rows/s)" of a 2-row
 * file: tester 378).
 */
export function tookLine(seconds: number, rows: number, perSecond: number): string {
  const rate = Math.round(perSecond);
  return `Took ${seconds.toFixed(1)} s${rows >= 1000 && rate > 0 ? ` (${fmt(rate)} rows/s)` : ''}.`;
}

/** Longest text a table cell shows: one 100 kB value widened every line of its table to 100 kB. */
const CELL = 80;

/**
 * Text from a user's file as the terminal may show it: a control character written as its escape
 * (`\x1b`), since a call type holding an ESC sequence retitled or cleared the terminal and a tab or line
 * break split a table's row (tester 158); so are invisible and reordering characters (util/words.ts).
 */
/**
 * A count a year or a week: whole when 10 or more, else two significant digits (Seattle's 0.13 read 0), and
 * under 0.01 said so (tester 331: a target a hair above the share printed `9.4e-12 more calls a year`).
 */
export function fewCalls(x: number): string {
  if (x >= 10 || x === 0) return fmt(Math.round(x));
  return x < 0.01 ? 'under 0.01' : String(Number(x.toPrecision(2)));
}

export { terminalText as terminalSafe };

function cell(text: string): string {
  const safe = visibleText(text);
  return cutText(safe, CELL);
}

/** `whole`: columns of the product's own prose (ingest's note), never cut: its advice was (tester 160). */
export function table(
  headers: string[],
  rows: (string | number)[][],
  options: { whole?: string[] } = {},
): string {
  const whole = headers.map((h) => options.whole?.includes(h) ?? false);
  const cells = [
    headers,
    ...rows.map((r) =>
      r.map((c, i) => (typeof c === 'number' ? fmt(c) : whole[i] ? visibleText(c) : cell(c))),
    ),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const line = (r: (string | number)[]) =>
    r.map((c, i) => (numeric[i] ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
