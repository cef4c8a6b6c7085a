import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { AppError } from '../../domain/errors.ts';
import { WIDGET_DIST_DIR, WIDGET_FILES } from '../../widget-build.ts';

/**
 * The console's pages by their first path segment (`dashboard/pages.tsx` has the same list): each
 * answers the app shell, with or without details below it (`/dashboard/integrations/<id>`); any other
 * path under `/dashboard` is a 404.
 */
export const DASHBOARD_PAGES = new Set([
  'api-keys',
  'integrations',
  'users',
  'security',
  'accept-invitation',
  'reset-password',
  'webhooks',
  'configuration',
  'logs',
  'audit',
]);

/**
 * The console's policy: only our own scripts, styles and requests; the QR code as a data image; never
 * framed (a signed-in console must not be clickjacked).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  css?: string[];
}

/**
 * Everything the console's first load fetches: the page itself and the built files it names (paths
 * relative to the dist directory). Measured by the size budget test and `npm run bench`.
 */
export function dashboardFirstLoad(distDir: string = WIDGET_DIST_DIR): { html: string; files: string[] } {
  const html = dashboardPage(distDir);
  const files = [...html.matchAll(/(?:src|href)="\/dashboard\/([^"]+)"/g)].map((m) => `dashboard/${m[1]}`);
  return { html, files };
}

/** The page shell around the built entry (script and CSS named by Vite's manifest), re-read when the build changes. */
function dashboardPage(distDir: string): string {
  const manifestFile = path.join(distDir, WIDGET_FILES.dashboardManifest);
  if (!fs.existsSync(manifestFile)) {
    throw new AppError('PLATFORM.UNKNOWN_ERROR', 'The console is not built. `npm start` builds it on start; or run `npx vite build`.', {}, 503);
  }
  const mtime = fs.statSync(manifestFile).mtimeMs;
  if (cached?.file !== manifestFile || cached.mtime !== mtime) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    const html = [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8" />',
      '<meta name="viewport" content="width=device-width, initial-scale=1" />',
      '<meta name="referrer" content="no-referrer" />',
      '<title>Plugboard console</title>',
      ...(entry.css ?? []).map((css) => `<link rel="stylesheet" href="/dashboard/${css}" />`),
      `<script type="module" src="/dashboard/${entry.file}"></script>`,
      '</head>',
      '<body><div id="app"></div></body>',
      '</html>',
    ].join('\n');
    cached = { file: manifestFile, mtime, html };
  }
  return cached.html;
}
let cached: { file: string; mtime: number; html: string } | undefined;

/** The console app at `/dashboard` (its pages) and `/dashboard/assets/*` (hashed, immutable). */
export function dashboardPageRoutes(distDir: string = WIDGET_DIST_DIR): Router {
  const router = Router();
  router.get(['/dashboard', '/dashboard/{*page}'], (req, res, next) => {
    const first = (req.params as { page?: string[] }).page?.[0];
    if (first !== undefined && !DASHBOARD_PAGES.has(first)) return next();
    const html = dashboardPage(distDir);
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Frame-Options': 'DENY',
      // Invitation and reset links carry their token in the fragment; send no referrer anywhere.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(html);
  });
  router.use(
    '/dashboard/assets',
    express.static(path.join(distDir, 'dashboard/assets'), {
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
