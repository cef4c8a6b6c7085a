import type { Db } from '../store/db.ts';
import {
  countIntegrationRows,
  type IntegrationCursor,
  type IntegrationFilter,
  listIntegrationTools,
  searchIntegrationRows,
} from '../store/queries/integration-search.ts';
import { inputInvalid } from './errors.ts';
import { type IntegrationRecord, toIntegrationRecord } from './integrations.ts';

export type { IntegrationFilter };

/** One page of the console's integrations list. */
export interface IntegrationPage {
  results: IntegrationRecord[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
  /** How many integrations match, over all pages. */
  total: number;
  /** Every tool the environment's integrations use (the tool filter's choices). */
  tools: string[];
}

/** The opaque cursor the client sends back: the last row's (created_at, id), base64url. */
export function encodeIntegrationCursor(c: IntegrationCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

/** Reads a cursor of {@link encodeIntegrationCursor}; anything else is INPUT_INVALID. */
export function decodeIntegrationCursor(cursor: string): IntegrationCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // Falls through to the one answer for every malformed cursor.
  }
  throw inputInvalid('Invalid cursor: use the next value of the previous page, unchanged.');
}

/**
 * A page of an environment's integrations matching `filter`, newest first. The database does the
 * filtering, counting and paging (indexes of 0012-console-integrations): nothing loads every row.
 */
export async function searchIntegrations(db: Db, filter: IntegrationFilter, page: { limit: number; cursor?: string }): Promise<IntegrationPage> {
  const after = page.cursor === undefined ? undefined : decodeIntegrationCursor(page.cursor);
  const [rows, total, tools] = await Promise.all([
    searchIntegrationRows(db, filter, page.limit, after),
    countIntegrationRows(db, filter),
    listIntegrationTools(db, filter.environmentId),
  ]);
  const results = rows.slice(0, page.limit).map(toIntegrationRecord);
  const last = results.at(-1);
  return { results, next: rows.length > page.limit && last ? encodeIntegrationCursor({ createdAt: last.createdAt, id: last.id }) : null, total, tools };
}
