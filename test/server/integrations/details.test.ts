import { Kombo } from '@kombo-api/sdk';
import { KomboGeneralError } from '@kombo-api/sdk/models/errors';
import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createSandboxIntegration } from '../connect/connect-helpers.ts';
import { schemaErrors } from './kombo-schemas.ts';

describe.each(STORE_NAMES)('GET /v1/integrations/{integration_id} (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    devKey = (await createTestKey(app.deps, await createTestTenant(store), 'development')).key;
  });

  const details = (id: string) => call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey);

  describe('with a Sandbox integration of the key environment', () => {
    it('answers all twelve keys with the Sandbox read models', async () => {
      const id = await createSandboxIntegration(app, devKey, { end_user_origin_id: 'cust-9' });
      const res = await details(id);
      expect([res.status, res.body]).toStrictEqual([
        200,
        {
          status: 'success',
          data: {
            id,
            tool: { id: 'sandbox', label: 'Sandbox', internal_label: null, logo_url: sandboxConnector.tool.logoUrl, icon_url: sandboxConnector.tool.iconUrl },
            category: 'HRIS',
            status: 'ACTIVE',
            setup_status: 'FINAL_SYNC_PENDING',
            end_user: { organization_name: 'Acme GmbH', creator_email: 'hr@acme.example', origin_id: 'cust-9' },
            scope_config: { id: expect.stringMatching(/^\w{24}$/), name: 'Default' },
            data_expired_at: null,
            created_at: '2026-03-01T10:00:00.000Z',
            beta: false,
            read_models: sandboxConnector.readModels.map((m) => ({
              id: m.id,
              label: m.label,
              is_available: true,
              coverage_status: 'SUPPORTED',
              scope_config_setting: 'ENABLED',
              opted_out_by_customer: false,
              fields: m.fields.map((f) => ({ id: f.id, is_available: true, coverage_status: 'SUPPORTED', scope_config_setting: 'ENABLED', opted_out_by_customer: false })),
            })),
            write_actions: [],
          },
        },
      ]);
    });

    it('lists the HRIS models the Sandbox covers', async () => {
      const res = await details(await createSandboxIntegration(app, devKey));
      expect(res.body.data.read_models.map((m: { id: string }) => m.id)).toStrictEqual([
        'hris_employees',
        'hris_employments',
        'hris_teams',
        'hris_locations',
        'hris_legal_entities',
        'hris_absence_types',
        'hris_absences',
        'hris_time_off_balances',
        'hris_timesheets',
        'hris_performance_review_cycles',
        'hris_performance_reviews',
        'hris_skills',
        'hris_employee_skill_assignments',
        'hris_staffing_entities',
        'hris_employee_document_categories',
      ]);
    });

    it("validates against the spec's response schema", async () => {
      const res = await details(await createSandboxIntegration(app, devKey));
      expect(schemaErrors('GetIntegrationsIntegrationIdPositiveResponse', res.body)).toStrictEqual([]);
    });

    it('accepts the ID unencoded as well as percent-encoded', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const raw = await call(`${app.url}/v1/integrations/${id}`, devKey);
      expect([raw.status, raw.body.data.id]).toStrictEqual([200, id]);
    });

    it('counts as an API request for the integration', async () => {
      const id = await createSandboxIntegration(app, devKey);
      clock.advance(5 * 60 * 1000);
      await details(id);
      const row = await store.db.selectFrom('integrations').select('last_api_request_at').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.last_api_request_at).toStrictEqual(clock());
    });

    it('works through the official SDK, which percent-encodes the ID', async () => {
      const id = await createSandboxIntegration(app, devKey);
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.general.getIntegrationDetails({ integration_id: id });
      expect([result.data.id, result.data.status, result.data.read_models.length]).toStrictEqual([id, 'ACTIVE', sandboxConnector.readModels.length]);
    });
  });

  describe('with an unknown ID', () => {
    it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
      const res = await details('sandbox:doesNotExist');
      expect([res.status, res.body]).toStrictEqual([
        404,
        errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found', "No integration with ID 'sandbox:doesNotExist' exists in this environment."),
      ]);
      expect(schemaErrors('ErrorResponseGeneral', res.body)).toStrictEqual([]);
    });

    it('reaches the SDK as a typed KomboGeneralError', async () => {
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const error = await kombo.general.getIntegrationDetails({ integration_id: 'sandbox:nope' }).catch((e: unknown) => e);
      expect([error instanceof KomboGeneralError, (error as KomboGeneralError).statusCode, (error as KomboGeneralError).error.code]).toStrictEqual([
        true,
        404,
        'PLATFORM.INTEGRATION_NOT_FOUND',
      ]);
    });
  });
});
