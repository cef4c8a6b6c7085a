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
  /** The previous row's `hash` ('genesis' for the first); null on rows written before 0007-security. */
  prev_hash: string | null;
  /** Keyed hash of this row's content and `prev_hash` (see domain/audit-chain.ts). */
  hash: string | null;
}

/** The last hash of each chain (`audit_log`, `api_key_revocations`); its row lock serialises appends. */
export interface ChainHeadsTable {
  chain: string;
  last_hash: string;
}

/** Append-only, chained record of every key disabling; authentication refuses a key listed here. */
export interface ApiKeyRevocationsTable {
  seq: Generated<number>;
  key_id: string;
  key_hash: string;
  revoked_at: ColumnType<Date, Date | string, never>;
  prev_hash: string;
  hash: string;
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
  /** The API key ID that exchanged it (0005-jobs). */
  redeemed_by: string | null;
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
  /** JSON of the unified record (null for rows written before 0004-hris-staging). */
  record: string | null;
}

/** Rows a sync staged for its final apply (0004-hris-staging); gone once the sync committed or failed. */
export interface HrisRecordStageTable {
  stage_id: string;
  integration_id: string;
  staged_at: Generated<Timestamp>;
  op: 'insert' | 'update';
  model: string;
  seq: number;
  id: string;
  remote_id: string;
  own_hash: string;
  nested_hash: string;
  body_hash: string;
  changed_at: Timestamp;
  updated_at: Timestamp;
  attrs: JSONColumnType<Record<string, unknown>, string, string>;
  body: string;
  record: string;
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
  /** The queue job running this sync (0005-jobs). */
  job_id: string | null;
}

/** An environment's webhook signing secret, sealed (see migration 0011-webhooks). */
export interface WebhookSecretsTable {
  environment_id: string;
  key_id: string;
  ciphertext: string;
  previous_key_id: string | null;
  previous_ciphertext: string | null;
  previous_expires_at: Timestamp | null;
  created_at: Timestamp;
  rotated_at: Timestamp | null;
}

export interface WebhookEndpointsTable {
  id: string;
  environment_id: string;
  url: string;
  /** Event types it wants; empty means every type. */
  event_types: JSONColumnType<string[], string, string>;
  enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The outbox: one row per event, its body exactly as signed and sent. */
export interface WebhookEventsTable {
  seq: Generated<number>;
  id: string;
  environment_id: string;
  type: string;
  integration_id: string | null;
  body: string;
  created_at: Timestamp;
}

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_seq: number;
  order_key: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  last_response: string | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
}

/** An environment's operator settings (migration 0009-settings); no row means every default. */
export interface EnvironmentSettingsTable {
  environment_id: string;
  display_name: string | null;
  logo_url: string | null;
  primary_color: string | null;
  privacy_policy_url: string | null;
  support_email: string | null;
  support_url: string | null;
  missing_tool_url: string | null;
  skip_consent_for_preselected: boolean;
  allowed_origins: JSONColumnType<string[], string, string>;
  updated_at: Timestamp;
}

/** Installation-wide facts by key (migration 0009-settings), e.g. `public_url`. */
export interface InstanceSettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

/** Every table kysely knows; later migrations add theirs here. */
export interface Database {
  tenants: TenantsTable;
  environments: EnvironmentsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  chain_heads: ChainHeadsTable;
  api_key_revocations: ApiKeyRevocationsTable;
  environment_tools: EnvironmentToolsTable;
  integrations: IntegrationsTable;
  connection_links: ConnectionLinksTable;
  activation_tokens: ActivationTokensTable;
  hris_records: HrisRecordsTable;
  hris_record_stage: HrisRecordStageTable;
  hris_data_versions: HrisDataVersionsTable;
  sync_runs: SyncRunsTable;
  webhook_secrets: WebhookSecretsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  environment_settings: EnvironmentSettingsTable;
  instance_settings: InstanceSettingsTable;
  connector_tokens: ConnectorTokensTable;
  oauth_clients: OAuthClientsTable;
  oauth_states: OAuthStatesTable;
  console_users: ConsoleUsersTable;
  console_tokens: ConsoleTokensTable;
  console_sessions: ConsoleSessionsTable;
  console_mfa: ConsoleMfaTable;
  console_recovery_codes: ConsoleRecoveryCodesTable;
  console_tenant_settings: ConsoleTenantSettingsTable;
  console_sso: ConsoleSsoTable;
  console_sso_attempts: ConsoleSsoAttemptsTable;
  environment_scopes: EnvironmentScopesTable;
  request_logs: RequestLogsTable;
  request_log_retention: RequestLogRetentionTable;
}

/** The operator's OAuth client for a tool in one environment; the secret sealed. */
export interface OAuthClientsTable {
  environment_id: string;
  tool: string;
  client_id: string;
  key_id: string;
  secret_ciphertext: string;
  updated_at: Timestamp;
}

/** An OAuth authorization in progress: bound to a link, single use, PKCE verifier sealed. */
export interface OAuthStatesTable {
  state_hash: string;
  link_id: string;
  tool: string;
  key_id: string;
  verifier_ciphertext: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
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

/** A connector's short-lived token for an integration, sealed with the credentials key. */
export interface ConnectorTokensTable {
  integration_id: string;
  purpose: string;
  key_id: string;
  ciphertext: string;
  expires_at: Timestamp;
  updated_at: Timestamp;
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

/** An environment's scope configuration (migration 0014-environment-scopes); no row means everything enabled. */
export interface EnvironmentScopesTable {
  environment_id: string;
  disabled_models: JSONColumnType<string[], string, string>;
  disabled_fields: JSONColumnType<Record<string, string[]>, string, string>;
}

/** One authenticated `/v1` request (migration 0013-request-logs); `seq` is a bigint, read as text. */
export interface RequestLogsTable {
  seq: Generated<string>;
  environment_id: string;
  request_id: string;
  at: ColumnType<Date, Date | string, never>;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  api_key_id: string;
  integration_id: string | null;
}

/** How long an environment keeps its request log; no row means the default of its kind. */
export interface RequestLogRetentionTable {
  environment_id: string;
  days: number;
  updated_at: Timestamp;
}
