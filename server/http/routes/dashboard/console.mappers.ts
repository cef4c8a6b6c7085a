import type { ApiKeyInfo } from '../../../domain/api-keys.ts';
import type { AuditRecord } from '../../../domain/audit.ts';
import type { ConsoleUser } from '../../../domain/console/user-record.ts';
import type { IntegrationRecord } from '../../../domain/integrations.ts';

export function toApiConsoleUser(u: ConsoleUser) {
  return { id: u.id, email: u.email, role: u.role, status: u.status, created_at: u.createdAt.toISOString(), updated_at: u.updatedAt.toISOString() };
}

/** A key as the console lists it: never the key itself; `createdBy` from its audited creation. */
export function toApiConsoleKey(k: ApiKeyInfo, createdBy: string | null = null) {
  return {
    id: k.id,
    environment: k.environment,
    name: k.name,
    display_prefix: k.displayPrefix,
    created_at: k.createdAt.toISOString(),
    expires_at: k.expiresAt?.toISOString() ?? null,
    disabled_at: k.disabledAt?.toISOString() ?? null,
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    ip_allowlist: k.ipAllowlist,
    created_by: createdBy,
  };
}

export function toApiConsoleIntegration(r: IntegrationRecord) {
  return {
    id: r.id,
    tool: r.tool,
    category: r.category,
    status: r.status,
    inactive_reason: r.inactiveReason,
    setup_status: r.setupStatus,
    end_user_organization_name: r.endUser.organizationName,
    end_user_email: r.endUser.email,
    end_user_origin_id: r.endUser.originId,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    last_api_request_at: r.lastApiRequestAt.toISOString(),
  };
}

export function toApiAuditEntry(e: AuditRecord) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    source: e.source,
    action: e.action,
    environment_id: e.environmentId,
    target_type: e.targetType,
    target_id: e.targetId,
    before: e.before,
    after: e.after,
  };
}
