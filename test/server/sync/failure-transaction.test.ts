import { sql } from 'kysely';
import { RemoteError } from '../../../server/connectors/remote-error.ts';
import type { DataSource } from '../../../server/connectors/data-source.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { executeRun } from '../../../server/domain/sync/run-sync.ts';
import { findRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testSyncDeps } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** A tool that no longer accepts the integration's credentials. */
const rejecting: DataSource = {
  readModels: sandboxDataSource.readModels,
  readHris: async () => Promise.reject(new RemoteError('credentials_rejected', 'HR system answered 401')),
};

describe.each(STORE_NAMES)('a failed sync with credentials the tool rejects (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store);
    tenant = await createTestTenant(store);
  });
  afterAll(() => app.close());

  const events = (integrationId: string) =>
    app.deps.db.selectFrom('webhook_events').select('type').where('integration_id', '=', integrationId).orderBy('seq').execute().then((rows) => rows.map((r) => r.type));
  const status = async (integrationId: string) =>
    (await app.deps.db.selectFrom('integrations').select('status').where('id', '=', integrationId).executeTakeFirstOrThrow()).status;

  /**
   * Makes the store refuse this integration's `integration-state-changed` event: the last statement of
   * the failure record, after the run's failure and its `sync-finished` event were written.
   */
  async function refuseStateChangedEvent(integrationId: string): Promise<() => Promise<void>> {
    const name = `refuse_${integrationId.replace(/[^a-zA-Z0-9]/g, '_').toLowerCase()}`;
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.integration_id = '${integrationId}' and new.type = 'integration-state-changed' then
          raise exception 'store refused the event';
        end if;
        return new;
      end $$`).execute(app.deps.db);
    await sql.raw(`create trigger ${name} before insert on webhook_events for each row execute function ${name}()`).execute(app.deps.db);
    return async () => {
      await sql.raw(`drop trigger ${name} on webhook_events`).execute(app.deps.db);
      await sql.raw(`drop function ${name}()`).execute(app.deps.db);
    };
  }

  describe('when the store fails in the middle of recording the failure', () => {
    it('leaves neither the failed run, nor its sync-finished event, nor the INVALID state half-written', async () => {
      const id = await createTestIntegration(app.deps, tenant);
      const eventsBefore = await events(id);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      const run = (await findRun(app.deps.db, syncId))!;
      const restore = await refuseStateChangedEvent(id);
      try {
        await expect(executeRun(testSyncDeps(app.deps, { sourceFor: () => rejecting }), run)).rejects.toThrow('store refused the event');
      } finally {
        await restore();
      }
      expect((await findRun(app.deps.db, syncId))?.status).toBe(run.status);
      expect(await events(id)).toStrictEqual(eventsBefore);
      expect(await status(id)).toBe('ACTIVE');
    });
  });

  describe('when the store accepts the failure record', () => {
    it('commits the FAILED run with sync-finished, then INVALID with integration-state-changed', async () => {
      const id = await createTestIntegration(app.deps, tenant);
      const eventsBefore = await events(id);
      const { syncId } = await requestSync(app.deps, id, 'FULL', 'FORCED');
      const outcome = await executeRun(testSyncDeps(app.deps, { sourceFor: () => rejecting }), (await findRun(app.deps.db, syncId))!);
      expect(outcome).toMatchObject({ status: 'FAILED', error: 'HR system answered 401', remote: { kind: 'credentials_rejected' } });
      expect((await findRun(app.deps.db, syncId))?.status).toBe('FAILED');
      expect(await events(id)).toStrictEqual([...eventsBefore, 'sync-finished', 'integration-state-changed']);
      expect(await status(id)).toBe('INVALID');
    });
  });
});
