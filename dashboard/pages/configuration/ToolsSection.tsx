import { useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../../lib/api.ts';
import type { ApiConsoleTool } from './types.ts';

/** The tools of the catalogue available in the environment; a switch each for those who may configure. */
export function ToolsSection(props: { api: ConsoleApi; base: string; tools: ApiConsoleTool[]; editable: boolean }) {
  const [tools, setTools] = useState(props.tools);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  async function toggle(tool: ApiConsoleTool, enabled: boolean) {
    setError('');
    try {
      const r = await props.api.send<{ tool: ApiConsoleTool }>('PUT', `${props.base}/tools/${tool.id}`, { enabled });
      setTools((all) => all.map((t) => (t.id === tool.id ? r.tool : t)));
      setStatus(`${tool.label} is ${r.tool.enabled ? 'enabled' : 'disabled'}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    }
  }
  return (
    <section class="config-section" aria-labelledby="tools-heading">
      <h2 id="tools-heading">Tools</h2>
      <p class="hint">Enabled tools are offered in the connection flow and may be named in new links.</p>
      <ul class="config-list">
        {tools.map((t) => (
          <li key={t.id}>
            {props.editable ? (
              <label>
                <input type="checkbox" checked={t.enabled} onChange={(e) => toggle(t, (e.currentTarget as HTMLInputElement).checked)} /> {t.label}
              </label>
            ) : (
              <span>
                {t.label}: {t.enabled ? 'enabled' : 'disabled'}
              </span>
            )}
          </li>
        ))}
      </ul>
      <p role="status">{status}</p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
