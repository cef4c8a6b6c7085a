import { disableApiKey } from '../../../server/domain/api-keys.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, startApp, TEST_ACTOR, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('two app instances on one PostgreSQL', () => {
  let storeA: Store;
  let storeB: Store;
  let appA: TestApp;
  let appB: TestApp;

  beforeAll(async () => {
    storeA = await separatePostgresStore();
    storeB = await separatePostgresStore();
    appA = await startApp(storeA, { config: { rateLimitPerMinute: 4 } });
    appB = await startApp(storeB, { config: { rateLimitPerMinute: 4 } });
  });
  afterAll(async () => {
    await Promise.all([appA.close(), appB.close()]);
    await Promise.all([storeA.close(), storeB.close()]);
  });

  describe('when a key is disabled through one instance', () => {
    it('fails on the other instance on its very next request', async () => {
      const tenant = await createTestTenant(storeA);
      const { key, id } = await createTestKey(appA.deps, tenant);
      expect((await call(`${appB.url}/v1/check-api-key`, key)).status).toBe(200);
      await disableApiKey(appA.deps, TEST_ACTOR, tenant.id, id);
      const res = await call(`${appB.url}/v1/check-api-key`, key);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('The API key has been disabled. Create a new key.');
    });
  });

  describe('the rate limit', () => {
    it('is shared: requests through both instances count against one budget', async () => {
      const tenant = await createTestTenant(storeA);
      const { key } = await createTestKey(appA.deps, tenant);
      const statuses: number[] = [];
      for (const app of [appA, appB, appA, appB, appA]) statuses.push((await call(`${app.url}/v1/check-api-key`, key)).status);
      expect(statuses).toStrictEqual([200, 200, 200, 200, 429]);
    });

    it('stays exact under concurrent requests through both instances: the budget answered 200, the rest 429', async () => {
      const tenant = await createTestTenant(storeA);
      const { key } = await createTestKey(appA.deps, tenant);
      const statuses = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => (await call(`${(i % 2 ? appA : appB).url}/v1/check-api-key`, key)).status),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    });
  });
});
