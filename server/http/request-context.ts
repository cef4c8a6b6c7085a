import type { Principal } from '../domain/authenticate.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on every `/v1` request that passed it. */
    principal?: Principal;
  }
}

/** The authenticated principal of a `/v1` request (the auth middleware guarantees it is set). */
export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new Error('principalOf() used on a route without authentication');
  return req.principal;
}
