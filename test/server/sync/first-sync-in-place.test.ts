import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { streamPlan, writePlanned } from '../../../server/domain/sync/apply.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';
import { commitSnapshot } from '../../../server/domain/sync/commit-snapshot.ts';
import { hrisWireMappers } from '../../../server/http/mappers/hris/index.ts';
import { dropUncommittedRecords, readDataVersion } from '../../../server/store/queries/hris-records.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, syncNow, syncedIntegration, testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/**
 * An integration's first sync on the embedded store's path (the test deps name no store kind, so both
 * stores take it) writes its rows in place before it commits data version 1.
 */
describe.each(STORE_NAMES)('a first sync written in place (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;

  const shape = async (id: string) =>
    JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'seq', 'remote_id', 'own_hash', 'changed_at', 'updated_at', 'remote_deleted_at'])
      .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());
  const rowCount = async (id: string) => Number((await app.deps.db.selectFrom('hris_records').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('integration_id', '=', id).executeTakeFirstOrThrow()).n);

  /** Writes a plan of `id`'s Sandbox company in place, as a first sync does, without committing it. */
  async function writeUncommitted(id: string, seed: string): Promise<void> {
    const credentials = { company_size: '30', seed };
    const snapshot = await sandboxDataSource.readHris({ integrationId: id, credentials, now: clock(), type: 'FULL', since: null });
    const { byModel, lookup } = await prepareSnapshot(id, snapshot);
    await streamPlan(app.deps.db, id, byModel, lookup, hrisWireMappers, clock(), {}, (writes) => writePlanned(app.deps.db, id, writes));
  }

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant, 'production'));
  });
  afterAll(() => app.close());

  it('never serves rows of a first sync that died before committing, and the next sync replaces them with its snapshot', async () => {
    const quiet = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '30', seed: 'in-place' } });
    const died = await createTestIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '30', seed: 'in-place' } });
    // A company the next read no longer returns: none of its records may survive, not even as deleted ones.
    await writeUncommitted(died, 'another company');
    expect(await rowCount(died)).toBeGreaterThan(30);
    expect(await readDataVersion(app.deps.db, died)).toBe(0);
    // Reads of an integration whose setup completed (say, by an operator) still see no snapshot before version 1.
    await app.deps.db.updateTable('integrations').set({ setup_status: 'COMPLETED' }).where('id', '=', died).execute();
    const served = await call(`${app.url}/v1/hris/employees`, key, { headers: integrationHeader(died) });
    expect([served.status, served.body.data]).toStrictEqual([200, { next: null, results: [] }]);

    await syncNow(app.deps, died);
    expect(await readDataVersion(app.deps.db, died)).toBe(1);
    expect(await shape(died)).toBe(await shape(quiet));
    const after = await call(`${app.url}/v1/hris/employees?page_size=5`, key, { headers: integrationHeader(died) });
    expect(after.body.data.results).toHaveLength(5);
  });

  it('deletes rows only while no version is committed', async () => {
    const id = await createTestIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '30', seed: 'drop' } });
    await writeUncommitted(id, 'drop');
    await dropUncommittedRecords(app.deps.db, id);
    expect(await rowCount(id)).toBe(0);
    await syncNow(app.deps, id);
    const committed = await shape(id);
    expect(await rowCount(id)).toBeGreaterThan(30);
    await dropUncommittedRecords(app.deps.db, id);
    expect(await shape(id)).toBe(committed);
  });

  it('commits at most one of two first syncs running at once, and only whole', async () => {
    const quiet = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '30', seed: 'twice' } });
    const id = await createTestIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '30', seed: 'twice' } });
    const credentials = { company_size: '30', seed: 'twice' };
    const snapshot = await sandboxDataSource.readHris({ integrationId: id, credentials, now: clock(), type: 'FULL', since: null });
    const sync = testSyncDeps(app.deps);
    const outcomes = await Promise.allSettled([1, 2].map(async () => commitSnapshot(sync, id, await prepareSnapshot(id, structuredClone(snapshot)), clock())));
    const committed = outcomes.filter((o) => o.status === 'fulfilled');
    expect(committed.length).toBeLessThanOrEqual(1);
    const version = await readDataVersion(app.deps.db, id);
    expect(version).toBe(committed.length);
    if (version === 0) expect(await rowCount(id)).toBe(0);
    else expect(await shape(id)).toBe(await shape(quiet));
  });
});
