import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { type ApiLink, formatTime } from '../lib/console-data.ts';
import { CopyField } from '../lib/CopyField.tsx';
import type { Environment } from '../lib/types.ts';

const LANGUAGES = [
  ['en', 'English'],
  ['de', 'German'],
  ['fr', 'French'],
  ['it', 'Italian'],
  ['es', 'Spanish'],
] as const;

/** "New connection link": an embedded or magic link for a customer, shown with a copy button and its expiry. */
export function NewLinkForm(props: { api: ConsoleApi; environment: Environment }) {
  const base = `/environments/${props.environment}/links`;
  const [tools, setTools] = useState<{ id: string; label: string }[]>([]);
  const [created, setCreated] = useState<ApiLink | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void props.api.get<{ results: { id: string; label: string }[] }>(`${base}/tools`).then((r) => setTools(r.results));
  }, []);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    setError('');
    setCreated(null);
    try {
      setCreated(
        await props.api.send<ApiLink>('POST', base, {
          link_type: text('link_type'),
          end_user_organization_name: text('organization'),
          end_user_email: text('email'),
          end_user_origin_id: text('origin_id') || null,
          integration_tool: text('tool') || null,
          language: text('language'),
        }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    }
  }
  return (
    <section aria-labelledby="new-link-heading">
      <h2 id="new-link-heading">New connection link</h2>
      <form aria-label="New connection link" onSubmit={submit}>
        <fieldset>
          <legend>Link type</legend>
          <label>
            <input type="radio" name="link_type" value="EMBEDDED" defaultChecked /> Embedded (opened in your app, valid 1 hour)
          </label>
          <label>
            <input type="radio" name="link_type" value="MAGIC_LINK" /> Magic link (sent to the customer, valid 1 year)
          </label>
        </fieldset>
        <p class="field">
          <label for="link-organization">Customer organisation</label>
          <input id="link-organization" name="organization" required autocomplete="off" />
        </p>
        <p class="field">
          <label for="link-email">Customer email</label>
          <input id="link-email" name="email" type="email" required autocomplete="off" />
        </p>
        <p class="field">
          <label for="link-origin">Origin ID (optional: the customer's ID in your system)</label>
          <input id="link-origin" name="origin_id" autocomplete="off" />
        </p>
        <p class="field">
          <label for="link-tool">Tool (optional)</label>
          <select id="link-tool" name="tool">
            <option value="">Let the customer choose</option>
            {tools.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="link-language">Language</label>
          <select id="link-language" name="language">
            {LANGUAGES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </p>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Create link</button>
      </form>
      {created && (
        <div class="secret">
          <CopyField id="new-link" label="Connection link" value={created.link} />
          <p>Valid until {formatTime(created.expires_at)}.</p>
        </div>
      )}
    </section>
  );
}
