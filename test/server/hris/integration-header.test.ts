import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, syncedIntegration } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)('X-Integration-Id on HRIS, force-sync and passthrough (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
  });
  afterAll(() => app.close());

  const employees = (headers: Record<string, string>) => call(`${app.url}/v1/hris/employees`, key, { headers });
  const forceSync = (headers: Record<string, string>) => call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {}, headers });

  describe('GET /v1/hris/employees', () => {
    describe('without the header', () => {
      it('answers 400 PLATFORM.INPUT_INVALID', async () => {
        const res = await employees({});
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('X-Integration-Id')));
      });
    });

    describe('with an unknown integration', () => {
      it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
        const res = await employees(integrationHeader('sandbox:DoesNotExist1234567890ab'));
        expect(res.status).toBe(404);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found'));
      });
    });

    describe('with an integration of the other environment', () => {
      it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
        const id = await createTestIntegration(app.deps, tenant, { environment: 'production', setupStatus: 'COMPLETED' });
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(404);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found'));
      });
    });

    describe("with another tenant's integration", () => {
      it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
        const other = await createTestTenant(await sharedStore(storeName));
        const id = await createTestIntegration(app.deps, other, { setupStatus: 'COMPLETED' });
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(404);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found'));
      });
    });

    describe('with a disabled integration', () => {
      it('answers 403 INTEGRATION.INACTIVE', async () => {
        const id = await syncedIntegration(app.deps, tenant);
        await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/enabled`, key, { method: 'PUT', body: { value: false } });
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(403);
        expect(res.body).toStrictEqual(errorEnvelope('INTEGRATION.INACTIVE', 'Integration inactive', expect.stringContaining('disabled')));
      });
    });

    describe('with a development integration unused for 14 days', () => {
      it('answers 403 INTEGRATION.INACTIVE', async () => {
        const id = await syncedIntegration(app.deps, tenant);
        clock.advance(14 * DAY_MS);
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(403);
        expect(res.body).toStrictEqual(errorEnvelope('INTEGRATION.INACTIVE', 'Integration inactive', expect.stringContaining('14 days')));
      });
    });

    describe('before the first sync finished', () => {
      it('answers 409 INTEGRATION.SETUP_SYNC_PENDING', async () => {
        const id = await createTestIntegration(app.deps, tenant, { setupStatus: 'FINAL_SYNC_PENDING' });
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(409);
        expect(res.body).toStrictEqual(errorEnvelope('INTEGRATION.SETUP_SYNC_PENDING', 'Setup sync pending'));
      });
    });

    describe('with an unfinished setup', () => {
      it('answers 409 INTEGRATION.SETUP_INCOMPLETE', async () => {
        const id = await createTestIntegration(app.deps, tenant, { setupStatus: 'INCOMPLETE' });
        const res = await employees(integrationHeader(id));
        expect(res.status).toBe(409);
        expect(res.body).toStrictEqual(errorEnvelope('INTEGRATION.SETUP_INCOMPLETE', 'Setup incomplete'));
      });
    });
  });

  describe('POST /v1/force-sync', () => {
    describe('without the header', () => {
      it('answers 400 PLATFORM.INPUT_INVALID', async () => {
        const res = await forceSync({});
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('X-Integration-Id')));
      });
    });

    describe('with an unknown integration', () => {
      it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
        const res = await forceSync(integrationHeader('sandbox:DoesNotExist1234567890ab'));
        expect(res.status).toBe(404);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found'));
      });
    });

    describe('with a disabled integration', () => {
      it('answers 403 with a code of the general error schema', async () => {
        const id = await createTestIntegration(app.deps, tenant, { status: 'INACTIVE', setupStatus: 'COMPLETED' });
        const res = await forceSync(integrationHeader(id));
        expect(res.status).toBe(403);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('inactive')));
      });
    });
  });

  describe('POST /v1/passthrough/sandbox/v1', () => {
    describe('without the header', () => {
      it('answers 400 PLATFORM.INPUT_INVALID', async () => {
        const res = await call(`${app.url}/v1/passthrough/sandbox/v1`, key, { method: 'POST', body: { method: 'GET', path: '/employees' } });
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining('X-Integration-Id')));
      });
    });
  });
});
