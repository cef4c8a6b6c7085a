import type { SyncStatus } from '../../../domain/sync/sync-status.ts';

/** `GET /v1/force-sync/{sync_id}` data (Plugboard extension): date-times as ISO strings or null. */
export function toApiSyncStatus(s: SyncStatus) {
  return {
    sync_id: s.syncId,
    type: s.type,
    state: s.state,
    queued_at: s.queuedAt.toISOString(),
    started_at: s.startedAt?.toISOString() ?? null,
    finished_at: s.finishedAt?.toISOString() ?? null,
    duration_ms: s.durationMs,
    error: s.error,
  };
}
