import type { QueueDefinition } from './job-queue.ts';

/** Runs one sync (`{ runId }`); at most one active job per integration (its singleton key). */
export const SYNC_QUEUE = 'hris-sync';
/** Queues the scheduled syncs that are due (cron). */
export const SYNC_SCHEDULE_QUEUE = 'hris-sync-schedule';
/** Marks development integrations unused for 14 days INACTIVE (cron). */
export const STALE_INTEGRATIONS_QUEUE = 'stale-integrations-sweep';
/** Delivers an endpoint's due webhook deliveries (`{ endpointId }`); at most one waiting job per key. */
export const WEBHOOK_DRAIN_QUEUE = 'webhook-drain';
/** Deletes finished webhook outbox rows past their retention, in batches (cron). */
export const WEBHOOK_RETENTION_QUEUE = 'webhook-outbox-retention';
/** Deletes request log entries older than each environment's retention (cron). */
export const REQUEST_LOG_RETENTION_QUEUE = 'request-log-retention';
/** The embedded store's autovacuum: vacuums and analyzes the tables that need it (cron; embedded store only). */
export const STORE_MAINTENANCE_QUEUE = 'embedded-store-maintenance';
/** The key of its job (one waiting at a time). */
export const STORE_MAINTENANCE_KEY = 'maintenance';

/**
 * Every queue of Plugboard and how it treats its jobs. A sync whose worker dies is re-run (the sweep
 * fails its job and sends a new one at once); a sync that fails for a reason of the store is retried
 * with backoff; a failing remote is recorded as a FAILED run, not retried (the next schedule is).
 */
export const JOB_QUEUES: Record<string, QueueDefinition> = {
  [SYNC_QUEUE]: { policy: 'singleton', retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 4 * 60 * 60 },
  [SYNC_SCHEDULE_QUEUE]: { retryLimit: 1, expireInSeconds: 10 * 60 },
  [STALE_INTEGRATIONS_QUEUE]: { retryLimit: 1, expireInSeconds: 10 * 60 },
  [WEBHOOK_DRAIN_QUEUE]: { policy: 'short', retryLimit: 10, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 2 * 60 },
  [WEBHOOK_RETENTION_QUEUE]: { retryLimit: 1, expireInSeconds: 10 * 60 },
  [REQUEST_LOG_RETENTION_QUEUE]: { retryLimit: 1, expireInSeconds: 30 * 60 },
  [STORE_MAINTENANCE_QUEUE]: { policy: 'short', retryLimit: 1, expireInSeconds: 30 * 60 },
};
