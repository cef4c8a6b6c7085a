import fs from 'node:fs';
import { freePort, runCli, type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';
import { type Receiver, startReceiver } from './receiver.ts';

const startServer = (env: Record<string, string>): Spawned => spawnEntry('server/index.ts', [], { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });

async function listening(server: Spawned): Promise<void> {
  await waitUntil(() => server.output().includes('Plugboard listening'), 'the server to listen', 60_000);
}

/** Starts the server once the killed one's data-directory lock has gone stale (it refuses and exits until then). */
async function restartAfterKill(env: Record<string, string>): Promise<Spawned> {
  const start = Date.now();
  for (;;) {
    const server = startServer(env);
    const outcome = await Promise.race([server.exited.then(() => 'exited'), listening(server).then(() => 'listening')]);
    if (outcome === 'listening') return server;
    if (Date.now() - start > 60_000) throw new Error(`the server did not restart:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function cli(args: string[], dataDir: string): Promise<string> {
  const res = await runCli(args, { DATA_DIR: dataDir });
  if (res.code !== 0) throw new Error(`${args.join(' ')} exited ${res.code}: ${res.stderr}`);
  return res.stdout;
}

describe('webhooks across a server process killed between the change and the delivery', () => {
  let dataDir: string;
  let server: Spawned | undefined;
  let receiver: Receiver | undefined;

  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await receiver?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the event after a restart, once, with the ID it was given at the change', async () => {
    const receiverPort = await freePort();
    const key = (await cli(['api-keys', 'create', '--environment', 'development'], dataDir)).trim().split('\n').at(-1)!;
    const created = await cli(['webhooks', 'create', '--environment', 'development', '--url', `http://127.0.0.1:${receiverPort}/webhooks`, '--events', 'integration-created'], dataDir);
    const secret = created.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);

    const port = await freePort();
    server = startServer({ DATA_DIR: dataDir, PORT: String(port) });
    await listening(server);
    const base = `http://127.0.0.1:${port}`;
    const link = await fetch(`${base}/v1/connect/create-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme GmbH', integration_category: 'HRIS' }),
    }).then((r) => r.json() as Promise<{ data: { link: string } }>);
    const token = new URL(link.data.link).searchParams.get('token')!;
    const connected = await fetch(`${base}/flow/v1/connect`, {
      method: 'POST',
      headers: { 'x-plugboard-link': token, 'content-type': 'application/json' },
      body: JSON.stringify({ tool: 'sandbox', credentials: { company_subdomain: 'acme', api_key: 'k', company_size: '50' } }),
    }).then((r) => r.json() as Promise<{ data: { outcome: string } }>);
    expect(connected.data.outcome).toBe('connected');
    // The receiver is not even listening yet; the process dies right after the change committed.
    server.child.kill('SIGKILL');
    await server.exited;

    receiver = await startReceiver(() => secret, { port: receiverPort });
    server = await restartAfterKill({ DATA_DIR: dataDir, PORT: String(port) });
    // A first retry is due within seconds; an attempt cut off mid-flight is taken over when its lease ends.
    await waitUntil(() => receiver!.delivered.length === 1, 'the integration-created event', 90_000);
    expect(receiver.delivered[0]!.type).toBe('integration-created');
    expect(receiver.problems).toStrictEqual([]);

    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
    const [endpoint] = JSON.parse(await cli(['webhooks', 'list', '--json'], dataDir)) as { id: string }[];
    const deliveries = JSON.parse(await cli(['webhooks', 'deliveries', endpoint!.id, '--json'], dataDir)) as Record<string, unknown>[];
    expect(deliveries).toStrictEqual([
      expect.objectContaining({ event_id: receiver.delivered[0]!.id, event_type: 'integration-created', status: 'DELIVERED', last_status_code: 200, last_response: 'ok', next_attempt_at: null }),
    ]);
    expect(new Set(receiver.requests.map((r) => r.id))).toStrictEqual(new Set([receiver.delivered[0]!.id]));
  }, 240_000);
});

describe('npm run cli -- webhooks', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates, lists, updates, rotates and deletes, printing secrets only once and auditing every change', async () => {
    const first = await runCli(['webhooks', 'create', '--environment', 'development', '--url', 'http://127.0.0.1:9/a', '--json'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    const endpoint = JSON.parse(first.stdout);
    expect(endpoint).toStrictEqual({
      id: expect.any(String),
      environment: 'development',
      url: 'http://127.0.0.1:9/a',
      event_types: [],
      enabled: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
    });
    const second = await runCli(['webhooks', 'create', '--environment', 'development', '--url', 'http://127.0.0.1:9/b', '--events', 'data-changed'], { DATA_DIR: dataDir });
    expect(second.stdout.trim().split('\n')).toHaveLength(1);
    expect(second.stdout).not.toContain('whsec_');

    const listed = await runCli(['webhooks', 'list'], { DATA_DIR: dataDir });
    expect(listed.stdout).toContain('data-changed');
    expect(listed.stdout).not.toContain(endpoint.secret);

    const updated = await runCli(['webhooks', 'update', endpoint.id, '--disable', '--events', 'sync-finished', '--json'], { DATA_DIR: dataDir });
    expect(JSON.parse(updated.stdout)).toMatchObject({ enabled: false, event_types: ['sync-finished'] });

    const unknown = await runCli(['webhooks', 'update', endpoint.id, '--events', 'nope'], { DATA_DIR: dataDir });
    expect([unknown.code, unknown.stderr]).toStrictEqual([1, expect.stringContaining('Unknown event type(s): nope.')]);

    const rotated = await runCli(['webhooks', 'rotate-secret', '--environment', 'development'], { DATA_DIR: dataDir });
    const fresh = rotated.stdout.trim().split('\n').at(-1)!;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(endpoint.secret);

    const refused = await runCli(['webhooks', 'create', '--environment', 'production', '--url', 'http://example.com/x'], { DATA_DIR: dataDir });
    expect([refused.code, refused.stderr.trim()]).toStrictEqual([1, 'Error: Production webhook URLs must use https.']);

    expect((await runCli(['webhooks', 'delete', endpoint.id], { DATA_DIR: dataDir })).code).toBe(0);
    const audit = await runCli(['audit', 'list', '--json'], { DATA_DIR: dataDir });
    expect(audit.stdout).not.toContain(endpoint.secret);
    expect(audit.stdout).not.toContain(fresh);
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((a) => a.action).filter((a) => a.startsWith('webhook'));
    expect(actions).toStrictEqual([
      'webhook_endpoint.created',
      'webhook_secret.created',
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
      'webhook_secret.rotated',
      'webhook_endpoint.deleted',
    ]);
  }, 180_000);
});
