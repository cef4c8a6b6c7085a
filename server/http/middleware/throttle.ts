import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { type AugmentedRequest, MemoryStore, type Store as RateLimitStore, rateLimit } from 'express-rate-limit';
import { AppError } from '../../domain/errors.ts';
import { LINK_TOKEN_HEADER } from '../../../widget/protocol/flow-api.ts';

/** Limits outside `/v1`'s per-key budget; tests pass smaller ones through `AppDeps.throttle`. */
export interface ThrottleLimits {
  /** Failed `/v1` authentications per client address per minute before 429. @default 30 */
  failedAuthPerMinute: number;
  /** Requests to `/flow/v1` per client address per minute. @default 300 */
  flowPerMinute: number;
  /** Credential submissions (`POST /flow/v1/connect`) per link per cool-down window. @default 10 */
  linkAttempts: number;
  /** The per-link window: after `linkAttempts` tries, the link rests this long. @default 900_000 (15 minutes) */
  linkWindowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { failedAuthPerMinute: 30, flowPerMinute: 300, linkAttempts: 10, linkWindowMs: 15 * 60_000 };

const MINUTE_MS = 60_000;

/** The behind-a-proxy checks are ours to make (`TRUST_PROXY`), not express-rate-limit's. */
const VALIDATE = { trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false } as const;

const clientAddress = (req: Request) => req.ip ?? 'unknown';

/** The 429 of a limiter, with `Retry-After` the seconds until its window ends. */
function tooMany(message: (seconds: number) => string): RequestHandler {
  return (req, _res, next) => {
    const reset = (req as AugmentedRequest).rateLimit?.resetTime;
    const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
    next(new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', message(seconds), { 'Retry-After': String(seconds) }));
  };
}

const inMinutes = (seconds: number) => (seconds <= 60 ? 'a minute' : `${Math.ceil(seconds / 60)} minutes`);

/**
 * Counts failed `/v1` authentications (401) per client address in memory and, past the limit, answers
 * 429 before authentication runs, so a flood of made-up keys costs no database read. Only a 401 is
 * counted, once its answer is known: a burst of valid requests from one address (50 at once from a
 * vendor's backend) is never refused, and never touches the per-key budget.
 */
export function failedAuthLimit(perMinute: number): RequestHandler {
  const failures = new MemoryStore();
  failures.init({ windowMs: MINUTE_MS } as Parameters<MemoryStore['init']>[0]);
  return async (req, res, next) => {
    const address = clientAddress(req);
    const seen = await failures.get(address);
    if (seen && seen.totalHits >= perMinute) {
      const seconds = seen.resetTime ? Math.max(1, Math.ceil((seen.resetTime.getTime() - Date.now()) / 1000)) : 60;
      next(new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', `Too many failed authentications from this address. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) }));
      return;
    }
    res.once('finish', () => {
      if (res.statusCode === 401) void failures.increment(address);
    });
    next();
  };
}

/** Requests to the flow API per client address, in memory (one instance's view is enough to blunt a flood). */
export function flowClientLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: MINUTE_MS,
    limit: perMinute,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: clientAddress,
    validate: VALIDATE,
    handler: tooMany((s) => `Too many requests from this address. Try again in ${s} seconds.`),
  });
}

/**
 * Credential attempts per link: after `limits.linkAttempts` submissions the link rests for the rest of its
 * window, so a link cannot be used to guess a tool's credentials. Keyed by a hash of the link token
 * (never the token); `store` shares the counters between instances on PostgreSQL.
 */
export function linkAttemptLimit(limits: Pick<ThrottleLimits, 'linkAttempts' | 'linkWindowMs'>, store?: RateLimitStore): RequestHandler {
  return rateLimit({
    windowMs: limits.linkWindowMs,
    limit: limits.linkAttempts,
    standardHeaders: false,
    legacyHeaders: false,
    ...(store ? { store } : {}),
    // Without a token the flow answers link_invalid itself; nothing to count.
    skip: (req) => !req.get(LINK_TOKEN_HEADER)?.trim(),
    keyGenerator: (req) => crypto.createHash('sha256').update(req.get(LINK_TOKEN_HEADER)!.trim()).digest('base64url'),
    validate: VALIDATE,
    handler: tooMany(
      (s) => `Too many attempts to connect with this link. For your security, wait ${inMinutes(s)} before trying again.`,
    ),
  });
}
