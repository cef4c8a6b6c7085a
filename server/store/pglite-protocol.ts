import type { MessagePort } from 'node:worker_threads';

/**
 * The messages between the thread that owns the embedded store (`pglite-thread.ts`) and its clients
 * (`pglite-remote.ts`), one request and one reply per statement or transaction step.
 */
export type PGliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'txQuery'; tx: number; sql: string; params: unknown[] }
  | { id: number; op: 'commit' | 'rollback'; tx: number };

/** One statement's outcome, as kysely's PGlite driver reads it. */
export interface PGliteRows {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export type PGliteReply = { id: number; result: unknown } | { id: number; error: SerializedError };

/** An error as it crosses threads: its message and its own fields (SQLSTATE `code`, `constraint`, ...). */
export type SerializedError = { message: string; name: string } & Record<string, unknown>;

/** Control messages from the owning process to the store's thread. */
export type PGliteControl = { type: 'connect'; port: MessagePort } | { type: 'close' };

/** Messages from the store's thread to the owning process. */
export type PGliteStatus = { type: 'ready' } | { type: 'failed'; error: SerializedError } | { type: 'closed' };

/** Keeps what a caller classifies errors by (code, detail, constraint) when an error crosses a thread. */
export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) if (typeof value !== 'function' && typeof value !== 'object') own[key] = value;
  return { ...own, name: err.name, message: err.message };
}

/** The error again on the receiving side, carrying the same fields. */
export function deserializeError(data: SerializedError): Error {
  const { message, name, ...fields } = data;
  const err = Object.assign(new Error(message), fields);
  err.name = name;
  return err;
}
