import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import type { ApiSession } from '../lib/types.ts';
import { MfaEnrolment } from '../screens/MfaEnrolment.tsx';
import { SsoSettings } from './SsoSettings.tsx';

interface SecurityPolicy {
  require_mfa: boolean;
  features: { sso: boolean; mfa_enforcement: boolean };
}

/** The user's own MFA and, for admins, the tenant's "require MFA" setting. */
export function Security(props: { api: ConsoleApi; session: ApiSession; onChanged: () => void }) {
  const [enrolling, setEnrolling] = useState(false);
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const isAdmin = props.session.permissions.tenant.includes('security.read');
  useEffect(() => {
    if (isAdmin) void props.api.get<SecurityPolicy>('/security').then(setPolicy);
  }, [isAdmin]);
  return (
    <>
      <h1>Security</h1>
      <h2>Two-factor authentication</h2>
      {props.session.mfa_enrolled ? (
        <p>Two-factor authentication is on for your account.</p>
      ) : enrolling ? (
        <MfaEnrolment api={props.api} onDone={props.onChanged} />
      ) : (
        <button type="button" onClick={() => setEnrolling(true)}>
          Set up two-factor authentication
        </button>
      )}
      {isAdmin && policy && (
        <>
          <h2>Team policy</h2>
          <p>
            <input
              type="checkbox"
              id="require-mfa"
              checked={policy.require_mfa}
              disabled={!policy.features.mfa_enforcement}
              onChange={async (e) => setPolicy(await props.api.send<SecurityPolicy>('PATCH', '/security', { require_mfa: (e.currentTarget as HTMLInputElement).checked }))}
            />{' '}
            <label for="require-mfa">Require two-factor authentication for everyone (users without it set it up at their next sign-in)</label>
          </p>
          {policy.features.sso && <SsoSettings api={props.api} userId={props.session.user.id} />}
          <h2>Included in your plan</h2>
          <ul>
            <li>Single sign-on (OIDC, SAML): {policy.features.sso ? 'included' : 'not included'}</li>
            <li>MFA enforcement: {policy.features.mfa_enforcement ? 'included' : 'not included'}</li>
          </ul>
        </>
      )}
    </>
  );
}
