import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { type ApiKey, formatTime } from '../lib/console-data.ts';
import { CopyField } from '../lib/CopyField.tsx';
import type { Environment } from '../lib/types.ts';

/** Allowlist text as typed (one entry per line, or separated by commas or spaces) to entries. */
const entriesOf = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);
/** Entries that allow every address: the server refuses them unless confirmed. */
const allowsAll = (entries: string[]): boolean => entries.some((e) => e.endsWith('/0'));
const message = (err: unknown) => (err instanceof ApiError ? err.message : 'Something went wrong. Try again.');

function statusOf(k: ApiKey): string {
  if (k.disabled_at) return 'Disabled';
  if (k.expires_at && new Date(k.expires_at).getTime() <= Date.now()) return 'Expired';
  return 'Active';
}

/** The warning and confirmation an allow-all allowlist needs before the server accepts it. */
function AllowAllConfirmation(props: { id: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="warning" id={`${props.id}-warning`}>
      <p>An entry such as 0.0.0.0/0 or ::/0 allows requests from every address: the allowlist then restricts nothing.</p>
      <label>
        <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)} /> Allow requests from any address
      </label>
    </div>
  );
}

/** Edits one key's allowlist in place. */
function AllowlistEditor(props: { api: ConsoleApi; base: string; apiKey: ApiKey; onDone: (saved: boolean) => void }) {
  const [text, setText] = useState(props.apiKey.ip_allowlist.join('\n'));
  const [confirmAll, setConfirmAll] = useState(false);
  const [error, setError] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Opened from the row's button: the keyboard continues in the editor.
  useEffect(() => textarea.current?.focus(), []);
  const id = `allowlist-${props.apiKey.id}`;
  const entries = entriesOf(text);
  async function save(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    try {
      await props.api.send('PUT', `${props.base}/${props.apiKey.id}/allowlist`, { ip_allowlist: entries, allow_all: confirmAll });
      props.onDone(true);
    } catch (err) {
      setError(message(err));
    }
  }
  return (
    <form aria-label={`Allowlist of ${props.apiKey.name ?? props.apiKey.display_prefix}`} onSubmit={save} class="inline-editor">
      <label for={id}>Allowed addresses (one per line; empty allows any)</label>
      <textarea id={id} ref={textarea} rows={3} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      {allowsAll(entries) && <AllowAllConfirmation id={id} checked={confirmAll} onChange={setConfirmAll} />}
      {error && <p role="alert">{error}</p>}
      <button type="submit">Save allowlist</button>{' '}
      <button type="button" class="secondary" onClick={() => props.onDone(false)}>
        Cancel
      </button>
    </form>
  );
}

