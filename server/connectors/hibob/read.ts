import type { ReadContext } from '../http/read-pages.ts';
import type { HttpClient } from '../http/http-client.ts';
import { cursorPages } from '../http/paginate.ts';
import { mapEach, type WithRemoteData } from '../http/records.ts';
import { idOf } from '../http/values.ts';
import type { UnifiedAbsence, UnifiedAbsenceType, UnifiedEmployee, UnifiedEmployment, UnifiedGroup, UnifiedLocation, UnifiedTimeOffBalance } from '../unified-hris.ts';
import { HIBOB_API } from './client.ts';
import { flattenList, toAbsence, toAbsenceType, toEmployee, toEmployment, toGroup, toLocation, toTimeOffBalance } from './to-unified.ts';

/** The people-search fields read (dot notation, ≤ 400 per request [docs]). */
export const PEOPLE_FIELDS = [
  'root.id', 'root.firstName', 'root.surname', 'root.email', 'root.displayName', 'root.creationDateTime', 'about.avatar', 'personal.gender',
  'personal.nationality', 'personal.birthDate', 'work.title', 'work.department', 'work.site', 'work.siteId', 'work.startDate', 'work.reportsTo',
  'work.employeeIdInCompany', 'internal.status', 'internal.lifecycleStatus', 'internal.terminationDate', 'payroll.employment.type',
  'payroll.employment.contract', 'payroll.employment.weeklyHours', 'home.privateEmail', 'home.mobilePhone', 'address.city', 'address.country',
];

/** Every employee, leavers included, in ONE response (people search has no pagination [docs]). */
export async function* readEmployees(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedEmployee>[]> {
  const { data } = await http.request<{ employees?: unknown }>({
    method: 'POST',
    url: `${HIBOB_API}/people/search`,
    json: { fields: PEOPLE_FIELDS, showInactive: true, humanReadable: 'APPEND' },
    model: 'hris_employees',
  });
  yield mapEach('hris_employees', Array.isArray(data?.employees) ? data.employees : [], toEmployee, ctx.onBadRecord);
}

async function namedLists(http: HttpClient, model: 'hris_teams' | 'hris_locations'): Promise<Record<string, unknown>> {
  const { data } = await http.request<Record<string, unknown>>({ url: `${HIBOB_API}/company/named-lists`, query: { includeArchived: 'false' }, model });
  return data && typeof data === 'object' ? data : {};
}

/** Departments (with their hierarchy) from the `department` named list. */
export async function* readGroups(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedGroup>[]> {
  yield mapEach('hris_teams', flattenList('department', (await namedLists(http, 'hris_teams')).department), toGroup, ctx.onBadRecord);
}

/** Sites from the `site` named list (the work-locations API is only partly documented [inf]). */
export async function* readLocations(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedLocation>[]> {
  yield mapEach('hris_locations', flattenList('site', (await namedLists(http, 'hris_locations')).site), toLocation, ctx.onBadRecord);
}

/** Salary history of every employee from the bulk table, 200 rows per page by cursor. */
export async function* readEmployments(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedEmployment>[]> {
  const pages = cursorPages(async (cursor) => {
    const { data } = await http.request<{ results?: unknown; response_metadata?: { next_cursor?: unknown } }>({
      url: `${HIBOB_API}/bulk/people/salaries`,
      query: { limit: 200, cursor: cursor ?? undefined },
      model: 'hris_employments',
    });
    const next = data?.response_metadata?.next_cursor;
    return { items: Array.isArray(data?.results) ? data.results : [], next: typeof next === 'string' && next ? next : null };
  });
  for await (const page of pages) {
    yield page.flatMap((r) => {
      const result = r as { employeeId?: unknown; values?: unknown };
      const employeeId = idOf(result.employeeId);
      if (!employeeId || !Array.isArray(result.values)) {
        ctx.onBadRecord({ model: 'hris_employments', reason: 'A salaries result has no employeeId or values.' });
        return [];
      }
      return mapEach('hris_employments', result.values, (row) => toEmployment(employeeId, row), ctx.onBadRecord);
    });
  }
}

/** Policy types: the names, then each type's unit. */
export async function readPolicyTypes(http: HttpClient, ctx: ReadContext): Promise<WithRemoteData<UnifiedAbsenceType>[]> {
  const { data } = await http.request<{ policyTypes?: unknown }>({ url: `${HIBOB_API}/timeoff/policy-types`, model: 'hris_absence_types' });
  const names = Array.isArray(data?.policyTypes) ? data.policyTypes.filter((n): n is string => typeof n === 'string') : [];
  const types = await Promise.all(
    names.map(async (name) => (await http.request<unknown>({ url: `${HIBOB_API}/timeoff/policy-types/${encodeURIComponent(name)}`, model: 'hris_absence_types' })).data),
  );
  return mapEach('hris_absence_types', types, toAbsenceType, ctx.onBadRecord);
}

export async function* readAbsenceTypes(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsenceType>[]> {
  yield await readPolicyTypes(http, ctx);
}

/**
 * Time-off requests from the change feed over the longest window it allows (about six months [docs]):
 * created requests minus deleted ones (an edit deletes the old request id and creates a new one).
 * Older requests are not visible through this feed.
 */
export async function* readAbsences(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsence>[]> {
  const since = new Date(ctx.now.getTime() - 180 * 86_400_000).toISOString();
  const { data } = await http.request<{ changes?: unknown }>({ url: `${HIBOB_API}/timeoff/requests/changes`, query: { since }, model: 'hris_absences' });
  const changes = Array.isArray(data?.changes) ? data.changes : [];
  const deleted = new Set(
    changes.filter((c) => String((c as { changeType?: unknown }).changeType ?? '').toLowerCase() === 'deleted').map((c) => idOf((c as { requestId?: unknown }).requestId)),
  );
  const created = changes.filter((c) => {
    const change = c as { changeType?: unknown; requestId?: unknown };
    return String(change.changeType ?? '').toLowerCase() === 'created' && !deleted.has(idOf(change.requestId));
  });
  yield mapEach('hris_absences', created, toAbsence, ctx.onBadRecord);
}

/** Balances: one call per employee and policy type (N×M [sdk]); an employee without that policy (400/404) is skipped. */
export async function* readTimeOffBalances(http: HttpClient, ctx: ReadContext, employeeIds: readonly string[]): AsyncGenerator<WithRemoteData<UnifiedTimeOffBalance>[]> {
  const types = await readPolicyTypes(http, ctx);
  const date = ctx.now.toISOString().slice(0, 10);
  for (let i = 0; i < employeeIds.length; i += 25) {
    const pages = await Promise.all(
      employeeIds.slice(i, i + 25).flatMap((id) =>
        types.map(async (type) => {
          const res = await http.request<unknown>({
            url: `${HIBOB_API}/timeoff/employees/${encodeURIComponent(id)}/balance`,
            query: { policyType: type.remoteId, date },
            model: 'hris_time_off_balances',
            allow: [400, 404],
          });
          if (res.status === 400 || res.status === 404) return [];
          return mapEach('hris_time_off_balances', [res.data], (raw) => toTimeOffBalance(id, type, raw), ctx.onBadRecord);
        }),
      ),
    );
    yield pages.flat();
  }
}
