import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Job, JobQueue, QueueDefinition } from '../domain/jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { Db, Store } from '../store/db.ts';

/** pg-boss's one port to the database: a statement with or without parameters. */
type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/** Statements through kysely (a transaction's connection when given one). */
function kyselyExecutor(db: Db): Executor {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}

/**
 * The store's executor for pg-boss. PostgreSQL: kysely's pool (pg runs parameterless multi-statement
 * text through the simple protocol). PGlite: parameterised statements through kysely, whose
 * transactions lock the instance; pg-boss's parameterless migration scripts (several statements each)
 * through PGlite's `exec`, which waits on the same lock.
 */
function storeExecutor(store: Store): Executor {
  const viaKysely = kyselyExecutor(store.db);
  const pglite = store.pglite;
  if (!pglite) return viaKysely;
  return {
    executeSql: async (text, values) => {
      if (values && values.length > 0) return viaKysely.executeSql(text, values);
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

/**
 * An executor that knows the statements it has in flight. pg-boss marks a job completed after its
 * handler returned without waiting for that statement (its `work`), so a stopped queue may still be
 * completing jobs: closing the store then would lose the completion (the job would run again after it
 * expires) and, on the store's own thread, reject a promise nobody handles.
 */
function trackedExecutor(executor: Executor): Executor & { settled(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  return {
    executeSql(text, values) {
      const statement = executor.executeSql(text, values);
      inFlight.add(statement);
      const done = () => inFlight.delete(statement);
      statement.then(done, done);
      return statement;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** How often each of several workers of one queue polls by itself (see `work`): a fallback, not the pace. */
const IDLE_WORKER_POLL_SECONDS = 60;

export interface PgBossQueueOptions {
  /** The queues this process uses and how each treats its jobs. */
  queues: Record<string, QueueDefinition>;
  logger: Logger;
  /** Schema of pg-boss's tables (tests use one per app). @default 'pgboss' */
  schema?: string;
  /** Run expiry, retention and cron in this process (workers do; the CLI does not). @default true */
  supervise?: boolean;
}

/** The pg-boss JobQueue, plus starting it ahead of use. */
export interface PgBossQueue extends JobQueue {
  /**
   * Starts pg-boss (creating or migrating its schema, declaring the queues). Must happen outside any
   * transaction: on PGlite a start inside one would wait for that very transaction, so a job sent in
   * a transaction before the start is refused. Otherwise the first use starts it. Idempotent.
   */
  start(): Promise<void>;
}

/** The JobQueue on pg-boss 10, over the store's own connections, on PostgreSQL and on PGlite alike. */
export function createPgBossQueue(store: Store, options: PgBossQueueOptions): PgBossQueue {
  const supervise = options.supervise ?? true;
  const db = trackedExecutor(storeExecutor(store));
  const boss = new PgBoss({
    db,
    schema: options.schema ?? 'pgboss',
    supervise,
    schedule: supervise,
    migrate: true,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => options.logger.error({ err: { message: err.message, code: (err as { code?: string }).code } }, 'job queue error'));
  let started: Promise<void> | undefined;
  let stopped = false;
  const ready = () =>
    (started ??= (async () => {
      await boss.start();
      for (const [name, q] of Object.entries(options.queues)) {
        await boss.createQueue(name, {
          name,
          policy: q.policy ?? 'standard',
          retryLimit: q.retryLimit ?? 2,
          retryDelay: q.retryDelaySeconds ?? 0,
          retryBackoff: q.retryBackoff ?? false,
          expireInSeconds: q.expireInSeconds ?? 15 * 60,
        });
      }
    })());
  const known = (name: string) => {
    if (!options.queues[name]) throw new Error(`Job queue '${name}' is not declared.`);
  };

  return {
    start: ready,
    async send(name, data, sendOptions = {}) {
      known(name);
      if (sendOptions.trx && !started) throw new Error('Start the job queue before queueing jobs in a transaction.');
      await ready();
      return boss.send(name, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        ...(sendOptions.trx ? { db: kyselyExecutor(sendOptions.trx) } : {}),
      });
    },
    async work(name, handler, workOptions = {}) {
      known(name);
      await ready();
      // pg-boss runs one batch per worker at a time: `concurrency` workers of one job each, so that a
      // slow job never holds back the others fetched with it. A worker that got a job wakes an idle
      // one, which fetches at once instead of after its polling interval: a burst of jobs is taken up
      // by as many workers as it needs, one after the other.
      // Each pg-boss worker polls on its own, so `concurrency` workers would ask the store `concurrency`
      // times per interval while the queue is empty. Several workers poll only rarely themselves; once
      // per interval the queue wakes ONE idle worker instead (a busy one never holds back new jobs).
      const ids: string[] = [];
      const busy = new Set<number>();
      const count = workOptions.concurrency ?? 1;
      const interval = workOptions.pollingIntervalSeconds ?? 2;
      const wakeIdle = () => {
        const idle = ids.findIndex((_, j) => !busy.has(j));
        if (idle >= 0) boss.notifyWorker(ids[idle]!);
      };
      for (let i = 0; i < count; i++) {
        ids.push(await boss.work(name, { pollingIntervalSeconds: count > 1 ? Math.max(interval, IDLE_WORKER_POLL_SECONDS) : interval, batchSize: 1 }, async (jobs) => {
          busy.add(i);
          wakeIdle();
          try {
            for (const job of jobs) await handler(job as Job<any>);
          } finally {
            busy.delete(i);
          }
        }));
      }
      const timer = count > 1 ? setInterval(wakeIdle, interval * 1000) : undefined;
      timer?.unref();
      return async () => {
        clearInterval(timer);
        for (const id of ids) await boss.offWork({ id });
      };
    },
    async schedule(name, cron, data) {
      known(name);
      await ready();
      await boss.schedule(name, cron, data ?? {}, { tz: 'UTC' });
    },
    async fail(name, id) {
      known(name);
      await ready();
      await boss.fail(name, id);
    },
    async stop(stopOptions = {}) {
      if (stopped || !started) return;
      stopped = true;
      await started;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: stopOptions.graceMs ?? 30_000 });
      // The completions of the last jobs (see trackedExecutor) end before the store may be closed.
      await db.settled();
    },
  };
}
