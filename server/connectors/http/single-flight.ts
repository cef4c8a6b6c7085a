/** A credential with an expiry, such as an OAuth access token or a Personio bearer token. */
export interface ExpiringToken {
  value: string;
  /** Epoch milliseconds after which the tool no longer accepts it. */
  expiresAt: number;
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
    options: { initial?: ExpiringToken | null; marginMs?: number; now?: () => number } = {},
  ) {
    this.current = options.initial ?? null;
    this.marginMs = options.marginMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private readonly marginMs: number;
  private readonly now: () => number;

  /** A token valid for at least the margin, refreshing first when needed. */
  async token(): Promise<string> {
    const current = this.current;
    if (current && current.expiresAt - this.marginMs > this.now()) return current.value;
    return (await this.renew()).value;
  }

  /** Drops `rejected` (the tool answered 401 with it) so the next call refreshes; a newer token is kept. */
  invalidate(rejected: string): void {
    if (this.current?.value === rejected) this.current = null;
  }

  private renew(): Promise<ExpiringToken> {
    this.refreshing ??= this.refresh()
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
