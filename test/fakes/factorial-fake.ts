import crypto from 'node:crypto';
import { type FakeRequest, type FakeResponse, type FakeServer, startFake } from './fake-server.ts';

export interface FactorialFake extends FakeServer {
  clientId: string;
  clientSecret: string;
  employees: Record<string, unknown>[];
  /** The authorize page answers `error=access_denied` instead of a code. */
  denyConsent: boolean;
  /** Lifetime of new access tokens in seconds. @default 7200 */
  expiresIn: number;
  /** Token pairs issued so far (codes and refreshes). */
  grants: number;
  /** Revokes every token pair (401 on data calls, invalid_grant on refresh). */
  revokeAll(): void;
  /** Expires every access token; refresh tokens stay valid. */
  expireAccessTokens(): void;
}

/**
 * Factorial's API as factorial.md documents it: `/oauth/authorize` redirecting to the registered
 * redirect URI with a code (or `error=access_denied`), `/oauth/token` for the code (PKCE checked) and for
 * refreshes that ROTATE the refresh token, and cursor-paged resources under `/api/2026-04-01/resources`.
 */
export async function startFactorialFake(options: { employees?: number } = {}): Promise<FactorialFake> {
  const state = { clientId: 'factorial-client', clientSecret: `factorial-secret-${crypto.randomUUID()}`, denyConsent: false, expiresIn: 7200, grants: 0 };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const access = new Map<string, number>();
  const refresh = new Set<string>();
  const employees = Array.from({ length: options.employees ?? 30 }, (_, i) => ({
    id: 12000 + i, access_id: 67000 + i, company_id: 111, first_name: ['Ana', 'Bruno', 'Carmen'][i % 3], last_name: 'López Pérez', full_name: `Employee ${i}`,
    email: `e${i}@acme.es`, login_email: `e${i}@acme.es`, personal_email: `p${i}@gmail.com`, gender: i % 2 ? 'female' : 'male', birthday_on: '1990-04-12',
    nationality: 'es', identifier: '12345678Z', social_security_number: '281234567840', address_line_1: 'Calle Mayor 1', postal_code: '28001', city: 'Madrid',
    state: 'Madrid', country: 'es', phone_number: '+34600000000', bank_number: 'ES9121000418450200051332', swift_bic: 'CAIXESBBXXX', bank_number_format: 'iban',
    company_identifier: `E-${i}`, legal_entity_id: 222, location_id: 333, manager_id: i === 0 ? null : 12000, seniority_calculation_date: '2021-02-01',
    terminated_on: i % 10 === 9 ? '2025-06-30' : null, is_terminating: false, active: i % 10 !== 9, attendable: true,
    created_at: '2021-01-15T09:30:00.000+01:00', updated_at: '2024-05-01T12:00:00.000+02:00',
  }));
  const issue = () => {
    const pair = { access_token: crypto.randomBytes(16).toString('hex'), refresh_token: crypto.randomBytes(16).toString('hex') };
    access.set(pair.access_token, Date.now() + state.expiresIn * 1000);
    refresh.add(pair.refresh_token);
    state.grants++;
    return { status: 200, body: { ...pair, token_type: 'Bearer', expires_in: state.expiresIn, scope: 'read', created_at: Math.floor(Date.now() / 1000) } };
  };
  const page = (req: FakeRequest, items: unknown[]): FakeResponse => {
    const limit = Math.min(Number(req.query.get('limit') ?? 100), 100);
    const start = Number(Buffer.from(req.query.get('after_id') ?? '', 'base64').toString() || 0);
    const slice = items.slice(start, start + limit);
    const end = start + slice.length;
    return { status: 200, body: { data: slice, meta: { has_next_page: end < items.length, has_previous_page: start > 0, start_cursor: null, end_cursor: Buffer.from(String(end)).toString('base64'), total: items.length, limit } } };
  };

  function route(req: FakeRequest): FakeResponse {
    if (req.path === '/oauth/authorize') {
      const q = req.query;
      if (q.get('client_id') !== state.clientId || q.get('code_challenge_method') !== 'S256') return { status: 400, body: 'invalid client or PKCE' };
      const target = new URL(q.get('redirect_uri') ?? '');
      target.searchParams.set('state', q.get('state') ?? '');
      if (state.denyConsent) {
        target.searchParams.set('error', 'access_denied');
      } else {
        const code = crypto.randomBytes(12).toString('hex');
        codes.set(code, { challenge: q.get('code_challenge') ?? '', redirectUri: q.get('redirect_uri') ?? '' });
        target.searchParams.set('code', code);
      }
      return { status: 302, headers: { location: target.toString() } };
    }
    if (req.path === '/oauth/token' && req.method === 'POST') {
      const b = req.body as Record<string, string>;
      if (b.client_id !== state.clientId || b.client_secret !== state.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
      if (b.grant_type === 'authorization_code') {
        const grant = codes.get(b.code ?? '');
        codes.delete(b.code ?? '');
        const verified = grant && crypto.createHash('sha256').update(b.code_verifier ?? '').digest('base64url') === grant.challenge && grant.redirectUri === b.redirect_uri;
        return verified ? issue() : { status: 400, body: { error: 'invalid_grant' } };
      }
      if (b.grant_type === 'refresh_token') {
        if (!refresh.delete(b.refresh_token ?? '')) return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid.' } };
        return issue();
      }
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if ((access.get(bearer) ?? 0) < Date.now()) return { status: 401, body: '', headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };
    const r = req.path.replace(/^\/api\/2026-04-01\/resources\//, '');
    if (r === 'employees/employees') return page(req, employees);
    if (r === 'teams/teams') return page(req, [{ id: 10, name: 'Platform', company_id: 111, employee_ids: employees.filter((_, i) => i % 2 === 0).map((e) => e.id), lead_ids: [12000] }, { id: 11, name: 'Sales', company_id: 111, employee_ids: [12001], lead_ids: [] }]);
    if (r === 'locations/locations') return page(req, [{ id: 333, company_id: 111, name: 'Madrid HQ', main: true, country: 'es', state: 'Madrid', city: 'Madrid', address_line_1: 'Calle Mayor 1', postal_code: '28001' }]);
    if (r === 'companies/legal_entities') return page(req, [{ id: 222, company_id: 111, legal_name: 'Acme Spain S.L.', country: 'es', city: 'Madrid', postal_code: '28001', address_line_1: 'Calle Mayor 1' }]);
    if (r === 'contracts/contract_versions') return page(req, employees.map((e) => ({ id: 5000 + e.id, company_id: 111, employee_id: e.id, job_title: 'Backend Engineer', effective_on: '2023-01-01', starts_on: '2021-02-01', salary_amount: 4500000, salary_frequency: 'yearly' })));
    if (r === 'timeoff/leave_types') return page(req, [{ id: 77, name: 'Vacaciones', translated_name: 'Vacation', active: true, half_days_units_enabled: true }]);
    if (r === 'timeoff/allowances') return page(req, [{ id: 900, name: 'Vacaciones 23d', allowance_type: 'days', leave_type_ids: [77], available_days: null, proration_type: 'none', rounding: 'none' }]);
    if (r === 'timeoff/allowance_stats') {
      const reference = req.query.get('reference_date');
      if (!reference) return { status: 400, body: { error: 'reference_date is required' } };
      const ids = new Set(req.query.getAll('employee_ids[]').map(Number));
      return page(req, employees.filter((e) => ids.size === 0 || ids.has(e.id)).map((e) => ({
        id: `${e.id}/900/${reference}`, employee_id: e.id, allowance_id: 900, year: Number(reference.slice(0, 4)),
        available_days: e.id % 2 ? '12.5' : '20.0', used_days: e.id % 2 ? '10.5' : '3.0', total: '23.0', total_accrued_units: '20.0', accumulated_carry_over: '3.0',
        used_carry_over: '0.0', incidences: '0.0', policy_allowance: '23.0', prorated_allowance_days: '23.0', used_units_until_reference_date: '8.0',
        outstanding_units: '2.0', max_balance_cap: null, total_in_decimal: null, cycles: '[]', carry_overs: [],
      })));
    }
    if (r === 'timeoff/leaves') {
      if (!req.query.get('from') || !req.query.get('to')) return { status: 400, body: { error: 'from and to' } };
      return page(req, employees.filter((_, i) => i % 5 === 0).map((e, i) => ({ id: 9000 + i, company_id: 111, employee_id: e.id, leave_type_id: 77, start_on: '2026-02-02', finish_on: '2026-02-04', half_day: null, days_taken: 3, description: 'Summer', approved: i % 2 ? null : true, created_at: '2026-01-01T10:00:00.000+01:00', updated_at: '2026-01-02T09:00:00.000+01:00', deleted_at: null })));
    }
    return { status: 404, body: { error: 'not found' } };
  }

  const server = await startFake(route);
  return {
    ...server,
    get clientId() { return state.clientId; },
    get clientSecret() { return state.clientSecret; },
    employees,
    get denyConsent() { return state.denyConsent; },
    set denyConsent(v: boolean) { state.denyConsent = v; },
    get expiresIn() { return state.expiresIn; },
    set expiresIn(v: number) { state.expiresIn = v; },
    get grants() { return state.grants; },
    revokeAll() { access.clear(); refresh.clear(); },
    expireAccessTokens() { access.clear(); },
  };
}
