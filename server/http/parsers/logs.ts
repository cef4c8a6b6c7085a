import { z } from 'zod';
import type { AuditFilter } from '../../domain/audit-search.ts';
import type { RequestLogFilter } from '../../domain/request-logs/request-logs.ts';
import { parseInput } from './zod-input.ts';

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
const time = z.iso.datetime({ offset: true }).optional().transform((v) => (v ? new Date(v) : undefined));
const STATUS_CLASS = /^[1-5]xx$/;
const limit = z.string().regex(/^(?:[1-9]|[1-9]\d|1\d\d|200)$/, 'must be an integer between 1 and 200').optional().transform((v) => (v ? Number(v) : 50));

/** `GET /dashboard/api/environments/:environment/logs` query: filters, the keyset cursor and the page size (default 50). */
export function parseLogQuery(query: unknown): { filter: RequestLogFilter; limit: number } {
  const q = parseInput(
    z.object({
      status_class: z.string().regex(STATUS_CLASS, 'must be one of 1xx, 2xx, 3xx, 4xx, 5xx').optional(),
      status: z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status between 100 and 599').optional(),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
      path: text(500),
      integration_id: text(200),
      key_prefix: text(100),
      from: time,
      to: time,
      cursor: z.string().regex(/^\d{1,19}$/, 'must be the next_cursor of a previous page').optional(),
      limit,
    }),
    query,
    'query',
  );
  const classFrom = q.status_class ? Number(q.status_class[0]) * 100 : undefined;
  const exact = q.status ? Number(q.status) : undefined;
  const filter: RequestLogFilter = {
    statusFrom: exact ?? classFrom,
    statusTo: exact ?? (classFrom === undefined ? undefined : classFrom + 99),
    method: q.method,
    pathContains: q.path,
    integrationId: q.integration_id,
    keyPrefix: q.key_prefix,
    from: q.from,
    to: q.to,
    beforeSeq: q.cursor,
  };
  return { filter, limit: q.limit };
}

/** `GET /dashboard/api/audit` query: filters, the keyset cursor, the page size (default 50) and the format (JSON or a CSV download). */
export function parseAuditQuery(query: unknown): { filter: AuditFilter; limit: number; format: 'json' | 'csv' } {
  const q = parseInput(
    z.object({
      actor: text(200),
      action: text(200),
      target_type: text(100),
      target_id: text(200),
      from: time,
      to: time,
      cursor: z.string().regex(/^\d{1,15}$/, 'must be the next_cursor of a previous page').optional(),
      limit,
      format: z.enum(['json', 'csv']).default('json'),
    }),
    query,
    'query',
  );
  const filter: AuditFilter = {
    actor: q.actor,
    action: q.action,
    targetType: q.target_type,
    targetId: q.target_id,
    from: q.from,
    to: q.to,
    beforeSeq: q.cursor === undefined ? undefined : Number(q.cursor),
  };
  return { filter, limit: q.limit, format: q.format };
}

/** `PUT /dashboard/api/environments/:environment/log-retention`. */
export const parseRetentionBody = (body: unknown) => parseInput(z.object({ days: z.number().int().min(1).max(365) }), body);
