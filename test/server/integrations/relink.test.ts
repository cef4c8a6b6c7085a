import { Kombo } from '@kombo-api/sdk';
import { loadIntegrationCredentials } from '../../../server/domain/integrations.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createSandboxIntegration, sandboxCredentials, tokenOf } from '../connect/connect-helpers.ts';
import { schemaErrors } from './kombo-schemas.ts';
import { findActiveRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { runQueuedSync } from '../../helpers/hris.ts';

describe.each(STORE_NAMES)('POST /v1/integrations/{integration_id}/relink (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const relink = (id: string, body: unknown = {}) => call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/relink`, devKey, { method: 'POST', body });
  const integrationIds = async () =>
    (await store.db.selectFrom('integrations').select('id').where('environment_id', '=', tenant.environments.development).execute()).map((r) => r.id);

  describe('through the official SDK', () => {
    it('answers a flow link', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.general.createReconnectionLink({ integration_id: id, body: { language: 'it', link_type: 'MAGIC_LINK' } });
      expect([result, schemaErrors('PostIntegrationsIntegrationIdRelinkPositiveResponse', result)]).toStrictEqual([
        { status: 'success', data: { link: expect.stringMatching(/\/flow\?token=[0-9A-Za-z]{40}$/) } },
        [],
      ]);
    });
  });

  describe('when its flow completes', () => {
    it('replaces the credentials of the same integration instead of creating one', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const activation = await connectSandbox(app, tokenOf((await relink(id)).body.data.link), sandboxCredentials({ api_key: 'rotated-key', company_subdomain: 'newco' }));
      const exchanged = await call(`${app.url}/v1/connect/integration-by-token/${activation}`, devKey);
      expect([exchanged.body.data.id, await integrationIds(), (await loadIntegrationCredentials(app.deps, id)).api_key]).toStrictEqual([id, [id], 'rotated-key']);
    });

    it('reactivates an INACTIVE integration', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/enabled`, devKey, { method: 'PUT', body: { value: false } });
      await connectSandbox(app, tokenOf((await relink(id)).body.data.link));
      const row = await store.db.selectFrom('integrations').select(['status', 'inactive_reason']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toStrictEqual({ status: 'ACTIVE', inactive_reason: null });
    });

    it('queues a sync of the relinked integration with the new credentials', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await runQueuedSync(app.deps, (await findActiveRun(store.db, id))!.id);
      await connectSandbox(app, tokenOf((await relink(id)).body.data.link));
      expect(await findActiveRun(store.db, id)).toMatchObject({ status: 'QUEUED', trigger: 'INITIAL' });
    });

    it('keeps the old credentials when the new ones are rejected', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const link = tokenOf((await relink(id)).body.data.link);
      const res = await call(`${app.url}/flow/v1/connect`, null, {
        method: 'POST',
        headers: { 'X-Plugboard-Link': link },
        body: { tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'invalid' }) },
      });
      expect([res.body.data.outcome, (await loadIntegrationCredentials(app.deps, id)).api_key]).toStrictEqual(['invalid_credentials', 'sk-sandbox-secret-4711']);
    });
  });

  describe('with an unknown scope_config_id', () => {
    it('answers 400 PLATFORM.INPUT_INVALID', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const res = await relink(id, { scope_config_id: 'nope' });
      expect([res.status, res.body.error.code, res.body.error.message]).toStrictEqual([400, 'PLATFORM.INPUT_INVALID', expect.stringMatching(/^Unknown scope_config_id 'nope'/)]);
    });
  });

  describe('with an invalid body', () => {
    it('answers 400 naming the field', async () => {
      const id = await createSandboxIntegration(app, devKey);
      expect((await relink(id, { link_type: 'SMS' })).body).toStrictEqual(
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: link_type must be one of "EMBEDDED", "MAGIC_LINK" (got "SMS").'),
      );
    });
  });

  describe('with an unknown integration', () => {
    it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
      expect((await relink('sandbox:missing')).body.error.code).toBe('PLATFORM.INTEGRATION_NOT_FOUND');
    });
  });
});
