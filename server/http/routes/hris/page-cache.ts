/** @default 32 MiB */
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Recently answered HRIS pages as response bytes, each valid for one data version of its integration
 * (every committed sync bumps it, in any process). Least recently used pages go first when full.
 */
export class PageCache {
  private readonly entries = new Map<string, { version: number; body: Buffer }>();
  private bytes = 0;

  constructor(private readonly maxBytes = PAGE_CACHE_BYTES) {}

  /** The cache key of a request: integration, endpoint and the query parameters in a canonical order. */
  static key(integrationId: string, endpoint: string, query: Record<string, unknown>): string {
    const params = Object.keys(query).sort().map((k) => [k, query[k]]);
    return `${integrationId}\u0000${endpoint}\u0000${JSON.stringify(params)}`;
  }

  get(key: string, version: number): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, version: number, body: Buffer): void {
    if (body.length > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    for (const [k, e] of this.entries) {
      if (this.bytes + body.length <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
    this.entries.set(key, { version, body });
    this.bytes += body.length;
  }
}
