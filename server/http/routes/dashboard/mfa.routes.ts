import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { resetMfa, startEnrolment } from '../../../domain/console/mfa.ts';
import { csrfTokenFor } from '../../../domain/console/sessions.ts';
import { type ConsoleSettings, getConsoleSettings, setRequireMfa } from '../../../domain/console/settings.ts';
import { completeMfaSignIn, finishEnrolment } from '../../../domain/console/sign-in.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { AppError, inputInvalid } from '../../../domain/errors.ts';
import { ok } from '../../respond.ts';
import { parseChallengeBody, parseCodeBody, parseSecurityBody } from './console.parsers.ts';
import { allow, consoleSessionOf, setSessionCookie } from './console-session.ts';

/** `GET`/`PATCH /dashboard/api/security`: the setting and what the plan includes. */
const toApiSecurity = (s: ConsoleSettings) => ({ require_mfa: s.requireMfa, features: { sso: s.features.sso, mfa_enforcement: s.features.mfaEnforcement } });

const WRONG_CODE = 'The code is wrong or was already used. Enter the current code from your authenticator app, or a recovery code.';

/** TOTP MFA: the sign-in challenge, enrolment, an admin's reset, and the tenant's "require MFA" setting. */
export function mfaRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/mfa/challenge', allow('mfa.self', { beforeMfa: true }), async (req, res) => {
    const session = consoleSessionOf(req);
    if (session.stage !== 'mfa_required') throw inputInvalid('No MFA challenge is pending for this session.');
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const result = await completeMfaSignIn(deps, session, parseChallengeBody(req.body), address);
    if (!result.ok) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', WRONG_CODE);
    setSessionCookie(res, deps.config.publicUrl, result.sessionToken);
    ok(res, { stage: 'complete', csrf_token: csrfTokenFor(deps.secret, result.sessionToken) });
  });

  router.post('/mfa/enrolment', allow('mfa.self', { beforeMfa: true }), async (req, res) => {
    const session = consoleSessionOf(req);
    if (session.stage === 'mfa_required') throw inputInvalid('Enter your authentication code first.');
    const enrolment = await startEnrolment(deps, session.user);
    ok(res, { otpauth_url: enrolment.otpauthUrl, secret: enrolment.secret, qr_svg: enrolment.qrSvg });
  });

  router.post('/mfa/enrolment/confirm', allow('mfa.self', { beforeMfa: true }), async (req, res) => {
    const session = consoleSessionOf(req);
    if (session.stage === 'mfa_required') throw inputInvalid('Enter your authentication code first.');
    const result = await finishEnrolment(deps, session, parseCodeBody(req.body));
    if (!result) throw inputInvalid('The code is wrong: enter the current code your authenticator app shows for Plugboard.');
    if (result.sessionToken) setSessionCookie(res, deps.config.publicUrl, result.sessionToken);
    ok(res, {
      recovery_codes: result.recoveryCodes,
      stage: 'complete',
      csrf_token: result.sessionToken ? csrfTokenFor(deps.secret, result.sessionToken) : undefined,
    });
  });

  router.post('/users/:id/mfa-reset', allow('users.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    await resetMfa(deps, userActor(user), user.tenantId, req.params.id as string);
    ok(res, {});
  });

  router.get('/security', allow('security.read'), async (req, res) => {
    ok(res, toApiSecurity(await getConsoleSettings(deps.db, consoleSessionOf(req).user.tenantId)));
  });

  router.patch('/security', allow('security.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    ok(res, toApiSecurity(await setRequireMfa(deps, userActor(user), user.tenantId, parseSecurityBody(req.body).require_mfa)));
  });

  return router;
}
