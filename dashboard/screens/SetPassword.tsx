import type { ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

/** Accepting an invitation or a password reset: the link's token (from the fragment) and a new password. */
export function SetPassword(props: { api: ConsoleApi; token: string; invitation: boolean; onDone: (email: string) => void }) {
  return (
    <main class="card">
      <h1>{props.invitation ? 'Join Plugboard' : 'Choose a new password'}</h1>
      <Form
        label={props.invitation ? 'Accept invitation' : 'Reset password'}
        submit={props.invitation ? 'Create account' : 'Set password'}
        action={async (data) => {
          const done = await props.api.send<{ email: string }>('POST', '/set-password', {
            token: props.token,
            password: data.get('password'),
            ...(props.invitation ? { email: data.get('email') } : {}),
          });
          props.onDone(done.email);
        }}
      >
        {props.invitation && <Field label="Email" name="email" type="email" autocomplete="username" hint="The email you were invited with." />}
        <Field label="New password" name="password" type="password" autocomplete="new-password" minLength={12} hint="At least 12 characters." />
      </Form>
    </main>
  );
}
