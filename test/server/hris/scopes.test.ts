import { Kombo } from '@kombo-api/sdk';
import { KomboHrisError } from '@kombo-api/sdk/models/errors';
import type { HrisModel, PagedSource, ReadContext } from '../../../server/connectors/data-source.ts';
import { pagesOf, readByModel } from '../../../server/connectors/read-by-model.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { HrisSnapshot } from '../../../server/connectors/unified-hris.ts';
import { MODEL_KEYS, SNAPSHOT_FIELD } from '../../../server/domain/hris/models.ts';
import { updateScopeConfig } from '../../../server/domain/scopes/scope-config.ts';
import { loadUnifiedRecords } from '../../../server/store/queries/hris-records.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { syncedIntegration, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const MODELS: HrisModel[] = MODEL_KEYS.map((m) => SNAPSHOT_FIELD[m]);

/** The Sandbox read model by model through `readByModel`, counting which models were read. */
function countingSource(reads: Map<HrisModel, number>): PagedSource {
  const reader = (model: HrisModel) =>
    async function* (ctx: ReadContext): AsyncIterable<HrisSnapshot[HrisModel]> {
      reads.set(model, (reads.get(model) ?? 0) + 1);
      const snapshot = await sandboxDataSource.readHris(ctx);
      yield* pagesOf(snapshot[model] as unknown[], ctx.pageSize) as Iterable<HrisSnapshot[HrisModel]>;
    };
  return { readModels: sandboxDataSource.readModels, read: readByModel(Object.fromEntries(MODELS.map((m) => [m, reader(m)]))) };
}

