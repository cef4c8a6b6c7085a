import type { ReadContext } from '../http/read-pages.ts';
import type { HttpClient } from '../http/http-client.ts';
import { collect, numberedPages, offsetPages } from '../http/paginate.ts';
import { mapEach, type WithRemoteData } from '../http/records.ts';
import type { TimeUnit, UnifiedAbsence, UnifiedAbsenceType, UnifiedTimeOffBalance } from '../unified-hris.ts';
import { PERSONIO_ORIGIN } from './client.ts';
import { toAbsence, toAbsencePeriod, toAbsenceType, toTimeOffBalance } from './time-off-to-unified.ts';

const dataOf = (body: unknown): unknown[] => {
  const data = (body as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? data : [];
};

/** Raw employees, 100 per page by record offset (`GET /v1/company/employees`; Personio caps pages at 100). */
export function readRawEmployees(http: HttpClient): AsyncGenerator<unknown[]> {
  return offsetPages(100, async (offset, limit) => {
    const { data } = await http.request<unknown>({ url: `${PERSONIO_ORIGIN}/v1/company/employees`, query: { limit, offset }, model: 'hris_employees' });
    return dataOf(data);
  });
}

export async function* readAbsenceTypes(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsenceType>[]> {
  for await (const page of offsetPages(200, async (offset, limit) => {
    const { data } = await http.request<unknown>({ url: `${PERSONIO_ORIGIN}/v1/company/time-off-types`, query: { limit, offset }, model: 'hris_absence_types' });
    return dataOf(data);
  })) {
    yield mapEach('hris_absence_types', page, toAbsenceType, ctx.onBadRecord);
  }
}

/**
 * Day-unit absences in a window of two years back and one ahead. `offset` is a PAGE number here
 * (1-based), unlike the employees' record offset [docs/3p]; items repeated across pages are dropped.
 * Hour-unit absences follow (readAbsencePeriods).
 */
export async function* readAbsences(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsence>[]> {
  const year = ctx.now.getUTCFullYear();
  const day = ctx.now.toISOString().slice(4, 10);
  const seen = new Set<string>();
  const pages = numberedPages(1, async (page) => {
    const { data } = await http.request<{ metadata?: { total_pages?: number } }>({
      url: `${PERSONIO_ORIGIN}/v1/company/time-offs`,
      query: { start_date: `${year - 2}${day}`, end_date: `${year + 1}${day}`, limit: 200, offset: page },
      model: 'hris_absences',
    });
    const items = dataOf(data);
    const total = data?.metadata?.total_pages;
    return { items, last: typeof total === 'number' ? page >= total : items.length < 200 };
  });
  for await (const page of pages) {
    const mapped = mapEach('hris_absences', page, toAbsence, ctx.onBadRecord).filter((a) => !seen.has(a.remoteId) && seen.add(a.remoteId));
    yield mapped;
  }
}

/**
 * Hour-unit absences (`/v1/company/absence-periods`, notes §2.7) in the same window: 200 per page by
 * RECORD offset here [spec], repeated items dropped.
 */
export async function* readAbsencePeriods(http: HttpClient, ctx: ReadContext): AsyncGenerator<WithRemoteData<UnifiedAbsence>[]> {
  const year = ctx.now.getUTCFullYear();
  const day = ctx.now.toISOString().slice(4, 10);
  const seen = new Set<string>();
  for await (const page of offsetPages(200, async (offset, limit) => {
    const { data } = await http.request<unknown>({
      url: `${PERSONIO_ORIGIN}/v1/company/absence-periods`,
      query: { start_date: `${year - 2}${day}`, end_date: `${year + 1}${day}`, limit, offset },
      model: 'hris_absences',
    });
    return dataOf(data);
  })) {
    yield mapEach('hris_absences', page, toAbsencePeriod, ctx.onBadRecord).filter((a) => !seen.has(a.remoteId) && seen.add(a.remoteId));
  }
}

/** Balances: one call per employee (N+1, the only balance endpoint), 50 employees per page. */
export async function* readTimeOffBalances(http: HttpClient, ctx: ReadContext, employeeIds: readonly string[]): AsyncGenerator<WithRemoteData<UnifiedTimeOffBalance>[]> {
  const units = new Map<string, TimeUnit | null>((await collect(readAbsenceTypes(http, ctx))).map((t) => [t.remoteId, t.unit]));
  for (let i = 0; i < employeeIds.length; i += 50) {
    const pages = await Promise.all(
      employeeIds.slice(i, i + 50).map(async (id) => {
        const { data } = await http.request<unknown>({ url: `${PERSONIO_ORIGIN}/v1/company/employees/${encodeURIComponent(id)}/absences/balance`, model: 'hris_time_off_balances' });
        return mapEach('hris_time_off_balances', dataOf(data), (raw) => toTimeOffBalance(id, raw, units), ctx.onBadRecord);
      }),
    );
    yield pages.flat();
  }
}
