import crypto from 'node:crypto';
import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import type { ConnectorRuntime } from '../http/runtime.ts';
import { type ExpiringToken, TokenKeeper } from '../http/single-flight.ts';
import { toolUrl } from '../http/tool-origin.ts';
import { RemoteError } from '../remote-error.ts';

export const FACTORIAL_ORIGIN = 'https://api.factorialhr.com';
/** The pinned API version (quarterly versions live about a year [docs]). */
export const FACTORIAL_API = `${FACTORIAL_ORIGIN}/api/2026-04-01/resources`;

/** An access and refresh token pair as Factorial's token endpoint answers it. */
interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/** Calls `/oauth/token` (authorization code or refresh) and reads the Doorkeeper-style answer [docs/inf]. */
export async function requestTokens(http: HttpClient, form: Record<string, string>): Promise<TokenPair & { expiresAt: number }> {
  const res = await http.request<{ access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; created_at?: unknown }>({
    method: 'POST',
    url: `${FACTORIAL_ORIGIN}/oauth/token`,
    form,
    anonymous: true,
    raw: true,
    retry: false,
  });
  // invalid_grant (400) on refresh means the customer has to authorise again; 401 is invalid_client [inf].
  if (res.status === 400 || res.status === 401) throw new RemoteError('credentials_rejected', 'Factorial rejected the grant.', { status: res.status });
  if (res.status >= 500) throw new RemoteError('remote_unavailable', `Factorial's token endpoint answered HTTP ${res.status}.`, { status: res.status });
  const d = res.data;
  if (res.status !== 200 || typeof d?.access_token !== 'string' || typeof d.refresh_token !== 'string') {
    throw new RemoteError('bad_data', 'Factorial answered no token pair.', { status: res.status });
  }
  // Lifetimes differ between Factorial's docs (1 h, 2 h, a week): only `expires_in` is trusted [docs].
  const seconds = typeof d.expires_in === 'number' ? d.expires_in : 3600;
  const created = typeof d.created_at === 'number' ? d.created_at * 1000 : Date.now();
  return { access_token: d.access_token, refresh_token: d.refresh_token, expiresAt: created + seconds * 1000 };
}

/** The authorization page for the flow's popup (TOOL_ORIGIN_FACTORIAL applied). */
export function factorialAuthorizationUrl(params: { clientId: string; redirectUri: string; state: string; codeChallenge: string }, runtime: ConnectorRuntime): string {
  const url = new URL(toolUrl('factorial', `${FACTORIAL_ORIGIN}/oauth/authorize`, runtime.options.origins));
  url.search = new URLSearchParams({
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: 'code',
    scope: 'read',
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * A Factorial client for one integration. Credentials hold the first token pair (from the callback)
 * and the OAuth client. Refresh tokens ROTATE [docs]: each refreshed pair is saved (sealed) before its
 * access token is used, and later reads start from the newest saved pair; refreshes are single-flight,
 * so concurrent jobs never spend the same refresh token twice (the keeper lives in the runtime).
 */
export function factorialClient(runtime: ConnectorRuntime, integrationId: string | null, credentials: Readonly<Record<string, string>>, signal?: AbortSignal): HttpClient {
  const fingerprint = crypto.createHash('sha256').update(credentials.refresh_token ?? '').digest('base64url');
  const cacheKey = integrationId === null ? null : `${integrationId}\u0000${fingerprint}`;
  let keeper: TokenKeeper | undefined;
  const http: HttpClient = createHttpClient({
    tool: 'factorial',
    integrationId,
    runtime,
    headers: { accept: 'application/json' },
    signal,
    auth: {
      headers: async () => ({ authorization: `Bearer ${(JSON.parse(await keeper!.token()) as TokenPair).access_token}` }),
      renew: async (rejected) => {
        const access = rejected.authorization?.replace(/^Bearer /, '') ?? '';
        keeper!.invalidateWhere((value) => (JSON.parse(value) as TokenPair).access_token === access);
        return true;
      },
    },
  });
  const create = () => {
    let latest: TokenPair = { access_token: credentials.access_token ?? '', refresh_token: credentials.refresh_token ?? '' };
    const store = runtime.options.tokenStore;
    const initial: ExpiringToken = { value: JSON.stringify(latest), expiresAt: Number(credentials.expires_at) || 0 };
    return new TokenKeeper(
      async () => {
        const next = await requestTokens(http, {
          grant_type: 'refresh_token',
          refresh_token: latest.refresh_token,
          client_id: credentials.client_id ?? '',
          client_secret: credentials.client_secret ?? '',
        });
        latest = { access_token: next.access_token, refresh_token: next.refresh_token };
        return { value: JSON.stringify(latest), expiresAt: next.expiresAt };
      },
      {
        // With a store, the newest saved pair wins over the first one in the credentials (it may have rotated).
        initial: store && integrationId !== null ? null : initial,
        marginMs: 5 * 60_000,
        persistence:
          store && integrationId !== null
            ? {
                load: async () => {
                  const stored = await store.load(integrationId, 'factorial-oauth', fingerprint);
                  if (stored) latest = JSON.parse(stored.value) as TokenPair;
                  return stored ?? initial;
                },
                save: (t) => store.save(integrationId, 'factorial-oauth', fingerprint, t),
              }
            : undefined,
      },
    );
  };
  keeper = cacheKey ? runtime.keeperFor(`factorial\u0000${cacheKey}`, create) : create();
  return http;
}
