/**
 * White space and characters of no width, as RE2 classes: one definition for the normalisers
 * (profile-sql.ts) and for the addresses found in text values (text-addresses.ts).
 */

/**
 * RE2 classes of the white space a spreadsheet or CAD leaves in a value. RE2's `\s` is ASCII's space, tab,
 * line ends and form feed only, and DuckDB's `trim` takes the spaces alone (U+0020, U+00A0 and the other
 * Unicode spaces): `\tTheft` kept its tab, which collapse_spaces then made a leading space, and
 * `Theft\u00A0(P)` kept its no-break space, as a type of its own (tester 269). VISIBLE_SPACE is what
 * JavaScript's `trim` takes besides the byte-order mark: the vertical tab, the no-break and other Unicode
 * spaces, the line and paragraph separators; WHITE_SPACE adds the characters of no width (NO_WIDTH), which
 * can go from the ends of a value but are no space between words.
 */
export const VISIBLE_SPACE = String.raw`[\s\x{0B}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]`;
export const WHITE_SPACE = String.raw`[\s\x{0B}\x{A0}\x{AD}\x{34F}\x{61C}\x{1680}\x{180E}\x{2000}-\x{200F}\x{2028}-\x{202F}\x{205F}-\x{2064}\x{2066}-\x{2069}\x{3000}\x{FE00}-\x{FE0F}\x{FEFF}]`;

/**
 * RE2 class of the characters of no width a pasted or re-keyed value carries inside it: the zero-width
 * space, non-joiner and joiner, the word joiner, the byte-order mark, the soft hyphen and the Mongolian vowel
 * separator; the marks of writing direction (left-to-right and right-to-left marks, embeddings, overrides
 * and isolates, the Arabic letter mark), the combining grapheme joiner, the invisible operators and the
 * variation selectors. `Check the\u200B Welfare` and `Wel\u00ADfare` read as `Check the Welfare` on screen
 * but were call types of their own, splitting its count seven ways (tester 277; tester 300 found `Check
 * the\u200E Welfare` still apart): collapse_spaces takes them out, and trim (WHITE_SPACE) from the ends.
 */
export const NO_WIDTH = String.raw`[\x{AD}\x{34F}\x{61C}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2064}\x{2066}-\x{2069}\x{FE00}-\x{FE0F}\x{FEFF}]`;
