import fs from 'node:fs';
import { loadOAuthClient } from '../../../server/domain/oauth-clients.ts';
import { ensureDefaultTenant, getEnvironment } from '../../../server/domain/tenants.ts';
import { loadSecret } from '../../../server/secret-key.ts';
import { openStore } from '../../../server/store/db.ts';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

describe('npm run cli -- oauth-clients set', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir, PUBLIC_URL: 'https://hr.plugboard.test' });

  it('stores the client with its secret sealed and prints the redirect URI to register', async () => {
    const res = await cli('oauth-clients', 'set', '--environment', 'production', '--tool', 'factorial', '--client-id', 'app-1', '--client-secret', 'very-secret-1');
    expect([res.code, res.stdout.trim()]).toStrictEqual([
      0,
      'OAuth client for factorial in production set (client id app-1). Register this redirect URI with the tool: https://hr.plugboard.test/flow/v1/oauth/callback',
    ]);
    const store = await openStore({ dataDir });
    try {
      const deps = { db: store.db, clock: () => new Date(), secret: loadSecret(undefined, dataDir) };
      const env = await getEnvironment(store.db, (await ensureDefaultTenant(store.db)).id, 'production');
      const row = await store.db.selectFrom('oauth_clients').select('secret_ciphertext').executeTakeFirstOrThrow();
      expect([await loadOAuthClient(deps, env.id, 'factorial'), row.secret_ciphertext.includes('very-secret')]).toStrictEqual([
        { clientId: 'app-1', clientSecret: 'very-secret-1' },
        false,
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a tool that does not connect through OAuth', async () => {
    const res = await cli('oauth-clients', 'set', '--environment', 'production', '--tool', 'bamboohr', '--client-id', 'x', '--client-secret', 'y');
    expect([res.code, res.stderr.trim()]).toStrictEqual([1, "Error: Tool 'bamboohr' does not connect through OAuth."]);
  });
});
