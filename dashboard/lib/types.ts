export type Role = 'admin' | 'developer' | 'operator';
export type Environment = 'production' | 'development';

export interface ApiUser {
  id: string;
  email: string | null;
  role: Role;
  status: 'invited' | 'active' | 'deactivated';
}

/** `GET /dashboard/api/session`. */
export interface ApiSession {
  user: ApiUser;
  stage: 'mfa_required' | 'mfa_enrolment_required' | 'complete';
  mfa_enrolled: boolean;
  tenant: { id: string; name: string };
  environments: Environment[];
  permissions: { tenant: string[]; environments: Partial<Record<Environment, string[]>> };
}

/** One `/v1` request of the request log (`GET /dashboard/api/environments/:environment/logs`). */
export interface ApiRequestLog {
  request_id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  api_key_id: string;
  key_prefix: string | null;
  integration_id: string | null;
}

/** One audit trail entry (`GET /dashboard/api/audit`). */
export interface ApiAuditEntry {
  id: string;
  at: string;
  actor: string;
  source: string;
  action: string;
  environment_id: string | null;
  target_type: string;
  target_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A page of a keyset-paged list. */
export interface ApiPage<T> {
  results: T[];
  next_cursor: string | null;
}

/** `GET /dashboard/api/environments/:environment/overview`. */
export interface ApiOverview {
  integration_counts: { active: number; invalid: number; inactive: number; total: number };
  attention: {
    invalid_credentials: ApiOverviewIntegration[];
    last_sync_failed: (ApiOverviewIntegration & { failed_at: string | null; error: string | null })[];
    soon_stale: (ApiOverviewIntegration & { stale_at: string })[];
  };
  recent_errors: ApiRequestLog[];
}

export interface ApiOverviewIntegration {
  id: string;
  tool: string;
  end_user_organization_name: string;
  status: 'ACTIVE' | 'INVALID' | 'INACTIVE';
}
