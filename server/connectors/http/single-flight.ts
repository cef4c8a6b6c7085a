import type { ExpiringToken } from '../token-store.ts';

export type { ExpiringToken, TokenStore } from '../token-store.ts';

/** Where one keeper loads its token from and saves refreshed ones to. */
export interface TokenPersistence {
  load(): Promise<ExpiringToken | null>;
  save(token: ExpiringToken): Promise<void>;
}

/**
 * Holds one integration's short-lived token and refreshes it shortly before it expires, once even when
 * many callers need it at the same moment: concurrent callers share the one refresh in flight.
 */
export class TokenKeeper {
  private current: ExpiringToken | null;
  private refreshing: Promise<ExpiringToken> | null = null;

  constructor(
    private readonly refresh: () => Promise<ExpiringToken>,
    options: { initial?: ExpiringToken | null; marginMs?: number; now?: () => number; persistence?: TokenPersistence } = {},
  ) {
    this.current = options.initial ?? null;
    this.persistence = options.persistence;
    this.marginMs = options.marginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private readonly marginMs: number;
  private readonly persistence: TokenPersistence | undefined;
  private loaded = false;
  private readonly now: () => number;

  /** A token valid for at least the margin, refreshing first when needed. */
  async token(): Promise<string> {
    const current = this.current;
    if (current && current.expiresAt - this.marginMs > this.now()) return current.value;
    return (await this.renew()).value;
  }

  /** The stored token on first use when it is still good for the margin; otherwise a new one, saved. */
  private async loadOrRefresh(): Promise<ExpiringToken> {
    if (!this.loaded && this.persistence) {
      this.loaded = true;
      const stored = await this.persistence.load();
      if (stored && stored.expiresAt - this.marginMs > this.now()) return stored;
    }
    this.loaded = true;
    const token = await this.refresh();
    await this.persistence?.save(token);
    return token;
  }

  /** Drops `rejected` (the tool answered 401 with it) so the next call refreshes; a newer token is kept. */
  invalidate(rejected: string): void {
    this.invalidateWhere((value) => value === rejected);
  }

  /** Drops the current token when `matches` says it is the rejected one. */
  invalidateWhere(matches: (value: string) => boolean): void {
    if (this.current && matches(this.current.value)) this.current = null;
  }

  private renew(): Promise<ExpiringToken> {
    this.refreshing ??= this.loadOrRefresh()
      .then((token) => {
        this.current = token;
        return token;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}
