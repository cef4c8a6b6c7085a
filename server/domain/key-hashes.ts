import { BoundedMap } from './bounded-map.ts';
import { keyedHash } from './secrets.ts';

/** Bounds memory: past this many keys the oldest entry is dropped. @default 10000 */
const MAX_ENTRIES = 10_000;

/**
 * The keyed hashes of the API keys that authenticated lately in this process. A key's hash never
 * changes (it depends on the key and the server secret only), so remembering it is sound on every
 * store and for every instance; only the key's state is read again (or cached, see AuthCache). An
 * HMAC per request cost about 15 µs of the API's event loop, a twentieth of a small request.
 * Only keys that authenticated are remembered: a stream of made-up keys cannot push them out.
 */
export class KeyHashes {
  readonly #secret: Buffer;
  readonly #entries = new BoundedMap<string, string>(MAX_ENTRIES);

  constructor(secret: Buffer) {
    this.#secret = secret;
  }

  /** The keyed hash of `presented`, remembered or computed. */
  of(presented: string): string {
    return this.#entries.get(presented) ?? keyedHash(this.#secret, presented);
  }

  /** Remembers the hash of a key that authenticated. */
  remember(presented: string, hash: string): void {
    if (!this.#entries.has(presented)) this.#entries.set(presented, hash);
  }
}
