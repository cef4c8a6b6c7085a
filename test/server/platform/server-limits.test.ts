import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../../server/app.ts';
import { createHttpServer, type ServerLimits } from '../../../server/http/server-limits.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { sharedStore } from '../../helpers/stores.ts';

const LIMITS: ServerLimits = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 800, maxConnectionsPerClient: 4 };

/** A raw TCP client: writes what it is told, collects everything the server answers until it closes. */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += String(d)));
  const closed = new Promise<{ answer: string; at: number }>((resolve) => socket.on('close', () => resolve({ answer, at: Date.now() })));
  socket.on('error', () => {});
  return { socket, closed, answer: () => answer };
}

function parse(answer: string): { status: number; contentType: string; body: unknown } {
  const [head, body] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]);
  const contentType = /content-type: ([^\r\n]+)/i.exec(head ?? '')?.[1] ?? '';
  return { status, contentType, body: body ? JSON.parse(body) : undefined };
}

describe('the HTTP server limits', () => {
  let app: TestApp;
  let server: Server;
  let port: number;
  let key: string;

  beforeAll(async () => {
    const store = await sharedStore('pglite');
    app = await startApp(store);
    ({ key } = await createTestKey(app.deps, await createTestTenant(store)));
    server = createHttpServer(createApp(app.deps), LIMITS).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await app.close();
  });

  describe('a body trickled one byte every 400 ms', () => {
    it('is cut after the request timeout with a 408 envelope', async () => {
      const client = rawClient(port);
      const start = Date.now();
      client.socket.write(`POST /v1/check-api-key HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`);
      const timer = setInterval(() => client.socket.writable && client.socket.write('1'), 400);
      const { answer, at } = await client.closed;
      clearInterval(timer);
      expect(at - start).toBeLessThan(LIMITS.requestTimeoutMs + 2_000);
      expect(parse(answer)).toStrictEqual({
        status: 408,
        contentType: 'application/json; charset=utf-8',
        body: errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'The request took too long to arrive.'),
      });
    });
  });

  describe('headers trickled one line every 300 ms', () => {
    it('are cut after the headers timeout', async () => {
      const client = rawClient(port);
      const start = Date.now();
      client.socket.write('GET /v1/check-api-key HTTP/1.1\r\n');
      const timer = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 300);
      const { answer, at } = await client.closed;
      clearInterval(timer);
      expect(at - start).toBeLessThan(LIMITS.headersTimeoutMs + 2_000);
      expect(parse(answer).status).toBe(408);
    });
  });

  describe('an idle keep-alive connection', () => {
    it('is closed after the keep-alive timeout', async () => {
      const client = rawClient(port);
      client.socket.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 200));
      const answered = Date.now();
      const { at } = await client.closed;
      expect(at - answered).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1_500);
    });
  });

  describe('more connections from one address than allowed', () => {
    it('answers the extra one 429 with the envelope and keeps the others', async () => {
      const held = Array.from({ length: LIMITS.maxConnectionsPerClient }, () => rawClient(port));
      await Promise.all(held.map((c) => new Promise((r) => c.socket.once('connect', r))));
      await new Promise((r) => setTimeout(r, 100));
      const extra = rawClient(port);
      const { answer } = await extra.closed;
      expect(parse(answer)).toStrictEqual({
        status: 429,
        contentType: 'application/json; charset=utf-8',
        body: errorEnvelope('PLATFORM.CONCURRENCY_LIMIT_EXCEEDED', 'Concurrency limit exceeded', 'Too many open connections from one address (at most 4).'),
      });
      for (const c of held) c.socket.destroy();
      await Promise.all(held.map((c) => c.closed));
      await new Promise((r) => setTimeout(r, 100));
      expect((await call(`http://127.0.0.1:${port}/livez`, null)).status).toBe(200);
    });
  });

  describe('malformed HTTP', () => {
    it('answers 400 with the envelope', async () => {
      const client = rawClient(port);
      client.socket.write('GARBAGE / NOT-HTTP\r\n\r\n');
      expect(parse((await client.closed).answer)).toStrictEqual({
        status: 400,
        contentType: 'application/json; charset=utf-8',
        body: errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'The request is not valid HTTP.'),
      });
    });
  });

  describe('headers over the size limit', () => {
    it('answers 431 with the envelope', async () => {
      const client = rawClient(port);
      client.socket.write(`GET /v1/check-api-key HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(parse((await client.closed).answer)).toStrictEqual({
        status: 431,
        contentType: 'application/json; charset=utf-8',
        body: errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'The request headers are too large.'),
      });
    });
  });

  describe('OPTIONS /v1/check-api-key', () => {
    it('answers 405 with the envelope, not Express text', async () => {
      const res = await call(`http://127.0.0.1:${port}/v1/check-api-key`, key, { method: 'OPTIONS' });
      expect(res.status).toBe(405);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', expect.stringMatching(/^Method OPTIONS is not supported/)));
    });
  });
});
