import pino, { type DestinationStream, type Logger } from 'pino';
import { build as prettyStream } from 'pino-pretty';

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

/**
 * The log stream of a server process on stdout: JSON lines for machines (the default when stdout is not
 * a terminal, or `LOG_FORMAT=json`), readable lines for people (a terminal, or `LOG_FORMAT=pretty`):
 * time, level and message, then the other fields. Writes are synchronous, so lines keep their order
 * around text printed directly (the start banner).
 */
export function logDestination(format: 'json' | 'pretty' | undefined, isTTY: boolean, dest: number | string = 1): DestinationStream {
  if ((format ?? (isTTY ? 'pretty' : 'json')) === 'json') return pino.destination({ dest, sync: true });
  return prettyStream({
    colorize: isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
    sync: true,
    destination: dest,
  });
}

/** Query parameters whose values are secrets. */
const SECRET_QUERY = /([?&](?:token|key|api_key|activation_token|secret)=)[^&#]*/gi;
/** Path segments that carry tokens: `/connect/integration-by-token/<token>`, `/flow/v1/links/<token>/...`. */
const SECRET_PATH = /(\/(?:integration-by-token|links|t)\/)[^/?#]+/g;

/** A URL with token-bearing path segments and query values replaced, safe to log. */
export function scrubUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[REDACTED]').replace(SECRET_QUERY, '$1[REDACTED]');
}
