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
  return pino({ level, redact: { paths: REDACT, censor: '[REDACTED]' }, formatters: { log: withSafeErrors } }, destination);
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

/** SQLSTATE: five digits or capitals. Database errors carry one; their messages and details may quote values. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The statement's kind (`INSERT`, `SELECT`, ...), its first keyword, never its text. */
const statementKind = (query: unknown) => (typeof query === 'string' ? /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() : undefined);

/**
 * An error as it may be logged. A database error keeps only its code, severity, table, column, constraint and
 * statement kind: its message, detail, query parameters (PGlite attaches the whole batch) and stack header can
 * all hold record values. Other errors keep type, message, code and stack. Causes are followed.
 */
export function safeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name };
  if (typeof e.code === 'string' && SQLSTATE.test(e.code) && ('severity' in e || 'query' in e)) {
    for (const key of ['code', 'severity', 'table', 'column', 'constraint'] as const) if (typeof e[key] === 'string') out[key] = e[key];
    out.kind = statementKind(e.query);
    out.stack = e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  } else {
    out.message = e.message;
    if (e.code !== undefined) out.code = e.code;
    out.stack = e.stack;
  }
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** pino `formatters.log`: runs before any serializer, so no logger can print a raw error. */
function withSafeErrors(obj: Record<string, unknown>): Record<string, unknown> {
  let safe = obj;
  for (const [key, value] of Object.entries(obj)) {
    if (value instanceof Error) {
      if (safe === obj) safe = { ...obj };
      safe[key] = safeError(value);
    }
  }
  return safe;
}
