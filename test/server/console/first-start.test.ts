import fs from 'node:fs';
import { type Spawned, spawnEntry, tempDataDir, waitUntil } from '../../helpers/cli.ts';
import { ConsoleClient, PASSWORD } from './console-client.ts';

describe('npm start on a fresh data directory', () => {
  let dataDir: string;
  let started: Spawned;
  beforeAll(async () => {
    dataDir = tempDataDir();
    started = spawnEntry('scripts/start.ts', [], { HOST: '127.0.0.1', PORT: '0', DEMO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    await waitUntil(() => started.output().includes('Plugboard is running'), 'the banner of npm start', 120_000);
  }, 150_000);
  afterAll(async () => {
    started.child.kill('SIGINT');
    await started.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a first-admin invitation link that creates the first admin', async () => {
    const link = /First admin\s+no console user yet: open (\S+)/.exec(started.output())?.[1];
    expect(link).toMatch(/^http:\/\/localhost:\d+\/dashboard\/accept-invitation#token=[0-9A-Za-z]{43}$/);
    const base = /Plugboard\s+(http:\/\/\S+)/.exec(started.output())![1]!;
    const client = new ConsoleClient(base);
    await client.prepare();
    const token = new URL(link!).hash.replace('#token=', '');
    const set = await client.request('POST', '/set-password', { token, password: PASSWORD, email: 'owner@example.test' });
    expect(set.body.data).toStrictEqual({ purpose: 'invitation', email: 'owner@example.test' });
    const res = await client.signIn('owner@example.test', PASSWORD, 'default');
    expect(res.body.data.user.role).toBe('admin');
  }, 60_000);
});
