import type { AppDeps } from '../deps.ts';
import { REQUEST_LOG_RETENTION_QUEUE } from '../domain/jobs/queues.ts';
import { pruneRequestLogs } from '../domain/request-logs/log-retention.ts';

/** When the retention job runs: hourly, off the hour the stale sweep takes. */
export const LOG_RETENTION_CRON = '41 * * * *';

/** The request log's retention job: hourly, deletes each environment's entries older than its retention. Resolves with its stop. */
export async function startLogRetentionWorker(deps: AppDeps): Promise<() => Promise<void>> {
  const stop = await deps.jobs.work(REQUEST_LOG_RETENTION_QUEUE, async () => {
    const deleted = await pruneRequestLogs(deps);
    if (deleted) deps.logger.info({ deleted }, 'request log entries past their retention deleted');
  });
  await deps.jobs.schedule(REQUEST_LOG_RETENTION_QUEUE, LOG_RETENTION_CRON);
  return stop;
}
