import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../lib/api.ts';
import { timeOf } from '../lib/query.ts';
import type { ApiOverview, ApiOverviewIntegration } from '../lib/types.ts';
import type { PageContext } from '../pages.tsx';
import { LogTable } from './LogTable.tsx';

const name = (i: ApiOverviewIntegration) => `${i.end_user_organization_name} (${i.tool}, ${i.id})`;

/** The landing page: integrations by status, what needs attention and the latest /v1 errors of the environment. */
export function Home(props: { ctx: PageContext }) {
  const { ctx } = props;
  const [overview, setOverview] = useState<ApiOverview | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setOverview(null);
    ctx.api
      .get<ApiOverview>(`/environments/${ctx.environment}/overview`)
      .then(setOverview)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : 'The overview could not be loaded.'));
  }, [ctx.environment]);
  const counts = overview?.integration_counts;
  const attention = overview?.attention;
  const nothing = attention && attention.invalid_credentials.length + attention.last_sync_failed.length + attention.soon_stale.length === 0;
  return (
    <>
      <h1>Overview</h1>
      <p>
        Signed in as {ctx.session.user.email} ({ctx.session.user.role}), working in {ctx.environment}.
      </p>
      {error && <p role="alert">{error}</p>}
      <div aria-live="polite">
        {!overview && !error && <p role="status">Loading the overview…</p>}
        {counts && (
          <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">Integrations</h2>
            <dl class="counts">
              <div>
                <dt>Total</dt>
                <dd>{counts.total}</dd>
              </div>
              <div>
                <dt>Active</dt>
                <dd>{counts.active}</dd>
              </div>
              <div>
                <dt>Invalid</dt>
                <dd>{counts.invalid}</dd>
              </div>
              <div>
                <dt>Inactive</dt>
                <dd>{counts.inactive}</dd>
              </div>
            </dl>
          </section>
        )}
        {attention && (
          <section aria-labelledby="attention-heading">
            <h2 id="attention-heading">Needs attention</h2>
            {nothing && <p>Nothing needs attention.</p>}
            {attention.invalid_credentials.length > 0 && (
              <>
                <h3>Invalid credentials</h3>
                <ul>
                  {attention.invalid_credentials.map((i) => (
                    <li key={i.id}>{name(i)}: the tool refused the credentials; send a reconnection link.</li>
                  ))}
                </ul>
              </>
            )}
            {attention.last_sync_failed.length > 0 && (
              <>
                <h3>Last sync failed</h3>
                <ul>
                  {attention.last_sync_failed.map((i) => (
                    <li key={i.id}>
                      {name(i)}
                      {i.failed_at ? ` at ${timeOf(i.failed_at)}` : ''}: {i.error ?? 'no reason recorded'}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {attention.soon_stale.length > 0 && (
              <>
                <h3>Soon inactive (unused)</h3>
                <ul>
                  {attention.soon_stale.map((i) => (
                    <li key={i.id}>
                      {name(i)}: becomes inactive on {timeOf(i.stale_at)} unless the API uses it.
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
        {overview && (
          <section aria-labelledby="errors-heading">
            <h2 id="errors-heading">Recent errors</h2>
            {overview.recent_errors.length === 0 ? (
              <p>No /v1 request failed recently.</p>
            ) : (
              <LogTable caption="Recent /v1 errors" entries={overview.recent_errors} onOpen={(id) => ctx.navigate('logs', id)} />
            )}
          </section>
        )}
      </div>
    </>
  );
}
