import fs from 'node:fs/promises';
import path from 'node:path';
import { type RequestHandler, Router } from 'express';
import { createServer, type ViteDevServer } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const FLOW_HTML = path.join(ROOT, 'widget/app/index.html');

/** Vite's dev server for the flow page, as Express middleware, and how to close it. */
export interface WidgetDev {
  middleware: RequestHandler;
  close(): Promise<void>;
}

/**
 * The flow page with hot module replacement (`npm run dev`): `GET /flow` answers the page's HTML as
 * Vite transforms it, and Vite serves its modules under `/flow/*`. Mounted after Plugboard's API, so
 * `/flow/v1/*` never reaches it. The loader (`/connect.js`) is still served from the build.
 */
export async function startWidgetDev(): Promise<WidgetDev> {
  const vite: ViteDevServer = await createServer({
    configFile: path.join(ROOT, 'vite.config.ts'),
    appType: 'custom',
    server: { middlewareMode: true },
  });
  const router = Router();
  router.get('/flow', async (req, res) => {
    // Served at `/flow` (no slash), `./main.tsx` would resolve to `/main.tsx`: make it root-relative, Vite adds the base.
    const source = (await fs.readFile(FLOW_HTML, 'utf8')).replaceAll('src="./', 'src="/');
    const html = await vite.transformIndexHtml(`/flow/${req.url.slice('/flow'.length)}`, source);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  });
  router.use((req, res, next) => (req.path.startsWith('/flow/') ? vite.middlewares(req, res, next) : next()));
  return { middleware: router, close: () => vite.close() };
}
