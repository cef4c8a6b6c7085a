import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db.ts';
import type { Database, IntegrationStatus, SetupStatus } from '../schema.ts';
import type { IntegrationRow } from './integrations.ts';

/** Where a page of the console's integrations list starts: after this (created_at, id), newest first. */
export interface IntegrationCursor {
  createdAt: Date;
  id: string;
}

/** One environment's integrations, narrowed by the console's search box and filters. */
export interface IntegrationFilter {
  environmentId: string;
  /** Organisation name or end-user email (contains, any case), integration or origin ID (starts with). */
  search?: string;
  tool?: string;
  status?: IntegrationStatus;
  setupStatus?: SetupStatus;
  inactiveReason?: 'MANUAL' | 'STALE';
}

/** `%` and `_` are LIKE wildcards; a search for them means the characters themselves. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Db, f: IntegrationFilter) {
  let query = db
    .selectFrom('integrations')
    .innerJoin('environments', 'environments.id', 'integrations.environment_id')
    .where('integrations.environment_id', '=', f.environmentId);
  if (f.tool !== undefined) query = query.where('integrations.tool', '=', f.tool);
  if (f.status !== undefined) query = query.where('integrations.status', '=', f.status);
  if (f.setupStatus !== undefined) query = query.where('integrations.setup_status', '=', f.setupStatus);
  if (f.inactiveReason !== undefined) query = query.where('integrations.inactive_reason', '=', f.inactiveReason);
  const search = f.search?.trim();
  if (search) {
    const contains = `%${likeLiteral(search.toLowerCase())}%`;
    const prefix = `${likeLiteral(search)}%`;
    query = query.where((eb: ExpressionBuilder<Database, 'integrations' | 'environments'>) =>
      eb.or([
        eb(eb.fn('lower', ['integrations.end_user_organization_name']), 'like', contains),
        eb(eb.fn('lower', ['integrations.end_user_email']), 'like', contains),
        eb('integrations.id', 'like', prefix),
        eb('integrations.end_user_origin_id', 'like', prefix),
      ]),
    );
  }
  return query;
}

/**
 * One page of matching integrations, newest first, starting after `after` (keyset paging: every page
 * costs the same however deep it is). Asks for `limit + 1` rows so the caller knows whether more follow.
 */
export async function searchIntegrationRows(db: Db, f: IntegrationFilter, limit: number, after?: IntegrationCursor): Promise<IntegrationRow[]> {
  let query = filtered(db, f)
    .selectAll('integrations')
    .select(['environments.kind as environment_kind', 'environments.tenant_id']);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('integrations.created_at', '<', after.createdAt),
        eb.and([eb('integrations.created_at', '=', after.createdAt), eb('integrations.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('integrations.created_at', 'desc').orderBy('integrations.id', 'desc').limit(limit + 1).execute();
}

/** How many integrations match (all pages together). */
export async function countIntegrationRows(db: Db, f: IntegrationFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The tools an environment's integrations use (for the tool filter), alphabetically. */
export async function listIntegrationTools(db: Db, environmentId: string): Promise<string[]> {
  const rows = await db.selectFrom('integrations').select('tool').distinct().where('environment_id', '=', environmentId).orderBy('tool').execute();
  return rows.map((r) => r.tool);
}
