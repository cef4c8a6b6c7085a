import crypto from 'node:crypto';
import { type FakeRequest, type FakeResponse, type FakeServer, startFake } from './fake-server.ts';

/** One employee as the fake stores it (plain values; the API wraps them). */
export interface PersonioEmployee {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  status: string;
  position: string;
  supervisor: number | null;
  hire_date: string;
  termination_date: string | null;
  office: { id: number; name: string };
  department: { id: number; name: string };
  team: { id: number; name: string } | null;
  subcompany: { id: number; name: string };
  fix_salary: number;
  iban: string;
  last_modified_at: string;
}

export interface PersonioFake extends FakeServer {
  clientId: string;
  clientSecret: string;
  employees: PersonioEmployee[];
  /** Tokens issued so far (each POST /v2/auth/token that succeeded). */
  tokensIssued: number;
  /** Lifetime of new tokens in seconds. @default 86400 */
  expiresIn: number;
  /** Makes every issued token invalid (401 on data calls), as when an admin deletes the credential. */
  revokeCredentials(): void;
  /** Expires every issued token while the credentials stay valid. */
  expireTokens(): void;
  updateEmployee(id: number, change: Partial<PersonioEmployee>): void;
  deleteEmployee(id: number): void;
  addBrokenEmployee(): void;
}

const wrap = (key: string, value: unknown, type = 'standard', universalId: string | null = key) => ({ label: key, value, type, universal_id: universalId });
const relation = (type: string, v: { id: number; name: string } | null) => (v ? { type, attributes: v } : null);

/** The v1 employee shape of notes §2.1: every attribute wrapped, relations as `{type, attributes}`, dates with an offset. */
export function employeeJson(e: PersonioEmployee) {
  return {
    type: 'Employee',
    attributes: {
      id: wrap('id', e.id, 'integer'),
      first_name: wrap('first_name', e.first_name),
      last_name: wrap('last_name', e.last_name),
      preferred_name: wrap('preferred_name', ''),
      email: wrap('email', e.email),
      gender: wrap('gender', e.id % 2 ? 'female' : 'male'),
      status: wrap('status', e.status),
      position: wrap('position', e.position),
      supervisor: wrap('supervisor', e.supervisor === null ? null : { type: 'Employee', attributes: { id: wrap('id', e.supervisor, 'integer') } }),
      employment_type: wrap('employment_type', 'internal'),
      weekly_working_hours: wrap('weekly_working_hours', e.id % 5 === 0 ? '20' : '40'),
      hire_date: wrap('hire_date', `${e.hire_date}T00:00:00+01:00`, 'date'),
      termination_date: wrap('termination_date', e.termination_date ? `${e.termination_date}T00:00:00+01:00` : null, 'date'),
      created_at: wrap('created_at', '2017-05-23T09:49:03+02:00', 'date'),
      last_modified_at: wrap('last_modified_at', e.last_modified_at, 'date'),
      subcompany: wrap('subcompany', relation('Subcompany', e.subcompany)),
      office: wrap('office', relation('Office', e.office)),
      department: wrap('department', relation('Department', e.department)),
      team: wrap('team', relation('Team', e.team)),
      cost_centers: wrap('cost_centers', []),
      fix_salary: { ...wrap('fix_salary', e.fix_salary, 'decimal'), currency: 'EUR' },
      fix_salary_interval: wrap('fix_salary_interval', 'monthly'),
      hourly_salary: { ...wrap('hourly_salary', 0, 'decimal'), currency: 'EUR' },
      dynamic_21827: wrap('dynamic_21827', e.iban, 'standard', 'iban'),
    },
  };
}

const OFFICES = [{ id: 131014, name: 'Munich' }, { id: 131015, name: 'Berlin' }];
const DEPARTMENTS = [{ id: 281521, name: 'Customer Support' }, { id: 281522, name: 'Engineering' }, { id: 281523, name: 'Finance' }];
const TEAMS = [{ id: 59026, name: 'Platform' }, { id: 59027, name: 'Mobile' }];
const SUBCOMPANY = { id: 7033, name: 'Example GmbH' };

