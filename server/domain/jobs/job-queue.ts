import type { Db } from '../../store/db.ts';

/** How a queue treats its jobs; declared once per queue name (see JOB_QUEUES). */
export interface QueueDefinition {
  /**
   * `singleton`: at most one active job per singleton key (one running sync per integration). `short`: at
   * most one queued (not yet started) job per key; sending another while one waits is a no-op. @default 'standard'
   */
  policy?: 'standard' | 'singleton' | 'short';
  /** Attempts after the first failure. @default 2 */
  retryLimit?: number;
  /** Seconds before the first retry. @default 0 */
  retryDelaySeconds?: number;
  /** Doubles the delay on each retry (with jitter). @default false */
  retryBackoff?: boolean;
  /** An active job older than this is failed (and retried) by the queue's supervisor. @default 15 minutes */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** With a `singleton` queue: the key of which at most one job is active at a time. */
  singletonKey?: string;
  /** Runs the job no earlier than this many seconds (fractions allowed) from now, the store's now. @default 0 */
  startAfterSeconds?: number;
  /** Inserts the job in this transaction: it exists exactly when the transaction commits. */
  trx?: Db;
}

/** A fetched job. */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

/**
 * The durable job queue every background task goes through (syncs, schedules, sweeps; later webhook
 * deliveries and token refreshes). A handler that throws fails its job, which is retried as its
 * queue declares; a job whose worker died is failed by expiry or explicitly with `fail`.
 */
export interface JobQueue {
  /** Queues a job; resolves with its ID, or null when a singleton/throttle rule dropped it. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Runs `handler` for each job of `name` in this process, one at a time (or `concurrency` at once, each
   * fetched on its own so a slow job holds only its own slot); resolves with its stop function.
   */
  work<T extends object>(name: string, handler: (job: Job<T>) => Promise<void>, options?: { pollingIntervalSeconds?: number; concurrency?: number }): Promise<() => Promise<void>>;
  /** Queues a job of `name` on a cron schedule (UTC); every process may declare it, one job per tick is created. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** Fails an active job (e.g. one whose worker died) so that its retry policy applies. */
  fail(name: string, id: string): Promise<void>;
  /** Stops fetching; waits up to `graceMs` for running handlers, then leaves their jobs to be retried. */
  stop(options?: { graceMs?: number }): Promise<void>;
}
