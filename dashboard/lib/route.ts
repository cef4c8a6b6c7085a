/**
 * Where the console is: `/dashboard/<page>/<rest...>` (the page `''` is the overview). Pages with
 * details use the rest (`/dashboard/integrations/<id>`).
 */
export interface Route {
  page: string;
  rest: string[];
}

export function routeOf(pathname: string): Route {
  const [page = '', ...rest] = pathname
    .replace(/^\/dashboard\/?/, '')
    .split('/')
    .filter((s, i) => i === 0 || s !== '')
    .map((s) => decodeURIComponent(s));
  return { page, rest };
}

/** The path of a page (and its details), e.g. `pathOf('integrations', id)`. */
export const pathOf = (page: string, ...rest: string[]): string => ['/dashboard', ...(page ? [page] : []), ...rest.map(encodeURIComponent)].join('/');

/** The token of an invitation or reset link (it travels in the fragment). */
export const tokenOf = (hash: string): string => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
