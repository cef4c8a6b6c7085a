import type { EmployeesPage, ErrorView, IntegrationView, SessionView, SyncView } from '../shared/api-types.ts';

/** A failure from the demo backend, with its code and a message fit to show. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      // Every state-changing call is JSON, even without data: the backend refuses anything else (same-origin rule).
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError('NETWORK', 'Lumen’s server is not reachable. Check that `npm start` is still running.');
  }
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorView>) | null;
  if (!res.ok || !data) {
    throw new ApiError(data?.error?.code ?? 'UNKNOWN', data?.error?.message ?? `Unexpected answer from Lumen’s server (HTTP ${res.status}).`);
  }
  return data;
}

const integrationPath = (id: string) => `/integrations/${encodeURIComponent(id)}`;

/** The page's calls to its own backend (never to Plugboard's API: the key lives on the backend). */
export const api = {
  session: () => request<SessionView>('GET', '/session'),
  connectLink: (language?: string) => request<{ link: string }>('POST', '/connect-link', { language }).then((r) => r.link),
  activate: (token: string) => request<{ integration: IntegrationView }>('POST', '/integrations', { token }).then((r) => r.integration),
  integration: (id: string) => request<{ integration: IntegrationView }>('GET', integrationPath(id)).then((r) => r.integration),
  relinkLink: (id: string, language?: string) => request<{ link: string }>('POST', `${integrationPath(id)}/relink-link`, { language }).then((r) => r.link),
  setEnabled: (id: string, enabled: boolean) =>
    request<{ integration: IntegrationView }>('PUT', `${integrationPath(id)}/enabled`, { enabled }).then((r) => r.integration),
  disconnect: (id: string) => request<object>('DELETE', integrationPath(id)),
  requestSync: (id: string) => request<{ sync: SyncView }>('POST', `${integrationPath(id)}/sync`).then((r) => r.sync),
  /** The last requested sync's state (`null` if none), which the backend reads from Plugboard. */
  syncStatus: (id: string) => request<{ sync: SyncView | null }>('GET', `${integrationPath(id)}/sync`).then((r) => r.sync),
  employees: (id: string, query: { cursor?: string | null; q?: string }) => {
    const params = new URLSearchParams();
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.q) params.set('q', query.q);
    const qs = params.toString();
    return request<EmployeesPage>('GET', `${integrationPath(id)}/employees${qs ? `?${qs}` : ''}`);
  },
};
