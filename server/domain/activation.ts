import type { Db } from '../store/db.ts';
import { activationTokenState, insertActivationTokenRow, redeemActivationTokenRow } from '../store/queries/activation-tokens.ts';
import type { DomainDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';
import { randomString } from './ids.ts';
import type { IntegrationRecord } from './integrations.ts';
import { accessIntegration } from './lifecycle.ts';
import { keyedHash } from './secrets.ts';
import type { EnvironmentRef } from './tools.ts';

/** How long the vendor's backend has to exchange an activation token. */
export const ACTIVATION_TOKEN_TTL_MS = 10 * 60 * 1000;

/** How long after an exchange the same API key may exchange the token again (its answer may have been lost). */
export const ACTIVATION_RETRY_WINDOW_MS = 10 * 60 * 1000;

const TOKEN_LENGTH = 40; // base62: about 238 random bits
const TOKEN_FORMAT = /^[0-9A-Za-z]{40}$/;

/** Purpose-tagged so an activation token can never match another kind of stored token hash. */
const hashToken = (secret: Buffer, token: string) => keyedHash(secret, `activation:${token}`);

/** Creates a single-use activation token for an integration (call inside the transaction that connects it). */
export async function issueActivationToken(
  trx: Db,
  secret: Buffer,
  integration: { id: string; environmentId: string },
  now: Date,
): Promise<string> {
  const token = randomString(TOKEN_LENGTH);
  await insertActivationTokenRow(trx, {
    token_hash: hashToken(secret, token),
    integration_id: integration.id,
    environment_id: integration.environmentId,
    created_at: now,
    expires_at: new Date(now.getTime() + ACTIVATION_TOKEN_TTL_MS),
  });
  return token;
}

/**
 * Exchanges an activation token for its integration, once. Tokens of another environment or tenant are
 * treated exactly like unknown ones (and stay redeemable where they belong). Concurrent exchanges are
 * decided by one conditional UPDATE: exactly one caller gets the integration. The key that exchanged
 * it may exchange it again for ACTIVATION_RETRY_WINDOW_MS (a retry after a lost answer); any other
 * key is told it was already exchanged. Never waits for a sync: the first one is a queued job.
 */
export async function redeemActivationToken(deps: DomainDeps, env: EnvironmentRef & { keyId: string }, token: string): Promise<IntegrationRecord> {
  const unknown = inputInvalid(
    'Unknown activation token. Pass the token the connection flow returned, with an API key of the environment the link was created in.',
  );
  if (!TOKEN_FORMAT.test(token)) throw unknown;
  const hash = hashToken(deps.secret, token);
  const now = deps.clock();
  const integrationId = await redeemActivationTokenRow(deps.db, hash, env.environmentId, now, env.keyId);
  if (integrationId === undefined) {
    const state = await activationTokenState(deps.db, hash, env.environmentId);
    if (!state) throw unknown;
    if (state.redeemedAt) {
      const retry = state.redeemedBy === env.keyId && now.getTime() - state.redeemedAt.getTime() < ACTIVATION_RETRY_WINDOW_MS;
      if (retry) return accessIntegration(deps, env, state.integrationId);
      throw inputInvalid('This activation token was already exchanged; each token works once. Use the integration ID you received then.');
    }
    throw inputInvalid(
      `This activation token expired at ${state.expiresAt.toISOString()} (tokens are valid for 10 minutes). Look the integration up by its ID instead, or run the connection flow again.`,
    );
  }
  return accessIntegration(deps, env, integrationId);
}
