/** Why a call to a remote HR tool failed: the one taxonomy every connector reports through. */
export type RemoteErrorKind =
  | 'credentials_rejected'
  | 'permission_missing'
  | 'rate_limited'
  | 'remote_unavailable'
  | 'bad_data';

/** A failure of the remote tool, typed so the sync engine and the flow can decide what to do with it. */
export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    /** `retryAfterMs` for rate_limited; `model` for permission_missing and bad_data; `status` when HTTP. */
    readonly details: { retryAfterMs?: number; model?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
