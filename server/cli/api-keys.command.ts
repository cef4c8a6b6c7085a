import { Command, InvalidArgumentError, Option } from 'commander';
import { type ApiKeyInfo, createApiKey, disableApiKey, listApiKeys, setApiKeyAllowlist } from '../domain/api-keys.ts';
import { allowAllEntries } from '../domain/ip-allowlist.ts';
import { withContext } from './context.ts';
import { printJson, printTable, when } from './output.ts';

const toJson = (k: ApiKeyInfo) => ({
  id: k.id,
  environment: k.environment,
  environment_id: k.environmentId,
  name: k.name,
  display_prefix: k.displayPrefix,
  created_at: k.createdAt.toISOString(),
  expires_at: k.expiresAt?.toISOString() ?? null,
  disabled_at: k.disabledAt?.toISOString() ?? null,
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  ip_allowlist: k.ipAllowlist,
});

const toRow = (k: ApiKeyInfo) => ({
  id: k.id,
  environment: k.environment,
  prefix: `${k.displayPrefix}…`,
  name: k.name ?? '-',
  status: k.disabledAt ? 'disabled' : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active',
  expires: when(k.expiresAt),
  last_used: when(k.lastUsedAt),
  allowlist: k.ipAllowlist.length ? k.ipAllowlist.join(',') : 'any',
});

function parseDate(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError('expected an ISO-8601 date-time such as 2027-01-31T00:00:00Z.');
  }
  return d;
}

/** A key whose allowlist restricts nothing gets a warning on stderr (stdout stays machine-readable). */
function warnAllowAll(info: ApiKeyInfo): void {
  const all = allowAllEntries(info.ipAllowlist);
  if (all.length > 0) console.error(`Warning: key ${info.id} allows every address (${all.join(', ')}); its allowlist restricts nothing.`);
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `api-keys create|list|disable|allowlist`. */
export function apiKeysCommand(): Command {
  const cmd = new Command('api-keys').description('create, list and disable API keys');

  cmd
    .command('create')
    .description('create a key; it is printed once, alone on the last line')
    .addOption(new Option('--environment <env>', 'environment of the key').choices(['development', 'production']).makeOptionMandatory())
    .option('--name <name>', 'a label for the key')
    .option('--expires-at <iso>', 'expiry date-time (ISO-8601)', parseDate)
    .option('--allow-ip <cidr>', 'allow only this address or CIDR range (repeatable)', collect, [])
    .option('--allow-all', 'accept an --allow-ip range that allows every address (0.0.0.0/0, ::/0)')
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { environment: 'development' | 'production'; name?: string; expiresAt?: Date; allowIp: string[]; allowAll?: boolean; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const { key, info } = await createApiKey(ctx.deps, ctx.actor, {
          tenantId: ctx.tenantId,
          environment: opts.environment,
          name: opts.name ?? null,
          expiresAt: opts.expiresAt ?? null,
          ipAllowlist: opts.allowIp,
          allowAll: opts.allowAll,
        });
        warnAllowAll(info);
        if (opts.json) {
          printJson({ ...toJson(info), key });
          return;
        }
        console.error(`Created ${info.environment} key ${info.id}. Store it now: it is shown only once.`);
        console.log(key);
      });
    });

  cmd
    .command('list')
    .description('list keys (never the keys themselves)')
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const keys = await listApiKeys(ctx.deps.db, ctx.tenantId);
        if (opts.json) printJson(keys.map(toJson));
        else printTable(keys.map(toRow), 'No API keys yet. Create one with: npm run cli -- api-keys create --environment development');
      });
    });

  cmd
    .command('disable <id>')
    .description('disable a key immediately and permanently')
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const info = await disableApiKey(ctx.deps, ctx.actor, ctx.tenantId, id);
        if (opts.json) printJson(toJson(info));
        else console.log(`Disabled key ${info.id} (${info.displayPrefix}…) at ${when(info.disabledAt)}.`);
      });
    });

  cmd
    .command('allowlist <id> [cidrs...]')
    .description('replace the IP allowlist of a key (no addresses: allow any)')
    .option('--allow-all', 'accept a range that allows every address (0.0.0.0/0, ::/0)')
    .option('--tenant <slug>', 'tenant slug or ID')
    .option('--json', 'machine-readable output')
    .action(async (id: string, cidrs: string[], opts: { allowAll?: boolean; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const info = await setApiKeyAllowlist(ctx.deps, ctx.actor, ctx.tenantId, id, cidrs, { allowAll: opts.allowAll });
        warnAllowAll(info);
        if (opts.json) printJson(toJson(info));
        else console.log(`Key ${info.id} now allows ${info.ipAllowlist.length ? info.ipAllowlist.join(', ') : 'any address'}.`);
      });
    });

  return cmd;
}
