/**
 * What a store failure means for the caller, decided from the error alone: the database being away or
 * frozen (answer 503 and retry later), the disk being full, or anything else (a bug, answered 500).
 */
export type StoreFault = 'unavailable' | 'disk_full' | null;

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this query is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P|53[0-3]|58)/;
/** 57014 query_canceled (our statement_timeout), 55P03 lock_not_available (our lock_timeout). */
const TIMEOUT_SQLSTATE = new Set(['57014', '55P03']);
/** Socket-level errors of the PostgreSQL client. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Messages of `pg` and `pg-pool` for a lost, refused or frozen connection (they carry no code). */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed|Connection (?:terminated|ended))/;

function faultOf(err: unknown): StoreFault {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (err instanceof StoreUnavailableError) return code === 'ENOSPC' ? 'disk_full' : 'unavailable';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return 'disk_full';
  if (typeof code === 'string' && (UNAVAILABLE_ERRNO.has(code) || TIMEOUT_SQLSTATE.has(code))) return 'unavailable';
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE.test(code)) return 'unavailable';
  if (UNAVAILABLE_MESSAGE.test(err.message)) return 'unavailable';
  return null;
}

/** Classifies a store error, following `cause` chains (pg-pool wraps the socket error). */
export function storeFault(err: unknown): StoreFault {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const fault = faultOf(e);
    if (fault) return fault;
  }
  return null;
}

/** Thrown by the store itself when it cannot serve (e.g. the embedded store after a full disk). */
export class StoreUnavailableError extends Error {
  readonly code: string;
  constructor(message: string, code = 'EUNAVAILABLE') {
    super(message);
    this.name = 'StoreUnavailableError';
    this.code = code;
  }
}
