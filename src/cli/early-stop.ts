/**
 * Ctrl-C while safegap starts: loading its modules (DuckDB, the report's libraries) takes a second or two
 * on a busy machine, and a Ctrl-C then ended the process in silence, where a moment later ingest says that
 * nothing was committed. bin/safegap.js watches from its first line; the command stops watching as its own
 * work begins (an ingest then says where its store stands).
 */
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Stop = keyof typeof CODES;

function stopped(signal: Stop): void {
  process.stderr.write(`\nsafegap: interrupted (${signal}) while starting: nothing was read or written.\n`);
  process.exit(CODES[signal]);
}

export function watchEarlyStop(): void {
  for (const signal of Object.keys(CODES) as Stop[]) process.on(signal, stopped);
}

export function endEarlyStop(): void {
  for (const signal of Object.keys(CODES) as Stop[]) process.off(signal, stopped);
}
