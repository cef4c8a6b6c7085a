import type { PassthroughRequest, PassthroughResponse } from '../data-source.ts';
import { RemoteError } from '../remote-error.ts';
import type { HttpClient } from './http-client.ts';

/** Request headers a caller may not set: the connector owns authentication and the connection. */
const RESERVED = /^(authorization|cookie|host|content-length|connection|x-api-key|transfer-encoding)$/i;

/**
 * Forwards a passthrough request under `apiBase` (for example `https://acme.bamboohr.com/api`) with the
 * integration's credentials. The path stays under that base: absolute URLs and `..` cannot leave it.
 * The tool's answer comes back whatever its status; only failures to get one throw.
 */
export async function forwardPassthrough(http: HttpClient, apiBase: string, request: PassthroughRequest): Promise<PassthroughResponse> {
  const base = new URL(`${apiBase.replace(/\/+$/, '')}/`);
  const target = new URL(request.path.replace(/^\/+/, ''), base);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) {
    throw new RemoteError('bad_data', `The passthrough path must stay under ${base.pathname}.`);
  }
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !RESERVED.test(name)));
  const response = await http.request<unknown>({
    method: request.method,
    url: target.toString(),
    query: request.params,
    json: request.method === 'GET' || request.method === 'DELETE' ? undefined : (request.data ?? undefined),
    headers,
    raw: true,
    retry: request.method === 'GET',
  });
  return { url: response.url, status: response.status, headers: response.headers, data: response.data, warnings: [] };
}
