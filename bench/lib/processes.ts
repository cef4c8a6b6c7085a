import fs from 'node:fs';
import path from 'node:path';
import { fmt } from './table.ts';
import { buildServer, runCli, type Spawned, spawnBuilt, spawnEntry, tempDataDir, waitUntil } from '../../test/helpers/cli.ts';

export { freePort } from '../../test/helpers/cli.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const tempDir = (prefix: string): string => tempDataDir(`plugboard-bench-${prefix}`);

/** A child process running one of our entry points. */
export interface Child {
  process: Spawned['child'];
  output(): string;
  stop(): Promise<void>;
}

/** Spawns one of our entry points and waits until its output contains `ready`. */
export async function spawnTs(entry: string, args: string[], env: Record<string, string>, ready: string): Promise<Child> {
  return whenReady(spawnEntry(entry, args, env), entry, ready);
}

let built = false;

/**
 * Plugboard's server as `npm start` runs it: compiled (once per bench run, as `npm run build` does),
 * then `node dist/node/server/index.js`, with no TypeScript compiler in the process. Resolves once it listens.
 */
export async function spawnBuiltServer(env: Record<string, string>): Promise<Child> {
  if (!built) buildServer();
  built = true;
  return whenReady(spawnBuilt('server/index.js', [], env), 'server/index.js', 'Plugboard listening');
}

async function whenReady(spawned: Spawned, entry: string, ready: string): Promise<Child> {
  await waitUntil(() => {
    if (spawned.child.exitCode !== null) throw new Error(`${entry} exited early:\n${spawned.output()}`);
    return spawned.output().includes(ready);
  }, `${entry} to print "${ready}"`);
  return {
    process: spawned.child,
    output: spawned.output,
    stop: async () => {
      if (spawned.child.exitCode === null) spawned.child.kill('SIGTERM');
      await spawned.exited;
    },
  };
}

/** Creates a development key through the real CLI (before a server owns the data directory). */
export async function createDevKey(env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await runCli(['api-keys', 'create', '--environment', 'development'], env);
  if (code !== 0) throw new Error(`api-keys create exited ${code}: ${stderr}`);
  return stdout.trim().split('\n').at(-1)!;
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** An idle process's RSS right after its start and once settled, in MB, and how long it took to settle. */
export interface IdleRss {
  /** 2 s after the process said it was ready. */
  atStartMb: number;
  settledMb: number;
  waitedS: number;
}

/**
 * The RSS of an idle process once it has settled. V8 keeps the young generation that start-up grew
 * (about 30 MB per thread) until its memory reducer finds the process idle, some 10-40 s later; an
 * idle server is measured after that, as an operator would see it. Sampled every second for at least
 * 30 s and until it has not fallen by more than 1 MB for 10 s (at most 90 s); the figure is the highest
 * of those last 10 s (an idle server's polling creeps up a little between collections). Call it 2 s
 * after the process is ready.
 */
export async function settledRssMb(pid: number): Promise<IdleRss> {
  const atStartMb = rssMb(pid);
  let low = atStartMb;
  let lastTen: number[] = [];
  let waitedS = 0;
  while ((waitedS < 30 || lastTen.length < 10) && waitedS < 90) {
    await new Promise((r) => setTimeout(r, 1000));
    waitedS++;
    const now = rssMb(pid);
    if (now < low - 1) {
      low = now;
      lastTen = [now];
    } else lastTen = [...lastTen, now].slice(-10);
  }
  return { atStartMb, settledMb: Math.max(...lastTen), waitedS };
}

/** "132 MB (settled after 34 s idle; 177 MB 2 s after the start)". */
export const describeIdleRss = (idle: IdleRss): string =>
  `${fmt(idle.settledMb)} MB (settled after ${idle.waitedS} s idle; ${fmt(idle.atStartMb)} MB 2 s after the start)`;
