import fs from 'node:fs';
import { Command, Option } from 'commander';
import { CONSOLE_ROLES, type ConsoleRole } from '../domain/console/policy.ts';
import { disableSso, getSsoConfig, type OidcConfigInput, type SamlConfigInput, type SsoCommonInput, type SsoConfig, setOidcConfig, setSamlConfig } from '../domain/console/sso-config.ts';
import { findUserByEmail } from '../domain/console/users.ts';
import type { Db } from '../store/db.ts';
import { CliError, withContext } from './context.ts';
import { toApiSso } from '../http/mappers/sso.mapper.ts';
import { printJson, printTable } from './output.ts';

function print(c: SsoConfig | null, publicUrl: string, tenantId: string, json: boolean | undefined): void {
  const view = toApiSso(c, publicUrl, tenantId);
  if (json) return printJson(view);
  printTable(Object.entries(view).map(([setting, value]) => ({ setting, value: value === null ? '-' : String(value) })));
}

/** The options both protocols share: provisioning and enforcement. */
async function common(db: Db, tenantId: string, opts: { provisionRole?: ConsoleRole | 'none'; enforce?: 'on' | 'off'; breakGlassEmail?: string }, input: SsoCommonInput): Promise<void> {
  if (opts.provisionRole) input.provisionRole = opts.provisionRole === 'none' ? null : opts.provisionRole;
  if (opts.enforce) input.enforce = opts.enforce === 'on';
  if (opts.breakGlassEmail) {
    const admin = await findUserByEmail(db, tenantId, opts.breakGlassEmail);
    if (!admin) throw new CliError(`No user with email '${opts.breakGlassEmail}'.`);
    input.breakGlassUserId = admin.id;
  }
}

/** `sso oidc set|saml set|show|disable`: the tenant's single sign-on (needs the tenant feature `sso`). */
export function ssoCommand(): Command {
  const cmd = new Command('sso').description("the console's single sign-on (OIDC or SAML)");
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
          await common(ctx.deps.db, ctx.tenantId, opts, input);
          print(await setOidcConfig(ctx.deps, ctx.actor, ctx.tenantId, input), ctx.config.publicUrl, ctx.tenantId, opts.json);
        });
      },
    );

  cmd
    .command('saml')
    .description('set up and turn on SAML sign-in; give the IdP the SP metadata URL (or the ACS URL and entity ID) it prints')
    .argument('<action>', 'set')
    .option('--entry-point <url>', "the IdP's single sign-on URL (https)")
    .option('--idp-cert-file <path>', "the IdP's signing certificate (PEM or base64)")
    .option('--sp-entity-id <id>', "Plugboard's entity ID at the IdP (default: the SP metadata URL)")
    .addOption(new Option('--provision-role <role>', 'create unknown users signing in with SSO with this role (none: only invited users)').choices([...CONSOLE_ROLES, 'none']))
    .addOption(new Option('--enforce <on|off>', 'turn password sign-in off for everyone but the break-glass admin').choices(['on', 'off']))
    .option('--break-glass-email <email>', 'the admin who may still sign in with a password while SSO is enforced')
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(
      async (
        action: string,
        opts: { entryPoint?: string; idpCertFile?: string; spEntityId?: string; provisionRole?: ConsoleRole | 'none'; enforce?: 'on' | 'off'; breakGlassEmail?: string; tenant?: string; json?: boolean },
      ) => {
        if (action !== 'set') throw new CliError(`Unknown action '${action}': use 'sso saml set'.`);
        let idpCert: string | undefined;
        if (opts.idpCertFile) {
          try {
            idpCert = fs.readFileSync(opts.idpCertFile, 'utf8');
          } catch {
            throw new CliError(`Cannot read '${opts.idpCertFile}'.`);
          }
        }
        await withContext(opts.tenant, async (ctx) => {
          const input: SamlConfigInput = { entryPoint: opts.entryPoint, idpCert, spEntityId: opts.spEntityId };
          await common(ctx.deps.db, ctx.tenantId, opts, input);
          print(await setSamlConfig(ctx.deps, ctx.actor, ctx.tenantId, input), ctx.config.publicUrl, ctx.tenantId, opts.json);
        });
      },
    );

  cmd
    .command('show')
    .description("show the tenant's SSO configuration (never the secret) and the redirect URL to register")
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => print(await getSsoConfig(ctx.deps.db, ctx.tenantId), ctx.config.publicUrl, ctx.tenantId, opts.json));
    });

  cmd
    .command('disable')
    .description('turn SSO (and its enforcement) off; passwords work again for everyone; the configuration is kept')
    .addOption(tenantOption())
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => print(await disableSso(ctx.deps, ctx.actor, ctx.tenantId), ctx.config.publicUrl, ctx.tenantId, opts.json));
    });
  return cmd;
}
