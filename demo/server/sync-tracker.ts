import type { SyncView } from '../shared/api-types.ts';
import type { PlugboardClient } from './plugboard-client.ts';

/** A sync still running after this long is reported as failed (the page stops waiting). @default 120000 */
export const SYNC_GIVE_UP_MS = 120_000;

/**
 * Remembers the sync the user asked for per integration and reports its progress. Finishing is
 * observed through the public API only (see `PlugboardClient.syncState`); when a sync finishes,
 * `onFinished` lets the backend drop what it cached of the old data.
 */
export class SyncTracker {
  readonly #client: PlugboardClient;
  readonly #onFinished: (integrationId: string) => void;
  readonly #now: () => Date;
  readonly #syncs = new Map<string, SyncView>();

  constructor(client: PlugboardClient, onFinished: (integrationId: string) => void, now: () => Date = () => new Date()) {
    this.#client = client;
    this.#onFinished = onFinished;
    this.#now = now;
  }

  /** Asks Plugboard for a sync; a sync already queued or running is tracked instead of a second one. */
  async start(integrationId: string): Promise<SyncView> {
    const requestedAt = this.#now();
    const { syncId } = await this.#client.triggerSync(integrationId);
    const current = this.#syncs.get(integrationId);
    const view: SyncView =
      current?.syncId === syncId
        ? current
        : { syncId, state: 'running', requestedAt: requestedAt.toISOString(), finishedAt: null, message: null };
    this.#syncs.set(integrationId, view);
    return this.status(integrationId) as Promise<SyncView>;
  }

  /** The latest sync asked for (probing Plugboard while it runs), or null if none was. */
  async status(integrationId: string): Promise<SyncView | null> {
    const view = this.#syncs.get(integrationId);
    if (!view || view.state !== 'running') return view ?? null;
    const probe = await this.#client.syncState(integrationId, view.syncId);
    const now = this.#now();
    let next: SyncView = view;
    if (probe.state !== 'running') {
      next = { ...view, state: probe.state, finishedAt: now.toISOString(), message: probe.message };
    } else if (now.getTime() - Date.parse(view.requestedAt) > SYNC_GIVE_UP_MS) {
      next = { ...view, state: 'failed', finishedAt: now.toISOString(), message: 'The sync is taking unusually long. Try again later.' };
    }
    if (next !== view) {
      this.#syncs.set(integrationId, next);
      this.#onFinished(integrationId);
    }
    return next;
  }

  forget(integrationId: string): void {
    this.#syncs.delete(integrationId);
  }
}
