// A process that takes a data directory's lock, prints "locked", then blocks its own event loop for
// BLOCK_MS (as a long synchronous computation would) and keeps running until killed.
import { lockDataDir } from '../../server/store/lock.ts';

const dir = process.argv[2]!;
const blockMs = Number(process.argv[3] ?? 0);
await lockDataDir(dir);
console.log('locked');
const until = Date.now() + blockMs;
while (Date.now() < until) {
  // Busy: no timer, no I/O callback runs in here.
}
console.log('unblocked');
setInterval(() => {}, 1_000);
