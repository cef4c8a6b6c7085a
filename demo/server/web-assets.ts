import fs from 'node:fs/promises';
import path from 'node:path';
import { type RequestHandler, Router } from 'express';
import { transformWithOxc } from 'vite';
import { DemoError } from './demo-error.ts';

/** The page's sources beside this module's: plain TypeScript modules and one stylesheet, no bundler. */
export const WEB_DIR = path.resolve(import.meta.dirname, '../web');

const TYPES: Record<string, string> = { '.ts': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * Serves `demo/web/*` (in `webDir`) at `/app/*`: TypeScript is stripped to JavaScript on first request (cached by
 * file modification time, so edits show on reload). Browsers load the page as native ES modules;
 * its imports of `../shared/*` are type-only and vanish in the transform.
 */
export function webAssets(webDir = WEB_DIR): Router {
  const router = Router();
  const cache = new Map<string, { mtimeMs: number; body: string }>();

  const serve =
    (dir: string): RequestHandler =>
    async (req, res) => {
      const name = String(req.params.file);
      // Flat directories and known extensions only: nothing outside them can be named.
      if (!/^[a-z0-9-]+\.(ts|css|svg)$/.test(name)) throw new DemoError(404, 'NOT_FOUND', 'No such file.');
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat) throw new DemoError(404, 'NOT_FOUND', 'No such file.');
      let entry = cache.get(file);
      if (!entry || entry.mtimeMs !== stat.mtimeMs) {
        const source = await fs.readFile(file, 'utf8');
        const body = name.endsWith('.ts') ? (await transformWithOxc(source, file, { lang: 'ts', target: 'es2022' })).code : source;
        entry = { mtimeMs: stat.mtimeMs, body };
        cache.set(file, entry);
      }
      res.setHeader('Content-Type', TYPES[path.extname(name)]!);
      res.setHeader('Cache-Control', 'no-cache');
      res.send(entry.body);
    };

  router.get('/app/:file', serve(webDir));
  return router;
}
