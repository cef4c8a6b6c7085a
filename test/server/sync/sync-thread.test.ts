import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadConfig } from '../../../server/config.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { createLogger } from '../../../server/logger.ts';
import { type RunningServer, startServer } from '../../../server/start.ts';
import { openStore } from '../../../server/store/db.ts';
import { currentThreadId } from '../../../server/threads/thread-priority.ts';
import { nicenessOf, threadIds } from '../../helpers/threads.ts';
import { findRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant } from '../../helpers/app.ts';
import { tempDataDir } from '../../helpers/cli.ts';
import { finishedRun } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { scratchDatabase } from '../../helpers/scratch-database.ts';
import { STORE_NAMES, type StoreName, workerPostgresUrl } from '../../helpers/stores.ts';

/** A server's own store: a fresh data directory, or a fresh PostgreSQL database (its job queue's schema is the default one). */
async function ownStore(name: StoreName): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = tempDataDir('plugboard-sync-thread');
  if (name === 'pglite') return { env: { DATA_DIR: dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const database = await scratchDatabase(workerPostgresUrl(), 'plugboard_thread');
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: database.url, SECRET_KEY: crypto.randomBytes(32).toString('hex') },
    drop: async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(STORE_NAMES)('the server on %s runs syncs in a thread of their own', (name) => {
  let server: RunningServer;
  let store: Awaited<ReturnType<typeof ownStore>>;

  beforeAll(async () => {
    store = await ownStore(name);
    server = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...store.env }), createLogger('silent'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await store?.drop();
  }, 60_000);

  it('answers /v1/check-api-key and /healthz while a 10,000-employee sync runs, and the sync completes', async () => {
    const { deps } = server;
    const tenant = await createTestTenant(server.store);
    const { key } = await createTestKey(deps, tenant);
    const id = await createTestIntegration(deps, tenant, { credentials: { company_size: '10000' } });
    const { syncId } = await requestSync(deps, id, 'FULL', 'INITIAL');
    for (let run = await findRun(deps.db, syncId); run?.status !== 'RUNNING'; run = await findRun(deps.db, syncId)) {
      expect(run?.status).toBe('QUEUED');
      await new Promise((r) => setTimeout(r, 20));
    }

    const answers: number[] = [];
    for (let i = 0; i < 20; i++) {
      answers.push((await call(`${server.url}/v1/check-api-key`, key)).status);
      answers.push((await fetch(`${server.url}/healthz`)).status);
    }
    const during = await findRun(deps.db, syncId);
    // Every request answered while the sync was still running, and the sync runs in the sync thread, not the API's.
    expect({ answers, status: during?.status, worker: during?.worker }).toStrictEqual({
      answers: Array(40).fill(200),
      status: 'RUNNING',
      worker: expect.stringMatching(new RegExp(`^pid-${process.pid}-sync-thread-[1-9]\\d*$`)),
    });

    const done = await finishedRun(deps, syncId, 180_000);
    const employees = await deps.db
      .selectFrom('hris_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('integration_id', '=', id)
      .where('model', '=', 'employees')
      .executeTakeFirstOrThrow();
    // The Sandbox's 10,000 are its current staff; former employees come on top.
    expect([done.status, Number(employees.n) >= 10_000]).toStrictEqual(['SUCCEEDED', true]);
  }, 240_000);

  it('runs the sync thread at a lower CPU priority than the API (Linux: each thread has its own niceness)', () => {
    const own = currentThreadId()!;
    // Threads at a lower priority than the API's thread (this one): the sync thread alone.
    const background = threadIds().filter((tid) => nicenessOf(tid) > nicenessOf(own));
    expect(background).toHaveLength(1);
  });

  it('lets the running sync finish when the server stops', async () => {
    const { deps } = server;
    const tenant = await createTestTenant(server.store);
    const id = await createTestIntegration(deps, tenant, { credentials: { company_size: '1000' } });
    const { syncId } = await requestSync(deps, id, 'FULL', 'INITIAL');
    for (let run = await findRun(deps.db, syncId); run?.status !== 'RUNNING'; run = await findRun(deps.db, syncId)) await new Promise((r) => setTimeout(r, 20));
    await server.stop();
    const reopened = await openStore({ dataDir: store.env.DATA_DIR, databaseUrl: store.env.DATABASE_URL, migrate: false });
    try {
      expect((await findRun(reopened.db, syncId))?.status).toBe('SUCCEEDED');
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
