import type { PassthroughRequest, PassthroughResponse } from '../../data-source.ts';
import type { SandboxCompany } from './types.ts';

/** The only API the simulated system exposes. */
export const SANDBOX_PASSTHROUGH_APIS = ['v1'] as const;

type Collection = Exclude<keyof SandboxCompany, 'name' | 'domain' | 'asOf'>;

/** Collections of the sandbox API by path. */
const COLLECTIONS: Record<string, Collection> = {
  '/employees': 'employees',
  '/legal-entities': 'legalEntities',
  '/locations': 'locations',
  '/org-units': 'orgUnits',
  '/time-off/policies': 'timeOffPolicies',
  '/time-off/balances': 'timeOffBalances',
  '/time-off/requests': 'timeOffRequests',
  '/shifts': 'shifts',
  '/review-cycles': 'reviewCycles',
  '/reviews': 'reviews',
  '/skills': 'skills',
  '/skill-assignments': 'skillAssignments',
  '/openings': 'openings',
  '/document-categories': 'documentCategories',
};

const json = (url: string, status: number, data: unknown, warnings: string[] = []): PassthroughResponse => ({
  url, status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-sandbox-api-version': '1' }, data, warnings,
});

/**
 * Answers a passthrough request from the simulated company's own API: read-only, paginated with
 * `page`/`per_page` (max 200), `GET /employees/{id}` and `GET /employees/{id}/time-off` for single records.
 */
export function sandboxPassthrough(company: SandboxCompany, baseUrl: string, request: PassthroughRequest): PassthroughResponse {
  const path = `/${request.path.replace(/^\/+/, '').split('?')[0]!.replace(/\/+$/, '')}`;
  const query = new URLSearchParams(request.params);
  const url = `${baseUrl}${path}${query.size ? `?${query}` : ''}`;
  if (request.method !== 'GET') {
    return json(url, 405, { error: 'method_not_allowed', message: 'The Sandbox API is read-only.' },
      ['The Sandbox HR system only supports GET requests through passthrough.']);
  }
  if (path === '/' || path === '/company') {
    return json(url, 200, { name: company.name, domain: company.domain, as_of: company.asOf, employees: company.employees.length });
  }
  const single = /^\/employees\/([^/]+)(\/time-off)?$/.exec(path);
  if (single) {
    const employee = company.employees.find((e) => e.id === decodeURIComponent(single[1]!));
    if (!employee) return json(url, 404, { error: 'not_found', message: `No employee with id ${single[1]}.` });
    if (single[2]) return json(url, 200, { data: company.timeOffRequests.filter((r) => r.employeeId === employee.id) });
    return json(url, 200, { data: employee });
  }
  const collection = COLLECTIONS[path];
  if (!collection) return json(url, 404, { error: 'not_found', message: `Unknown path ${path}. Known: ${Object.keys(COLLECTIONS).join(', ')}.` });
  const items = company[collection] as unknown[];
  const perPage = Math.min(200, Math.max(1, Number(query.get('per_page') ?? 50) || 50));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return json(url, 200, {
    data: items.slice((page - 1) * perPage, page * perPage),
    meta: { page, per_page: perPage, total: items.length, total_pages: Math.ceil(items.length / perPage) },
  });
}
