import crypto from 'node:crypto';
import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import type { ConnectorRuntime } from '../http/runtime.ts';
import { type ExpiringToken, TokenKeeper } from '../http/single-flight.ts';
import { RemoteError } from '../remote-error.ts';

export const PERSONIO_ORIGIN = 'https://api.personio.de';

/** Exchanges the client credentials for a bearer token (`POST /v2/auth/token`, notes §1.2). */
async function fetchToken(http: HttpClient, credentials: Readonly<Record<string, string>>): Promise<ExpiringToken> {
  const response = await http.request<{ access_token?: unknown; expires_in?: unknown }>({
    method: 'POST',
    url: `${PERSONIO_ORIGIN}/v2/auth/token`,
    form: { grant_type: 'client_credentials', client_id: credentials.client_id ?? '', client_secret: credentials.client_secret ?? '' },
    anonymous: true,
    raw: true,
  });
  // The token endpoint answers 400 invalid_client (problem+json) for wrong credentials; 401 is treated alike [spec/3p].
  if (response.status === 400 || response.status === 401) throw new RemoteError('credentials_rejected', 'Personio rejected the client credentials.', { status: response.status });
  if (response.status >= 500) throw new RemoteError('remote_unavailable', `Personio's token endpoint answered HTTP ${response.status}.`, { status: response.status });
  const token = response.data?.access_token;
  if (response.status !== 200 || typeof token !== 'string') throw new RemoteError('bad_data', 'Personio answered no access token.', { status: response.status });
  const seconds = typeof response.data?.expires_in === 'number' ? response.data.expires_in : 86_400;
  return { value: token, expiresAt: Date.now() + seconds * 1000 };
}

/**
 * A Personio client for one integration (null: a credential check): bearer tokens from the client
 * credentials, fetched once for all concurrent callers, renewed 5 minutes before expiry and once on a 401.
 * One token keeper per integration and credential pair lives in the runtime, so every job of an
 * integration shares its token and a relink with new credentials starts afresh. With a token store
 * (the server has one) tokens are also kept sealed in the database, so a restart reuses them.
 */
export function personioClient(runtime: ConnectorRuntime, integrationId: string | null, credentials: Readonly<Record<string, string>>, signal?: AbortSignal): HttpClient {
  const fingerprint = crypto.createHash('sha256').update(`${credentials.client_id}\u0000${credentials.client_secret}`).digest('base64url');
  const cacheKey = integrationId === null ? null : `${integrationId}\u0000${fingerprint}`;
  let keeper: TokenKeeper | undefined;
  const http: HttpClient = createHttpClient({
    tool: 'personio',
    integrationId,
    runtime,
    headers: { accept: 'application/json' },
    signal,
    auth: {
      headers: async () => ({ authorization: `Bearer ${await keeper!.token()}` }),
      renew: async (rejected) => {
        keeper!.invalidate(rejected.authorization?.replace(/^Bearer /, '') ?? '');
        return true;
      },
    },
  });
  const create = () => {
    const store = runtime.options.tokenStore;
    const persistence =
      store && integrationId !== null
        ? { load: () => store.load(integrationId, 'personio-bearer', fingerprint), save: (t: ExpiringToken) => store.save(integrationId, 'personio-bearer', fingerprint, t) }
        : undefined;
    return new TokenKeeper(() => fetchToken(http, credentials), { marginMs: 5 * 60_000, persistence });
  };
  keeper = cacheKey ? runtime.keeperFor(`personio\u0000${cacheKey}`, create) : create();
  return http;
}
