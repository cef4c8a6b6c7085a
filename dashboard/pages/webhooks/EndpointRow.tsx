import { useState } from 'preact/hooks';
import { Form } from '../../lib/Form.tsx';
import { EventTypes, checkedTypes } from './EventTypes.tsx';
import { type ApiWebhookEndpoint, when } from './webhook-types.ts';

/** What a row can ask of its page (each resolves once the change is made, or throws an ApiError). */
export interface EndpointActions {
  update(id: string, change: { url: string; event_types: string[]; enabled: boolean }): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  deliveries(id: string): void;
}

/** One endpoint: its settings, and for writers edit (URL, events, enabled), delete (confirmed) and a test event. */
export function EndpointRow(props: { endpoint: ApiWebhookEndpoint; types: string[]; canWrite: boolean; actions: EndpointActions }) {
  const e = props.endpoint;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  if (mode === 'edit') {
    return (
      <tr>
        <td colSpan={5}>
          <Form
            label={`Edit ${e.url}`}
            submit="Save"
            action={async (data) => {
              await props.actions.update(e.id, { url: String(data.get('url')), event_types: checkedTypes(data), enabled: data.get('enabled') === 'on' });
              setMode('view');
            }}
          >
            <p class="field">
              <label for={`url-${e.id}`}>URL</label>
              <input id={`url-${e.id}`} name="url" type="url" value={e.url} required />
            </p>
            <EventTypes idPrefix={`edit-${e.id}`} types={props.types} checked={e.event_types} />
            <p>
              <label for={`enabled-${e.id}`}>
                <input id={`enabled-${e.id}`} type="checkbox" name="enabled" checked={e.enabled} /> Enabled
              </label>
            </p>
          </Form>
          <button type="button" class="link" onClick={() => setMode('view')}>
            Cancel editing
          </button>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>
        <code>{e.url}</code>
      </td>
      <td>{e.event_types.length ? e.event_types.join(', ') : 'every type'}</td>
      <td>{e.enabled ? 'yes' : 'no'}</td>
      <td>{when(e.created_at)}</td>
      <td>
        <button type="button" class="link" aria-label={`Deliveries to ${e.url}`} onClick={() => props.actions.deliveries(e.id)}>
          Deliveries
        </button>
        {props.canWrite && mode === 'view' && (
          <>
            {' '}
            <button type="button" aria-label={`Send test event to ${e.url}`} onClick={() => props.actions.test(e.id)}>
              Send test event
            </button>{' '}
            <button type="button" aria-label={`Edit ${e.url}`} onClick={() => setMode('edit')}>
              Edit
            </button>{' '}
            <button type="button" aria-label={`Delete ${e.url}`} onClick={() => setMode('confirm-delete')}>
              Delete
            </button>
          </>
        )}
        {props.canWrite && mode === 'confirm-delete' && (
          <span role="group" aria-label={`Confirm deleting ${e.url}`}>
            {' '}
            Delete this endpoint and its delivery history?{' '}
            <button type="button" onClick={() => props.actions.remove(e.id).finally(() => setMode('view'))}>
              Yes, delete
            </button>{' '}
            <button type="button" class="link" onClick={() => setMode('view')}>
              Keep it
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
