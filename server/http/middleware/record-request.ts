import type { Request, RequestHandler, Response } from 'express';
import type { RequestLogWriter } from '../../domain/request-logs/request-log-writer.ts';
import { scrubPath } from './scrub-url.ts';

/** Integration ids as the log keeps them; anything else a client sends in the header is not recorded. */
const INTEGRATION_ID = /^[A-Za-z0-9:._-]{1,100}$/;
const INTEGRATIONS_PREFIX = '/v1/integrations/';
const PATH_INTEGRATION = /^\/v1\/integrations\/([^/?]+)/;
const MAX_PATH = 2_000;

/** The integration a request concerns: the one `requireIntegration` resolved, else its path's, else its header's. */
function integrationIdOf(req: Request, path: string): string | null {
  if (req.integration) return req.integration.id;
  const fromPath = path.startsWith(INTEGRATIONS_PREFIX) ? PATH_INTEGRATION.exec(path)?.[1] : undefined;
  let candidate: string | undefined;
  try {
    candidate = fromPath === undefined ? undefined : decodeURIComponent(fromPath);
  } catch {
    candidate = undefined;
  }
  const header = req.headers['x-integration-id'];
  candidate ??= typeof header === 'string' ? header.trim() : undefined;
  return candidate !== undefined && INTEGRATION_ID.test(candidate) ? candidate : null;
}

/** The path as logged: with ids, token segments scrubbed, never the query string. */
export function loggedPath(originalUrl: string): string {
  const queryAt = originalUrl.indexOf('?');
  return scrubPath(queryAt === -1 ? originalUrl : originalUrl.slice(0, queryAt)).slice(0, MAX_PATH);
}

/**
 * Records every authenticated `/v1` request in the request log when its response has been sent (the
 * writer only buffers it), and lets the error handler link an error to its entry (`log_url`).
 * Mounted first on `/v1` so that latency includes authentication; requests without a principal (no
 * environment known) are not recorded.
 */
export function recordRequests(deps: { requestLog?: RequestLogWriter; config: { publicUrl: string }; clock: () => Date }): RequestHandler {
  return (req, res, next) => {
    const writer = deps.requestLog;
    if (!writer) return next();
    const started = performance.now();
    res.locals.requestLogBaseUrl = deps.config.publicUrl;
    res.on('finish', () => {
      const principal = req.principal;
      if (!principal) return;
      const path = loggedPath(req.originalUrl);
      writer.record({
        environmentId: principal.environmentId,
        requestId: String(req.id),
        at: deps.clock(),
        method: req.method,
        path,
        status: res.statusCode,
        latencyMs: Math.round(performance.now() - started),
        apiKeyId: principal.keyId,
        integrationId: integrationIdOf(req, path),
      });
    });
    next();
  };
}

/** The console URL of a recorded request's entry, or null when the request is not recorded. */
export function logUrlOf(req: Request, res: Response): string | null {
  const base = res.locals.requestLogBaseUrl as string | undefined;
  if (!base || !req.principal) return null;
  return `${base.replace(/\/+$/, '')}/dashboard/logs/${encodeURIComponent(String(req.id))}`;
}
