import { Kombo } from '@kombo-api/sdk';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { runFirstSync, runSync, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { employeeJson, type PersonioFake, startPersonioFake } from '../../fakes/personio-fake.ts';
import { connectedIntegration, connectTool, listAll, requestsDuring, servedData, useFakes } from './connector-helpers.ts';

describe.each(STORE_NAMES)('Personio against its fake (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let fake: PersonioFake;
  let key: string;
  const clock = testClock('2026-03-02T10:00:00.000Z');
  const credentials = () => ({ client_id: fake.clientId, client_secret: fake.clientSecret });
  const runs = async (id: string) => (await store.db.selectFrom('sync_runs').select('status').where('integration_id', '=', id).execute()).map((r) => r.status);

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store), 'production'));
  });
  beforeEach(async () => {
    fake = await startPersonioFake({ employees: 30 });
    useFakes(app, { personio: fake.url });
  });
  afterEach(() => fake.close());
  afterAll(() => app.close());

  describe('POST /flow/v1/connect', () => {
    describe('with a wrong client secret', () => {
      it('answers invalid_credentials with a field error on client_secret', async () => {
        const res = await connectTool(app, key, 'personio', { client_id: fake.clientId, client_secret: 'wrong' });
        expect([res.body.data.outcome, Object.keys(res.body.data.field_errors)]).toStrictEqual(['invalid_credentials', ['client_secret']]);
      });
    });

    describe('while Personio is down', () => {
      it('answers remote_unavailable', async () => {
        fake.faults.down = true;
        expect((await connectTool(app, key, 'personio', credentials())).body.data.outcome).toBe('remote_unavailable');
      });
    });
  });

  describe('the first sync', () => {
    it('fills every model Personio offers, served through the official SDK, with one token for all requests', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      const issuedByConnect = fake.tokensIssued;
      await runFirstSync(app.deps, id);
      expect(await runs(id)).toStrictEqual(['SUCCEEDED']);
      expect(fake.tokensIssued - issuedByConnect).toBe(1);
      const stored = await store.db.selectFrom('connector_tokens').select(['purpose', 'ciphertext']).where('integration_id', '=', id).execute();
      expect(stored.map((r) => [r.purpose, r.ciphertext.includes('papi-')])).toStrictEqual([['personio-bearer', false]]);

      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const employees: { remote_id: string | null; manager?: unknown; legal_entity?: unknown; employment_status?: string | null; bank_accounts?: unknown }[] = [];
      for await (const page of await kombo.hris.getEmployees({ page_size: 100 })) employees.push(...page.result.data.results);
      expect(employees.find((e) => e.remote_id === '2')).toMatchObject({
        employment_status: 'ACTIVE',
        manager: expect.objectContaining({ first_name: 'Alexander' }),
        legal_entity: expect.objectContaining({ name: 'Example GmbH' }),
        bank_accounts: [expect.objectContaining({ iban: 'DE98898998980000898900' })],
      });
      // SDK 1.1.3 drops remote_data (its models do not declare it): read the wire, checked against the OpenAPI schema.
      expect((await listAll(app, key, id, 'employees')).find((e) => e.remote_id === '2')?.remote_data).toStrictEqual({ '/v1/company/employees': employeeJson(fake.employees.find((e) => e.id === 2)!) });
      const counts: Record<string, number> = {};
      for (const path of ['employees', 'employments', 'groups', 'locations', 'legal-entities', 'absence-types', 'absences', 'time-off-balances']) {
        counts[path] = (await listAll(app, key, id, path)).length;
      }
      expect(counts).toStrictEqual({
        employees: 30, employments: 30, groups: 5, locations: 2, 'legal-entities': 1, 'absence-types': 2, absences: 25, 'time-off-balances': 30,
      });

      // Hour-unit absence periods: local dates and times of Europe/Berlin, minutes as hours, the hour-unit type.
      const absences: { remote_id: string | null; start_date?: string | null; end_date?: string | null; start_time?: string | null; end_time?: string | null; amount?: number | null; unit?: string | null; employee_note?: string | null; type?: { remote_id?: string | null; unit?: string | null } | null }[] = [];
      for await (const page of await kombo.hris.getAbsences({ page_size: 100 })) absences.push(...page.result.data.results);
      const hourly = absences.filter((a) => a.unit === 'HOURS').sort((a, b) => String(a.remote_id).localeCompare(String(b.remote_id)));
      expect(hourly).toHaveLength(10);
      expect(hourly[0]).toMatchObject({ start_date: '2026-02-10', end_date: '2026-02-10', start_time: '00:00:00', end_time: null, amount: 8, type: { remote_id: '54322', unit: 'HOURS' } });
      expect(hourly[1]).toMatchObject({ start_date: '2026-02-10', end_date: '2026-02-10', start_time: '09:00:00', end_time: '11:30:00', amount: 2.5, employee_note: 'Dentist' });
    });
  });

  describe('a sync after the token expired', () => {
    it('fetches one new token and succeeds', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      await runFirstSync(app.deps, id);
      const before = fake.tokensIssued;
      fake.expireTokens();
      await syncNow(app.deps, id);
      expect([(await runs(id)).sort(), fake.tokensIssued - before]).toStrictEqual([['SUCCEEDED', 'SUCCEEDED'], 1]);
    });
  });

  describe('an incremental sync after Personio changed', () => {
    it('shows the updated employee and marks the deleted one', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      await runFirstSync(app.deps, id);
      fake.updateEmployee(5, { position: 'Head of Platform' });
      fake.deleteEmployee(6);
      await syncNow(app.deps, id);
      const employees = await listAll(app, key, id, 'employees');
      expect(employees.find((e) => e.remote_id === '5')).toMatchObject({ job_title: 'Head of Platform', remote_deleted_at: null });
      expect(employees.find((e) => e.remote_id === '6')?.remote_deleted_at).toStrictEqual(expect.any(String));
    });
  });

  describe('a DELTA sync after Personio changed', () => {
    it('reads employees in full (updated_since names no deletions) and serves what a full sync serves', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      await runFirstSync(app.deps, id);
      clock.advance(3 * 60 * 60 * 1000);
      fake.updateEmployee(5, { position: 'Head of Platform' });
      fake.deleteEmployee(6);
      const sent = await requestsDuring(fake, async () => expect((await runSync(app.deps, id, 'DELTA', 'SCHEDULED')).status).toBe('SUCCEEDED'));
      const employeeReads = sent.filter((r) => r.path === '/v1/company/employees');
      expect(employeeReads.length).toBeGreaterThan(0);
      expect(employeeReads.filter((r) => r.query.includes('updated_since'))).toStrictEqual([]);
      const afterDelta = await servedData(app, key, id);
      expect(afterDelta.employees!.find((e) => e.remote_id === '6')?.remote_deleted_at).toStrictEqual(expect.any(String));
      await syncNow(app.deps, id);
      expect(await servedData(app, key, id)).toStrictEqual(afterDelta);
    });
  });

  describe('a sync that meets 429s and a transient 503', () => {
    it('slows down and succeeds', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      fake.faults.rateLimitNext = 2;
      fake.faults.unavailableNext = 1;
      await runFirstSync(app.deps, id);
      expect(await runs(id)).toStrictEqual(['SUCCEEDED']);
    });
  });

  describe('a sync with a record Personio sent broken', () => {
    it('skips that record with a logged reason', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      fake.addBrokenEmployee();
      await runFirstSync(app.deps, id);
      expect((await listAll(app, key, id, 'employees')).length).toBe(30);
      const skipped = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'tool record skipped' && l.integrationId === id);
      expect(skipped).toMatchObject([{ tool: 'personio', model: 'hris_employees', reason: 'An employee has no id.' }]);
    });
  });

  describe('after Personio revoked the credentials', () => {
    it('marks the integration INVALID on the next sync', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      await runFirstSync(app.deps, id);
      fake.revokeCredentials();
      await syncNow(app.deps, id);
      const res = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key);
      expect(res.body.data.status).toBe('INVALID');
    });
  });

  describe('POST /v1/passthrough/personio/v1', () => {
    it("forwards to Personio's v1 API with the integration's bearer token", async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      const res = await call(`${app.url}/v1/passthrough/personio/v1`, key, {
        method: 'POST',
        body: { method: 'GET', path: '/company/employees/3' },
        headers: { 'x-integration-id': id },
      });
      expect([res.status, res.body.data.url, res.body.data.status, res.body.data.data.data.attributes.first_name.value]).toStrictEqual([
        200, `${fake.url}/v1/company/employees/3`, 200, 'Carla',
      ]);
    });
  });

  describe('the logs of a connection and a sync', () => {
    it('hold neither the client secret nor a token', async () => {
      const id = await connectedIntegration(app, key, 'personio', credentials());
      await runFirstSync(app.deps, id);
      const text = app.logs.join('\n');
      expect(text).toContain('"tool":"personio"');
      expect(text).not.toContain(fake.clientSecret);
      expect(text).not.toMatch(/papi-[0-9a-f]{8}/);
    });
  });
});
