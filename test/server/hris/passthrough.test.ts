import { Kombo } from '@kombo-api/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { hrisSchemaErrors } from './hris-schemas.ts';

describe.each(STORE_NAMES)('POST /v1/passthrough/sandbox/{api} (%s)', (storeName) => {
  let app: TestApp;
  let key: string;
  let id: string;

  const passthrough = (api: string, body: unknown, tool = 'sandbox') =>
    call(`${app.url}/v1/passthrough/${tool}/${api}`, key, { method: 'POST', body, headers: integrationHeader(id) });

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock() });
    const tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
    id = await syncedIntegration(app.deps, tenant, { credentials: { company_size: '50', company_subdomain: 'acme' } });
  });
  afterAll(() => app.close());

  describe('with GET /employees', () => {
    it("answers the Sandbox API's own page of employees with warnings", async () => {
      const res = await passthrough('v1', { method: 'GET', path: '/employees', params: { per_page: '5', page: '2' } });
      expect(res.status).toBe(200);
      expect(hrisSchemaErrors('/passthrough', res.body)).toStrictEqual([]);
      expect(res.body).toStrictEqual({
        status: 'success',
        data: {
          url: 'https://acme.sandbox-hr.example/api/v1/employees?per_page=5&page=2',
          status: 200,
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-sandbox-api-version': '1' },
          data: { data: expect.any(Array), meta: { page: 2, per_page: 5, total: expect.any(Number), total_pages: expect.any(Number) } },
        },
        warnings: [],
      });
      expect(res.body.data.data.data).toHaveLength(5);
      expect(res.body.data.data.data[0]).toMatchObject({ id: expect.any(String), firstName: expect.any(String), compensation: expect.any(Array) });
    });
  });

  describe('with GET /employees/{id}', () => {
    it('answers the one employee, matching the unified record', async () => {
      const unified = (await call(`${app.url}/v1/hris/employees?page_size=1`, key, { headers: integrationHeader(id) })).body.data.results[0];
      const res = await passthrough('v1', { method: 'GET', path: `/employees/${unified.remote_id}` });
      expect(res.body.data.status).toBe(200);
      expect(res.body.data.data.data).toMatchObject({ id: unified.remote_id, firstName: unified.first_name, workEmail: unified.work_email });
    });

    it('answers the remote 404 for an unknown employee', async () => {
      const res = await passthrough('v1', { method: 'GET', path: '/employees/999999' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: 404, data: { error: 'not_found' } });
    });
  });

  describe('with a write method', () => {
    it('answers the remote 405 and a warning', async () => {
      const res = await passthrough('v1', { method: 'POST', path: '/employees', data: { firstName: 'New' } });
      expect(res.body.data.status).toBe(405);
      expect(res.body.warnings).toStrictEqual([{ message: 'The Sandbox HR system only supports GET requests through passthrough.' }]);
    });
  });

  describe('with an unknown api', () => {
    it('answers 400 PLATFORM.INPUT_INVALID naming the api', async () => {
      const res = await passthrough('v2', { method: 'GET', path: '/employees' });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining("'api'")));
    });
  });

  describe("with another tool than the integration's", () => {
    it('answers 400 PLATFORM.INPUT_INVALID naming the tool', async () => {
      const res = await passthrough('v1', { method: 'GET', path: '/employees' }, 'personio');
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining("'tool'")));
    });
  });

  describe('with a body without method', () => {
    it('answers 400 PLATFORM.INPUT_INVALID naming method', async () => {
      const res = await passthrough('v1', { path: '/employees' });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('method')));
    });
  });

  describe('through the official SDK', () => {
    it('returns the response', async () => {
      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const res = await kombo.general.sendPassthroughRequest({ tool: 'sandbox', api: 'v1', body: { method: 'GET', path: '/legal-entities' } });
      expect(res.data.status).toBe(200);
      expect(res.warnings).toStrictEqual([]);
    });
  });
});
