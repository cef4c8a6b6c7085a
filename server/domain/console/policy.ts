import type { ConsoleRole, EnvironmentKind } from '../../store/schema.ts';

export type { ConsoleRole };

export const CONSOLE_ROLES: readonly ConsoleRole[] = ['admin', 'developer', 'operator'];

/** The environments each role may work in (the product spec's table). */
export const ROLE_ENVIRONMENTS: Record<ConsoleRole, readonly EnvironmentKind[]> = {
  admin: ['production', 'development'],
  developer: ['development'],
  operator: ['production'],
};

/** What a role may do with one console action. */
type Grant =
  /** Tenant-wide actions (users, the audit trail, the session itself): the roles allowed. */
  | { scope: 'tenant'; roles: readonly ConsoleRole[] }
  /** Per-environment actions: the environments each role may do it in (absent: never). */
  | { scope: 'environment'; environments: Partial<Record<ConsoleRole, readonly EnvironmentKind[]>> };

const ALL: readonly ConsoleRole[] = CONSOLE_ROLES;
const BOTH: readonly EnvironmentKind[] = ['production', 'development'];
/** Reading and the operator's working set: every role in its own environments. */
const EVERY_ROLE_IN_ITS_ENVIRONMENTS = { admin: BOTH, developer: ['development'], operator: ['production'] } as const;
/** Configuration and keys: admins everywhere, developers in development, operators never. */
const CONFIGURERS = { admin: BOTH, developer: ['development'] } as const;

/**
 * THE policy table: every console API route names one of these actions, and nothing else decides
 * who may call it. Admin: both environments, everything. Developer: development only, its keys and
 * configuration, no users. Operator: production only, reading plus integrations, links, integration
 * settings and custom field mapping; no keys, scopes, audit or users.
 */
export const CONSOLE_POLICY = {
  'session.read': { scope: 'tenant', roles: ALL },
  'mfa.self': { scope: 'tenant', roles: ALL },
  'security.read': { scope: 'tenant', roles: ['admin'] },
  'security.write': { scope: 'tenant', roles: ['admin'] },
  'users.read': { scope: 'tenant', roles: ['admin'] },
  'users.write': { scope: 'tenant', roles: ['admin'] },
  'audit.read': { scope: 'tenant', roles: ['admin'] },
  'api_keys.read': { scope: 'environment', environments: CONFIGURERS },
  'api_keys.write': { scope: 'environment', environments: CONFIGURERS },
  'configuration.read': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'configuration.write': { scope: 'environment', environments: CONFIGURERS },
  'scopes.write': { scope: 'environment', environments: CONFIGURERS },
  'integrations.read': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'integrations.write': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'integration_settings.write': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'custom_fields.write': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'links.create': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'webhooks.read': { scope: 'environment', environments: CONFIGURERS },
  'webhooks.write': { scope: 'environment', environments: CONFIGURERS },
  'logs.read': { scope: 'environment', environments: EVERY_ROLE_IN_ITS_ENVIRONMENTS },
  'logs.write': { scope: 'environment', environments: CONFIGURERS },
} as const satisfies Record<string, Grant>;

export type ConsoleAction = keyof typeof CONSOLE_POLICY;

/** Whether `role` may perform `action` (in `environment`, for per-environment actions). */
export function isAllowed(role: ConsoleRole, action: ConsoleAction, environment?: EnvironmentKind): boolean {
  const grant: Grant = CONSOLE_POLICY[action];
  if (grant.scope === 'tenant') return grant.roles.includes(role);
  if (environment === undefined) return false;
  return grant.environments[role]?.includes(environment) ?? false;
}

/** Every action a role may perform in each of its environments (the UI hides the rest). */
export function permissionsOf(role: ConsoleRole): { tenant: ConsoleAction[]; environments: Partial<Record<EnvironmentKind, ConsoleAction[]>> } {
  const actions = Object.keys(CONSOLE_POLICY) as ConsoleAction[];
  const environments: Partial<Record<EnvironmentKind, ConsoleAction[]>> = {};
  for (const env of ROLE_ENVIRONMENTS[role]) {
    environments[env] = actions.filter((a) => CONSOLE_POLICY[a].scope === 'environment' && isAllowed(role, a, env));
  }
  return { tenant: actions.filter((a) => CONSOLE_POLICY[a].scope === 'tenant' && isAllowed(role, a)), environments };
}
