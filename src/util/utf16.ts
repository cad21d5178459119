/**
 * UTF-16 text told from its bytes: by its byte-order mark, or without one by where its zero bytes fall.
 * One reading for the export (inspect-file.ts), classify's --calls and a profile (load-profile.ts).
 */

/**
 * The byte order of UTF-16 text without a byte-order mark, or null: text of mostly Latin letters has a zero
 * byte in one of each two places (the second, little-endian; the first, big-endian) and hardly any in the
 * other. A binary file has zeros in both.
 */
function utf16WithoutMark(head: Buffer): 'little' | 'big' | null {
  const pairs = Math.min(head.length, 4096) >> 1;
  if (pairs < 8) return null;
  let first = 0;
  let second = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) first++;
    if (head[2 * i + 1] === 0) second++;
  }
  const most = 0.5 * pairs;
  const few = 0.02 * pairs;
  return second >= most && first <= few ? 'little' : first >= most && second <= few ? 'big' : null;
}

/** The byte order of UTF-16 text, by its byte-order mark or without one; null for other bytes. */
export function utf16Order(head: Buffer): 'little' | 'big' | null {
  const bom = head.subarray(0, 2).toString('hex');
  return bom === 'fffe' ? 'little' : bom === 'feff' ? 'big' : utf16WithoutMark(head);
}
