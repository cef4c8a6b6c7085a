import type { Db } from '../db.ts';

/**
 * Whether the store holds anything sealed or hashed with the server secret (API keys, integration
 * credentials, connection links): a new secret would make all of it unreadable.
 */
export async function storeUsesSecret(db: Db): Promise<boolean> {
  for (const table of ['api_keys', 'integrations', 'connection_links'] as const) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
