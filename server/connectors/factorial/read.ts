import type { ReadContext } from '../http/read-pages.ts';
import type { HttpClient } from '../http/http-client.ts';
import { cursorPages } from '../http/paginate.ts';
import { mapEach } from '../http/records.ts';
import type { HrisReadModelId } from '../unified-hris.ts';
import { FACTORIAL_API } from './client.ts';

/**
 * Every page of a Factorial list resource: `limit` (at most 100) and `after_id` = the previous page's
 * `meta.end_cursor`, while `meta.has_next_page` [sdk].
 */
export function pagesOf(http: HttpClient, resource: string, model: HrisReadModelId, query: Record<string, string> = {}): AsyncGenerator<unknown[]> {
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
