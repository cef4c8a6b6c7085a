import { Kombo } from '@kombo-api/sdk';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { runFirstSync, runSync, syncNow } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { type HibobFake, personJson, startHibobFake } from '../../fakes/hibob-fake.ts';
import { connectedIntegration, connectTool, listAll, useFakes, HRIS_PATHS, requestsDuring, servedData } from './connector-helpers.ts';

const PATHS = HRIS_PATHS.filter((p) => p !== 'legal-entities');

describe.each(STORE_NAMES)('HiBob against its fake (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let fake: HibobFake;
  let key: string;
  const clock = testClock('2026-03-02T10:00:00.000Z');
  const credentials = () => ({ service_user_id: fake.serviceUserId, service_user_token: fake.token });
  const runs = async (id: string) => (await store.db.selectFrom('sync_runs').select('status').where('integration_id', '=', id).execute()).map((r) => r.status);

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
    ({ key } = await createTestKey(app.deps, await createTestTenant(store), 'production'));
  });
  beforeEach(async () => {
    fake = await startHibobFake({ employees: 30 });
    useFakes(app, { hibob: fake.url });
  });
  afterEach(() => fake.close());
  afterAll(() => app.close());

  describe('POST /flow/v1/connect', () => {
    describe('with a wrong token', () => {
      it('answers invalid_credentials with a field error on service_user_token, after a single request', async () => {
        const res = await connectTool(app, key, 'hibob', { service_user_id: fake.serviceUserId, service_user_token: 'wrong' });
        expect([res.body.data.outcome, Object.keys(res.body.data.field_errors), fake.requests.length]).toStrictEqual(['invalid_credentials', ['service_user_token'], 1]);
      });
    });

    describe('while HiBob is down', () => {
      it('answers remote_unavailable', async () => {
        fake.faults.down = true;
        expect((await connectTool(app, key, 'hibob', credentials())).body.data.outcome).toBe('remote_unavailable');
      });
    });
  });

  describe('the first sync', () => {
    it('fills every model HiBob offers, served through the official SDK', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      await runFirstSync(app.deps, id);
      expect(await runs(id)).toStrictEqual(['SUCCEEDED']);
      const kombo = new Kombo({ api_key: key, integration_id: id, server_url: `${app.url}/v1` });
      const employees: { remote_id: string | null; job_title?: string | null; manager?: unknown; employment_status?: string | null; work_location?: unknown }[] = [];
      for await (const page of await kombo.hris.getEmployees({ page_size: 100 })) employees.push(...page.result.data.results);
      expect(employees.find((e) => e.remote_id === '3332883884017713001')).toMatchObject({
        job_title: 'Accountant',
        employment_status: 'ACTIVE',
        manager: expect.objectContaining({ first_name: 'Alan' }),
        work_location: expect.objectContaining({ name: 'Tel Aviv' }),
      });
      const person = fake.people.find((p) => p.id === '3332883884017713001')!;
      // SDK 1.1.3 drops remote_data (its models do not declare it): read the wire, checked against the OpenAPI schema.
      expect((await listAll(app, key, id, 'employees')).find((e) => e.remote_id === person.id)?.remote_data).toStrictEqual({ '/v1/people/search': personJson(person) });
      const counts: Record<string, number> = {};
      for (const path of ['employees', 'employments', 'groups', 'locations', 'absence-types', 'absences', 'time-off-balances']) {
        counts[path] = (await listAll(app, key, id, path)).length;
      }
      expect(counts).toStrictEqual({ employees: 30, employments: 30, groups: 3, locations: 2, 'absence-types': 2, absences: 8, 'time-off-balances': 57 });
      const groups = await listAll(app, key, id, 'groups');
      const child = groups.find((g) => g.name === 'AR Europe')!;
      expect(groups.find((g) => g.id === child.parent_id)?.name).toBe('Account Receivables');
    });
  });

  describe('an incremental sync after HiBob changed', () => {
    it('shows the updated employee and marks the deleted one', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      await runFirstSync(app.deps, id);
      fake.updatePerson('3332883884017713005', { firstName: 'Renamed' });
      fake.deletePerson('3332883884017713006');
      await syncNow(app.deps, id);
      const employees = await listAll(app, key, id, 'employees');
      expect(employees.find((e) => e.remote_id === '3332883884017713005')).toMatchObject({ first_name: 'Renamed', remote_deleted_at: null });
      expect(employees.find((e) => e.remote_id === '3332883884017713006')?.remote_deleted_at).toStrictEqual(expect.any(String));
    });
  });

  describe('a DELTA sync after HiBob changed', () => {
    it('reads time off from the change feed since the last sync and serves what a full sync serves', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      const first = await runFirstSync(app.deps, id);
      clock.advance(2 * 60 * 60 * 1000);
      fake.setNow(clock().toISOString());
      const booked = fake.requestTimeOff('3332883884017713005', '2026-04-06', '2026-04-08');
      fake.deleteTimeOff(1234568);
      fake.updatePerson('3332883884017713009', { firstName: 'Renamed' });
      clock.advance(60 * 60 * 1000);

      const sent = await requestsDuring(fake, async () => expect((await runSync(app.deps, id, 'DELTA', 'SCHEDULED')).status).toBe('SUCCEEDED'));
      // The feed is asked from the last sync's start less the overlap, never over its whole reach.
      const since = new Date(first.started_at!.getTime() - 60 * 60 * 1000).toISOString();
      expect(sent.filter((r) => r.path === '/v1/timeoff/requests/changes').map((r) => r.query)).toStrictEqual([`?since=${encodeURIComponent(since)}`]);
      const afterDelta = await servedData(app, key, id, PATHS);
      expect(afterDelta.absences!.find((a) => a.remote_id === String(booked))).toMatchObject({ start_date: '2026-04-06', remote_deleted_at: null });
      expect(afterDelta.absences!.find((a) => a.remote_id === '1234568')?.remote_deleted_at).toStrictEqual(expect.any(String));
      expect(afterDelta.absences!.filter((a) => a.remote_deleted_at === null)).toHaveLength(8);
      expect(afterDelta.employees!.find((e) => e.remote_id === '3332883884017713009')).toMatchObject({ first_name: 'Renamed' });

      await syncNow(app.deps, id);
      expect(await servedData(app, key, id, PATHS)).toStrictEqual(afterDelta);
    });
  });

  describe('a sync that meets 429s', () => {
    it('slows down and succeeds', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      fake.faults.rateLimitNext = 3;
      await runFirstSync(app.deps, id);
      expect(await runs(id)).toStrictEqual(['SUCCEEDED']);
    });
  });

  describe('a sync with a record HiBob sent broken', () => {
    it('skips that record with a logged reason', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      fake.addBrokenPerson();
      await runFirstSync(app.deps, id);
      expect((await listAll(app, key, id, 'employees')).length).toBe(30);
      const skipped = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'tool record skipped' && l.integrationId === id);
      expect(skipped).toMatchObject([{ tool: 'hibob', model: 'hris_employees', reason: 'An employee has no id.' }]);
    });
  });

  describe('after HiBob revoked the token', () => {
    it('marks the integration INVALID on the next sync', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      await runFirstSync(app.deps, id);
      fake.revokeToken();
      await syncNow(app.deps, id);
      expect((await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}`, key)).body.data.status).toBe('INVALID');
    });
  });

  describe('the logs of a connection and a sync', () => {
    it('hold no service user token', async () => {
      const id = await connectedIntegration(app, key, 'hibob', credentials());
      await runFirstSync(app.deps, id);
      const text = app.logs.join('\n');
      expect(text).toContain('"tool":"hibob"');
      expect(text).not.toContain(fake.token);
      expect(text).not.toContain(Buffer.from(`${fake.serviceUserId}:${fake.token}`).toString('base64'));
    });
  });
});
