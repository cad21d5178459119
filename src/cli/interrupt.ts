/**
 * Ctrl-C (and SIGTERM, SIGHUP) for the whole run of the CLI: one listener from bin/safegap.js's first line
 * to the end, which says what was stopped and exits. A stage changes what it says; it does not add and remove
 * listeners. Node stops watching a signal when its last listener goes, and a Ctrl-C that came while the
 * modules were loading (the event loop busy) was lost when the start-up listener handed over to the
 * ingest's: the ingest ran on, committed and exited 0.
 */
import { writeSync } from 'node:fs';
import { currentVersion } from '../store/current-version.js';
import { undoAll } from '../util/undo-on-interrupt.js';

// SIGHUP: a closed terminal or SSH session ended a run as a kill -9 does, without a word and with the
// store locked and its scratch files left (tester 272).
const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type Interrupt = keyof typeof CODES;

let says = (signal: Interrupt) => `interrupted (${signal}) while starting: nothing was read or written`;
let tells = (signal: Interrupt): Record<string, unknown> => ({ signal, ...startingDetails() });

/**
 * What an interruption while starting tells of the store and output, read from the arguments, which are
 * not parsed yet: a script read `details` of a run killed in its first second as `{signal}` alone, where
 * the README promises `store_version` for a command given --store (tester 353). Nothing was read or
 * written, so an ingest has committed nothing and analyze and report have written nothing.
 */
export function startingDetails(args = process.argv.slice(2)): Record<string, unknown> {
  const value = (long: string, short: string) => {
    const eq = args.find((a) => a.startsWith(`${long}=`));
    if (eq !== undefined) return eq.slice(long.length + 1);
    const at = args.findIndex((a) => a === long || a === short);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const store = value('--store', '-s');
  const command = args[0];
  return {
    ...(store !== undefined ? storeStands(store) : {}),
    ...(command === 'ingest' ? { committed: false } : {}),
    ...(command === 'analyze' || command === 'report'
      ? { written: false, out: value('--out', '-o') ?? null }
      : {}),
  };
}

// Whether the command printed anything on stdout: an interruption's JSON after a summary already printed
// would make the output two objects, which no script parses.
let printed = false;

function interrupted(signal: Interrupt): void {
  undoAll();
  // After a SIGHUP the terminal may be gone: a failed write must not keep the store's listener from
  // unlocking it.
  try {
    process.stderr.write(`\nsafegap: ${says(signal)}.\n`);
  } catch {
    // Nowhere to say it.
  }
  // A script reading --json found an empty stdout where a refusal gives `{error, hint}` (tester 350).
  // Written at once: the process exits before a stream's write would be flushed.
  if (process.argv.includes('--json') && !printed)
    try {
      writeSync(1, `${JSON.stringify({ error: `${says(signal)}.`, details: tells(signal) }, null, 2)}\n`);
    } catch {
      // Its output is gone (closed, full): stderr said it.
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
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (chunk.length > 0) printed = true;
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
}

/**
 * What a Ctrl-C says from now on, to the end of the run: `message` on stderr and as `error` of the JSON
 * printed under --json, `details` (with the signal) as its `details`.
 */
export function sayWhenInterrupted(
  message: (signal: Interrupt) => string,
  details: (signal: Interrupt) => Record<string, unknown> = () => ({}),
): void {
  says = message;
  tells = (signal) => ({ signal, ...details(signal) });
}

/** Where a store stands, for the JSON of an interrupted command. */
export function storeStands(store: string): Record<string, unknown> {
  return { store, store_version: currentVersion(store) };
}

/**
 * What a command that ended on its own did, said when its output could not all be written: "whole, and
 * stays" did not say whether the ingest committed nor at which version the store is (tester 350).
 */
let did: (() => string) | null = null;

export function sayWhatWasDone(text: () => string): void {
  did = text;
}

export function whatWasDone(): string | null {
  return did ? did() : null;
}
