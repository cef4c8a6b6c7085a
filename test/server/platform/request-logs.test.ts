import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { openStore } from '../../../server/store/db.ts';
import { generateApiKey } from '../../../server/domain/api-key-format.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz123456';

/** The pino level of the request line for the response carrying this request id. */
function requestLineLevel(app: TestApp, requestId: string | null): number {
  const line = app.logs.map((l) => JSON.parse(l)).find((l) => l.req?.id === requestId && l.res);
  if (!line) throw new Error(`no request line for ${requestId}`);
  return line.level as number;
}

describe.each(STORE_NAMES)('request logs (%s)', (storeName) => {
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { logLevel: 'debug' });
    key = (await createTestKey(app.deps, await createTestTenant(store))).key;
  });
  afterAll(() => app.close());

  describe('a token in an upper-case path', () => {
    it('never reaches the log', async () => {
      await call(`${app.url}/v1/connect/INTEGRATION-BY-TOKEN/${TOKEN}`, key);
      expect(app.logs.join('\n')).not.toContain(TOKEN);
    });
  });

  describe('a token behind a percent-encoded parameter name', () => {
    it('never reaches the log', async () => {
      await call(`${app.url}/v1/check-api-key?%74oken=${TOKEN}`, key);
      await call(`${app.url}/v1/check-api-key?Token=${TOKEN}`, key);
      expect(app.logs.join('\n')).not.toContain(TOKEN);
      expect(app.logs.join('\n')).toContain('%74oken=[REDACTED]');
    });
  });

  describe('a successful request', () => {
    it('logs its request line at debug', async () => {
      const ok = await call(`${app.url}/v1/check-api-key`, key);
      expect(ok.status).toBe(200);
      expect(requestLineLevel(app, ok.headers.get('x-request-id'))).toBe(20);
    });
  });

  describe('a client error', () => {
    it('logs its request line at info or warn, never error', async () => {
      const unauthorized = await call(`${app.url}/v1/check-api-key`, generateApiKey('development'));
      const notFound = await call(`${app.url}/no-such-page`, null);
      expect(unauthorized.status).toBe(401);
      expect(notFound.status).toBe(404);
      expect(requestLineLevel(app, unauthorized.headers.get('x-request-id'))).toBeLessThanOrEqual(40);
      expect(requestLineLevel(app, notFound.headers.get('x-request-id'))).toBeLessThanOrEqual(40);
    });
  });
});

describe('request logs of a server error', () => {
  let app: TestApp;
  beforeAll(async () => {
    const broken = await openStore({});
    await broken.close();
    app = await startApp(broken, { jobs: false });
  });
  afterAll(() => app.close());

  it('logs its request line at error', async () => {
    const res = await call(`${app.url}/v1/check-api-key`, generateApiKey('development'));
    expect(res.status).toBe(500);
    expect(requestLineLevel(app, res.headers.get('x-request-id'))).toBe(50);
  });
});
