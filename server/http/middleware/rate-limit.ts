import { type Store as RateLimitStore, rateLimit } from 'express-rate-limit';
import type { Db } from '../../store/db.ts';
import { AppError } from '../../domain/errors.ts';
import { hitRateLimit } from '../../store/queries/rate-limits.ts';

const WINDOW_MS = 60_000;

/** Counters kept in the database so every instance on one PostgreSQL shares the same per-key budget. */
export function databaseRateLimitStore(db: Db): RateLimitStore {
  return {
    localKeys: false,
    prefix: 'v1:',
    increment: async (key) => {
      const { hits, windowStart } = await hitRateLimit(db, `v1:${key}`, new Date(), WINDOW_MS);
      return { totalHits: hits, resetTime: new Date(windowStart.getTime() + WINDOW_MS) };
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
