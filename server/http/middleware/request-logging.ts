import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../logger.ts';
import { requestLogLevel } from './request-log-level.ts';
import { scrubUrl } from './scrub-url.ts';

/** When each request arrived (its log line's level depends on how long it took). */
const arrivals = new WeakMap<IncomingMessage, number>();

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
      arrivals.set(req, performance.now());
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
    customLogLevel: (req, res) => requestLogLevel(res.statusCode, performance.now() - (arrivals.get(req) ?? performance.now())),
    autoLogging: { ignore: (req) => req.url === '/healthz' },
  });
}
