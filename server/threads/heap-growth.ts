import v8 from 'node:v8';

/**
 * How much V8 lets a heap grow past what survived its last full collection, in percent. By default V8
 * lets a busy heap grow up to four times its live data before collecting again: during a 10k Sandbox
 * sync the sync thread holds about 200 MB of live data, yet its heap reached 640 MB. Measured with the
 * bench's `during-sync` (embedded store, 1,000 rows per statement):
 * - default: sync thread heap up to 640 MB, server peak RSS 957-971 MB;
 * - 50%: server peak RSS 708-716 MB, the sync as fast (22.7-23.7 s under the API load);
 * - 10%: sync thread heap up to 266 MB, server peak RSS 664 MB, but an in-process 10k sync on
 *   PostgreSQL took 20-30% longer (more full collections), against 0-10% longer with 50%.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growth (`--heap-growing-percent`) for every thread of this process. Called first by
 * the process entries (`npm start`, the server, the worker, the bench), before any thread starts: the
 * setting is process-wide and read at every full collection.
 */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
