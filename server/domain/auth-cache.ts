import type { EnvironmentKind } from '../store/schema.ts';
import { BoundedMap } from './bounded-map.ts';

/** What authentication needs to know about a key, as last read from the store. */
export interface CachedKey {
  keyId: string;
  keyHash: string;
  tenantId: string;
  environmentId: string;
  environment: EnvironmentKind;
  expiresAt: Date | null;
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  ipAllowlist: string[];
}

/** Bounds memory: past this many keys the oldest entry is dropped. @default 10000 */
const MAX_ENTRIES = 10_000;

/**
 * Key states cached in this process. Only sound when this process is the store's sole writer, which
 * is exactly the embedded store's case (its data directory is locked to one process): every key
 * mutation goes through the domain functions, which clear the cache in the same process. With
 * PostgreSQL (several instances) no cache is used and every request reads the database.
 */
export class AuthCache {
  readonly #entries = new BoundedMap<string, CachedKey>(MAX_ENTRIES);

  get(hash: string): CachedKey | undefined {
    return this.#entries.get(hash);
  }

  set(hash: string, entry: CachedKey): void {
    this.#entries.set(hash, entry);
  }

  /** Drops every entry; called after any change to any key. */
  clear(): void {
    this.#entries.clear();
  }
}
