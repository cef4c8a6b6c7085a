import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, syncNow, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

type Row = Record<string, any>;
const T0 = '2026-01-15T09:00:00.000Z';

describe.each(STORE_NAMES)('change tracking across syncs (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;

  async function all(id: string, path: string, query = ''): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`${app.url}/v1/hris/${path}?page_size=250${query}${cursor ? `&cursor=${cursor}` : ''}`, key, { headers: integrationHeader(id) });
      expect(res.status).toBe(200);
      out.push(...res.body.data.results);
      cursor = res.body.data.next;
    } while (cursor);
    return out;
  }
  const byRemoteId = (rows: Row[]) => new Map(rows.map((r) => [r.remote_id as string, r]));

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock(T0);
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    // Production: clock jumps of months would otherwise make development integrations stale (INACTIVE).
    ({ key } = await createTestKey(app.deps, tenant, 'production'));
  });
  afterAll(() => app.close());

  describe('the same seed, size and clock', () => {
    it('yields the same company in two integrations (only Kombo IDs differ)', async () => {
      clock.set(T0);
      const a = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '50', seed: 'twins' } });
      const b = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '50', seed: 'twins' } });
      const strip = (rows: Row[]) => rows.map(({ remote_id, first_name, last_name, work_email, job_title, employment_status, bank_accounts }) =>
        ({ remote_id, first_name, last_name, work_email, job_title, employment_status, bank_accounts }));
      const [ea, eb] = [await all(a, 'employees'), await all(b, 'employees')];
      expect(ea.length).toBeGreaterThan(40);
      expect(strip(eb)).toStrictEqual(strip(ea));
      expect(eb[0]!.id).not.toBe(ea[0]!.id);
    });

    it('yields a different company for another seed', async () => {
      clock.set(T0);
      const a = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '50', seed: 'one' } });
      const b = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '50', seed: 'two' } });
      const names = async (id: string) => (await all(id, 'employees')).map((e) => `${e.first_name} ${e.last_name}`);
      expect(await names(b)).not.toStrictEqual(await names(a));
    });
  });

  describe('a sync at the same time as the previous one', () => {
    it('changes nothing', async () => {
      clock.set(T0);
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '50' } });
      const before = await all(id, 'employees', '&include_deleted=true');
      await syncNow(app.deps, id);
      expect(await all(id, 'employees', '&include_deleted=true')).toStrictEqual(before);
      expect(await all(id, 'employees', `&updated_after=${T0}`)).toStrictEqual([]);
    });
  });

  describe('a sync 30 days later', () => {
    let id: string;
    let before: Map<string, Row>;
    let after: Map<string, Row>;
    let changed: Row[];
    const T1 = new Date(Date.parse(T0) + 30 * DAY_MS).toISOString();

    beforeAll(async () => {
      clock.set(T0);
      id = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '250', seed: 'evolution' } });
      before = byRemoteId(await all(id, 'employees', '&include_deleted=true'));
      clock.set(T1);
      await syncNow(app.deps, id);
      after = byRemoteId(await all(id, 'employees', '&include_deleted=true'));
      changed = await all(id, 'employees', `&updated_after=${T0}`);
    });

    it('shows new hires with changed_at at the sync', async () => {
      const hires = [...after.values()].filter((e) => !before.has(e.remote_id));
      expect(hires.length).toBeGreaterThan(0);
      expect(hires.every((e) => e.changed_at === T1 && e.remote_created_at > T0)).toBe(true);
    });

    it('moves changed_at only for employees whose own fields changed', async () => {
      const own = (e: Row) => JSON.stringify({ ...e, changed_at: 0, remote_deleted_at: 0, employments: 0, time_off_balances: 0, manager: 0, groups: 0, teams: 0, legal_entity: 0, work_location: 0 });
      for (const [remoteId, old] of before) {
        const now = after.get(remoteId)!;
        expect(now.changed_at).toBe(own(now) === own(old) ? old.changed_at : T1);
      }
      expect([...after.values()].some((e) => e.changed_at === T1 && before.has(e.remote_id))).toBe(true);
    });

    it('answers updated_after with every employee whose own or nested data changed, and no other', async () => {
      const expected = [...after.values()].filter((e) => {
        const old = before.get(e.remote_id);
        if (!old || e.remote_deleted_at) return !e.remote_deleted_at;
        const nested = (x: Row) => JSON.stringify([x.employments, x.time_off_balances, x.manager, x.groups.map((g: Row) => g.id), x.legal_entity, x.work_location]);
        // The manager counts as a linked record: any change of theirs, not only of the fields embedded here.
        const managerChanged = e.manager !== null && [...after.values()].some((m) => m.id === e.manager.id && m.changed_at === T1);
        return e.changed_at === T1 || nested(e) !== nested(old) || managerChanged;
      });
      expect(changed.map((e) => e.remote_id).sort()).toStrictEqual(expected.map((e) => e.remote_id).sort());
    });

    it('includes employees whose only change is nested (changed_at stays)', async () => {
      expect(changed.some((e) => e.changed_at === T0)).toBe(true);
    });

    it('keeps employments as of their own changes', async () => {
      const employments = await all(id, 'employments', `&updated_after=${T0}`);
      expect(employments.length).toBeGreaterThan(0);
      expect(employments.every((e) => e.changed_at === T1)).toBe(true);
    });
  });

  describe('people removed from the system', () => {
    let id: string;
    const T2 = new Date(Date.parse(T0) + 200 * DAY_MS).toISOString();

    beforeAll(async () => {
      clock.set(T0);
      id = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '250', seed: 'leavers' } });
      clock.set(T2);
      await syncNow(app.deps, id);
    });

    it('are hidden by default', async () => {
      const visible = await all(id, 'employees');
      expect(visible.every((e) => e.remote_deleted_at === null)).toBe(true);
    });

    it('come back with include_deleted=true and remote_deleted_at set to the sync', async () => {
      const deleted = (await all(id, 'employees', '&include_deleted=true')).filter((e) => e.remote_deleted_at !== null);
      expect(deleted.length).toBeGreaterThan(0);
      // They keep the data of the last sync that saw them; only the deletion mark is new.
      expect(deleted.every((e) => e.remote_deleted_at === T2 && e.changed_at === T0)).toBe(true);
    });

    it('match updated_after with include_deleted=true, so deletions propagate', async () => {
      const changed = await all(id, 'employees', `&include_deleted=true&updated_after=${T0}`);
      expect(changed.some((e) => e.remote_deleted_at === T2)).toBe(true);
    });
  });

  describe('a cursor held while a sync changes the data', () => {
    it('continues without duplicates or gaps and shows records created meanwhile at the end', async () => {
      clock.set(T0);
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '250', seed: 'paging' } });
      const first = await call(`${app.url}/v1/hris/employees?page_size=60`, key, { headers: integrationHeader(id) });
      const seen: Row[] = [...first.body.data.results];
      const initial = await all(id, 'employees');
      clock.advance(60 * DAY_MS);
      await syncNow(app.deps, id);
      let cursor: string | null = first.body.data.next;
      while (cursor) {
        const res = await call(`${app.url}/v1/hris/employees?page_size=60&cursor=${cursor}`, key, { headers: integrationHeader(id) });
        seen.push(...res.body.data.results);
        cursor = res.body.data.next;
      }
      const ids = seen.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const current = await all(id, 'employees');
      const stillThere = initial.filter((e) => current.some((c) => c.id === e.id));
      expect(stillThere.every((e) => ids.includes(e.id))).toBe(true);
      const created = current.filter((c) => !initial.some((e) => e.id === c.id));
      expect(created.length).toBeGreaterThan(0);
      expect(ids.slice(-created.length)).toStrictEqual(created.map((c) => c.id));
    });
  });

  describe('the same page asked again after a sync', () => {
    it('answers the new data, never the page served before the sync', async () => {
      clock.set(T0);
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { company_size: '250', seed: 'cache' } });
      const url = `${app.url}/v1/hris/employees?page_size=250&include_deleted=true`;
      const before = await call(url, key, { headers: integrationHeader(id) });
      expect((await call(url, key, { headers: integrationHeader(id) })).body).toStrictEqual(before.body);
      clock.advance(30 * DAY_MS);
      await syncNow(app.deps, id);
      const after = await call(url, key, { headers: integrationHeader(id) });
      expect(after.body).not.toStrictEqual(before.body);
      expect(after.body.data.results).toStrictEqual(await all(id, 'employees', '&include_deleted=true').then((rows) => rows.slice(0, 250)));
    });
  });
});
