/**
 * Where a CSV file has blank lines. DuckDB's reader skips them without a trace, but counts them in its line
 * numbers, as a spreadsheet shows them as rows: rows after a blank line must be numbered past it, or the
 * quarantine's row numbers and the store's `source_row` drift apart (docs/decisions.md, 4).
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

function open(path: string, gzip: boolean): NodeJS.ReadableStream {
  const raw = createReadStream(path);
  return gzip ? raw.pipe(createGunzip()) : raw;
}

/**
 * Watches a file's bytes, chunk by chunk, for an empty line (a native search: a file without one costs
 * next to nothing). Fed by the pass that hashes the file, so the file is not read again for it.
 */
export class BlankLineWatch {
  seen = false;
  private tail = Buffer.alloc(0);
  feed(chunk: Buffer): void {
    if (this.seen) return;
    const edge = Buffer.concat([this.tail, chunk.subarray(0, 2)]);
    this.seen =
      chunk.includes('\n\n') || chunk.includes('\n\r\n') || edge.includes('\n\n') || edge.includes('\n\r\n');
    this.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
  }
}

async function mayHaveBlankLine(path: string, gzip: boolean): Promise<boolean> {
  const watch = new BlankLineWatch();
  for await (const chunk of open(path, gzip)) {
    watch.feed(chunk as Buffer);
    if (watch.seen) return true;
  }
  return false;
}

/**
 * DuckDB line numbers (the header is line 1, a quoted field's line breaks do not count) of the blank lines
 * after the header, in order; a line break inside quotes is not a blank line.
 */
export async function blankLines(
  path: string,
  gzip: boolean,
  quote: string,
  /** What the hashing pass saw in the raw bytes, when they are the text (not gzip). */
  seen?: boolean,
): Promise<number[]> {
  if (seen === false || (seen === undefined && !(await mayHaveBlankLine(path, gzip)))) return [];
  const q = quote.charCodeAt(0);
  const blanks: number[] = [];
  let line = 1;
  let inQuote = false;
  // Bytes of the current line so far, other than a carriage return.
  let content = false;
  for await (const chunk of open(path, gzip)) {
    const b = chunk as Buffer;
    let nextQuote = b.indexOf(q);
    for (let i = 0; i < b.length;) {
      if (nextQuote !== -1 && nextQuote < i) nextQuote = b.indexOf(q, i);
      if (inQuote) {
        if (nextQuote === -1) break;
        inQuote = false;
        i = nextQuote + 1;
        continue;
      }
      const nl = b.indexOf(10, i);
      if (nextQuote !== -1 && (nl === -1 || nextQuote < nl)) {
        inQuote = true;
        content = true;
        i = nextQuote + 1;
        continue;
      }
      const end = nl === -1 ? b.length : nl;
      for (let k = i; k < end && !content; k++) if (b[k] !== 13) content = true;
      if (nl === -1) break;
      if (!content && line > 1) blanks.push(line);
      line++;
      content = false;
      i = nl + 1;
    }
  }
  return blanks;
}
