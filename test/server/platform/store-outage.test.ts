import fs from 'node:fs';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../../helpers/private-postgres.ts';
import { LOG_URL } from '../../helpers/app.ts';

/** A bound the store timeouts below must keep every answer within, frozen database included. */
const ANSWER_WITHIN_MS = 4_000;

async function timed(url: string, init: RequestInit = {}) {
  const start = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as unknown;
  return { status: res.status, headers: res.headers, body, ms: Date.now() - start };
}

const storeUnavailable = {
  status: 'error',
  error: { code: 'PLATFORM.UNKNOWN_ERROR', title: 'Unknown error', message: expect.stringMatching(/^The store is temporarily unreachable\. Retry later\./), log_url: expect.toBeOneOf([null, expect.stringMatching(LOG_URL)]) },
};

describe('the server process on PostgreSQL while the database goes away', () => {
  let postgres: PrivatePostgres;
  let server: Spawned;
  let dataDir: string;
  let base: string;
  let key: string;

  const checkKey = () => timed(`${base}/v1/check-api-key`, { headers: { authorization: `Bearer ${key}` } });
  const waitHealthy = async () => {
    const start = Date.now();
    for (;;) {
      const res = await timed(`${base}/healthz`);
      if (res.status === 200) return res;
      if (Date.now() - start > 20_000) throw new Error('the server did not recover');
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    dataDir = tempDataDir();
    const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir };
    const created = await runCli(['api-keys', 'create', '--environment', 'development'], env);
    key = created.stdout.trim().split('\n').at(-1)!;
    const port = await freePort();
    server = spawnEntry('server/index.ts', [], {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DB_CONNECT_TIMEOUT_MS: '1500',
      DB_STATEMENT_TIMEOUT_MS: '1500',
    });
    base = `http://127.0.0.1:${port}`;
    await waitUntil(() => server.output().includes('Plugboard listening'), 'the server to listen', 30_000);
  }, 60_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await postgres?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(server.child.exitCode).toBeNull();
  });

  describe('when every connection is terminated (pg_terminate_backend)', () => {
    it('keeps running and answers the next requests from new connections', async () => {
      expect((await checkKey()).status).toBe(200);
      expect(await postgres.terminateConnections()).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await checkKey()).status);
      expect(statuses.at(-1)).toBe(200);
      expect(server.output()).toContain('database connection lost');
    });
  });

  describe('when the database is stopped', () => {
    it('answers 503 with the envelope and Retry-After, quickly', async () => {
      await postgres.stop('fast');
      const res = await checkKey();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toStrictEqual(storeUnavailable);
      expect(res.ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it('reports the store unreachable on /healthz and stays alive on /livez', async () => {
      const health = await timed(`${base}/healthz`);
      expect({ status: health.status, body: health.body }).toStrictEqual({ status: 503, body: { status: 'error', store: 'unreachable' } });
      expect(health.ms).toBeLessThan(ANSWER_WITHIN_MS);
      const live = await timed(`${base}/livez`);
      expect({ status: live.status, body: live.body }).toStrictEqual({ status: 200, body: { status: 'ok' } });
    });

    it('recovers by itself once the database is back', async () => {
      await postgres.start();
      const health = await waitHealthy();
      expect(health.body).toStrictEqual({ status: 'ok', store: 'ok' });
      expect((await checkKey()).status).toBe(200);
    });
  });

  describe('when the database crashes (immediate stop) and restarts', () => {
    it('survives and recovers', async () => {
      expect((await checkKey()).status).toBe(200);
      await postgres.stop('immediate');
      expect((await checkKey()).status).toBe(503);
      await postgres.start();
      await waitHealthy();
      expect((await checkKey()).status).toBe(200);
    });
  });

  describe('when the database is frozen (SIGSTOP)', () => {
    it('answers 503 within a few seconds, for pooled and new connections alike', async () => {
      expect((await checkKey()).status).toBe(200);
      postgres.freeze();
      try {
        const answers = await Promise.all([checkKey(), checkKey(), timed(`${base}/healthz`)]);
        for (const res of answers) {
          expect(res.status).toBe(503);
          expect(res.ms).toBeLessThan(ANSWER_WITHIN_MS);
        }
      } finally {
        postgres.thaw();
      }
    });

    it('recovers once it thaws', async () => {
      await waitHealthy();
      expect((await checkKey()).status).toBe(200);
    });
  });
});
