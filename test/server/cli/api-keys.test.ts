import fs from 'node:fs';
import { lockDataDir } from '../../../server/store/lock.ts';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

describe('npm run cli -- api-keys', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('create --environment development', () => {
    it('prints the new key alone on the last line of stdout and audits it; list never shows it', async () => {
      const created = await runCli(['api-keys', 'create', '--environment', 'development', '--name', 'ci'], { DATA_DIR: dataDir });
      expect(created.code).toBe(0);
      const lines = created.stdout.trim().split('\n');
      const key = lines.at(-1)!;
      expect(key).toMatch(/^ks_dev_[0-9A-Za-z]{38}$/);

      const listed = await runCli(['api-keys', 'list', '--json'], { DATA_DIR: dataDir });
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(key);
      const keys = JSON.parse(listed.stdout) as { id: string; name: string; display_prefix: string; disabled_at: null }[];
      const mine = keys.find((k) => k.name === 'ci')!;
      expect(mine.display_prefix).toBe(key.slice(0, 11));

      const disabled = await runCli(['api-keys', 'disable', mine.id, '--json'], { DATA_DIR: dataDir });
      expect(disabled.code).toBe(0);
      expect(JSON.parse(disabled.stdout).disabled_at).toMatch(/^\d{4}-/);

      const audit = await runCli(['audit', 'list', '--json'], { DATA_DIR: dataDir });
      const actions = (JSON.parse(audit.stdout) as { action: string; target_id: string; source: string }[])
        .filter((e) => e.target_id === mine.id)
        .map((e) => [e.action, e.source]);
      expect(actions).toStrictEqual([
        ['api_key.created', 'cli'],
        ['api_key.disabled', 'cli'],
      ]);
      // Four CLI processes, the first of which creates the store: 17 s alone, past 30 s beside the whole suite.
    }, 120_000);
  });

  describe('create --json with an allowlist and expiry', () => {
    it('answers machine-readable output including the key once', async () => {
      const res = await runCli(
        ['api-keys', 'create', '--environment', 'production', '--expires-at', '2099-01-01T00:00:00Z', '--allow-ip', '10.0.0.0/8', '--allow-ip', '::1', '--json'],
        { DATA_DIR: dataDir },
      );
      expect(res.code).toBe(0);
      const out = JSON.parse(res.stdout);
      expect(out.key).toMatch(/^ks_prod_/);
      expect(out.environment).toBe('production');
      expect(out.expires_at).toBe('2099-01-01T00:00:00.000Z');
      expect(out.ip_allowlist).toStrictEqual(['10.0.0.0/8', '::1']);
    });
  });

  describe('with bad arguments', () => {
    it('exits 2 when --environment is missing or unknown', async () => {
      const missing = await runCli(['api-keys', 'create'], { DATA_DIR: dataDir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("required option '--environment <env>' not specified");
      const unknown = await runCli(['api-keys', 'create', '--environment', 'staging'], { DATA_DIR: dataDir });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Allowed choices are development, production');
    });

    it('exits 1 with the bad entries named for a malformed allowlist', async () => {
      const res = await runCli(['api-keys', 'create', '--environment', 'development', '--allow-ip', '10.0.0.300'], { DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Error: Invalid IP allowlist entry: "10.0.0.300"');
      expect(res.stdout).toBe('');
    });
  });

  describe('create with an allow-all range', () => {
    it('exits 1 naming the range without --allow-all', async () => {
      const res = await runCli(['api-keys', 'create', '--environment', 'development', '--allow-ip', '::ffff:0:0/96'], { DATA_DIR: dataDir });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Error: IP allowlist entry "0.0.0.0/0" allow every address. Pass --allow-all');
      expect(res.stdout).toBe('');
    }, 90_000);

    it('creates the key with --allow-all and prints a warning', async () => {
      const res = await runCli(['api-keys', 'create', '--environment', 'development', '--allow-ip', '0.0.0.0/0', '--allow-all', '--json'], {
        DATA_DIR: dataDir,
      });
      expect(res.code).toBe(0);
      const out = JSON.parse(res.stdout);
      expect(out.ip_allowlist).toStrictEqual(['0.0.0.0/0']);
      expect(res.stderr).toContain(`Warning: key ${out.id} allows every address (0.0.0.0/0); its allowlist restricts nothing.`);
    }, 90_000);
  });

  describe('allowlist with an allow-all range', () => {
    it('refuses ::/0 without --allow-all and accepts it with a warning', async () => {
      const created = JSON.parse((await runCli(['api-keys', 'create', '--environment', 'development', '--json'], { DATA_DIR: dataDir })).stdout);
      const refused = await runCli(['api-keys', 'allowlist', created.id, '::/0'], { DATA_DIR: dataDir });
      expect([refused.code, refused.stderr]).toStrictEqual([1, expect.stringContaining('IP allowlist entry "::/0" allow every address')]);
      const accepted = await runCli(['api-keys', 'allowlist', created.id, '::/0', '--allow-all'], { DATA_DIR: dataDir });
      expect(accepted.code).toBe(0);
      expect(accepted.stderr).toContain(`Warning: key ${created.id} allows every address (::/0)`);
    }, 90_000);
  });

  describe('while another process owns the data directory', () => {
    it('refuses with a clear message and exit code 1', async () => {
      const release = await lockDataDir(dataDir);
      try {
        const res = await runCli(['api-keys', 'list'], { DATA_DIR: dataDir });
        expect(res.code).toBe(1);
        expect(res.stderr).toContain('is in use by another Plugboard process');
      } finally {
        await release();
      }
    });
  });
});
