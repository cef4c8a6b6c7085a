import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MALLOC_ENV } from '../../server/threads/malloc-env.ts';

// Our own processes as children: the CLI, the server, the launcher. Used by tests and by bench/.

const ROOT = path.resolve(import.meta.dirname, '../..');

/** How much of a child's output is kept (the tail): enough for every test, bounded under benchmark load. */
const OUTPUT_LIMIT = 1_000_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh, empty data directory for one CLI or server process; removed by the caller's cleanup. */
export function tempDataDir(prefix = 'plugboard-test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs the real CLI (`server/cli/main.ts`) in a child process with the given environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A running child of one of our TypeScript entry points, with what it printed (stdout and stderr). */
export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Spawns `node --import tsx <entry> [args]` from the repository root with only PATH and `env` set. */
export function spawnEntry(entry: string, args: string[], env: Record<string, string>): Spawned {
  return spawnNode(['--import', 'tsx', entry, ...args], env);
}

/** Where `npm run build` puts the compiled server, start script and demo backend (tsconfig.build.json). */
export const BUILD_DIR = path.join(ROOT, 'dist/node');

/** Compiles what `npm start` runs, as `npm run build` does (tsc with tsconfig.build.json). */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
}

/** Spawns `node <entry> [args]` on a compiled entry (see buildServer), without tsx, as `npm start` runs it (with its MALLOC_ENV). */
export function spawnBuilt(entry: string, args: string[], env: Record<string, string>): Spawned {
  return spawnNode([path.join(BUILD_DIR, entry), ...args], { ...MALLOC_ENV, ...env });
}

function spawnNode(argv: string[], env: Record<string, string>): Spawned {
  let output = '';
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (d: Buffer) => {
    output += String(d);
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until `check` holds, polling every 100 ms; fails after `timeoutMs` with `what`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
