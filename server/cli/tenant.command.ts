import { Command, Option } from 'commander';
import { getConsoleSettings, setTenantFeatures, type TenantFeatures } from '../domain/console/settings.ts';
import { withContext } from './context.ts';
import { printJson, printTable } from './output.ts';

const onOff = () => ['on', 'off'];

/** `tenant features`: what a tenant's plan includes (SSO, MFA enforcement); shown, or changed with the flags. */
export function tenantCommand(): Command {
  const cmd = new Command('tenant').description("a tenant's plan");
  cmd
    .command('features')
    .description('show the features a tenant includes, or turn them on or off (self-hosted default: all on)')
    .addOption(new Option('--sso <on|off>', 'SSO (OIDC, SAML)').choices(onOff()))
    .addOption(new Option('--mfa-enforcement <on|off>', 'the "require MFA" setting').choices(onOff()))
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { sso?: 'on' | 'off'; mfaEnforcement?: 'on' | 'off'; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const change: Partial<TenantFeatures> = {};
        if (opts.sso) change.sso = opts.sso === 'on';
        if (opts.mfaEnforcement) change.mfaEnforcement = opts.mfaEnforcement === 'on';
        const settings = Object.keys(change).length
          ? await setTenantFeatures(ctx.deps, ctx.actor, ctx.tenantId, change)
          : await getConsoleSettings(ctx.deps.db, ctx.tenantId);
        const { sso, mfaEnforcement } = settings.features;
        if (opts.json) return printJson({ sso, mfa_enforcement: mfaEnforcement, require_mfa: settings.requireMfa });
        printTable([
          { feature: 'sso', included: sso ? 'yes' : 'no' },
          { feature: 'mfa-enforcement', included: mfaEnforcement ? 'yes' : 'no' },
        ]);
      });
    });
  return cmd;
}
