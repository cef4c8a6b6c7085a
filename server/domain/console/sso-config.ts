import type { Selectable } from 'kysely';
import type { Db } from '../../store/db.ts';
import type { ConsoleRole, ConsoleSsoTable } from '../../store/schema.ts';
import { appendAudit } from '../audit.ts';
import { openCredentials, sealCredentials } from '../credentials-crypto.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import { getConsoleSettings } from './settings.ts';

/** A tenant's SSO configuration as the console and CLI show it: never the client secret. */
export interface SsoConfig {
  protocol: 'oidc' | 'saml';
  enabled: boolean;
  oidc: { issuer: string; clientId: string; clientSecretSet: boolean } | null;
  saml: { entryPoint: string; idpCert: string; spEntityId: string | null } | null;
  /** Unknown verified emails become users with this role; null: only existing users. */
  provisionRole: ConsoleRole | null;
  /** Password sign-in is off for everyone but `breakGlassUserId`. */
  enforce: boolean;
  breakGlassUserId: string | null;
  updatedAt: Date;
}

/** What an admin sets; absent fields keep their current value (the secret too). */
export interface SsoCommonInput {
  provisionRole?: ConsoleRole | null;
  enforce?: boolean;
  breakGlassUserId?: string | null;
}

export interface OidcConfigInput extends SsoCommonInput {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface SamlConfigInput extends SsoCommonInput {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint?: string;
  /** The IdP's signing certificate, PEM or base64. */
  idpCert?: string;
  /** Null: the SP metadata URL. */
  spEntityId?: string | null;
}

/** Where the identity provider sends the browser back: registered with the IdP as the redirect URI. */
export const oidcRedirectUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/dashboard/api/sso/oidc/callback`;

/** The client secret's associated data: a ciphertext copied to another tenant does not open. */
const aad = (tenantId: string) => `console-sso-oidc:${tenantId}`;

const toConfig = (r: Selectable<ConsoleSsoTable>): SsoConfig => ({
  protocol: r.protocol,
  enabled: r.enabled,
  oidc: r.oidc_issuer && r.oidc_client_id ? { issuer: r.oidc_issuer, clientId: r.oidc_client_id, clientSecretSet: r.oidc_client_secret_ciphertext !== null } : null,
  saml: r.saml_entry_point && r.saml_idp_cert ? { entryPoint: r.saml_entry_point, idpCert: r.saml_idp_cert, spEntityId: r.saml_sp_entity_id } : null,
  provisionRole: r.provision_role,
  enforce: r.enforce,
  breakGlassUserId: r.break_glass_user_id,
  updatedAt: r.updated_at,
});

export async function getSsoConfig(db: Db, tenantId: string): Promise<SsoConfig | null> {
  const row = await db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? toConfig(row) : null;
}

/** The enabled OIDC configuration with its client secret opened, for signing in; null when SSO is off or not OIDC. */
export async function activeOidcConfig(deps: StoreDeps, tenantId: string): Promise<{ issuer: string; clientId: string; clientSecret: string; provisionRole: ConsoleRole | null } | null> {
  const row = await deps.db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row?.enabled || row.protocol !== 'oidc' || !row.oidc_issuer || !row.oidc_client_id || !row.oidc_client_secret_ciphertext) return null;
  if (!(await getConsoleSettings(deps.db, tenantId)).features.sso) return null;
  const { secret } = openCredentials(deps.secret, aad(tenantId), { keyId: 'v1', ciphertext: row.oidc_client_secret_ciphertext });
  return { issuer: row.oidc_issuer, clientId: row.oidc_client_id, clientSecret: secret!, provisionRole: row.provision_role };
}

/** The enabled SAML configuration, for signing in; null when SSO is off or not SAML. */
export async function activeSamlConfig(db: Db, tenantId: string): Promise<{ entryPoint: string; idpCert: string; spEntityId: string | null; provisionRole: ConsoleRole | null } | null> {
  const row = await db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row?.enabled || row.protocol !== 'saml' || !row.saml_entry_point || !row.saml_idp_cert) return null;
  if (!(await getConsoleSettings(db, tenantId)).features.sso) return null;
  return { entryPoint: row.saml_entry_point, idpCert: row.saml_idp_cert, spEntityId: row.saml_sp_entity_id, provisionRole: row.provision_role };
}

/**
 * Whether password sign-in is closed to `userId` because the tenant enforces SSO (everyone but the
 * break-glass admin). Enforcement lapses with the SSO feature or SSO itself.
 */
export async function passwordSignInBlocked(db: Db, tenantId: string, userId: string | undefined): Promise<boolean> {
  const row = await db.selectFrom('console_sso').select(['enabled', 'enforce', 'break_glass_user_id']).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row?.enabled || !row.enforce) return false;
  if (!(await getConsoleSettings(db, tenantId)).features.sso) return false;
  return userId === undefined || userId !== row.break_glass_user_id;
}

/** Loopback issuers may use plain http (a provider on the same machine); every other issuer needs https. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function parseIssuer(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer.trim());
  } catch {
    throw inputInvalid(`The issuer '${issuer}' is not a URL: use the identity provider's issuer, e.g. https://login.example.com.`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) throw inputInvalid('The issuer must be an https URL.');
  // Kept as given: the ID token's `iss` must equal the issuer exactly.
  return issuer.trim();
}

