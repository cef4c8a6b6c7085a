import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/db.ts';
import { call, type TestApp } from '../../helpers/app.ts';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';
import { integrationHeader } from '../../helpers/hris.ts';
import { connectSandbox, createLinkToken, sandboxCredentials } from '../connect/connect-helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `call`, once more when the socket it reused belonged to the killed process. */
async function get(url: string, key: string, headers: Record<string, string>): ReturnType<typeof call> {
  try {
    return await call(url, key, { headers });
  } catch {
    return call(url, key, { headers });
  }
}

/** Starts `server/index.ts` and waits until it listens; a start refused because the killed one's lock is still fresh is retried. */
async function startServer(env: Record<string, string>): Promise<Spawned> {
  for (let attempt = 0; ; attempt++) {
    const server = spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
    try {
      await waitUntil(() => {
        if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
        return server.output().includes('Plugboard listening');
      }, 'the server to listen', 60_000);
      return server;
    } catch (err) {
      if (attempt >= 15 || !server.output().includes('in use by another Plugboard process')) throw err;
      await sleep(1000);
    }
  }
}

describe('a server killed (SIGKILL) in the middle of a 10,000-employee sync (embedded store)', () => {
  const dataDir = tempDataDir();
  let server: Spawned | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the sync again after a restart, to completion within a minute, never serving a half-written snapshot', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const created = await runCli(['api-keys', 'create', '--environment', 'development'], env);
    const key = created.stdout.trim().split('\n').at(-1)!;
    server = await startServer(env);
    const app = { url: `http://127.0.0.1:${port}` } as TestApp;

    // The flow queues the first sync with the integration; the server's worker starts it at once.
    const activation = await connectSandbox(app, await createLinkToken(app, key), sandboxCredentials({ company_size: '10000' }));
    const id = (await call(`${app.url}/v1/connect/integration-by-token/${activation}`, key)).body.data.id as string;
    const forced = await call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {}, headers: integrationHeader(id) });
    expect(forced.body.data.already_queued).toBe(true);
    const syncId = forced.body.data.sync_id as string;
    const state = async () => (await get(`${app.url}/v1/force-sync/${syncId}`, key, integrationHeader(id))).body.data.state as string;
    for (let i = 0; i < 600 && (await state()) !== 'RUNNING'; i++) await sleep(50);
    await sleep(1000);
    expect(await state()).toBe('RUNNING');

    server.child.kill('SIGKILL');
    await server.exited;
    const restarted = Date.now();
    server = await startServer(env);

    let finished = '';
    while (Date.now() - restarted < 60_000) {
      const employees = await get(`${app.url}/v1/hris/employees?page_size=1`, key, integrationHeader(id));
      finished = await state();
      // Data is served only once the whole snapshot is committed (with the run's success, in one transaction).
      if (employees.status === 200) expect(finished).toBe('SUCCEEDED');
      else expect(employees.body.error.code).toBe('INTEGRATION.SETUP_SYNC_PENDING');
      if (finished === 'SUCCEEDED' || finished === 'FAILED') break;
      await sleep(250);
    }
    expect(finished).toBe('SUCCEEDED');
    expect(Date.now() - restarted).toBeLessThan(60_000);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
    const store = await openStore({ dataDir });
    try {
      const employees = await store.db.selectFrom('hris_records').select((eb) => eb.fn.countAll<number>().as('n')).where('integration_id', '=', id).where('model', '=', 'employees').executeTakeFirstOrThrow();
      const runs = await store.db.selectFrom('sync_runs').select(['id', 'status', 'counts']).where('integration_id', '=', id).execute();
      expect(runs.map((r) => [r.id, r.status])).toStrictEqual([[syncId, 'SUCCEEDED']]);
      // Every employee of the 10k company (current and former), all from the one committed snapshot.
      const created = (runs[0]!.counts as { employees: { created: number } }).employees.created;
      expect([Number(employees.n), created >= 10_000]).toStrictEqual([created, true]);
    } finally {
      await store.close();
    }
  }, 300_000);
});

describe('a server stopped (SIGTERM) during a sync (embedded store)', () => {
  const dataDir = tempDataDir();
  let server: Spawned | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the running sync finish before it exits', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const created = await runCli(['api-keys', 'create', '--environment', 'development'], env);
    const key = created.stdout.trim().split('\n').at(-1)!;
    server = await startServer(env);
    const app = { url: `http://127.0.0.1:${port}` } as TestApp;
    const activation = await connectSandbox(app, await createLinkToken(app, key), sandboxCredentials({ company_size: '1000' }));
    const id = (await call(`${app.url}/v1/connect/integration-by-token/${activation}`, key)).body.data.id as string;
    const syncId = (await call(`${app.url}/v1/force-sync`, key, { method: 'POST', body: {}, headers: integrationHeader(id) })).body.data.sync_id as string;
    const state = async () => (await get(`${app.url}/v1/force-sync/${syncId}`, key, integrationHeader(id))).body.data.state as string;
    for (let i = 0; i < 600 && (await state()) === 'QUEUED'; i++) await sleep(20);
    expect(await state()).toBe('RUNNING');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
    const store = await openStore({ dataDir });
    try {
      const run = await store.db.selectFrom('sync_runs').select(['id', 'status']).where('id', '=', syncId).executeTakeFirstOrThrow();
      expect(run).toStrictEqual({ id: syncId, status: 'SUCCEEDED' });
    } finally {
      await store.close();
    }
  }, 180_000);
});
