import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../../server/threads/thread-priority.ts';

// A thread that lowers its own priority as the sync thread does, reports its thread id, and waits to be ended.
parentPort!.postMessage({ tid: lowerThreadPriority() });
setInterval(() => {}, 60_000);
