import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)('per-key rate limit (%s)', (storeName) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { rateLimitPerMinute: 3 } });
  });
  afterAll(() => app.close());

  describe('past RATE_LIMIT_PER_MINUTE requests', () => {
    it('answers 429 PLATFORM.RATE_LIMIT_EXCEEDED with Retry-After', async () => {
      const { key } = await createTestKey(app.deps, await createTestTenant(await sharedStore(storeName)));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(`${app.url}/v1/check-api-key`, key)).status);
      expect(statuses).toStrictEqual([200, 200, 200]);
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.status).toBe(429);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', 'Rate limit of 3 requests per minute exceeded for this API key.'),
      );
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
    });

    it('lets exactly RATE_LIMIT_PER_MINUTE of many concurrent requests through', async () => {
      const { key } = await createTestKey(app.deps, await createTestTenant(await sharedStore(storeName)));
      const statuses = await Promise.all(Array.from({ length: 12 }, async () => (await call(`${app.url}/v1/check-api-key`, key)).status));
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    });

    it('counts each key separately', async () => {
      const tenant = await createTestTenant(await sharedStore(storeName));
      const first = await createTestKey(app.deps, tenant);
      const second = await createTestKey(app.deps, tenant);
      for (let i = 0; i < 4; i++) await call(`${app.url}/v1/check-api-key`, first.key);
      expect((await call(`${app.url}/v1/check-api-key`, second.key)).status).toBe(200);
    });
  });
});
