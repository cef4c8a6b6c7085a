import type { RequestHandler } from 'express';
import type { Config } from './config.ts';
import type { RateLimitCounter } from './domain/rate-limit.ts';
import type { SyncDeps } from './domain/sync/sync-deps.ts';
import type { Logger } from './logger.ts';
import type { RequestLogWriter } from './domain/request-logs/request-log-writer.ts';
import type { ThrottleLimits } from './http/middleware/throttle.ts';

/**
 * The one deps shape of a process, built by `createDeps` (server/composition-root.ts) and handed to
 * the app, every router, the workers and the CLI. Tests build it the same way, overriding clock,
 * store and connectors.
 */
export interface AppDeps extends SyncDeps {
  config: Pick<Config, 'publicUrl' | 'trustProxy' | 'rateLimitPerMinute'>;
  logger: Logger;
  /** What the store runs on; `pglite` means this process is its only user. */
  storeKind: 'pglite' | 'postgres';
  /** Per-key request counters: in memory on the embedded store, shared through PostgreSQL otherwise. */
  rateLimits: RateLimitCounter;
  /** `npm run dev` only: Vite's dev middleware, answering the flow page before the build does (hot reload). */
  widgetDevMiddleware?: RequestHandler;
  /** Limits outside the per-key budget (failed authentications, the flow API, attempts per link). @default DEFAULT_THROTTLE */
  throttle?: Partial<ThrottleLimits>;
  /** The demo vendor app's URL when `npm start` runs it alongside; the landing page links to it. */
  demoUrl?: string;
  /** The `/v1` request log's batching writer; absent, requests are not recorded (and `log_url` stays null). */
  requestLog?: RequestLogWriter;
}
