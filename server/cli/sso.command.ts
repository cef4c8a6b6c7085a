import { Command, Option } from 'commander';
import { CONSOLE_ROLES, type ConsoleRole } from '../domain/console/policy.ts';
import { disableSso, getSsoConfig, type OidcConfigInput, oidcRedirectUrl, type SsoConfig, setOidcConfig } from '../domain/console/sso-config.ts';
import { findUserByEmail } from '../domain/console/users.ts';
import { CliError, withContext } from './context.ts';
import { printJson, printTable } from './output.ts';

const toJson = (c: SsoConfig | null, publicUrl: string) => ({
  protocol: c?.protocol ?? null,
  enabled: c?.enabled ?? false,
  issuer: c?.oidc?.issuer ?? null,
  client_id: c?.oidc?.clientId ?? null,
  client_secret_set: c?.oidc?.clientSecretSet ?? false,
  provision_role: c?.provisionRole ?? null,
  enforce: c?.enforce ?? false,
  break_glass_user_id: c?.breakGlassUserId ?? null,
  redirect_url: oidcRedirectUrl(publicUrl),
});

function print(c: SsoConfig | null, publicUrl: string, json: boolean | undefined): void {
  const view = toJson(c, publicUrl);
  if (json) return printJson(view);
  printTable(Object.entries(view).map(([setting, value]) => ({ setting, value: value === null ? '-' : String(value) })));
}

/** `sso oidc set|show|disable`: the tenant's single sign-on (needs the tenant feature `sso`). */
export function ssoCommand(): Command {
  const cmd = new Command('sso').description("the console's single sign-on (OIDC)");
  const tenantOption = () => new Option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)');

  cmd
    .command('oidc')
    .description('set up and turn on OIDC sign-in; register the redirect URL it prints with the identity provider')
    .argument('<action>', 'set')
    .option('--issuer <url>', "the identity provider's issuer URL (https)")
    .option('--client-id <id>', 'the client ID the identity provider gave Plugboard')
    .option('--client-secret <secret>', 'its client secret (stored encrypted)')
    .addOption(new Option('--provision-role <role>', 'create unknown users signing in with SSO with this role (none: only invited users)').choices([...CONSOLE_ROLES, 'none']))
    .addOption(new Option('--enforce <on|off>', 'turn password sign-in off for everyone but the break-glass admin').choices(['on', 'off']))
    .option('--break-glass-email <email>', 'the admin who may still sign in with a password while SSO is enforced')
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(
      async (
        action: string,
        opts: { issuer?: string; clientId?: string; clientSecret?: string; provisionRole?: ConsoleRole | 'none'; enforce?: 'on' | 'off'; breakGlassEmail?: string; tenant?: string; json?: boolean },
      ) => {
        if (action !== 'set') throw new CliError(`Unknown action '${action}': use 'sso oidc set'.`);
        await withContext(opts.tenant, async (ctx) => {
          const input: OidcConfigInput = { issuer: opts.issuer, clientId: opts.clientId, clientSecret: opts.clientSecret };
          if (opts.provisionRole) input.provisionRole = opts.provisionRole === 'none' ? null : opts.provisionRole;
          if (opts.enforce) input.enforce = opts.enforce === 'on';
          if (opts.breakGlassEmail) {
            const admin = await findUserByEmail(ctx.deps.db, ctx.tenantId, opts.breakGlassEmail);
            if (!admin) throw new CliError(`No user with email '${opts.breakGlassEmail}'.`);
            input.breakGlassUserId = admin.id;
          }
          print(await setOidcConfig(ctx.deps, ctx.actor, ctx.tenantId, input), ctx.config.publicUrl, opts.json);
        });
      },
    );

  cmd
    .command('show')
    .description("show the tenant's SSO configuration (never the secret) and the redirect URL to register")
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => print(await getSsoConfig(ctx.deps.db, ctx.tenantId), ctx.config.publicUrl, opts.json));
    });

  cmd
    .command('disable')
    .description('turn SSO (and its enforcement) off; passwords work again for everyone; the configuration is kept')
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => print(await disableSso(ctx.deps, ctx.actor, ctx.tenantId), ctx.config.publicUrl, opts.json));
    });
  return cmd;
}
