import { useEffect, useState } from 'preact/hooks';
import { API_BASE, type ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

const SSO_FAILURES: Record<string, string> = {
  not_invited: 'No active console user has your email: ask an admin to invite you.',
  expired: 'The sign-in took too long or was already used: try again.',
  not_configured: 'Single sign-on is not set up.',
  failed: "Your identity provider's answer could not be verified: try again, or ask an admin (the audit log has the reason).",
};

/** Email and password, with the autocomplete values password managers look for. */
export function SignIn(props: { api: ConsoleApi; email?: string; notice?: string; onSignedIn: () => void }) {
  // A refused SSO sign-in comes back here with the kind of failure (a fixed word; unknown words show the generic text).
  const failure = new URLSearchParams(location.search).get('sso_error');
  const ssoError = failure === null ? null : (SSO_FAILURES[failure] ?? SSO_FAILURES.failed);
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
