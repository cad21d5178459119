/** Plain-text tables for the terminal: numbers right-aligned, thousands separated. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Longest text a table cell shows: one 100 kB value widened every line of its table to 100 kB. */
const CELL = 80;

/**
 * Text from a user's file as the terminal may show it: a control character written as its escape
 * (`\x1b`), since a call type holding an ESC sequence retitled or cleared the terminal and a tab or line
 * break split a table's row (tester 158). `keep` names those left as they are (a message's line breaks).
 */
export function terminalSafe(text: string, keep = ''): string {
  // Bidirectional overrides and isolates reorder what follows them on the line, and the line and paragraph
  // separators break it (tester 159); invisible characters make two types look the same (testers 161,
  // 167, 169: zero-width, soft hyphens, bidi marks, variation selectors, tags, Hangul fillers): every
  // control, format and default-ignorable character is shown as a \u escape too.
  return text.replace(/[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return keep.includes(c)
      ? c
      : code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : code > 0xffff
          ? `\\u{${code.toString(16)}}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function cell(text: string): string {
  const safe = terminalSafe(text);
  return safe.length > CELL ? `${safe.slice(0, CELL - 1)}…` : safe;
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
      r.map((c, i) => (typeof c === 'number' ? fmt(c) : whole[i] ? terminalSafe(c) : cell(c))),
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
