/** The console API's base path (served by the same origin). */
export const API_BASE = '/dashboard/api';

/** A failed console API call: the error envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ConsoleApi {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/**
 * The one place that calls `fetch`: JSON in and out, the error envelope turned into ApiError, and the
 * CSRF token (fetched before the first state-changing call, replaced whenever an answer carries one).
 */
export function createApi(fetchFn: typeof fetch = fetch): ConsoleApi {
  let csrf: string | undefined;
  async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      csrf ??= (await request<{ csrf_token: string }>('GET', '/csrf')).csrf_token;
      headers['x-csrf-token'] = csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetchFn(`${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const json = (await res.json().catch(() => null)) as { status: string; data?: any; error?: { code: string; message: string } } | null;
    // After sign-out (or a session that ended) the token belongs to a cookie that is gone: fetch a fresh one, once.
    if (json?.error?.code === 'CONSOLE.CSRF_INVALID' && !retried) {
      csrf = undefined;
      return request(method, path, body, true);
    }
    if (!res.ok || json?.status !== 'success') {
      throw new ApiError(res.status, json?.error?.code ?? 'PLATFORM.UNKNOWN_ERROR', json?.error?.message ?? `Request failed (${res.status}).`);
    }
    if (json.data && typeof json.data.csrf_token === 'string') csrf = json.data.csrf_token;
    return json.data as T;
  }
  return { get: (path) => request('GET', path), send: (method, path, body) => request(method, path, body) };
}
