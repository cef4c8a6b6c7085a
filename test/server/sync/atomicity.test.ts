import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';
import { commitStaged, stageSnapshot } from '../../../server/domain/sync/commit-snapshot.ts';
import { dropStage } from '../../../server/store/queries/hris-records.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, syncNow, syncedIntegration, testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** The Sandbox, changed by `edit` before the sync sees it. */
const editedSandbox = (edit: (s: Awaited<ReturnType<DataSource['readHris']>>) => void): DataSource => ({
  readModels: sandboxDataSource.readModels,
  async readHris(ctx) {
    const snapshot = await sandboxDataSource.readHris(ctx);
    edit(snapshot);
    return snapshot;
  },
});

describe.each(STORE_NAMES)('sync atomicity (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;

  async function everything(id: string): Promise<string> {
    const rows = await app.deps.db.selectFrom('hris_records').select(['model', 'id', 'body', 'changed_at', 'updated_at', 'remote_deleted_at'])
      .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute();
    return JSON.stringify(rows);
  }

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant, 'production'));
  });
  afterAll(() => app.close());

  describe('with a source that fails', () => {
    it('records the failed run and leaves the synced data untouched', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      clock.advance(20 * DAY_MS);
      const failing: DataSource = { readModels: sandboxDataSource.readModels, readHris: async () => Promise.reject(new Error('HR system answered 502')) };
      await syncNow(app.deps, id, { sourceFor: () => failing });
      expect(await everything(id)).toBe(before);
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last).toMatchObject({ status: 'FAILED', error: 'HR system answered 502', trigger: 'FORCED', counts: null });
    });
  });

  describe('with a record the store refuses after thousands of rows were written', () => {
    it('keeps nothing of the sync', async () => {
      const id = await createTestIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '1000' } });
      // Staffing entities are written last; a NUL byte is refused by PostgreSQL text columns.
      const poisoned = editedSandbox((s) => s.staffingEntities.push({ ...s.staffingEntities[0]!, remoteId: 'bad\u0000id' }));
      await syncNow(app.deps, id, { sourceFor: () => poisoned });
      expect(await everything(id)).toBe('[]');
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last?.status).toBe('FAILED');
      const integration = await app.deps.db.selectFrom('integrations').select('setup_status').where('id', '=', id).executeTakeFirstOrThrow();
      expect(integration.setup_status).toBe('FINAL_SYNC_PENDING');
    });
  });

  describe('with a record that disappears and comes back', () => {
    it('marks it deleted, then clears the mark and moves changed_at', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const victim = (await app.deps.db.selectFrom('hris_records').select(['id', 'remote_id']).where('integration_id', '=', id)
        .where('model', '=', 'locations').executeTakeFirstOrThrow());
      const read = async () => (await call(`${app.url}/v1/hris/locations?include_deleted=true&ids=${victim.id}`, key, { headers: integrationHeader(id) })).body.data.results[0];
      clock.advance(DAY_MS);
      const t1 = clock().toISOString();
      await syncNow(app.deps, id, { sourceFor: () => editedSandbox((s) => { s.locations = s.locations.filter((l) => l.remoteId !== victim.remote_id); }) });
      expect(await read()).toMatchObject({ id: victim.id, remote_deleted_at: t1 });
      clock.advance(DAY_MS);
      const t2 = clock().toISOString();
      await syncNow(app.deps, id);
      expect(await read()).toMatchObject({ id: victim.id, remote_deleted_at: null, changed_at: t2 });
    });
  });

  describe('with another sync committing between planning and writing', () => {
    it('plans again inside the transaction and stores what an undisturbed sync stores', async () => {
      const quiet = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'replan' } });
      const busy = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'replan' } });
      clock.advance(30 * DAY_MS);
      await syncNow(app.deps, quiet);
      const sync = testSyncDeps(app.deps);
      const credentials = { company_size: '50', seed: 'replan' };
      const snapshot = await sandboxDataSource.readHris({ integrationId: busy, credentials, now: clock(), type: 'FULL', since: null });
      const prepared = await prepareSnapshot(busy, snapshot);
      const staged = await stageSnapshot(sync, busy, prepared, clock(), randomUUID());
      // Another instance commits a sync of the same integration right now: the staged plan is stale
      // (applying it would insert the new hires a second time).
      await syncNow(app.deps, busy);
      const { replanned } = await commitStaged(sync, busy, prepared, clock(), staged);
      await dropStage(app.deps.db, busy, staged.stageId);
      expect(replanned).toBe(true);
      const shape = async (id: string) =>
        JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'remote_id', 'own_hash', 'changed_at', 'updated_at', 'remote_deleted_at'])
          .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());
      expect(await shape(busy)).toBe(await shape(quiet));
    });
  });
});
