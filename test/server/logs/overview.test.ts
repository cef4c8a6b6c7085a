import { newId } from '../../../server/domain/ids.ts';
import { STALE_AFTER_MS } from '../../../server/domain/lifecycle.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, signedIn } from '../console/console-client.ts';

const DAY = 86_400_000;

describe.each(STORE_NAMES)('GET /dashboard/api/environments/:environment/overview (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(store);
    const deps = app.deps;
    ids.fresh = await createTestIntegration(deps, tenant);
    ids.idle = await createTestIntegration(deps, tenant);
    ids.invalid = await createTestIntegration(deps, tenant, { status: 'INVALID' });
    ids.inactive = await createTestIntegration(deps, tenant, { status: 'INACTIVE' });
    ids.production = await createTestIntegration(deps, tenant, { environment: 'production' });
    const now = Date.now();
    // 12 of the 14 days without an API request: stale in two days.
    await deps.db.updateTable('integrations').set({ last_api_request_at: new Date(now - 12 * DAY) }).where('id', '=', ids.idle!).execute();
    const run = (integration_id: string, status: 'SUCCEEDED' | 'FAILED', ageMs: number) => ({
      id: newId(),
      integration_id,
      type: 'FULL' as const,
      trigger: 'SCHEDULED' as const,
      status,
      queued_at: new Date(now - ageMs),
      finished_at: new Date(now - ageMs + 1000),
      error: status === 'FAILED' ? 'The tool answered 503.' : null,
    });
    // `fresh` failed once and then succeeded (no attention); `idle` last failed.
    await deps.db
      .insertInto('sync_runs')
      .values([run(ids.fresh, 'FAILED', 3 * 3_600_000), run(ids.fresh, 'SUCCEEDED', 3_600_000), run(ids.idle, 'SUCCEEDED', 3 * 3_600_000), run(ids.idle, 'FAILED', 3_600_000)])
      .execute();
    const key = await createTestKey(deps, tenant, 'development');
    await call(`${app.url}/v1/integrations/sandbox:overview-missing`, key.key, { headers: { 'x-request-id': 'overview-error-1' } });
    await call(`${app.url}/v1/check-api-key`, key.key);
    await deps.requestLog!.flush();
  });
  afterAll(() => app.close());

  it('counts the integrations by status and lists what needs attention in development', async () => {
    const developer = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'developer')).email, tenant.id);
    const res = await developer.request('GET', '/environments/development/overview');
    const org = { tool: 'sandbox', end_user_organization_name: 'Test Org' };
    expect(res.body.data).toStrictEqual({
      integration_counts: { active: 2, invalid: 1, inactive: 1, total: 4 },
      attention: {
        invalid_credentials: [{ id: ids.invalid, ...org, status: 'INVALID' }],
        last_sync_failed: [{ id: ids.idle, ...org, status: 'ACTIVE', failed_at: expect.any(String), error: 'The tool answered 503.' }],
        soon_stale: [{ id: ids.idle, ...org, status: 'ACTIVE', stale_at: expect.any(String) }],
      },
      recent_errors: [expect.objectContaining({ request_id: 'overview-error-1', status: 404, path: '/v1/integrations/sandbox:overview-missing' })],
    });
    const idle = await app.deps.db.selectFrom('integrations').select('last_api_request_at').where('id', '=', ids.idle!).executeTakeFirstOrThrow();
    expect(res.body.data.attention.soon_stale[0].stale_at).toBe(new Date(idle.last_api_request_at.getTime() + STALE_AFTER_MS).toISOString());
  });

  it('keeps production to itself, where nothing goes stale', async () => {
    const operator = await signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, 'operator')).email, tenant.id);
    await app.deps.db.updateTable('integrations').set({ last_api_request_at: new Date(Date.now() - 13 * DAY) }).where('id', '=', ids.production!).execute();
    const res = await operator.request('GET', '/environments/production/overview');
    expect(res.body.data).toStrictEqual({
      integration_counts: { active: 1, invalid: 0, inactive: 0, total: 1 },
      attention: { invalid_credentials: [], last_sync_failed: [], soon_stale: [] },
      recent_errors: [],
    });
  });
});
