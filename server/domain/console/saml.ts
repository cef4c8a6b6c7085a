import type { CacheProvider, SAML } from '@node-saml/node-saml';
import type { Db } from '../../store/db.ts';
import { appendAudit } from '../audit.ts';
import type { StoreDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { keyedHash } from '../secrets.ts';
import { SSO_ATTEMPT_TTL_MS } from './oidc.ts';
import { createSession } from './sessions.ts';
import { activeSamlConfig } from './sso-config.ts';
import { refuseSso, SSO_NOT_INVITED, SSO_NOT_SET_UP, userForSso } from './sso-users.ts';
import { type ConsoleUser, normaliseEmail, userActor } from './user-record.ts';

const base = (publicUrl: string, tenantId: string) => `${publicUrl.replace(/\/+$/, '')}/dashboard/api/sso/saml/${encodeURIComponent(tenantId)}`;
/** The SP metadata's stable URL; also the default SP entity ID. */
export const samlMetadataUrl = (publicUrl: string, tenantId: string): string => `${base(publicUrl, tenantId)}/metadata`;
/** The assertion consumer service (HTTP-POST) the IdP posts its response to. */
export const samlAcsUrl = (publicUrl: string, tenantId: string): string => `${base(publicUrl, tenantId)}/acs`;

/**
 * node-saml's request-ID cache, in the store (so any instance can take the response): an ID is
 * valid for one response within the attempt lifetime.
 */
function requestCache(deps: StoreDeps, tenantId: string): CacheProvider {
  const key = (id: string) => keyedHash(deps.secret, `console-saml-request:${tenantId}:${id}`);
  return {
    async saveAsync(id, value) {
      const now = deps.clock();
      await deps.db.deleteFrom('console_sso_attempts').where('expires_at', '<', now).execute();
      await deps.db
        .insertInto('console_sso_attempts')
        .values({ id_hash: key(id), tenant_id: tenantId, state: id, nonce: null, code_verifier: null, created_at: now, expires_at: new Date(now.getTime() + SSO_ATTEMPT_TTL_MS), used_at: null })
        .execute();
      return { value, createdAt: now.getTime() };
    },
    async getAsync(id) {
      const row = await deps.db.selectFrom('console_sso_attempts').selectAll().where('id_hash', '=', key(id)).executeTakeFirst();
      if (!row || row.used_at || row.expires_at.getTime() <= deps.clock().getTime()) return null;
      // node-saml reads the value back as the request's creation time.
      return row.created_at.toISOString();
    },
    async removeAsync(id) {
      if (!id) return null;
      await deps.db.updateTable('console_sso_attempts').set({ used_at: deps.clock() }).where('id_hash', '=', key(id)).where('used_at', 'is', null).execute();
      return id;
    },
  };
}

/** node-saml (and its XML stack, ~4 MB), loaded by the first SAML call: a server without SAML sign-ins does not hold it. */
async function samlFor(deps: StoreDeps, publicUrl: string, tenantId: string, config: { entryPoint: string; idpCert: string; spEntityId: string | null }): Promise<SAML> {
  const { SAML, ValidateInResponseTo } = await import('@node-saml/node-saml');
  const spEntityId = config.spEntityId ?? samlMetadataUrl(publicUrl, tenantId);
  return new SAML({
    entryPoint: config.entryPoint,
    idpCert: config.idpCert,
    issuer: spEntityId,
    audience: spEntityId,
    callbackUrl: samlAcsUrl(publicUrl, tenantId),
    // A signed response or a signed assertion: with both false node-saml still refuses a response with neither.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SSO_ATTEMPT_TTL_MS,
    cacheProvider: requestCache(deps, tenantId),
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: 60_000,
  });
}

/** The SP metadata an admin gives the IdP (entity ID, ACS URL), or null when SAML is not set up. */
export async function samlMetadata(deps: StoreDeps, publicUrl: string, tenantId: string): Promise<string | null> {
  const config = await activeSamlConfig(deps.db, tenantId);
  if (!config) return null;
  return (await samlFor(deps, publicUrl, tenantId, config)).generateServiceProviderMetadata(null, null);
}

/** Starts an SP-initiated SAML sign-in: the IdP URL carrying a fresh AuthnRequest (HTTP-Redirect binding). */
export async function startSamlSignIn(deps: StoreDeps, publicUrl: string, tenantId: string): Promise<string> {
  const config = await activeSamlConfig(deps.db, tenantId);
  if (!config) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_NOT_SET_UP);
  return (await samlFor(deps, publicUrl, tenantId, config)).getAuthorizeUrlAsync('', undefined, {});
}

/** node-saml's reasons, in words an admin can act on. */
function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/signature/i.test(message)) return 'The SAML response is not signed by the configured identity provider (a signed response or assertion is required).';
  if (/audience/i.test(message)) return 'The SAML assertion is meant for another service provider (wrong audience).';
  if (/InResponseTo/.test(message)) return 'The SAML response does not answer a sign-in started here, or was already used.';
  if (/expired|NotBefore|NotOnOrAfter/i.test(message)) return 'The SAML assertion has expired or is not valid yet.';
  return 'The SAML response could not be verified.';
}

/**
 * Finishes a SAML sign-in at the ACS: node-saml checks the signature (response or assertion, by the
 * configured certificate), the audience, the times and that InResponseTo names a request of ours,
 * used once. The NameID (or an `email` attribute) must belong to an invited or active user unless
 * provisioning is on; success creates a complete console session. Refusals are audited.
 */
export async function finishSamlSignIn(
  deps: StoreDeps,
  publicUrl: string,
  tenantId: string,
  body: Record<string, string>,
): Promise<{ ok: true; user: ConsoleUser; sessionToken: string } | { ok: false; message: string }> {
  const now = deps.clock();
  const config = await activeSamlConfig(deps.db, tenantId);
  if (!config) return refuseSso(deps, 'sso_saml', null, null, SSO_NOT_SET_UP);
  if (typeof body.SAMLResponse !== 'string') return refuseSso(deps, 'sso_saml', tenantId, null, 'The request carries no SAMLResponse.');
  let email: string;
  try {
    const { profile } = await (await samlFor(deps, publicUrl, tenantId, config)).validatePostResponseAsync({ SAMLResponse: body.SAMLResponse });
    const candidate = (typeof profile?.email === 'string' && profile.email) || (typeof profile?.mail === 'string' && profile.mail) || profile?.nameID;
    if (!candidate || !candidate.includes('@')) return refuseSso(deps, 'sso_saml', tenantId, null, 'The SAML assertion carries no email address (NameID or email attribute).');
    email = normaliseEmail(candidate);
  } catch (err) {
    return refuseSso(deps, 'sso_saml', tenantId, null, describeFailure(err));
  }
  const signedIn = await deps.db.transaction().execute(async (trx: Db) => {
    const user = await userForSso(trx, deps.secret, tenantId, email, config.provisionRole, now, 'sso_saml');
    if (!user) return null;
    const session = await createSession(trx, deps.secret, user.id, now, 'complete');
    await appendAudit(trx, userActor(user), {
      tenantId,
      environmentId: null,
      action: 'console_user.signed_in',
      targetType: 'console_user',
      targetId: user.id,
      before: null,
      after: { method: 'sso_saml' },
      at: now,
    }, deps.secret);
    return { user, sessionToken: session.token };
  });
  if (!signedIn) return refuseSso(deps, 'sso_saml', tenantId, email, SSO_NOT_INVITED);
  return { ok: true, ...signedIn };
}
