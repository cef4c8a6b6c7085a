import * as oidc from 'openid-client';
import { appendAudit } from '../audit.ts';
import type { StoreDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { randomString } from '../ids.ts';
import { keyedHash } from '../secrets.ts';
import { createSession } from './sessions.ts';
import { activeOidcConfig, isLoopbackHttp, oidcRedirectUrl } from './sso-config.ts';
import { refuseSso, SSO_ATTEMPT_GONE, SSO_NOT_INVITED, SSO_NOT_SET_UP, userForSso } from './sso-users.ts';
import { type ConsoleUser, normaliseEmail, userActor } from './user-record.ts';

/** How long the browser has at the identity provider before the attempt expires. @default 10 minutes */
export const SSO_ATTEMPT_TTL_MS = 10 * 60 * 1000;

const hashAttemptId = (secret: Buffer, id: string) => keyedHash(secret, `console-sso-attempt:${id}`);

async function discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  try {
    return await oidc.discovery(url, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      timeout: 10,
      ...(isLoopbackHttp(url) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch {
    throw new AppError('PLATFORM.AUTHENTICATION_INVALID', "The identity provider's configuration could not be read: check the issuer URL.");
  }
}

/**
 * Starts an OIDC sign-in (authorization code + PKCE): a short-lived server-side attempt holds state,
 * nonce and code verifier; the returned attempt id goes into a cookie that binds it to this browser.
 */
export async function startOidcSignIn(deps: StoreDeps, publicUrl: string, tenantId: string): Promise<{ authorizationUrl: string; attemptId: string }> {
  const config = await activeOidcConfig(deps, tenantId);
  if (!config) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_NOT_SET_UP);
  const client = await discover(config.issuer, config.clientId, config.clientSecret);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const attemptId = randomString(43);
  const now = deps.clock();
  // Attempts are worth nothing once expired: each new one sweeps those away.
  await deps.db.deleteFrom('console_sso_attempts').where('expires_at', '<', now).execute();
  await deps.db
    .insertInto('console_sso_attempts')
    .values({
      id_hash: hashAttemptId(deps.secret, attemptId),
      tenant_id: tenantId,
      state,
      nonce,
      code_verifier: codeVerifier,
      created_at: now,
      expires_at: new Date(now.getTime() + SSO_ATTEMPT_TTL_MS),
      used_at: null,
    })
    .execute();
  const url = oidc.buildAuthorizationUrl(client, {
    redirect_uri: oidcRedirectUrl(publicUrl),
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { authorizationUrl: url.href, attemptId };
}

/** Why a callback was refused, in words an admin can act on (the IdP's own text is not echoed). */
function describeFailure(err: unknown): string {
  if (err instanceof oidc.AuthorizationResponseError) return `The identity provider refused the sign-in (${err.error}).`;
  if (err instanceof oidc.ResponseBodyError) return `The identity provider refused the code exchange (${err.error}).`;
  // A 401 with WWW-Authenticate: the client credentials were refused.
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    const error = err.cause.map((c) => c.parameters.error).find((e) => typeof e === 'string') ?? 'invalid_client';
    return `The identity provider refused the code exchange (${error}).`;
  }
  // openid-client wraps oauth4webapi's error, whose message and `cause.claim` name what failed.
  const outer = err as { code?: string; cause?: unknown };
  const inner = (outer.cause ?? outer) as { message?: string; cause?: { claim?: string } };
  const text = typeof inner.message === 'string' ? inner.message : '';
  if (outer.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    const claim = inner.cause?.claim ?? /"(aud|azp|iss|nonce)"/.exec(text)?.[1];
    if (claim === 'aud' || claim === 'azp') return 'The ID token was issued for another client (wrong audience).';
    if (claim === 'iss') return 'The ID token comes from another issuer than the one configured.';
    if (claim === 'nonce') return 'The ID token does not belong to this sign-in (nonce mismatch).';
  }
  if (outer.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return 'The ID token has expired or is not valid yet.';
  if (text.includes('"state"')) return 'The sign-in response does not belong to this sign-in (state mismatch).';
  if (text.includes('"iss"')) return 'The sign-in response comes from another issuer than the one configured.';
  return 'The identity provider answered with something that could not be verified.';
}

export type OidcCallbackResult = { ok: true; user: ConsoleUser; sessionToken: string } | { ok: false; message: string };

/**
 * Finishes an OIDC sign-in at the redirect URL: the attempt (from the browser's cookie) must be live
 * and unused; openid-client checks state, issuer, audience, signature, nonce and PKCE; the verified
 * email must belong to an invited or active user (or provisioning creates one). Success creates the
 * same console session as a password sign-in, complete (MFA is the identity provider's job). Every
 * refusal is audited.
 */
export async function finishOidcSignIn(deps: StoreDeps, publicUrl: string, attemptId: string | undefined, callbackUrl: URL): Promise<OidcCallbackResult> {
  const now = deps.clock();
  const attempt = attemptId
    ? await deps.db.selectFrom('console_sso_attempts').selectAll().where('id_hash', '=', hashAttemptId(deps.secret, attemptId)).executeTakeFirst()
    : undefined;
  if (!attempt?.code_verifier || !attempt.nonce || attempt.used_at || attempt.expires_at.getTime() <= now.getTime()) {
    return refuseSso(deps, 'sso_oidc', attempt?.tenant_id ?? null, null, SSO_ATTEMPT_GONE);
  }
  await deps.db.updateTable('console_sso_attempts').set({ used_at: now }).where('id_hash', '=', attempt.id_hash).where('used_at', 'is', null).execute();
  const tenantId = attempt.tenant_id;
  const config = await activeOidcConfig(deps, tenantId);
  if (!config) return refuseSso(deps, 'sso_oidc', tenantId, null, SSO_NOT_SET_UP);

  let email: string;
  try {
    const client = await discover(config.issuer, config.clientId, config.clientSecret);
    // The redirect URL registered with the IdP, with the parameters the browser brought back.
    const current = new URL(oidcRedirectUrl(publicUrl));
    current.search = callbackUrl.search;
    const tokens = await oidc.authorizationCodeGrant(client, current, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    // Providers that follow the spec's default put scope claims in the userinfo response, not the ID token.
    const claims = typeof idToken.email === 'string' ? idToken : await oidc.fetchUserInfo(client, tokens.access_token, idToken.sub);
    if (typeof claims.email !== 'string' || claims.email_verified !== true) {
      return refuseSso(deps, 'sso_oidc', tenantId, null, 'The identity provider did not send a verified email address.');
    }
    email = normaliseEmail(claims.email);
  } catch (err) {
    if (err instanceof AppError) return refuseSso(deps, 'sso_oidc', tenantId, null, err.message);
    return refuseSso(deps, 'sso_oidc', tenantId, null, describeFailure(err));
  }

  const signedIn = await deps.db.transaction().execute(async (trx) => {
    const user = await userForSso(trx, deps.secret, tenantId, email, config.provisionRole, now, 'sso_oidc');
    if (!user) return null;
    const session = await createSession(trx, deps.secret, user.id, now, 'complete');
    await appendAudit(trx, userActor(user), {
      tenantId,
      environmentId: null,
      action: 'console_user.signed_in',
      targetType: 'console_user',
      targetId: user.id,
      before: null,
      after: { method: 'sso_oidc' },
      at: now,
    }, deps.secret);
    return { user, sessionToken: session.token };
  });
  if (!signedIn) return refuseSso(deps, 'sso_oidc', tenantId, email, SSO_NOT_INVITED);
  return { ok: true, ...signedIn };
}

