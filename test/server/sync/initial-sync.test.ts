import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createSandboxIntegration, sandboxCredentials } from '../connect/connect-helpers.ts';

describe.each(STORE_NAMES)('the first sync after the connection flow (%s)', (storeName) => {
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    // Workers in the app, as in a server (server/start.ts): the first sync runs as soon as the flow connects.
    app = await startApp(store, { clock: testClock(), workers: true });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store)));
  });
  afterAll(() => app.close());

  describe('GET /v1/integrations/{id} after connecting the Sandbox', () => {
    it('moves setup_status from FINAL_SYNC_PENDING to COMPLETED and serves the data', async () => {
      const id = await createSandboxIntegration(app, key);
      const statuses = new Set<string>();
      for (let i = 0; i < 400 && !statuses.has('COMPLETED'); i++) {
        const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key);
        statuses.add(res.body.data.setup_status);
        if (!statuses.has('COMPLETED')) await new Promise((r) => setTimeout(r, 25));
      }
      expect(statuses.has('COMPLETED')).toBe(true);
      expect([...statuses].every((s) => s === 'FINAL_SYNC_PENDING' || s === 'COMPLETED')).toBe(true);
      const employees = await call(`${app.url}/v1/hris/employees?page_size=250`, key, { headers: integrationHeader(id) });
      expect(employees.status).toBe(200);
      // The flow's default credentials ask for a company of 250.
      expect(employees.body.data.results.length).toBeGreaterThan(200);
      expect(sandboxCredentials().company_size).toBe('250');
    });
  });
});
