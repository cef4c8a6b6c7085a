import fs from 'node:fs';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

const PUBLIC_URL = 'https://plugboard.example';
const SECRET = 'cli-client-secret-0123456789';

describe('npm run cli -- sso', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, PUBLIC_URL });
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  describe('oidc set, show, disable', () => {
    it('stores the configuration without ever printing the secret, shows the redirect URL, disables it, and audits each change', async () => {
      const invited = await runCli(['users', 'invite', '--email', 'admin@example.test', '--role', 'admin'], env());
      expect(invited.code).toBe(0);
      const set = await runCli(['sso', 'oidc', 'set', '--issuer', 'https://idp.example.test', '--client-id', 'plugboard', '--client-secret', SECRET, '--provision-role', 'operator', '--json'], env());
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout).not.toContain(SECRET);
      const expected = {
        protocol: 'oidc',
        enabled: true,
        issuer: 'https://idp.example.test',
        client_id: 'plugboard',
        client_secret_set: true,
        provision_role: 'operator',
        enforce: false,
        break_glass_user_id: null,
        redirect_url: 'https://plugboard.example/dashboard/api/sso/oidc/callback',
      };
      expect(JSON.parse(set.stdout)).toMatchObject(expected);
      expect(JSON.parse((await runCli(['sso', 'show', '--json'], env())).stdout)).toMatchObject(expected);
      const disabled = await runCli(['sso', 'disable', '--json'], env());
      expect(JSON.parse(disabled.stdout)).toMatchObject({ enabled: false, client_secret_set: true });
      const audit = await runCli(['audit', 'list', '--json'], env());
      expect(audit.stdout).not.toContain(SECRET);
      expect((JSON.parse(audit.stdout) as { action: string; source: string }[]).filter((e) => e.action.startsWith('console_sso.')).map((e) => [e.action, e.source])).toStrictEqual([
        ['console_sso.changed', 'cli'],
        ['console_sso.disabled', 'cli'],
      ]);
    }, 120_000);
  });

  describe('saml set --entry-point --idp-cert-file', () => {
    it('switches the tenant to SAML and prints the ACS and SP metadata URLs', async () => {
      const certFile = `${dataDir}/idp.pem`;
      fs.writeFileSync(certFile, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n-----END CERTIFICATE-----\n`);
      const res = await runCli(['sso', 'saml', 'set', '--entry-point', 'https://idp.example.test/sso', '--idp-cert-file', certFile, '--json'], env());
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({
        protocol: 'saml',
        enabled: true,
        saml_entry_point: 'https://idp.example.test/sso',
        saml_idp_cert_set: true,
        saml_acs_url: expect.stringMatching(/^https:\/\/plugboard\.example\/dashboard\/api\/sso\/saml\/[^/]+\/acs$/),
        saml_metadata_url: expect.stringMatching(/^https:\/\/plugboard\.example\/dashboard\/api\/sso\/saml\/[^/]+\/metadata$/),
      });
    }, 60_000);
  });

  describe('oidc set --enforce on without a break-glass admin', () => {
    it('exits 1 saying what is missing', async () => {
      const res = await runCli(['sso', 'oidc', 'set', '--enforce', 'on'], env());
      expect([res.code, res.stderr.trim()]).toStrictEqual([1, 'Error: Enforcing SSO needs a break-glass admin who may still sign in with a password.']);
    });
  });

  describe('oidc set on a tenant whose plan has no SSO', () => {
    it('exits 1', async () => {
      await runCli(['tenant', 'features', '--sso', 'off'], env());
      const res = await runCli(['sso', 'oidc', 'set', '--issuer', 'https://idp.example.test', '--client-id', 'x', '--client-secret', 'y'], env());
      expect([res.code, res.stderr.trim()]).toStrictEqual([1, "Error: This tenant's plan does not include SSO."]);
    });
  });
});
