/**
 * Where a CSV file has blank lines. DuckDB's reader skips them without a trace, but counts them in its line
 * numbers, as a spreadsheet shows them as rows: rows after a blank line must be numbered past it, or the
 * quarantine's row numbers and the store's `source_row` drift apart (docs/decisions.md, 4).
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../util/user-error.js';

/** The file's bytes, decompressed when gzip; a damaged gzip file (cut short, corrupt) is the user's to fix. */
export async function* fileChunks(path: string, gzip: boolean): AsyncGenerator<Buffer> {
  const raw = createReadStream(path);
  const stream = gzip ? pipeline(raw, createGunzip(), () => undefined) : raw;
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (gzip && /^Z_/.test(code))
      throw new UserError(
        // Read by `profile init` too, which has no store: "Nothing was changed in the store" was no help there
        // (tester 325). Ingest changes nothing on any refusal.
        `${basename(path)} is gzip-compressed but cannot be decompressed to its end: ${(e as Error).message}.`,
        'the download or copy was probably cut short: fetch the file again, and check it with `gzip -t` before using it.',
      );
    throw e;
  } finally {
    raw.destroy();
  }
}

/**
 * The file's text as UTF-8 (or Latin-1) bytes: UTF-16 decoded, since its line feed is two bytes, `0A 00`,
 * and a search for two line feeds in a row never found a blank line (tester 179: every row after one was
 * numbered one too low). The line breaks, quotes and carriage returns are at other offsets, in the same order.
 */
export async function* textChunks(path: string, gzip: boolean, encoding: string): AsyncGenerator<Buffer> {
  if (encoding !== 'utf-16') {
    yield* fileChunks(path, gzip);
    return;
  }
  const decoder = new TextDecoder('utf-16le');
  for await (const b of fileChunks(path, gzip))
    yield Buffer.from(decoder.decode(b, { stream: true }), 'utf8');
  yield Buffer.from(decoder.decode(), 'utf8');
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

async function mayHaveBlankLine(path: string, gzip: boolean, encoding: string): Promise<boolean> {
  const watch = new BlankLineWatch();
  for await (const chunk of textChunks(path, gzip, encoding)) {
    watch.feed(chunk);
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
  encoding: string,
  /** What the hashing pass saw in the raw bytes, when they are the text (not gzip, not UTF-16). */
  seen?: boolean,
): Promise<number[]> {
  if (seen === false || (seen === undefined && !(await mayHaveBlankLine(path, gzip, encoding)))) return [];
  const q = quote.charCodeAt(0);
  const blanks: number[] = [];
  let line = 1;
  let inQuote = false;
  // Bytes of the current line so far, other than a carriage return.
  let content = false;
  for await (const b of textChunks(path, gzip, encoding)) {
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
