import fs from 'node:fs';
import { sql } from 'kysely';
import { openStore } from '../../../server/store/db.ts';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

describe('npm run cli -- audit verify', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('on an untouched store', () => {
    it('prints OK for both chains and exits 0', async () => {
      const created = JSON.parse((await runCli(['api-keys', 'create', '--environment', 'development', '--json'], { DATA_DIR: dataDir })).stdout);
      await runCli(['api-keys', 'disable', created.id], { DATA_DIR: dataDir });
      const res = await runCli(['audit', 'verify'], { DATA_DIR: dataDir });
      expect([res.code, res.stdout]).toStrictEqual([
        0,
        'OK audit_log: 2 entries, chain intact.\nOK api_key_revocations: 1 entries, chain intact.\n',
      ]);
    }, 90_000);
  });

  describe('after an audit entry was changed behind the application', () => {
    it('names the first broken entry and exits 1', async () => {
      const store = await openStore({ dataDir });
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(store.db);
      await sql`update audit_log set action = 'api_key.renamed' where seq = 1`.execute(store.db);
      await store.close();
      const res = await runCli(['audit', 'verify'], { DATA_DIR: dataDir });
      expect([res.code, res.stdout.split('\n')[0], res.stderr]).toStrictEqual([
        1,
        'BROKEN audit_log: at entry seq 1: its content does not match its hash (the entry was changed).',
        expect.stringContaining('Error: A hash chain is broken'),
      ]);
    }, 90_000);
  });
});