const auditView = (c: SsoConfig | null) =>
  c && {
    protocol: c.protocol,
    enabled: c.enabled,
    issuer: c.oidc?.issuer ?? null,
    client_id: c.oidc?.clientId ?? null,
    client_secret_set: c.oidc?.clientSecretSet ?? false,
    saml_entry_point: c.saml?.entryPoint ?? null,
    saml_sp_entity_id: c.saml?.spEntityId ?? null,
    saml_idp_cert_set: c.saml !== null,
    provision_role: c.provisionRole,
    enforce: c.enforce,
    break_glass_user_id: c.breakGlassUserId,
  };

type ProtocolColumns = Pick<
  Selectable<ConsoleSsoTable>,
  'protocol' | 'oidc_issuer' | 'oidc_client_id' | 'oidc_client_secret_ciphertext' | 'saml_entry_point' | 'saml_idp_cert' | 'saml_sp_entity_id'
>;

/**
 * Saves (and turns on) the tenant's SSO with one protocol's settings, audited without secrets. Needs
 * the plan's SSO feature; enforcing SSO needs an active admin of the tenant as break-glass account.
 */
async function saveSso(
  deps: StoreDeps,
  by: Actor,
  tenantId: string,
  input: SsoCommonInput,
  columns: (current: Selectable<ConsoleSsoTable> | undefined) => ProtocolColumns,
): Promise<SsoConfig> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await getConsoleSettings(trx, tenantId)).features.sso) throw inputInvalid("This tenant's plan does not include SSO.");
    const current = await trx.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const protocolValues = columns(current);
    const enforce = input.enforce ?? current?.enforce ?? false;
    const breakGlass = input.breakGlassUserId !== undefined ? input.breakGlassUserId : (current?.break_glass_user_id ?? null);
    if (enforce) {
      if (!breakGlass) throw inputInvalid('Enforcing SSO needs a break-glass admin who may still sign in with a password.');
      const admin = await trx.selectFrom('console_users').select(['role', 'status']).where('id', '=', breakGlass).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (admin?.role !== 'admin' || admin.status !== 'active') throw inputInvalid('The break-glass account must be an active admin of this tenant.');
    }
    const values = {
      ...protocolValues,
      enabled: true,
      provision_role: input.provisionRole !== undefined ? input.provisionRole : (current?.provision_role ?? null),
      enforce,
      break_glass_user_id: breakGlass,
      updated_at: now,
    };
    await trx
      .insertInto('console_sso')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
      .execute();
    const after = toConfig({ tenant_id: tenantId, ...values });
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_sso.changed',
      targetType: 'tenant',
      targetId: tenantId,
      before: auditView(current ? toConfig(current) : null),
      after: auditView(after),
      at: now,
    }, deps.secret);
    return after;
  });
}

