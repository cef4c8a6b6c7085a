import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `plugboard-bench-${prefix}-`));
}

/** A child process running one of our TypeScript entry points. */
export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs `node --import tsx <entry> <args>` to completion; resolves its stdout, rejects on a non-zero exit. */
export function runTs(entry: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${entry} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Spawns `node --import tsx <entry> <args>` and waits until its output contains `ready`. */
export async function spawnTs(entry: string, args: string[], env: Record<string, string>, ready: string | RegExp): Promise<Child> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout!.on('data', (d) => {
    // Keep only the tail: request logs would otherwise grow without bound under load.
    output = (output + String(d)).slice(-20_000);
  });
  child.stderr!.on('data', (d) => (output = (output + String(d)).slice(-20_000)));
  const started = Date.now();
  while (typeof ready === 'string' ? !output.includes(ready) : !ready.test(output)) {
    if (child.exitCode !== null) throw new Error(`${entry} exited early:\n${output}`);
    if (Date.now() - started > 60_000) throw new Error(`${entry} did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
