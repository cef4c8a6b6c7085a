import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createSandboxIntegration } from '../connect/connect-helpers.ts';

const ROUTES = [
  ['GET /v1/integrations/{id}', 'GET', '', undefined],
  ['DELETE /v1/integrations/{id}', 'DELETE', '', {}],
  ['PUT /v1/integrations/{id}/enabled', 'PUT', '/enabled', { value: false }],
  ['POST /v1/integrations/{id}/relink', 'POST', '/relink', {}],
] as const;

describe.each(STORE_NAMES)('integration routes across environments and tenants (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
  });
  afterAll(() => app.close());

  /** A development integration, plus keys that must not reach it. */
  async function setup() {
    const tenant = await createTestTenant(store);
    const { key: devKey } = await createTestKey(app.deps, tenant, 'development');
    const id = await createSandboxIntegration(app, devKey);
    const { key: prodKey } = await createTestKey(app.deps, tenant, 'production');
    const { key: otherTenantKey } = await createTestKey(app.deps, await createTestTenant(store), 'development');
    const snapshot = async () => ({
      row: await store.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst(),
      audit: await store.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute(),
      links: await store.db.selectFrom('connection_links').select('id').where('relink_integration_id', '=', id).execute(),
    });
    return { id, devKey, prodKey, otherTenantKey, snapshot };
  }

  describe.each(ROUTES)('%s', (_name, method, suffix, body) => {
    const request = (key: string, id: string) =>
      call(`${app.url}/v1/integrations/${encodeURIComponent(id)}${suffix}`, key, { method, ...(body === undefined ? {} : { body }) });

    it.each(['a production key of the same tenant', 'a development key of another tenant'] as const)(
      'answers %s exactly like a missing integration and changes nothing',
      async (who) => {
        const ctx = await setup();
        const key = who.startsWith('a production') ? ctx.prodKey : ctx.otherTenantKey;
        const before = await ctx.snapshot();
        const res = await request(key, ctx.id);
        expect([res.status, res.body, await ctx.snapshot()]).toStrictEqual([
          404,
          errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found', `No integration with ID '${ctx.id}' exists in this environment.`),
          before,
        ]);
      },
    );

    it('answers the owning environment normally', async () => {
      const ctx = await setup();
      expect((await request(ctx.devKey, ctx.id)).status).toBe(200);
    });
  });
});
