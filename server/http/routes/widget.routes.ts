import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Response, Router } from 'express';
import type { DomainDeps } from '../../domain/deps.ts';
import { AppError } from '../../domain/errors.ts';
import { frameAncestorsForToken } from '../../domain/links-session.ts';
import { WIDGET_DIST_DIR, WIDGET_FILES } from '../../widget-build.ts';

/**
 * The flow page's policy: scripts (ours, plus the page's one inline head script by its hash), styles and
 * requests only from our own origin, tool logos as data or https images, no forms elsewhere. Framing is
 * allowed from anywhere by default: vendors embed the page (our loader and `@kombo-api/connect` both
 * frame it), so there is no X-Frame-Options. `FRAME_ANCESTORS` is replaced per request by the link's
 * environment's allowed origins when it has any.
 */
const flowCsp = (inlineScriptHashes: string[]) => [
  "default-src 'none'",
  `script-src 'self'${inlineScriptHashes.map((h) => ` '${h}'`).join('')}`,
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  FRAME_ANCESTORS_ANY,
].join('; ');

const FRAME_ANCESTORS_ANY = 'frame-ancestors *';

/** The page's CSP with `frame-ancestors` narrowed to `origins` (exact origins; empty keeps any origin). */
export const withFrameAncestors = (csp: string, origins: readonly string[]): string =>
  origins.length === 0 ? csp : csp.replace(FRAME_ANCESTORS_ANY, `frame-ancestors ${origins.join(' ')}`);

/** CSP hashes of the inline scripts of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `sha256-${crypto.createHash('sha256').update(m[1]!, 'utf8').digest('base64')}`,
  );
}

/** The built flow page with its CSP, re-read when the build changes it. */
function flowPage(distDir: string): { html: string; csp: string } {
  const file = path.join(distDir, WIDGET_FILES.flowPage);
  if (!fs.existsSync(file)) throw notBuilt();
  const mtime = fs.statSync(file).mtimeMs;
  if (cachedPage?.file !== file || cachedPage.mtime !== mtime) {
    const html = fs.readFileSync(file, 'utf8');
    cachedPage = { file, mtime, html, csp: flowCsp(inlineScriptHashes(html)) };
  }
  return cachedPage;
}
let cachedPage: { file: string; mtime: number; html: string; csp: string } | undefined;

/** Headers of the loader files: cacheable for a short while (the URL never changes), loadable cross-origin. */
const LOADER_HEADERS = {
  'Cache-Control': 'public, max-age=300',
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
};

function notBuilt(): AppError {
  return new AppError('PLATFORM.UNKNOWN_ERROR', 'The connection widget is not built. `npm start` builds it on start; or run `npx vite build`.', {}, 503);
}

function sendBuilt(res: Response, distDir: string, file: string, type: string, headers: Record<string, string>): void {
  const full = path.join(distDir, file);
  if (!fs.existsSync(full)) throw notBuilt();
  res.setHeader('Content-Type', type);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.sendFile(full);
}

/**
 * The built widget (see server/widget-build.ts): the loader at `/connect.js` (script tag, global
 * `Plugboard`), `/connect.mjs` (ESM) with its types at `/connect.d.ts`, and the flow page at `/flow`
 * with its hashed assets under `/flow/assets/`.
 */
export function widgetRoutes(distDir: string = WIDGET_DIST_DIR, deps?: DomainDeps): Router {
  const router = Router();
  const js = 'text/javascript; charset=utf-8';

  router.get('/connect.js', (_req, res) => sendBuilt(res, distDir, WIDGET_FILES.loaderScript, js, LOADER_HEADERS));
  router.get('/connect.mjs', (_req, res) =>
    sendBuilt(res, distDir, WIDGET_FILES.loaderModule, js, { ...LOADER_HEADERS, 'X-TypeScript-Types': '/connect.d.ts' }),
  );
  router.get('/connect.d.ts', (_req, res) => sendBuilt(res, distDir, WIDGET_FILES.loaderTypes, 'application/typescript; charset=utf-8', LOADER_HEADERS));

  router.get('/flow', async (req, res) => {
    const page = flowPage(distDir);
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    // The environment of the link decides who may frame it (environment settings, allowed origins).
    const origins = deps ? await frameAncestorsForToken(deps, token) : [];
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': withFrameAncestors(page.csp, origins),
      // The page URL carries the link token: never send it on as a referrer.
      'Referrer-Policy': 'no-referrer',
      // The page URL carries the link token: no cache, shared or private, may keep it.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(page.html);
  });
  router.use(
    '/flow/assets',
    express.static(path.join(distDir, 'flow/assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  return router;
}
