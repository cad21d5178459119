import type { ProgressEvent } from '../ingest/ingest.js';

/** A one-line progress bar on stderr, only when stderr is a terminal (never in logs or pipes). */
export function terminalProgress(): ((e: ProgressEvent) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  process.on('exit', () => last && process.stderr.write('\n'));
  return (e) => {
    const width = 30;
    const f = e.fraction ?? 0;
    const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
    const line = `[${bar}] ${e.fraction === null ? ' ..' : `${Math.round(f * 100)}%`.padStart(4)} ${e.step} ${e.file}`;
    if (line !== last) process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
    last = line;
  };
}
