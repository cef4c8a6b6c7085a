import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear: credentials, tokens and keys never reach a log line. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.api_key',
  '*.apiKey',
  '*.key',
  '*.token',
  '*.credentials',
  '*.activation_token',
];

/** Creates the process logger. `destination` lets tests capture every line written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[REDACTED]' } }, destination);
}

/** Query parameters whose values are secrets (`code` and `state` of OAuth callbacks included). */
const SECRET_QUERY = /([?&](?:token|key|api_key|activation_token|secret|code|state)=)[^&#]*/gi;
/** Path segments that carry tokens: `/connect/integration-by-token/<token>`, `/flow/v1/links/<token>/...`. */
const SECRET_PATH = /(\/(?:integration-by-token|links|t)\/)[^/?#]+/g;

/** A URL with token-bearing path segments and query values replaced, safe to log. */
export function scrubUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[REDACTED]').replace(SECRET_QUERY, '$1[REDACTED]');
}
