import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';

/** A filesystem just larger than a fresh embedded store (about 39 MB), so that it fills up quickly. */
const FS_SIZE = '48m';

/** CPU seconds a process has used (Linux /proc: utime + stime). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Fills the filesystem holding `dir` with one file, until the kernel says ENOSPC. */
function fill(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

describe('the server process when the embedded store\'s disk fills up', () => {
  let mount: string;
  let dataDir: string;
  let server: Spawned;
  let base: string;
  let key: string;
  const filler = () => path.join(mount, 'filler');

  const createLink = async (organization = 'Acme') => {
    const start = Date.now();
    const res = await fetch(`${base}/v1/connect/create-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ end_user_email: 'hr@example.com', end_user_organization_name: organization }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: (await res.json()) as any, ms: Date.now() - start };
  };

  beforeAll(async () => {
    mount = tempDataDir('plugboard-disk');
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FS_SIZE}`, 'tmpfs', mount]);
    dataDir = path.join(mount, 'data');
    const created = await runCli(['api-keys', 'create', '--environment', 'development'], { DATA_DIR: dataDir });
    expect(created.code).toBe(0);
    key = created.stdout.trim().split('\n').at(-1)!;
    const port = await freePort();
    server = spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DATA_DIR: dataDir });
    base = `http://127.0.0.1:${port}`;
    await waitUntil(() => server.output().includes('Plugboard listening'), 'the server to listen', 60_000);
    fill(filler());
  }, 120_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    execFileSync('umount', [mount]);
    fs.rmSync(mount, { recursive: true, force: true });
  });

  describe('a write that needs space', () => {
    it('fails with 503 saying the disk is full, quickly', async () => {
      // Large rows, so the write-ahead log needs a new segment soon.
      const organization = 'x'.repeat(90_000);
      let res = await createLink(organization);
      for (let i = 0; i < 200 && res.status === 200; i++) res = await createLink(organization);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('PLATFORM.UNKNOWN_ERROR');
      expect(res.body.error.message).toMatch(/^The store cannot save data right now \(no disk space left\)\. Retry later\./);
      expect(res.ms).toBeLessThan(5_000);
      expect(server.output()).toContain('the store has no disk space left: writes fail until space is freed');
    }, 240_000);
  });

  describe('while the disk stays full', () => {
    it('stays responsive on /healthz and /livez and does not spin', async () => {
      const before = cpuSeconds(server.child.pid!);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(cpuSeconds(server.child.pid!) - before).toBeLessThan(0.5);
      for (const probe of ['/healthz', '/livez']) {
        const res = await fetch(`${base}${probe}`, { signal: AbortSignal.timeout(5_000) });
        expect(res.status).toBe(200);
      }
    });
  });

  describe('once space returns', () => {
    it('saves again without a restart', async () => {
      fs.rmSync(filler());
      expect((await createLink()).status).toBe(200);
    });

    it('still stops cleanly on SIGTERM', async () => {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    });
  });
});