/** Asks before disabling a key: there is no way back. */
function DisableConfirmation(props: { name: string; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div role="group" aria-label={`Confirm disabling ${props.name}`} class="confirm">
      <p>Disable {props.name}? This cannot be undone: from the next request on, calls with this key are refused.</p>
      <button type="button" class="danger" ref={ref} onClick={props.onConfirm}>
        Disable for good
      </button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** The secrets page: an environment's API keys; a new key is shown once, right after it is created. */
export function ApiKeys(props: { api: ConsoleApi; environment: Environment; canWrite: boolean }) {
  const base = `/environments/${props.environment}/api-keys`;
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<string | null>(null);
  const [allowlistText, setAllowlistText] = useState('');
  const [confirmAll, setConfirmAll] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const createdRef = useRef<HTMLElement>(null);
  const reload = () => props.api.get<{ results: ApiKey[] }>(base).then((r) => setKeys(r.results));
  useEffect(() => {
    void reload();
  }, []);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const expires = String(data.get('expires') ?? '');
    setError('');
    try {
      const r = await props.api.send<{ key: string; api_key: ApiKey }>('POST', base, {
        name: String(data.get('name')),
        expires_at: expires ? `${expires}T00:00:00Z` : null,
        ip_allowlist: entriesOf(allowlistText),
        allow_all: confirmAll,
      });
      form.reset();
      setAllowlistText('');
      setConfirmAll(false);
      setCreated({ key: r.key, name: r.api_key.name ?? r.api_key.display_prefix });
      await reload();
    } catch (err) {
      setError(message(err));
    }
  }

  async function disable(k: ApiKey) {
    setDisabling(null);
    try {
      await props.api.send('POST', `${base}/${k.id}/disable`);
      setNotice(`${k.name ?? k.display_prefix} is disabled.`);
    } catch (err) {
      setNotice(message(err));
    }
    await reload();
  }

  return (
    <>
      <h1>API keys</h1>
      <p class="hint">Keys of the {props.environment} environment. A key is shown once, when it is created; Plugboard keeps only a hash of it.</p>
      {created && (
        <section aria-labelledby="new-key-heading" class="secret" tabIndex={-1} ref={createdRef}>
          <h2 id="new-key-heading">New key: {created.name}</h2>
          <p class="warning">Copy this key now and store it safely. It is shown only this once: after you leave or reload this page it cannot be shown again.</p>
          <CopyField id="new-key" label="API key" value={created.key} />
          <button type="button" onClick={() => setCreated(null)}>
            I have stored the key
          </button>
        </section>
      )}
      {props.canWrite && (
        <>
          <h2>Create a key</h2>
          <form aria-label="Create an API key" onSubmit={create}>
            <p class="field">
              <label for="key-name">Name</label>
              <input id="key-name" name="name" required maxLength={200} autocomplete="off" />
            </p>
            <p class="field">
              <label for="key-expires">Expires on (optional; at 00:00 UTC that day)</label>
              <input id="key-expires" name="expires" type="date" />
            </p>
            <p class="field">
              <label for="key-allowlist">Allowed addresses (optional; one per line, e.g. 203.0.113.0/24; empty allows any)</label>
              <textarea id="key-allowlist" rows={2} value={allowlistText} onInput={(e) => setAllowlistText((e.currentTarget as HTMLTextAreaElement).value)} />
            </p>
            {allowsAll(entriesOf(allowlistText)) && <AllowAllConfirmation id="key-allowlist" checked={confirmAll} onChange={setConfirmAll} />}
            {error && <p role="alert">{error}</p>}
            <button type="submit">Create key</button>
          </form>
        </>
      )}
      <h2>Keys</h2>
      <p role="status">{notice}</p>
      {keys.length === 0 ? (
        <p>No keys in this environment yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Allowlist</th>
              {props.canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const name = k.name ?? k.display_prefix;
              return (
                <tr key={k.id}>
                  <td>{k.name ?? '—'}</td>
                  <td>
                    <code>{k.display_prefix}…</code>
                  </td>
                  <td>{statusOf(k)}</td>
                  <td>
                    {formatTime(k.created_at)}
                    {k.created_by && <span class="hint"> by {k.created_by}</span>}
                  </td>
                  <td>{formatTime(k.last_used_at, 'never')}</td>
                  <td>{formatTime(k.expires_at, 'never')}</td>
                  <td>
                    {editing === k.id ? (
                      <AllowlistEditor
                        api={props.api}
                        base={base}
                        apiKey={k}
                        onDone={(saved) => {
                          setEditing(null);
                          if (saved) setNotice(`The allowlist of ${name} is saved.`);
                          void reload();
                        }}
                      />
                    ) : (
                      <>
                        {k.ip_allowlist.length === 0 ? 'Any address' : k.ip_allowlist.join(', ')}
                        {allowsAll(k.ip_allowlist) && <span class="warning"> (allows every address)</span>}
                      </>
                    )}
                  </td>
                  {props.canWrite && (
                    <td>
                      {!k.disabled_at && editing !== k.id && (
                        <button type="button" class="secondary" aria-label={`Edit allowlist of ${name}`} onClick={() => setEditing(k.id)}>
                          Edit allowlist
                        </button>
                      )}{' '}
                      {!k.disabled_at &&
                        (disabling === k.id ? (
                          <DisableConfirmation name={name} onConfirm={() => disable(k)} onCancel={() => setDisabling(null)} />
                        ) : (
                          <button type="button" class="danger" aria-label={`Disable ${name}`} onClick={() => setDisabling(k.id)}>
                            Disable
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
