import { z } from 'zod';
import type { Db } from '../../store/db.ts';
import { type EnvironmentScopesRow, expireEnvironmentData, findEnvironmentScopesRow, upsertEnvironmentScopesRow } from '../../store/queries/environment-scopes.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import type { EnvironmentRef } from '../tools.ts';
import { SCOPE_CATALOGUE, scopeModelById } from './scope-catalogue.ts';

/**
 * What an environment reads and serves of the unified models: everything, except the models and the
 * fields turned off here. Keys are Kombo read-model IDs (`hris_employees`), fields their API IDs.
 */
export interface ScopeConfig {
  disabledModels: ReadonlySet<string>;
  disabledFields: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The scope configuration of an environment that never changed it. */
export const EVERYTHING_ENABLED: ScopeConfig = { disabledModels: new Set(), disabledFields: new Map() };

const bodySchema = z
  .object({
    disabled_models: z.array(z.string()).max(SCOPE_CATALOGUE.length * 2),
    disabled_fields: z.record(z.string(), z.array(z.string()).max(200)),
  })
  .strict();

/**
 * Checks a whole scope configuration (`{disabled_models, disabled_fields}`) against the model catalogue.
 * Throws INPUT_INVALID naming every unknown model or field, and every identifier or reference field,
 * which must stay on (the sync links records by them).
 */
export function parseScopeConfig(input: unknown): ScopeConfig {
  const parsed = bodySchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw inputInvalid(`Invalid scope configuration (expected {"disabled_models": [...], "disabled_fields": {"<model>": [...]}}): ${problems.join('; ')}.`);
  }
  const problems: string[] = [];
  for (const id of parsed.data.disabled_models) if (!scopeModelById(id)) problems.push(`unknown model '${id}'`);
  const disabledFields = new Map<string, ReadonlySet<string>>();
  for (const [id, fields] of Object.entries(parsed.data.disabled_fields)) {
    const model = scopeModelById(id);
    if (!model) {
      problems.push(`unknown model '${id}'`);
      continue;
    }
    for (const field of fields) {
      const known = model.fields.find((f) => f.id === field);
      if (!known) problems.push(`unknown field '${field}' of ${id}`);
      else if (known.locked) problems.push(`field '${field}' of ${id} identifies or links records and cannot be turned off`);
    }
    if (fields.length > 0) disabledFields.set(id, new Set(fields));
  }
  if (problems.length > 0) throw inputInvalid(`Invalid scope configuration: ${[...new Set(problems)].join('; ')}.`);
  return { disabledModels: new Set(parsed.data.disabled_models), disabledFields };
}

/** The configuration as stored, in catalogue order so equal configurations compare and audit alike. */
const toRow = (c: ScopeConfig): EnvironmentScopesRow => ({
  disabledModels: SCOPE_CATALOGUE.filter((m) => c.disabledModels.has(m.id)).map((m) => m.id),
  disabledFields: Object.fromEntries(
    SCOPE_CATALOGUE.flatMap((m) => {
      const off = c.disabledFields.get(m.id);
      return off && off.size > 0 ? [[m.id, m.fields.filter((f) => off.has(f.id)).map((f) => f.id)]] : [];
    }),
  ),
});

/** The stored row as a configuration (no row: everything enabled). */
export const scopeConfigFromRow = (row: EnvironmentScopesRow | undefined): ScopeConfig =>
  row
    ? { disabledModels: new Set(row.disabledModels), disabledFields: new Map(Object.entries(row.disabledFields).map(([m, f]) => [m, new Set(f)])) }
    : EVERYTHING_ENABLED;

/** The configuration as the audit trail and the console show it. */
export const scopeConfigJson = (c: ScopeConfig): { disabled_models: string[]; disabled_fields: Record<string, string[]> } => {
  const row = toRow(c);
  return { disabled_models: row.disabledModels, disabled_fields: row.disabledFields };
};

/** An environment's scope configuration (everything enabled when it never changed it). */
export async function getScopeConfig(db: Db, environmentId: string): Promise<ScopeConfig> {
  return scopeConfigFromRow(await findEnvironmentScopesRow(db, environmentId));
}

/**
 * Replaces an environment's scope configuration after checking it, recording before and after in the
 * audit trail in the same transaction. Takes effect on the API at once (turned-off fields answer null,
 * turned-off models their error) and on what the next sync reads and stores; until then the
 * environment's integrations show `data_expired_at`.
 */
export async function updateScopeConfig(deps: StoreDeps, by: Actor, env: EnvironmentRef, input: unknown): Promise<ScopeConfig> {
  const after = parseScopeConfig(input);
  return deps.db.transaction().execute(async (trx) => {
    const before = scopeConfigFromRow(await findEnvironmentScopesRow(trx, env.environmentId));
    await upsertEnvironmentScopesRow(trx, env.environmentId, toRow(after), deps.clock());
    // As Kombo does: what was synced under the old configuration is stale until the next sync.
    if (JSON.stringify(scopeConfigJson(before)) !== JSON.stringify(scopeConfigJson(after))) await expireEnvironmentData(trx, env.environmentId, deps.clock());
    await appendAudit(trx, by, {
      tenantId: env.tenantId,
      environmentId: env.environmentId,
      action: 'environment.scopes_updated',
      targetType: 'environment',
      targetId: env.environmentId,
      before: scopeConfigJson(before),
      after: scopeConfigJson(after),
      at: deps.clock(),
    }, deps.secret);
    return after;
  });
}
