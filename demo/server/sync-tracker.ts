import type { SyncView } from '../shared/api-types.ts';
import type { PlugboardClient } from './plugboard-client.ts';

/**
 * Asks Plugboard for syncs and remembers the last one per integration (so a reload still says what
 * happened). The Kombo API answers a sync request at once with the sync's ID and whether one was
 * already queued or running; it has no endpoint that reports when a sync finished (Kombo announces that
 * with webhooks), so this tracks requests, not completion.
 */
export class SyncTracker {
  readonly #client: PlugboardClient;
  readonly #now: () => Date;
  readonly #syncs = new Map<string, SyncView>();

  constructor(client: PlugboardClient, now: () => Date = () => new Date()) {
    this.#client = client;
    this.#now = now;
  }

  /** Requests a full sync; Plugboard runs at most one per integration at a time. */
  async request(integrationId: string): Promise<SyncView> {
    const requestedAt = this.#now().toISOString();
    const { syncId, alreadyQueued } = await this.#client.triggerSync(integrationId);
    const view: SyncView = { syncId, alreadyQueued, requestedAt };
    this.#syncs.set(integrationId, view);
    return view;
  }

  /** The last sync requested through the demo, if any. */
  last(integrationId: string): SyncView | null {
    return this.#syncs.get(integrationId) ?? null;
  }

  forget(integrationId: string): void {
    this.#syncs.delete(integrationId);
  }
}
