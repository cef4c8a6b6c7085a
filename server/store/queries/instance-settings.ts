import type { Db } from '../db.ts';

/** One installation-wide setting's value, or undefined. */
export async function findInstanceSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets (inserts or replaces) one installation-wide setting. */
export async function upsertInstanceSetting(db: Db, key: string, value: string, at: Date): Promise<void> {
  await db
    .insertInto('instance_settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
