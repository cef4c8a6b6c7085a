import { listEnvironmentToolRows } from '../store/queries/environment-tools.ts';
import { appendAudit } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { type EnvironmentRef, setToolEnabled } from './tools.ts';

/** A tool of the catalogue as the environment configuration shows it. */
export interface EnvironmentTool {
  id: string;
  label: string;
  categories: readonly string[];
  iconUrl: string;
  enabled: boolean;
}

/** What the tool configuration needs: the store, the connectors, the clock and the secret (audit). */
export type EnvironmentToolsDeps = Pick<DomainDeps, 'db' | 'connectors' | 'clock' | 'secret'>;

/** Every tool available in the environment, in catalogue order, with whether it is enabled there. */
export async function listEnvironmentTools(deps: Pick<DomainDeps, 'db' | 'connectors'>, env: EnvironmentRef): Promise<EnvironmentTool[]> {
  const overrides = await listEnvironmentToolRows(deps.db, env.environmentId);
  return deps.connectors.list().flatMap((c) => {
    const availability = c.availability[env.environment];
    if (!availability) return [];
    const enabled = overrides.get(c.tool.id) ?? availability.enabledByDefault;
    return [{ id: c.tool.id, label: c.tool.label, categories: c.tool.categories, iconUrl: c.tool.iconUrl, enabled }];
  });
}

/**
 * Enables or disables a tool in an environment (refusing tools not available there) and records the
 * before and after in the audit trail, in one transaction. New links and the flow's tool list follow at once.
 */
export async function changeToolEnabled(deps: EnvironmentToolsDeps, by: Actor, env: EnvironmentRef, toolId: string, enabled: boolean): Promise<EnvironmentTool> {
  await deps.db.transaction().execute(async (trx) => {
    const before = (await listEnvironmentTools({ db: trx, connectors: deps.connectors }, env)).find((t) => t.id === toolId);
    // Validates availability and writes the override, inside this transaction.
    await setToolEnabled({ db: trx, connectors: deps.connectors }, env, toolId, enabled);
    await appendAudit(trx, by, {
      tenantId: env.tenantId,
      environmentId: env.environmentId,
      action: 'environment.tool_updated',
      targetType: 'tool',
      targetId: toolId,
      before: { tool: toolId, enabled: before?.enabled ?? null },
      after: { tool: toolId, enabled },
      at: deps.clock(),
    }, deps.secret);
  });
  const now = (await listEnvironmentTools(deps, env)).find((t) => t.id === toolId);
  return now!;
}
