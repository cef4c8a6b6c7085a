import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

interface ApiSso {
  protocol: 'oidc' | 'saml' | null;
  enabled: boolean;
  issuer: string | null;
  client_id: string | null;
  client_secret_set: boolean;
  provision_role: 'admin' | 'developer' | 'operator' | null;
  enforce: boolean;
  break_glass_user_id: string | null;
  saml_entry_point: string | null;
  saml_idp_cert_set: boolean;
  saml_sp_entity_id: string;
  redirect_url: string;
  saml_metadata_url: string;
  saml_acs_url: string;
}

/** A read-only value to copy into the identity provider's settings. */
function CopyField(props: { label: string; id: string; value: string }) {
  return (
    <p class="field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} readOnly value={props.value} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
    </p>
  );
}

/** Admins: the tenant's SSO (OIDC or SAML), provisioning, and "enforce SSO" with the signed-in admin as break-glass account. */
export function SsoSettings(props: { api: ConsoleApi; userId: string }) {
  const [sso, setSso] = useState<ApiSso | null>(null);
  const [protocol, setProtocol] = useState<'oidc' | 'saml'>('oidc');
  useEffect(() => {
    void props.api.get<ApiSso>('/sso').then((s) => {
      setSso(s);
      if (s.protocol) setProtocol(s.protocol);
    });
  }, []);
  if (!sso) return null;

  const common = (data: FormData) => {
    const role = String(data.get('provision_role') ?? '');
    const enforce = data.get('enforce') === 'on';
    return { provision_role: role === '' ? null : role, enforce, ...(enforce ? { break_glass_user_id: sso.break_glass_user_id ?? props.userId } : {}) };
  };
  const optional = (data: FormData, name: string) => {
    const v = String(data.get(name) ?? '').trim();
    return v === '' ? undefined : v;
  };

  return (
    <section aria-labelledby="sso-heading">
      <h2 id="sso-heading">Single sign-on</h2>
      <p role="status">{sso.enabled ? `On (${sso.protocol === 'saml' ? 'SAML' : 'OIDC'})${sso.enforce ? ', enforced' : ''}.` : 'Off.'}</p>
      <fieldset>
        <legend>Protocol</legend>
        {(['oidc', 'saml'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="sso-protocol" value={p} checked={protocol === p} onChange={() => setProtocol(p)} /> {p === 'oidc' ? 'OpenID Connect' : 'SAML 2.0'}{' '}
          </label>
        ))}
      </fieldset>
      {protocol === 'oidc' ? (
        <CopyField label="Redirect URL (register it with your identity provider)" id="sso-redirect-url" value={sso.redirect_url} />
      ) : (
        <>
          <CopyField label="SP metadata URL" id="sso-metadata-url" value={sso.saml_metadata_url} />
          <CopyField label="ACS URL" id="sso-acs-url" value={sso.saml_acs_url} />
          <CopyField label="SP entity ID" id="sso-entity-id" value={sso.saml_sp_entity_id} />
        </>
      )}
      <Form
        key={protocol}
        label="Single sign-on settings"
        submit="Save single sign-on"
        action={async (data) => {
          const body =
            protocol === 'oidc'
              ? { issuer: optional(data, 'issuer'), client_id: optional(data, 'client_id'), client_secret: optional(data, 'client_secret'), ...common(data) }
              : { entry_point: optional(data, 'entry_point'), idp_cert: optional(data, 'idp_cert'), ...common(data) };
          setSso(await props.api.send<ApiSso>('PUT', `/sso/${protocol}`, body));
        }}
      >
        {protocol === 'oidc' ? (
          <>
            <Field label="Issuer URL" name="issuer" value={sso.issuer ?? ''} />
            <Field label="Client ID" name="client_id" value={sso.client_id ?? ''} />
            <Field
              label="Client secret"
              name="client_secret"
              type="password"
              autocomplete="off"
              required={!sso.client_secret_set}
              hint={sso.client_secret_set ? 'Stored encrypted; leave empty to keep it.' : undefined}
            />
          </>
        ) : (
          <>
            <Field label="IdP single sign-on URL" name="entry_point" value={sso.saml_entry_point ?? ''} />
            <p class="field">
              <label for="f-idp_cert">IdP signing certificate (PEM)</label>
              <textarea id="f-idp_cert" name="idp_cert" rows={4} required={!sso.saml_idp_cert_set} />
            </p>
          </>
        )}
        <p class="field">
          <label for="f-provision_role">New users signing in with SSO</label>
          <select id="f-provision_role" name="provision_role" value={sso.provision_role ?? ''}>
            <option value="">Only invited users may sign in</option>
            <option value="operator">Create them as Operator</option>
            <option value="developer">Create them as Developer</option>
            <option value="admin">Create them as Admin</option>
          </select>
        </p>
        <p>
          <input type="checkbox" id="f-enforce" name="enforce" checked={sso.enforce} />{' '}
          <label for="f-enforce">Enforce SSO: passwords stop working for everyone but you (the break-glass admin)</label>
        </p>
      </Form>
      {sso.enabled && (
        <button type="button" onClick={async () => setSso(await props.api.send<ApiSso>('DELETE', '/sso'))}>
          Turn single sign-on off
        </button>
      )}
    </section>
  );
}
