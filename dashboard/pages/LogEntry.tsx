import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../lib/api.ts';
import { timeOf } from '../lib/query.ts';
import type { ApiRequestLog, Environment } from '../lib/types.ts';
import type { PageContext } from '../pages.tsx';

/** Entries are written in batches within a second: a fresh log_url may be opened before its entry exists. */
const ATTEMPTS = 5;
const RETRY_MS = 600;

/**
 * One request's entry (`/dashboard/logs/<request id>`, where `log_url` leads): looked up in the chosen
 * environment first, then in the role's other environments, retried briefly while it is not written yet.
 */
export function LogEntry(props: { ctx: PageContext; requestId: string }) {
  const { ctx, requestId } = props;
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'found'; entry: ApiRequestLog; environment: Environment } | { kind: 'missing' }>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const environments = [ctx.environment, ...ctx.session.environments.filter((e) => e !== ctx.environment)].filter((e) => ctx.session.permissions.environments[e]?.includes('logs.read'));
    (async () => {
      for (let attempt = 0; attempt < ATTEMPTS && !cancelled; attempt++) {
        for (const environment of environments) {
          try {
            const entry = await ctx.api.get<ApiRequestLog>(`/environments/${environment}/logs/${encodeURIComponent(requestId)}`);
            if (!cancelled) setState({ kind: 'found', entry, environment });
            return;
          } catch (err) {
            if (!(err instanceof ApiError) || err.status !== 404) throw err;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
      if (!cancelled) setState({ kind: 'missing' });
    })();
    return () => {
      cancelled = true;
    };
  }, [requestId, ctx.environment]);

  return (
    <>
      <h1>Request {requestId}</h1>
      <p>
        <a
          href="/dashboard/logs"
          onClick={(e) => {
            e.preventDefault();
            ctx.navigate('logs');
          }}
        >
          All logs
        </a>
      </p>
      <div aria-live="polite">
        {state.kind === 'loading' && <p role="status">Looking for the entry…</p>}
        {state.kind === 'missing' && <p role="alert">No entry for this request in your environments: it may have been removed by the retention, or belong to another tenant.</p>}
        {state.kind === 'found' && (
          <dl class="entry">
            <dt>Environment</dt>
            <dd>{state.environment}</dd>
            <dt>Time</dt>
            <dd>{timeOf(state.entry.at)}</dd>
            <dt>Method</dt>
            <dd>{state.entry.method}</dd>
            <dt>Path</dt>
            <dd class="path">{state.entry.path}</dd>
            <dt>Status</dt>
            <dd>{state.entry.status}</dd>
            <dt>Latency</dt>
            <dd>{state.entry.latency_ms} ms</dd>
            <dt>API key</dt>
            <dd>{state.entry.key_prefix ?? `${state.entry.api_key_id} (deleted)`}</dd>
            <dt>Integration</dt>
            <dd>{state.entry.integration_id ?? '—'}</dd>
            <dt>Request id</dt>
            <dd>{state.entry.request_id}</dd>
          </dl>
        )}
      </div>
    </>
  );
}
