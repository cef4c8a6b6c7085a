import type { ReadContext } from '../http/read-pages.ts';
import type { HttpClient } from '../http/http-client.ts';
import { collect, cursorPages } from '../http/paginate.ts';
import { mapEach, type WithRemoteData } from '../http/records.ts';
import { toAllowanceInfo, toTimeOffBalance } from './to-unified.ts';
import type { HrisReadModelId, UnifiedTimeOffBalance } from '../unified-hris.ts';
import { FACTORIAL_API } from './client.ts';

/**
 * Every page of a Factorial list resource: `limit` (at most 100) and `after_id` = the previous page's
 * `meta.end_cursor`, while `meta.has_next_page` [sdk].
 */
export function pagesOf(http: HttpClient, resource: string, model: HrisReadModelId, query: Record<string, string | readonly string[]> = {}): AsyncGenerator<unknown[]> {
  return cursorPages(async (cursor) => {
    const { data } = await http.request<{ data?: unknown; meta?: { has_next_page?: unknown; end_cursor?: unknown } }>({
      url: `${FACTORIAL_API}/${resource}`,
      query: { ...query, limit: 100, after_id: cursor ?? undefined },
      model,
    });
    const more = data?.meta?.has_next_page === true && typeof data.meta.end_cursor === 'string';
    return { items: Array.isArray(data?.data) ? data.data : [], next: more ? (data!.meta!.end_cursor as string) : null };
  });
}

/** Maps every page of a resource, skipping (and reporting) records that do not map. */
export async function* mapped<T>(pages: AsyncIterable<unknown[]>, model: HrisReadModelId, map: (raw: unknown) => T, ctx: ReadContext): AsyncGenerator<T[]> {
  for await (const page of pages) yield mapEach(model, page, map, ctx.onBadRecord);
}

/** How many employee ids one `allowance_stats` request names (keeps the query string short). */
const STATS_PER_REQUEST = 50;

/**
 * Balances as of today: the allowances (unit, leave type), then `timeoff/allowance_stats` for the
 * employees, 50 ids per request, each request's pages by cursor [sdk].
 */
export async function* readTimeOffBalances(http: HttpClient, ctx: ReadContext, employeeIds: readonly string[]): AsyncGenerator<WithRemoteData<UnifiedTimeOffBalance>[]> {
  const allowances = new Map(mapEach('hris_time_off_balances', await collect(pagesOf(http, 'timeoff/allowances', 'hris_time_off_balances')), toAllowanceInfo, ctx.onBadRecord));
  const today = ctx.now.toISOString().slice(0, 10);
  for (let i = 0; i < employeeIds.length; i += STATS_PER_REQUEST) {
    const query = { 'employee_ids[]': employeeIds.slice(i, i + STATS_PER_REQUEST), reference_date: today };
    yield* mapped(pagesOf(http, 'timeoff/allowance_stats', 'hris_time_off_balances', query), 'hris_time_off_balances', (raw) => toTimeOffBalance(raw, allowances), ctx);
  }
}
