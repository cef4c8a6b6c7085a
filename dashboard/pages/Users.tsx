import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { Field, Form } from '../lib/Form.tsx';
import type { ApiUser, Role } from '../lib/types.ts';

const ROLES: Role[] = ['admin', 'developer', 'operator'];

/** Admins: the team, invitations, role changes, deactivation and password-reset links. */
export function Users(props: { api: ConsoleApi }) {
  const [users, setUsers] = useState<ApiUser[]>([]);
  const [link, setLink] = useState<{ label: string; url: string } | null>(null);
  const [error, setError] = useState('');
  const reload = () => props.api.get<{ results: ApiUser[] }>('/users').then((r) => setUsers(r.results));
  useEffect(() => {
    void reload();
  }, []);
  async function act(run: () => Promise<unknown>) {
    setError('');
    try {
      await run();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
    }
    await reload();
  }
  return (
    <>
      <h1>Users</h1>
      <h2>Invite</h2>
      <Form
        label="Invite a user"
        submit="Invite"
        action={async (data) => {
          const r = await props.api.send<{ invitation_link: string }>('POST', '/users', { email: data.get('email'), role: data.get('role') });
          setLink({ label: `Invitation link for ${String(data.get('email'))} (single use, 7 days)`, url: r.invitation_link });
          await reload();
        }}
      >
        <Field label="Email" name="email" type="email" autocomplete="off" />
        <p class="field">
          <label for="invite-role">Role</label>
          <select id="invite-role" name="role">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </p>
      </Form>
      {link && (
        <p role="status">
          {link.label}: <code>{link.url}</code>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <h2>Team</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email ?? '(first admin, pending)'}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email ?? u.id}`}
                  value={u.role}
                  disabled={u.status === 'deactivated'}
                  onChange={(e) => act(() => props.api.send('PATCH', `/users/${u.id}`, { role: (e.currentTarget as HTMLSelectElement).value }))}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{u.status}</td>
              <td>
                {u.status === 'active' && (
                  <>
                    <button
                      type="button"
                      aria-label={`Reset password of ${u.email}`}
                      onClick={() =>
                        act(async () => {
                          const r = await props.api.send<{ password_reset_link: string }>('POST', `/users/${u.id}/password-reset`);
                          setLink({ label: `Password-reset link for ${u.email} (single use, 24 hours)`, url: r.password_reset_link });
                        })
                      }
                    >
                      Reset password
                    </button>{' '}
                    <button type="button" aria-label={`Deactivate ${u.email}`} onClick={() => act(() => props.api.send('POST', `/users/${u.id}/deactivate`))}>
                      Deactivate
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
