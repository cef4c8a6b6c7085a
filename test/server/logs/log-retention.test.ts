import { DEFAULT_RETENTION_DAYS, pruneRequestLogs } from '../../../server/domain/request-logs/log-retention.ts';
import { listAudit } from '../../../server/domain/audit.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, signedIn } from '../console/console-client.ts';

const DAY = 86_400_000;

describe.each(STORE_NAMES)('request log retention (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
    tenant = await createTestTenant(store);
  });
  afterAll(() => app.close());

  const signIn = async (role: 'admin' | 'developer' | 'operator') => signedIn(app.url, (await addConsoleUser(app.deps, tenant.id, role)).email, tenant.id);

  describe('GET /dashboard/api/environments/:environment/log-retention', () => {
    it('answers the defaults: 30 days in production, 7 in development', async () => {
      const operator = await signIn('operator');
      expect((await operator.request('GET', '/environments/production/log-retention')).body.data).toStrictEqual({ days: 30, is_default: true });
      const developer = await signIn('developer');
      expect((await developer.request('GET', '/environments/development/log-retention')).body.data).toStrictEqual({ days: 7, is_default: true });
    });
  });

  describe('PUT /dashboard/api/environments/:environment/log-retention', () => {
    it('saves the setting and audits it with before and after', async () => {
      const developer = await signIn('developer');
      const res = await developer.request('PUT', '/environments/development/log-retention', { days: 3 });
      expect(res.body).toStrictEqual({ status: 'success', data: { days: 3, is_default: false } });
      const [entry] = (await listAudit(app.deps.db, tenant.id, 1000)).filter((e) => e.action === 'logs.retention_changed');
      expect(entry).toMatchObject({ targetType: 'environment', targetId: tenant.environments.development, before: { retention_days: 7 }, after: { retention_days: 3 } });
    });

    it.each([[0], [366], [1.5], ['7']])('answers 400 for days = %j and changes nothing', async (days) => {
      const admin = await signIn('admin');
      const res = await admin.request('PUT', '/environments/production/log-retention', { days });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid'));
      expect((await admin.request('GET', '/environments/production/log-retention')).body.data).toStrictEqual({ days: DEFAULT_RETENTION_DAYS.production, is_default: true });
    });
  });

  describe('the retention job', () => {
    it("deletes only the entries older than each environment's retention", async () => {
      const other = await createTestTenant(await sharedStore(storeName));
      const now = app.deps.clock().getTime();
      const row = (environment_id: string, ageDays: number) => ({
        environment_id,
        request_id: `age-${ageDays}`,
        at: new Date(now - ageDays * DAY),
        method: 'GET',
        path: '/v1/check-api-key',
        status: 200,
        latency_ms: 1,
        api_key_id: 'k',
        integration_id: null,
      });
      const envs = [tenant.environments.production, tenant.environments.development, other.environments.development];
      await app.deps.db
        .insertInto('request_logs')
        // Written in time order, as the server writes them.
        .values(envs.flatMap((env) => [row(env, 40), row(env, 20), row(env, 5), row(env, 1)]))
        .execute();
      await pruneRequestLogs(app.deps);
      const left = async (env: string) =>
        (await app.deps.db.selectFrom('request_logs').select('request_id').where('environment_id', '=', env).orderBy('at', 'desc').execute()).map((r) => r.request_id);
      // production: default 30 days; this tenant's development: set to 3 days above; the other's: default 7.
      expect(await left(tenant.environments.production)).toStrictEqual(['age-1', 'age-5', 'age-20']);
      expect(await left(tenant.environments.development)).toStrictEqual(['age-1']);
      expect(await left(other.environments.development)).toStrictEqual(['age-1', 'age-5']);
    });
  });
});
