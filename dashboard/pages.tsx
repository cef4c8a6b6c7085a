import type { VNode } from 'preact';
import type { ConsoleApi } from './lib/api.ts';
import type { Route } from './lib/route.ts';
import type { ApiSession, Environment } from './lib/types.ts';
import { Configuration } from './pages/Configuration.tsx';
import { Home } from './pages/Home.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { IntegrationDetails } from './pages/IntegrationDetails.tsx';
import { Integrations } from './pages/Integrations.tsx';
import { Security } from './pages/Security.tsx';
import { Users } from './pages/Users.tsx';
import { Webhooks } from './pages/Webhooks.tsx';
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
  { page: 'api-keys', label: 'API keys', allowed: (s, e) => can(s, 'api_keys.read', e), render: (c) => <ApiKeys key={c.environment} api={c.api} environment={c.environment} canWrite={can(c.session, 'api_keys.write', c.environment)} /> },
  {
    page: 'integrations',
    label: 'Integrations',
    allowed: (s, e) => can(s, 'integrations.read', e),
    render: (c) =>
      c.route.rest[0] ? (
        <IntegrationDetails
          key={`${c.environment}/${c.route.rest[0]}`}
          api={c.api}
          environment={c.environment}
          id={c.route.rest[0]}
          canWrite={can(c.session, 'integrations.write', c.environment)}
          canCreateLinks={can(c.session, 'links.create', c.environment)}
          onBack={() => c.navigate('integrations')}
        />
      ) : (
        <Integrations key={c.environment} api={c.api} environment={c.environment} canCreateLinks={can(c.session, 'links.create', c.environment)} onOpen={(id) => c.navigate('integrations', id)} />
      ),
  },
  {
    page: 'webhooks',
    label: 'Webhooks',
    allowed: (s, env) => can(s, 'webhooks.read', env),
    render: (c) => <Webhooks api={c.api} environment={c.environment} endpointId={c.route.rest[0]} canWrite={can(c.session, 'webhooks.write', c.environment)} navigate={(...p) => c.navigate(p[0]!, ...p.slice(1))} />,
  },
  {
    page: 'configuration',
    label: 'Configuration',
    allowed: (s, env) => can(s, 'configuration.read', env),
    render: (c) => <Configuration key={c.environment} api={c.api} session={c.session} environment={c.environment} />,
  },
  { page: 'logs', label: 'Logs', allowed: (s, e) => can(s, 'logs.read', e), render: (c) => <Logs ctx={c} /> },
  { page: 'audit', label: 'Audit log', allowed: (s) => can(s, 'audit.read'), render: (c) => <Audit api={c.api} /> },
];
