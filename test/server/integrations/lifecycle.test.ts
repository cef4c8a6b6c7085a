import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Server } from 'node:http';
import { sealCredentials } from '../../../server/domain/credentials-crypto.ts';
import { newId } from '../../../server/domain/ids.ts';
import { markStaleIntegrations, STALE_AFTER_MS } from '../../../server/domain/lifecycle.ts';
import { errorHandler } from '../../../server/http/error-handler.ts';
import { requireApiKey } from '../../../server/http/middleware/authenticate.ts';
import { requireIntegration } from '../../../server/http/middleware/integration.ts';
import { integrationOf } from '../../../server/http/request-context.ts';
import { ok } from '../../../server/http/respond.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createSandboxIntegration } from '../connect/connect-helpers.ts';

const INACTIVE_STALE = (id: string) =>
  `Integration '${id}' is inactive because it received no API request for 14 days (development integrations go inactive when unused). Re-enable it with PUT /v1/integrations/{integration_id}/enabled {"value": true}.`;

describe.each(STORE_NAMES)('integration lifecycle (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let probe: { url: string; server: Server };
  let tenant: TestTenant;
  let devKey: string;
  let devKeyId: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
    // How other routers mount the guard: after API-key auth, in front of integration-scoped handlers.
    const probeApp = express();
    probeApp.use('/v1', requireApiKey(app.deps));
    probeApp.get('/v1/hris/probe', requireIntegration(app.deps), (req, res) => ok(res, { id: integrationOf(req).id }));
    probeApp.post('/v1/force-sync', requireIntegration(app.deps, { errors: 'general' }), (req, res) => ok(res, { id: integrationOf(req).id }));
    probeApp.use(errorHandler);
    const server = probeApp.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    probe = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => probe.server.close(resolve));
  });
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    ({ key: devKey, id: devKeyId } = await createTestKey(app.deps, tenant, 'development'));
  });

  const hris = (id: string | null, key = devKey) => call(`${probe.url}/v1/hris/probe`, key, { headers: id === null ? {} : { 'X-Integration-Id': id } });
  const setEnabled = (id: string, value: unknown, key = devKey) =>
    call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/enabled`, key, { method: 'PUT', body: { value } });
  const row = (id: string) => store.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Production has no tools to connect yet, so its integrations are written directly. */
  async function productionIntegration(): Promise<string> {
    const id = `sandbox:${newId()}`;
    const sealed = sealCredentials(app.deps.secret, id, { api_key: 'k' });
    const now = clock();
    await store.db
      .insertInto('integrations')
      .values({
        id,
        environment_id: tenant.environments.production,
        tool: 'sandbox',
        category: 'HRIS',
        status: 'ACTIVE',
        inactive_reason: null,
        setup_status: 'COMPLETED',
        end_user_email: null,
        end_user_organization_name: 'Prod AG',
        end_user_origin_id: null,
        scope_config_id: 'default',
        remote_environment: null,
        credentials_key_id: sealed.keyId,
        credentials_ciphertext: sealed.ciphertext,
        created_at: now,
        updated_at: now,
        last_api_request_at: now,
        data_expired_at: null,
      })
      .execute();
    return id;
  }

  describe('requireIntegration', () => {
    it('sets req.integration for an ACTIVE integration of the key environment', async () => {
      const id = await createSandboxIntegration(app, devKey);
      expect((await hris(id)).body).toStrictEqual({ status: 'success', data: { id } });
    });

    it('answers 400 PLATFORM.INPUT_INVALID naming the header when it is missing', async () => {
      const res = await hris(null);
      expect([res.status, res.body]).toStrictEqual([
        400,
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          'Input invalid',
          "Missing X-Integration-Id header. Send the ID of the integration to use, e.g. 'X-Integration-Id: sandbox:8d1hpPsbjxUkoCoa1veLZGe5'.",
        ),
      ]);
    });

    it('answers 404 for an integration of another environment, exactly like an unknown one', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const { key: prodKey } = await createTestKey(app.deps, tenant, 'production');
      const [other, unknown] = await Promise.all([hris(id, prodKey), hris('sandbox:unknown', prodKey)]);
      expect([other.status, other.body, unknown.body.error.message.replace('sandbox:unknown', id)]).toStrictEqual([
        404,
        errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found', `No integration with ID '${id}' exists in this environment.`),
        other.body.error.message,
      ]);
    });

    it('answers 404 for an integration of another tenant', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const { key } = await createTestKey(app.deps, await createTestTenant(store), 'development');
      expect((await hris(id, key)).body.error.code).toBe('PLATFORM.INTEGRATION_NOT_FOUND');
    });

    it('answers 403 INTEGRATION.INACTIVE for a disabled integration', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await setEnabled(id, false);
      const res = await hris(id);
      expect([res.status, res.body]).toStrictEqual([
        403,
        errorEnvelope(
          'INTEGRATION.INACTIVE',
          'Integration inactive',
          `Integration '${id}' is inactive because it was disabled. Re-enable it with PUT /v1/integrations/{integration_id}/enabled {"value": true}.`,
        ),
      ]);
    });

    it('answers 403 PLATFORM.INPUT_INVALID on general endpoints, whose schema has no INTEGRATION codes', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await setEnabled(id, false);
      const res = await call(`${probe.url}/v1/force-sync`, devKey, { method: 'POST', headers: { 'X-Integration-Id': id } });
      expect([res.status, res.body.error.code]).toStrictEqual([403, 'PLATFORM.INPUT_INVALID']);
    });

    it('records the request at most once a minute', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const created = clock();
      clock.advance(30_000);
      await hris(id);
      const afterHalfMinute = (await row(id)).last_api_request_at;
      clock.advance(30_000);
      await hris(id);
      expect([afterHalfMinute, (await row(id)).last_api_request_at]).toStrictEqual([created, clock()]);
    });
  });

  describe('PUT /v1/integrations/{integration_id}/enabled', () => {
    it('disables with {value:false}, answering {} and auditing who did it', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const res = await setEnabled(id, false);
      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor', 'source', 'before', 'after']).where('target_id', '=', id).where('action', '!=', 'integration.created').execute();
      expect([res.status, res.body, (await row(id)).status, (await row(id)).inactive_reason, audit]).toStrictEqual([
        200,
        { status: 'success', data: {} },
        'INACTIVE',
        'MANUAL',
        [
          {
            action: 'integration.disabled',
            actor: `api-key:${devKeyId}`,
            source: 'api',
            before: { tool: 'sandbox', environment: 'development', status: 'ACTIVE', inactive_reason: null, end_user_organization_name: 'Acme GmbH' },
            after: { tool: 'sandbox', environment: 'development', status: 'INACTIVE', inactive_reason: 'MANUAL', end_user_organization_name: 'Acme GmbH' },
          },
        ],
      ]);
    });

    it('re-enables with {value:true}', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await setEnabled(id, false);
      await setEnabled(id, true);
      const actions = await store.db.selectFrom('audit_log').select('action').where('target_id', '=', id).where('action', '!=', 'integration.created').orderBy('seq').execute();
      expect([(await row(id)).status, (await hris(id)).status, actions.map((a) => a.action)]).toStrictEqual([
        'ACTIVE',
        200,
        ['integration.disabled', 'integration.enabled'],
      ]);
    });

    it('audits nothing when the state does not change', async () => {
      const id = await createSandboxIntegration(app, devKey);
      await setEnabled(id, true);
      expect(await store.db.selectFrom('audit_log').select('action').where('target_id', '=', id).where('action', '!=', 'integration.created').execute()).toStrictEqual([]);
    });

    it('answers 400 for a body without a boolean value', async () => {
      const id = await createSandboxIntegration(app, devKey);
      expect((await setEnabled(id, 'yes')).body).toStrictEqual(
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: value must be a boolean (got string).'),
      );
    });
  });

  describe('in development, after 14 days without an API request', () => {
    it('is still ACTIVE a millisecond before', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS - 1);
      expect((await hris(id)).status).toBe(200);
    });

    it('goes INACTIVE (STALE) on the next access, answering INTEGRATION.INACTIVE', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS);
      const res = await hris(id);
      expect([res.status, res.body, (await row(id)).inactive_reason]).toStrictEqual([
        403,
        errorEnvelope('INTEGRATION.INACTIVE', 'Integration inactive', INACTIVE_STALE(id)),
        'STALE',
      ]);
    });

    it('shows INACTIVE in the integration details', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(15 * DAY_MS);
      const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey);
      expect(res.body.data.status).toBe('INACTIVE');
    });

    it('goes INACTIVE through the periodic job too', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS);
      const changed = await markStaleIntegrations(app.deps, { tenantId: tenant.id });
      expect([changed.includes(id), (await row(id)).status, (await row(id)).inactive_reason]).toStrictEqual([true, 'INACTIVE', 'STALE']);
    });

    it('is reactivated by PUT enabled {value:true}, which restarts the 14 days', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS);
      await markStaleIntegrations(app.deps, { tenantId: tenant.id });
      const res = await setEnabled(id, true);
      const after = await row(id);
      clock.advance(DAY_MS);
      expect([res.status, after.status, after.inactive_reason, after.last_api_request_at.getTime() === clock().getTime() - DAY_MS, (await hris(id)).status]).toStrictEqual([
        200,
        'ACTIVE',
        null,
        true,
        200,
      ]);
    });
  });

  describe('in production', () => {
    it('never goes stale, on access or through the job', async () => {
      const id = await productionIntegration();
      const { key: prodKey } = await createTestKey(app.deps, tenant, 'production');
      clock.advance(60 * DAY_MS);
      const changed = await markStaleIntegrations(app.deps, { tenantId: tenant.id });
      const res = await hris(id, prodKey);
      expect([changed.includes(id), res.status, (await row(id)).status]).toStrictEqual([false, 200, 'ACTIVE']);
    });
  });
});
