import { z } from 'zod';
import type { AuditFilter } from '../../domain/audit-search.ts';
import type { RequestLogFilter } from '../../domain/request-logs/request-logs.ts';
import { parseInput } from './zod-input.ts';

const text = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));
const time = z.iso.datetime({ offset: true }).optional().transform((v) => (v ? new Date(v) : undefined));
const STATUS_CLASS = /^[1-5]xx$/;

/** `GET /dashboard/api/environments/:environment/logs` query: filters and the keyset cursor. */
export function parseLogQuery(query: unknown): RequestLogFilter {
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
    }),
    query,
    'query',
  );
  const classFrom = q.status_class ? Number(q.status_class[0]) * 100 : undefined;
  const exact = q.status ? Number(q.status) : undefined;
  return {
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
}

/** `GET /dashboard/api/audit` (and `/audit.csv`) query: filters and the keyset cursor. */
export function parseAuditQuery(query: unknown): AuditFilter {
  const q = parseInput(
    z.object({
      actor: text(200),
      action: text(200),
      target_type: text(100),
      target_id: text(200),
      from: time,
      to: time,
      cursor: z.string().regex(/^\d{1,15}$/, 'must be the next_cursor of a previous page').optional(),
    }),
    query,
    'query',
  );
  return {
    actor: q.actor,
    action: q.action,
    targetType: q.target_type,
    targetId: q.target_id,
    from: q.from,
    to: q.to,
    beforeSeq: q.cursor === undefined ? undefined : Number(q.cursor),
  };
}

/** `PUT /dashboard/api/environments/:environment/log-retention`. */
export const parseRetentionBody = (body: unknown) => parseInput(z.object({ days: z.number().int().min(1).max(365) }), body);
