import { parse as parseCookies } from 'cookie';
import express, { type Request, type Response, Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { finishOidcSignIn, SSO_ATTEMPT_TTL_MS, startOidcSignIn } from '../../../domain/console/oidc.ts';
import { finishSamlSignIn, samlMetadata, startSamlSignIn } from '../../../domain/console/saml.ts';
import { SSO_NOT_SET_UP, ssoFailureKind } from '../../../domain/console/sso-users.ts';
import { disableSso, getSsoConfig, setOidcConfig, setSamlConfig } from '../../../domain/console/sso-config.ts';
import { getConsoleSettings } from '../../../domain/console/settings.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { AppError } from '../../../domain/errors.ts';
import { DEFAULT_TENANT_SLUG, findTenant } from '../../../domain/tenants.ts';
import { toApiSso } from '../../mappers/sso.mapper.ts';
import { ok } from '../../respond.ts';
import { parseOidcConfigBody, parseSamlConfigBody } from './console.parsers.ts';
import { allow, consoleSessionOf, setSessionCookie } from './console-session.ts';

/**
 * A refused SSO sign-in: a browser (asking for HTML) goes back to the sign-in screen with the kind of
 * failure (the detail is in the audit log); anything else gets the 401 envelope with the reason.
 */
function refuse(req: Request, res: Response, publicUrl: string, message: string): void {
  if (req.accepts(['json', 'html']) === 'html') {
    res.redirect(303, `${publicUrl.replace(/\/+$/, '')}/dashboard/?sso_error=${ssoFailureKind(message)}`);
    return;
  }
  throw new AppError('PLATFORM.AUTHENTICATION_INVALID', message);
}

/** The cookie binding an SSO attempt to the browser that started it; Lax, so the IdP's redirect back carries it. */
const attemptCookie = (publicUrl: string) => {
  const secure = publicUrl.startsWith('https:');
  return { name: secure ? '__Host-pb_sso' : 'pb_sso', options: { httpOnly: true, secure, sameSite: 'lax' as const, path: '/' } };
};

/**
 * SSO: the tenant's configuration (admins), whether the sign-in screen offers SSO, and the OIDC
 * sign-in itself (a browser navigation to `/sso/oidc/start`, back at `/sso/oidc/callback`).
 */
export function ssoRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/sso', allow('security.read'), async (req, res) => {
    const { tenantId } = consoleSessionOf(req).user;
    ok(res, toApiSso(await getSsoConfig(deps.db, tenantId), deps.config.publicUrl, tenantId));
  });

  router.put('/sso/oidc', allow('security.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const b = parseOidcConfigBody(req.body);
    const config = await setOidcConfig(deps, userActor(user), user.tenantId, {
      issuer: b.issuer,
      clientId: b.client_id,
      clientSecret: b.client_secret,
      provisionRole: b.provision_role,
      enforce: b.enforce,
      breakGlassUserId: b.break_glass_user_id,
    });
    ok(res, toApiSso(config, deps.config.publicUrl, user.tenantId));
  });

  router.put('/sso/saml', allow('security.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const b = parseSamlConfigBody(req.body);
    const config = await setSamlConfig(deps, userActor(user), user.tenantId, {
      entryPoint: b.entry_point,
      idpCert: b.idp_cert,
      spEntityId: b.sp_entity_id,
      provisionRole: b.provision_role,
      enforce: b.enforce,
      breakGlassUserId: b.break_glass_user_id,
    });
    ok(res, toApiSso(config, deps.config.publicUrl, user.tenantId));
  });

  router.delete('/sso', allow('security.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    ok(res, toApiSso(await disableSso(deps, userActor(user), user.tenantId), deps.config.publicUrl, user.tenantId));
  });

  /** Public: whether the sign-in screen shows "Sign in with SSO" (and whether passwords are closed). */
  router.get('/sso/status', async (req, res) => {
    const tenant = await findTenant(deps.db, typeof req.query.tenant === 'string' ? req.query.tenant : DEFAULT_TENANT_SLUG);
    const config = tenant ? await getSsoConfig(deps.db, tenant.id) : null;
    const on = Boolean(tenant && config?.enabled && (await getConsoleSettings(deps.db, tenant.id)).features.sso);
    ok(res, { sso: on, protocol: on ? config!.protocol : null, enforced: on && (config?.enforce ?? false) });
  });

  router.get('/sso/oidc/start', async (req, res) => {
    const tenant = await findTenant(deps.db, typeof req.query.tenant === 'string' ? req.query.tenant : DEFAULT_TENANT_SLUG);
    if (!tenant) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_NOT_SET_UP);
    const { authorizationUrl, attemptId } = await startOidcSignIn(deps, deps.config.publicUrl, tenant.id);
    const cookie = attemptCookie(deps.config.publicUrl);
    res.cookie(cookie.name, attemptId, { ...cookie.options, maxAge: SSO_ATTEMPT_TTL_MS });
    res.redirect(302, authorizationUrl);
  });

  router.get('/sso/oidc/callback', async (req, res) => {
    const cookie = attemptCookie(deps.config.publicUrl);
    const attemptId = parseCookies(req.headers.cookie ?? '')[cookie.name];
    res.clearCookie(cookie.name, cookie.options);
    const result = await finishOidcSignIn(deps, deps.config.publicUrl, attemptId, new URL(req.originalUrl, 'http://callback.invalid'));
    if (!result.ok) return refuse(req, res, deps.config.publicUrl, result.message);
    setSessionCookie(res, deps.config.publicUrl, result.sessionToken);
    res.redirect(302, `${deps.config.publicUrl.replace(/\/+$/, '')}/dashboard/`);
  });

  router.get('/sso/saml/start', async (req, res) => {
    const tenant = await findTenant(deps.db, typeof req.query.tenant === 'string' ? req.query.tenant : DEFAULT_TENANT_SLUG);
    if (!tenant) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_NOT_SET_UP);
    res.redirect(302, await startSamlSignIn(deps, deps.config.publicUrl, tenant.id));
  });

  router.get('/sso/saml/:tenant/metadata', async (req, res) => {
    const tenant = await findTenant(deps.db, req.params.tenant as string);
    const xml = tenant ? await samlMetadata(deps, deps.config.publicUrl, tenant.id) : null;
    if (!xml) throw new AppError('PLATFORM.INPUT_INVALID', 'SAML is not set up for this tenant.', {}, 404);
    res.type('application/samlmetadata+xml').send(xml);
  });

  return router;
}

/**
 * The SAML assertion consumer service: a cross-site form POST from the IdP, so it is mounted before
 * the CSRF check; the signed response and its InResponseTo (a request of ours, used once) stand in for it.
 */
export function samlAcsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/sso/saml/:tenant/acs', express.urlencoded({ extended: false, limit: '1mb' }), async (req, res) => {
    const tenant = await findTenant(deps.db, req.params.tenant as string);
    if (!tenant) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_NOT_SET_UP);
    const result = await finishSamlSignIn(deps, deps.config.publicUrl, tenant.id, (req.body ?? {}) as Record<string, string>);
    if (!result.ok) return refuse(req, res, deps.config.publicUrl, result.message);
    setSessionCookie(res, deps.config.publicUrl, result.sessionToken);
    res.redirect(303, `${deps.config.publicUrl.replace(/\/+$/, '')}/dashboard/`);
  });
  return router;
}
