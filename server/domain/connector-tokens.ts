import type { TokenStore } from '../connectors/token-store.ts';
import { openCredentials, sealCredentials } from './credentials-crypto.ts';
import type { DomainDeps } from './deps.ts';

/**
 * Where connectors keep short-lived tokens: sealed with the credentials key, bound (as associated data)
 * to the integration, the purpose and a fingerprint of the credentials that obtained the token, so a
 * token copied elsewhere or left from replaced credentials does not open and is simply fetched anew.
 */
export function connectorTokenStore(deps: Pick<DomainDeps, 'db' | 'secret' | 'clock'>): TokenStore {
  const bound = (integrationId: string, purpose: string, fingerprint: string) => `${integrationId}\u0000${purpose}\u0000${fingerprint}`;
  return {
    async load(integrationId, purpose, fingerprint) {
      const row = await deps.db
        .selectFrom('connector_tokens')
        .select(['key_id', 'ciphertext', 'expires_at'])
        .where('integration_id', '=', integrationId)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      if (!row) return null;
      try {
        const { value } = openCredentials(deps.secret, bound(integrationId, purpose, fingerprint), { keyId: row.key_id, ciphertext: row.ciphertext });
        return value ? { value, expiresAt: row.expires_at.getTime() } : null;
      } catch {
        return null;
      }
    },
    async save(integrationId, purpose, fingerprint, token) {
      const sealed = sealCredentials(deps.secret, bound(integrationId, purpose, fingerprint), { value: token.value });
      const values = { key_id: sealed.keyId, ciphertext: sealed.ciphertext, expires_at: new Date(token.expiresAt), updated_at: deps.clock() };
      await deps.db
        .insertInto('connector_tokens')
        .values({ integration_id: integrationId, purpose, ...values })
        .onConflict((oc) => oc.columns(['integration_id', 'purpose']).doUpdateSet(values))
        .execute();
    },
  };
}
