import { requestSync } from '../../../server/domain/sync/queue.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { createTestTenant, TEST_SECRET, testDeps } from '../../helpers/app.ts';
import { type Spawned, spawnEntry, waitUntil } from '../../helpers/cli.ts';
import { finishedRun } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { type ScratchDatabase, scratchDatabase } from '../../helpers/scratch-database.ts';
import { STORE_NAMES, workerPostgresUrl } from '../../helpers/stores.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('two `npm run worker` processes on one PostgreSQL', () => {
  let database: ScratchDatabase;
  let store: Store;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    // A database of this test's own: the workers' sweeps and queue see only its runs.
    database = await scratchDatabase(workerPostgresUrl(), 'plugboard_workers');
    store = await openStore({ databaseUrl: database.url, poolSize: 4 });
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await store.close();
    await database.drop();
  });

  it('runs each sync exactly once, however often it is forced meanwhile', async () => {
    const deps = await testDeps(store, { jobSchema: 'pgboss' });
    try {
      const tenant = await createTestTenant(store);
      const ids = await Promise.all([1, 2, 3, 4].map(() => createTestIntegration(deps, tenant, { credentials: { company_size: '1000' } })));
      const syncIds = [];
      for (const id of ids) syncIds.push((await requestSync(deps, id, 'FULL', 'INITIAL')).syncId);
      const env = { DATABASE_URL: database.url, SECRET_KEY: TEST_SECRET.toString('hex'), LOG_LEVEL: 'info' };
      for (let i = 0; i < 2; i++) workers.push(spawnEntry('server/worker.ts', [], env));
      await waitUntil(() => workers.every((w) => w.output().includes('Plugboard worker running')), 'both workers to run', 60_000);
      // Forced again while queued or running: each answer joins the sync in progress.
      const again = await Promise.all(ids.map((id) => requestSync(deps, id, 'FULL', 'FORCED')));
      for (const syncId of [...syncIds, ...again.map((r) => r.syncId)]) await finishedRun(deps, syncId, 120_000);

      for (const id of ids) {
        const runs = await store.db.selectFrom('sync_runs').select(['status', 'worker']).where('integration_id', '=', id).execute();
        const version = await store.db.selectFrom('hris_data_versions').select('version').where('integration_id', '=', id).executeTakeFirstOrThrow();
        // Every committed sync bumps the data version once: a sync run twice would show here.
        expect([runs.every((r) => r.status === 'SUCCEEDED'), Number(version.version)]).toStrictEqual([true, runs.length]);
      }
    } finally {
      await deps.jobs.stop({ graceMs: 1000 });
    }
  }, 240_000);
});
