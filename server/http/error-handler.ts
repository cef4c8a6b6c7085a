import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { ERROR_TABLE } from './error-table.ts';

/** Errors thrown by body-parser carry these; they are the client's fault, not ours. */
interface ParserError {
  type?: string;
  status?: number;
}

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
      return null;
  }
}

/**
 * The only place besides `ok()` that writes a response: every failure becomes the Kombo error envelope
 * with all four keys. Unknown errors are logged with the request id and answered without any detail.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let error: AppError;
  let status: number;
  const parsed = fromParserError(err as ParserError);
  if (err instanceof AppError) {
    error = err;
    status = err.status ?? ERROR_TABLE[err.code].status;
  } else if (parsed) {
    ({ error, status } = parsed);
  } else {
    req.log?.error({ err, requestId: req.id }, 'unhandled error');
    error = new AppError('PLATFORM.UNKNOWN_ERROR', `An unexpected error occurred. Reference: ${String(req.id)}.`);
    status = 500;
  }
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(status).json({
    status: 'error',
    error: { code: error.code, title: ERROR_TABLE[error.code].title, message: error.message, log_url: null },
  });
};

/** Any route nobody answered: a JSON 404, never Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('PLATFORM.INPUT_INVALID', `No route ${req.method} ${req.path}.`, {}, 404));
};
