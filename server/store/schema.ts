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

export interface EnvironmentToolsTable {
  environment_id: string;
  tool: string;
  enabled: boolean;
}

export type IntegrationStatus = 'ACTIVE' | 'INVALID' | 'INACTIVE';
export type SetupStatus = 'INCOMPLETE' | 'FINAL_SYNC_PENDING' | 'COMPLETED';

export interface IntegrationsTable {
  /** `<tool>:<24-char id>`. */
  id: string;
  environment_id: string;
  tool: string;
  category: string;
  status: IntegrationStatus;
  /** Why an INACTIVE integration is inactive: `MANUAL` (disabled through the API/CLI) or `STALE` (dev, 14 days unused). */
  inactive_reason: 'MANUAL' | 'STALE' | null;
  setup_status: SetupStatus;
  end_user_email: string | null;
  end_user_organization_name: string;
  end_user_origin_id: string | null;
  scope_config_id: string;
  remote_environment: string | null;
  /** Which encryption key sealed the credentials (for rotation). */
  credentials_key_id: string;
  /** AES-256-GCM ciphertext (iv, tag, data; base64), integration ID bound as associated data. */
  credentials_ciphertext: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_api_request_at: Timestamp;
  data_expired_at: Timestamp | null;
}

export type LinkType = 'EMBEDDED' | 'MAGIC_LINK';

export interface ConnectionLinksTable {
  id: string;
  environment_id: string;
  /** Keyed hash of the link token; the token itself is only in the link URL. */
  token_hash: string;
  link_type: LinkType;
  integration_category: string;
  integration_tool: string | null;
  remote_environment: string | null;
  language: string;
  scope_config_id: string | null;
  enable_filtering: boolean;
  enable_field_mapping: boolean;
  end_user_email: string | null;
  end_user_organization_name: string;
  end_user_origin_id: string | null;
  /** Set for reconnection links: completing the flow updates this integration instead of creating one. */
  relink_integration_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ActivationTokensTable {
  token_hash: string;
  integration_id: string;
  environment_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  redeemed_at: Timestamp | null;
}

/** One synced record of a unified HRIS model (see migration 0003-hris). */
export interface HrisRecordsTable {
  integration_id: string;
  /** Model key, e.g. `employees`, `groups` (see domain/hris/models.ts). */
  model: string;
  seq: number;
  id: string;
  remote_id: string;
  own_hash: string;
  nested_hash: string;
  body_hash: string;
  changed_at: Timestamp;
  updated_at: Timestamp;
  remote_deleted_at: Timestamp | null;
  /** Filter attributes (employee_id, group_ids, emails, ...). */
  attrs: JSONColumnType<Record<string, unknown>, string, string>;
  body: string;
}

export interface HrisDataVersionsTable {
  integration_id: string;
  /** Incremented by every committed sync of the integration. */
  version: number;
}

export type SyncRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface SyncRunsTable {
  id: string;
  integration_id: string;
  type: 'FULL' | 'DELTA';
  trigger: 'INITIAL' | 'SCHEDULED' | 'FORCED';
  status: SyncRunStatus;
  queued_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  worker: string | null;
  duration_ms: number | null;
  counts: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  error: string | null;
}

/** Every table kysely knows; later migrations add theirs here. */
export interface Database {
  tenants: TenantsTable;
  environments: EnvironmentsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  environment_tools: EnvironmentToolsTable;
  integrations: IntegrationsTable;
  connection_links: ConnectionLinksTable;
  activation_tokens: ActivationTokensTable;
  hris_records: HrisRecordsTable;
  hris_data_versions: HrisDataVersionsTable;
  sync_runs: SyncRunsTable;
  console_users: ConsoleUsersTable;
  console_tokens: ConsoleTokensTable;
  console_sessions: ConsoleSessionsTable;
  console_mfa: ConsoleMfaTable;
  console_recovery_codes: ConsoleRecoveryCodesTable;
  console_tenant_settings: ConsoleTenantSettingsTable;
  console_sso: ConsoleSsoTable;
  console_sso_attempts: ConsoleSsoAttemptsTable;
}

export type ConsoleRole = 'admin' | 'developer' | 'operator';
export type ConsoleUserStatus = 'invited' | 'active' | 'deactivated';

export interface ConsoleUsersTable {
  id: string;
  tenant_id: string;
  /** Lower-cased; unique per tenant. Null for the first-start admin until they accept (and choose it). */
  email: string | null;
  role: ConsoleRole;
  status: ConsoleUserStatus;
  /** argon2id PHC string; null until the invitation is accepted. */
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsoleTokensTable {
  /** HMAC-SHA256 (server secret) of the single-use token, hex. */
  token_hash: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ConsoleSessionsTable {
  id: string;
  /** HMAC-SHA256 (server secret) of the cookie value, hex. */
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  stage: ConsoleSessionStage;
}

/** Signed in with a password but MFA still to do, or fully signed in. */
export type ConsoleSessionStage = 'mfa_required' | 'mfa_enrolment_required' | 'complete';

export interface ConsoleMfaTable {
  user_id: string;
  /** The TOTP secret, sealed like tool credentials (AES-256-GCM, the user ID as associated data). */
  secret_ciphertext: string;
  created_at: Timestamp;
  /** Null while enrolment awaits its first code. */
  enrolled_at: Timestamp | null;
  /** The last accepted TOTP time step: a code of this step or an older one is refused (no replay). */
  last_used_step: number | null;
}

export interface ConsoleRecoveryCodesTable {
  /** HMAC-SHA256 (server secret) of the code, hex. */
  code_hash: string;
  user_id: string;
  used_at: Timestamp | null;
}

export interface ConsoleTenantSettingsTable {
  tenant_id: string;
  /** Every user without MFA must enrol at their next sign-in. */
  require_mfa: boolean;
  /** Plan feature: SSO may be configured. @default true (self-hosted) */
  feature_sso: ColumnType<boolean, boolean | undefined, boolean>;
  /** Plan feature: "require MFA" may be turned on. @default true (self-hosted) */
  feature_mfa_enforcement: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ConsoleSsoTable {
  tenant_id: string;
  protocol: 'oidc' | 'saml';
  enabled: boolean;
  oidc_issuer: string | null;
  oidc_client_id: string | null;
  /** AES-GCM sealed (credentials-crypto), bound to the tenant ID. */
  oidc_client_secret_ciphertext: string | null;
  saml_entry_point: string | null;
  /** The IdP's signing certificate (PEM or base64). */
  saml_idp_cert: string | null;
  /** Null: the default, the SP metadata URL. */
  saml_sp_entity_id: string | null;
  provision_role: ConsoleRole | null;
  enforce: boolean;
  break_glass_user_id: string | null;
  updated_at: Timestamp;
}

export interface ConsoleSsoAttemptsTable {
  /** Keyed hash of the random id in the browser's SSO cookie. */
  id_hash: string;
  tenant_id: string;
  /** OIDC: the state; SAML: the AuthnRequest ID. */
  state: string;
  nonce: string | null;
  code_verifier: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
