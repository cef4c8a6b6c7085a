import type { RequestHandler } from 'express';
import type { DomainDeps } from '../../domain/deps.ts';
import { AppError, inputInvalid } from '../../domain/errors.ts';
import { accessIntegration, inactiveMessage } from '../../domain/lifecycle.ts';
import { principalOf } from '../request-context.ts';

export interface RequireIntegrationOptions {
  /**
   * Which error schema the guarded endpoints answer with. `hris` (and ATS, ...) may use
   * `INTEGRATION.INACTIVE`; `general` endpoints (`/force-sync`, `/passthrough`) may not (the SDK would
   * reject the code), so an inactive integration answers `PLATFORM.INPUT_INVALID` with status 403 there.
   * @default 'hris'
   */
  errors?: 'hris' | 'general';
}

/**
 * For integration-scoped routes (after `requireApiKey`): reads `X-Integration-Id`, finds the integration
 * in the key's environment (another environment's or tenant's is INTEGRATION_NOT_FOUND), applies the
 * development staleness rule, records the API request, refuses INACTIVE integrations, and sets
 * `req.integration`.
 */
export function requireIntegration(deps: DomainDeps, options: RequireIntegrationOptions = {}): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers['x-integration-id'];
    const id = typeof header === 'string' ? header.trim() : '';
    if (!id) {
      throw inputInvalid("Missing X-Integration-Id header. Send the ID of the integration to use, e.g. 'X-Integration-Id: sandbox:8d1hpPsbjxUkoCoa1veLZGe5'.");
    }
    const integration = await accessIntegration(deps, principalOf(req), id);
    if (integration.status === 'INACTIVE') {
      throw options.errors === 'general'
        ? new AppError('PLATFORM.INPUT_INVALID', inactiveMessage(integration), {}, 403)
        : new AppError('INTEGRATION.INACTIVE', inactiveMessage(integration));
    }
    req.integration = integration;
    next();
  };
}
