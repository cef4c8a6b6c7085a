import type { RequestHandler } from 'express';
import { z } from 'zod';
import { UnknownPassthroughApiError } from '../../../connectors/data-source.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { AppError, inputInvalid } from '../../../domain/errors.ts';
import { markIntegrationInvalid } from '../../../domain/integration-health.ts';
import { RemoteError } from '../../../connectors/remote-error.ts';
import { loadIntegrationCredentials } from '../../../domain/integrations.ts';
import { parseInput } from '../../parsers/zod-input.ts';
import { integrationOf } from '../../request-context.ts';
import { ok } from '../../respond.ts';

const body = z.object({
  method: z.enum(['GET', 'POST', 'DELETE', 'PUT', 'PATCH']),
  path: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  params: z.record(z.string(), z.string()).optional(),
  data: z.unknown().optional(),
  response_as_base64: z.boolean().optional(),
  multipart_form_data: z.array(z.unknown()).optional(),
  api_options: z.record(z.string(), z.string()).optional(),
});

/**
 * A remote failure as the passthrough's documented errors (PLATFORM codes only): credentials the tool
 * rejects make the integration INVALID and answer 403, an unreachable tool 502 or a timeout 504.
 */
async function passthroughFailure(deps: DomainDeps, integrationId: string, err: RemoteError): Promise<AppError> {
  switch (err.kind) {
    case 'credentials_rejected':
      await markIntegrationInvalid(deps, integrationId, 'credentials_rejected');
      return new AppError('PLATFORM.INPUT_INVALID', 'The tool rejected the integration\'s credentials. Reconnect it with a relink link.', {}, 403);
    case 'bad_data':
      return inputInvalid(err.message);
    case 'rate_limited':
      return new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', 'The tool is rate limiting requests. Try again later.');
    default:
      return err.message === 'The tool did not answer in time.'
        ? new AppError('PLATFORM.TASK_TIMED_OUT', err.message)
        : new AppError('PLATFORM.UNKNOWN_ERROR', `The tool could not be reached: ${err.message}`, {}, 502);
  }
}

/** `POST /passthrough/{tool}/{api}`: a raw request to the integration's tool, answered by its connector. */
export function passthroughHandler(deps: DomainDeps): RequestHandler {
  return async (req, res) => {
    const integration = integrationOf(req);
    const input = parseInput(body, req.body);
    const tool = String(req.params.tool);
    if (tool !== integration.tool) throw inputInvalid(`Path parameter 'tool' is '${tool}' but integration '${integration.id}' uses '${integration.tool}'.`);
    const source = deps.connectors.get(integration.tool)?.source;
    if (!source?.passthrough) throw inputInvalid(`Tool '${integration.tool}' has no passthrough API.`);
    const credentials = await loadIntegrationCredentials(deps, integration.id);
    const ctx = { integrationId: integration.id, credentials, now: deps.clock(), type: 'FULL' as const, since: null, runtime: deps.connectorRuntime };
    let result;
    try {
      result = await source.passthrough(ctx, {
        api: String(req.params.api), method: input.method, path: input.path, headers: input.headers ?? {}, params: input.params ?? {}, data: input.data,
      });
    } catch (err) {
      if (err instanceof UnknownPassthroughApiError) throw inputInvalid(`Invalid path parameter 'api': ${err.message}`);
      if (err instanceof RemoteError) throw await passthroughFailure(deps, integration.id, err);
      throw err;
    }
    const warnings = result.warnings.map((message) => ({ message }));
    if (input.multipart_form_data) warnings.push({ message: 'multipart_form_data is not supported by this tool and was ignored.' });
    const data = input.response_as_base64 ? Buffer.from(JSON.stringify(result.data)).toString('base64') : result.data;
    ok(res, { url: result.url, status: result.status, headers: result.headers, data }, { warnings });
  };
}
