import type { Db } from '../../store/db.ts';
import {
  findRequestLogRow,
  insertRequestLogRows,
  listRequestLogRows,
  type RequestLogFilter,
  type RequestLogRow,
} from '../../store/queries/request-logs.ts';
import { AppError } from '../errors.ts';
import type { RequestLogEntry } from './request-log-writer.ts';

export type { RequestLogFilter };

/** A request log entry as the console shows it: as recorded, with its key's display prefix. */
export interface RequestLogRecord extends RequestLogEntry {
  /** The key's display prefix, null once the key no longer exists. */
  keyPrefix: string | null;
}

/** One page of entries, newest first, and the cursor of the next (older) page. */
export interface RequestLogPage {
  results: RequestLogRecord[];
  nextCursor: string | null;
}

/** Entries per page. @default 50 */
export const REQUEST_LOG_PAGE_SIZE = 50;

const toRecord = (r: RequestLogRow): RequestLogRecord => ({
  requestId: r.request_id,
  environmentId: r.environment_id,
  at: r.at,
  method: r.method,
  path: r.path,
  status: r.status,
  latencyMs: r.latency_ms,
  apiKeyId: r.api_key_id,
  keyPrefix: r.key_prefix,
  integrationId: r.integration_id,
});

/** The store side of the batching writer: one multi-row insert per batch. */
export function requestLogInserter(db: Db): (entries: RequestLogEntry[]) => Promise<void> {
  return (entries) =>
    insertRequestLogRows(
      db,
      entries.map((e) => ({
        environment_id: e.environmentId,
        request_id: e.requestId,
        at: e.at,
        method: e.method,
        path: e.path,
        status: e.status,
        latency_ms: e.latencyMs,
        api_key_id: e.apiKeyId,
        integration_id: e.integrationId,
      })),
    );
}

/** An environment's entries matching `filter`, newest first, keyset-paged by `cursor`. */
export async function listRequestLogs(db: Db, environmentId: string, filter: RequestLogFilter, limit = REQUEST_LOG_PAGE_SIZE): Promise<RequestLogPage> {
  const rows = await listRequestLogRows(db, environmentId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { results: page.map(toRecord), nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null };
}

/** The entry of one request in an environment; 404 while it is not (yet) written or was pruned. */
export async function getRequestLog(db: Db, environmentId: string, requestId: string): Promise<RequestLogRecord> {
  const row = await findRequestLogRow(db, environmentId, requestId);
  if (!row) throw new AppError('PLATFORM.INPUT_INVALID', `No log entry for request '${requestId}' in this environment (yet: entries are written within a second).`, {}, 404);
  return toRecord(row);
}
