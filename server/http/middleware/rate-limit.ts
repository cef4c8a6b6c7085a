import { type Store as RateLimitStore, rateLimit } from 'express-rate-limit';
import { AppError } from '../../domain/errors.ts';
import { RATE_LIMIT_WINDOW_MS, type RateLimitCounter } from '../../domain/rate-limit.ts';

/**
 * express-rate-limit's store interface over one of our counters (the counting itself lives in
 * domain/rate-limit.ts). `prefix` lets other limiters (e.g. per link) share the counters. @default 'v1:'
 */
export function counterStore(counter: RateLimitCounter, prefix = 'v1:'): RateLimitStore {
  return {
    localKeys: counter.local,
    prefix,
    increment: async (key) => {
      const { hits, resetInMs } = await counter.hit(`${prefix}${key}`);
      // express-rate-limit reads resetTime against the wall clock; the window is timed by the injected one.
      return { totalHits: hits, resetTime: new Date(Date.now() + resetInMs) };
    },
    decrement: () => {},
    resetKey: () => {},
  };
}

/**
 * Per-key limit of `perMinute` requests with Kombo's `ratelimit-limit/-remaining/-reset` headers;
 * past it, 429 `PLATFORM.RATE_LIMIT_EXCEEDED` with `Retry-After`. Runs after authentication.
 */
export function perKeyRateLimit(perMinute: number, counter: RateLimitCounter) {
  return rateLimit({
    windowMs: RATE_LIMIT_WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    store: counterStore(counter),
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
