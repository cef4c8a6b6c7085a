import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../lib/api.ts';
import { queryOf } from '../lib/query.ts';
import type { ApiPage, ApiRequestLog } from '../lib/types.ts';
import type { PageContext } from '../pages.tsx';
import { LogEntry } from './LogEntry.tsx';
import { LogRetention } from './LogRetention.tsx';
import { LogTable } from './LogTable.tsx';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The environment's `/v1` request log: filters, newest first, older pages on demand; `/logs/<id>` shows one entry. */
export function Logs(props: { ctx: PageContext }) {
  const { ctx } = props;
  const requestId = ctx.route.rest[0];
  if (requestId) return <LogEntry ctx={ctx} requestId={requestId} />;
  return <LogList ctx={ctx} />;
}

function LogList(props: { ctx: PageContext }) {
  const { ctx } = props;
  const form = useRef<HTMLFormElement>(null);
  const [entries, setEntries] = useState<ApiRequestLog[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');

  async function load(cursor?: string) {
    setError('');
    try {
      const query = queryOf(form.current ? new FormData(form.current) : null, { cursor });
      const page = await ctx.api.get<ApiPage<ApiRequestLog>>(`/environments/${ctx.environment}/logs${query}`);
      setEntries((shown) => (cursor ? [...(shown ?? []), ...page.results] : page.results));
      setNext(page.next_cursor);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    }
  }
  useEffect(() => void load(), [ctx.environment]);

  return (
    <>
      <h1>Logs</h1>
      <p>Every authenticated /v1 request of this environment: no bodies, no query values, no keys.</p>
      <form
        ref={form}
        aria-label="Filter the logs"
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <p class="field">
          <label for="log-status-class">Status class</label>
          <select id="log-status-class" name="status_class">
            <option value="">Any</option>
            {['2xx', '3xx', '4xx', '5xx'].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="log-status">Exact status</label>
          <input id="log-status" name="status" inputMode="numeric" pattern="[1-5][0-9][0-9]" size={5} />
        </p>
        <p class="field">
          <label for="log-method">Method</label>
          <select id="log-method" name="method">
            <option value="">Any</option>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="log-path">Path contains</label>
          <input id="log-path" name="path" />
        </p>
        <p class="field">
          <label for="log-integration">Integration ID</label>
          <input id="log-integration" name="integration_id" />
        </p>
        <p class="field">
          <label for="log-key">Key prefix</label>
          <input id="log-key" name="key_prefix" />
        </p>
        <p class="field">
          <label for="log-from">From</label>
          <input id="log-from" name="from" type="datetime-local" step={1} />
        </p>
        <p class="field">
          <label for="log-to">To</label>
          <input id="log-to" name="to" type="datetime-local" step={1} />
        </p>
        <p class="actions">
          <button type="submit">Apply filters</button>
        </p>
      </form>
      {error && <p role="alert">{error}</p>}
      <p role="status" aria-live="polite">
        {entries === null ? 'Loading…' : entries.length === 0 ? 'No requests match.' : `${entries.length} request${entries.length === 1 ? '' : 's'} shown, newest first.`}
      </p>
      {entries && entries.length > 0 && <LogTable caption="Requests" entries={entries} onOpen={(id) => ctx.navigate('logs', id)} />}
      {next && (
        <button type="button" class="more" onClick={() => void load(next)}>
          Show older requests
        </button>
      )}
      <LogRetention api={ctx.api} environment={ctx.environment} canChange={ctx.session.permissions.environments[ctx.environment]?.includes('logs.write') ?? false} />
    </>
  );
}
