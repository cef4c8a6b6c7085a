import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { Form } from '../lib/Form.tsx';
import type { Environment } from '../lib/types.ts';
import { EndpointRow } from './webhooks/EndpointRow.tsx';
import { EventTypes, checkedTypes } from './webhooks/EventTypes.tsx';
import { SecretOnce } from './webhooks/SecretOnce.tsx';
import { WebhookDeliveries } from './webhooks/WebhookDeliveries.tsx';
import { type ApiWebhookEndpoint, webhooksPath, when } from './webhooks/webhook-types.ts';

/**
 * Webhooks of the current environment: endpoints (add, edit, delete, test event), the signing secret
 * (shown once when created or rotated) and, under `/dashboard/webhooks/<id>`, an endpoint's deliveries.
 */
export function Webhooks(props: { api: ConsoleApi; environment: Environment; endpointId?: string; canWrite: boolean; navigate: (...path: string[]) => void }) {
  const [endpoints, setEndpoints] = useState<ApiWebhookEndpoint[] | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ value: string; note: string } | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const path = (...rest: string[]) => webhooksPath(props.environment, ...rest);
  const reload = () =>
    props.api.get<{ results: ApiWebhookEndpoint[]; event_types: string[] }>(path()).then((r) => {
      setEndpoints(r.results);
      setTypes(r.event_types);
    });
  useEffect(() => {
    setSecret(null);
    void reload();
  }, [props.environment]);
  /** Runs a row's action, reporting its outcome in the live region (or its failure in the alert). */
  async function act(run: () => Promise<string>) {
    setError('');
    setStatus('');
    try {
      setStatus(await run());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
    }
    await reload();
  }

  const endpoint = props.endpointId ? endpoints?.find((e) => e.id === props.endpointId) : undefined;
  if (props.endpointId) {
    if (!endpoints) return <p>Loading…</p>;
    if (!endpoint) return <p role="alert">No such webhook endpoint in {props.environment}.</p>;
    return <WebhookDeliveries api={props.api} endpoint={endpoint} canWrite={props.canWrite} back={() => props.navigate('webhooks')} />;
  }
  return (
    <>
      <h1>Webhooks ({props.environment})</h1>
      <p class="hint">Plugboard POSTs each event, signed with this environment's secret (X-Kombo-Signature), and retries for 24 hours.</p>
      {secret && <SecretOnce secret={secret.value} note={secret.note} />}
      <p role="status" aria-live="polite">
        {status}
      </p>
      {error && <p role="alert">{error}</p>}
      <h2>Endpoints</h2>
      {endpoints && endpoints.length === 0 && <p>No endpoints yet.</p>}
      {endpoints && endpoints.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Enabled</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <EndpointRow
                key={e.id}
                endpoint={e}
                types={types}
                canWrite={props.canWrite}
                actions={{
                  update: async (id, change) => {
                    await props.api.send('PATCH', path(id), change);
                    setStatus(`Saved ${change.url}.`);
                    await reload();
                  },
                  remove: (id) => act(async () => (await props.api.send('DELETE', path(id)), `Deleted ${e.url}.`)),
                  test: (id) => act(async () => `Test event ${(await props.api.send<{ event_id: string }>('POST', path(id, 'test'))).event_id} queued for ${e.url}.`),
                  deliveries: (id) => props.navigate('webhooks', id),
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {props.canWrite && (
        <>
          <h2>Add an endpoint</h2>
          <Form
            label="Add a webhook endpoint"
            submit="Add endpoint"
            action={async (data) => {
              const r = await props.api.send<{ endpoint: ApiWebhookEndpoint; secret: string | null }>('POST', path(), { url: String(data.get('url')), event_types: checkedTypes(data) });
              if (r.secret) setSecret({ value: r.secret, note: 'Every endpoint of this environment verifies its events with it.' });
              setStatus(`Added ${r.endpoint.url}.`);
              await reload();
            }}
          >
            <p class="field">
              <label for="webhook-url">URL</label>
              <input id="webhook-url" name="url" type="url" required aria-describedby="webhook-url-hint" />
              <small id="webhook-url-hint" class="hint">
                {props.environment === 'production' ? 'https only, and only public addresses.' : 'http or https.'}
              </small>
            </p>
            <EventTypes idPrefix="new" types={types} checked={[]} />
          </Form>
          <h2>Signing secret</h2>
          <button
            type="button"
            onClick={() =>
              act(async () => {
                const r = await props.api.send<{ secret: string; previous_secret_valid_until: string }>('POST', path('rotate-secret'));
                const note = `Until ${when(r.previous_secret_valid_until)} every delivery carries two signatures, one with the old secret and one with the new, so receivers can switch without losing events.`;
                setSecret({ value: r.secret, note });
                return 'The signing secret was rotated.';
              })
            }
          >
            Rotate secret
          </button>
        </>
      )}
    </>
  );
}
