import type { Db } from '../store/db.ts';
import type { IntegrationStatus } from '../store/schema.ts';
import {
  countIntegrationsByStatus,
  listIdleIntegrations,
  listInvalidIntegrations,
  listLastSyncFailed,
  type OverviewIntegrationRow,
} from '../store/queries/overview.ts';
import type { Clock } from './deps.ts';
import { STALE_AFTER_MS } from './lifecycle.ts';
import { listRequestLogs, type RequestLogRecord } from './request-logs/request-logs.ts';
import type { EnvironmentRef } from './tools.ts';

/** A development integration this close to going stale is flagged. @default 3 days */
export const STALE_SOON_MS = 3 * 24 * 60 * 60 * 1000;

/** How many items each attention list and the recent errors show. @default 10 */
export const OVERVIEW_LIST_SIZE = 10;

export interface OverviewIntegration {
  id: string;
  tool: string;
  organizationName: string;
  status: IntegrationStatus;
}

/** What the console's overview shows for one environment. */
export interface EnvironmentOverview {
  counts: Record<IntegrationStatus, number> & { total: number };
  invalidCredentials: OverviewIntegration[];
  lastSyncFailed: (OverviewIntegration & { failedAt: Date | null; error: string | null })[];
  /** Development only: ACTIVE integrations that go INACTIVE (stale) at `staleAt` unless used. */
  soonStale: (OverviewIntegration & { staleAt: Date })[];
  recentErrors: RequestLogRecord[];
}

const toIntegration = (r: OverviewIntegrationRow): OverviewIntegration => ({ id: r.id, tool: r.tool, organizationName: r.end_user_organization_name, status: r.status });

/** Integration counts by status, what needs attention, and the latest `/v1` errors of an environment. */
export async function environmentOverview(deps: { db: Db; clock: Clock }, env: EnvironmentRef): Promise<EnvironmentOverview> {
  const id = env.environmentId;
  const now = deps.clock().getTime();
  const [counted, invalid, failed, idle, errors] = await Promise.all([
    countIntegrationsByStatus(deps.db, id),
    listInvalidIntegrations(deps.db, id, OVERVIEW_LIST_SIZE),
    listLastSyncFailed(deps.db, id, OVERVIEW_LIST_SIZE),
    // The staleness rule (lifecycle.ts) applies to development only.
    env.environment === 'development' ? listIdleIntegrations(deps.db, id, new Date(now - (STALE_AFTER_MS - STALE_SOON_MS)), OVERVIEW_LIST_SIZE) : Promise.resolve([]),
    listRequestLogs(deps.db, id, { statusFrom: 400 }, OVERVIEW_LIST_SIZE),
  ]);
  const counts = { ACTIVE: 0, INVALID: 0, INACTIVE: 0, total: 0 };
  for (const { status, n } of counted) {
    counts[status] = n;
    counts.total += n;
  }
  return {
    counts,
    invalidCredentials: invalid.map(toIntegration),
    lastSyncFailed: failed.map((r) => ({ ...toIntegration(r), failedAt: r.finished_at, error: r.error })),
    soonStale: idle.map((r) => ({ ...toIntegration(r), staleAt: new Date(r.last_api_request_at.getTime() + STALE_AFTER_MS) })),
    recentErrors: errors.results,
  };
}
