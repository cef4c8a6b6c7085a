import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors.ts';

/**
 * `OPTIONS` anywhere: the envelope (405) instead of Express's automatic `200 GET,HEAD` text. The API is
 * called from vendors' backends and the flow from its own origin, so no CORS preflight is ever answered.
 */
export const rejectOptions: RequestHandler = (req, _res, next) => {
  if (req.method !== 'OPTIONS') {
    next();
    return;
  }
  next(new AppError('PLATFORM.INPUT_INVALID', `Method OPTIONS is not supported on ${req.path}: call the API from a backend (no CORS).`, {}, 405));
};
