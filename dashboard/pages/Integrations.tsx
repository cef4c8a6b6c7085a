import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ConsoleApi } from '../lib/api.ts';
import { type ApiIntegrationPage, formatTime } from '../lib/console-data.ts';
import { pathOf } from '../lib/route.ts';
import type { Environment } from '../lib/types.ts';
import { NewLinkForm } from './NewLinkForm.tsx';

const FILTERS = [
  { name: 'status', label: 'Status', options: ['ACTIVE', 'INVALID', 'INACTIVE'] },
  { name: 'setup_status', label: 'Setup status', options: ['INCOMPLETE', 'FINAL_SYNC_PENDING', 'COMPLETED'] },
  { name: 'inactive_reason', label: 'Inactive because', options: ['STALE', 'MANUAL'] },
] as const;

/** A readable status: INACTIVE says why. */
export const statusText = (status: string, reason: string | null): string => (reason ? `${status} (${reason === 'STALE' ? 'stale' : 'disabled'})` : status);

/** The integrations list: search and filters answered by the server, one page at a time. */
export function Integrations(props: { api: ConsoleApi; environment: Environment; canCreateLinks: boolean; onOpen: (id: string) => void }) {
  const [query, setQuery] = useState<Record<string, string>>({});
  /** Cursors of the pages before this one (the first page has none). */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<ApiIntegrationPage | null>(null);
  const [error, setError] = useState('');
  const [tools, setTools] = useState<string[]>([]);
  const cursor = cursors.at(-1);

  useEffect(() => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    if (cursor) params.set('cursor', cursor);
    setError('');
    props.api
      .get<ApiIntegrationPage>(`/environments/${props.environment}/integrations?${params}`)
      .then((p) => {
        setPage(p);
        setTools(p.tools);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : 'Something went wrong.'));
  }, [query, cursor]);

  function search(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    setQuery(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()])));
    setCursors([undefined]);
  }

  const pageNumber = cursors.length;
  return (
    <>
      <h1>Integrations</h1>
      <form role="search" aria-label="Search integrations" onSubmit={search} class="filters">
        <p class="field">
          <label for="search">Search</label>
          <input id="search" name="search" type="search" aria-describedby="search-hint" />
          <small id="search-hint" class="hint">
            Organisation, end-user email, integration ID or origin ID
          </small>
        </p>
        <p class="field">
          <label for="filter-tool">Tool</label>
          <select id="filter-tool" name="tool">
            <option value="">Any</option>
            {tools.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </p>
        {FILTERS.map((f) => (
          <p class="field" key={f.name}>
            <label for={`filter-${f.name}`}>{f.label}</label>
            <select id={`filter-${f.name}`} name={f.name}>
              <option value="">Any</option>
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </p>
        ))}
        <button type="submit">Search</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <p role="status" aria-live="polite">
        {page && `${page.total} ${page.total === 1 ? 'integration' : 'integrations'} found${page.total > page.results.length ? `, page ${pageNumber}` : ''}.`}
      </p>
      {page && page.results.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Tool</th>
              <th scope="col">Status</th>
              <th scope="col">Setup</th>
              <th scope="col">End-user email</th>
              <th scope="col">Origin ID</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {page.results.map((i) => (
              <tr key={i.id}>
                <td>
                  <a
                    href={pathOf('integrations', i.id)}
                    onClick={(e) => {
                      e.preventDefault();
                      props.onOpen(i.id);
                    }}
                  >
                    {i.end_user_organization_name}
                  </a>
                </td>
                <td>{i.tool}</td>
                <td>{statusText(i.status, i.inactive_reason)}</td>
                <td>{i.setup_status}</td>
                <td>{i.end_user_email ?? '—'}</td>
                <td>{i.end_user_origin_id ?? '—'}</td>
                <td>{formatTime(i.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" class="pager">
        {cursors.length > 1 && (
          <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </button>
        )}{' '}
        {page?.next && (
          <button type="button" class="secondary" onClick={() => setCursors([...cursors, page.next!])}>
            Next page
          </button>
        )}
      </nav>
      {props.canCreateLinks && <NewLinkForm api={props.api} environment={props.environment} />}
    </>
  );
}