/**
 * Personio's API as personio.md documents it: `POST /v2/auth/token` (form, client credentials, 400
 * invalid_client), bearer tokens with an expiry, v1 employees paged by record offset (at most 100),
 * time-off types, time-offs paged by PAGE number with `metadata.total_pages`, hour-unit absence periods
 * paged by record offset, per-employee balances,
 * and `updated_since` on employees.
 */
export async function startPersonioFake(options: { employees?: number } = {}): Promise<PersonioFake> {
  const employees: PersonioEmployee[] = Array.from({ length: options.employees ?? 30 }, (_, i) => ({
    id: i + 1,
    first_name: ['Alexander', 'Berta', 'Carla', 'David'][i % 4]!,
    last_name: ['Bergmann', 'Schulz', 'Weber', 'Fischer'][i % 4]!,
    email: `person${i + 1}@example.de`,
    status: i % 20 === 19 ? 'inactive' : 'active',
    position: i === 0 ? 'CEO' : 'Engineer',
    supervisor: i === 0 ? null : 1,
    hire_date: `20${String(10 + (i % 14)).padStart(2, '0')}-11-09`,
    termination_date: i % 20 === 19 ? '2025-12-31' : null,
    office: OFFICES[i % 2]!,
    department: DEPARTMENTS[i % 3]!,
    team: i % 3 === 1 ? TEAMS[i % 2]! : null,
    subcompany: SUBCOMPANY,
    fix_salary: 3000 + i,
    iban: 'DE98 8989 9898 0000 8989 00',
    last_modified_at: '2026-01-01T10:00:00+01:00',
  }));
  const tokens = new Map<string, number>();
  const broken: unknown[] = [];
  const state = { clientId: 'personio-client-id', clientSecret: `personio-secret-${crypto.randomUUID()}`, tokensIssued: 0, expiresIn: 86_400 };

  const v1Error = (status: number, message: string): FakeResponse => ({ status, body: { success: false, error: { code: status, message } } });

  function route(req: FakeRequest): FakeResponse {
    if (req.path === '/v2/auth/token' && req.method === 'POST') {
      const body = req.body as Record<string, string>;
      if (body.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
      if (body.client_id !== state.clientId || body.client_secret !== state.clientSecret) {
        return { status: 400, body: { error: 'invalid_client', error_description: 'Client authentication failed' }, headers: { 'content-type': 'application/problem+json' } };
      }
      const token = `papi-${crypto.randomUUID()}`;
      tokens.set(token, Date.now() + state.expiresIn * 1000);
      state.tokensIssued++;
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: state.expiresIn, scope: 'personio:persons:read' } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return v1Error(401, 'Authorization is not provided');
    const expiry = tokens.get(bearer);
    if (expiry === undefined || expiry < Date.now()) return v1Error(401, 'Provided authorization is not valid');
    const limit = Number(req.query.get('limit') ?? 10);
    const offset = Number(req.query.get('offset') ?? 0);
    if (req.path === '/v1/company/employees') {
      const since = req.query.get('updated_since');
      const all = [...employees.filter((e) => !since || Date.parse(e.last_modified_at) > Date.parse(since)).map(employeeJson), ...broken];
      const size = Math.min(limit, 100);
      return { status: 200, body: { success: true, metadata: { total_elements: all.length, current_page: Math.floor(offset / size), total_pages: Math.ceil(all.length / size) }, offset, limit: size, data: all.slice(offset, offset + size) } };
    }
    if (req.path === '/v1/company/time-off-types') {
      const types = [
        { type: 'TimeOffType', attributes: { id: 54321, name: 'Paid vacation', category: 'paid_vacation', unit: 'day', approval_required: true } },
        { type: 'TimeOffType', attributes: { id: 54322, name: 'Doctor appointment', category: 'other', unit: 'hour', approval_required: false } },
      ];
      return { status: 200, body: { success: true, data: types.slice(offset, offset + limit) } };
    }
    if (req.path === '/v1/company/time-offs') {
      const all = employees.filter((e) => e.id % 2 === 1).map((e, i) => ({
        type: 'TimeOffPeriod',
        attributes: {
          id: 12000 + i, status: i % 5 === 4 ? 'pending' : 'approved', start_date: '2026-02-02T00:00:00+01:00', end_date: '2026-02-03T00:00:00+0100',
          days_count: 1.5, half_day_start: false, half_day_end: true,
          time_off_type: { type: 'TimeOffType', attributes: { id: 54321, name: 'Paid vacation', category: 'paid_vacation' } },
          employee: { type: 'Employee', attributes: { id: wrap('id', e.id, 'integer') } },
          certificate: { status: 'not-required' }, created_by: 'API', created_at: '2026-01-17T10:32:18+0100', updated_at: '2026-01-17T10:32:18+01:00',
        },
      }));
      const size = Math.min(limit, 200);
      const page = Math.max(1, offset);
      return { status: 200, body: { success: true, metadata: { total_elements: all.length, current_page: page, total_pages: Math.max(1, Math.ceil(all.length / size)) }, offset: page, limit: size, data: all.slice((page - 1) * size, page * size) } };
    }
    if (req.path === '/v1/company/absence-periods') {
      if (!req.query.get('start_date') || !req.query.get('end_date')) return v1Error(400, 'start_date and end_date are required');
      // Hour-unit periods of every third employee: 09:00-11:30 Berlin time (UTC+1), one of them a whole day.
      const all = employees.filter((e) => e.id % 3 === 0).map((e, i) => ({
        id: `61fe126b-a7b3-449a-b5ee-${String(e.id).padStart(12, '0')}`, measurement_unit: 'hours', effective_duration: i === 0 ? 480 : 150,
        employee: { type: 'Employee', attributes: { id: wrap('id', e.id, 'integer') } },
        absence_type: { id: '7a1e5c1a-0000-4000-8000-000000054322', name: 'Doctor appointment', time_off_type_id: 54322 },
        certificate: { status: 'not-required' },
        start: i === 0 ? '2026-02-09T23:00:00.0Z' : '2026-02-10T08:00:00.0Z', end: i === 0 ? '2026-02-10T23:00:00.0Z' : '2026-02-10T10:30:00.0Z',
        half_day_start: false, half_day_end: false, comment: i === 1 ? 'Dentist' : '', origin: 'web', status: 'approved', timezone: 'Europe/Berlin',
        created_by: 1, created_at: '2026-01-20T10:00:00+01:00', updated_at: '2026-01-20T10:00:00+01:00', approved_at: null,
        breakdowns: [{ date: '2026-02-10', effective_duration: i === 0 ? 480 : 150 }],
      }));
      const size = Math.min(limit, 200);
      return { status: 200, body: { success: true, metadata: { total_elements: all.length, current_page: Math.floor(offset / size) + 1, total_pages: Math.max(1, Math.ceil(all.length / size)) }, offset, limit: size, data: all.slice(offset, offset + size) } };
    }
    const balance = /^\/v1\/company\/employees\/(\d+)\/absences\/balance$/.exec(req.path);
    if (balance) {
      if (!employees.some((e) => e.id === Number(balance[1]))) return v1Error(404, 'Employee not found');
      return { status: 200, body: { success: true, data: [{ id: 54321, name: 'Paid Vacation', category: 'paid_vacation', balance: 10.5, available_balance: 8.5 }] } };
    }
    const one = /^\/v1\/company\/employees\/(\d+)$/.exec(req.path);
    if (one) {
      const e = employees.find((x) => x.id === Number(one[1]));
      return e ? { status: 200, body: { success: true, data: employeeJson(e) } } : v1Error(404, 'Employee not found');
    }
    return v1Error(404, 'Not found');
  }

  const server = await startFake(route);
  return {
    ...server,
    get clientId() {
      return state.clientId;
    },
    get clientSecret() {
      return state.clientSecret;
    },
    get tokensIssued() {
      return state.tokensIssued;
    },
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(v: number) {
      state.expiresIn = v;
    },
    employees,
    revokeCredentials() {
      state.clientSecret = `revoked-${state.clientSecret}`;
      tokens.clear();
    },
    expireTokens() {
      tokens.clear();
    },
    updateEmployee(id, change) {
      const e = employees.find((x) => x.id === id);
      if (!e) throw new Error(`no employee ${id}`);
      Object.assign(e, change, { last_modified_at: new Date().toISOString() });
    },
    deleteEmployee(id) {
      employees.splice(employees.findIndex((x) => x.id === id), 1);
    },
    addBrokenEmployee() {
      broken.push({ type: 'Employee', attributes: { first_name: wrap('first_name', 'No id') } });
    },
  };
}
