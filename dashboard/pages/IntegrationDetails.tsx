import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { type ApiIntegration, type ApiLink, type ApiSyncRun, formatTime } from '../lib/console-data.ts';
import { CopyField } from '../lib/CopyField.tsx';
import { pathOf } from '../lib/route.ts';
import type { Environment } from '../lib/types.ts';
import { statusText } from './Integrations.tsx';

/** Records per model of one run, e.g. "employees: 50 created, 2 updated". */
function countsText(counts: ApiSyncRun['counts']): string {
  if (!counts) return '—';
  const parts = Object.entries(counts).flatMap(([model, c]) => {
    const changed = (['created', 'updated', 'deleted'] as const).filter((k) => (c[k] ?? 0) > 0).map((k) => `${c[k]} ${k}`);
    return changed.length > 0 ? [`${model}: ${changed.join(', ')}`] : [];
  });
  return parts.length > 0 ? parts.join('; ') : 'no changes';
}

const duration = (ms: number | null) => (ms === null ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Deletion asks for the organisation name (or the ID) to be typed. */
function DeleteConfirmation(props: { integration: ApiIntegration; onDelete: (confirmation: string) => void; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const name = props.integration.end_user_organization_name;
  const matches = typed === name || typed === props.integration.id;
  return (
    <form
      aria-label="Confirm deletion"
      class="confirm"
      onSubmit={(e) => {
        e.preventDefault();
        if (matches) props.onDelete(typed);
      }}
    >
      <p>Deleting removes the integration, its credentials and all synced data for good. This cannot be undone.</p>
      <p class="field">
        <label for="delete-confirmation">
          Type <strong>{name}</strong> to confirm
        </label>
        <input id="delete-confirmation" autocomplete="off" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
      </p>
      <button type="submit" class="danger" disabled={!matches}>
        Delete for good
      </button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** One integration: end user, state, sync history and the actions the role may take. */
export function IntegrationDetails(props: {
  api: ConsoleApi;
  environment: Environment;
  id: string;
  canWrite: boolean;
  canCreateLinks: boolean;
  onBack: () => void;
}) {
  const base = `/environments/${props.environment}/integrations/${encodeURIComponent(props.id)}`;
  const [data, setData] = useState<{ integration: ApiIntegration; sync_runs: ApiSyncRun[] } | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [link, setLink] = useState<ApiLink | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const reload = () =>
    props.api
      .get<{ integration: ApiIntegration; sync_runs: ApiSyncRun[] }>(base)
      .then(setData)
      .catch((err) => setError(err instanceof ApiError ? err.message : 'Something went wrong.'));
  useEffect(() => {
    void reload();
  }, [props.id]);

  async function act(done: string, run: () => Promise<unknown>) {
    setError('');
    setNotice('');
    try {
      await run();
      setNotice(done);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
    }
    await reload();
  }

  const back = (
    <p>
      <a
        href={pathOf('integrations')}
        onClick={(e) => {
          e.preventDefault();
          props.onBack();
        }}
      >
        All integrations
      </a>
    </p>
  );
  if (deleted) {
    return (
      <>
        {back}
        <h1>Integration deleted</h1>
        <p role="status">The integration is deleted.</p>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {back}
        {error ? <p role="alert">{error}</p> : <p role="status">Loading…</p>}
      </>
    );
  }
  const i = data.integration;
  const setEnabled = (value: boolean, done: string) => act(done, () => props.api.send('PUT', `${base}/enabled`, { value }));
  return (
    <>
      {back}
      <h1>{i.end_user_organization_name}</h1>
      <dl class="details">
        <dt>Integration ID</dt>
        <dd>
          <code>{i.id}</code>
        </dd>
        <dt>Tool</dt>
        <dd>{i.tool}</dd>
        <dt>Status</dt>
        <dd>{statusText(i.status, i.inactive_reason)}</dd>
        <dt>Setup status</dt>
        <dd>{i.setup_status}</dd>
        <dt>End-user email</dt>
        <dd>{i.end_user_email ?? '—'}</dd>
        <dt>Origin ID</dt>
        <dd>{i.end_user_origin_id ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatTime(i.created_at)}</dd>
        <dt>Updated</dt>
        <dd>{formatTime(i.updated_at)}</dd>
        <dt>Last API request</dt>
        <dd>{formatTime(i.last_api_request_at)}</dd>
      </dl>
      {(props.canWrite || props.canCreateLinks) && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">Actions</h2>
          <p class="actions">
            {props.canWrite && i.status === 'INACTIVE' && i.inactive_reason === 'STALE' && (
              <button type="button" onClick={() => setEnabled(true, 'The integration is active again.')}>
                Reactivate
              </button>
            )}
            {props.canWrite && i.status === 'INACTIVE' && i.inactive_reason !== 'STALE' && (
              <button type="button" onClick={() => setEnabled(true, 'The integration is enabled.')}>
                Enable
              </button>
            )}
            {props.canWrite && i.status !== 'INACTIVE' && (
              <>
                <button type="button" onClick={() => act('A sync is queued.', () => props.api.send('POST', `${base}/force-sync`))}>
                  Force sync
                </button>{' '}
                <button type="button" class="secondary" onClick={() => setEnabled(false, 'The integration is disabled.')}>
                  Disable
                </button>
              </>
            )}{' '}
            {props.canCreateLinks && (
              <button type="button" class="secondary" onClick={() => act('A reconnection link is ready.', async () => setLink(await props.api.send<ApiLink>('POST', `${base}/relink`, {})))}>
                Create reconnection link
              </button>
            )}{' '}
            {props.canWrite && !deleting && (
              <button type="button" class="danger" onClick={() => setDeleting(true)}>
                Delete
              </button>
            )}
          </p>
          <p role="status">{notice}</p>
          {error && <p role="alert">{error}</p>}
          {link && (
            <div class="secret">
              <CopyField id="relink" label="Reconnection link" value={link.link} />
              <p>Valid until {formatTime(link.expires_at)}.</p>
            </div>
          )}
          {deleting && (
            <DeleteConfirmation
              integration={i}
              onCancel={() => setDeleting(false)}
              onDelete={async (confirmation) => {
                try {
                  await props.api.send('DELETE', base, { confirmation });
                  setDeleted(true);
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : 'Something went wrong.');
                }
              }}
            />
          )}
        </section>
      )}
      <h2>Sync history</h2>
      {data.sync_runs.length === 0 ? (
        <p>No sync has run yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">Duration</th>
              <th scope="col">Records</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {data.sync_runs.map((r) => (
              <tr key={r.id}>
                <td>{formatTime(r.queued_at)}</td>
                <td>
                  {r.type} ({r.trigger.toLowerCase()})
                </td>
                <td>{r.state}</td>
                <td>{duration(r.duration_ms)}</td>
                <td>{countsText(r.counts)}</td>
                <td>{r.error ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
