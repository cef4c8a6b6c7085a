import { sql } from 'kysely';
import type { Db } from '../db.ts';
import type { IntegrationStatus } from '../schema.ts';

/** An integration as the overview lists it. */
export interface OverviewIntegrationRow {
  id: string;
  tool: string;
  end_user_organization_name: string;
  status: IntegrationStatus;
  last_api_request_at: Date;
}

const integrationColumns = ['integrations.id', 'integrations.tool', 'integrations.end_user_organization_name', 'integrations.status', 'integrations.last_api_request_at'] as const;

/** How many integrations of an environment have each status. */
export async function countIntegrationsByStatus(db: Db, environmentId: string): Promise<{ status: IntegrationStatus; n: number }[]> {
  const rows = await db
    .selectFrom('integrations')
    .select(['status', sql<string>`count(*)::text`.as('n')])
    .where('environment_id', '=', environmentId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

/** An environment's INVALID integrations (credentials the tool refused), most recently changed first. */
export async function listInvalidIntegrations(db: Db, environmentId: string, limit: number): Promise<OverviewIntegrationRow[]> {
  return db
    .selectFrom('integrations')
    .select(integrationColumns)
    .where('environment_id', '=', environmentId)
    .where('status', '=', 'INVALID')
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Integrations whose latest sync run failed, with that run's end and error. */
export async function listLastSyncFailed(
  db: Db,
  environmentId: string,
  limit: number,
): Promise<(OverviewIntegrationRow & { finished_at: Date | null; error: string | null })[]> {
  const latest = db
    .selectFrom('sync_runs')
    .innerJoin('integrations', 'integrations.id', 'sync_runs.integration_id')
    .distinctOn('sync_runs.integration_id')
    .select([...integrationColumns, 'sync_runs.status as run_status', 'sync_runs.finished_at', 'sync_runs.error'])
    .where('integrations.environment_id', '=', environmentId)
    .orderBy('sync_runs.integration_id')
    .orderBy('sync_runs.queued_at', 'desc')
    .as('latest');
  return db
    .selectFrom(latest)
    .select(['id', 'tool', 'end_user_organization_name', 'status', 'last_api_request_at', 'finished_at', 'error'])
    .where('run_status', '=', 'FAILED')
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
}

/** ACTIVE integrations of an environment without an API request since `idleSince`, the longest idle first. */
export async function listIdleIntegrations(db: Db, environmentId: string, idleSince: Date, limit: number): Promise<OverviewIntegrationRow[]> {
  return db
    .selectFrom('integrations')
    .select(integrationColumns)
    .where('environment_id', '=', environmentId)
    .where('status', '=', 'ACTIVE')
    .where('last_api_request_at', '<', idleSince)
    .orderBy('last_api_request_at', 'asc')
    .limit(limit)
    .execute();
}
