import { sql } from 'kysely';
import type { Db } from './db.ts';

/** What a readiness probe reports about the store. */
export type StoreHealth = 'ok' | 'unreachable';

/** Longest a readiness probe waits for the store. @default 2000 */
export const PING_TIMEOUT_MS = 2_000;

/** Runs `select 1` against the store, giving up after `timeoutMs`; never throws. */
export async function pingStore(db: Db, timeoutMs = PING_TIMEOUT_MS): Promise<StoreHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoreHealth>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), timeoutMs);
  });
  const ping = sql`select 1`.execute(db).then(
    (): StoreHealth => 'ok',
    (): StoreHealth => 'unreachable',
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
