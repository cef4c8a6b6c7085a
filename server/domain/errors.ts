/** Error codes of the Kombo `ErrorResponseGeneral` schema: the only ones general endpoints may answer. */
export const PLATFORM_CODES = [
  'PLATFORM.RATE_LIMIT_EXCEEDED',
  'PLATFORM.CONCURRENCY_LIMIT_EXCEEDED',
  'PLATFORM.INTEGRATION_NOT_FOUND',
  'PLATFORM.INPUT_INVALID',
  'PLATFORM.UNKNOWN_ERROR',
  'PLATFORM.IP_NOT_WHITELISTED',
  'PLATFORM.AUTHENTICATION_INVALID',
  'PLATFORM.TASK_TIMED_OUT',
] as const;

/** Extra codes of `ErrorResponseHRIS`. */
export const HRIS_CODES = [
  'INTEGRATION.PERMISSION_MISSING',
  'INTEGRATION.AUTHENTICATION_INVALID',
  'INTEGRATION.QA_FAILED',
  'INTEGRATION.SETUP_SYNC_PENDING',
  'INTEGRATION.SETUP_INCOMPLETE',
  'INTEGRATION.INACTIVE',
  'INTEGRATION.MODEL_NOT_AVAILABLE',
  'INTEGRATION.MODEL_DISABLED',
  'INTEGRATION.ACTION_NOT_AVAILABLE',
  'INTEGRATION.ACTION_DISABLED',
  'REMOTE.SERVICE_UNAVAILABLE',
  'REMOTE.RATE_LIMIT_EXCEEDED',
  'REMOTE.INPUT_INVALID',
  'REMOTE.UNKNOWN_HTTP_ERROR',
  'HRIS.EMPLOYEE_ALREADY_EXISTS',
] as const;

/** Codes used only by Plugboard's own flow API (never on a Kombo-compatible route). */
export const FLOW_CODES = ['FLOW.LINK_INVALID', 'FLOW.LINK_EXPIRED', 'FLOW.LINK_USED'] as const;

/** Codes used only by the console's own API under `/dashboard/api` (never on a Kombo-compatible route). */
export const CONSOLE_CODES = [
  'CONSOLE.FORBIDDEN',
  'CONSOLE.CSRF_INVALID',
  'CONSOLE.TOKEN_INVALID',
  'CONSOLE.TOKEN_EXPIRED',
  'CONSOLE.TOKEN_USED',
  'CONSOLE.USER_EXISTS',
  'CONSOLE.LAST_ADMIN',
] as const;

export type PlatformCode = (typeof PLATFORM_CODES)[number];
export type HrisCode = (typeof HRIS_CODES)[number];
export type FlowCode = (typeof FLOW_CODES)[number];
export type ConsoleCode = (typeof CONSOLE_CODES)[number];
export type ErrorCode = PlatformCode | HrisCode | FlowCode | ConsoleCode;

/** A failure with a Kombo error code; mapped to the envelope in exactly one place (the HTTP error handler). */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;
  /** Overrides the code's usual HTTP status where HTTP itself has a better one (404 route, 413, 415). */
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}, status?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.headers = headers;
    this.status = status;
  }
}

/** Shorthand for the most common failure: bad input naming what is wrong. */
export const inputInvalid = (message: string) => new AppError('PLATFORM.INPUT_INVALID', message);
