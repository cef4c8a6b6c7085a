import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../logger.ts';
import { scrubUrl } from './scrub-url.ts';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Request ids (a well-formed incoming `X-Request-Id` is kept, otherwise a new UUID, echoed back) and one
 * structured log line per request. Only method, scrubbed URL, status and timing are logged: never bodies,
 * and the Authorization header is redacted by the logger itself.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: scrubUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // The status decides, not an error object: a client's mistake (4xx) is a warning, never an error line.
    customLogLevel: (_req, res, err) => (res.statusCode >= 500 ? 'error' : res.statusCode >= 400 || err ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' },
  });
}
