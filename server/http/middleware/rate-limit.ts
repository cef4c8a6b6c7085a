import { type Store as RateLimitStore, rateLimit } from 'express-rate-limit';
import type { Db } from '../../store/db.ts';
import { AppError } from '../../domain/errors.ts';
import { hitRateLimit } from '../../store/queries/rate-limits.ts';

const WINDOW_MS = 60_000;

/**
 * Counters kept in the database so every instance on one PostgreSQL shares the same per-key budget.
 * `prefix` and `windowMs` let other limiters (e.g. per link) share the table. @default 'v1:', one minute
 */
export function databaseRateLimitStore(db: Db, prefix = 'v1:', windowMs = WINDOW_MS): RateLimitStore {
  return {
    localKeys: false,
    prefix,
    increment: async (key) => {
      const { hits, windowStart } = await hitRateLimit(db, `${prefix}${key}`, new Date(), windowMs);
      return { totalHits: hits, resetTime: new Date(windowStart.getTime() + windowMs) };
    },
    decrement: () => {},
    resetKey: () => {},
  };
}

/**
 * Per-key limit of `perMinute` requests with Kombo's `ratelimit-limit/-remaining/-reset` headers;
 * past it, 429 `PLATFORM.RATE_LIMIT_EXCEEDED` with `Retry-After`. Runs after authentication.
 * Without a store the counters live in memory (right for the embedded store: one process owns it).
 */
export function perKeyRateLimit(perMinute: number, store?: RateLimitStore) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    keyGenerator: (req) => req.principal?.keyId ?? 'anonymous',
    validate: { trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
    handler: (_req, res, next) => {
      next(
        new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', `Rate limit of ${perMinute} requests per minute exceeded for this API key.`, {
          'Retry-After': String(res.getHeader('Retry-After') ?? 60),
        }),
      );
    },
  });
}
