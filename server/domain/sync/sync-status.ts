import { findIntegrationRun, type SyncRunRow } from '../../store/queries/hris-sync-runs.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { SyncType } from './queue.ts';

export type SyncState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One sync as `GET /v1/force-sync/{sync_id}` (a Plugboard extension) reports it. */
export interface SyncStatus {
  syncId: string;
  type: SyncType;
  state: SyncState;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Why a failed sync failed: one line, bounded, never a stack. */
  error: string | null;
}

/** Longest failure message the API hands out (the full one stays in the server log). @default 500 */
const MAX_ERROR_CHARS = 500;

const STATES: Record<SyncRunRow['status'], SyncState> = { QUEUED: 'QUEUED', RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' };

/** A stored failure message reduced to what a vendor may see: its first line, bounded. */
export function safeSyncError(error: string | null): string {
  const line = (error ?? '').split('\n', 1)[0]!.trim();
  if (!line) return 'The sync failed.';
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}

/**
 * The state of one of the integration's syncs. A sync of another integration (and so of another
 * environment or tenant) is answered exactly like an unknown ID, so IDs cannot be probed.
 */
export async function getSyncStatus(deps: DomainDeps, integrationId: string, syncId: string): Promise<SyncStatus> {
  const run = await findIntegrationRun(deps.db, integrationId, syncId);
  // The general error set has no "not found" code for syncs: INPUT_INVALID with HTTP's 404.
  if (!run) throw new AppError('PLATFORM.INPUT_INVALID', `No sync '${syncId}' for this integration.`, {}, 404);
  const state = STATES[run.status];
  return {
    syncId: run.id,
    type: run.type,
    state,
    queuedAt: run.queued_at,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    durationMs: run.duration_ms,
    error: state === 'FAILED' ? safeSyncError(run.error) : null,
  };
}
