import { Kombo } from '@kombo-api/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { type HrisSchemaName, hrisSchemaErrors } from './hris-schemas.ts';

type Pages = AsyncIterable<{ result: { data: { results: { id: string }[] } } }>;

/** Every list endpoint of the spec. */
const ENDPOINTS = ['employees', 'employments', 'groups', 'teams', 'locations', 'absence-types', 'time-off-balances', 'absences',
  'legal-entities', 'timesheets', 'performance-review-cycles', 'performance-reviews', 'skills', 'employee-skill-assignments',
  'staffing-entities', 'employee-document-categories'].map((path) => ({ path }));

/** The list endpoints the official SDK 1.1.3 has a method for. */
const SDK_ENDPOINTS: { path: string; list: (k: Kombo, page_size: number) => Promise<Pages> }[] = [
  { path: 'employees', list: (k, page_size) => k.hris.getEmployees({ page_size }) },
  { path: 'employments', list: (k, page_size) => k.hris.getEmployments({ page_size }) },
  { path: 'groups', list: (k, page_size) => k.hris.getGroups({ page_size }) },
  { path: 'locations', list: (k, page_size) => k.hris.getLocations({ page_size }) },
  { path: 'absence-types', list: (k, page_size) => k.hris.getAbsenceTypes({ page_size }) },
  { path: 'time-off-balances', list: (k, page_size) => k.hris.getTimeOffBalances({ page_size }) },
  { path: 'absences', list: (k, page_size) => k.hris.getAbsences({ page_size }) },
  { path: 'legal-entities', list: (k, page_size) => k.hris.getLegalEntities({ page_size }) },
  { path: 'timesheets', list: (k, page_size) => k.hris.getTimesheets({ page_size }) },
  { path: 'performance-review-cycles', list: (k, page_size) => k.hris.getPerformanceReviewCycles({ page_size }) },
  { path: 'performance-reviews', list: (k, page_size) => k.hris.getPerformanceReviews({ page_size }) },
  { path: 'staffing-entities', list: (k, page_size) => k.hris.getStaffingEntities({ page_size }) },
  { path: 'employee-document-categories', list: (k, page_size) => k.hris.getEmployeeDocumentCategories({ page_size }) },
];

describe.each(STORE_NAMES)('HRIS list endpoints (%s)', (storeName) => {
  let app: TestApp;
  let key: string;
  let integrationId: string;

  /** The IDs of every live record of an endpoint, read raw in pages of 250. */
  async function allIds(path: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`${app.url}/v1/hris/${path}?page_size=250${cursor ? `&cursor=${cursor}` : ''}`, key, { headers: integrationHeader(integrationId) });
      ids.push(...res.body.data.results.map((r: { id: string }) => r.id));
      cursor = res.body.data.next;
    } while (cursor);
    return ids;
  }

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock('2026-03-02T10:00:00.000Z') });
    const tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
    integrationId = await syncedIntegration(app.deps, tenant, { credentials: { company_size: '250', seed: 'sdk-suite' } });
  });
  afterAll(() => app.close());

  describe.each(ENDPOINTS)('GET /v1/hris/$path', ({ path }) => {
    it('answers every page in the shape of the OpenAPI schema', async () => {
      const records: unknown[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(`${app.url}/v1/hris/${path}?page_size=40&include_deleted=true${cursor ? `&cursor=${cursor}` : ''}`, key, {
          headers: integrationHeader(integrationId),
        });
        expect(res.status).toBe(200);
        expect(hrisSchemaErrors(`/hris/${path}` as HrisSchemaName, res.body)).toStrictEqual([]);
        records.push(...res.body.data.results);
        cursor = res.body.data.next;
      } while (cursor);
      expect(records.length).toBeGreaterThan(0);
      expect(new Set(records.map((r) => (r as { id: string }).id)).size).toBe(records.length);
    });
  });

  describe.each(SDK_ENDPOINTS)('GET /v1/hris/$path through @kombo-api/sdk', ({ path, list }) => {
    it('iterates every page without a response-validation error', async () => {
      const kombo = new Kombo({ api_key: key, integration_id: integrationId, server_url: `${app.url}/v1` });
      const ids: string[] = [];
      for await (const page of await list(kombo, 40)) ids.push(...page.result.data.results.map((r) => r.id));
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toStrictEqual(await allIds(path));
    });
  });
});