/** Sets and turns on OIDC sign-in (the client secret sealed; an absent or empty secret keeps the stored one). */
export async function setOidcConfig(deps: StoreDeps, by: Actor, tenantId: string, input: OidcConfigInput): Promise<SsoConfig> {
  return saveSso(deps, by, tenantId, input, (current) => {
    const issuer = input.issuer !== undefined ? parseIssuer(input.issuer) : current?.oidc_issuer;
    const clientId = input.clientId?.trim() || current?.oidc_client_id;
    const secretCiphertext =
      input.clientSecret !== undefined && input.clientSecret !== ''
        ? sealCredentials(deps.secret, aad(tenantId), { secret: input.clientSecret }).ciphertext
        : current?.oidc_client_secret_ciphertext;
    if (!issuer || !clientId || !secretCiphertext) throw inputInvalid('OIDC needs the issuer, the client ID and the client secret.');
    return {
      protocol: 'oidc',
      oidc_issuer: issuer,
      oidc_client_id: clientId,
      oidc_client_secret_ciphertext: secretCiphertext,
      saml_entry_point: current?.saml_entry_point ?? null,
      saml_idp_cert: current?.saml_idp_cert ?? null,
      saml_sp_entity_id: current?.saml_sp_entity_id ?? null,
    };
  });
}

/** Sets and turns on SAML sign-in (the IdP's entry point and signing certificate; the SP entity ID optional). */
export async function setSamlConfig(deps: StoreDeps, by: Actor, tenantId: string, input: SamlConfigInput): Promise<SsoConfig> {
  return saveSso(deps, by, tenantId, input, (current) => {
    const entryPoint = input.entryPoint !== undefined ? parseHttpsUrl(input.entryPoint, 'The IdP entry point') : current?.saml_entry_point;
    const idpCert = input.idpCert !== undefined ? parseCertificate(input.idpCert) : current?.saml_idp_cert;
    if (!entryPoint || !idpCert) throw inputInvalid("SAML needs the IdP's entry point and its signing certificate.");
    return {
      protocol: 'saml',
      oidc_issuer: current?.oidc_issuer ?? null,
      oidc_client_id: current?.oidc_client_id ?? null,
      oidc_client_secret_ciphertext: current?.oidc_client_secret_ciphertext ?? null,
      saml_entry_point: entryPoint,
      saml_idp_cert: idpCert,
      saml_sp_entity_id: input.spEntityId !== undefined ? input.spEntityId?.trim() || null : (current?.saml_sp_entity_id ?? null),
    };
  });
}

function parseHttpsUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw inputInvalid(`${what} is not a URL.`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) throw inputInvalid(`${what} must be an https URL.`);
  return value.trim();
}

/** A PEM block, or bare base64 as IdP metadata carries it. */
function parseCertificate(value: string): string {
  const v = value.trim();
  if (/^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----$/.test(v) || /^[A-Za-z0-9+/=\s]{100,}$/.test(v)) return v;
  throw inputInvalid("The IdP certificate must be PEM (-----BEGIN CERTIFICATE-----) or base64, as in the IdP's metadata.");
}

/** Turns SSO off (and with it its enforcement); the configuration is kept for turning it back on. */
export async function disableSso(deps: StoreDeps, by: Actor, tenantId: string): Promise<SsoConfig | null> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!current) return null;
    await trx.updateTable('console_sso').set({ enabled: false, enforce: false, updated_at: now }).where('tenant_id', '=', tenantId).execute();
    const after = toConfig({ ...current, enabled: false, enforce: false, updated_at: now });
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_sso.disabled',
      targetType: 'tenant',
      targetId: tenantId,
      before: auditView(toConfig(current)),
      after: auditView(after),
      at: now,
    }, deps.secret);
    return after;
  });
}
