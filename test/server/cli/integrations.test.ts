import fs from 'node:fs';
import { createDeps } from '../../../server/composition-root.ts';
import { connectWithLink } from '../../../server/domain/links-connect.ts';
import { createLogger } from '../../../server/logger.ts';
import { runCli, tempDataDir } from '../../helpers/cli.ts';

/** Completes a link's flow in-process on the CLI's data directory (the CLI cannot run a browser flow). */
async function connectThroughFlow(dataDir: string, link: string): Promise<string> {
  const config = { databaseUrl: undefined, dataDir, secretKey: undefined, publicUrl: 'http://localhost', trustProxy: false as const, rateLimitPerMinute: 300 };
  const { deps, close } = await createDeps(config, createLogger('silent'));
  try {
    const token = new URL(link).searchParams.get('token') ?? undefined;
    const credentials = { company_subdomain: 'acme', api_key: 'cli-test-key' };
    const result = await connectWithLink(deps, token, { tool: 'sandbox', credentials }, new AbortController().signal);
    if (result.outcome !== 'connected') throw new Error(`flow answered ${result.outcome}`);
    return result.integrationId;
  } finally {
    await close();
  }
}

describe('npm run cli -- links / integrations', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir, PUBLIC_URL: 'https://hr.plugboard.test' });

  describe('links create', () => {
    it('prints the flow link alone on the last line, and audits the link without its token', async () => {
      const res = await cli('links', 'create', '--environment', 'development', '--email', 'ops@acme.example', '--organization', 'Acme Audited', '--magic');
      const link = res.stdout.trim().split('\n').at(-1)!;
      expect([res.code, link]).toStrictEqual([0, expect.stringMatching(/^https:\/\/hr\.plugboard\.test\/flow\?token=[0-9A-Za-z]{40}$/)]);
      const audit = (JSON.parse((await cli('audit', 'list', '--json')).stdout) as { action: string; source: string; after: Record<string, unknown> | null }[]).filter(
        (e) => e.action === 'link.created' && e.after?.end_user_organization_name === 'Acme Audited',
      );
      expect(audit.map((e) => [e.source, e.after?.link_type])).toStrictEqual([['cli', 'MAGIC_LINK']]);
      expect(JSON.stringify(audit)).not.toContain(new URL(link).searchParams.get('token')!);
    });

    it('refuses input create-link would refuse, saying why', async () => {
      const res = await cli('links', 'create', '--environment', 'production', '--email', 'not-an-email', '--organization', 'Acme');
      expect([res.code, res.stderr.trim()]).toStrictEqual([1, 'Error: Invalid link options: end_user_email must be a valid email address.']);
    });
  });

  describe('integrations list|show|disable|enable|delete', () => {
    it('manages an integration through its whole life, auditing each change', async () => {
      const created = await cli('links', 'create', '--environment', 'development', '--email', 'ops@acme.example', '--organization', 'Acme', '--tool', 'sandbox', '--json');
      const id = await connectThroughFlow(dataDir, JSON.parse(created.stdout).link);

      const listed = JSON.parse((await cli('integrations', 'list', '--json')).stdout) as { id: string; status: string }[];
      const disabled = JSON.parse((await cli('integrations', 'disable', id, '--json')).stdout) as { status: string; inactive_reason: string };
      const enabled = await cli('integrations', 'enable', id);
      const shown = await cli('integrations', 'show', id);
      const deleted = await cli('integrations', 'delete', id);
      const gone = await cli('integrations', 'show', id);
      const audit = (JSON.parse((await cli('audit', 'list', '--json')).stdout) as { action: string; target_id: string; source: string }[])
        .filter((e) => e.target_id === id)
        .map((e) => [e.action, e.source]);

      expect({
        listed: listed.map((i) => [i.id, i.status]),
        disabled: [disabled.status, disabled.inactive_reason],
        enabled: enabled.stdout.trim(),
        shown: [shown.code, shown.stdout.includes('cli-test-key'), shown.stdout.split('\n')[0]],
        deleted: deleted.stdout.trim(),
        gone: [gone.code, gone.stderr.trim()],
        audit,
      }).toStrictEqual({
        listed: [[id, 'ACTIVE']],
        disabled: ['INACTIVE', 'MANUAL'],
        enabled: `Integration ${id} is now ACTIVE.`,
        shown: [0, false, `id                ${id}`],
        deleted: `Deleted integration ${id} with its credentials and data.`,
        gone: [1, `Error: No integration with ID '${id}' exists in this tenant.`],
        audit: [
          ['integration.created', 'flow'],
          ['integration.disabled', 'cli'],
          ['integration.enabled', 'cli'],
          ['integration.deleted', 'cli'],
        ],
      });
    }, 120_000);
  });
});
