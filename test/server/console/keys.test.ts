import { listAudit } from '../../../server/domain/audit.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, signedIn } from './console-client.ts';

describe.each(STORE_NAMES)('API keys in the console (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let developer: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    developer = await addConsoleUser(app.deps, tenant.id, 'developer');
  });

  describe('POST /dashboard/api/environments/development/api-keys', () => {
    it('answers a working key once and audits its creation with the user as actor', async () => {
      const client = await signedIn(app.url, developer.email, tenant.id);
      const res = await client.request('POST', '/environments/development/api-keys', { name: 'from the console' });
      expect(res.body.data.key).toMatch(/^ks_dev_/);
      expect((await call(`${app.url}/v1/check-api-key`, res.body.data.key)).status).toBe(200);
      const rows = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'api_key.created');
      expect(rows).toMatchObject([{ actor: `user:${developer.id}`, source: 'console', targetId: res.body.data.api_key.id }]);
      expect((await client.request('GET', '/environments/development/api-keys')).body.data.results[0]).not.toHaveProperty('key');
    });
  });

  describe('POST /dashboard/api/environments/development/api-keys/:id/disable with a production key', () => {
    it('answers 400 as for an unknown key and leaves the key working', async () => {
      const admin = await addConsoleUser(app.deps, tenant.id, 'admin');
      const client = await signedIn(app.url, admin.email, tenant.id);
      const { key, id } = await createTestKey(app.deps, tenant, 'production');
      const res = await client.request('POST', `/environments/development/api-keys/${id}/disable`);
      expect([res.status, res.body.error.message]).toStrictEqual([400, `No API key with ID '${id}' exists.`]);
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    });
  });
});
