import fs from 'node:fs';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

const PUBLIC_URL = 'https://plugboard.example';

describe('npm run cli -- users', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, PUBLIC_URL });
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('invite --email --role on a store with no user yet', () => {
    it('prints the single-use invitation link alone on the last line and audits it', async () => {
      const res = await runCli(['users', 'invite', '--email', 'Ops@Example.test', '--role', 'admin'], env());
      expect(res.code).toBe(0);
      expect(res.stdout.trim().split('\n').at(-1)).toMatch(/^https:\/\/plugboard\.example\/dashboard\/accept-invitation#token=[0-9A-Za-z]{43}$/);

      const listed = JSON.parse((await runCli(['users', 'list', '--json'], env())).stdout) as { email: string; role: string; status: string }[];
      expect(listed.map((u) => [u.email, u.role, u.status])).toStrictEqual([['ops@example.test', 'admin', 'invited']]);
      const audit = JSON.parse((await runCli(['audit', 'list', '--json'], env())).stdout) as { action: string; source: string }[];
      expect(audit.map((e) => [e.action, e.source])).toContainEqual(['console_user.invited', 'cli']);
    }, 120_000);
  });

  describe('invite --json', () => {
    it('answers the user and the link as JSON', async () => {
      const res = await runCli(['users', 'invite', '--email', 'dev@example.test', '--role', 'developer', '--json'], env());
      expect(JSON.parse(res.stdout)).toMatchObject({ email: 'dev@example.test', role: 'developer', status: 'invited', invitation_link: expect.stringMatching(/#token=/) });
    });
  });

  describe('invite with an unknown role', () => {
    it('exits 2 naming the choices', async () => {
      const res = await runCli(['users', 'invite', '--email', 'x@example.test', '--role', 'owner'], env());
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('admin, developer, operator');
    });
  });

  describe('reset-password for a user who has not accepted yet', () => {
    it('exits 1 telling to invite them again', async () => {
      const res = await runCli(['users', 'reset-password', '--email', 'dev@example.test'], env());
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('has not accepted their invitation yet');
    });
  });

  describe('reset-password for an unknown email', () => {
    it('exits 1 naming the email', async () => {
      const res = await runCli(['users', 'reset-password', '--email', 'nobody@example.test'], env());
      expect([res.code, res.stderr.trim()]).toStrictEqual([1, "Error: No user with email 'nobody@example.test'."]);
    });
  });
});

describe('npm run cli -- tenant features', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('shows SSO and MFA enforcement included by default, turns one off, and audits the change', async () => {
    const shown = await runCli(['tenant', 'features', '--json'], { DATA_DIR: dataDir });
    expect(JSON.parse(shown.stdout)).toStrictEqual({ sso: true, mfa_enforcement: true, require_mfa: false });
    const changed = await runCli(['tenant', 'features', '--sso', 'off', '--json'], { DATA_DIR: dataDir });
    expect(JSON.parse(changed.stdout)).toStrictEqual({ sso: false, mfa_enforcement: true, require_mfa: false });
    const audit = JSON.parse((await runCli(['audit', 'list', '--json'], { DATA_DIR: dataDir })).stdout) as { action: string; after: unknown }[];
    expect(audit.filter((e) => e.action === 'tenant.features_changed').map((e) => e.after)).toStrictEqual([{ require_mfa: false, features: { sso: false, mfa_enforcement: true } }]);
  }, 120_000);
});
