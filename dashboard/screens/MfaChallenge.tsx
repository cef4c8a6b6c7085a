import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function MfaChallenge(props: { api: ConsoleApi; onDone: () => void; onSignOut: () => void }) {
  const [recovery, setRecovery] = useState(false);
  return (
    <main class="card">
      <h1>Two-factor authentication</h1>
      <Form
        label="Verify"
        submit="Verify"
        action={async (data) => {
          const body = recovery ? { recovery_code: data.get('recovery_code') } : { code: data.get('code') };
          await props.api.send('POST', '/mfa/challenge', body);
          props.onDone();
        }}
      >
        {recovery ? (
          <Field label="Recovery code" name="recovery_code" autocomplete="off" />
        ) : (
          <Field label="Authentication code" name="code" autocomplete="one-time-code" inputmode="numeric" hint="The 6-digit code your authenticator app shows." />
        )}
      </Form>
      <p>
        <button type="button" class="link" onClick={() => setRecovery(!recovery)}>
          {recovery ? 'Use your authenticator app' : 'Use a recovery code'}
        </button>{' '}
        <button type="button" class="link" onClick={props.onSignOut}>
          Sign out
        </button>
      </p>
    </main>
  );
}
