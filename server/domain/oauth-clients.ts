import type { EnvironmentKind } from '../store/schema.ts';
import { openCredentials, sealCredentials } from './credentials-crypto.ts';
import type { DomainDeps, StoreDeps } from './deps.ts';
import { inputInvalid } from './errors.ts';
import { getEnvironment } from './tenants.ts';

/** Associated data of a sealed client secret: it opens only for its environment and tool. */
const bound = (environmentId: string, tool: string) => `oauth-client\u0000${environmentId}\u0000${tool}`;

/**
 * Sets the OAuth client (id and secret, registered by the operator with the tool) an environment uses
 * for an OAuth tool. The secret is sealed like credentials; a second call replaces the first.
 */
export async function setOAuthClient(
  deps: DomainDeps,
  input: { tenantId: string; environment: EnvironmentKind; tool: string; clientId: string; clientSecret: string },
): Promise<{ environmentId: string; tool: string; clientId: string }> {
  const connector = deps.connectors.get(input.tool);
  if (!connector?.oauth) throw inputInvalid(`Tool '${input.tool}' does not connect through OAuth.`);
  const clientId = input.clientId.trim();
  const clientSecret = input.clientSecret.trim();
  if (!clientId || !clientSecret) throw inputInvalid('Both the client ID and the client secret are required.');
  const { id: environmentId } = await getEnvironment(deps.db, input.tenantId, input.environment);
  const sealed = sealCredentials(deps.secret, bound(environmentId, input.tool), { client_secret: clientSecret });
  const values = { client_id: clientId, key_id: sealed.keyId, secret_ciphertext: sealed.ciphertext, updated_at: deps.clock() };
  await deps.db
    .insertInto('oauth_clients')
    .values({ environment_id: environmentId, tool: input.tool, ...values })
    .onConflict((oc) => oc.columns(['environment_id', 'tool']).doUpdateSet(values))
    .execute();
  return { environmentId, tool: input.tool, clientId };
}

/** The OAuth client of an environment and tool, secret opened; null when the operator set none. */
export async function loadOAuthClient(deps: StoreDeps, environmentId: string, tool: string): Promise<{ clientId: string; clientSecret: string } | null> {
  const row = await deps.db
    .selectFrom('oauth_clients')
    .select(['client_id', 'key_id', 'secret_ciphertext'])
    .where('environment_id', '=', environmentId)
    .where('tool', '=', tool)
    .executeTakeFirst();
  if (!row) return null;
  const { client_secret } = openCredentials(deps.secret, bound(environmentId, tool), { keyId: row.key_id, ciphertext: row.secret_ciphertext });
  return { clientId: row.client_id, clientSecret: client_secret ?? '' };
}
