import { Kombo } from '@kombo-api/sdk';
import type { Store } from '../../../server/store/db.ts';
import { setOAuthClient } from '../../../server/domain/oauth-clients.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { runFirstSync, runSync, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { type FactorialFake, startFactorialFake } from '../../fakes/factorial-fake.ts';
import { createLinkToken, flowCall } from '../connect/connect-helpers.ts';
import { listAll, requestsDuring, servedData, useFakes } from './connector-helpers.ts';

describe.each(STORE_NAMES)('Factorial over OAuth against its fake (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let fake: FactorialFake;
  let tenant: TestTenant;
  let key: string;
  const clock = testClock('2026-03-02T10:00:00.000Z');
  const runs = async (id: string) => (await store.db.selectFrom('sync_runs').select('status').where('integration_id', '=', id).execute()).map((r) => r.status);

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant, 'production'));
    fake = await startFactorialFake({ employees: 30 });
    useFakes(app, { factorial: fake.url });
    await setOAuthClient(app.deps, { tenantId: tenant.id, environment: 'production', tool: 'factorial', clientId: fake.clientId, clientSecret: fake.clientSecret });
  });
  afterEach(() => fake.close());
  afterAll(() => app.close());

  const start = (linkToken: string) => flowCall(app, '/oauth/start', linkToken, { method: 'POST', body: { tool: 'factorial' } });

  /** What the popup does: follow the tool's redirect to our callback, and read what the page posts. */
  async function popup(authorizationUrl: string) {
    const redirect = await fetch(authorizationUrl, { redirect: 'manual' });
    const callback = redirect.headers.get('location')!;
    const page = await fetch(callback);
    const html = await page.text();
    const posted = /postMessage\((\{.*?\}), ("[^"]*")\)/.exec(html);
    return { callback, csp: page.headers.get('content-security-policy'), message: JSON.parse(posted![1]!), target: JSON.parse(posted![2]!) };
  }

  async function connect(): Promise<string> {
    const { body } = await start(await createLinkToken(app, key));
    const { message } = await popup(body.data.authorization_url);
    const exchanged = await call(`${app.url}/v1/connect/integration-by-token/${message.activation_token}`, key);
    return exchanged.body.data.id as string;
  }

  describe('POST /flow/v1/oauth/start', () => {
    it("answers the tool's authorization URL with the operator's client, a state and an S256 PKCE challenge", async () => {
      const res = await start(await createLinkToken(app, key));
      const url = new URL(res.body.data.authorization_url);
      expect([url.origin + url.pathname, url.searchParams.get('client_id'), url.searchParams.get('redirect_uri'), url.searchParams.get('code_challenge_method')]).toStrictEqual([
        `${fake.url}/oauth/authorize`, fake.clientId, `${app.url}/flow/v1/oauth/callback`, 'S256',
      ]);
      expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
      expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    });

    it('refuses while the operator has configured no OAuth client for the environment', async () => {
      const { key: devKey } = await createTestKey(app.deps, tenant, 'development');
      const res = await start(await createLinkToken(app, devKey));
      expect([res.status, res.body.error.message]).toStrictEqual([400, 'Factorial is not set up for this environment yet: the operator has to configure its OAuth client.']);
    });
  });

  describe('GET /flow/v1/oauth/callback', () => {
    it('exchanges the code and posts the activation token to the opener at our origin only, under a nonce CSP', async () => {
      const { body } = await start(await createLinkToken(app, key));
      const { message, target, csp } = await popup(body.data.authorization_url);
      expect([message, target]).toStrictEqual([{ type: 'plugboard:oauth', outcome: 'connected', tool: 'factorial', activation_token: expect.stringMatching(/^[0-9A-Za-z]{40}$/) }, app.url]);
      expect(csp).toMatch(/^default-src 'none'; script-src 'nonce-[\w+/=]+'/);
    });

    it('reports a denied consent and leaves the link usable for a retry', async () => {
      const link = await createLinkToken(app, key);
      fake.denyConsent = true;
      const denied = await popup((await start(link)).body.data.authorization_url);
      fake.denyConsent = false;
      const retried = await popup((await start(link)).body.data.authorization_url);
      expect([denied.message.outcome, retried.message.outcome]).toStrictEqual(['denied', 'connected']);
    });

    it('refuses a state older than ten minutes, and forgets it at the next start', async () => {
      const link = await createLinkToken(app, key);
      const url = (await start(link)).body.data.authorization_url;
      clock.advance(10 * 60_000 + 1);
      try {
        const { message } = await popup(url);
        await start(link);
        const left = await store.db.selectFrom('oauth_states').select('state_hash').where('expires_at', '<=', clock()).execute();
        expect([message.outcome, left]).toStrictEqual(['failed', []]);
      } finally {
        clock.set('2026-03-02T10:00:00.000Z');
      }
    });

    it('refuses a state used before', async () => {
      const { body } = await start(await createLinkToken(app, key));
      const { callback } = await popup(body.data.authorization_url);
      const again = await (await fetch(callback)).text();
      expect(again).toContain('"outcome":"failed"');
    });
  });

  describe('POST /flow/v1/connect with a form', () => {
    it('answers invalid_credentials: Factorial connects only through OAuth', async () => {
      const res = await flowCall(app, '/connect', await createLinkToken(app, key), { method: 'POST', body: { tool: 'factorial', credentials: {} } });
      expect(res.body.data.outcome).toBe('invalid_credentials');
    });
  });

  describe('the first sync', () => {
    it('fills every model Factorial offers, in the shape of the OpenAPI schema', async () => {
      const id = await connect();
      await runFirstSync(app.deps, id);
      expect(await runs(id)).toStrictEqual(['SUCCEEDED']);
      const counts: Record<string, number> = {};
      for (const path of ['employees', 'employments', 'groups', 'locations', 'legal-entities', 'absence-types', 'absences', 'time-off-balances']) {
        counts[path] = (await listAll(app, key, id, path)).length;
      }
      expect(counts).toStrictEqual({ employees: 30, employments: 30, groups: 2, locations: 1, 'legal-entities': 1, 'absence-types': 1, absences: 6, 'time-off-balances': 30 });
      // Balances through the official SDK: the allowance's unit and leave type, decimal strings as numbers.
      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const balances: { remote_id: string | null; balance?: number | null; balance_unit?: string | null; used?: number | null; employee_id?: string | null; type?: { remote_id?: string | null } | null }[] = [];
      for await (const page of await kombo.hris.getTimeOffBalances({ page_size: 100 })) balances.push(...page.result.data.results);
      expect(balances.find((b) => b.remote_id === '12001:900')).toMatchObject({ balance: 12.5, balance_unit: 'DAYS', used: 10.5, employee_id: expect.any(String), type: { remote_id: '77' } });
      // 30 employees in one allowance_stats request (at most 50 ids each), as of the sync's day.
      const stats = fake.requests.filter((r) => r.path.endsWith('/timeoff/allowance_stats'));
      expect(stats.map((r) => new URLSearchParams(r.query).get('reference_date'))).toStrictEqual([clock().toISOString().slice(0, 10)]);
      const employee = (await listAll(app, key, id, 'employees')).find((e) => e.remote_id === '12002')!;
      expect(employee).toMatchObject({ first_name: 'Carmen', groups: [expect.objectContaining({ name: 'Platform' })], legal_entity: expect.objectContaining({ name: 'Acme Spain S.L.' }) });
      expect(employee.remote_data).toStrictEqual({ '/api/2026-04-01/resources/employees/employees': fake.employees.find((e) => e.id === 12002) });
    });
  });

  describe('a DELTA sync after Factorial changed', () => {
    it('reads employees in full (updated_at_gteq names no deletions) and serves what a full sync serves', async () => {
      const id = await connect();
      await runFirstSync(app.deps, id);
      clock.advance(3 * 60 * 60 * 1000);
      fake.employees.find((e) => e.id === 12003)!.first_name = 'Renamed';
      fake.employees.splice(fake.employees.findIndex((e) => e.id === 12004), 1);
      const sent = await requestsDuring(fake, async () => expect((await runSync(app.deps, id, 'DELTA', 'SCHEDULED')).status).toBe('SUCCEEDED'));
      const employeeReads = sent.filter((r) => r.path.endsWith('/employees/employees'));
      expect(employeeReads.length).toBeGreaterThan(0);
      expect(employeeReads.filter((r) => r.query.includes('updated_at_gteq'))).toStrictEqual([]);
      const afterDelta = await servedData(app, key, id);
      expect(afterDelta.employees!.find((e) => e.remote_id === '12003')).toMatchObject({ first_name: 'Renamed' });
      expect(afterDelta.employees!.find((e) => e.remote_id === '12004')?.remote_deleted_at).toStrictEqual(expect.any(String));
      await syncNow(app.deps, id);
      expect(await servedData(app, key, id)).toStrictEqual(afterDelta);
    });
  });

  describe('a sync after Factorial changed only a field Plugboard does not map', () => {
    it("moves that employee's changed_at, as its remote_data changed, and no other's", async () => {
      const id = await connect();
      await runFirstSync(app.deps, id);
      const before = new Map((await listAll(app, key, id, 'employees')).map((e) => [e.remote_id, e.changed_at]));
      fake.employees.find((e) => e.id === 12002)!.attendable = false;
      clock.advance(60_000);
      await syncNow(app.deps, id);
      const moved = (await listAll(app, key, id, 'employees'))
        .filter((e) => e.changed_at !== before.get(e.remote_id))
        .map((e) => [e.remote_id, (e.remote_data as Record<string, { attendable: boolean }>)['/api/2026-04-01/resources/employees/employees']!.attendable]);
      expect(moved).toStrictEqual([['12002', false]]);
    });
  });

  describe('syncs after the access token expired, twice', () => {
    it('refresh with the rotated refresh token each time and succeed', async () => {
      const id = await connect();
      await runFirstSync(app.deps, id);
      const before = fake.grants;
      fake.expireAccessTokens();
      await syncNow(app.deps, id);
      fake.expireAccessTokens();
      await syncNow(app.deps, id);
      expect([(await runs(id)).sort(), fake.grants - before]).toStrictEqual([['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'], 2]);
    });
  });

  describe('after Factorial revoked the grant', () => {
    it('marks the integration INVALID', async () => {
      const id = await connect();
      fake.revokeAll();
      await runFirstSync(app.deps, id);
      expect((await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key)).body.data.status).toBe('INVALID');
    });
  });

  describe('the logs of a connection and a sync', () => {
    it('hold neither the client secret nor the authorization state', async () => {
      const { body } = await start(await createLinkToken(app, key));
      const state = new URL(body.data.authorization_url).searchParams.get('state')!;
      const { message } = await popup(body.data.authorization_url);
      const id = (await call(`${app.url}/v1/connect/integration-by-token/${message.activation_token}`, key)).body.data.id;
      await runFirstSync(app.deps, id);
      const text = app.logs.join('\n');
      expect(text).toContain('"tool":"factorial"');
      expect(text).not.toContain(fake.clientSecret);
      expect(text).not.toContain(state);
    });
  });
});
