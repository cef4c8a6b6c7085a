import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db.ts';
import type { ConnectionLinksTable, EnvironmentKind } from '../schema.ts';

/** A link row with its environment. */
export type LinkRow = Selectable<ConnectionLinksTable> & { environment_kind: EnvironmentKind; tenant_id: string };

export async function insertLinkRow(db: Db, values: Insertable<ConnectionLinksTable>): Promise<void> {
  await db.insertInto('connection_links').values(values).execute();
}

/** The link whose token hashes to `tokenHash`, if any. */
export async function findLinkRowByHash(db: Db, tokenHash: string): Promise<LinkRow | undefined> {
  return db
    .selectFrom('connection_links')
    .innerJoin('environments', 'environments.id', 'connection_links.environment_id')
    .selectAll('connection_links')
    .select(['environments.kind as environment_kind', 'environments.tenant_id'])
    .where('connection_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks a link used if it is still unused and unexpired, in one conditional statement: of two flows
 * finishing at once, exactly one gets `true`.
 */
export async function consumeLinkRow(db: Db, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('connection_links')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
