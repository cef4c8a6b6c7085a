import { samlAcsUrl, samlMetadataUrl } from '../../domain/console/saml.ts';
import { oidcRedirectUrl, type SsoConfig } from '../../domain/console/sso-config.ts';

/** A tenant's SSO configuration as the console API and `npm run cli -- sso show --json` answer it (no secret). */
export const toApiSso = (c: SsoConfig | null, publicUrl: string, tenantId: string) => ({
  protocol: c?.protocol ?? null,
  enabled: c?.enabled ?? false,
  issuer: c?.oidc?.issuer ?? null,
  client_id: c?.oidc?.clientId ?? null,
  client_secret_set: c?.oidc?.clientSecretSet ?? false,
  provision_role: c?.provisionRole ?? null,
  enforce: c?.enforce ?? false,
  break_glass_user_id: c?.breakGlassUserId ?? null,
  saml_entry_point: c?.saml?.entryPoint ?? null,
  saml_idp_cert_set: Boolean(c?.saml),
  saml_sp_entity_id: c?.saml?.spEntityId ?? samlMetadataUrl(publicUrl, tenantId),
  /** Registered with an OIDC provider as the redirect URI. */
  redirect_url: oidcRedirectUrl(publicUrl),
  /** Given to a SAML IdP: the SP metadata (entity ID, ACS) and the ACS URL. */
  saml_metadata_url: samlMetadataUrl(publicUrl, tenantId),
  saml_acs_url: samlAcsUrl(publicUrl, tenantId),
});
