import { generateApiKey } from '../../../server/domain/api-key-format.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createLinkToken, flowCall, sandboxCredentials } from '../connect/connect-helpers.ts';

const RATE_LIMITED = 'Rate limit exceeded';

describe.each(STORE_NAMES)('throttling outside the per-key budget (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { throttle: { failedAuthPerMinute: 5, flowPerMinute: 8, linkAttempts: 3 }, config: { rateLimitPerMinute: 20 } });
    key = (await createTestKey(app.deps, await createTestTenant(store))).key;
  });
  afterAll(() => app.close());

  describe('POST /flow/v1/connect', () => {
    describe('past the attempts allowed per link', () => {
      it('answers 429 PLATFORM.RATE_LIMIT_EXCEEDED with a message and a cool-down', async () => {
        const fresh = await startApp(store, { throttle: { linkAttempts: 3 } });
        try {
          const token = await createLinkToken(fresh, key);
          const attempt = () =>
            flowCall(fresh, '/connect', token, { method: 'POST', body: { tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'invalid' }) } });
          const outcomes = [];
          for (let i = 0; i < 3; i++) outcomes.push((await attempt()).body.data?.outcome);
          const res = await attempt();
          expect(outcomes).toStrictEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials']);
          expect([res.status, res.body]).toStrictEqual([
            429,
            errorEnvelope(
              'PLATFORM.RATE_LIMIT_EXCEEDED',
              RATE_LIMITED,
              'Too many attempts to connect with this link. For your security, wait 15 minutes before trying again.',
            ),
          ]);
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
        } finally {
          await fresh.close();
        }
      });

      it('counts each link separately', async () => {
        const fresh = await startApp(store, { throttle: { linkAttempts: 1 } });
        try {
          const wrong = { tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'invalid' }) };
          const first = await createLinkToken(fresh, key);
          await flowCall(fresh, '/connect', first, { method: 'POST', body: wrong });
          const second = await createLinkToken(fresh, key);
          expect((await flowCall(fresh, '/connect', second, { method: 'POST', body: wrong })).status).toBe(200);
        } finally {
          await fresh.close();
        }
      });
    });
  });

  describe('/flow/v1 from one client address', () => {
    it('answers 429 past the per-address limit', async () => {
      const statuses = [];
      for (let i = 0; i < 9; i++) statuses.push((await flowCall(app, '/session', 'no-such-link')).status);
      expect(statuses.slice(0, 8).every((s) => s === 404)).toBe(true);
      expect(statuses[8]).toBe(429);
    });
  });

  describe('/v1 with many valid requests at once from one client address', () => {
    it('answers every one: only failed authentications count toward the address limit', async () => {
      const fresh = await startApp(store, { throttle: { failedAuthPerMinute: 1 } });
      try {
        const own = (await createTestKey(fresh.deps, await createTestTenant(store))).key;
        const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await call(`${fresh.url}/v1/check-api-key`, own)).status));
        expect(statuses).toStrictEqual(Array(20).fill(200));
      } finally {
        await fresh.close();
      }
    });
  });

  describe('/v1 with unknown keys from one client address', () => {
    it('answers 429 after the allowed failures, and a valid key keeps its own budget', async () => {
      const fresh = await startApp(store, { throttle: { failedAuthPerMinute: 3 }, config: { rateLimitPerMinute: 5 } });
      try {
        const own = (await createTestKey(fresh.deps, await createTestTenant(store))).key;
        const valid = await call(`${fresh.url}/v1/check-api-key`, own);
        const failures = [];
        for (let i = 0; i < 4; i++) failures.push((await call(`${fresh.url}/v1/check-api-key`, generateApiKey('development'))).status);
        const limited = await call(`${fresh.url}/v1/check-api-key`, generateApiKey('development'));
        expect([valid.status, valid.headers.get('ratelimit-remaining')]).toStrictEqual([200, '4']);
        expect(failures).toStrictEqual([401, 401, 401, 429]);
        expect([limited.status, limited.body]).toStrictEqual([
          429,
          errorEnvelope('PLATFORM.RATE_LIMIT_EXCEEDED', RATE_LIMITED, expect.stringMatching(/^Too many failed authentications from this address\. Try again in \d+ seconds\.$/)),
        ]);
      } finally {
        await fresh.close();
      }
    });
  });
});

describe('/v1 with unknown keys past the failure limit', () => {
  let own: Store;
  let app: TestApp;
  beforeAll(async () => {
    own = await openStore({});
    app = await startApp(own, { throttle: { failedAuthPerMinute: 2 } });
  });
  afterAll(() => app.close());

  it('answers 429 without reading the database', async () => {
    for (let i = 0; i < 2; i++) expect((await call(`${app.url}/v1/check-api-key`, generateApiKey('development'))).status).toBe(401);
    // With the database gone, any read would answer 500: the limiter must answer first.
    await own.close();
    const res = await call(`${app.url}/v1/check-api-key`, generateApiKey('development'));
    expect([res.status, res.body.error.code]).toStrictEqual([429, 'PLATFORM.RATE_LIMIT_EXCEEDED']);
  });
});