describe.each(STORE_NAMES)('scope configuration on the API and the sync (%s)', (storeName) => {
  let app: TestApp;
  let store: Store;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock('2026-03-02T10:00:00.000Z') });
  });
  afterAll(() => app.close());

  /** A tenant of its own with a synced Sandbox integration and a development key. */
  async function connected(): Promise<{ tenant: TestTenant; key: string; id: string; kombo: Kombo }> {
    const tenant = await createTestTenant(store);
    const { key } = await createTestKey(app.deps, tenant);
    const id = await syncedIntegration(app.deps, tenant, { credentials: { company_size: '50', seed: 'scopes' } });
    return { tenant, key, id, kombo: new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` }) };
  }
  const scope = (tenant: TestTenant, config: unknown) =>
    updateScopeConfig(app.deps, TEST_ACTOR, { tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' }, config);
  const firstPage = async (kombo: Kombo) => (await kombo.hris.getEmployees({ page_size: 250 })).result.data.results;

  describe('with employees.first_name turned off', () => {
    it('answers null for it through the official SDK at once, while the stored record still has it', async () => {
      const { tenant, id, kombo } = await connected();
      const before = await firstPage(kombo);
      expect(before.every((e) => e.first_name !== null)).toBe(true);
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employees: ['first_name'] } });
      const employees = await firstPage(kombo);
      const stored = (await loadUnifiedRecords(app.deps.db, id, 'employees')).records as { firstName: string | null }[];
      expect([employees.length, employees.every((e) => e.first_name === null), employees.every((e) => e.last_name !== null), stored.every((r) => r.firstName !== null)])
        .toStrictEqual([before.length, true, true, true]);
    });

    it('does not store it after the next sync, and the SDK still receives null', async () => {
      const { tenant, id, kombo } = await connected();
      const count = (await firstPage(kombo)).length;
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employees: ['first_name'] } });
      await syncNow(app.deps, id);
      const stored = (await loadUnifiedRecords(app.deps.db, id, 'employees')).records as { firstName: string | null; lastName: string | null }[];
      const served = await firstPage(kombo);
      expect([stored.length, stored.every((r) => r.firstName === null && r.lastName !== null), served.every((e) => e.first_name === null)]).toStrictEqual([count, true, true]);
    });

    it('serves it again once turned back on', async () => {
      const { tenant, kombo } = await connected();
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employees: ['first_name'] } });
      await firstPage(kombo); // cached with the field hidden
      await scope(tenant, { disabled_models: [], disabled_fields: {} });
      expect((await firstPage(kombo)).every((e) => e.first_name !== null)).toBe(true);
    });

    it('shows the field DISABLED in GET /v1/integrations/{id}', async () => {
      const { tenant, key, id } = await connected();
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employees: ['first_name'] } });
      const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key);
      const employees = res.body.data.read_models.find((m: { id: string }) => m.id === 'hris_employees');
      const field = (name: string) => employees.fields.find((f: { id: string }) => f.id === name);
      expect([employees.scope_config_setting, employees.is_available, field('first_name'), field('last_name').scope_config_setting]).toStrictEqual([
        'ENABLED',
        true,
        { id: 'first_name', is_available: false, coverage_status: 'SUPPORTED', scope_config_setting: 'DISABLED', opted_out_by_customer: false },
        'ENABLED',
      ]);
    });
  });

  describe('with hris_employments.pay_rate turned off', () => {
    it('answers null for it on /hris/employments and inside the employments /hris/employees embeds', async () => {
      const { tenant, kombo } = await connected();
      const paid = (await firstPage(kombo)).flatMap((e) => e.employments).filter((e) => e.pay_rate !== null).length;
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employments: ['pay_rate'] } });
      const employments = (await kombo.hris.getEmployments({ page_size: 250 })).result.data.results;
      const embedded = (await firstPage(kombo)).flatMap((e) => e.employments);
      expect([
        paid > 0,
        employments.length > 0 && employments.every((e) => e.pay_rate === null && e.job_title !== undefined),
        embedded.length > 0 && embedded.every((e) => e.pay_rate === null),
      ]).toStrictEqual([true, true, true]);
    });
  });

  describe('after a scope change', () => {
    it('shows data_expired_at in GET /v1/integrations/{id} until the next sync', async () => {
      const { tenant, key, id } = await connected();
      const expiredAt = async () => (await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key)).body.data.data_expired_at;
      const before = await expiredAt();
      await scope(tenant, { disabled_models: [], disabled_fields: { hris_employees: ['gender'] } });
      const changed = await expiredAt();
      await syncNow(app.deps, id);
      expect([before, changed, await expiredAt()]).toStrictEqual([null, app.deps.clock().toISOString(), null]);
    });
  });

  describe('with hris_absences turned off', () => {
    it('rejects the SDK call with INTEGRATION.MODEL_DISABLED (a typed KomboHrisError)', async () => {
      const { tenant, kombo } = await connected();
      await scope(tenant, { disabled_models: ['hris_absences'], disabled_fields: {} });
      const error = await kombo.hris.getAbsences({}).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(KomboHrisError);
      expect([(error as KomboHrisError).statusCode, (error as KomboHrisError).data$.error.code]).toStrictEqual([403, 'INTEGRATION.MODEL_DISABLED']);
    });

    it('keeps serving the other models', async () => {
      const { tenant, kombo } = await connected();
      await scope(tenant, { disabled_models: ['hris_absences'], disabled_fields: {} });
      expect((await kombo.hris.getAbsenceTypes({})).result.data.results.length).toBeGreaterThan(0);
    });

    it('does not read it in the next sync, and no longer keeps its records', async () => {
      const { tenant, id } = await connected();
      expect((await loadUnifiedRecords(app.deps.db, id, 'absences')).records.length).toBeGreaterThan(0);
      await scope(tenant, { disabled_models: ['hris_absences'], disabled_fields: {} });
      const reads = new Map<HrisModel, number>();
      await syncNow(app.deps, id, { sourceFor: () => countingSource(reads) });
      expect([reads.get('absences'), reads.get('employees'), (await loadUnifiedRecords(app.deps.db, id, 'absences')).records.length]).toStrictEqual([undefined, 1, 0]);
    });

    it('shows the model DISABLED and unavailable in GET /v1/integrations/{id}', async () => {
      const { tenant, key, id } = await connected();
      await scope(tenant, { disabled_models: ['hris_absences'], disabled_fields: {} });
      const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key);
      const absences = res.body.data.read_models.find((m: { id: string }) => m.id === 'hris_absences');
      expect([absences.scope_config_setting, absences.is_available, absences.fields.every((f: { scope_config_setting: string }) => f.scope_config_setting === 'DISABLED')])
        .toStrictEqual(['DISABLED', false, true]);
    });
  });

  describe('in another environment', () => {
    it('leaves the development integration untouched by a production scope change', async () => {
      const { tenant, kombo } = await connected();
      const count = (await firstPage(kombo)).length;
      await updateScopeConfig(app.deps, TEST_ACTOR, { tenantId: tenant.id, environmentId: tenant.environments.production, environment: 'production' }, {
        disabled_models: ['hris_employees'],
        disabled_fields: {},
      });
      expect([count > 0, (await firstPage(kombo)).length]).toStrictEqual([true, count]);
    });
  });
});
