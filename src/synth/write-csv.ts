/**
 * Streaming output for large generated files: text is handed over in chunks of about a megabyte, the
 * writer waits whenever the stream's buffer is full (so memory stays flat however many rows are written),
 * optional gzip runs on libuv's thread pool beside the generator, and the file only appears under its
 * final name once it is complete (a killed run leaves a `.partial` file, never a truncated `FILE`).
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import type { Writable } from 'node:stream';

/** A field quoted per RFC 4180 when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Where a file is written until it is complete. */
export const partialPath = (path: string): string => `${path}.partial`;

export interface ChunkWriterOptions {
  /** gzip the output (level 1-9); undefined writes plain text. */
  gzipLevel?: number;
}

export class ChunkWriter {
  private readonly file: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly head: Writable;
  private readonly done: Promise<void>;
  private failure: unknown;
  private readonly partial: string;

  constructor(
    readonly path: string,
    options: ChunkWriterOptions = {},
  ) {
    this.partial = partialPath(path);
    this.file = createWriteStream(this.partial, { highWaterMark: 1 << 22 });
    if (options.gzipLevel !== undefined) {
      this.gzip = createGzip({ level: options.gzipLevel, chunkSize: 1 << 18 });
      this.head = this.gzip;
      this.done = pipeline(this.gzip, this.file);
    } else {
      this.gzip = undefined;
      this.head = this.file;
      this.done = once(this.file, 'close').then(() => undefined);
    }
    // Remember the first error so the next write rejects instead of waiting for a 'drain' that never comes.
    this.done.catch((e: unknown) => (this.failure ??= e));
    this.file.on('error', (e) => (this.failure ??= e));
  }

  /** Hand over a chunk; resolves at once unless the stream is full, then when it has drained. */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.head.write(text)) {
      await Promise.race([once(this.head, 'drain'), this.done]);
      if (this.failure) throw this.failure;
    }
  }

  /** Flush, close and move the file to its final name. */
  async close(): Promise<void> {
    this.head.end();
    await this.done;
    if (this.failure) throw this.failure;
    renameSync(this.partial, this.path);
  }

  /** Give up: close quietly and remove the partial file. */
  async abort(): Promise<void> {
    this.head.destroy();
    this.file.destroy();
    await this.done.catch(() => undefined);
    rmSync(this.partial, { force: true });
  }
}
