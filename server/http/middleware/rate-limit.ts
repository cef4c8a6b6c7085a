import type { RequestHandler } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
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
 * Per-key limit of `perMinute` requests with Kombo's `ratelimit-policy/-limit/-remaining/-reset` headers
 * (IETF draft 6, as express-rate-limit writes them for the flow's limiters); past it, 429
 * `PLATFORM.RATE_LIMIT_EXCEEDED` with `Retry-After`. Runs after authentication, on every `/v1` request:
 * the counting is ours already (domain/rate-limit.ts), so this is only the HTTP shape around one `hit`.
 */
export function perKeyRateLimit(perMinute: number, counter: RateLimitCounter): RequestHandler {
  const policy = `${perMinute};w=${Math.ceil(RATE_LIMIT_WINDOW_MS / 1000)}`;
  const limit = String(perMinute);
  return async (req, res, next) => {
    const { hits, resetInMs } = await counter.hit(`v1:${req.principal?.keyId ?? 'anonymous'}`);
    const resetSeconds = Math.max(0, Math.ceil(resetInMs / 1000));
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit-Limit', limit);
    res.setHeader('RateLimit-Remaining', String(Math.max(perMinute - hits, 0)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (hits <= perMinute) {
      next();
      return;
    }
    const retryAfter = String(Math.max(1, resetSeconds));
    next(new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', `Rate limit of ${perMinute} requests per minute exceeded for this API key.`, { 'Retry-After': retryAfter }));
  };
}
