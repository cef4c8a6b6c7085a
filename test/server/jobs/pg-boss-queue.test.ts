import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgBossQueue, type PgBossQueue } from '../../../server/jobs/pg-boss-queue.ts';
import { createLogger } from '../../../server/logger.ts';
import type { Store } from '../../../server/store/db.ts';
import { waitUntil } from '../../helpers/cli.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const QUEUE = 'work';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store, with every statement it answers for the queue counted (parameterised ones: pg-boss's fetches among them). */
function counted(store: Store): { store: Store; statements: () => number; answered: () => number; reset: () => void } {
  let n = 0;
  let total = 0;
  const db = store.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      total++;
      return args.result;
    },
  });
  return { store: { ...store, db }, statements: () => n, answered: () => total, reset: () => (n = 0) };
}

describe.each(STORE_NAMES)('the pg-boss job queue (%s)', (storeName) => {
  let queue: PgBossQueue | undefined;
  afterEach(async () => {
    await queue?.stop({ graceMs: 0 });
    queue = undefined;
  });

  let schema = '';
  const open = async () => {
    const c = counted(await sharedStore(storeName));
    schema = `pgboss_${crypto.randomBytes(6).toString('hex')}`;
    queue = createPgBossQueue(c.store, { queues: { [QUEUE]: {} }, logger: createLogger('silent'), schema, supervise: false });
    await queue.start();
    return { queue, ...c };
  };

  it('asks the store about once per polling interval while the queue is empty, however many workers it has', async () => {
    const { queue, statements, reset } = await open();
    await queue.work(QUEUE, async () => {}, { concurrency: 8, pollingIntervalSeconds: 0.5 });
    reset();
    await sleep(4_000);
    // 8 workers polling on their own would fetch 8 times per half second: about 64 statements here.
    // One wake-up per interval makes about 8; the margin covers each worker's first fetch at its start.
    expect(statements()).toBeGreaterThanOrEqual(4);
    expect(statements()).toBeLessThanOrEqual(24);
  });

  it('takes up a job sent while another worker is busy within the polling interval, not the idle workers\' own', async () => {
    const { queue } = await open();
    const started: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await queue.work<{ name: string }>(QUEUE, async (job) => {
      started.push(job.data.name);
      if (job.data.name === 'slow') await held;
    }, { concurrency: 2, pollingIntervalSeconds: 0.5 });
    try {
      await queue.send(QUEUE, { name: 'slow' });
      await waitUntil(() => started.includes('slow'), 'the slow job to start', 25_000);
      // The other worker fetched when the slow job was taken and found nothing: it is idle from now on.
      await sleep(1_000);
      await queue.send(QUEUE, { name: 'next' });
      // Woken by the queue's interval (0.5 s), not by its own rare poll (a minute).
      await waitUntil(() => started.includes('next'), 'the second job to start while the first runs', 10_000);
    } finally {
      release();
    }
  });

  it('has had every statement of its last job answered when it has stopped, however slowly the store answers', async () => {
    const { queue, store, answered } = await open();
    const shared = await sharedStore(storeName);
    let ran = false;
    let locked!: Promise<void>;
    const stopWorker = await queue.work(QUEUE, async (job) => {
      // pg-boss marks the job completed after this returns: the job's row is held for 2 s meanwhile (on
      // the embedded store the whole store is: its transactions take its one connection).
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      locked = shared.db.transaction().execute(async (trx) => {
        await sql`select id from ${sql.table(`${schema}.job`)} where id = ${job.id} for update`.execute(trx);
        holding();
        await sleep(2_000);
      });
      await held;
      ran = true;
    }, { pollingIntervalSeconds: 0.5 });
    const id = await queue.send(QUEUE, {});
    await waitUntil(() => ran, 'the job to run', 25_000);
    await stopWorker();
    await queue.stop({ graceMs: 5_000 });
    const answeredAtStop = answered();
    await locked;
    await sleep(200);
    // Nothing the queue sent was still waiting for its answer: the completion came before the stop.
    expect(answered()).toBe(answeredAtStop);
    const { rows } = await sql<{ state: string }>`select state from ${sql.table(`${schema}.job`)} where id = ${id}`.execute(store.db);
    expect(rows).toStrictEqual([{ state: 'completed' }]);
  });

  it('runs a burst of jobs on as many workers at once', async () => {
    const { queue } = await open();
    let running = 0;
    let most = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await queue.work(QUEUE, async () => {
      running++;
      most = Math.max(most, running);
      await held;
      running--;
    }, { concurrency: 4, pollingIntervalSeconds: 0.5 });
    try {
      for (let i = 0; i < 4; i++) await queue.send(QUEUE, { i });
      await waitUntil(() => most === 4, 'four jobs running at once', 25_000);
    } finally {
      release();
    }
    await waitUntil(() => running === 0, 'the jobs to finish', 25_000);
  });
});
