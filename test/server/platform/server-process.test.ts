import fs from 'node:fs';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';

const startServer = (env: Record<string, string>): Spawned =>
  spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });

describe('the server process (npm start) on the embedded store', () => {
  let dataDir: string;
  let port: number;
  let server: Spawned;

  beforeAll(async () => {
    dataDir = tempDataDir();
    port = await freePort();
    server = startServer({ DATA_DIR: dataDir, PORT: String(port) });
    await waitUntil(() => server.output().includes('Plugboard listening'), 'the server to listen', 30_000);
  });
  afterAll(() => {
    server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('GET /healthz', () => {
    it('answers ok, the store included', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toStrictEqual({ status: 'ok', store: 'ok' });
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
