import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { integrationHeader, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

type Row = Record<string, any>;

describe.each(STORE_NAMES)('HRIS query parameters (%s)', (storeName) => {
  let app: TestApp;
  let key: string;
  let id: string;

  const get = (path: string) => call(`${app.url}/v1/hris/${path}`, key, { headers: integrationHeader(id) });
  /** Every record of a list endpoint with the given query (all pages). */
  async function all(path: string, query = ''): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`${path}?page_size=250${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.data.results);
      cursor = res.body.data.next;
    } while (cursor);
    return out;
  }
  const invalid = (param: string) => errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringContaining(param));

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { clock: testClock('2026-02-10T12:00:00.000Z') });
    const tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
    id = await syncedIntegration(app.deps, tenant, { credentials: { company_size: '250', seed: 'params-suite' } });
  });
  afterAll(() => app.close());

  describe('GET /v1/hris/employees', () => {
    describe('without page_size', () => {
      it('answers pages of 100', async () => {
        const res = await get('employees');
        expect(res.body.data.results).toHaveLength(100);
        expect(typeof res.body.data.next).toBe('string');
      });
    });

    describe('with page_size=250', () => {
      it('answers up to 250 records', async () => {
        const res = await get('employees?page_size=250');
        expect(res.body.data.results.length).toBeGreaterThan(200);
      });
    });

    describe.each(['0', '251', '-1', '2.5', 'ten', ''])('with page_size=%j', (value) => {
      it('answers 400 PLATFORM.INPUT_INVALID naming page_size', async () => {
        const res = await get(`employees?page_size=${value}`);
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(invalid('page_size'));
      });
    });

    describe.each([
      ['cursor', 'not-a-cursor'],
      ['cursor', Buffer.from(JSON.stringify({ m: 'absences', s: 3 })).toString('base64url')],
      ['updated_after', 'yesterday'],
      ['updated_after', '2024-13-45T00:00:00Z'],
      ['include_deleted', 'yes'],
      ['ignore_unsupported_filters', '1'],
      ['employment_status', 'RETIRED'],
      ['employment_statuses', 'ACTIVE,RETIRED'],
      ['custom_fields', 'tshirt'],
      ['custom_fields', '{"a":1,"b":2}'],
      ['custom_fields', '{"a":[1]}'],
    ])('with %s=%j', (param, value) => {
      it(`answers 400 PLATFORM.INPUT_INVALID naming ${param}`, async () => {
        const res = await get(`employees?${param}=${encodeURIComponent(value)}`);
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(invalid(param));
      });
    });

    describe('with a repeated parameter', () => {
      it('answers 400 PLATFORM.INPUT_INVALID naming it', async () => {
        const res = await get('employees?page_size=5&page_size=6');
        expect(res.status).toBe(400);
        expect(res.body).toStrictEqual(invalid('page_size'));
      });
    });

    describe('with filters', () => {
      let everyone: Row[];
      beforeAll(async () => {
        everyone = await all('employees');
      });

      it('keeps employment_statuses (comma list, OR)', async () => {
        const found = await all('employees', '&employment_statuses=PENDING,INACTIVE');
        expect(found.length).toBeGreaterThan(0);
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => ['PENDING', 'INACTIVE'].includes(e.employment_status)).map((e) => e.id));
      });

      it('keeps the deprecated employment_status', async () => {
        const found = await all('employees', '&employment_status=ACTIVE');
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.employment_status === 'ACTIVE').map((e) => e.id));
      });

      it('keeps group_ids (members of any group)', async () => {
        const [a, b] = [everyone[40]!.groups[1].id, everyone[90]!.groups[1].id];
        const found = await all('employees', `&group_ids=${a},${b}`);
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.groups.some((g: Row) => g.id === a || g.id === b)).map((e) => e.id));
      });

      it('keeps legal_entity_ids and work_location_ids', async () => {
        const le = everyone[30]!.legal_entity_id;
        const loc = everyone[30]!.work_location_id;
        const found = await all('employees', `&legal_entity_ids=${le}&work_location_ids=${loc}`);
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.legal_entity_id === le && e.work_location_id === loc).map((e) => e.id));
      });

      it('matches work_emails case-insensitively', async () => {
        const found = await all('employees', `&work_emails=${everyone[7]!.work_email.toUpperCase()},nobody@example.com`);
        expect(found.map((e) => e.id)).toStrictEqual([everyone[7]!.id]);
      });

      it('matches personal_emails', async () => {
        const someone = everyone.find((e) => e.personal_email)!;
        const found = await all('employees', `&personal_emails=${someone.personal_email}`);
        expect(found.map((e) => e.id)).toStrictEqual([someone.id]);
      });

      it('matches custom_fields by one key and value', async () => {
        const found = await all('employees', `&custom_fields=${encodeURIComponent('{"tshirt_size":"XL"}')}`);
        expect(found.length).toBeGreaterThan(0);
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.custom_fields.tshirt_size === 'XL').map((e) => e.id));
      });

      it('matches a boolean custom field', async () => {
        const found = await all('employees', `&custom_fields=${encodeURIComponent('{"remote_worker":true}')}`);
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.custom_fields.remote_worker === true).map((e) => e.id));
      });

      it('keeps ids and remote_ids (AND between parameters)', async () => {
        const found = await all('employees', `&ids=${everyone[1]!.id},${everyone[2]!.id}&remote_ids=${everyone[2]!.remote_id},${everyone[3]!.remote_id}`);
        expect(found.map((e) => e.id)).toStrictEqual([everyone[2]!.id]);
      });

      it('accepts ignore_unsupported_filters (every Sandbox field is supported)', async () => {
        const found = await all('employees', '&ignore_unsupported_filters=true&employment_statuses=LEAVE');
        expect(found.map((e) => e.id)).toStrictEqual(everyone.filter((e) => e.employment_status === 'LEAVE').map((e) => e.id));
      });
    });
  });

  describe('GET /v1/hris/groups', () => {
    it('keeps types, including null for untyped groups', async () => {
      const everyGroup = await all('groups');
      const found = await all('groups', '&types=TEAM,null');
      expect(found.map((g) => g.id)).toStrictEqual(everyGroup.filter((g) => g.type === 'TEAM' || g.type === null).map((g) => g.id));
    });

    it('keeps name_contains case-insensitively', async () => {
      const found = await all('groups', '&name_contains=ENGINEER');
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((g) => g.name.toLowerCase().includes('engineer'))).toBe(true);
    });

    it('answers 400 naming types for an unknown type', async () => {
      const res = await get('groups?types=SQUAD');
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('types'));
    });
  });

  describe('GET /v1/hris/absences', () => {
    it('keeps date_from, date_until, type_ids and employee_id', async () => {
      const every = await all('absences');
      const sample = every[5]!;
      const found = await all('absences', `&date_from=2026-02-01&date_until=2026-03-31T00:00:00Z&type_ids=${sample.type_id}`);
      expect(found.map((a) => a.id)).toStrictEqual(
        every.filter((a) => a.end_date >= '2026-02-01' && a.start_date <= '2026-03-31' && a.type_id === sample.type_id).map((a) => a.id),
      );
      const mine = await all('absences', `&employee_id=${sample.employee_id}`);
      expect(mine.map((a) => a.id)).toStrictEqual(every.filter((a) => a.employee_id === sample.employee_id).map((a) => a.id));
    });
  });

  describe('GET /v1/hris/timesheets', () => {
    it('keeps started_after/started_before and ended_after/ended_before', async () => {
      const every = await all('timesheets');
      const from = '2026-02-02T00:00:00.000Z';
      const until = '2026-02-06T00:00:00.000Z';
      const found = await all('timesheets', `&started_after=${from}&started_before=${until}&ended_after=${from}&ended_before=${until}`);
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((t) => t.id)).toStrictEqual(
        every.filter((t) => t.started_at >= from && t.started_at < until && t.ended_at !== null && t.ended_at >= from && t.ended_at <= until).map((t) => t.id),
      );
    });
  });

  describe('GET /v1/hris/time-off-balances', () => {
    it('keeps employee_id', async () => {
      const every = await all('time-off-balances');
      const found = await all('time-off-balances', `&employee_id=${every[3]!.employee_id}`);
      expect(found.map((b) => b.id)).toStrictEqual(every.filter((b) => b.employee_id === every[3]!.employee_id).map((b) => b.id));
    });
  });

  describe('GET /v1/hris/performance-reviews', () => {
    it('keeps types, review_cycle_ids and reviewee_ids', async () => {
      const every = await all('performance-reviews');
      const sample = every[0]!;
      const found = await all('performance-reviews', `&types=SELF&review_cycle_ids=${sample.review_cycle.id}&reviewee_ids=${sample.reviewee.id}`);
      expect(found.map((r) => r.id)).toStrictEqual(
        every.filter((r) => r.type === 'SELF' && r.review_cycle.id === sample.review_cycle.id && r.reviewee.id === sample.reviewee.id).map((r) => r.id),
      );
    });
  });

  describe('GET /v1/hris/employee-skill-assignments', () => {
    it('keeps employee_ids and skill_ids', async () => {
      const every = await all('employee-skill-assignments');
      const sample = every[0]!;
      const found = await all('employee-skill-assignments', `&skill_ids=${sample.skill_id}`);
      expect(found.map((a) => a.id)).toStrictEqual(every.filter((a) => a.skill_id === sample.skill_id).map((a) => a.id));
      const mine = await all('employee-skill-assignments', `&employee_ids=${sample.employee_id}`);
      expect(mine.map((a) => a.id)).toStrictEqual(every.filter((a) => a.employee_id === sample.employee_id).map((a) => a.id));
    });
  });

  describe('GET /v1/hris/staffing-entities', () => {
    it('keeps model_types and statuses', async () => {
      const every = await all('staffing-entities');
      const found = await all('staffing-entities', '&model_types=REQUISITION&statuses=FILLED,OPEN_LIMITED');
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((s) => s.id)).toStrictEqual(
        every.filter((s) => s.model_type === 'REQUISITION' && ['FILLED', 'OPEN_LIMITED'].includes(s.status)).map((s) => s.id),
      );
    });
  });

  describe('GET /v1/hris/skills', () => {
    it('keeps name_contains', async () => {
      const found = await all('skills', '&name_contains=script');
      expect(found.map((s) => s.name)).toStrictEqual(['TypeScript']);
    });
  });
});
