import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'undici';
import { RemoteError } from '../remote-error.ts';
import { RequestGate } from './request-gate.ts';
import { backoffDelay, parseRetryAfter } from './retry-after.ts';
import type { ConnectorRuntime } from './runtime.ts';
import { toolUrl } from './tool-origin.ts';

/** One request to a tool's API. */
export interface ToolRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute URL at the tool's documented origin; the runtime may move it (`TOOL_ORIGIN_<TOOL>`). */
  url: string;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The unified model the request reads, named in permission_missing and bad_data errors. */
  model?: string;
  /** Answer every status instead of throwing for non-2xx (passthrough). @default false */
  raw?: boolean;
  /** Non-2xx statuses answered (body parsed leniently) instead of thrown, e.g. 404 for "no such record". */
  allow?: readonly number[];
  /** Skip authorisation headers (token endpoints). @default false */
  anonymous?: boolean;
  /** Retry 429/5xx/network failures. @default true */
  retry?: boolean;
}

export interface ToolResponse<T> {
  url: string;
  status: number;
  headers: Record<string, string>;
  data: T;
}

/** How a client authenticates: headers for each request, and what to do once when the tool answers 401. */
export interface ToolAuth {
  headers(): Promise<Record<string, string>>;
  /** Called with the headers the tool rejected; true to retry once with fresh ones (expired tokens). */
  renew?(rejected: Record<string, string>): Promise<boolean>;
}

export interface HttpClientOptions {
  tool: string;
  /** Whose limits apply; null for a credential check before any integration exists (a gate of its own). */
  integrationId: string | null;
  runtime: ConnectorRuntime;
  auth: ToolAuth;
  /** Sent with every request, e.g. `Accept: application/json`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A tool's API as a connector calls it: retries, rate limit, timeouts, error taxonomy and request logs built in. */
export interface HttpClient {
  request<T = unknown>(request: ToolRequest): Promise<ToolResponse<T>>;
  readonly tool: string;
}

const RETRIABLE = (status: number) => status === 429 || status >= 500;

/** The URL with the query appended (arrays as repeated keys). */
function withQuery(url: string, query: ToolRequest['query']): URL {
  const u = new URL(url);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) u.searchParams.append(key, v);
    else u.searchParams.set(key, String(value));
  }
  return u;
}

/** What a log line may say about a URL: host and path, query parameter names without their values. */
function loggable(u: URL): { host: string; path: string; query?: string[] } {
  const keys = [...new Set(u.searchParams.keys())];
  return { host: u.host, path: u.pathname, ...(keys.length ? { query: keys } : {}) };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

async function parseBody(response: Response, model: string | undefined, strict: boolean): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json') || /^[[{]/.test(text.trimStart())) {
    try {
      return JSON.parse(text);
    } catch {
      if (strict) throw new RemoteError('bad_data', `The tool answered unreadable JSON (HTTP ${response.status}).`, { model, status: response.status });
      return text;
    }
  }
  if (strict) throw new RemoteError('bad_data', `The tool answered ${type || 'an untyped body'} instead of JSON.`, { model, status: response.status });
  return text;
}

function statusError(status: number, model: string | undefined, retryAfterMs: number | null): RemoteError {
  if (status === 401) return new RemoteError('credentials_rejected', 'The tool rejected the credentials (HTTP 401).', { status });
  if (status === 403) return new RemoteError('permission_missing', `The credentials may not read ${model ?? 'this resource'} (HTTP 403).`, { status, model });
  if (status === 429) return new RemoteError('rate_limited', 'The tool kept answering 429 Too Many Requests.', { status, retryAfterMs: retryAfterMs ?? undefined });
  if (status >= 500) return new RemoteError('remote_unavailable', `The tool answered HTTP ${status}.`, { status });
  // Any other 4xx means the tool refused what we asked for: nothing a retry or relink fixes.
  return new RemoteError('bad_data', `The tool answered HTTP ${status}.`, { status, model });
}

/** Creates the client a connector uses for one integration. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { runtime, tool, integrationId } = options;
  const { retry, timeouts } = runtime.options;
  const gate = integrationId === null ? new RequestGate(runtime.options.limits) : runtime.gateFor(integrationId);
  const log = runtime.options.logger;

  async function once(request: ToolRequest, url: URL, auth: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers, ...request.headers, ...auth };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    } else if (request.form) {
      body = new URLSearchParams(request.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const signals = [AbortSignal.timeout(timeouts.totalMs), ...(options.signal ? [options.signal] : [])];
    const { fetch, dispatcher } = await runtime.transport();
    return fetch(url, { method: request.method ?? 'GET', headers, body, signal: AbortSignal.any(signals), dispatcher });
  }

  async function request<T>(request: ToolRequest): Promise<ToolResponse<T>> {
    const url = withQuery(toolUrl(tool, request.url, runtime.options.origins), request.query);
    const where = loggable(url);
    const method = request.method ?? 'GET';
    const retries = request.retry === false ? 0 : retry.retries;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const auth = request.anonymous ? {} : await options.auth.headers();
      const started = performance.now();
      let response: Response;
      try {
        response = await gate.run(() => once(request, url, auth));
      } catch (err) {
        if (options.signal?.aborted) throw err;
        const ms = Math.round(performance.now() - started);
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        log?.warn({ tool, integrationId, method, ...where, ms, attempt, failure: timedOut ? 'timeout' : 'network' }, 'tool request failed');
        if (attempt < retries) {
          await delay(backoffDelay(attempt, retry.baseMs, retry.capMs));
          continue;
        }
        throw new RemoteError('remote_unavailable', timedOut ? 'The tool did not answer in time.' : 'The tool could not be reached.');
      }
      const ms = Math.round(performance.now() - started);
      log?.info({ tool, integrationId, method, ...where, status: response.status, ms, attempt }, 'tool request');
      const status = response.status;
      if (status === 401 && !renewed && !request.anonymous && options.auth.renew && (await options.auth.renew(auth))) {
        renewed = true;
        await response.body?.cancel();
        attempt--;
        continue;
      }
      if (RETRIABLE(status) && attempt < retries) {
        const asked = parseRetryAfter(response.headers.get('retry-after'));
        await response.body?.cancel();
        if (asked !== null && asked > retry.maxRetryAfterMs) throw statusError(status, request.model, asked);
        await delay(asked ?? backoffDelay(attempt, retry.baseMs, retry.capMs));
        continue;
      }
      if (request.raw || request.allow?.includes(status)) return { url: url.toString(), status, headers: headersOf(response), data: (await parseBody(response, request.model, false)) as T };
      if (status < 200 || status >= 300) {
        await response.body?.cancel();
        throw statusError(status, request.model, parseRetryAfter(response.headers.get('retry-after')));
      }
      return { url: url.toString(), status, headers: headersOf(response), data: (await parseBody(response, request.model, true)) as T };
    }
  }

  return { request, tool };
}
