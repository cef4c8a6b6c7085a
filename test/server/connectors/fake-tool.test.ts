import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { Connector } from '../../../server/connectors/types.ts';
import { findRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createLinkToken, flowCall, sandboxCredentials } from '../connect/connect-helpers.ts';

/**
 * A tool of the test's own, registered through the app's deps alone (no code of Plugboard edited):
 * it verifies any credentials and reads the Sandbox's simulated company.
 */
function fakeTool(verified: string[]): Connector {
  return {
    ...sandboxConnector,
    tool: { ...sandboxConnector.tool, id: 'personio', label: 'Fake Personio' },
    verifyCredentials: async (credentials) => {
      verified.push(credentials.company_subdomain ?? '');
      return { status: 'ok' };
    },
  };
}

describe.each(STORE_NAMES)('a connector registered by a test (%s)', (storeName) => {
  let app: TestApp;
  let key: string;
  const verified: string[] = [];

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock(), connectors: [sandboxConnector, fakeTool(verified)], workers: true });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store)));
  });
  afterAll(() => app.close());

  describe('GET /v1/tools/hris', () => {
    it('lists the registered tool after the Sandbox', async () => {
      const res = await call(`${app.url}/v1/tools/hris`, key);
      expect(res.body.data.tools.map((t: { id: string }) => t.id)).toStrictEqual(['sandbox', 'personio']);
    });
  });

  describe('connecting and syncing it', () => {
    it('verifies through the registered connector, syncs its data and serves it', async () => {
      const link = await createLinkToken(app, key, { integration_tool: 'personio' });
      const connected = await flowCall(app, '/connect', link, { method: 'POST', body: { tool: 'personio', credentials: sandboxCredentials({ company_subdomain: 'fake-co' }) } });
      expect(connected.body.data.outcome).toBe('connected');
      expect(verified).toStrictEqual(['fake-co']);

      const exchanged = await call(`${app.url}/v1/connect/integration-by-token/${connected.body.data.activation_token}`, key);
      expect(exchanged.body.data).toMatchObject({ tool: 'personio', id: expect.stringMatching(/^personio:/) });
      const id = exchanged.body.data.id as string;

      const forced = await call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {}, headers: integrationHeader(id) });
      expect(forced.status).toBe(200);
      for (let i = 0; i < 400; i++) {
        const run = await findRun(app.deps.db, forced.body.data.sync_id);
        if (run?.status === 'SUCCEEDED' || run?.status === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await findRun(app.deps.db, forced.body.data.sync_id)).toMatchObject({ status: 'SUCCEEDED' });

      const employees = await call(`${app.url}/v1/hris/employees?page_size=5`, key, { headers: integrationHeader(id) });
      expect(employees.status).toBe(200);
      expect(employees.body.data.results).toHaveLength(5);
      const details = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key);
      expect(details.body.data.tool).toMatchObject({ id: 'personio', label: 'Fake Personio' });
    });
  });
});
