import fs from 'node:fs';
import path from 'node:path';
import { freePort, runCli, spawnEntry, tempDataDir } from '../helpers/cli.ts';

const startServer = async (dataDir: string) => {
  const server = spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'info', DATA_DIR: dataDir });
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 60_000);
  const code = await server.exited;
  clearTimeout(timer);
  return { code, output: server.output() };
};

describe('the server secret (DATA_DIR/secret.key)', () => {
  let dataDir: string;
  let secretFile: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    secretFile = path.join(dataDir, 'secret.key');
    const created = await runCli(['api-keys', 'create', '--environment', 'development'], { DATA_DIR: dataDir });
    expect(created.code).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('missing next to a store that holds API keys', () => {
    beforeAll(() => fs.renameSync(secretFile, `${secretFile}.bak`));
    afterAll(() => fs.renameSync(`${secretFile}.bak`, secretFile));

    it('refuses to start the server, naming the file and the recovery step', async () => {
      const { code, output } = await startServer(dataDir);
      expect(code).toBe(1);
      expect(output).toContain(`${secretFile} is missing, but the store holds API keys and credentials sealed with it. Restore secret.key`);
      expect(fs.existsSync(secretFile)).toBe(false);
    });

    it('refuses the CLI too', async () => {
      const res = await runCli(['api-keys', 'list'], { DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`${secretFile} is missing`);
      expect(fs.existsSync(secretFile)).toBe(false);
    });
  });

  describe('empty', () => {
    let saved: string;
    beforeAll(() => {
      saved = fs.readFileSync(secretFile, 'utf8');
      fs.writeFileSync(secretFile, '\n');
    });
    afterAll(() => fs.writeFileSync(secretFile, saved));

    it('is named as empty, not as a bad SECRET_KEY variable', async () => {
      const { code, output } = await startServer(dataDir);
      expect(code).toBe(1);
      expect(output).toContain(`${secretFile} is empty. Restore it from a backup`);
      expect(output).not.toContain('SECRET_KEY must be');
    });
  });

  describe('missing next to a fresh data directory', () => {
    it('is generated, mode 600', async () => {
      const fresh = tempDataDir();
      try {
        const res = await runCli(['api-keys', 'list', '--json'], { DATA_DIR: fresh });
        expect(res.code).toBe(0);
        expect(fs.statSync(path.join(fresh, 'secret.key')).mode & 0o777).toBe(0o600);
      } finally {
        fs.rmSync(fresh, { recursive: true, force: true });
      }
    });
  });
});
