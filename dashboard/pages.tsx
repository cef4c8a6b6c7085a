import type { VNode } from 'preact';
import type { ConsoleApi } from './lib/api.ts';
import type { Route } from './lib/route.ts';
import type { ApiSession, Environment } from './lib/types.ts';
import { Home } from './pages/Home.tsx';
import { Security } from './pages/Security.tsx';
import { Users } from './pages/Users.tsx';
import { Logs } from './pages/Logs.tsx';
import { Audit } from './pages/Audit.tsx';

/** What every page receives: the API, who is signed in, where, and how to move elsewhere. */
export interface PageContext {
  api: ConsoleApi;
  session: ApiSession;
  environment: Environment;
  route: Route;
  /** Goes to another page: `navigate('integrations', id)`. */
  navigate: (page: string, ...rest: string[]) => void;
  /** Re-reads the session (after a change to the user's own MFA, for instance). */
  reloadSession: () => void;
}

/** Whether the session's role may perform `action` in `environment` (tenant actions: anywhere). */
export const can = (session: ApiSession, action: string, environment?: Environment): boolean =>
  session.permissions.tenant.includes(action) || (environment !== undefined && (session.permissions.environments[environment] ?? []).includes(action));

/** One page of the console: its path segment, its navigation label, who may open it and what it shows. */
export interface PageEntry {
  page: string;
  label: string;
  allowed: (session: ApiSession, environment: Environment) => boolean;
  render: (ctx: PageContext) => VNode;
}

/**
 * THE console's pages, in navigation order. A page the role may not open is absent from the
 * navigation and falls back to the overview (the server refuses its API calls regardless).
 */
export const PAGES: PageEntry[] = [
  { page: '', label: 'Overview', allowed: () => true, render: (c) => <Home ctx={c} /> },
  { page: 'users', label: 'Users', allowed: (s) => can(s, 'users.read'), render: (c) => <Users api={c.api} /> },
  { page: 'security', label: 'Security', allowed: () => true, render: (c) => <Security api={c.api} session={c.session} onChanged={c.reloadSession} /> },
  { page: 'logs', label: 'Logs', allowed: (s, e) => can(s, 'logs.read', e), render: (c) => <Logs ctx={c} /> },
  { page: 'audit', label: 'Audit log', allowed: (s) => can(s, 'audit.read'), render: (c) => <Audit api={c.api} /> },
];
