import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import type { ApiSession } from '../lib/types.ts';
import { MfaEnrolment } from '../screens/MfaEnrolment.tsx';

/** The user's own MFA and, for admins, the tenant's "require MFA" setting. */
export function Security(props: { api: ConsoleApi; session: ApiSession; onChanged: () => void }) {
  const [enrolling, setEnrolling] = useState(false);
  const [requireMfa, setRequireMfa] = useState<boolean | null>(null);
  const isAdmin = props.session.permissions.tenant.includes('security.read');
  useEffect(() => {
    if (isAdmin) void props.api.get<{ require_mfa: boolean }>('/security').then((s) => setRequireMfa(s.require_mfa));
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
      {isAdmin && requireMfa !== null && (
        <>
          <h2>Team policy</h2>
          <p>
            <input
              type="checkbox"
              id="require-mfa"
              checked={requireMfa}
              onChange={async (e) => {
                const next = (e.currentTarget as HTMLInputElement).checked;
                const saved = await props.api.send<{ require_mfa: boolean }>('PATCH', '/security', { require_mfa: next });
                setRequireMfa(saved.require_mfa);
              }}
            />{' '}
            <label for="require-mfa">Require two-factor authentication for everyone (users without it set it up at their next sign-in)</label>
          </p>
        </>
      )}
    </>
  );
}
