import type { ModelChanges, ReadContext } from '../http/read-pages.ts';
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

/** How far back the time-off change feed reaches (about six months [docs]). */
export const CHANGE_FEED_REACH_MS = 180 * 86_400_000;

const changeTypeOf = (c: unknown) => String((c as { changeType?: unknown }).changeType ?? '').toLowerCase();

/** The time-off change feed from `since` (`GET /v1/timeoff/requests/changes`). */
async function requestChanges(http: HttpClient, since: Date): Promise<unknown[]> {
  const { data } = await http.request<{ changes?: unknown }>({ url: `${HIBOB_API}/timeoff/requests/changes`, query: { since: since.toISOString() }, model: 'hris_absences' });
  return Array.isArray(data?.changes) ? data.changes : [];
}

/**
 * Folds feed entries, in feed order, into the requests created and the request ids deleted: an edit
 * deletes the old request id and creates a new one [docs], so ids never come back. Entries of other
 * change types (status transitions; their list is not verified [docs/inf]) are not read, as the
 * `created` entry carries the request.
 */
export function foldRequestChanges(changes: readonly unknown[]): { created: unknown[]; deleted: string[] } {
  const created = new Map<string, unknown>();
  const deleted = new Set<string>();
  for (const change of changes) {
    const id = idOf((change as { requestId?: unknown }).requestId);
    const type = changeTypeOf(change);
    if (type === 'deleted' && id) {
      created.delete(id);
      deleted.add(id);
    } else if (type === 'created') {
      // One without a requestId is kept so that the mapping reports it as a bad record.
      if (!id || !deleted.has(id)) created.set(id ?? `\u0000${created.size}`, change);
    }
  }
  return { created: [...created.values()], deleted: [...deleted] };
}

/**
 * Time-off requests from the change feed over the longest window it allows (about six months [docs]):
 * created requests minus deleted ones. Older requests are not visible through this feed.
 */
export async function* readAbsences(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsence>[]> {
  const { created } = foldRequestChanges(await requestChanges(http, new Date(ctx.now.getTime() - CHANGE_FEED_REACH_MS)));
  yield mapEach('hris_absences', created, toAbsence, ctx.onBadRecord);
}

/** The time-off requests created and deleted since `since` (an incremental read of the same feed). */
export async function readAbsenceChanges(http: HttpClient, ctx: ReadContext, since: Date): Promise<ModelChanges<WithRemoteData<UnifiedAbsence>>> {
  const { created, deleted } = foldRequestChanges(await requestChanges(http, since));
  return { changed: mapEach('hris_absences', created, toAbsence, ctx.onBadRecord), deletedRemoteIds: deleted };
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
