import { sql } from 'kysely';
import type { Db } from '../db.ts';

/**
 * Counts `count` hits in a fixed window per key, atomically (one upsert), starting a new window when the
 * current one is older than `windowMs`. Returns the window's hits including these: the callers they stand
 * for hold the last `count` of them.
 */
export async function hitRateLimit(db: Db, key: string, now: Date, windowMs: number, count = 1): Promise<{ hits: number; windowStart: Date }> {
  const expired = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: count })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start <= ${expired} then excluded.hits else rate_limits.hits + excluded.hits end`,
        window_start: sql<Date>`case when rate_limits.window_start <= ${expired} then excluded.window_start else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, windowStart: row.window_start };
}
