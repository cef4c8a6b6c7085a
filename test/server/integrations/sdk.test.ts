import { Kombo } from '@kombo-api/sdk';
import { KomboGeneralError } from '@kombo-api/sdk/models/errors';
import type { Store } from '../../../server/store/db.ts';
import { createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, tokenOf } from '../connect/connect-helpers.ts';
import { createConnectorRegistry } from '../../../server/connectors/registry.ts';

describe.each(STORE_NAMES)('the official @kombo-api/sdk against Plugboard (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let kombo: Kombo;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    const { key } = await createTestKey(app.deps, await createTestTenant(store), 'development');
    kombo = new Kombo({ api_key: key, server_url: `${app.url}/v1` });
  });

  describe('with a whole integration lifecycle', () => {
    it('runs link, flow, exchange, details, disable, enable, relink, tools and delete without a validation error', async () => {
      const { data: link } = await kombo.connect.createConnectionLink({
        end_user_email: 'it@globex.example',
        end_user_organization_name: 'Globex',
        end_user_origin_id: 'globex-1',
        integration_tool: 'sandbox',
        language: 'es',
      });
      const activation = await connectSandbox(app, tokenOf(link.link));
      const { data: byToken } = await kombo.connect.getIntegrationByToken({ token: activation });
      const id = byToken.id;

      const disabled = await kombo.general.setIntegrationEnabled({ integration_id: id, body: { value: false } });
      const whileDisabled = (await kombo.general.getIntegrationDetails({ integration_id: id })).data.status;
      const enabled = await kombo.general.setIntegrationEnabled({ integration_id: id, body: { value: true } });
      const details = (await kombo.general.getIntegrationDetails({ integration_id: id })).data;

      const { data: relink } = await kombo.general.createReconnectionLink({ integration_id: id, body: {} });
      const relinkActivation = await connectSandbox(app, tokenOf(relink.link));
      const relinked = (await kombo.connect.getIntegrationByToken({ token: relinkActivation })).data.id;

      const tools = (await kombo.general.getTools({ category: 'hris' })).data.tools.map((t) => t.id);
      const deleted = await kombo.general.deleteIntegration({ integration_id: id, body: {} });

      expect({ byToken, disabled, whileDisabled, enabled, status: details.status, origin: details.end_user.origin_id, relinked, tools, deleted }).toStrictEqual({
        byToken: {
          tool: 'sandbox',
          id: expect.stringMatching(/^sandbox:/),
          end_user_origin_id: 'globex-1',
          end_user_organization_name: 'Globex',
          end_user_email: 'it@globex.example',
          setup_status: 'FINAL_SYNC_PENDING',
        },
        disabled: { status: 'success', data: {} },
        whileDisabled: 'INACTIVE',
        enabled: { status: 'success', data: {} },
        status: 'ACTIVE',
        origin: 'globex-1',
        relinked: id,
        tools: createConnectorRegistry().list().filter((c) => c.availability.development?.enabledByDefault).map((c) => c.tool.id),
        deleted: { status: 'success', data: {} },
      });
    });
  });

  describe('with an integration that does not exist', () => {
    it.each([
      ['setIntegrationEnabled', () => kombo.general.setIntegrationEnabled({ integration_id: 'sandbox:x', body: { value: true } })],
      ['createReconnectionLink', () => kombo.general.createReconnectionLink({ integration_id: 'sandbox:x', body: {} })],
      ['deleteIntegration', () => kombo.general.deleteIntegration({ integration_id: 'sandbox:x', body: {} })],
    ])('%s throws a typed KomboGeneralError 404', async (_name, run) => {
      const error = await run().catch((e: unknown) => e);
      expect([error instanceof KomboGeneralError, (error as KomboGeneralError).statusCode, (error as KomboGeneralError).error.code]).toStrictEqual([
        true,
        404,
        'PLATFORM.INTEGRATION_NOT_FOUND',
      ]);
    });
  });
});
