/** A request slower than this is logged at info even when it succeeds. @default 1000 */
export const SLOW_REQUEST_MS = 1_000;

export type RequestLogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The level of a request's log line. The status decides, never an error object: a server fault (5xx)
 * is an error, a client's mistake (4xx) a warning, a slow answer is worth an info line, and every other
 * request is routine: debug, so the default `LOG_LEVEL=info` keeps the start-up lines readable
 * (`LOG_LEVEL=debug` shows every request).
 */
export function requestLogLevel(status: number, durationMs: number): RequestLogLevel {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return durationMs >= SLOW_REQUEST_MS ? 'info' : 'debug';
}
