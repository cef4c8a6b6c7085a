import type { Store } from '../../../server/store/db.ts';
import { startApp, type TestApp } from '../../helpers/app.ts';
import { sharedStore } from '../../helpers/stores.ts';

describe('GET /', () => {
  let store: Store;
  let app: TestApp;

  beforeAll(async () => {
    store = await sharedStore('pglite');
    app = await startApp(store);
  });
  afterAll(() => app.close());

  describe('on a server started alone', () => {
    it('answers a small HTML landing page linking the health check and the loader', async () => {
      const res = await fetch(`${app.url}/`);
      const html = await res.text();
      expect([res.status, res.headers.get('content-type'), html.includes('href="/healthz"'), html.includes('href="/connect.js"'), html.includes('demo')]).toStrictEqual([
        200,
        'text/html; charset=utf-8',
        true,
        true,
        false,
      ]);
    });
  });

  describe('with the demo running alongside', () => {
    it('links to the demo', async () => {
      app.deps.demoUrl = 'http://localhost:3001';
      const html = await (await fetch(`${app.url}/`)).text();
      app.deps.demoUrl = undefined;
      expect(html).toContain('<a href="http://localhost:3001">The demo vendor app</a>');
    });
  });
});
