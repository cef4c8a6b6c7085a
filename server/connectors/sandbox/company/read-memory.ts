import { hash } from 'node:crypto';
import type { HrisModel, ModelDelta } from '../../data-source.ts';
import type { HrisSnapshot } from '../../unified-hris.ts';

/** A fingerprint per record of one read: model → remote ID → digest of the unified record. */
type Fingerprints = Map<HrisModel, Map<string, string>>;

/** Options of a ReadMemory. */
export interface ReadMemoryOptions {
  /** Integrations remembered at most. @default 8 */
  maxIntegrations?: number;
  /** Reads remembered per integration. @default 3 */
  maxReads?: number;
}

const fingerprint = (record: unknown) => hash('sha1', JSON.stringify(record), 'base64');

/**
 * What the Sandbox last returned to each integration's syncs (a digest per record, a few MB for a
 * 10,000-employee company), so a DELTA read can name exactly the records that differ from what the last
 * successful sync stored. That sync read at a time `>= since` (its run started at `since`, then read),
 * and every later read of the integration happened after it, so the earliest remembered read at or after
 * `since` is the one whose result is stored. Without one (another process synced, or the server restarted)
 * the read is complete, as on FULL.
 */
export class ReadMemory {
  #reads = new Map<string, { at: number; prints: Fingerprints }[]>();
  #maxIntegrations: number;
  #maxReads: number;

  constructor(options: ReadMemoryOptions = {}) {
    this.#maxIntegrations = options.maxIntegrations ?? 8;
    this.#maxReads = options.maxReads ?? 3;
  }

  /**
   * Remembers the read of `key` at `at` and, when a read at or after `since` is remembered, returns the
   * changes since it (one delta per model, also empty ones); null when the read must be complete.
   */
  diff(key: string, at: Date, since: Date | null, snapshot: HrisSnapshot): ModelDelta[] | null {
    const prints: Fingerprints = new Map();
    for (const model of Object.keys(snapshot) as HrisModel[]) {
      const byId = new Map<string, string>();
      for (const record of snapshot[model] as { remoteId: string }[]) byId.set(record.remoteId, fingerprint(record));
      prints.set(model, byId);
    }
    const reads = (this.#reads.get(key) ?? []).filter((r) => since !== null && r.at >= since.getTime() && r.at <= at.getTime());
    const base = reads.length > 0 ? reads.reduce((a, b) => (b.at < a.at ? b : a)) : null;
    this.#remember(key, at.getTime(), since, prints);
    if (!base) return null;
    const deltas: ModelDelta[] = [];
    for (const model of Object.keys(snapshot) as HrisModel[]) {
      const before = base.prints.get(model) ?? new Map<string, string>();
      const now = prints.get(model)!;
      const changed = (snapshot[model] as { remoteId: string }[]).filter((r) => before.get(r.remoteId) !== now.get(r.remoteId));
      const deletedRemoteIds = [...before.keys()].filter((id) => !now.has(id));
      deltas.push({ model, changed, deletedRemoteIds } as unknown as ModelDelta);
    }
    return deltas;
  }

  #remember(key: string, at: number, since: Date | null, prints: Fingerprints): void {
    // Reads older than `since` can never be a base again: `since` only moves forward.
    const kept = (this.#reads.get(key) ?? []).filter((r) => since === null || r.at >= since.getTime());
    kept.push({ at, prints });
    this.#reads.delete(key);
    this.#reads.set(key, kept.slice(-this.#maxReads));
    for (const oldest of this.#reads.keys()) {
      if (this.#reads.size <= this.#maxIntegrations) break;
      this.#reads.delete(oldest);
    }
  }
}

/** The process's memory of Sandbox reads. */
export const sandboxReads = new ReadMemory();
