import { Kombo } from '@kombo-api/sdk';
import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import { createConnectorRegistry } from '../../../server/connectors/registry.ts';
import { setToolEnabled } from '../../../server/domain/tools.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { schemaErrors } from './kombo-schemas.ts';

/** The tools on by default in an environment, in catalogue order. */
const toolsOf = (environment: 'development' | 'production') =>
  createConnectorRegistry().list().filter((c) => c.availability[environment]?.enabledByDefault).map((c) => c.tool.id);

describe.each(STORE_NAMES)('GET /v1/tools/{category} (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const tools = (category: string, key = devKey) => call(`${app.url}/v1/tools/${category}`, key);

  describe('with a development key and category hris', () => {
    it('lists the Sandbox with its assets and coverage', async () => {
      const res = await tools('hris');
      const sandboxOnly = { ...res.body, data: { tools: res.body.data.tools.filter((t: { id: string }) => t.id === 'sandbox') } };
      expect([res.status, sandboxOnly]).toStrictEqual([
        200,
        {
          status: 'success',
          data: {
            tools: [
              {
                id: 'sandbox',
                label: 'Sandbox',
                internal_label: null,
                assets: { logo_url: sandboxConnector.tool.logoUrl, icon_url: sandboxConnector.tool.iconUrl, icon_black_url: sandboxConnector.tool.iconBlackUrl },
                paid_api_details_markdown: null,
                fast_track_details_markdown: null,
                partner_only_details_markdown: null,
                connection_guide_url: null,
                coverage: {
                  read_models: sandboxConnector.readModels.map((m) => ({
                    id: m.id,
                    label: m.label,
                    coverage_status: 'SUPPORTED',
                    fields: m.fields.map((f) => ({ id: f.id, coverage_status: 'SUPPORTED' })),
                  })),
                  write_actions: [],
                  features: [],
                },
              },
            ],
          },
        },
      ]);
      expect(schemaErrors('GetToolsCategoryPositiveResponse', res.body)).toStrictEqual([]);
    });

    it('works through the official SDK', async () => {
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.general.getTools({ category: 'hris' });
      expect(result.data.tools.map((t) => t.id)).toStrictEqual(toolsOf('development'));
    });
  });

  describe('with a category the Sandbox does not cover', () => {
    it('answers an empty list', async () => {
      expect((await tools('ats')).body).toStrictEqual({ status: 'success', data: { tools: [] } });
    });
  });

  describe('with a production key', () => {
    it('lists the real tools but not the Sandbox, which exists only in development', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'production');
      const ids = (await tools('hris', key)).body.data.tools.map((t: { id: string }) => t.id);
      expect([ids, ids.includes('sandbox'), ids.includes('bamboohr')]).toStrictEqual([toolsOf('production'), false, true]);
    });
  });

  describe('with the Sandbox disabled in the environment', () => {
    it('leaves it out', async () => {
      await setToolEnabled({ db: store.db, connectors: createConnectorRegistry() }, { tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' }, 'sandbox', false);
      expect((await tools('hris')).body.data.tools.map((t: { id: string }) => t.id)).toStrictEqual(toolsOf('development').filter((id) => id !== 'sandbox'));
    });
  });

  describe('with an unknown or upper-case category', () => {
    it.each(['crm', 'HRIS'])('answers 400 PLATFORM.INPUT_INVALID for %s', async (category) => {
      expect((await tools(category)).body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          'Input invalid',
          `Invalid category path parameter: the category path parameter must be one of "hris", "ats", "assessment", "lms" (got "${category}").`,
        ),
      );
    });

  });
});
