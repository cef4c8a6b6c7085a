import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the server process (npm start) on the embedded store', () => {
  let dataDir: string;
  let port: number;
  let server: Running;

  beforeAll(async () => {
    dataDir = tempDataDir();
    port = await freePort();
    server = startServer({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(() => server.output().includes('Plugboard listening'));
  });
  afterAll(() => {
    server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('GET /healthz', () => {
    it('answers ok', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toStrictEqual({ status: 'ok' });
    });
  });

  describe('a second process on the same data directory', () => {
    it('is refused with a clear message (server)', async () => {
      const second = startServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`The data directory ${dataDir} is in use by another Plugboard process`);
    });

    it('is refused with a clear message (CLI)', async () => {
      const res = await runCli(['api-keys', 'list'], { DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('is in use by another Plugboard process');
    });
  });

  describe('on SIGTERM', () => {
    it('stops accepting, closes the store, exits 0 and frees the data directory', async () => {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('"msg":"stopped"');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      const res = await runCli(['api-keys', 'list', '--json'], { DATA_DIR: dataDir });
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toStrictEqual([]);
    });
  });
});
