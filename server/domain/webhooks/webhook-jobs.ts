import { listEndpointIdsWithUnfinished } from '../../store/queries/webhooks.ts';
import type { Job } from '../jobs/job-queue.ts';
import { WEBHOOK_DRAIN_QUEUE, WEBHOOK_RETENTION_QUEUE } from '../jobs/queues.ts';
import type { WebhookTransport } from './delivery.ts';
import { type DrainDeps, type DrainJob, type DrainOptions, drainEndpoint, queueDrain } from './drain-endpoint.ts';
import { httpTransport } from './http-transport.ts';
import { deleteExpiredOutboxRows } from './outbox-retention.ts';

/** Where the workers report (ids and counts only). */
export interface WebhookWorkerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WebhookWorkerOptions extends DrainOptions {
  /** Endpoints drained at once by this process: a slow or dead endpoint holds one of them. @default 8 */
  concurrency?: number;
  /** Seconds between polls of the drain queue while it is empty. @default 0.5 */
  pollingIntervalSeconds?: number;
  /**
   * At start, queue a drain for every endpoint with unfinished deliveries (all, or those of the given
   * environments): deliveries a stopped process left mid-attempt, or re-queued without a job. @default true
   */
  resumeOnStart?: boolean | { environmentIds: string[] };
  /** Cron (UTC) of the outbox retention sweep; null: none in this process. @default hourly */
  retentionCron?: string | null;
}

/** What the webhook workers need; without a `transport` they deliver over HTTP (httpTransport). */
export type WebhookWorkerDeps = Omit<DrainDeps, 'transport' | 'logger'> & { transport?: WebhookTransport; logger?: WebhookWorkerLogger };

/**
 * Delivers webhooks in this process through the job queue: drain jobs (queued in the transaction that
 * writes an event, and by drains for their retries) and the hourly outbox retention sweep. Resolves
 * with the function that stops taking jobs and waits for the drains in flight.
 */
export async function startWebhookWorkers(given: WebhookWorkerDeps, options: WebhookWorkerOptions = {}): Promise<() => Promise<void>> {
  const own = given.transport ? undefined : httpTransport();
  const deps: DrainDeps = { ...given, transport: given.transport ?? own! };
  // The queue's stop does not wait for running handlers: the drains in flight are awaited here.
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const drain = (job: Job<DrainJob>) => {
    const run = drainEndpoint(deps, job.data.endpointId, { ...options, signal: stopping.signal });
    inFlight.add(run);
    return run.finally(() => inFlight.delete(run));
  };
  const stopDrains = await deps.jobs.work<DrainJob>(WEBHOOK_DRAIN_QUEUE, drain, {
    concurrency: options.concurrency ?? 8,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
  });
  const stopRetention = await deps.jobs.work(WEBHOOK_RETENTION_QUEUE, async () => {
    const deleted = await deleteExpiredOutboxRows(deps);
    if (deleted) given.logger?.info({ events: deleted }, 'webhook outbox events past their retention deleted');
  });
  const cron = options.retentionCron === undefined ? '41 * * * *' : options.retentionCron;
  if (cron) await deps.jobs.schedule(WEBHOOK_RETENTION_QUEUE, cron);
  const resume = options.resumeOnStart ?? true;
  if (resume) {
    const endpointIds = await listEndpointIdsWithUnfinished(deps.db, resume === true ? {} : { environmentIds: resume.environmentIds });
    for (const endpointId of endpointIds) await queueDrain(deps.jobs, endpointId);
  }
  return async () => {
    await stopRetention();
    await stopDrains();
    stopping.abort();
    await Promise.allSettled(inFlight);
    own?.close();
  };
}
