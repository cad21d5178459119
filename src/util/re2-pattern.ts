/**
 * Why a regular expression of a profile or city settings would not run, or null. Patterns run in DuckDB,
 * whose regular expressions are RE2's: flags such as `(?i)` at the start are allowed, and look-arounds and
 * back-references, which JavaScript takes, are not (they were refused only at ingest, as if the CSV file
 * were at fault, and in city settings ended analyze with an internal error: tester 203).
 */
export function patternProblem(pattern: string): { problem: string; hint: string } | null {
  // Escapes read in pairs, so that an escaped backslash before a digit (`\\1`) is no back-reference.
  const unsupported = /(?:^|[^\\])(?:\\\\)*(\(\?<?[=!]|\(\?>|\\[1-9]|\\k<)/.exec(pattern);
  if (unsupported)
    return {
      problem: `\`${pattern}\` uses \`${unsupported[1]}\`, which the RE2 regular expressions safegap runs do not support (no look-ahead, look-behind or back-reference)`,
      hint: 'rewrite the test without it: a look-ahead such as `^(?!NO ).*ARREST` can be two rules, the first sending `^NO ` elsewhere.',
    };
  // RE2 counts a repetition up to 1,000 (`a{5000}` was taken by profile check and blamed on the CSV file
  // at ingest: tester 207).
  const count = [...pattern.matchAll(/(?:^|[^\\])(?:\\\\)*\{(\d+)(?:,(\d*))?\}/g)].find(
    (m) => Math.max(Number(m[1]), Number(m[2] || 0)) > 1000,
  );
  if (count)
    return {
      problem: `\`${pattern}\` repeats something more than 1,000 times (\`${count[0].replace(/^[^{]*/, '')}\`), which the RE2 regular expressions safegap runs do not allow`,
      hint: 'repeat it 1,000 times at most, or write the test another way (`starts_with`, or two rules).',
    };
  try {
    new RegExp(pattern.replace(/^\(\?[imsU]+\)/, ''));
  } catch {
    return {
      problem: `\`${pattern}\` is not a valid regular expression`,
      hint: 'escape special characters such as ( ) [ ] with a backslash.',
    };
  }
  return null;
}
