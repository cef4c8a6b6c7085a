import crypto from 'node:crypto';
import { RemoteError } from '../connectors/remote-error.ts';
import { openCredentials, sealCredentials } from './credentials-crypto.ts';
import type { DomainDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';
import { type ConnectResult, saveConnection } from './links-connect.ts';
import { resolveLink, resolveLinkById, toolsForLink } from './links-session.ts';
import { loadOAuthClient } from './oauth-clients.ts';
import { keyedHash } from './secrets.ts';

/** How long the end user has between "Connect with <tool>" and the tool's redirect back. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const stateHashOf = (secret: Buffer, state: string) => keyedHash(secret, `oauth-state:${state}`);
const random = () => crypto.randomBytes(32).toString('base64url');

/** The callback URL the tool redirects to, at Plugboard's own origin. */
export const oauthCallbackUrl = (publicUrl: string) => `${publicUrl}/flow/v1/oauth/callback`;

/**
 * Starts an OAuth connection for a link: a fresh `state` (stored only as a keyed hash, bound to the
 * link and tool, single use, 10 minutes) and a PKCE verifier (sealed), and the tool's authorization URL
 * carrying the operator's client id, the state and the S256 challenge.
 */
export async function startOAuth(deps: DomainDeps, linkToken: string | undefined, tool: string, publicUrl: string): Promise<{ authorizationUrl: string }> {
  const link = await resolveLink(deps, linkToken);
  const connector = (await toolsForLink(deps, link)).find((c) => c.tool.id === tool);
  if (!connector) throw inputInvalid(`Tool '${tool}' is not offered by this connection link.`);
  if (!connector.oauth) throw inputInvalid(`Tool '${tool}' does not connect through OAuth.`);
  const client = await loadOAuthClient(deps, link.environmentId, tool);
  if (!client) throw inputInvalid(`${connector.tool.label} is not set up for this environment yet: the operator has to configure its OAuth client.`);
  // Housekeeping: authorizations nobody finished are useless once expired.
  await deps.db.deleteFrom('oauth_states').where('expires_at', '<=', deps.clock()).execute();
  const state = random();
  const verifier = random();
  const stateHash = stateHashOf(deps.secret, state);
  const sealed = sealCredentials(deps.secret, stateHash, { verifier });
  await deps.db
    .insertInto('oauth_states')
    .values({
      state_hash: stateHash, link_id: link.id, tool, key_id: sealed.keyId, verifier_ciphertext: sealed.ciphertext,
      expires_at: new Date(deps.clock().getTime() + OAUTH_STATE_TTL_MS), used_at: null,
    })
    .execute();
  const codeChallenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { authorizationUrl: connector.oauth.authorizationUrl({ clientId: client.clientId, redirectUri: oauthCallbackUrl(publicUrl), state, codeChallenge }, deps.connectorRuntime) };
}

/** How an OAuth callback ended, for the page that reports it to the flow. */
export type OAuthOutcome =
  | Extract<ConnectResult, { outcome: 'connected' }>
  | { outcome: 'denied' | 'failed'; message: string };

const FAILED = 'The connection could not be completed. Close this window and try again.';

/**
 * Finishes an OAuth connection at the callback: takes the state (unknown, expired or used: failed),
 * reports a denied consent, otherwise exchanges the code with the PKCE verifier and the operator's
 * client and stores the connection for the state's link, as a credential form would.
 */
export async function finishOAuth(
  deps: DomainDeps,
  query: { code?: string; state?: string; error?: string },
  publicUrl: string,
  signal: AbortSignal,
): Promise<OAuthOutcome> {
  if (!query.state) return { outcome: 'failed', message: FAILED };
  const stateHash = stateHashOf(deps.secret, query.state);
  const now = deps.clock();
  const row = await deps.db
    .updateTable('oauth_states')
    .set({ used_at: now })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['link_id', 'tool', 'key_id', 'verifier_ciphertext'])
    .executeTakeFirst();
  if (!row) return { outcome: 'failed', message: FAILED };
  if (query.error) {
    return { outcome: 'denied', message: query.error === 'access_denied' ? 'The access was not granted. You can try again and allow it.' : FAILED };
  }
  if (!query.code) return { outcome: 'failed', message: FAILED };
  const link = await resolveLinkById(deps, row.link_id);
  const connector = (await toolsForLink(deps, link)).find((c) => c.tool.id === row.tool);
  const client = await loadOAuthClient(deps, link.environmentId, row.tool);
  if (!connector?.oauth || !client) return { outcome: 'failed', message: FAILED };
  const { verifier } = openCredentials(deps.secret, stateHash, { keyId: row.key_id, ciphertext: row.verifier_ciphertext });
  let credentials: Record<string, string>;
  try {
    credentials = await connector.oauth.exchangeCode(
      { code: query.code, codeVerifier: verifier ?? '', redirectUri: oauthCallbackUrl(publicUrl), clientId: client.clientId, clientSecret: client.clientSecret },
      signal,
      deps.connectorRuntime,
    );
  } catch (err) {
    if (err instanceof RemoteError) return { outcome: 'failed', message: err.kind === 'remote_unavailable' ? `${connector.tool.label} is not reachable right now. Please try again in a few minutes.` : FAILED };
    throw err;
  }
  return saveConnection(deps, link, connector, credentials);
}
