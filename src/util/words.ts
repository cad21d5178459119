/** Items as a sentence lists them: `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** A name as a sentence writes it: `Behavioural crisis team` is `behavioural crisis team`, `EMS` stays. */
export function inSentence(name: string): string {
  return name.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
}

/** Levenshtein distance of `a` and `b`, or `max + 1` as soon as it is known to be more than `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The one name of `names` that `typed` most likely meant: the same but for case and punctuation, else the
 * only one within two edits (`welfare_chek`, `Disturbance`); undefined when none or several are.
 */
export function meant(typed: string, names: readonly string[]): string | undefined {
  const squash = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  const same = names.filter((n) => squash(n) === squash(typed));
  if (same.length) return same.length === 1 ? same[0] : undefined;
  const near = names.filter((n) => editDistance(squash(typed), squash(n), 2) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** Longest word a note quotes whole: a value of the user's file can be any length. */
const LONGEST_WORD = 200;

/**
 * A note with each word (a run without spaces) longer than 200 characters (`longest`) cut with `…`: a note quoting
 * a 100 kB call type was a line of 100,470 characters, and a page 949,432 px wide (tester 159). The
 * closing quote and punctuation after it are kept: the note read `Traffic QQQ…Q… 60` for `…Q…, 60`
 * (tester 161). `keep`: words left whole (a path the reader must be able to use).
 */
export function cutLongWords(
  text: string,
  keep: (word: string) => boolean = () => false,
  longest = LONGEST_WORD,
): string {
  return text.replace(new RegExp(`\\S{${longest + 1},}`, 'g'), (w) => {
    if (keep(w)) return w;
    const tail = /[`'"),.;:\]]{0,3}$/.exec(w)![0];
    return `${w.slice(0, longest - 1)}…${tail}`;
  });
}

/** `text` cut with `…` to `most` characters: a table's cell, a chart's or a map's label, a terminal's cell. */
export function cutText(text: string, most: number): string {
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

/**
 * Text from a user's file as a reader may see it, in a terminal or a report: a control character written
 * as its escape (`\x1b`), since a call type holding an ESC sequence retitled or cleared the terminal and a
 * tab or line break split a table's row (tester 158). Bidirectional overrides and isolates reorder what
 * follows them on the line (tester 269: a sector named with U+202E made the report's caption read
 * "(sllac fo %3.15)" for 51.3%), and the line and paragraph separators break it (tester 159); invisible
 * characters make two types look the same (testers 161, 167, 169, 269: zero-width, soft hyphens, bidi
 * marks, variation selectors, tags, Hangul fillers): every control, format and default-ignorable character
 * is shown as a \u escape too. `keep` names those left as they are (a message's line breaks).
 */
export function visibleText(text: string, keep = ''): string {
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

/**
 * A message for the terminal as visibleText shows it, where a kept line break (`keep` holding `\n`) is kept
 * only where it begins an indented line: a message's own lines are written so (its "  How to fix:", its
 * list's items), while one in a value it quotes, `store info -s "$(printf 'bad\nname')"`, forged a line of
 * the message, printed raw beside the tab and CR shown as `\x09` and `\x0d` (tester 361).
 */
export function terminalText(text: string, keep = ''): string {
  if (!keep.includes('\n')) return visibleText(text, keep);
  const others = keep.replaceAll('\n', '');
  return text
    .split(/\n(?= {2})/)
    .map((line) => visibleText(line, others))
    .join('\n');
}

/** Text a reader sees as nothing: spaces, tabs and zero-width characters only (testers 130, 176). */
export function showsNothing(text: string): boolean {
  return /^[\s\u200b-\u200d\u2060\ufeff]*$/.test(text);
}

/**
 * A path as a shell reads it, for a command a message tells the user to run: quoted when it holds a space or
 * another character the shell would take (tester 207: `--store /tmp/dm ü/store`, pasted, failed).
 */
export function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * A command reading `path`'s lines of text, for a message to give: `cmd path`, or for a gzip file
 * `gzip -dc path | cmd` (`head -n 2 calls.csv.gz` gave compressed bytes, not the lines it was told to).
 */
export function linesCommand(cmd: string, path: string, gzip: boolean): string {
  return gzip ? `gzip -dc ${shellWord(path)} | ${cmd}` : `${cmd} ${shellWord(path)}`;
}

/**
 * A file beside `path` for a command a message gives to write: `calls.csv` as `calls-<tag>.csv`, a gzip's
 * `.gz` dropped (the command writes text).
 */
export function besidePath(path: string, tag: string): string {
  return path.replace(/(\.[^./]+(\.gz)?)?$/, (ext) => `-${tag}${ext.replace(/\.gz$/, '')}`);
}
