import { type AuditRecord, listAudit } from '../../../server/domain/audit.ts';
import { markStaleIntegrations, STALE_AFTER_MS } from '../../../server/domain/lifecycle.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createLinkToken, createSandboxIntegration, sandboxCredentials, tokenOf } from '../connect/connect-helpers.ts';

describe.each(STORE_NAMES)('the audit trail of integrations (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const integrationEntries = async (id: string): Promise<AuditRecord[]> =>
    (await listAudit(store.db, tenant.id)).filter((e) => e.targetType === 'integration' && e.targetId === id);
  /** The only link of the test's tenant. */
  const onlyLinkId = async () =>
    (await store.db.selectFrom('connection_links').select('id').where('environment_id', '=', tenant.environments.development).executeTakeFirstOrThrow()).id;

  describe('when the flow creates an integration', () => {
    it('writes integration.created by the link, saying the credentials were stored and never what they are', async () => {
      const linkToken = await createLinkToken(app, devKey);
      const linkId = await onlyLinkId();
      const activation = await connectSandbox(app, linkToken);
      const id = (await call(`${app.url}/v1/connect/integration-by-token/${activation}`, devKey)).body.data.id as string;
      const entries = await integrationEntries(id);
      expect(entries).toStrictEqual([
        {
          id: expect.any(String),
          at: clock(),
          actor: `link:${linkId}`,
          source: 'flow',
          action: 'integration.created',
          environmentId: tenant.environments.development,
          targetType: 'integration',
          targetId: id,
          before: null,
          after: { tool: 'sandbox', environment: 'development', status: 'ACTIVE', end_user_organization_name: 'Acme GmbH', credentials: 'stored' },
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain(sandboxCredentials().api_key);
    });
  });

  describe('when a relink flow replaces the credentials', () => {
    it('writes integration.relinked with the state before and after', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const relink = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/relink`, devKey, { method: 'POST', body: {} });
      await connectSandbox(app, tokenOf(relink.body.data.link), sandboxCredentials({ api_key: 'rotated-key-0815' }));
      const entries = await integrationEntries(id);
      expect(entries.map((e) => [e.action, e.source, e.before, e.after?.credentials])).toStrictEqual([
        ['integration.created', 'flow', null, 'stored'],
        ['integration.relinked', 'flow', { tool: 'sandbox', status: 'ACTIVE', inactive_reason: null, credentials: 'stored' }, 'replaced'],
      ]);
      expect(JSON.stringify(entries)).not.toContain('rotated-key-0815');
    });
  });

  describe('when a development integration goes stale', () => {
    it('writes integration.stale by system through the periodic job', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS);
      await markStaleIntegrations(app.deps, { tenantId: tenant.id });
      const stale = (await integrationEntries(id)).filter((e) => e.action === 'integration.stale');
      expect(stale.map((e) => [e.actor, e.source, e.before, e.after])).toStrictEqual([
        ['system', 'system', { status: 'ACTIVE', inactive_reason: null }, { status: 'INACTIVE', inactive_reason: 'STALE', idle_for_days: 14 }],
      ]);
    });

    it('writes integration.stale by system when an access finds it stale, once', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(STALE_AFTER_MS);
      await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey);
      await call(`${app.url}/v1/hris/employees`, devKey, { headers: { 'X-Integration-Id': id } });
      await markStaleIntegrations(app.deps, { tenantId: tenant.id });
      const stale = (await integrationEntries(id)).filter((e) => e.action === 'integration.stale');
      expect(stale.map((e) => e.actor)).toStrictEqual(['system']);
    });
  });
});
