import type { Db } from '../db.ts';

/** Operator overrides of which tools are enabled in an environment (tool ID -> enabled). */
export async function listEnvironmentToolRows(db: Db, environmentId: string): Promise<Map<string, boolean>> {
  const rows = await db.selectFrom('environment_tools').select(['tool', 'enabled']).where('environment_id', '=', environmentId).execute();
  return new Map(rows.map((r) => [r.tool, r.enabled]));
}

/** Sets (inserts or replaces) an environment's override for one tool. */
export async function upsertEnvironmentToolRow(db: Db, environmentId: string, tool: string, enabled: boolean): Promise<void> {
  await db
    .insertInto('environment_tools')
    .values({ environment_id: environmentId, tool, enabled })
    .onConflict((oc) => oc.columns(['environment_id', 'tool']).doUpdateSet({ enabled }))
    .execute();
}
