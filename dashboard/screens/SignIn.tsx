import { useEffect, useState } from 'preact/hooks';
import { API_BASE, type ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

/** Email and password, with the autocomplete values password managers look for. */
export function SignIn(props: { api: ConsoleApi; email?: string; notice?: string; onSignedIn: () => void }) {
  // A refused SSO sign-in comes back here with its reason.
  const ssoError = new URLSearchParams(location.search).get('sso_error');
  const [sso, setSso] = useState<{ sso: boolean; protocol: 'oidc' | 'saml' | null } | null>(null);
  useEffect(() => {
    void props.api.get<{ sso: boolean; protocol: 'oidc' | 'saml' | null }>('/sso/status').then(setSso, () => setSso(null));
  }, []);
  return (
    <main class="card">
      <h1>Sign in to Plugboard</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      {ssoError && (
        <p role="alert" class="error">
          Single sign-on failed: {ssoError}
        </p>
      )}
      {sso?.sso && sso.protocol && (
        // A navigation, not a fetch: the identity provider's pages take over the browser.
        <p>
          <a class="button" href={`${API_BASE}/sso/${sso.protocol}/start`}>
            Sign in with SSO
          </a>
        </p>
      )}
      <Form
        label="Sign in"
        submit="Sign in"
        action={async (data) => {
          await props.api.send('POST', '/sign-in', { email: data.get('email'), password: data.get('password') });
          props.onSignedIn();
        }}
      >
        <Field label="Email" name="email" type="email" autocomplete="username" value={props.email} />
        <Field label="Password" name="password" type="password" autocomplete="current-password" />
      </Form>
    </main>
  );
}
