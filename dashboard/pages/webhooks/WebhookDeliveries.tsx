import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../../lib/api.ts';
import { Form } from '../../lib/Form.tsx';
import { type ApiWebhookDelivery, type ApiWebhookEndpoint, webhooksPath, when } from './webhook-types.ts';

/** A `datetime-local` value (the reader's time) as an instant. */
const instant = (value: FormDataEntryValue | null): string | undefined => (value ? new Date(String(value)).toISOString() : undefined);

/** One endpoint's deliveries, newest first: attempts, the receiver's answers, retries; re-sends for writers. */
export function WebhookDeliveries(props: { api: ConsoleApi; endpoint: ApiWebhookEndpoint; canWrite: boolean; back: () => void }) {
  const e = props.endpoint;
  const [deliveries, setDeliveries] = useState<ApiWebhookDelivery[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const path = (...rest: string[]) => webhooksPath(e.environment, e.id, ...rest);
  const reload = () => props.api.get<{ results: ApiWebhookDelivery[] }>(path('deliveries')).then((r) => setDeliveries(r.results));
  useEffect(() => {
    void reload();
  }, [e.id]);
  async function resend(d: ApiWebhookDelivery) {
    setError('');
    try {
      await props.api.send('POST', path('deliveries', d.id, 'resend'));
      setStatus(`Event ${d.event_id} queued again.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
    }
    await reload();
  }
  return (
    <>
      <h1>Deliveries to {e.url}</h1>
      <p>
        <button type="button" class="link" onClick={props.back}>
          Back to webhooks
        </button>{' '}
        <button type="button" onClick={() => reload().then(() => setStatus('Deliveries refreshed.'))}>
          Refresh
        </button>
      </p>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {error && <p role="alert">{error}</p>}
      {deliveries && deliveries.length === 0 && <p>No deliveries yet.</p>}
      {deliveries && deliveries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Status code</th>
              <th scope="col">Latency</th>
              <th scope="col">Next retry</th>
              <th scope="col">Response (first bytes)</th>
              {props.canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.event_type}
                  <br />
                  <code>{d.event_id}</code>
                </td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.last_status_code ?? '—'}</td>
                <td>{d.last_latency_ms === null ? '—' : `${d.last_latency_ms} ms`}</td>
                <td>{when(d.next_attempt_at)}</td>
                <td>
                  <code class="response-start">{d.last_response ?? d.last_error ?? ''}</code>
                </td>
                {props.canWrite && (
                  <td>
                    {(d.status === 'DELIVERED' || d.status === 'FAILED') && (
                      <button type="button" aria-label={`Re-send event ${d.event_id}`} onClick={() => resend(d)}>
                        Re-send
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canWrite && (
        <>
          <h2>Re-send failed events</h2>
          <Form
            label="Re-send the failed events of a period"
            submit="Re-send failed events"
            action={async (data) => {
              const r = await props.api.send<{ resent: number }>('POST', path('resend-failed'), { since: instant(data.get('since')), until: instant(data.get('until')) });
              setStatus(`${r.resent} failed ${r.resent === 1 ? 'event' : 'events'} queued again.`);
              await reload();
            }}
          >
            <p class="field">
              <label for="resend-since">Failed since</label>
              <input id="resend-since" name="since" type="datetime-local" required />
            </p>
            <p class="field">
              <label for="resend-until">Until (optional)</label>
              <input id="resend-until" name="until" type="datetime-local" />
            </p>
          </Form>
        </>
      )}
    </>
  );
}
