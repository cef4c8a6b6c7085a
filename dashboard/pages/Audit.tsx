import { useEffect, useRef, useState } from 'preact/hooks';
import { API_BASE, ApiError, type ConsoleApi } from '../lib/api.ts';
import { queryOf, timeOf } from '../lib/query.ts';
import type { ApiAuditEntry, ApiPage } from '../lib/types.ts';

const FILTERS = [
  { name: 'actor', label: 'Actor contains' },
  { name: 'action', label: 'Action' },
  { name: 'target_type', label: 'Target type' },
  { name: 'target_id', label: 'Target ID' },
] as const;

const json = (value: Record<string, unknown> | null) => (value ? JSON.stringify(value, null, 1) : '—');

/** Admins: the tenant's audit trail with filters, older pages on demand and a CSV download of the matches. */
export function Audit(props: { api: ConsoleApi }) {
  const form = useRef<HTMLFormElement>(null);
  const [entries, setEntries] = useState<ApiAuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState('');

  async function load(cursor?: string) {
    setError('');
    const filters = queryOf(form.current ? new FormData(form.current) : null);
    try {
      const page = await props.api.get<ApiPage<ApiAuditEntry>>(`/audit${queryOf(form.current ? new FormData(form.current) : null, { cursor })}`);
      setEntries((shown) => (cursor ? [...(shown ?? []), ...page.results] : page.results));
      setNext(page.next_cursor);
      setQuery(filters);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    }
  }
  useEffect(() => void load(), []);

  const csv = `${API_BASE}/audit${query ? `${query}&` : '?'}format=csv`;
  return (
    <>
      <h1>Audit log</h1>
      <form
        ref={form}
        aria-label="Filter the audit log"
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        {FILTERS.map((f) => (
          <p class="field" key={f.name}>
            <label for={`audit-${f.name}`}>{f.label}</label>
            <input id={`audit-${f.name}`} name={f.name} />
          </p>
        ))}
        <p class="field">
          <label for="audit-from">From</label>
          <input id="audit-from" name="from" type="datetime-local" step={1} />
        </p>
        <p class="field">
          <label for="audit-to">To</label>
          <input id="audit-to" name="to" type="datetime-local" step={1} />
        </p>
        <p class="actions">
          <button type="submit">Apply filters</button>
        </p>
      </form>
      <p>
        <a class="button" href={csv} download="audit-log.csv">
          Download CSV
        </a>
      </p>
      {error && <p role="alert">{error}</p>}
      <p role="status" aria-live="polite">
        {entries === null ? 'Loading…' : entries.length === 0 ? 'No entries match.' : `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown, newest first.`}
      </p>
      {entries && entries.length > 0 && (
        <table>
          <caption class="visually-hidden">Audit entries</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{timeOf(e.at)}</td>
                <td>
                  {e.actor} <span class="hint">({e.source})</span>
                </td>
                <td>{e.action}</td>
                <td>
                  {e.target_type} <code>{e.target_id}</code>
                </td>
                <td>
                  <pre>{json(e.before)}</pre>
                </td>
                <td>
                  <pre>{json(e.after)}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" class="more" onClick={() => void load(next)}>
          Show older entries
        </button>
      )}
    </>
  );
}
