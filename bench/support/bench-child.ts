/**
 * One bench of bench:all, in a process of its own (forked by bench/support/run-child.ts): runs the bench's exported
 * function and sends its figures to the parent. The bench's own tables go to stdout, which the parent logs to a file.
 * A process per bench: its knobs are read as it loads, and no bench's sockets, timers or garbage reach the next one.
 */
import { benches, isBenchName } from './benches.js';

const name = process.argv[2];
if (!isBenchName(name) || !process.send)
  throw new Error(`usage: fork bench-child.ts <${Object.keys(benches).join('|')}>`);
const figures = await benches[name]();
// NaN and Infinity cross as null, which the parent shows as "-".
process.send(figures, () => process.exit(0));
