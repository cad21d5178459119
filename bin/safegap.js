#!/usr/bin/env node
// Ctrl-C is answered from here on (src/cli/early-stop.ts); the rest loads after, for a second or two.
import { watchEarlyStop } from '../dist/cli/early-stop.js';

watchEarlyStop();
await import('../dist/cli/main.js');
