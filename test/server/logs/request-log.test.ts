import { createRequestLogWriter } from '../../../server/domain/request-logs/request-log-writer.ts';
import { requestLogInserter } from '../../../server/domain/request-logs/request-logs.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from '../console/console-client.ts';

describe.each(STORE_NAMES)('the /v1 request log (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: { key: string; id: string };
  let prefix: string;
  let admin: ConsoleClient;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(store);
    devKey = await createTestKey(app.deps, tenant, 'development');
    prefix = (await app.deps.db.selectFrom('api_keys').select('display_prefix').where('id', '=', devKey.id).executeTakeFirstOrThrow()).display_prefix;
    admin = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'admin')).email, tenant.id);
  });
  afterAll(() => app.close());

  const logs = async (query = '', env = 'development') => {
    await app.deps.requestLog!.flush();
    const res = await admin.request('GET', `/environments/${env}/logs${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as { results: any[]; next_cursor: string | null };
  };

  describe('GET /dashboard/api/environments/:environment/logs', () => {
    describe('after an authenticated /v1 request with a query and an integration header', () => {
      it('records time, method, path without the query, status, latency, key, integration and request id', async () => {
        const integrationId = await createTestIntegration(app.deps, tenant);
        const res = await call(`${app.url}/v1/check-api-key?token=secret-value&page=2`, devKey.key, { headers: { ...integrationHeader(integrationId), 'x-request-id': 'req-fields-0001' } });
        expect(res.status).toBe(200);
        const { results } = await logs('?path=check-api-key');
        expect(results[0]).toStrictEqual({
          request_id: 'req-fields-0001',
          at: expect.any(String),
          method: 'GET',
          path: '/v1/check-api-key',
          status: 200,
          latency_ms: expect.any(Number),
          api_key_id: devKey.id,
          key_prefix: prefix,
          integration_id: integrationId,
        });
      });

      it('stores no query value, key or Authorization header anywhere in the row', async () => {
        await call(`${app.url}/v1/integrations/sandbox:nothing?token=secret-value`, devKey.key, { headers: { 'x-request-id': 'req-secret-0001' } });
        await app.deps.requestLog!.flush();
        const rows = await app.deps.db.selectFrom('request_logs').selectAll().where('request_id', '=', 'req-secret-0001').execute();
        expect(rows).toHaveLength(1);
        const text = JSON.stringify(rows);
        expect(text).not.toContain('secret-value');
        expect(text).not.toContain(devKey.key);
        expect(text).not.toContain('Bearer');
        expect(rows[0]!.path).toBe('/v1/integrations/sandbox:nothing');
        expect(rows[0]!.integration_id).toBe('sandbox:nothing');
      });

      it('scrubs a token in the path', async () => {
        const token = 'tok_abcdefghijklmnopqrstuvwxyz123456';
        await call(`${app.url}/v1/connect/integration-by-token/${token}`, devKey.key, { headers: { 'x-request-id': 'req-token-0001' } });
        await app.deps.requestLog!.flush();
        const row = await app.deps.db.selectFrom('request_logs').select('path').where('request_id', '=', 'req-token-0001').executeTakeFirstOrThrow();
        expect(row.path).toBe('/v1/connect/integration-by-token/[REDACTED]');
      });
    });

    describe('after an unauthenticated /v1 request', () => {
      it('records nothing (no environment is known)', async () => {
        await call(`${app.url}/v1/check-api-key`, 'ks_dev_not-a-key', { headers: { 'x-request-id': 'req-anon-00001' } });
        await app.deps.requestLog!.flush();
        expect(await app.deps.db.selectFrom('request_logs').select('seq').where('request_id', '=', 'req-anon-00001').execute()).toStrictEqual([]);
      });
    });

    describe('with filters', () => {
      let tag: string;
      let since: string;
      beforeAll(async () => {
        tag = `f${Date.now()}`;
        since = encodeURIComponent(new Date(Date.now() - 1).toISOString());
        const integrationId = await createTestIntegration(app.deps, tenant);
        await call(`${app.url}/v1/check-api-key?${tag}`, devKey.key, { headers: { 'x-request-id': `${tag}-ok-1` } });
        await call(`${app.url}/v1/integrations/${integrationId}`, devKey.key, { headers: { 'x-request-id': `${tag}-ok-2` } });
        await call(`${app.url}/v1/integrations/sandbox:${tag}`, devKey.key, { headers: { 'x-request-id': `${tag}-404` } });
        await call(`${app.url}/v1/connect/create-link`, devKey.key, { method: 'POST', body: { end_user_email: 'bad' }, headers: { 'x-request-id': `${tag}-400` } });
      });
      const ids = (r: { results: any[] }) => r.results.map((e) => e.request_id).filter((id: string) => id.startsWith(tag));

      it('filters by status class, exact status and method', async () => {
        expect(ids(await logs('?status_class=4xx'))).toStrictEqual([`${tag}-400`, `${tag}-404`]);
        expect(ids(await logs('?status=404'))).toStrictEqual([`${tag}-404`]);
        expect(ids(await logs('?method=POST'))).toStrictEqual([`${tag}-400`]);
      });

      it('filters by path part, integration and key prefix', async () => {
        expect(ids(await logs(`?path=${tag.toUpperCase()}`))).toStrictEqual([`${tag}-404`]);
        expect(ids(await logs(`?integration_id=sandbox:${tag}`))).toStrictEqual([`${tag}-404`]);
        expect(ids(await logs(`?key_prefix=${encodeURIComponent(prefix)}`))).toHaveLength(4);
        expect(ids(await logs('?key_prefix=ks_dev_zzzzzz'))).toStrictEqual([]);
      });

      it('filters by time range', async () => {
        const future = new Date(Date.now() + 60_000).toISOString();
        expect(ids(await logs(`?from=${encodeURIComponent(future)}`))).toStrictEqual([]);
        expect(ids(await logs(`?to=${encodeURIComponent(future)}`))).toHaveLength(4);
      });

      it('pages newest first with a cursor, without overlap', async () => {
        const first = await logs(`?from=${since}&limit=2`);
        expect(first.results.map((e) => e.request_id)).toStrictEqual([`${tag}-400`, `${tag}-404`]);
        const second = await logs(`?from=${since}&limit=2&cursor=${first.next_cursor}`);
        expect(second.results.map((e) => e.request_id)).toStrictEqual([`${tag}-ok-2`, `${tag}-ok-1`]);
        expect(second.next_cursor).toBeNull();
      });

      it('answers 400 for a malformed filter', async () => {
        const res = await admin.request('GET', '/environments/development/logs?status_class=6xx');
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid query: status_class must be one of 1xx, 2xx, 3xx, 4xx, 5xx.'));
      });

      it('keeps each environment to itself', async () => {
        expect(ids(await logs('', 'production'))).toStrictEqual([]);
      });
    });
  });

  describe('log_url of a /v1 error', () => {
    it('is the console URL of the request id and resolves to that entry', async () => {
      const res = await call(`${app.url}/v1/integrations/sandbox:missing`, devKey.key);
      const requestId = res.headers.get('x-request-id')!;
      expect(res.body).toStrictEqual({
        status: 'error',
        error: { code: 'PLATFORM.INTEGRATION_NOT_FOUND', title: expect.any(String), message: expect.any(String), log_url: `${app.url}/dashboard/logs/${requestId}` },
      });
      await app.deps.requestLog!.flush();
      const entry = await admin.request('GET', `/environments/development/logs/${requestId}`);
      expect(entry.body.data).toMatchObject({ request_id: requestId, status: 404, path: '/v1/integrations/sandbox:missing', method: 'GET' });
    });

    it('is null when the key was refused (nothing is recorded)', async () => {
      const res = await call(`${app.url}/v1/check-api-key`, 'ks_dev_unknown');
      expect(res.body.error.log_url).toBeNull();
    });

    it('answers 404 for an entry not (yet) written', async () => {
      const res = await admin.request('GET', '/environments/development/logs/no-such-request');
      expect(res.status).toBe(404);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', "No log entry for request 'no-such-request' in this environment (yet: entries are written within a second)."));
    });
  });

  describe('when the store refuses a batch', () => {
    it('still answers /v1, warns once, drops the batch and writes later ones', async () => {
      const writer = app.deps.requestLog;
      const warnings: unknown[] = [];
      let failing = true;
      const insert = requestLogInserter(app.deps.db);
      app.deps.requestLog = createRequestLogWriter({
        insert: async (entries) => {
          if (failing) throw new Error('connection refused');
          await insert(entries);
        },
        logger: { warn: (...args: unknown[]) => void warnings.push(args) } as never,
      });
      try {
        for (const id of ['outage-000001', 'outage-000002']) {
          expect((await call(`${app.url}/v1/check-api-key`, devKey.key, { headers: { 'x-request-id': id } })).status).toBe(200);
          await app.deps.requestLog.flush();
        }
        expect(warnings).toHaveLength(1);
        failing = false;
        await call(`${app.url}/v1/check-api-key`, devKey.key, { headers: { 'x-request-id': 'outage-000003' } });
        await app.deps.requestLog.flush();
        const rows = await app.deps.db.selectFrom('request_logs').select('request_id').where('request_id', 'like', 'outage-%').execute();
        expect(rows.map((r) => r.request_id)).toStrictEqual(['outage-000003']);
      } finally {
        app.deps.requestLog = writer;
      }
    });
  });
});
