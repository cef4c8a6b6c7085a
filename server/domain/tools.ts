import type { Connector, FlowCategory } from '../connectors/types.ts';
import { listEnvironmentToolRows, upsertEnvironmentToolRow } from '../store/queries/environment-tools.ts';
import type { EnvironmentKind } from '../store/schema.ts';
import type { DomainDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';

/** What the tool rules read: the store and the injected connector registry. */
export type ToolsDeps = Pick<DomainDeps, 'db' | 'connectors'>;

/** The environment a request or command acts in (an authenticated principal is one). */
export interface EnvironmentRef {
  tenantId: string;
  environmentId: string;
  environment: EnvironmentKind;
}

/**
 * Tools usable in an environment, in catalogue order, optionally of one category: available there
 * (e.g. the Sandbox only in development) and enabled (an `environment_tools` row overrides the default).
 */
export async function listEnabledConnectors(deps: ToolsDeps, env: EnvironmentRef, category?: FlowCategory): Promise<Connector[]> {
  const overrides = await listEnvironmentToolRows(deps.db, env.environmentId);
  return deps.connectors.list().filter((c) => {
    const availability = c.availability[env.environment];
    if (!availability) return false;
    if (category && !c.tool.categories.includes(category)) return false;
    return overrides.get(c.tool.id) ?? availability.enabledByDefault;
  });
}

/** Enables or disables a tool in an environment; refuses tools that cannot be used there at all. */
export async function setToolEnabled(deps: ToolsDeps, env: EnvironmentRef, toolId: string, enabled: boolean): Promise<void> {
  const connector = deps.connectors.get(toolId);
  if (!connector?.availability[env.environment]) {
    throw inputInvalid(`Tool '${toolId}' is not available in the ${env.environment} environment.`);
  }
  await upsertEnvironmentToolRow(deps.db, env.environmentId, toolId, enabled);
}

/**
 * The connector for a tool a link or flow names, or INPUT_INVALID saying why it cannot be used:
 * unknown to Plugboard, not available or disabled in this environment, or of another category.
 */
export async function requireEnabledTool(deps: ToolsDeps, env: EnvironmentRef, toolId: string, category: FlowCategory): Promise<Connector> {
  const enabled = await listEnabledConnectors(deps, env);
  const connector = enabled.find((c) => c.tool.id === toolId);
  if (!connector) {
    const known = deps.connectors.get(toolId);
    const reason = !known
      ? `Plugboard has no connector for tool '${toolId}' yet.`
      : !known.availability[env.environment]
        ? `Tool '${toolId}' is not available in the ${env.environment} environment.`
        : `Tool '${toolId}' is disabled in the ${env.environment} environment.`;
    throw inputInvalid(`${reason} ${enabledToolsSentence(enabled, env, category)}`);
  }
  if (!connector.tool.categories.includes(category)) {
    throw inputInvalid(
      `Tool '${toolId}' does not support the ${category} category (it supports ${connector.tool.categories.join(', ')}).`,
    );
  }
  return connector;
}

/** "Enabled HRIS tools in the development environment: sandbox." or what to do when there are none. */
export function enabledToolsSentence(enabled: readonly Connector[], env: EnvironmentRef, category: FlowCategory): string {
  const ids = enabled.filter((c) => c.tool.categories.includes(category)).map((c) => c.tool.id);
  if (ids.length > 0) return `Enabled ${category} tools in the ${env.environment} environment: ${ids.join(', ')}.`;
  const hint = env.environment === 'production' ? ' The Sandbox tool is available in the development environment: use a development API key.' : '';
  return `No ${category} tools are enabled in the ${env.environment} environment.${hint}`;
}
