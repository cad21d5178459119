#!/usr/bin/env node
// Ctrl-C is answered from here on (src/cli/interrupt.ts); the rest loads after, for a second or two.
import { watchInterrupts } from '../dist/cli/interrupt.js';

watchInterrupts();
await import('../dist/cli/main.js');
