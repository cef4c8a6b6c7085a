import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** tsx's loader, resolved from here (a bare name would be resolved from the child's working directory). */
const tsxLoader = (): string => (typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx') : 'tsx');

export interface ModuleProcessOptions {
  cwd?: string;
  /** The child's environment. @default this process's */
  env?: NodeJS.ProcessEnv;
  /** The child writes to our stdout and stderr (a tool whose output is for the operator) instead of being quiet. */
  inheritOutput?: boolean;
}

/**
 * Runs a module (one of ours, see `siblingModule`, or a tool's script) in a child process of its own with
 * `args`, and resolves once it exited with 0. A `.ts` entry (our sources, run through tsx) is run with
 * tsx's loader; a compiled one as it is. Rejects with the last line the child wrote to stderr (its error),
 * so the caller can say what went wrong, or, when it wrote none or its output is inherited, with
 * "exited with code N"; a quiet child's stdout is discarded.
 */
export function runModuleProcess(entry: URL, args: string[], options: ModuleProcessOptions = {}): Promise<void> {
  const loader = entry.pathname.endsWith('.ts') ? ['--import', tsxLoader()] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, fileURLToPath(entry), ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: options.inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
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
