/**
 * Ctrl-C (and SIGTERM, SIGHUP) for the whole run of the CLI: one listener from bin/safegap.js's first line
 * to the end, which says what was stopped and exits. A stage changes what it says; it does not add and remove
 * listeners. Node stops watching a signal when its last listener goes, and a Ctrl-C that came while the
 * modules were loading (the event loop busy) was lost when the start-up listener handed over to the
 * ingest's: the ingest ran on, committed and exited 0.
 */
import { undoAll } from '../util/undo-on-interrupt.js';

// SIGHUP: a closed terminal or SSH session ended a run as a kill -9 does, without a word and with the
// store locked and its scratch files left (tester 272).
const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type Interrupt = keyof typeof CODES;

let says = (signal: Interrupt) => `interrupted (${signal}) while starting: nothing was read or written`;

function interrupted(signal: Interrupt): void {
  undoAll();
  // After a SIGHUP the terminal may be gone: a failed write must not keep the store's listener from
  // unlocking it.
  try {
    process.stderr.write(`\nsafegap: ${says(signal)}.\n`);
  } catch {
    // Nowhere to say it.
  }
  // A store being written has a listener of its own (store.ts), registered after this one: it unlocks and
  // cleans, then exits.
  if (process.listenerCount(signal) === 1) process.exit(CODES[signal]);
}

let watching = false;

/** Once per run: bin/safegap.js calls it first, and main.js again for a run started as `node dist/cli/main.js`. */
export function watchInterrupts(): void {
  if (watching) return;
  watching = true;
  for (const signal of Object.keys(CODES) as Interrupt[]) process.on(signal, interrupted);
}

/** What a Ctrl-C says from now on, to the end of the run. */
export function sayWhenInterrupted(message: (signal: Interrupt) => string): void {
  says = message;
}
