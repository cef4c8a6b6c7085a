import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { openStore } from '../../../server/store/db.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const INPUT_INVALID = 'Input invalid';

describe.each(STORE_NAMES)('error envelopes (%s)', (storeName) => {
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    // Debug: the request lines of successful requests too, to check what they hold.
    app = await startApp(store, { logLevel: 'debug' });
    key = (await createTestKey(app.deps, await createTestTenant(store))).key;
  });
  afterAll(() => app.close());

  describe('POST /v1/... with malformed JSON', () => {
    it('answers 400 PLATFORM.INPUT_INVALID', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, key, { method: 'POST', body: '{"a":' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, 'The request body is not valid JSON.'));
    });
  });

  describe('POST /v1/... with a body over the limit', () => {
    it('answers 413 PLATFORM.INPUT_INVALID', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, key, { method: 'POST', body: { blob: 'x'.repeat(200_000) } });
      expect(res.status).toBe(413);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, 'The request body is too large.'));
    });
  });

  describe('POST /v1/... with a non-JSON content type', () => {
    it('answers 415 PLATFORM.INPUT_INVALID naming the content type', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, key, {
        method: 'POST',
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(415);
      expect(res.body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          INPUT_INVALID,
          "Unsupported Content-Type 'application/x-www-form-urlencoded'. Send JSON with 'Content-Type: application/json'.",
        ),
      );
    });
  });

  describe('an unknown route', () => {
    it('answers a JSON 404 under /v1', async () => {
      const res = await call(`${app.url}/v1/no-such-thing`, key);
      expect(res.status).toBe(404);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, 'No route GET /v1/no-such-thing.'));
    });

    it('answers a JSON 404 outside /v1, never HTML', async () => {
      const res = await call(`${app.url}/wp-admin`, null);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, 'No route GET /wp-admin.'));
    });
  });

  describe('the request id', () => {
    it('is returned in X-Request-Id', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps a well-formed incoming X-Request-Id', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, key, { headers: { 'x-request-id': 'trace-12345678' } });
      expect(res.headers.get('x-request-id')).toBe('trace-12345678');
    });
  });

  describe('the logs', () => {
    it('never contain the API key or a token from a URL', async () => {
      const token = 'tok_abcdefghijklmnopqrstuvwxyz123456';
      await call(`${app.url}/v1/check-api-key`, key);
      await call(`${app.url}/v1/connect/integration-by-token/${token}`, key);
      await call(`${app.url}/v1/check-api-key?token=${token}`, key);
      const logs = app.logs.join('\n');
      expect(logs).toContain('/v1/check-api-key');
      expect(logs).toContain('/integration-by-token/[REDACTED]');
      expect(logs).not.toContain(key);
      expect(logs).not.toContain(key.slice(7, 30));
      expect(logs).not.toContain(token);
    });
  });
});

describe('an internal error (the database is gone)', () => {
  let app: TestApp;
  beforeAll(async () => {
    const broken = await openStore({});
    await broken.close();
    app = await startApp(broken, { jobs: false });
  });
  afterAll(() => app.close());

  it('answers 500 PLATFORM.UNKNOWN_ERROR with a reference and no stack', async () => {
    const { generateApiKey } = await import('../../../server/domain/api-key-format.ts');
    const res = await call(`${app.url}/v1/check-api-key`, generateApiKey('development'));
    expect(res.status).toBe(500);
    const requestId = res.headers.get('x-request-id');
    expect(res.body).toStrictEqual(
      errorEnvelope('PLATFORM.UNKNOWN_ERROR', 'Unknown error', `An unexpected error occurred. Reference: ${requestId}.`),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|stack/i);
  });

  it('logs the error with its request id but not the key', async () => {
    const { generateApiKey } = await import('../../../server/domain/api-key-format.ts');
    const key = generateApiKey('development');
    const res = await call(`${app.url}/v1/check-api-key`, key);
    const line = app.logs.find((l) => l.includes('unhandled error') && l.includes(res.headers.get('x-request-id')!));
    expect(line).toBeDefined();
    expect(app.logs.join('\n')).not.toContain(key);
  });
});
