import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../server/connectors/http/http-client.ts';
import { ConnectorRuntime, type ConnectorRuntimeOptions } from '../../../server/connectors/http/runtime.ts';
import { RemoteError } from '../../../server/connectors/remote-error.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

/** A loopback server answering with `handler`; counts requests and records their start times. */
async function serve(handler: Handler) {
  const starts: number[] = [];
  const server = http.createServer((req, res) => {
    starts.push(performance.now());
    handler(req, res, starts.length);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    starts,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const lines: Record<string, unknown>[] = [];
const logger = { info: (o: object) => void lines.push(o as Record<string, unknown>), warn: (o: object) => void lines.push(o as Record<string, unknown>) };

function runtime(over: Partial<ConnectorRuntimeOptions> = {}) {
  return new ConnectorRuntime({
    origins: {},
    logger,
    limits: { concurrency: 4, perSecond: 100 },
    timeouts: { connectMs: 1000, totalMs: 2000 },
    retry: { retries: 3, baseMs: 10, capMs: 50, maxRetryAfterMs: 5000 },
    ...over,
  });
}

const noAuth = { headers: async () => ({ authorization: 'Bearer s3cret-token' }) };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function failure(p: Promise<unknown>): Promise<RemoteError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

describe('createHttpClient', () => {
  afterEach(() => {
    lines.length = 0;
  });

  describe('when the tool answers 429 with Retry-After', () => {
    it('waits as asked and then succeeds', async () => {
      const srv = await serve((_req, res, n) => (n === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
      const client = createHttpClient({ tool: 't', integrationId: 'i1', runtime: runtime(), auth: noAuth });
      const response = await client.request<{ ok: boolean }>({ url: `${srv.url}/x` });
      expect(response.data).toStrictEqual({ ok: true });
      expect(srv.starts[1]! - srv.starts[0]!).toBeGreaterThanOrEqual(950);
      await srv.close();
    });
  });

  describe('when the tool keeps failing with 5xx', () => {
    it('retries with backoff and then reports remote_unavailable', async () => {
      const srv = await serve((_req, res) => json(res, 503, {}));
      const client = createHttpClient({ tool: 't', integrationId: 'i2', runtime: runtime(), auth: noAuth });
      const err = await failure(client.request({ url: `${srv.url}/x` }));
      expect(err.kind).toBe('remote_unavailable');
      expect(srv.starts).toHaveLength(4);
      await srv.close();
    });
  });

  describe('when a transient 500 passes', () => {
    it('answers the retried response', async () => {
      const srv = await serve((_req, res, n) => (n < 3 ? json(res, 500, {}) : json(res, 200, [1])));
      const client = createHttpClient({ tool: 't', integrationId: 'i3', runtime: runtime(), auth: noAuth });
      expect((await client.request({ url: `${srv.url}/x` })).data).toStrictEqual([1]);
      await srv.close();
    });
  });

  describe.each([
    [401, 'credentials_rejected'],
    [403, 'permission_missing'],
    [404, 'bad_data'],
  ] as const)('when the tool answers %i', (status, kind) => {
    it(`reports ${kind} without retrying`, async () => {
      const srv = await serve((_req, res) => json(res, status, { error: 'no' }));
      const client = createHttpClient({ tool: 't', integrationId: `s${status}`, runtime: runtime(), auth: noAuth });
      const err = await failure(client.request({ url: `${srv.url}/x`, model: 'hris_absences' }));
      expect(err.kind).toBe(kind);
      expect(srv.starts).toHaveLength(1);
      await srv.close();
    });
  });

  describe('when the body is not JSON', () => {
    it('reports bad_data', async () => {
      const srv = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"broken'));
      const client = createHttpClient({ tool: 't', integrationId: 'i4', runtime: runtime(), auth: noAuth });
      expect((await failure(client.request({ url: `${srv.url}/x` }))).kind).toBe('bad_data');
      await srv.close();
    });
  });

  describe('when the tool is slower than the total timeout', () => {
    it('reports remote_unavailable after the retries', async () => {
      const srv = await serve((_req, res) => setTimeout(() => json(res, 200, {}), 500));
      const client = createHttpClient({
        tool: 't', integrationId: 'i5', auth: noAuth,
        runtime: runtime({ timeouts: { connectMs: 1000, totalMs: 100 }, retry: { retries: 1, baseMs: 1, capMs: 1, maxRetryAfterMs: 1 } }),
      });
      const err = await failure(client.request({ url: `${srv.url}/x` }));
      expect(err.kind).toBe('remote_unavailable');
      expect(err.message).toBe('The tool did not answer in time.');
      await srv.close();
    });
  });

  describe('with an expired token', () => {
    it('renews once and repeats the request', async () => {
      let token = 'old';
      const srv = await serve((req, res) => (req.headers.authorization === 'Bearer new' ? json(res, 200, { ok: 1 }) : json(res, 401, {})));
      const client = createHttpClient({
        tool: 't', integrationId: 'i6', runtime: runtime(),
        auth: { headers: async () => ({ authorization: `Bearer ${token}` }), renew: async () => ((token = 'new'), true) },
      });
      expect((await client.request({ url: `${srv.url}/x` })).data).toStrictEqual({ ok: 1 });
      expect(srv.starts).toHaveLength(2);
      await srv.close();
    });
  });

  describe('with a rate limit of 10 requests per second', () => {
    it('never starts more than 10 requests within any second', async () => {
      const srv = await serve((_req, res) => json(res, 200, {}));
      const client = createHttpClient({ tool: 't', integrationId: 'i7', runtime: runtime({ limits: { concurrency: 8, perSecond: 10 } }), auth: noAuth });
      await Promise.all(Array.from({ length: 25 }, () => client.request({ url: `${srv.url}/x` })));
      const starts = srv.starts;
      for (const s of starts) expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThanOrEqual(10);
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2000);
      await srv.close();
    });
  });

  describe('with TOOL_ORIGIN set for the tool', () => {
    it('sends the request to that origin, keeping path and query', async () => {
      let seen = '';
      const srv = await serve((req, res) => ((seen = req.url ?? ''), json(res, 200, {})));
      const client = createHttpClient({ tool: 'bamboohr', integrationId: 'i8', runtime: runtime({ origins: { bamboohr: srv.url } }), auth: noAuth });
      const response = await client.request({ url: 'https://acme.bamboohr.com/api/v1/meta/lists', query: { since: '2024-01-01' } });
      expect(seen).toBe('/api/v1/meta/lists?since=2024-01-01');
      expect(response.url).toBe(`${srv.url}/api/v1/meta/lists?since=2024-01-01`);
      await srv.close();
    });
  });

  describe('request logs', () => {
    it('name method, host, path, status and duration, never the query values or credentials', async () => {
      const srv = await serve((_req, res) => json(res, 200, {}));
      const client = createHttpClient({ tool: 't', integrationId: 'i9', runtime: runtime(), auth: noAuth });
      await client.request({ url: `${srv.url}/people?api_key=topsecret&since=x` });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ tool: 't', method: 'GET', host: new URL(srv.url).host, path: '/people', query: ['api_key', 'since'], status: 200 });
      expect(typeof lines[0]!.ms).toBe('number');
      expect(JSON.stringify(lines)).not.toMatch(/topsecret|s3cret/);
      await srv.close();
    });
  });
});
