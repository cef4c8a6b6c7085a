import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passthroughCompanies } from '../../../server/connectors/sandbox/company/company-cache.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { sharedStore } from '../../helpers/stores.ts';

describe('POST /v1/passthrough/sandbox/v1', () => {
  let app: TestApp;
  let clock: TestClock;
  let key: string;
  let id: string;

  const employeesPage = (page: number) =>
    call(`${app.url}/v1/passthrough/sandbox/v1`, key, { method: 'POST', body: { method: 'GET', path: '/employees', params: { per_page: '3', page: String(page) } },
      headers: integrationHeader(id) });

  beforeAll(async () => {
    const store = await sharedStore('pglite');
    clock = testClock('2026-01-15T09:00:10.000Z');
    app = await startApp(store, { clock });
    const tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
    id = await createTestIntegration(app.deps, tenant, { credentials: { company_size: '10000' } });
  });
  afterAll(() => app.close());

  describe('with many calls on a 10,000-employee Sandbox within a minute', () => {
    it('computes the company once and answers every call from it', async () => {
      const before = passthroughCompanies.builds;
      const pages = [];
      for (let page = 1; page <= 25; page++) {
        const res = await employeesPage(page);
        expect(res.status).toBe(200);
        pages.push(res.body.data.data.meta);
        clock.advance(1000);
      }
      expect(passthroughCompanies.builds - before).toBe(1);
      expect(pages.at(-1)).toStrictEqual({ page: 25, per_page: 3, total: expect.any(Number), total_pages: expect.any(Number) });
      expect(pages[0].total).toBeGreaterThan(9000);
    });
  });

  describe('with the clock in the next minute', () => {
    it('computes the company as of that minute', async () => {
      clock.set('2026-01-15T09:01:30.000Z');
      const before = passthroughCompanies.builds;
      await employeesPage(1);
      await employeesPage(2);
      expect(passthroughCompanies.builds - before).toBe(1);
    });
  });
});
