import { listApiKeys } from '../../../server/domain/api-keys.ts';
import { listAudit } from '../../../server/domain/audit.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from './console-client.ts';

const KEYS = '/environments/production/api-keys';

describe.each(STORE_NAMES)('the API keys page API (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: { id: string; email: string };
  let client: ConsoleClient;
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    admin = await addConsoleUser(app.deps, tenant.id, 'admin');
    client = await signedIn(app.url, admin.email, tenant.id);
  });

  // Key changes only: signing in is audited too.
  const auditActions = async () => (await listAudit(app.deps.db, tenant.id, 1000)).map((r) => r.action).filter((a) => a.startsWith('api_key.'));

  it('answers a new key once; the list and every later answer never contain it', async () => {
    const created = await client.request('POST', KEYS, { name: 'payroll sync', expires_at: '2099-01-01T00:00:00Z', ip_allowlist: ['2001:DB8::1', '203.0.113.0/24'] });
    expect(created.status).toBe(200);
    const { key, api_key: info } = created.body.data;
    expect(key).toMatch(/^ks_prod_/);
    expect(info).toMatchObject({ name: 'payroll sync', ip_allowlist: ['2001:db8::1', '203.0.113.0/24'], created_by: admin.email, disabled_at: null, expires_at: '2099-01-01T00:00:00.000Z' });
    expect(key.startsWith(info.display_prefix)).toBe(true);

    const list = await client.request('GET', KEYS);
    expect(list.body.data.results).toStrictEqual([{ ...info, last_used_at: null }]);
    const allowlist = await client.request('PUT', `${KEYS}/${info.id}/allowlist`, { ip_allowlist: ['198.51.100.7'] });
    const disabled = await client.request('POST', `${KEYS}/${info.id}/disable`);
    for (const later of [list, allowlist, disabled, await client.request('GET', KEYS)]) expect(JSON.stringify(later.body)).not.toContain(key);
    expect(await auditActions()).toStrictEqual(['api_key.created', 'api_key.allowlist_changed', 'api_key.disabled']);
  });

  it('shows who created each key, console users by email', async () => {
    await createTestKey(app.deps, tenant, 'production', { name: 'from the CLI' });
    await client.request('POST', KEYS, { name: 'from the console' });
    const results = (await client.request('GET', KEYS)).body.data.results;
    expect(results.map((k: any) => [k.name, k.created_by])).toStrictEqual([
      ['from the CLI', 'test'],
      ['from the console', admin.email],
    ]);
  });

  it('refuses an allow-all range until it is confirmed, naming the confirmation', async () => {
    const refused = await client.request('POST', KEYS, { name: 'open', ip_allowlist: ['0.0.0.0/0'] });
    expect(refused.body).toStrictEqual(
      errorEnvelope(
        'PLATFORM.INPUT_INVALID',
        'Input invalid',
        'IP allowlist entry "0.0.0.0/0" allow every address. Confirm that the key may be used from any address if that is really meant, or list the addresses to allow.',
      ),
    );
    expect(await listApiKeys(app.deps.db, tenant.id)).toStrictEqual([]);
    const confirmed = await client.request('POST', KEYS, { name: 'open', ip_allowlist: ['0.0.0.0/0'], allow_all: true });
    expect(confirmed.body.data.api_key.ip_allowlist).toStrictEqual(['0.0.0.0/0']);
  });

  it('edits the allowlist in place: validated, normalised, audited with before and after', async () => {
    const { id } = await createTestKey(app.deps, tenant, 'production');
    const res = await client.request('PUT', `${KEYS}/${id}/allowlist`, { ip_allowlist: ['::ffff:192.0.2.0/120', '192.0.2.0/24', '2001:db8::/32'] });
    expect(res.body.data.api_key.ip_allowlist).toStrictEqual(['192.0.2.0/24', '2001:db8::/32']);
    const row = (await listAudit(app.deps.db, tenant.id)).find((r) => r.action === 'api_key.allowlist_changed');
    expect([row?.actor, row?.before?.ip_allowlist, row?.after?.ip_allowlist]).toStrictEqual([`user:${admin.id}`, [], ['192.0.2.0/24', '2001:db8::/32']]);

    for (const [body, message] of [
      [{ ip_allowlist: ['10.1.2.3/8'] }, 'Invalid IP allowlist entry: "10.1.2.3/8" (host bits set beyond /8; the range is 10.0.0.0/8). Use IPv4/IPv6 addresses or CIDR ranges such as 203.0.113.0/24 or 2001:db8::/32.'],
      [{ ip_allowlist: ['::/0'] }, expect.stringContaining('Confirm that the key may be used from any address')],
      [{ ip_allowlist: 'not a list' }, 'Invalid request body: ip_allowlist must be a array (got string).'],
    ] as const) {
      const bad = await client.request('PUT', `${KEYS}/${id}/allowlist`, body);
      expect(bad.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', message));
    }
    expect((await listApiKeys(app.deps.db, tenant.id))[0]!.ipAllowlist).toStrictEqual(['192.0.2.0/24', '2001:db8::/32']);
  });

  it('disables a key for good: the next /v1 request with it is refused', async () => {
    const { key, id } = await createTestKey(app.deps, tenant, 'production');
    expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    const res = await client.request('POST', `${KEYS}/${id}/disable`);
    expect(res.body.data.api_key.disabled_at).toEqual(expect.any(String));
    expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(401);
    const after = await client.request('PUT', `${KEYS}/${id}/allowlist`, { ip_allowlist: [] });
    expect(after.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', `API key '${id}' is disabled; its allowlist can no longer change.`));
  });

  it('treats a key of the other environment as unknown and changes nothing', async () => {
    const { key, id } = await createTestKey(app.deps, tenant, 'development');
    for (const [method, path, body] of [
      ['POST', `${KEYS}/${id}/disable`, undefined],
      ['PUT', `${KEYS}/${id}/allowlist`, { ip_allowlist: ['192.0.2.1'] }],
    ] as const) {
      const res = await client.request(method, path, body);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', `No API key with ID '${id}' exists.`));
    }
    expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);
    expect(await auditActions()).toStrictEqual(['api_key.created']);
  });

  it('refuses roles without api_keys rights with the 403 envelope and changes nothing', async () => {
    const { id } = await createTestKey(app.deps, tenant, 'production');
    const developer = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'developer')).email, tenant.id);
    const operator = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'operator')).email, tenant.id);
    const before = await listApiKeys(app.deps.db, tenant.id);
    for (const [who, c, env] of [
      ['developer', developer, 'production'],
      ['operator', operator, 'production'],
      ['operator', operator, 'development'],
    ] as const) {
      for (const [method, path, body] of [
        ['GET', `/environments/${env}/api-keys`, undefined],
        ['POST', `/environments/${env}/api-keys`, { name: 'no' }],
        ['PUT', `/environments/${env}/api-keys/${id}/allowlist`, { ip_allowlist: [] }],
        ['POST', `/environments/${env}/api-keys/${id}/disable`, undefined],
      ] as const) {
        const res = await c.request(method, path, body);
        expect([res.status, res.body]).toStrictEqual([403, errorEnvelope('CONSOLE.FORBIDDEN', 'Forbidden', `The ${who} role may not do this in ${env}.`)]);
      }
    }
    expect(await listApiKeys(app.deps.db, tenant.id)).toStrictEqual(before);
    expect(await auditActions()).toStrictEqual(['api_key.created']);
  });

  it('answers bad input with the envelope and creates nothing', async () => {
    for (const [body, message] of [
      [{ name: '' }, 'Invalid request body: name must not be empty.'],
      [{ expires_at: 'tomorrow' }, 'Invalid request body: expires_at must be a valid datetime.'],
      [{ expires_at: '2001-01-01T00:00:00Z' }, 'expires_at must be in the future.'],
      [{ ip_allowlist: ['not-an-ip'] }, expect.stringContaining('Invalid IP allowlist entry: "not-an-ip".')],
    ] as const) {
      const res = await client.request('POST', KEYS, body);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', message));
    }
    expect(await listApiKeys(app.deps.db, tenant.id)).toStrictEqual([]);
  });
});
