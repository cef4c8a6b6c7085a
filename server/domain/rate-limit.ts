import { hitRateLimit } from '../store/queries/rate-limits.ts';
import { batchBehind } from './batch-behind.ts';
import type { DomainDeps } from './deps.ts';

/** The fixed window every per-key budget is counted in. @default 60 seconds */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Where per-key hits are counted: one fixed window per key, timed by the injected clock. */
export interface RateLimitCounter {
  /** `true` when the counts live in this process only (the embedded store: one process owns it). */
  readonly local: boolean;
  /** Counts one hit for `key` and returns the hits of its current window and how long until that window ends (by the injected clock). */
  hit(key: string): Promise<{ hits: number; resetInMs: number }>;
}

/**
 * Counters kept in the database, so every instance on one PostgreSQL shares the same per-key budget.
 * Hits of one key that arrive while its upsert is in flight are sent together as one `+n` upsert once it
 * ends (a single row per key would otherwise queue every request on its lock); each caller still gets its
 * own exact count, the upsert's total minus the hits counted after its own, so across all instances
 * exactly the budget's worth of requests is let through.
 */
export function databaseRateLimitCounter(deps: Pick<DomainDeps, 'db' | 'clock'>, windowMs = RATE_LIMIT_WINDOW_MS): RateLimitCounter {
  const hit = batchBehind(async (key, callers) => {
    const now = deps.clock();
    const { hits, windowStart } = await hitRateLimit(deps.db, key, now, windowMs, callers);
    const resetInMs = windowStart.getTime() + windowMs - now.getTime();
    return Array.from({ length: callers }, (_, i) => ({ hits: hits - callers + 1 + i, resetInMs }));
  });
  return { local: false, hit };
}

/**
 * Counters in this process's memory: no round trip per request. Expired windows are dropped once per
 * window, so memory follows the keys used within the last minute, not every key ever seen.
 */
export function memoryRateLimitCounter(deps: Pick<DomainDeps, 'clock'>, windowMs = RATE_LIMIT_WINDOW_MS): RateLimitCounter {
  const windows = new Map<string, { hits: number; start: number }>();
  let swept = 0;
  return {
    local: true,
    hit: async (key) => {
      const now = deps.clock().getTime();
      if (now - swept >= windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        swept = now;
      }
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        window = { hits: 0, start: now };
        windows.set(key, window);
      }
      window.hits++;
      return { hits: window.hits, resetInMs: window.start + windowMs - now };
    },
  };
}
