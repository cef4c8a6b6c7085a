/** A credential with an expiry, such as an OAuth access token or a Personio bearer token. */
export interface ExpiringToken {
  value: string;
  /** Epoch milliseconds after which the tool no longer accepts it. */
  expiresAt: number;
}

/** Durable storage of connector tokens (sealed by the domain); connectors never see how. */
export interface TokenStore {
  load(integrationId: string, purpose: string, fingerprint: string): Promise<ExpiringToken | null>;
  save(integrationId: string, purpose: string, fingerprint: string, token: ExpiringToken): Promise<void>;
}
