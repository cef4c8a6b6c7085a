import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../../lib/api.ts';
import { Form } from '../../lib/Form.tsx';
import type { ApiScopeModel } from './types.ts';

const fieldName = (model: string, field: string) => `${model}.${field}`;

/** One model: its switch (or state) and, expandable, its fields. */
function ModelScope(props: { model: ApiScopeModel; editable: boolean }) {
  const { model } = props;
  const off = model.fields.filter((f) => !f.enabled).length;
  return (
    <li>
      {props.editable ? (
        <label>
          <input type="checkbox" name={model.id} defaultChecked={model.enabled} /> Read {model.label}
        </label>
      ) : (
        <span>
          {model.label}: {model.enabled ? 'read' : 'turned off'}
        </span>
      )}
      <details>
        <summary>
          Fields of {model.label} ({off === 0 ? 'all on' : `${off} off`})
        </summary>
        <ul class="config-fields">
          {model.fields.map((f) => (
            <li key={f.id}>
              {props.editable ? (
                <label>
                  <input type="checkbox" name={fieldName(model.id, f.id)} defaultChecked={f.enabled} disabled={f.locked} /> <code>{f.id}</code>
                  {f.locked && <span class="hint"> (identifies or links records: always on)</span>}
                </label>
              ) : (
                <span>
                  <code>{f.id}</code>: {f.enabled ? 'on' : 'off'}
                </span>
              )}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

/**
 * Which unified models and fields the environment reads and serves. A model turned off is not synced
 * and its endpoint answers an error; a field turned off is not stored and answers null.
 */
export function ScopesSection(props: { api: ConsoleApi; base: string; models: ApiScopeModel[]; editable: boolean }) {
  const [models, setModels] = useState(props.models);
  const [status, setStatus] = useState('');
  const list = (
    <ul class="config-list">
      {models.map((m) => (
        <ModelScope key={`${m.id}:${String(m.enabled)}:${m.fields.map((f) => Number(f.enabled)).join('')}`} model={m} editable={props.editable} />
      ))}
    </ul>
  );
  return (
    <section class="config-section" aria-labelledby="scopes-heading">
      <h2 id="scopes-heading">Scopes</h2>
      <p class="hint">A model turned off is not synced and its endpoint answers an error; a field turned off is not stored and answers null.</p>
      {props.editable ? (
        <Form
          label="Scopes"
          submit="Save scopes"
          action={async (data) => {
            setStatus('');
            const body = {
              disabled_models: models.filter((m) => data.get(m.id) !== 'on').map((m) => m.id),
              disabled_fields: Object.fromEntries(
                models.map((m) => [m.id, m.fields.filter((f) => !f.locked && data.get(fieldName(m.id, f.id)) !== 'on').map((f) => f.id)]),
              ),
            };
            const r = await props.api.send<{ models: ApiScopeModel[] }>('PUT', `${props.base}/scopes`, body);
            setModels(r.models);
            setStatus('Scopes saved. The next sync reads accordingly.');
          }}
        >
          {list}
        </Form>
      ) : (
        list
      )}
      <p role="status">{status}</p>
    </section>
  );
}
