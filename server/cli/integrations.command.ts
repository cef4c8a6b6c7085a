import { Command, Option } from 'commander';
import { deleteIntegration, getIntegration, type IntegrationRecord, listIntegrations, setIntegrationEnabled } from '../domain/integrations.ts';
import { withContext } from './context.ts';
import { printJson, printTable, when } from './output.ts';

const toJson = (r: IntegrationRecord) => ({
  id: r.id,
  tool: r.tool,
  category: r.category,
  environment: r.environment,
  environment_id: r.environmentId,
  status: r.status,
  inactive_reason: r.inactiveReason,
  setup_status: r.setupStatus,
  end_user: { organization_name: r.endUser.organizationName, email: r.endUser.email, origin_id: r.endUser.originId },
  scope_config_id: r.scopeConfigId,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
  last_api_request_at: r.lastApiRequestAt.toISOString(),
});

const toRow = (r: IntegrationRecord) => ({
  id: r.id,
  environment: r.environment,
  status: r.status === 'INACTIVE' && r.inactiveReason ? `INACTIVE (${r.inactiveReason.toLowerCase()})` : r.status,
  setup: r.setupStatus,
  organization: r.endUser.organizationName,
  created: when(r.createdAt),
  last_request: when(r.lastApiRequestAt),
});

function printOne(r: IntegrationRecord, json: boolean | undefined): void {
  if (json) {
    printJson(toJson(r));
    return;
  }
  const fields: [string, string][] = [
    ['id', r.id],
    ['tool', r.tool],
    ['category', r.category],
    ['environment', r.environment],
    ['status', r.inactiveReason ? `${r.status} (${r.inactiveReason.toLowerCase()})` : r.status],
    ['setup status', r.setupStatus],
    ['organization', r.endUser.organizationName],
    ['end user email', r.endUser.email ?? '-'],
    ['origin id', r.endUser.originId ?? '-'],
    ['created', when(r.createdAt)],
    ['last API request', when(r.lastApiRequestAt)],
  ];
  for (const [label, value] of fields) console.log(`${label.padEnd(17)} ${value}`);
}

const common = (cmd: Command) => cmd.option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)').option('--json', 'machine-readable output');

/** `integrations list|show|disable|enable|delete` for operators (tenant-wide, both environments). */
export function integrationsCommand(): Command {
  const cmd = new Command('integrations').description('list, inspect, disable, enable and delete integrations');

  common(cmd.command('list').description('list integrations, newest first'))
    .addOption(new Option('--environment <env>', 'only this environment').choices(['development', 'production']))
    .action(async (opts: { environment?: 'development' | 'production'; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const all = await listIntegrations(ctx.deps.db, { tenantId: ctx.tenantId }, opts.environment);
        if (opts.json) printJson(all.map(toJson));
        else printTable(all.map(toRow), 'No integrations yet. Create a link with: npm run cli -- links create --environment development ...');
      });
    });

  common(cmd.command('show <id>').description('show one integration (never its credentials)')).action(
    async (id: string, opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => printOne(await getIntegration(ctx.deps.db, { tenantId: ctx.tenantId }, id), opts.json));
    },
  );

  for (const [name, value, text] of [
    ['disable', false, 'pause an integration (INACTIVE); credentials and data are kept'],
    ['enable', true, 'resume an INACTIVE integration (also one that went stale)'],
  ] as const) {
    common(cmd.command(`${name} <id>`).description(text)).action(async (id: string, opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const after = await setIntegrationEnabled(ctx.deps, ctx.actor, { tenantId: ctx.tenantId }, id, value);
        if (opts.json) printJson(toJson(after));
        else console.log(`Integration ${after.id} is now ${after.status}.`);
      });
    });
  }

  common(cmd.command('delete <id>').description('delete an integration, its credentials and synced data; irreversible')).action(
    async (id: string, opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const deleted = await deleteIntegration(ctx.deps, ctx.actor, { tenantId: ctx.tenantId }, id);
        if (opts.json) printJson({ id: deleted.id, deleted: true });
        else console.log(`Deleted integration ${deleted.id} with its credentials and data.`);
      });
    },
  );

  return cmd;
}
