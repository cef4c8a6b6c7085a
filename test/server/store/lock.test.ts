import fs from 'node:fs';
import path from 'node:path';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../../server/store/lock.ts';

const holdLock = (dir: string, blockMs: number): Spawned => spawnEntry('test/helpers/lock-holder.ts', [dir, String(blockMs)], {});

describe('the data directory lock', () => {
  let dir: string;
  let holder: Spawned | undefined;

  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(async () => {
    if (holder && holder.child.exitCode === null) {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
    holder = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('held by a live process whose event loop is blocked for 13 s', () => {
    it('cannot be taken by another process, however long the block lasts', async () => {
      holder = holdLock(dir, 13_000);
      await waitUntil(() => holder!.output().includes('locked'), 'the holder to lock', 20_000);
      await new Promise((r) => setTimeout(r, 11_500));
      expect(holder.output()).not.toContain('unblocked');
      await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    }, 40_000);
  });

  describe('left behind by a process killed with SIGKILL', () => {
    it('is taken over at once', async () => {
      holder = holdLock(dir, 0);
      await waitUntil(() => holder!.output().includes('locked'), 'the holder to lock', 20_000);
      holder.child.kill('SIGKILL');
      await holder.exited;
      const start = Date.now();
      const release = await lockDataDir(dir);
      expect(Date.now() - start).toBeLessThan(500);
      await release();
    });
  });

  describe('held by this process', () => {
    it('refuses a second lock naming the holder', async () => {
      const release = await lockDataDir(dir);
      try {
        await expect(lockDataDir(dir)).rejects.toThrow(`(PID ${process.pid})`);
      } finally {
        await release();
      }
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    });
  });
});

describe('the server process on the embedded store', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    const res = await runCli(['api-keys', 'list', '--json'], { DATA_DIR: dataDir });
    expect(res.code).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const start = async (): Promise<Spawned> => {
    const server = spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'info', DATA_DIR: dataDir });
    await waitUntil(() => server.output().includes('Plugboard listening') || server.child.exitCode !== null, 'the server to listen', 60_000);
    return server;
  };

  describe('with files readable by others', () => {
    it('repairs their modes at start (directories 700, files 600) and says so', async () => {
      const versionFile = path.join(dataDir, 'pglite', 'PG_VERSION');
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(versionFile, 0o666);
      const server = await start();
      try {
        expect(server.output()).toContain('repaired file modes in the data directory');
        expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
        expect(fs.statSync(versionFile).mode & 0o777).toBe(0o600);
        expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
        const loose = fs
          .readdirSync(dataDir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile() && (fs.statSync(path.join(e.parentPath, e.name)).mode & 0o077) !== 0)
          .map((e) => path.join(e.parentPath, e.name));
        expect(loose).toStrictEqual([]);
      } finally {
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      }
    });
  });

  describe('when it loses its lock (the lock file overwritten by hand)', () => {
    it('stops cleanly and exits 1', async () => {
      const server = await start();
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', boot: '', start: '' }));
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('lost the data directory lock; stopping');
      expect(server.output()).not.toMatch(/ECOMPROMISED|Unhandled|uncaught/i);
      fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true });
    }, 60_000);
  });

  describe('after kill -9', () => {
    it('restarts at once on the same data directory', async () => {
      const server = await start();
      server.child.kill('SIGKILL');
      await server.exited;
      const res = await runCli(['api-keys', 'list', '--json'], { DATA_DIR: dataDir });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
    }, 60_000);
  });

  describe('with a truncated control file', () => {
    it('refuses to start, naming the damaged file and the recovery step', async () => {
      const control = path.join(dataDir, 'pglite', 'global', 'pg_control');
      fs.truncateSync(control, 100);
      const server = await start();
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`The embedded store is damaged: ${control} is 100 bytes long instead of 8192`);
      expect(server.output()).toContain(`Restore ${dataDir} from a backup`);
      expect(server.output()).not.toContain('Aborted()');
    }, 60_000);
  });
});
