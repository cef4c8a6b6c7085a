import { Router } from 'express';

/** Where the landing page points; the demo's address is known only once `npm start` launched it. */
export interface LandingLinks {
  /** The demo vendor app, when it runs alongside (npm start). */
  demoUrl?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The landing page's HTML: what this server is and where to go next. */
export function landingPage(links: LandingLinks): string {
  const items = [
    links.demoUrl && `<li><a href="${escapeHtml(links.demoUrl)}">The demo vendor app</a>: click “Connect your HR system” to try the flow.</li>`,
    '<li><a href="/healthz">Health check</a> (<code>/healthz</code>)</li>',
    '<li>The API is at <code>/v1</code> (Kombo-compatible); create a key with <code>npm run cli -- api-keys create --environment development</code>.</li>',
    '<li>The loader is at <a href="/connect.js"><code>/connect.js</code></a>, with its types at <a href="/connect.d.ts"><code>/connect.d.ts</code></a>.</li>',
    '<li>Documentation: the <code>README.md</code> of your Plugboard checkout.</li>',
  ].filter(Boolean);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plugboard</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a}a{color:#3730a3}code{font-size:.9em}</style></head>
<body><main><h1>Plugboard is running</h1><p>A self-hosted, Kombo-compatible HR integration platform.</p><ul>${items.join('')}</ul></main></body></html>`;
}

/** `GET /`: a small landing page instead of a JSON 404, for whoever opens the server's URL. */
export function landingRoutes(links: () => LandingLinks): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.send(landingPage(links()));
  });
  return router;
}
