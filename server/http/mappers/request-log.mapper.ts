import type { AuditRecord } from '../../domain/audit.ts';
import type { EnvironmentOverview, OverviewIntegration } from '../../domain/overview.ts';
import type { RequestLogRecord } from '../../domain/request-logs/request-logs.ts';

/** A request log entry as the console API answers it. */
export function toApiRequestLog(r: RequestLogRecord) {
  return {
    request_id: r.requestId,
    at: r.at.toISOString(),
    method: r.method,
    path: r.path,
    status: r.status,
    latency_ms: r.latencyMs,
    api_key_id: r.apiKeyId,
    key_prefix: r.keyPrefix,
    integration_id: r.integrationId,
  };
}

const toApiOverviewIntegration = (i: OverviewIntegration) => ({ id: i.id, tool: i.tool, end_user_organization_name: i.organizationName, status: i.status });

/** `GET /dashboard/api/environments/:environment/overview`. */
export function toApiOverview(o: EnvironmentOverview) {
  return {
    integration_counts: { active: o.counts.ACTIVE, invalid: o.counts.INVALID, inactive: o.counts.INACTIVE, total: o.counts.total },
    attention: {
      invalid_credentials: o.invalidCredentials.map(toApiOverviewIntegration),
      last_sync_failed: o.lastSyncFailed.map((i) => ({ ...toApiOverviewIntegration(i), failed_at: i.failedAt?.toISOString() ?? null, error: i.error })),
      soon_stale: o.soonStale.map((i) => ({ ...toApiOverviewIntegration(i), stale_at: i.staleAt.toISOString() })),
    },
    recent_errors: o.recentErrors.map(toApiRequestLog),
  };
}

const CSV_COLUMNS = ['at', 'actor', 'source', 'action', 'environment_id', 'target_type', 'target_id', 'before', 'after'] as const;

/**
 * One CSV cell: always quoted (quotes doubled), and a value a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with `'` so it stays text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The audit entries as CSV (RFC 4180, CRLF line ends, a header row), before/after as JSON text. */
export function toAuditCsv(entries: AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const cells = [e.at.toISOString(), e.actor, e.source, e.action, e.environmentId ?? '', e.targetType, e.targetId, e.before ? JSON.stringify(e.before) : '', e.after ? JSON.stringify(e.after) : ''];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
