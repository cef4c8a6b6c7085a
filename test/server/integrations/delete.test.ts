import { Kombo } from '@kombo-api/sdk';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createLinkToken } from '../connect/connect-helpers.ts';
import { schemaErrors } from './kombo-schemas.ts';

describe.each(STORE_NAMES)('DELETE /v1/integrations/{integration_id} (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let devKey: string;
  let devKeyId: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    ({ key: devKey, id: devKeyId } = await createTestKey(app.deps, await createTestTenant(store), 'development'));
  });

  /** A connected integration with its (redeemed) activation token and a pending relink link. */
  async function integrationWithLeftovers(): Promise<string> {
    const token = await connectSandbox(app, await createLinkToken(app, devKey));
    const id = (await call(`${app.url}/v1/connect/activate-integration`, devKey, { method: 'POST', body: { token } })).body.data.id as string;
    await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/relink`, devKey, { method: 'POST', body: {} });
    return id;
  }
  const rowsOf = (id: string) =>
    Promise.all([
      store.db.selectFrom('integrations').select('id').where('id', '=', id).execute(),
      store.db.selectFrom('connection_links').select('id').where('relink_integration_id', '=', id).execute(),
      store.db.selectFrom('activation_tokens').select('token_hash').where('integration_id', '=', id).execute(),
    ]).then((tables) => tables.map((rows) => rows.length));
  const remove = (id: string, body: unknown = {}) => call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey, { method: 'DELETE', body });

  describe('with the body {} the SDK sends', () => {
    it('deletes the integration through the official SDK, answering {}', async () => {
      const id = await integrationWithLeftovers();
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.general.deleteIntegration({ integration_id: id, body: {} });
      expect([result, (await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey)).status]).toStrictEqual([
        { status: 'success', data: {} },
        404,
      ]);
    });

    it("removes its credentials, relink links and activation tokens, keeping other integrations' rows", async () => {
      const id = await integrationWithLeftovers();
      const other = await integrationWithLeftovers();
      const before = await rowsOf(id);
      const res = await remove(id);
      expect([schemaErrors('DeleteIntegrationsIntegrationIdPositiveResponse', res.body), before, await rowsOf(id), await rowsOf(other)]).toStrictEqual([
        [],
        [1, 1, 1],
        [0, 0, 0],
        [1, 1, 1],
      ]);
    });

    it('writes an audit row naming the key', async () => {
      const id = await integrationWithLeftovers();
      await remove(id);
      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor', 'after']).where('target_id', '=', id).where('action', '!=', 'integration.created').execute();
      expect(audit).toStrictEqual([{ action: 'integration.deleted', actor: `api-key:${devKeyId}`, after: null }]);
    });
  });

  describe('without a body', () => {
    it('deletes as well', async () => {
      const id = await integrationWithLeftovers();
      const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, devKey, { method: 'DELETE' });
      expect([res.status, res.body]).toStrictEqual([200, { status: 'success', data: {} }]);
    });
  });

  describe('with a body that is not an object', () => {
    it('answers 400 and deletes nothing', async () => {
      const id = await integrationWithLeftovers();
      const res = await remove(id, [1]);
      expect([res.body, (await store.db.selectFrom('integrations').select('id').where('id', '=', id).execute()).length]).toStrictEqual([
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: the request body must be an object (got an array).'),
        1,
      ]);
    });
  });

  describe('when already deleted', () => {
    it('answers 404 PLATFORM.INTEGRATION_NOT_FOUND', async () => {
      const id = await integrationWithLeftovers();
      await remove(id);
      expect((await remove(id)).body).toStrictEqual(
        errorEnvelope('PLATFORM.INTEGRATION_NOT_FOUND', 'Integration not found', `No integration with ID '${id}' exists in this environment.`),
      );
    });
  });
});
