import type { SyncView } from '../shared/api-types.ts';
import type { ApiSyncStatus, PlugboardClient } from './plugboard-client.ts';

/**
 * Asks Plugboard for syncs and remembers the last one per integration (so a reload still says what
 * happened). `POST /v1/force-sync` answers at once with the sync's ID; the Kombo API has no endpoint that
 * reports when a sync finished (Kombo announces that with webhooks), so the state comes from Plugboard's
 * `GET /v1/force-sync/{sync_id}` extension (`PlugboardClient.syncStatus`).
 */
export class SyncTracker {
  readonly #client: PlugboardClient;
  readonly #now: () => Date;
  readonly #syncs = new Map<string, SyncView>();

  constructor(client: PlugboardClient, now: () => Date = () => new Date()) {
    this.#client = client;
    this.#now = now;
  }

  /** Requests a full sync (Plugboard runs at most one per integration at a time) and reads its state. */
  async request(integrationId: string): Promise<SyncView> {
    const requestedAt = this.#now().toISOString();
    const { syncId, alreadyQueued } = await this.#client.triggerSync(integrationId);
    const queued: SyncView = { syncId, alreadyQueued, requestedAt, state: 'QUEUED', finishedAt: null, durationMs: null, error: null };
    this.#syncs.set(integrationId, queued);
    return this.#refresh(integrationId, queued);
  }

  /** The last sync requested through the demo with its current state, or null if there is none. */
  async current(integrationId: string): Promise<SyncView | null> {
    const last = this.#syncs.get(integrationId);
    if (!last || last.state === 'SUCCEEDED' || last.state === 'FAILED') return last ?? null;
    return this.#refresh(integrationId, last);
  }

  /** The last sync requested through the demo as last seen, if any (no call to Plugboard). */
  last(integrationId: string): SyncView | null {
    return this.#syncs.get(integrationId) ?? null;
  }

  forget(integrationId: string): void {
    this.#syncs.delete(integrationId);
  }

  async #refresh(integrationId: string, view: SyncView): Promise<SyncView> {
    const status: ApiSyncStatus = await this.#client.syncStatus(integrationId, view.syncId);
    const next: SyncView = { ...view, state: status.state, finishedAt: status.finished_at, durationMs: status.duration_ms, error: status.error };
    // Only if nothing newer was requested meanwhile.
    if (this.#syncs.get(integrationId)?.syncId === view.syncId) this.#syncs.set(integrationId, next);
    return next;
  }
}
