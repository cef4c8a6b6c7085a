import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { storeFault } from '../store/store-errors.ts';
import { ERROR_TABLE } from './error-table.ts';
import { logUrlOf } from './middleware/record-request.ts';

/** Errors thrown by body-parser carry these; they are the client's fault, not ours. */
interface ParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** How long a client should wait before retrying while the store is away. */
const STORE_RETRY_AFTER_S = '5';

function fromParserError(err: ParserError): { error: AppError; status: number } | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return { error: new AppError('PLATFORM.INPUT_INVALID', 'The request body is not valid JSON.'), status: 400 };
    case 'entity.too.large':
      return { error: new AppError('PLATFORM.INPUT_INVALID', 'The request body is too large.'), status: 413 };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { error: new AppError('PLATFORM.INPUT_INVALID', 'The request body encoding is not supported.'), status: 415 };
    case 'request.aborted':
      return { error: new AppError('PLATFORM.INPUT_INVALID', 'The request was aborted.'), status: 400 };
    default:
      // Other client errors raised by Express and its parsers (a malformed `%` escape in the path, a body
      // that does not match its Content-Encoding) carry a 4xx status and a message safe to show.
      if (err.expose && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        return { error: new AppError('PLATFORM.INPUT_INVALID', clientMessage(err)), status: err.status };
      }
      return null;
  }
}

function clientMessage(err: ParserError & { message?: string }): string {
  if (/^Failed to decode param/.test(err.message ?? '')) return 'The request path contains a malformed percent-encoding.';
  if (/incorrect header check|unexpected end of file|invalid (?:block|distance|stored|code)|Decompression failed|zlib|brotli/i.test(err.message ?? '')) {
    return 'The request body does not match its Content-Encoding.';
  }
  return err.message ?? 'The request is invalid.';
}

/** A store that is away, frozen or full: 503 with Retry-After, logged as a warning without any record value. */
function fromStoreFault(err: unknown, requestId: unknown): AppError | null {
  const fault = storeFault(err);
  if (!fault) return null;
  const what = fault === 'disk_full' ? 'The store cannot save data right now (no disk space left).' : 'The store is temporarily unreachable.';
  return new AppError('PLATFORM.UNKNOWN_ERROR', `${what} Retry later. Reference: ${String(requestId)}.`, { 'Retry-After': STORE_RETRY_AFTER_S }, 503);
}

/**
 * The only place besides `ok()` that writes a response: every failure becomes the Kombo error envelope
 * with all four keys. Unknown errors are logged with the request id and answered without any detail.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let error: AppError;
  let status: number;
  const parsed = fromParserError(err as ParserError);
  const storeDown = err instanceof AppError ? null : fromStoreFault(err, req.id);
  if (err instanceof AppError) {
    error = err;
    status = err.status ?? ERROR_TABLE[err.code].status;
  } else if (parsed) {
    ({ error, status } = parsed);
  } else if (storeDown) {
    const disk = storeFault(err) === 'disk_full';
    req.log?.warn({ err, requestId: req.id }, disk ? 'the store has no disk space left: writes fail until space is freed' : 'store unavailable');
    error = storeDown;
    status = 503;
  } else {
    req.log?.error({ err, requestId: req.id }, 'unhandled error');
    error = new AppError('PLATFORM.UNKNOWN_ERROR', `An unexpected error occurred. Reference: ${String(req.id)}.`);
    status = 500;
  }
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(status).json(errorBody(error, logUrlOf(req, res)));
};

/**
 * The Kombo error envelope of an AppError, with all four keys (also written raw by the HTTP server's own
 * answers). `logUrl`: the console entry of a recorded `/v1` request, else null.
 */
export function errorBody(error: AppError, logUrl: string | null = null) {
  return {
    status: 'error',
    error: { code: error.code, title: ERROR_TABLE[error.code].title, message: error.message, log_url: logUrl },
  } as const;
}

/** Any route nobody answered: a JSON 404, never Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('PLATFORM.INPUT_INVALID', `No route ${req.method} ${req.path}.`, {}, 404));
};
