import express, { type RequestHandler } from 'express';
import { AppError } from '../../domain/errors.ts';
import { rejectUnstorableBody } from './input-guard.ts';

/** Largest accepted JSON body. @default '100kb' */
export const JSON_BODY_LIMIT = '100kb';

const hasBody = (req: Parameters<RequestHandler>[0]) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * JSON bodies only: a request that carries a body must say `application/json`, otherwise 415 with the
 * error envelope; malformed or oversize JSON is reported by the error handler, and strings the store cannot
 * hold (NUL, lone surrogates) are refused with 400. One middleware: most API requests (GETs) carry no
 * body and pass it with a single check.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: JSON_BODY_LIMIT, strict: true });
  return (req, res, next) => {
    if (!hasBody(req)) {
      next();
      return;
    }
    if (!req.is('application/json')) {
      next(
        new AppError(
          'PLATFORM.INPUT_INVALID',
          `Unsupported Content-Type '${req.headers['content-type'] ?? '(none)'}'. Send JSON with 'Content-Type: application/json'.`,
          {},
          415,
        ),
      );
      return;
    }
    parse(req, res, (err?: unknown) => (err ? next(err) : rejectUnstorableBody(req, res, next)));
  };
}
