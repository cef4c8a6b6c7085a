import path from 'node:path';
import { type Transferable, Worker } from 'node:worker_threads';

/** tsx's ESM API, resolved from here (a bare name in the bootstrap would be resolved from the working directory). */
const tsxApi = (): string => (typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api');

/**
 * The URL of a thread's module beside `from` (a module's `import.meta.url`), with `from`'s extension:
 * `.ts` when running from the sources through tsx, `.js` when running from the build.
 */
export function siblingModule(from: string, name: string): URL {
  return new URL(`./${name}${path.extname(new URL(from).pathname)}`, from);
}

/**
 * Starts a worker thread on one of our modules. Our sources are TypeScript run through tsx, whose
 * loader (given to the process by `--import tsx`) is not applied to a worker's entry on Node 20: the
 * thread starts from a tiny bootstrap that registers tsx first, then imports the module. A compiled
 * entry (`.js`, from `npm run build`) is imported as it is.
 */
export function spawnThread(entry: URL, workerData: unknown, transferList: readonly Transferable[] = []): Worker {
  const entryHref = JSON.stringify(entry.href);
  const code = entry.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${entryHref}); })`
    : `import(${entryHref})`;
  return new Worker(code, { eval: true, workerData, transferList: [...transferList] });
}
