import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

interface Enrolment {
  otpauth_url: string;
  secret: string;
  qr_svg: string;
}

/** MFA enrolment: the QR code, the secret as text and the otpauth link; a first code; then the recovery codes, once. */
export function MfaEnrolment(props: { api: ConsoleApi; onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    void props.api.send<Enrolment>('POST', '/mfa/enrolment').then(setEnrolment);
  }, []);
  if (codes) {
    return (
      <section aria-labelledby="codes-title">
        <h2 id="codes-title">Your recovery codes</h2>
        <p>Each code signs you in once if you lose your device. Keep them somewhere safe: they are not shown again.</p>
        <ul class="codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={props.onDone}>
          I saved them
        </button>
      </section>
    );
  }
  if (!enrolment) return <p role="status">Preparing…</p>;
  return (
    <section aria-labelledby="enrol-title">
      <h2 id="enrol-title">Set up two-factor authentication</h2>
      <p>Scan this code with an authenticator app, or enter the secret by hand.</p>
      <img class="qr" width="200" height="200" alt="QR code of the authenticator setup link" src={`data:image/svg+xml,${encodeURIComponent(enrolment.qr_svg)}`} />
      <p>
        Secret: <code data-testid="mfa-secret">{enrolment.secret}</code> · <a href={enrolment.otpauth_url}>Open in an authenticator app</a>
      </p>
      <Form
        label="Confirm two-factor authentication"
        submit="Turn on"
        action={async (data) => {
          const done = await props.api.send<{ recovery_codes: string[] }>('POST', '/mfa/enrolment/confirm', { code: data.get('code') });
          setCodes(done.recovery_codes);
        }}
      >
        <Field label="Authentication code" name="code" autocomplete="one-time-code" inputmode="numeric" hint="The 6-digit code the app shows now." />
      </Form>
    </section>
  );
}
