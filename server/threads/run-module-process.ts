import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** tsx's loader, resolved from here (a bare name would be resolved from the child's working directory). */
const tsxLoader = (): string => (typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx') : 'tsx');

/**
 * Runs one of our modules (see `siblingModule`) in a child process of its own with `args`, and resolves
 * once it exited with 0. A `.ts` entry (our sources, run through tsx) is run with tsx's loader; a
 * compiled one as it is. Rejects with the last line the child wrote to stderr (its error), so the
 * caller can say what went wrong; the child's stdout is discarded.
 */
export function runModuleProcess(entry: URL, args: string[]): Promise<void> {
  const loader = entry.pathname.endsWith('.ts') ? ['--import', tsxLoader()] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, fileURLToPath(entry), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + String(d)).slice(-4_000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').at(-1) || `exited with ${signal ?? `code ${code}`}`;
      reject(new Error(last));
    });
  });
}
