import type { IntegrationDetails } from '../../../domain/integration-details.ts';
import type { IntegrationPage } from '../../../domain/integration-search.ts';
import type { SyncRequestResult } from '../../../domain/sync/queue.ts';
import type { SyncRunRow } from '../../../store/queries/hris-sync-runs.ts';
import { toApiConsoleIntegration } from './console.mappers.ts';

/** A page of the integrations list. */
export function toApiIntegrationPage(p: IntegrationPage) {
  return { results: p.results.map(toApiConsoleIntegration), next: p.next, total: p.total, tools: p.tools };
}

/** One sync run of the history: `counts` holds the records per model (created, updated, deleted, unchanged). */
export function toApiConsoleSyncRun(r: SyncRunRow) {
  return {
    id: r.id,
    type: r.type,
    trigger: r.trigger,
    state: r.status,
    queued_at: r.queued_at.toISOString(),
    started_at: r.started_at?.toISOString() ?? null,
    finished_at: r.finished_at?.toISOString() ?? null,
    duration_ms: r.duration_ms,
    counts: r.counts,
    error: r.error,
  };
}

/** The details page: the integration and its recent runs, newest first. */
export function toApiIntegrationDetails(d: IntegrationDetails) {
  return { integration: toApiConsoleIntegration(d.integration), sync_runs: d.runs.map(toApiConsoleSyncRun) };
}

/** The answer of a forced sync. */
export function toApiForcedSync(r: SyncRequestResult) {
  return { sync_id: r.syncId, already_queued: r.alreadyQueued, type: r.type };
}
