import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../logger.ts';
import { requestLogLevel } from './request-log-level.ts';
import { scrubUrl } from './scrub-url.ts';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id (a well-formed incoming `X-Request-Id`, or a new UUID); echoed in `X-Request-Id`. */
    id: string;
    /** The process logger: lines about a request name its `requestId` themselves (no per-request child logger). */
    log: Logger;
  }
}

/** A middleware that also exposes the logger its lines go to. */
export type RequestLogging = ((req: Request, res: Response, next: NextFunction) => void) & { logger: Logger };

/**
 * Request ids (a well-formed incoming `X-Request-Id` is kept, otherwise a new UUID, echoed back) and one
 * structured log line per request, written when the response is done. Only method, scrubbed URL, status
 * and timing are logged: never bodies, and the Authorization header is redacted by the logger itself.
 * Nothing is built per request but the id and the line itself: a child logger per request (as pino-http
 * makes) costs more than the rest of a small request.
 */
export function requestLogging(logger: Logger): RequestLogging {
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    req.id = id;
    req.log = logger;
    res.setHeader('X-Request-Id', id);
    if (req.url === '/healthz') {
      next();
      return;
    }
    const started = performance.now();
    res.once('close', () => {
      const aborted = !res.writableFinished;
      const routine = requestLogLevel(res.statusCode, performance.now() - started);
      // A request the client gave up on is worth a warning, unless it already failed on our side.
      const level = aborted && routine !== 'error' ? 'warn' : routine;
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({
        req: { id, method: req.method, url: scrubUrl(req.originalUrl), remoteAddress: req.socket.remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      }, aborted ? 'request aborted' : res.statusCode >= 500 ? 'request errored' : 'request completed');
    });
    next();
  };
  return Object.assign(middleware, { logger });
}
