import { setApiKeyAllowlist } from '../../../server/domain/api-keys.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const FORBIDDEN_TITLE = 'IP address not allowed';

describe.each(STORE_NAMES)('IP allowlists on /v1 (%s)', (storeName) => {
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
  });

  describe('with the default configuration (no trusted proxy)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(await sharedStore(storeName));
    });
    afterAll(() => app.close());

    it('accepts a request from an allowlisted IPv4 address', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['127.0.0.1'] });
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    });

    it('accepts a request from inside an allowlisted CIDR range', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['10.0.0.0/8', '127.0.0.0/8'] });
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    });

    it('answers 403 PLATFORM.IP_NOT_WHITELISTED for an address outside the list', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.0/24'] });
      const res = await call(`${app.url}/v1/check-api-key`, key);
      expect(res.status).toBe(403);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.IP_NOT_WHITELISTED', FORBIDDEN_TITLE, 'Requests from IP address 127.0.0.1 are not allowed for this API key.'),
      );
    });

    it('ignores a spoofed X-Forwarded-For naming an allowlisted address', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.7'] });
      const res = await call(`${app.url}/v1/check-api-key`, key, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('PLATFORM.IP_NOT_WHITELISTED');
    });

    it('applies an updated allowlist on the next request without recreating the key', async () => {
      const { key, id } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.7'] });
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(403);
      await setApiKeyAllowlist(app.deps, TEST_ACTOR, tenant.id, id, ['127.0.0.1/32']);
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
      await setApiKeyAllowlist(app.deps, TEST_ACTOR, tenant.id, id, []);
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    });
  });

  describe('on a dual-stack socket (IPv4 clients seen as IPv4-mapped IPv6)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(await sharedStore(storeName), { host: '::' });
    });
    afterAll(() => app.close());

    it('matches an IPv4 allowlist entry against ::ffff:127.0.0.1', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['127.0.0.1'] });
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    });

    it('accepts an IPv6 client inside an allowlisted IPv6 address', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['::1'] });
      const ipv6Url = app.url.replace('127.0.0.1', '[::1]');
      expect((await call(`${ipv6Url}/v1/check-api-key`, key)).status).toBe(200);
    });

    it('refuses an IPv6 client that is not allowlisted', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['2001:db8::/32', '127.0.0.1'] });
      const ipv6Url = app.url.replace('127.0.0.1', '[::1]');
      const res = await call(`${ipv6Url}/v1/check-api-key`, key);
      expect(res.status).toBe(403);
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.IP_NOT_WHITELISTED', FORBIDDEN_TITLE, 'Requests from IP address ::1 are not allowed for this API key.'),
      );
    });
  });

  describe('with TRUST_PROXY naming the loopback proxy', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
    });
    afterAll(() => app.close());

    it('uses the client address the trusted proxy forwarded', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.7'] });
      const res = await call(`${app.url}/v1/check-api-key`, key, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(res.status).toBe(200);
    });

    it('refuses a forwarded client outside the list', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.7'] });
      const res = await call(`${app.url}/v1/check-api-key`, key, { headers: { 'x-forwarded-for': '198.51.100.1' } });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Requests from IP address 198.51.100.1 are not allowed for this API key.');
    });

    it('does not trust hops beyond the trusted proxy (the client cannot prepend addresses)', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'development', { ipAllowlist: ['203.0.113.7'] });
      const res = await call(`${app.url}/v1/check-api-key`, key, { headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' } });
      expect(res.status).toBe(403);
    });
  });
});
