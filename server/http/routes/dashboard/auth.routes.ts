import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { hasMfa } from '../../../domain/console/mfa.ts';
import { permissionsOf, ROLE_ENVIRONMENTS } from '../../../domain/console/policy.ts';
import { csrfTokenFor, revokeSession } from '../../../domain/console/sessions.ts';
import { signIn } from '../../../domain/console/sign-in.ts';
import { redeemToken } from '../../../domain/console/tokens.ts';
import { AppError } from '../../../domain/errors.ts';
import { DEFAULT_TENANT_SLUG, findTenant } from '../../../domain/tenants.ts';
import { ok } from '../../respond.ts';
import { parseSetPasswordBody, parseSignInBody } from './console.parsers.ts';
import { toApiConsoleUser } from './console.mappers.ts';
import { allow, clearSessionCookie, consoleSessionOf, csrfTokenOf, setSessionCookie } from './console-session.ts';

/** One message for every failed sign-in: nobody learns whether the email exists. */
const WRONG_CREDENTIALS = 'The email or password is wrong.';

/** Signing in and out, the session, the CSRF token, and redeeming invitation and reset links. */
export function authRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/csrf', (req, res) => {
    ok(res, { csrf_token: csrfTokenOf(req, res, deps) });
  });

  router.post('/sign-in', async (req, res) => {
    const body = parseSignInBody(req.body);
    const tenant = await findTenant(deps.db, body.tenant ?? DEFAULT_TENANT_SLUG);
    if (!tenant) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', WRONG_CREDENTIALS);
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const result = await signIn(deps, { tenantId: tenant.id, email: body.email, password: body.password, address });
    if (!result.ok) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', WRONG_CREDENTIALS);
    setSessionCookie(res, deps.config.publicUrl, result.sessionToken);
    ok(res, { user: toApiConsoleUser(result.user), stage: result.stage, csrf_token: csrfTokenFor(deps.secret, result.sessionToken) });
  });

  router.post('/set-password', async (req, res) => {
    const body = parseSetPasswordBody(req.body);
    const { purpose, email } = await redeemToken(deps, body.token, body.password, body.email);
    ok(res, { purpose, email });
  });

  router.get('/session', allow('session.read', { beforeMfa: true }), async (req, res) => {
    const { user, stage } = consoleSessionOf(req);
    const tenant = await findTenant(deps.db, user.tenantId);
    ok(res, {
      user: toApiConsoleUser(user),
      stage,
      mfa_enrolled: await hasMfa(deps.db, user.id),
      tenant: { id: user.tenantId, name: tenant?.name ?? '' },
      environments: ROLE_ENVIRONMENTS[user.role],
      permissions: permissionsOf(user.role),
      csrf_token: csrfTokenOf(req, res, deps),
    });
  });

  router.post('/sign-out', allow('session.read', { beforeMfa: true }), async (req, res) => {
    await revokeSession(deps.db, consoleSessionOf(req).id, deps.clock());
    clearSessionCookie(res, deps.config.publicUrl);
    ok(res, {});
  });

  return router;
}
