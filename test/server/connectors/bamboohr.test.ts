import { Kombo } from '@kombo-api/sdk';
import type { Store } from '../../../server/store/db.ts';
import { createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { runFirstSync, runSync, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { EMPLOYEE_FIELDS } from '../../../server/connectors/bamboohr/read.ts';
import { type BambooFake, startBamboohrFake } from '../../fakes/bamboohr-fake.ts';
import { connectedIntegration, connectTool, HRIS_PATHS, listAll, requestsDuring, servedData, useFakes } from './connector-helpers.ts';

const PATHS = HRIS_PATHS.filter((p) => p !== 'legal-entities');

const lastRun = (store: Store, integrationId: string) =>
  store.db.selectFrom('sync_runs').select(['status', 'error']).where('integration_id', '=', integrationId).orderBy('started_at', 'desc').executeTakeFirstOrThrow();

describe.each(STORE_NAMES)('BambooHR against its fake (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let fake: BambooFake;
  let key: string;
  const clock = testClock('2026-03-02T10:00:00.000Z');
  const credentials = () => ({ company_subdomain: 'acme', api_key: fake.apiKey });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store), 'production'));
  });
  beforeEach(async () => {
    fake = await startBamboohrFake({ employees: 30 });
    useFakes(app, { bamboohr: fake.url });
  });
  afterEach(() => fake.close());
  afterAll(() => app.close());

  describe('POST /flow/v1/connect', () => {
    describe('with a wrong API key', () => {
      it('answers invalid_credentials with a field error on api_key', async () => {
        const res = await connectTool(app, key, 'bamboohr', { company_subdomain: 'acme', api_key: 'wrong' });
        expect(res.body.data).toStrictEqual({
          outcome: 'invalid_credentials',
          message: 'The credentials were not accepted.',
          field_errors: { api_key: 'BambooHR rejected this API key. Check that it was copied completely and is still active.' },
        });
      });
    });

    describe('with an unknown company', () => {
      it('answers invalid_credentials with a field error on company_subdomain', async () => {
        fake.unknownCompany = true;
        const res = await connectTool(app, key, 'bamboohr', credentials());
        expect(Object.keys(res.body.data.field_errors)).toStrictEqual(['company_subdomain']);
      });
    });

    describe('while BambooHR is down', () => {
      it('answers remote_unavailable', async () => {
        fake.faults.down = true;
        const res = await connectTool(app, key, 'bamboohr', credentials());
        expect(res.body.data).toStrictEqual({ outcome: 'remote_unavailable', message: 'BambooHR is not reachable right now. Please try again in a few minutes.' });
      });
    });
  });

  describe('the first sync', () => {
    it('fills every model BambooHR offers, served through the official SDK', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      await runFirstSync(app.deps, id);
      expect((await lastRun(store, id)).status).toBe('SUCCEEDED');
      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const employees: { remote_id: string | null; first_name?: string | null; employment_status?: string | null; groups?: unknown[]; work_location?: unknown }[] = [];
      for await (const page of await kombo.hris.getEmployees({ page_size: 100 })) employees.push(...page.result.data.results);
      expect(employees).toHaveLength(30);
      const ceo = employees.find((e) => e.remote_id === '100')!;
      expect(ceo).toMatchObject({ first_name: 'Ava', employment_status: 'ACTIVE' });
      expect(ceo.groups).toHaveLength(2);
      expect(ceo.work_location).toMatchObject({ name: 'Salt Lake City' });
      // SDK 1.1.3 drops remote_data (its models do not declare it): read the wire, checked against the OpenAPI schema.
      const raw = fake.employees.find((e) => e.id === '100')!;
      expect((await listAll(app, key, id, 'employees')).find((e) => e.remote_id === '100')?.remote_data).toStrictEqual({ '/api/v2/datasets/employee/data': { fields: Object.fromEntries(EMPLOYEE_FIELDS.map((f) => [f, raw[f] ?? null])) } });
      expect(employees.find((e) => e.remote_id === '124')).toMatchObject({ employment_status: 'INACTIVE' });

      const counts: Record<string, number> = {};
      for (const path of ['employees', 'employments', 'groups', 'locations', 'absence-types', 'absences', 'time-off-balances']) {
        counts[path] = (await listAll(app, key, id, path)).length;
      }
      expect(counts).toStrictEqual({
        employees: 30, employments: 30, groups: 6, locations: 3, 'absence-types': 2, absences: 10, 'time-off-balances': 60,
      });
    });
  });

  describe('an incremental sync after BambooHR changed', () => {
    it('shows the updated employee and marks the deleted one', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      await runFirstSync(app.deps, id);
      fake.updateEmployee('105', { jobTitle: 'Staff Engineer' });
      fake.deleteEmployee('106');
      await syncNow(app.deps, id);
      const employees = await listAll(app, key, id, 'employees');
      expect(employees.find((e) => e.remote_id === '105')).toMatchObject({ job_title: 'Staff Engineer', remote_deleted_at: null });
      expect(employees.find((e) => e.remote_id === '106')?.remote_deleted_at).toStrictEqual(expect.any(String));
    });
  });

  describe('a DELTA sync after BambooHR changed', () => {
    it('reads employees from the change feed only and serves what a full sync serves', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      await runFirstSync(app.deps, id);
      clock.advance(2 * 60 * 60 * 1000);
      fake.setNow(clock().toISOString());
      fake.updateEmployee('105', { jobTitle: 'Staff Engineer' });
      fake.deleteEmployee('106');
      const hired = fake.addEmployee({ firstName: 'Nia' });
      clock.advance(60 * 60 * 1000);

      const sent = await requestsDuring(fake, async () => expect((await runSync(app.deps, id, 'DELTA', 'SCHEDULED')).status).toBe('SUCCEEDED'));
      expect(sent.filter((r) => r.path === '/api/v1/employees/changed')).toHaveLength(1);
      // The changed employees in one filtered dataset request; the ids of everyone for the balances; no full employee read.
      expect(sent.filter((r) => r.path === '/api/v2/datasets/employee/data').map((r) => r.body)).toStrictEqual([
        { fields: EMPLOYEE_FIELDS, filter: `(status eq 'Active' or status eq 'Inactive') and (id eq '105' or id eq '${hired}')`, page: 1, pageSize: 1000 },
        { fields: ['id'], filter: "status eq 'Active' or status eq 'Inactive'", page: 1, pageSize: 1000 },
      ]);
      const afterDelta = await servedData(app, key, id, PATHS);
      expect(afterDelta.employees!.find((e) => e.remote_id === '105')).toMatchObject({ job_title: 'Staff Engineer', remote_deleted_at: null });
      expect(afterDelta.employees!.find((e) => e.remote_id === '106')?.remote_deleted_at).toStrictEqual(expect.any(String));
      expect(afterDelta.employees!.find((e) => e.remote_id === hired)).toMatchObject({ first_name: 'Nia', remote_deleted_at: null });

      await syncNow(app.deps, id);
      expect(await servedData(app, key, id, PATHS)).toStrictEqual(afterDelta);
    });
  });

  describe('a sync that meets 429s', () => {
    it('waits as asked and succeeds', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      fake.faults.rateLimitNext = 3;
      await runFirstSync(app.deps, id);
      expect((await lastRun(store, id)).status).toBe('SUCCEEDED');
      expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(3);
    });
  });

  describe('a sync with a record BambooHR sent broken', () => {
    it('skips that record with a logged reason and syncs the rest', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      fake.addBrokenEmployee();
      await runFirstSync(app.deps, id);
      expect((await lastRun(store, id)).status).toBe('SUCCEEDED');
      expect(await listAll(app, key, id, 'employees')).toHaveLength(30);
      const skipped = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'tool record skipped' && l.integrationId === id);
      expect(skipped).toMatchObject([{ tool: 'bamboohr', model: 'hris_employees', reason: 'An employee has no id.' }]);
    });
  });

  describe('a sync whose key may not read balances', () => {
    it('succeeds, leaves balances out and logs the model as unavailable', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      fake.faults.forbidden = ['/api/v1/employees/1'];
      await runFirstSync(app.deps, id);
      expect((await lastRun(store, id)).status).toBe('SUCCEEDED');
      expect(await listAll(app, key, id, 'time-off-balances')).toHaveLength(0);
      expect(await listAll(app, key, id, 'employees')).toHaveLength(30);
      const unavailable = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg.startsWith('model unavailable') && l.integrationId === id);
      expect(unavailable).toMatchObject([{ model: 'hris_time_off_balances' }]);
    });
  });

  describe('the logs of a connection and a sync', () => {
    it('hold no API key, neither plain nor inside the Basic header', async () => {
      const id = await connectedIntegration(app, key, 'bamboohr', credentials());
      await runFirstSync(app.deps, id);
      const text = app.logs.join('\n');
      expect(text).toContain('"tool":"bamboohr"');
      expect(text).not.toContain(fake.apiKey);
      expect(text).not.toContain(Buffer.from(`${fake.apiKey}:x`).toString('base64'));
    });
  });
});
