import { Kombo } from '@kombo-api/sdk';
import { KomboGeneralError } from '@kombo-api/sdk/models/errors';
import { disableApiKey } from '../../../server/domain/api-keys.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const AUTH_INVALID = 'Authentication invalid';

describe.each(STORE_NAMES)('GET /v1/check-api-key (%s)', (storeName) => {
  const clock = testClock();
  let app: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
  });

  describe('with a valid development key', () => {
    it('answers the environment and customer of the key', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development');
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.status).toBe(200);
      expect(res.body).toStrictEqual({
        status: 'success',
        data: { environment_id: tenant.environments.development, customer_id: tenant.id },
      });
    });

    it('sends the ratelimit headers Kombo documents', async () => {
      const { key } = await createTestKey(app.deps, tenant);
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.headers.get('ratelimit-limit')).toBe('10000');
      expect(res.headers.get('ratelimit-remaining')).toBe('9999');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    });

    it('records last_used_at', async () => {
      const { key, id } = await createTestKey(app.deps, tenant);
      await call(`${app.url}/v1/check-api-key`, key);
      const row = await app.deps.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.last_used_at?.toISOString()).toBe(clock().toISOString());
    });

    it('works through the official SDK', async () => {
      const { key } = await createTestKey(app.deps, tenant);
      const kombo = new Kombo({ api_key: key, server_url: `${app.url}/v1` });
      const result = await kombo.general.checkApiKey();
      expect(result).toStrictEqual({ status: 'success', data: { environment_id: tenant.environments.development } });
    });
  });

  describe('with a production key', () => {
    it('answers the production environment, never the development one', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'production');
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.body.data.environment_id).toBe(tenant.environments.production);
      expect(res.body.data.environment_id).not.toBe(tenant.environments.development);
    });
  });

  describe('with several active keys in one environment', () => {
    it('accepts each of them (overlapping rotation)', async () => {
      const first = await createTestKey(app.deps, tenant);
      const second = await createTestKey(app.deps, tenant);
      expect((await call(`${app.url}/v1/check-api-key`, first.key)).status).toBe(200);
      expect((await call(`${app.url}/v1/check-api-key`, second.key)).status).toBe(200);
      await disableApiKey(app.deps, TEST_ACTOR, tenant.id, first.id);
      expect((await call(`${app.url}/v1/check-api-key`, first.key)).status).toBe(401);
      expect((await call(`${app.url}/v1/check-api-key`, second.key)).status).toBe(200);
    });
  });

  describe('without an Authorization header', () => {
    it('answers 401 PLATFORM.AUTHENTICATION_INVALID saying the key is missing', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, null);
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', AUTH_INVALID, "Missing API key. Send it as 'Authorization: Bearer <api key>'."),
      );
    });
  });

  describe('with a non-bearer Authorization header', () => {
    it('answers 401 saying the header is malformed', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, null, { headers: { authorization: 'Basic abc' } });
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', AUTH_INVALID, "Malformed Authorization header. Expected 'Bearer <api key>'."),
      );
    });
  });

  describe('with a malformed key', () => {
    it('answers 401 saying the key is malformed', async () => {
      const { key } = await createTestKey(app.deps, tenant);
      const res = await call(`${app.url}/v1/check-api-key`, key.slice(0, -1));
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', AUTH_INVALID, 'The API key is malformed. Check that it was copied completely.'),
      );
    });
  });

  describe('with a well-formed key that does not exist', () => {
    it('answers 401 saying the key is invalid', async () => {
      const { generateApiKey } = await import('../../../server/domain/api-key-format.ts');
      const res = await call(`${app.url}/v1/check-api-key`, generateApiKey('development'));
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', AUTH_INVALID, 'The API key is invalid.'));
    });
  });

  describe('with an expired key', () => {
    it('answers 401 saying when it expired', async () => {
      const expiresAt = new Date(clock().getTime() + DAY_MS);
      const { key } = await createTestKey(app.deps, tenant, 'development', { expiresAt });
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
      clock.advance(DAY_MS);
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.AUTHENTICATION_INVALID',
          AUTH_INVALID,
          `The API key expired at ${expiresAt.toISOString()}. Create a new key.`,
        ),
      );
    });
  });

  describe('with a disabled key', () => {
    it('fails on the very next request', async () => {
      const { key, id } = await createTestKey(app.deps, tenant);
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
      await disableApiKey(app.deps, TEST_ACTOR, tenant.id, id);
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', AUTH_INVALID, 'The API key has been disabled. Create a new key.'),
      );
    });

    it('raises the SDK typed KomboGeneralError, not a validation error', async () => {
      const { key, id } = await createTestKey(app.deps, tenant);
      await disableApiKey(app.deps, TEST_ACTOR, tenant.id, id);
      const kombo = new Kombo({ api_key: key, server_url: `${app.url}/v1` });
      const error = await kombo.general.checkApiKey().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(KomboGeneralError);
      expect((error as KomboGeneralError).statusCode).toBe(401);
      expect((error as KomboGeneralError).data$.error.code).toBe('PLATFORM.AUTHENTICATION_INVALID');
    });
  });
});
