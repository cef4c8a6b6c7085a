import fs from 'node:fs';
import path from 'node:path';
import { pageCsp } from '../../../demo/server/page.ts';
import { WEB_DIR } from '../../../demo/server/web-assets.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';
import { connectThroughDemo, type DemoFixture, startDemoFixture } from './demo-fixture.ts';

const scriptSources = (html: string) => [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);

describe.each(STORE_NAMES)('the demo page (%s)', (storeName) => {
  let fx: DemoFixture;
  beforeEach(async () => {
    fx = await startDemoFixture(storeName);
  });
  afterEach(async () => {
    await fx.close();
  });

  describe('GET /', () => {
    it('loads only connect.js from Plugboard and its own module', async () => {
      const res = await fx.demoCall('/');
      expect(scriptSources(res.body)).toStrictEqual([`${fx.app.url}/connect.js`, '/app/main.ts']);
    });

    it('allows scripts, frames and images from Plugboard’s origin and requests to itself only', async () => {
      const res = await fx.demoCall('/');
      expect(res.headers.get('content-security-policy')).toBe(pageCsp(fx.app.url));
    });
  });

  describe('GET /app/<module>.ts', () => {
    it('answers JavaScript without TypeScript syntax', async () => {
      const res = await fx.demoCall('/app/api.ts');
      expect([res.status, res.headers.get('content-type'), /\bimport type\b|: Promise</.test(res.body)]).toStrictEqual([200, 'text/javascript; charset=utf-8', false]);
    });
  });

  describe('GET /app/<a path outside demo/web>', () => {
    it('answers 404', async () => {
      const res = await fx.demoCall('/app/..%2Fserver%2Fdemo-store.ts');
      expect(res.status).toBe(404);
    });
  });

  describe('every response the page can receive', () => {
    it('never contains the API key', async () => {
      const { body } = await connectThroughDemo(fx);
      const id = encodeURIComponent(body.integration.id);
      const assets = fs.readdirSync(WEB_DIR).map((f) => `/app/${path.basename(f)}`);
      const gets = ['/', ...assets, '/api/session', `/api/integrations/${id}`, '/api/nowhere'];
      const posts = ['/api/connect-link', `/api/integrations/${id}/relink-link`];
      const responses = await Promise.all([...gets.map((p) => fx.demoCall(p)), ...posts.map((p) => fx.demoCall(p, { method: 'POST' }))]);
      const leaks = responses.filter((r) => JSON.stringify(r.body).includes(fx.key) || [...r.headers.values()].some((v) => v.includes(fx.key)));
      expect([responses.length, leaks.length]).toStrictEqual([gets.length + posts.length, 0]);
    });
  });
});
