import fs from 'node:fs';
import { recordPublicUrl } from '../../../server/domain/public-url.ts';
import { openStore } from '../../../server/store/db.ts';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

describe('npm run cli -- links create, and the server’s public URL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    // What a server started with PUBLIC_URL (or on another port) leaves in its store.
    const store = await openStore({ dataDir });
    try {
      await recordPublicUrl(store.db, 'http://localhost:4100');
    } finally {
      await store.close();
    }
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const create = (env: Record<string, string> = {}) =>
    runCli(['links', 'create', '--environment', 'development', '--email', 'ops@acme.example', '--organization', 'Acme'], { DATA_DIR: dataDir, ...env });

  describe('without PUBLIC_URL', () => {
    it('prints a link on the URL the server last started with', async () => {
      const res = await create();
      expect([res.code, res.stdout.trim().split('\n').at(-1)]).toStrictEqual([0, expect.stringMatching(/^http:\/\/localhost:4100\/flow\?token=/)]);
    });
  });

  describe('with PUBLIC_URL', () => {
    it('prints a link on that URL', async () => {
      const res = await create({ PUBLIC_URL: 'https://hr.plugboard.test' });
      expect([res.code, res.stdout.trim().split('\n').at(-1)]).toStrictEqual([0, expect.stringMatching(/^https:\/\/hr\.plugboard\.test\/flow\?token=/)]);
    });
  });
});
