/** The console's pages, by path under `/dashboard`. */
export type Route = 'home' | 'users' | 'security' | 'accept-invitation' | 'reset-password';

const PATHS: Record<string, Route> = {
  '': 'home',
  users: 'users',
  security: 'security',
  'accept-invitation': 'accept-invitation',
  'reset-password': 'reset-password',
};

export function routeOf(pathname: string): Route {
  const rest = pathname.replace(/^\/dashboard\/?/, '').replace(/\/$/, '');
  return PATHS[rest] ?? 'home';
}

export const pathOf = (route: Route): string => (route === 'home' ? '/dashboard' : `/dashboard/${route}`);

/** The token of an invitation or reset link (it travels in the fragment). */
export const tokenOf = (hash: string): string => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
