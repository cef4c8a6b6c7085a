import type { Db } from '../db.ts';

/** The turned-off models and fields of an environment as stored (read-model and field IDs). */
export interface EnvironmentScopesRow {
  disabledModels: string[];
  disabledFields: Record<string, string[]>;
}

/** An environment's scope row, or undefined when everything is enabled (never configured). */
export async function findEnvironmentScopesRow(db: Db, environmentId: string): Promise<EnvironmentScopesRow | undefined> {
  const row = await db
    .selectFrom('environment_scopes')
    .select(['disabled_models', 'disabled_fields'])
    .where('environment_id', '=', environmentId)
    .executeTakeFirst();
  return row && { disabledModels: row.disabled_models, disabledFields: row.disabled_fields };
}

/** The scope row of the environment an integration belongs to (one query, for the sync and the API). */
export async function findIntegrationScopesRow(db: Db, integrationId: string): Promise<EnvironmentScopesRow | undefined> {
  const row = await db
    .selectFrom('integrations')
    .innerJoin('environment_scopes', 'environment_scopes.environment_id', 'integrations.environment_id')
    .select(['environment_scopes.disabled_models', 'environment_scopes.disabled_fields'])
    .where('integrations.id', '=', integrationId)
    .executeTakeFirst();
  return row && { disabledModels: row.disabled_models, disabledFields: row.disabled_fields };
}

/** Inserts or replaces an environment's scope row. */
export async function upsertEnvironmentScopesRow(db: Db, environmentId: string, scopes: EnvironmentScopesRow, at: Date): Promise<void> {
  const values = {
    disabled_models: JSON.stringify(scopes.disabledModels),
    disabled_fields: JSON.stringify(scopes.disabledFields),
    updated_at: at,
  };
  await db
    .insertInto('environment_scopes')
    .values({ environment_id: environmentId, ...values })
    .onConflict((oc) => oc.column('environment_id').doUpdateSet(values))
    .execute();
}

/** Marks the synced data of an environment's integrations as expired (`data_expired_at`) until their next sync. */
export async function expireEnvironmentData(db: Db, environmentId: string, at: Date): Promise<void> {
  await db.updateTable('integrations').set({ data_expired_at: at }).where('environment_id', '=', environmentId).where('data_expired_at', 'is', null).execute();
}
