import type { ModelChanges, ReadContext } from '../http/read-pages.ts';
import { collect, numberedPages } from '../http/paginate.ts';
import { mapEach, type WithRemoteData } from '../http/records.ts';
import { idOf } from '../http/values.ts';
import type {
  UnifiedAbsence,
  UnifiedAbsenceType,
  UnifiedEmployee,
  UnifiedEmployment,
  UnifiedGroup,
  UnifiedLocation,
  UnifiedTimeOffBalance,
} from '../unified-hris.ts';
import type { BambooClient } from './client.ts';
import {
  type BambooListOption,
  indexOptions,
  type OptionIndex,
  toAbsence,
  toAbsenceType,
  toEmployee,
  toEmployment,
  toGroup,
  toLocation,
  toTimeOffBalance,
} from './to-unified.ts';

/** Employee fields read through the Datasets API (classic aliases; see the [inf] note in to-unified.ts). */
export const EMPLOYEE_FIELDS = [
  'id', 'employeeNumber', 'firstName', 'lastName', 'preferredName', 'displayName', 'jobTitle', 'workEmail', 'homeEmail',
  'mobilePhone', 'gender', 'ethnicity', 'maritalStatus', 'nationality', 'ssn', 'status', 'employmentHistoryStatus', 'hireDate',
  'terminationDate', 'dateOfBirth', 'department', 'division', 'location', 'supervisorEId', 'photoUrl', 'address1', 'address2',
  'city', 'state', 'zipcode', 'country',
];

/** Page size of the Datasets API (its maximum). */
const DATASET_PAGE = 1000;

const today = (ctx: ReadContext) => ctx.now.toISOString().slice(0, 10);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every option of the list-type fields (`GET /api/v1/meta/lists`). */
export async function readListOptions(client: BambooClient, model: 'hris_teams' | 'hris_locations' | 'hris_employees'): Promise<BambooListOption[]> {
  const { data } = await client.http.request<unknown>({ url: `${client.base}/api/v1/meta/lists`, model });
  return asArray(data).flatMap((list) => {
    const l = list as Record<string, unknown>;
    const alias = typeof l.alias === 'string' ? l.alias : null;
    return alias ? asArray(l.options).map((option) => ({ alias, option: option as Record<string, unknown> })) : [];
  });
}

/** Active and inactive employees: the Datasets API's default filter leaves nobody out but says so. */
const EVERYONE = "status eq 'Active' or status eq 'Inactive'";

/** Raw rows of the employee dataset matching `filter`, page by page (`POST /api/v2/datasets/employee/data`). */
function employeeRows(client: BambooClient, filter: string, fields: readonly string[] = EMPLOYEE_FIELDS): AsyncGenerator<unknown[]> {
  return numberedPages(1, async (page) => {
    const { data } = await client.http.request<{ data?: unknown; meta?: { totalPages?: number } }>({
      method: 'POST',
      url: `${client.base}/api/v2/datasets/employee/data`,
      json: { fields, filter, page, pageSize: DATASET_PAGE },
      model: 'hris_employees',
    });
    const items = asArray(data?.data);
    const totalPages = data?.meta?.totalPages;
    return { items, last: typeof totalPages === 'number' ? page >= totalPages : items.length < DATASET_PAGE };
  });
}

/** Employees, page by page, from `POST /api/v2/datasets/employee/data` (active and inactive). */
export async function* readEmployees(client: BambooClient, ctx: ReadContext, options?: OptionIndex): AsyncGenerator<WithRemoteData<UnifiedEmployee>[]> {
  const index = options ?? indexOptions(await readListOptions(client, 'hris_employees'));
  for await (const page of employeeRows(client, EVERYONE)) yield mapEach('hris_employees', page, (raw) => toEmployee(raw, index, today(ctx)), ctx.onBadRecord);
}

/** Every employee's id only (one small dataset page per 1,000 employees): whose balances a DELTA read fetches. */
export async function readEmployeeIds(client: BambooClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of employeeRows(client, EVERYONE, ['id'])) {
    for (const row of page) {
      const id = idOf((row as { fields?: Record<string, unknown> }).fields?.id);
      if (id) ids.push(id);
    }
  }
  return ids;
}

/** How many employee ids one filtered dataset request names (keeps the filter expression short). */
const IDS_PER_REQUEST = 100;

/** Ids as the Datasets filter compares them: digits only, so nothing a tool sends can widen the filter. */
const SAFE_ID = /^\d+$/;

/**
 * The employees changed since `since`, from the change feed `/api/v1/employees/changed` [spec]: the
 * inserted and updated ones read through the same Datasets API as a full read (so `remote_data` has the
 * same shape), filtered by id [inf: the notes did not verify that the dataset has an `id` column to
 * filter on — the full read already relies on it being selectable]; the deleted ones named. An employee
 * the feed calls changed but the dataset no longer has was deleted in between.
 */
