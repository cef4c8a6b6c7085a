import fs from 'node:fs';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

describe('npm run cli -- settings', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir });

  describe('set then get', () => {
    it('stores the settings of that environment only and prints them', async () => {
      const set = await cli('settings', 'set', '--environment', 'production', '--display-name', 'Acme HR', '--allowed-origins', 'https://app.acme.test, https://admin.acme.test', '--skip-consent-for-preselected', 'yes');
      const prod = await cli('settings', 'get', '--environment', 'production', '--json');
      const dev = await cli('settings', 'get', '--environment', 'development', '--json');
      expect([set.code, JSON.parse(prod.stdout), JSON.parse(dev.stdout).display_name]).toStrictEqual([
        0,
        {
          environment: 'production',
          display_name: 'Acme HR',
          logo_url: null,
          primary_color: null,
          privacy_policy_url: null,
          support_email: null,
          support_url: null,
          missing_tool_url: null,
          skip_consent_for_preselected: true,
          allowed_origins: ['https://app.acme.test', 'https://admin.acme.test'],
        },
        null,
      ]);
    }, 120_000);
  });

  describe('with an invalid value', () => {
    it('exits 1 naming the setting and the entry', async () => {
      const res = await cli('settings', 'set', '--environment', 'development', '--allowed-origins', 'https://app.acme.test/path');
      expect([res.code, res.stderr.trim()]).toStrictEqual([
        1,
        "Error: Invalid settings: allowed_origins has 'https://app.acme.test/path', which is not an exact origin such as https://app.example.com (scheme and host, no path).",
      ]);
    });
  });

  describe('with nothing to change', () => {
    it('exits 1 saying so', async () => {
      const res = await cli('settings', 'set', '--environment', 'development');
      expect([res.code, res.stderr.trim()]).toStrictEqual([1, 'Error: Nothing to change: pass at least one setting (see settings set --help).']);
    });
  });
});
