import { ensureWidgetBuilt } from '../../../server/widget-build.ts';
import { startApp, type TestApp } from '../../helpers/app.ts';
import { sharedStore } from '../../helpers/stores.ts';

describe('the console page', () => {
  let app: TestApp;
  beforeAll(async () => {
    await ensureWidgetBuilt();
    app = await startApp(await sharedStore('pglite'));
  }, 180_000);
  afterAll(() => app.close());

  describe.each(['/dashboard', '/dashboard/users', '/dashboard/accept-invitation'])('GET %s', (path) => {
    it('answers the app shell under a strict CSP that forbids framing', async () => {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect([res.headers.get('x-frame-options'), res.headers.get('referrer-policy')]).toStrictEqual(['DENY', 'no-referrer']);
      expect(await res.text()).toMatch(/<script type="module" src="\/dashboard\/assets\/main-[\w-]+\.js"><\/script>/);
    });
  });

  describe('GET /dashboard/assets/<the entry>', () => {
    it('serves the script as immutable', async () => {
      const html = await (await fetch(`${app.url}/dashboard`)).text();
      const src = /src="(\/dashboard\/assets\/[^"]+)"/.exec(html)![1]!;
      const res = await fetch(`${app.url}${src}`);
      expect([res.status, res.headers.get('cache-control')]).toStrictEqual([200, 'public, max-age=31536000, immutable']);
    });
  });

  describe('GET /dashboard/nowhere', () => {
    it('answers the JSON 404 envelope', async () => {
      const res = await fetch(`${app.url}/dashboard/nowhere`);
      expect(res.status).toBe(404);
    });
  });
});
