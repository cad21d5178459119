import type { ProgressEvent } from '../ingest/ingest.js';

export interface TerminalProgress {
  update: (e: ProgressEvent) => void;
  /** Clear the bar's line so that what is printed next starts on a clean line. */
  done: () => void;
}

/** A one-line progress bar on stderr, only when stderr is a terminal (never in logs or pipes). */
export function terminalProgress(): TerminalProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  return {
    update(e) {
      const width = 30;
      const f = e.fraction ?? 0;
      const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
      const pct = e.fraction === null ? '  ..' : `${Math.round(f * 100)}%`.padStart(4);
      const line = `[${bar}] ${pct} ${e.step} ${e.file}`;
      if (line !== last)
        process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
      last = line;
    },
    done() {
      if (last) process.stderr.write('\r\x1b[K');
      last = '';
    },
  };
}
