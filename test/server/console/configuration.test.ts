import { listAudit } from '../../../server/domain/audit.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from './console-client.ts';

describe.each(STORE_NAMES)('the environment configuration API (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());

  /** A tenant of its own with a signed-in user of `role`. */
  async function consoleOf(role: 'admin' | 'developer' | 'operator' = 'admin'): Promise<{ tenant: TestTenant; client: ConsoleClient; userId: string }> {
    const tenant = await createTestTenant(store);
    const user = await addConsoleUser(app.deps, tenant.id, role);
    return { tenant, client: await signedIn(app.url, user.email, tenant.id), userId: user.id };
  }
  const lastAudit = async (tenant: TestTenant) => (await listAudit(app.deps.db, tenant.id, 1))[0];

  describe('GET /dashboard/api/environments/:environment/configuration', () => {
    it('lists the tools available there, every model with its fields, and the flow settings', async () => {
      const { client } = await consoleOf();
      const res = await client.request('GET', '/environments/development/configuration');
      const employees = res.body.data.models.find((m: { id: string }) => m.id === 'hris_employees');
      expect([
        res.body.data.tools.map((t: { id: string; enabled: boolean }) => `${t.id}:${t.enabled}`),
        res.body.data.models.length,
        employees.fields.slice(0, 3),
        res.body.data.settings.allowed_origins,
      ]).toStrictEqual([
        ['sandbox:true', 'bamboohr:true', 'personio:true', 'hibob:true', 'factorial:true'],
        15,
        [{ id: 'id', enabled: true, locked: true }, { id: 'remote_id', enabled: true, locked: true }, { id: 'employee_number', enabled: true, locked: false }],
        [],
      ]);
    });

    it('does not offer the Sandbox in production', async () => {
      const { client } = await consoleOf();
      const res = await client.request('GET', '/environments/production/configuration');
      expect(res.body.data.tools.map((t: { id: string }) => t.id)).toStrictEqual(['bamboohr', 'personio', 'hibob', 'factorial']);
    });
  });

  describe('PUT /dashboard/api/environments/:environment/configuration/scopes', () => {
    describe('with an unknown model, an unknown field and an identifier', () => {
      it('answers 400 PLATFORM.INPUT_INVALID naming each, and changes nothing', async () => {
        const { tenant, client } = await consoleOf();
        const auditBefore = await listAudit(app.deps.db, tenant.id, 1000);
        const res = await client.request('PUT', '/environments/development/configuration/scopes', {
          disabled_models: ['hris_payslips'],
          disabled_fields: { hris_employees: ['favourite_colour', 'remote_id'] },
        });
        expect([res.status, res.body]).toStrictEqual([
          400,
          errorEnvelope(
            'PLATFORM.INPUT_INVALID',
            'Input invalid',
            "Invalid scope configuration: unknown model 'hris_payslips'; unknown field 'favourite_colour' of hris_employees; field 'remote_id' of hris_employees identifies or links records and cannot be turned off.",
          ),
        ]);
        expect([await listAudit(app.deps.db, tenant.id, 1000), await app.deps.db.selectFrom('environment_scopes').selectAll().where('environment_id', '=', tenant.environments.development).execute()])
          .toStrictEqual([auditBefore, []]);
      });
    });

    describe('with a body that is not a scope configuration', () => {
      it('answers 400 PLATFORM.INPUT_INVALID saying the expected shape', async () => {
        const { client } = await consoleOf();
        const res = await client.request('PUT', '/environments/development/configuration/scopes', { disabled_models: 'hris_employees' });
        expect([res.status, res.body.error.code, res.body.error.message]).toStrictEqual([
          400,
          'PLATFORM.INPUT_INVALID',
          expect.stringMatching(/^Invalid scope configuration \(expected \{"disabled_models": \[\.\.\.\], "disabled_fields": \{"<model>": \[\.\.\.\]\}\}\): disabled_models: .+; disabled_fields: .+\.$/),
        ]);
      });
    });

    describe('with a valid configuration', () => {
      it('stores it and records the before and after in the audit trail', async () => {
        const { tenant, client, userId } = await consoleOf('developer');
        const change = { disabled_models: ['hris_timesheets'], disabled_fields: { hris_employees: ['ssn', 'date_of_birth'] } };
        const res = await client.request('PUT', '/environments/development/configuration/scopes', change);
        const employees = res.body.data.models.find((m: { id: string }) => m.id === 'hris_employees');
        expect([
          res.status,
          res.body.data.models.find((m: { id: string }) => m.id === 'hris_timesheets').enabled,
          employees.fields.filter((f: { enabled: boolean }) => !f.enabled).map((f: { id: string }) => f.id),
        ]).toStrictEqual([200, false, ['ssn', 'date_of_birth']]);
        expect(await lastAudit(tenant)).toMatchObject({
          actor: `user:${userId}`,
          source: 'console',
          action: 'environment.scopes_updated',
          environmentId: tenant.environments.development,
          before: { disabled_models: [], disabled_fields: {} },
          // Stored in catalogue order: fields as the model lists them.
          after: { disabled_models: ['hris_timesheets'], disabled_fields: { hris_employees: ['ssn', 'date_of_birth'] } },
        });
      });
    });
  });

  describe('PUT /dashboard/api/environments/:environment/configuration/tools/:tool', () => {
    it('disabling the Sandbox removes it from GET /v1/tools/hris, audited with before and after', async () => {
      const { tenant, client } = await consoleOf();
      const { key } = await createTestKey(app.deps, tenant);
      const listed = async () => (await call(`${app.url}/v1/tools/hris`, key)).body.data.tools.map((t: { id: string }) => t.id);
      expect(await listed()).toContain('sandbox');
      const res = await client.request('PUT', '/environments/development/configuration/tools/sandbox', { enabled: false });
      expect([res.status, res.body.data.tool.enabled, await listed()]).toStrictEqual([200, false, ['bamboohr', 'personio', 'hibob', 'factorial']]);
      expect(await lastAudit(tenant)).toMatchObject({
        action: 'environment.tool_updated',
        targetType: 'tool',
        targetId: 'sandbox',
        before: { tool: 'sandbox', enabled: true },
        after: { tool: 'sandbox', enabled: false },
      });
    });

    it('answers 400 PLATFORM.INPUT_INVALID for a tool not available in the environment', async () => {
      const { client } = await consoleOf();
      const res = await client.request('PUT', '/environments/production/configuration/tools/sandbox', { enabled: true });
      expect([res.status, res.body]).toStrictEqual([
        400,
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', "Tool 'sandbox' is not available in the production environment."),
      ]);
    });
  });

  describe('PATCH /dashboard/api/environments/:environment/configuration/settings', () => {
    it('changes the branding and the allowed origins, audited with before and after', async () => {
      const { tenant, client } = await consoleOf();
      const res = await client.request('PATCH', '/environments/development/configuration/settings', { display_name: 'Acme HR', allowed_origins: ['https://app.acme.test'] });
      expect([res.status, res.body.data.settings.display_name, res.body.data.settings.allowed_origins]).toStrictEqual([200, 'Acme HR', ['https://app.acme.test']]);
      expect(await lastAudit(tenant)).toMatchObject({
        action: 'environment.settings_updated',
        before: { display_name: null, allowed_origins: [] },
        after: { display_name: 'Acme HR', allowed_origins: ['https://app.acme.test'] },
      });
    });

    it('answers 400 PLATFORM.INPUT_INVALID naming an origin that is not exact', async () => {
      const { client } = await consoleOf();
      const res = await client.request('PATCH', '/environments/development/configuration/settings', { allowed_origins: ['https://app.acme.test/path'] });
      expect([res.status, res.body]).toStrictEqual([
        400,
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          'Input invalid',
          "Invalid settings: allowed_origins has 'https://app.acme.test/path', which is not an exact origin such as https://app.example.com (scheme and host, no path).",
        ),
      ]);
    });
  });
});
