import { sql } from 'kysely';
import type { Db } from '../db.ts';

/**
 * Counts one hit in a fixed window per key, atomically (one upsert), starting a new window when the
 * current one is older than `windowMs`.
 */
export async function hitRateLimit(db: Db, key: string, now: Date, windowMs: number): Promise<{ hits: number; windowStart: Date }> {
  const expired = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<Date>`case when rate_limits.window_start <= ${expired} then excluded.window_start else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, windowStart: row.window_start };
}
