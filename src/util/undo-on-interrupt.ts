/**
 * What a run must take away if Ctrl-C (or SIGTERM, SIGHUP) stops it: the CLI's signal listener
 * (cli/interrupt.ts) runs these before it exits, since no `finally` runs after process.exit. Analyze stopped while it wrote
 * left its hidden staging folders in --out and the store, and an --out it had made (tester 127).
 */
const undo = new Set<() => void>();

/**
 * rmSync's options for a folder a stopped run was writing: DuckDB's threads may still put a file in it
 * while it is removed (ENOTEMPTY), which left it about one time in eight (tester 130); removal is tried again.
 */
export const GONE_FOR_GOOD = { recursive: true, force: true, maxRetries: 5, retryDelay: 20 } as const;

/** `fn` runs if the run is interrupted; the function returned forgets it (the work ended on its own). */
export function undoOnInterrupt(fn: () => void): () => void {
  undo.add(fn);
  return () => undo.delete(fn);
}

/** Runs every registered undo, latest first; each as far as it can, as the process is about to exit. */
export function undoAll(): void {
  for (const fn of [...undo].reverse())
    try {
      fn();
    } catch {
      // Left for the next run's sweep of leftovers.
    }
  undo.clear();
}
