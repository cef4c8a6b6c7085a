import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** A request as a fake's route sees it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Fault switches every fake shares: a delay per request, a number of upcoming requests answered 429
 * (with Retry-After) or 503, and paths answered 403.
 */
export interface FakeFaults {
  delayMs: number;
  /** The next N requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext: number;
  retryAfterSeconds: number;
  /** The next N requests answer 503 (transient outage). */
  unavailableNext: number;
  /** Every request answers 503 while set. */
  down: boolean;
  /** Path prefixes answered 403 (a permission the credentials lack). */
  forbidden: string[];
}

/** A loopback HTTP server imitating one tool; every request is recorded with its arrival time. */
export interface FakeServer {
  url: string;
  faults: FakeFaults;
  /** Every request answered: `query` is the search string (with its `?`, or empty), `body` the parsed body. */
  requests: { method: string; path: string; at: number; status: number; query: string; body: unknown }[];
  close(): Promise<void>;
}

/** Starts a fake on 127.0.0.1 answering with `route` after the shared fault switches. */
export async function startFake(route: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): Promise<FakeServer> {
  const faults: FakeFaults = { delayMs: 0, rateLimitNext: 0, retryAfterSeconds: 1, unavailableNext: 0, down: false, forbidden: [] };
  const requests: FakeServer['requests'] = [];
  const server = http.createServer(async (req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = text;
    if (contentType.includes('json') && text) body = JSON.parse(text);
    else if (contentType.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
    let answer: FakeResponse;
    if (faults.delayMs) await delay(faults.delayMs);
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      answer = { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': String(faults.retryAfterSeconds) } };
    } else if (faults.down || faults.unavailableNext > 0) {
      if (!faults.down) faults.unavailableNext--;
      answer = { status: 503, body: { message: 'Service unavailable' } };
    } else if (faults.forbidden.some((p) => url.pathname.startsWith(p))) {
      answer = { status: 403, body: { message: 'Forbidden' } };
    } else {
      answer = await route({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, at, status: answer.status, query: url.search, body });
    const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(answer.status, { ...(payload ? { 'content-type': type } : {}), ...answer.headers }).end(payload);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Basic credentials of a request, or null. */
export function basicAuth(headers: http.IncomingHttpHeaders): { user: string; password: string } | null {
  const match = /^Basic (.+)$/.exec(headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}
