import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db.ts';
import type { EnvironmentSettingsTable } from '../schema.ts';

export type EnvironmentSettingsRow = Selectable<EnvironmentSettingsTable>;

/** An environment's settings row, or undefined when the operator never set any. */
export async function findEnvironmentSettingsRow(db: Db, environmentId: string): Promise<EnvironmentSettingsRow | undefined> {
  return db.selectFrom('environment_settings').selectAll().where('environment_id', '=', environmentId).executeTakeFirst();
}

/** Inserts or replaces an environment's settings row. */
export async function upsertEnvironmentSettingsRow(db: Db, row: Insertable<EnvironmentSettingsTable>): Promise<void> {
  const { environment_id: _id, ...update } = row;
  await db
    .insertInto('environment_settings')
    .values(row)
    .onConflict((oc) => oc.column('environment_id').doUpdateSet(update))
    .execute();
}
