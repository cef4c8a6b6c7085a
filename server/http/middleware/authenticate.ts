import type { RequestHandler } from 'express';
import { authenticate, bearerToken } from '../../domain/authenticate.ts';
import type { DomainDeps } from '../../domain/deps.ts';

/**
 * `Authorization: Bearer <key>` on every request it guards; sets `req.principal`. The client address is
 * `req.ip`: the socket's, unless `TRUST_PROXY` names the proxies allowed to set X-Forwarded-For.
 */
export function requireApiKey(deps: DomainDeps): RequestHandler {
  return async (req, _res, next) => {
    req.principal = await authenticate(deps, bearerToken(req.headers.authorization), req.ip);
    next();
  };
}