export async function readEmployeeChanges(client: BambooClient, ctx: ReadContext, since: Date, index: OptionIndex): Promise<ModelChanges<WithRemoteData<UnifiedEmployee>>> {
  const feed = await readChangedEmployeeIds(client, since);
  const deleted = new Set(feed.filter((c) => c.action.toLowerCase() === 'deleted').map((c) => c.id));
  const named = [...new Set(feed.map((c) => c.id))].filter((id) => !deleted.has(id));
  const wanted = named.filter((id) => SAFE_ID.test(id));
  if (wanted.length < named.length) ctx.onBadRecord({ model: 'hris_employees', reason: 'The change feed named an employee id that is not a number.' });
  const changed: WithRemoteData<UnifiedEmployee>[] = [];
  for (let i = 0; i < wanted.length; i += IDS_PER_REQUEST) {
    const ids = wanted.slice(i, i + IDS_PER_REQUEST);
    const filter = `(${EVERYONE}) and (${ids.map((id) => `id eq '${id}'`).join(' or ')})`;
    for await (const page of employeeRows(client, filter)) changed.push(...mapEach('hris_employees', page, (raw) => toEmployee(raw, index, today(ctx)), ctx.onBadRecord));
  }
  const found = new Set(changed.map((e) => e.remoteId));
  for (const id of wanted) if (!found.has(id)) deleted.add(id);
  return { changed, deletedRemoteIds: [...deleted] };
}

/** Department and division options as groups. */
export async function* readGroups(client: BambooClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedGroup>[]> {
  const options = (await readListOptions(client, 'hris_teams')).filter((o) => o.alias === 'department' || o.alias === 'division');
  yield mapEach('hris_teams', options, toGroup, ctx.onBadRecord);
}

/** Location options as work locations. */
export async function* readLocations(client: BambooClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedLocation>[]> {
  const options = (await readListOptions(client, 'hris_locations')).filter((o) => o.alias === 'location');
  yield mapEach('hris_locations', options, toLocation, ctx.onBadRecord);
}

/** Compensation rows of every employee in one call (`/employees/all/tables/compensation`). */
export async function* readEmployments(client: BambooClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedEmployment>[]> {
  const { data } = await client.http.request<unknown>({ url: `${client.base}/api/v1/employees/all/tables/compensation`, model: 'hris_employments' });
  yield mapEach('hris_employments', asArray(data), toEmployment, ctx.onBadRecord);
}

export async function* readAbsenceTypes(client: BambooClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsenceType>[]> {
  const { data } = await client.http.request<{ timeOffTypes?: unknown }>({ url: `${client.base}/api/v1/meta/time_off/types`, model: 'hris_absence_types' });
  yield mapEach('hris_absence_types', asArray(data?.timeOffTypes), toAbsenceType, ctx.onBadRecord);
}

/**
 * Time-off requests in a window of two years back and one ahead (the endpoint requires a window and has
 * no paging or change filter [spec]; deletions are found by the sync's diff).
 */
export async function* readAbsences(client: BambooClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsence>[]> {
  const year = ctx.now.getUTCFullYear();
  const day = ctx.now.toISOString().slice(4, 10);
  const { data } = await client.http.request<unknown>({
    url: `${client.base}/api/v1/time_off/requests`,
    query: { start: `${year - 2}${day}`, end: `${year + 1}${day}` },
    model: 'hris_absences',
  });
  yield mapEach('hris_absences', asArray(data), toAbsence, ctx.onBadRecord);
}

/** Balances: one calculator call per employee (N+1, as the API offers no bulk read), pages of 50 employees. */
export async function* readTimeOffBalances(client: BambooClient, ctx: ReadContext, employeeIds?: string[]): AsyncGenerator<WithRemoteData<UnifiedTimeOffBalance>[]> {
  const ids = employeeIds ?? (await collect(readEmployees(client, ctx))).map((e) => e.remoteId);
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    const pages = await Promise.all(
      chunk.map(async (id) => {
        const { data } = await client.http.request<unknown>({
          url: `${client.base}/api/v1/employees/${encodeURIComponent(id)}/time_off/calculator`,
          query: { end: ctx.now.toISOString().slice(0, 10), precision: 2 },
          model: 'hris_time_off_balances',
        });
        return mapEach('hris_time_off_balances', asArray(data), (raw) => toTimeOffBalance(id, raw), ctx.onBadRecord);
      }),
    );
    yield pages.flat();
  }
}

/** The ids in `/employees/changed?since=` (with their action), for incremental reads. */
export async function readChangedEmployeeIds(client: BambooClient, since: Date): Promise<{ id: string; action: string }[]> {
  const { data } = await client.http.request<{ employees?: unknown }>({
    url: `${client.base}/api/v1/employees/changed`,
    query: { since: since.toISOString().replace(/\.\d{3}Z$/, '+00:00') },
    model: 'hris_employees',
  });
  const employees = data?.employees && typeof data.employees === 'object' ? Object.values(data.employees as Record<string, unknown>) : [];
  return employees.flatMap((e) => {
    const r = e as Record<string, unknown>;
    const id = idOf(r.id);
    return id ? [{ id, action: String(r.action ?? '') }] : [];
  });
}
