import { Command } from 'commander';
import { vi } from 'vitest';
import { registerClassifyCommands } from '../../src/cli/classify.js';

/** Console output of a classify command run in this process (its refusals are thrown, not printed). */
export async function runClassify(args: string[]): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const program = new Command().exitOverride();
    registerClassifyCommands(program);
    await program.parseAsync(['classify', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}
