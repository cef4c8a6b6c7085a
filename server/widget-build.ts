import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { productionBuildEnv } from './config.ts';
import { PROJECT_ROOT as ROOT } from './project-root.ts';
import { runModuleProcess } from './threads/run-module-process.ts';

/** Where `vite build` puts the widget and the server reads it from. */
export const WIDGET_DIST_DIR = path.join(ROOT, 'dist/widget');

/** Files the server serves; the build is incomplete while one is missing. */
export const WIDGET_FILES = {
  loaderScript: 'loader/connect.js',
  loaderModule: 'loader/connect.mjs',
  loaderTypes: 'loader/connect.d.ts',
  flowPage: 'flow/index.html',
  flowManifest: 'flow/.vite/manifest.json',
  dashboardManifest: 'dashboard/.vite/manifest.json',
} as const;

/** What `ensureWidgetBuilt` logs when it starts a build (the bench looks for it). */
export const WIDGET_BUILD_STARTED = 'building the widget (first start or changed sources)';

/** Written after a successful build, in the dist directory: the fingerprint of the sources it was built from. */
export const WIDGET_BUILD_STAMP = '.sources-fingerprint';

/** Hash of everything the build reads from this repository: widget and console sources and the Vite config. */
export function widgetSourcesFingerprint(root = ROOT): string {
  const hash = crypto.createHash('sha256');
  const files = [
    path.join(root, 'vite.config.ts'),
    ...['widget', 'dashboard'].filter((dir) => fs.existsSync(path.join(root, dir))).flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name)),
    ),
  ].sort();
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** True when every served file exists and was built from the current sources. */
export function isWidgetBuilt(distDir = WIDGET_DIST_DIR): boolean {
  if (!Object.values(WIDGET_FILES).every((f) => fs.existsSync(path.join(distDir, f)))) return false;
  const stamp = path.join(distDir, WIDGET_BUILD_STAMP);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === widgetSourcesFingerprint();
}

/** What {@link ensureWidgetBuilt} logs through (a pino logger fits). */
interface BuildLogger {
  info(message: string): void;
}

/**
 * `vite build --app` with the repository's config, in a child process: a build takes a few hundred MB
 * that a process keeps once it has held them (a server that built the widget at its start idled at
 * 430-460 MB instead of 270), and the child sets NODE_ENV=production for Vite without touching ours
 * (test runners set it to `test`: that build would ship preact/debug and development JSX, about 6 KB
 * more gzipped, to every budget check, bench and browser test). Vite's warnings and errors go to our
 * stdout and stderr.
 */
async function runViteBuild(): Promise<void> {
  const viteCli = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const args = ['build', '--app', '--config', path.join(ROOT, 'vite.config.ts'), '--logLevel', 'warn'];
  try {
    await runModuleProcess(pathToFileURL(viteCli), args, { cwd: ROOT, env: productionBuildEnv(), inheritOutput: true });
  } catch (err) {
    throw new Error(`The widget build failed: vite ${(err as Error).message} (its output is above).`, { cause: err });
  }
}

/**
 * Builds the widget (loader + iframe app, one `vite build` in a child process) when `dist/widget` is
 * missing or was built from other sources; a no-op otherwise. Safe to call from several processes at once (test workers, a
 * server and the CLI): a lock file serialises builds and the second caller finds the work done.
 * Needs the dev dependencies (vite, @preact/preset-vite), which `npm ci` installs.
 * @returns whether it built
 */
export async function ensureWidgetBuilt(logger?: BuildLogger): Promise<boolean> {
  if (isWidgetBuilt()) return false;
  fs.mkdirSync(WIDGET_DIST_DIR, { recursive: true });
  const release = await lockfile.lock(WIDGET_DIST_DIR, {
    lockfilePath: path.join(path.dirname(WIDGET_DIST_DIR), '.widget-build.lock'),
    retries: { retries: 120, minTimeout: 250, maxTimeout: 1000 },
    stale: 60_000,
  });
  try {
    if (isWidgetBuilt()) return false;
    logger?.info(WIDGET_BUILD_STARTED);
    const started = Date.now();
    const fingerprint = widgetSourcesFingerprint();
    await runViteBuild();
    fs.writeFileSync(path.join(WIDGET_DIST_DIR, WIDGET_BUILD_STAMP), fingerprint);
    logger?.info(`widget built in ${Date.now() - started} ms`);
    return true;
  } finally {
    await release();
  }
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/**
 * The flow page's first load as built: its HTML, the entry chunk, the entry's static imports and their
 * CSS (lazily imported chunks such as other locales are excluded). Paths relative to the dist directory.
 */
export function widgetFirstLoadFiles(distDir = WIDGET_DIST_DIR): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, WIDGET_FILES.flowManifest), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>([WIDGET_FILES.flowPage]);
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    files.add(`flow/${chunk.file}`);
    for (const css of chunk.css ?? []) files.add(`flow/${css}`);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  return [...files];
}
