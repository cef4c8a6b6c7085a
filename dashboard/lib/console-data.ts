/** `GET /dashboard/api/environments/:environment/api-keys` rows: never the key itself. */
export interface ApiKey {
  id: string;
  name: string | null;
  display_prefix: string;
  created_at: string;
  created_by: string | null;
  expires_at: string | null;
  disabled_at: string | null;
  last_used_at: string | null;
  ip_allowlist: string[];
}

/** An integration as the console lists it. */
export interface ApiIntegration {
  id: string;
  tool: string;
  status: 'ACTIVE' | 'INVALID' | 'INACTIVE';
  inactive_reason: 'MANUAL' | 'STALE' | null;
  setup_status: 'INCOMPLETE' | 'FINAL_SYNC_PENDING' | 'COMPLETED';
  end_user_organization_name: string;
  end_user_email: string | null;
  end_user_origin_id: string | null;
  created_at: string;
  updated_at: string;
  last_api_request_at: string;
}

/** One page of the integrations list. */
export interface ApiIntegrationPage {
  results: ApiIntegration[];
  next: string | null;
  total: number;
  tools: string[];
}

/** One run of the sync history; `counts` is records per model. */
export interface ApiSyncRun {
  id: string;
  type: string;
  trigger: string;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  queued_at: string;
  duration_ms: number | null;
  counts: Record<string, { created?: number; updated?: number; deleted?: number; unchanged?: number }> | null;
  error: string | null;
}

/** A created connection link and when it stops working. */
export interface ApiLink {
  link: string;
  expires_at: string;
}

/** A time as `2026-01-15 09:00 UTC` (the console's one format; the same for every viewer). */
export const formatTime = (iso: string | null, none = '—'): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : none);
