import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader, runFirstSync, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createSandboxIntegration, flowCall, tokenOf } from '../connect/connect-helpers.ts';
import { type BambooFake, startBamboohrFake } from '../../fakes/bamboohr-fake.ts';
import { connectedIntegration, useFakes } from './connector-helpers.ts';

describe.each(STORE_NAMES)('integration health (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let fake: BambooFake;
  let key: string;
  const clock = testClock('2026-03-02T10:00:00.000Z');

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store), 'development'));
    fake = await startBamboohrFake({ employees: 5 });
    useFakes(app, { bamboohr: fake.url });
  });
  afterAll(async () => {
    await fake.close();
    await app.close();
  });

  const integration = async (id: string) => (await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key)).body.data;
  const lastRun = (id: string) =>
    store.db.selectFrom('sync_runs').select(['status', 'error']).where('integration_id', '=', id).orderBy('started_at', 'desc').executeTakeFirstOrThrow();
  /** Statuses of an integration's runs, counted (the test clock stands still, so runs share their start time). */
  const runCounts = async (id: string) => {
    const rows = await store.db.selectFrom('sync_runs').select('status').where('integration_id', '=', id).execute();
    return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  };
  const passthrough = (id: string, tool: string, api: string, body: unknown) =>
    call(`${app.url}/v1/passthrough/${tool}/${api}`, key, { method: 'POST', body, headers: integrationHeader(id) });

  describe('GET /v1/integrations/{id} after the tool revoked the credentials during a sync', () => {
    it('answers INVALID, and ACTIVE again after a relink with working credentials', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', { company_subdomain: 'acme', api_key: fake.apiKey });
      await runFirstSync(app.deps, id);
      fake.revokeKey();
      await syncNow(app.deps, id);
      expect([await runCounts(id), (await integration(id)).status]).toStrictEqual([{ SUCCEEDED: 1, FAILED: 1 }, 'INVALID']);

      const link = (await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/relink`, key, { method: 'POST', body: {} })).body.data.link;
      const res = await flowCall(app, '/connect', tokenOf(link), { method: 'POST', body: { tool: 'bamboohr', credentials: { company_subdomain: 'acme', api_key: fake.apiKey } } });
      expect(res.body.data.outcome).toBe('connected');
      expect((await integration(id)).status).toBe('ACTIVE');
      await syncNow(app.deps, id);
      expect(await runCounts(id)).toStrictEqual({ SUCCEEDED: 2, FAILED: 1 });
    });
  });

  describe('an integration whose ciphertext was copied from another integration', () => {
    async function tampered(): Promise<string> {
      const donor = await createSandboxIntegration(app, key);
      const victim = await createSandboxIntegration(app, key);
      const row = await store.db.selectFrom('integrations').select(['credentials_ciphertext']).where('id', '=', donor).executeTakeFirstOrThrow();
      await store.db.updateTable('integrations').set({ credentials_ciphertext: row.credentials_ciphertext }).where('id', '=', victim).execute();
      return victim;
    }

    it('answers passthrough with the documented error instead of 500 and becomes INVALID', async () => {
      const id = await tampered();
      const res = await passthrough(id, 'sandbox', 'v1', { method: 'GET', path: '/employees' });
      expect([res.status, res.body]).toStrictEqual([
        403,
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', `The stored credentials of integration '${id}' can no longer be used. Reconnect it with a relink link.`),
      ]);
      expect((await integration(id)).status).toBe('INVALID');
    });

    it('fails its sync with a status message free of crypto details, and logs the reason', async () => {
      const id = await tampered();
      await syncNow(app.deps, id, { logger: app.deps.logger });
      const run = await lastRun(id);
      expect(run).toStrictEqual({ status: 'FAILED', error: `The stored credentials of integration '${id}' can no longer be used. Reconnect it with a relink link.` });
      const status = await call(`${app.url}/v1/hris/sync-status`, key, { headers: integrationHeader(id) });
      expect(JSON.stringify(status.body)).not.toMatch(/authenticate|decipher|gcm|unsupported state/i);
      const lines = app.logs.filter((l) => l.includes(id));
      expect(lines.some((l) => l.includes('"reason":"credentials_unreadable"'))).toBe(true);
      expect(lines.join('\n')).not.toMatch(/authenticate data|decipher|Unsupported state/i);
      expect((await integration(id)).status).toBe('INVALID');
    });
  });

  describe('POST /v1/passthrough/bamboohr/api', () => {
    it("forwards to BambooHR's API with the integration's credentials", async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', { company_subdomain: 'acme', api_key: fake.apiKey });
      const res = await passthrough(id, 'bamboohr', 'api', { method: 'GET', path: '/v1/employees/101' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ url: `${fake.url}/api/v1/employees/101`, status: 200, data: { id: '101', firstName: 'Ben' } });
    });

    it('refuses a path that leaves the API', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', { company_subdomain: 'acme', api_key: fake.apiKey });
      const res = await passthrough(id, 'bamboohr', 'api', { method: 'GET', path: '/../../admin' });
      expect([res.status, res.body.error.code]).toStrictEqual([400, 'PLATFORM.INPUT_INVALID']);
    });
  });
});
