import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Timestamps come back as Date on both PGlite and pg; writes accept Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TenantsTable {
  id: string;
  /** Operator-facing handle; the first tenant is `default`. */
  slug: string;
  name: string;
  created_at: CreatedAt;
}

export type EnvironmentKind = 'production' | 'development';

export interface EnvironmentsTable {
  id: string;
  tenant_id: string;
  kind: EnvironmentKind;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  environment_id: string;
  name: string | null;
  /** Short, non-secret start of the key shown in listings (e.g. `ks_dev_Ab12`). */
  display_prefix: string;
  /** HMAC-SHA256 (server secret) of the full key, hex. */
  key_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  disabled_at: Timestamp | null;
  last_used_at: Timestamp | null;
  /** Normalised addresses/CIDRs; empty means any address. */
  ip_allowlist: JSONColumnType<string[], string, string>;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  tenant_id: string;
  environment_id: string | null;
  actor: string;
  source: string;
  action: string;
  target_type: string;
  target_id: string;
  before: JSONColumnType<Record<string, unknown> | null, string | null, never>;
  after: JSONColumnType<Record<string, unknown> | null, string | null, never>;
  created_at: ColumnType<Date, Date | string, never>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** Every table kysely knows; later migrations add theirs here. */
export interface Database {
  tenants: TenantsTable;
  environments: EnvironmentsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
}
