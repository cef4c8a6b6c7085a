import { sql } from 'kysely';
import { maintainEmbeddedStore } from '../../../server/domain/store-maintenance.ts';
import { startStoreMaintenanceWorker } from '../../../server/jobs/store-maintenance.worker.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { createTestTenant, testDeps } from '../../helpers/app.ts';
import { runSync } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';

/** The statistics PostgreSQL keeps of the probe table, as the planner and autovacuum's rules read them. */
async function probeStats(store: Store) {
  await sql`select pg_stat_force_next_flush()`.execute(store.db);
  const { rows } = await sql<{ dead: number; changed: number; analyzed: boolean; estimate: number }>`
    select s.n_dead_tup::int as dead, s.n_mod_since_analyze::int as changed, s.last_analyze is not null as analyzed, c.reltuples::int as estimate
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.relname = 'maintenance_probe'
  `.execute(store.db);
  return rows[0]!;
}

// The embedded store has no autovacuum daemon; its own job keeps statistics and dead rows in check.
describe('the embedded store\'s autovacuum', () => {
  let store: Store;

  beforeAll(async () => {
    // A store of its own: the shared one's tables hold whatever other files left, this one's only the probe's rows.
    store = await openStore({});
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await sql`drop table if exists maintenance_probe`.execute(store.db);
    await sql`create table maintenance_probe (id integer primary key, v text not null)`.execute(store.db);
    await sql`insert into maintenance_probe select g, 'a' from generate_series(1, 500) g`.execute(store.db);
  });

  it('analyzes a table once enough of it changed, so the planner knows its size, and then leaves it alone', async () => {
    expect(await probeStats(store)).toMatchObject({ analyzed: false, changed: 500 });
    const done = await maintainEmbeddedStore(store.db);
    expect(done).toContainEqual({ table: 'public.maintenance_probe', step: 'analyze' });
    expect(await probeStats(store)).toMatchObject({ analyzed: true, changed: 0, estimate: 500 });

    // 100 changes of 500 rows stay under 50 + 10%: nothing to do.
    await sql`update maintenance_probe set v = 'b' where id <= 100`.execute(store.db);
    expect((await maintainEmbeddedStore(store.db)).map((d) => d.table)).not.toContain('public.maintenance_probe');
  });

  it('vacuums a table whose dead rows passed 50 plus a fifth of its rows', async () => {
    await sql`update maintenance_probe set v = 'b'`.execute(store.db);
    expect((await probeStats(store)).dead).toBe(500);
    expect(await maintainEmbeddedStore(store.db)).toContainEqual({ table: 'public.maintenance_probe', step: 'vacuum' });
    expect(await probeStats(store)).toMatchObject({ dead: 0, analyzed: true, changed: 0 });
  });

  it('runs right after a sync that changed records, without waiting for its next five-minute tick', async () => {
    const deps = await testDeps(store);
    const stop = await startStoreMaintenanceWorker(deps);
    try {
      // The run at start analyzes the probe; then 200 of its 500 rows change (over 50 + 10%), which the next run analyzes.
      await vi.waitFor(async () => expect((await probeStats(store)).analyzed).toBe(true), { timeout: 20_000, interval: 200 });
      await sql`update maintenance_probe set v = 'c' where id <= 200`.execute(store.db);
      expect((await probeStats(store)).changed).toBe(200);

      const tenant = await createTestTenant(store);
      const id = await createTestIntegration(deps, tenant);
      const run = await runSync(deps, id, 'FULL', 'INITIAL', { storeKind: deps.storeKind });
      expect(run.status).toBe('SUCCEEDED');
      // Within seconds, not at the next five-minute tick (a tick that happens to fall in these seconds would
      // pass this without the sync; a wait for no change here would fail whenever one did).
      await vi.waitFor(async () => expect((await probeStats(store)).changed).toBe(0), { timeout: 20_000, interval: 200 });
    } finally {
      await stop();
      await deps.jobs.stop({ graceMs: 1000 });
    }
  });

  it('runs as a job as soon as the workers start, without waiting for its first five-minute tick', async () => {
    const deps = await testDeps(store);
    const stop = await startStoreMaintenanceWorker(deps);
    try {
      await vi.waitFor(async () => expect((await probeStats(store)).analyzed).toBe(true), { timeout: 20_000, interval: 200 });
    } finally {
      await stop();
      await deps.jobs.stop({ graceMs: 1000 });
    }
  });
});
