import http from 'node:http';
import { type DemoFixture, startDemoFixture } from './demo-fixture.ts';

/** A raw request to the demo, so Host and Origin can be anything a browser or an attacker would send. */
function rawRequest(
  fx: DemoFixture,
  init: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; body: any }> {
  const { port } = new URL(fx.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: init.method, path: init.path, headers: init.headers, setHost: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the demo backend', () => {
  let fx: DemoFixture;
  let host: string;
  beforeAll(async () => {
    fx = await startDemoFixture('pglite');
    host = new URL(fx.url).host;
  });
  afterAll(() => fx.close());

  const connectLink = (headers: Record<string, string>, body?: string) =>
    rawRequest(fx, { method: 'POST', path: '/api/connect-link', headers: { 'content-length': String(body?.length ?? 0), ...headers }, body });

  describe('a request under another host name (DNS rebinding)', () => {
    it('answers 421 HOST_NOT_ALLOWED to a read', async () => {
      const res = await rawRequest(fx, { method: 'GET', path: '/api/session', headers: { host: `rebind.attacker.example:${new URL(fx.url).port}` } });
      expect([res.status, res.body.error.code]).toStrictEqual([421, 'HOST_NOT_ALLOWED']);
    });

    it('answers 421 HOST_NOT_ALLOWED to a same-origin JSON call', async () => {
      const res = await connectLink({ host: 'rebind.attacker.example', 'content-type': 'application/json' }, '{}');
      expect([res.status, res.body.error.code]).toStrictEqual([421, 'HOST_NOT_ALLOWED']);
    });
  });

  describe('a request under a reserved name no public DNS answers (.test, .localhost) on our port', () => {
    it('is served', async () => {
      const { port } = new URL(fx.url);
      const res = await rawRequest(fx, { method: 'GET', path: '/api/session', headers: { host: `lumen.test:${port}` } });
      const other = await rawRequest(fx, { method: 'GET', path: '/api/session', headers: { host: `lumen.test:${Number(port) + 1}` } });
      expect([res.status, other.status]).toStrictEqual([200, 421]);
    });
  });

  describe('a body-less cross-site POST', () => {
    it('answers 415 JSON_REQUIRED', async () => {
      const res = await connectLink({ host, origin: 'https://evil.example' });
      expect([res.status, res.body.error.code]).toStrictEqual([415, 'JSON_REQUIRED']);
    });
  });

  describe('a form-encoded POST', () => {
    it('answers 415 JSON_REQUIRED', async () => {
      const res = await connectLink({ host, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1');
      expect([res.status, res.body.error.code]).toStrictEqual([415, 'JSON_REQUIRED']);
    });
  });

  describe('a JSON POST from another origin', () => {
    it('answers 403 CROSS_ORIGIN', async () => {
      const res = await connectLink({ host, origin: 'https://evil.example', 'content-type': 'application/json' }, '{}');
      expect([res.status, res.body.error.code]).toStrictEqual([403, 'CROSS_ORIGIN']);
    });
  });

  describe('a same-origin JSON POST', () => {
    it('is served, with or without Origin', async () => {
      const withOrigin = await connectLink({ host, origin: `http://${host}`, 'content-type': 'application/json' }, '{}');
      const localhost = await connectLink({ host: `localhost:${new URL(fx.url).port}`, 'content-type': 'application/json' }, '{}');
      expect([withOrigin.status, localhost.status]).toStrictEqual([200, 200]);
      expect(withOrigin.body.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/flow\?token=/);
    });
  });
});
