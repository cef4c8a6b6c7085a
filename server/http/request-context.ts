import type { Principal } from '../domain/authenticate.ts';
import type { IntegrationRecord } from '../domain/integrations.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on every `/v1` request that passed it. */
    principal?: Principal;
    /** Set by `requireIntegration` on integration-scoped routes: the `X-Integration-Id` integration, not INACTIVE. */
    integration?: IntegrationRecord;
  }
}

/** The authenticated principal of a `/v1` request (the auth middleware guarantees it is set). */
export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new Error('principalOf() used on a route without authentication');
  return req.principal;
}

/** The integration of an integration-scoped request (`requireIntegration` guarantees it is set). */
export function integrationOf(req: { integration?: IntegrationRecord }): IntegrationRecord {
  if (!req.integration) throw new Error('integrationOf() used on a route without requireIntegration');
  return req.integration;
}
