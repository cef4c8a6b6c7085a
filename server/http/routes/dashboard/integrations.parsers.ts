import { z } from 'zod';
import type { IntegrationFilter } from '../../../domain/integration-search.ts';
import { parseInput } from '../../parsers/zod-input.ts';

/** Rows per page of the integrations list unless `page_size` says otherwise. */
export const DEFAULT_PAGE_SIZE = 25;

const listQuery = z.object({
  search: z.string().max(200).optional(),
  tool: z.string().min(1).max(100).optional(),
  status: z.enum(['ACTIVE', 'INVALID', 'INACTIVE']).optional(),
  setup_status: z.enum(['INCOMPLETE', 'FINAL_SYNC_PENDING', 'COMPLETED']).optional(),
  inactive_reason: z.enum(['MANUAL', 'STALE']).optional(),
  cursor: z.string().min(1).max(500).optional(),
  page_size: z
    .string()
    .regex(/^([1-9]|[1-9]\d|100)$/, 'must be an integer between 1 and 100')
    .transform(Number)
    .optional(),
});

/** `GET /dashboard/api/environments/:environment/integrations` query: search, filters and the page. */
export function parseIntegrationListQuery(query: unknown): { filter: Omit<IntegrationFilter, 'environmentId'>; limit: number; cursor?: string } {
  const q = parseInput(listQuery, query, 'query parameters');
  return {
    filter: { search: q.search, tool: q.tool, status: q.status, setupStatus: q.setup_status, inactiveReason: q.inactive_reason },
    limit: q.page_size ?? DEFAULT_PAGE_SIZE,
    cursor: q.cursor,
  };
}

/** `PUT .../integrations/:id/enabled`. */
export const parseEnabledBody = (body: unknown) => parseInput(z.object({ value: z.boolean() }), body).value;

/** `DELETE .../integrations/:id`: the organisation name or integration ID the user typed. */
export const parseDeleteConfirmationBody = (body: unknown) => parseInput(z.object({ confirmation: z.string().min(1).max(500) }), body).confirmation;
