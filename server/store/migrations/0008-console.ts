import { type Kysely, sql } from 'kysely';

/** The console's team: users, their single-use invitation and password-reset tokens, server-side sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // Null only for the first admin invited at first start: they choose their email when accepting.
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'developer', 'operator')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('invited', 'active', 'deactivated')`))
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('console_users_tenant_email', ['tenant_id', 'email'])
    .execute();

  await db.schema
    .createTable('console_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('console_users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password_reset')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('console_tokens_user').on('console_tokens').column('user_id').execute();

  await db.schema
    .createTable('console_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('console_users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    // A session is usable only when complete; until then it may only finish MFA (challenge or enrolment).
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('mfa_required', 'mfa_enrolment_required', 'complete')`))
    .execute();
  await db.schema.createIndex('console_sessions_user').on('console_sessions').column('user_id').execute();

  await db.schema
    .createTable('console_mfa')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('console_users.id').onDelete('cascade'))
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('enrolled_at', 'timestamptz')
    .addColumn('last_used_step', 'integer')
    .execute();

  await db.schema
    .createTable('console_recovery_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('console_users.id').onDelete('cascade'))
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('console_recovery_codes_user').on('console_recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('console_tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('require_mfa', 'boolean', (c) => c.notNull())
    // The tenant's plan: self-hosted tenants include both (a row's absence means the defaults).
    .addColumn('feature_sso', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('feature_mfa_enforcement', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // A tenant's single sign-on: its identity provider and how sign-in may happen.
  await db.schema
    .createTable('console_sso')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('protocol', 'text', (c) => c.notNull().check(sql`protocol in ('oidc', 'saml')`))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_client_id', 'text')
    .addColumn('oidc_client_secret_ciphertext', 'text')
    .addColumn('saml_entry_point', 'text')
    .addColumn('saml_idp_cert', 'text')
    .addColumn('saml_sp_entity_id', 'text')
    // Null: only existing users sign in with SSO; a role: unknown verified emails become users with it.
    .addColumn('provision_role', 'text', (c) => c.check(sql`provision_role in ('admin', 'developer', 'operator')`))
    // Password sign-in is off for everyone but the break-glass admin while SSO is enforced.
    .addColumn('enforce', 'boolean', (c) => c.notNull())
    .addColumn('break_glass_user_id', 'text', (c) => c.references('console_users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // One SSO sign-in under way. OIDC: bound to the browser by a cookie holding its id; state, nonce and PKCE
  // verifier stay here. SAML: keyed by the AuthnRequest ID, which the response's InResponseTo must name.
  await db.schema
    .createTable('console_sso_attempts')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text')
    .addColumn('code_verifier', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}
