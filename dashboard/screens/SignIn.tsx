import type { ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';

/** Email and password, with the autocomplete values password managers look for. */
export function SignIn(props: { api: ConsoleApi; email?: string; notice?: string; onSignedIn: () => void }) {
  return (
    <main class="card">
      <h1>Sign in to Plugboard</h1>
      {props.notice && <p role="status">{props.notice}</p>}
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
