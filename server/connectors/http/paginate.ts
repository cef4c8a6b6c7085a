/** Pagination styles the tools use, each as an async generator of pages (one array per remote page). */

/** A hard stop against a tool that never says it is done. @default 10000 pages */
const MAX_PAGES = 10_000;

function guard(n: number): void {
  if (n >= MAX_PAGES) throw new Error(`Pagination did not end after ${MAX_PAGES} pages.`);
}

/** `offset` + `limit` in records: ends at the first page shorter than `limit`. */
export async function* offsetPages<T>(limit: number, fetchPage: (offset: number, limit: number) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let offset = 0, n = 0; ; offset += limit, n++) {
    guard(n);
    const items = await fetchPage(offset, limit);
    if (items.length) yield items;
    if (items.length < limit) return;
  }
}

/** A page number (from `first`): ends when `fetchPage` says it was the last, or at an empty page. */
export async function* numberedPages<T>(
  first: number,
  fetchPage: (page: number) => Promise<{ items: T[]; last: boolean }>,
): AsyncGenerator<T[]> {
  for (let page = first, n = 0; ; page++, n++) {
    guard(n);
    const { items, last } = await fetchPage(page);
    if (items.length) yield items;
    if (last || !items.length) return;
  }
}

/** An opaque cursor: ends when the tool returns no next cursor (or repeats the one it was given). */
export async function* cursorPages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  for (let n = 0; ; n++) {
    guard(n);
    const { items, next }: { items: T[]; next: string | null } = await fetchPage(cursor);
    if (items.length) yield items;
    if (!next || next === cursor) return;
    cursor = next;
  }
}

/** The `rel="next"` target of an RFC 8288 `Link` header, resolved against `base`; null when there is none. */
export function nextLink(header: string | null | undefined, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2]!)) return new URL(match[1]!, base).toString();
  }
  return null;
}

/** Follows `Link: <...>; rel="next"` from `firstUrl` until a page has none. */
export async function* linkPages<T>(
  firstUrl: string,
  fetchPage: (url: string) => Promise<{ items: T[]; link: string | null | undefined }>,
): AsyncGenerator<T[]> {
  let url: string | null = firstUrl;
  for (let n = 0; url; n++) {
    guard(n);
    const { items, link }: { items: T[]; link: string | null | undefined } = await fetchPage(url);
    if (items.length) yield items;
    url = nextLink(link, url);
  }
}

/** Collects every page of a generator into one list (for the current whole-snapshot DataSource). */
export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
