import type { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import { siblingModule, spawnThread } from '../threads/spawn-thread.ts';
import type { SyncThreadCommand, SyncThreadData, SyncThreadStatus } from './sync-thread.ts';

/** How long after a sync thread died it is started again. @default 1000 */
export const SYNC_THREAD_RESTART_MS = 1_000;

export interface SyncThreadHostOptions {
  logger: Logger;
  /** What each (re)started thread gets; `storePort` is asked anew for every start (a port moves once). */
  data: () => SyncThreadData;
  /** @default SYNC_THREAD_RESTART_MS */
  restartMs?: number;
  /** The thread's module. @default the `sync-thread` module beside this one (tests give a thread that fails on purpose) */
  entry?: URL;
}

/**
 * Runs the sync workers in a worker thread and keeps it running: an error in the thread is logged
 * and the thread started again (its interrupted syncs are resumed by the new one's sweep). Resolves
 * once the first thread runs, with the function that stops it: no new jobs, running syncs get
 * `graceMs` to finish, then the thread ends.
 */
export async function startSyncThread(options: SyncThreadHostOptions): Promise<(graceMs: number) => Promise<void>> {
  const { logger } = options;
  let stopping = false;
  let current: Worker | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = (first: boolean) =>
    new Promise<void>((resolve, reject) => {
      const data = options.data();
      const thread = spawnThread(options.entry ?? siblingModule(import.meta.url, 'sync-thread'), data, data.storePort ? [data.storePort] : []);
      current = thread;
      let running = false;
      thread.on('message', (status: SyncThreadStatus) => {
        if (status.type !== 'running') return;
        running = true;
        resolve();
      });
      thread.on('error', (err) => {
        logger.error({ err }, 'sync thread failed');
        if (first && !running) reject(err);
      });
      thread.on('exit', (code) => {
        if (current === thread) current = undefined;
        if (first && !running) return reject(new Error(`The sync thread ended before it ran (exit code ${code}).`));
        if (stopping) return;
        logger.warn({ code }, 'sync thread ended; starting it again');
        restartTimer = setTimeout(() => {
          start(false).catch((err: unknown) => logger.error({ err }, 'sync thread restart failed'));
        }, options.restartMs ?? SYNC_THREAD_RESTART_MS);
      });
    });

  await start(true);
  return async (graceMs) => {
    stopping = true;
    clearTimeout(restartTimer);
    const thread = current;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage({ type: 'stop', graceMs } satisfies SyncThreadCommand);
    // A thread that does not end after its grace (a sync stuck outside any await) is ended by force.
    const force = setTimeout(() => void thread.terminate(), graceMs + 5_000);
    await exited;
    clearTimeout(force);
  };
}
