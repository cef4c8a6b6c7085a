import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Actor, DomainDeps } from '../../../domain/deps.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { AppError } from '../../../domain/errors.ts';
import { type ConsoleAction, CONSOLE_POLICY, isAllowed } from '../../../domain/console/policy.ts';
import {
  ABSOLUTE_TIMEOUT_MS,
  type ConsoleSession,
  csrfTokenFor,
  csrfTokenValid,
  newPreSessionValue,
  resolveSession,
} from '../../../domain/console/sessions.ts';
import type { EnvironmentKind } from '../../../store/schema.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in console user's live session, set by `loadConsoleSession` when the cookie holds one. */
    consoleSession?: ConsoleSession;
    /** The cookie value the request's CSRF token is bound to: the live session's, else the pre-session cookie's. */
    consoleCsrfBinding?: string;
  }
}

/** Cookie names; `__Host-` (Secure, Path=/, no Domain) whenever the console is served over https. */
export function consoleCookieNames(publicUrl: string): { session: string; pre: string; secure: boolean } {
  const secure = publicUrl.startsWith('https:');
  return secure ? { session: '__Host-pb_session', pre: '__Host-pb_pre', secure } : { session: 'pb_session', pre: 'pb_pre', secure };
}

const cookieOptions = (secure: boolean, sameSite: 'lax' | 'strict', maxAge?: number): CookieOptions => ({
  httpOnly: true,
  secure,
  sameSite,
  path: '/',
  ...(maxAge === undefined ? {} : { maxAge }),
});

/** Sets the session cookie (HttpOnly, SameSite=Lax so an identity provider's redirect back keeps it, Secure on https). */
export function setSessionCookie(res: Response, publicUrl: string, token: string): void {
  const names = consoleCookieNames(publicUrl);
  res.cookie(names.session, token, cookieOptions(names.secure, 'lax', ABSOLUTE_TIMEOUT_MS));
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  const names = consoleCookieNames(publicUrl);
  res.clearCookie(names.session, cookieOptions(names.secure, 'lax'));
}

/** Reads the cookies, resolves the session, and notes which cookie value binds the CSRF token. */
export function loadConsoleSession(deps: DomainDeps & { config: { publicUrl: string } }): RequestHandler {
  return async (req, _res, next) => {
    const names = consoleCookieNames(deps.config.publicUrl);
    const cookies = parseCookies(req.headers.cookie ?? '');
    const token = cookies[names.session];
    const session = token ? await resolveSession(deps, token) : null;
    if (session && token) {
      req.consoleSession = session;
      req.consoleCsrfBinding = token;
    } else {
      req.consoleCsrfBinding = cookies[names.pre];
    }
    next();
  };
}

/**
 * The CSRF token for this request's cookie, setting a fresh pre-session cookie first when the client
 * has neither a session nor one (before sign-in or set-password).
 */
export function csrfTokenOf(req: Request, res: Response, deps: { secret: Buffer; config: { publicUrl: string } }): string {
  if (!req.consoleCsrfBinding) {
    const names = consoleCookieNames(deps.config.publicUrl);
    req.consoleCsrfBinding = newPreSessionValue();
    res.cookie(names.pre, req.consoleCsrfBinding, cookieOptions(names.secure, 'strict'));
  }
  return csrfTokenFor(deps.secret, req.consoleCsrfBinding);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every state-changing request carries `X-CSRF-Token` matching its cookie; otherwise 403 and nothing happens. */
export function requireCsrf(deps: { secret: Buffer }): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const given = req.get('x-csrf-token');
    if (!given || !req.consoleCsrfBinding || !csrfTokenValid(deps.secret, req.consoleCsrfBinding, given)) {
      return next(
        new AppError('CONSOLE.CSRF_INVALID', 'Missing or wrong CSRF token: send the csrf_token of GET /dashboard/api/session (or /dashboard/api/csrf before signing in) in the X-CSRF-Token header.'),
      );
    }
    next();
  };
}

const isEnvironmentKind = (value: unknown): value is EnvironmentKind => value === 'production' || value === 'development';

/**
 * The guard of every console API route: a signed-in user whose role the policy table allows for
 * `action` (in the route's `:environment`), fully signed in unless `beforeMfa` says the route finishes
 * MFA. Denied requests stop here, before anything changes.
 */
export function allow(action: ConsoleAction, options: { beforeMfa?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    const session = req.consoleSession;
    if (!session) return next(new AppError('PLATFORM.AUTHENTICATION_INVALID', 'Sign in to the console first (or your session has ended).'));
    // Until MFA is done a session reaches only the routes that finish it (and the session and sign-out).
    if (session.stage !== 'complete' && !options.beforeMfa) {
      return next(new AppError('PLATFORM.AUTHENTICATION_INVALID', 'Finish signing in first: MFA is required.'));
    }
    const environment = req.params.environment;
    if (CONSOLE_POLICY[action].scope === 'environment' && !isEnvironmentKind(environment)) {
      return next(new AppError('PLATFORM.INPUT_INVALID', `Unknown environment '${String(environment)}': use production or development.`, {}, 404));
    }
    const env = isEnvironmentKind(environment) ? environment : undefined;
    if (!isAllowed(session.user.role, action, env)) {
      return next(new AppError('CONSOLE.FORBIDDEN', `The ${session.user.role} role may not do this${env ? ` in ${env}` : ''}.`));
    }
    next();
  };
}

/** The session of a route guarded by `allow()`. */
export function consoleSessionOf(req: Request): ConsoleSession {
  if (!req.consoleSession) throw new Error('consoleSessionOf() used on a route without allow()');
  return req.consoleSession;
}

/** The signed-in user of a route guarded by `allow()`, as the audit names them. */
export const consoleActorOf = (req: Request): Actor => userActor(consoleSessionOf(req).user);

/** The `:environment` of a route guarded by `allow()`. */
export function environmentParam(req: Request): EnvironmentKind {
  const env = req.params.environment;
  if (!isEnvironmentKind(env)) throw new Error('environmentParam() used on a route without :environment');
  return env;
}
