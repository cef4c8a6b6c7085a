import { Command, InvalidArgumentError, Option } from 'commander';
import { type EnvironmentSettings, getEnvironmentSettings, settingsJson, updateEnvironmentSettings } from '../domain/environment-settings.ts';
import { getEnvironment } from '../domain/tenants.ts';
import type { EnvironmentKind } from '../store/schema.ts';
import { CliError, withContext } from './context.ts';
import { printJson } from './output.ts';

/** An empty value clears a setting back to its default. */
const orNull = (value: string): string | null => (value === '' ? null : value);

function parseYesNo(value: string): boolean {
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  throw new InvalidArgumentError("expected 'yes' or 'no'.");
}

const parseOrigins = (value: string): string[] =>
  value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');

/** Prints settings as `name  value` lines (or JSON). */
function printSettings(environment: EnvironmentKind, s: EnvironmentSettings, json: boolean | undefined): void {
  if (json) {
    printJson({ environment, ...settingsJson(s) });
    return;
  }
  const rows: [string, string][] = [
    ['environment', environment],
    ['display-name', s.displayName ?? '-'],
    ['logo-url', s.logoUrl ?? '-'],
    ['primary-color', s.primaryColor ?? '-'],
    ['privacy-policy-url', s.privacyPolicyUrl ?? '-'],
    ['support-email', s.supportEmail ?? '-'],
    ['support-url', s.supportUrl ?? '-'],
    ['missing-tool-url', s.missingToolUrl ?? '-'],
    ['skip-consent-for-preselected', s.skipConsentForPreselected ? 'yes' : 'no'],
    ['allowed-origins', s.allowedOrigins.length ? s.allowedOrigins.join(',') : 'any'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

const environmentOption = () =>
  new Option('--environment <env>', 'environment the settings belong to').choices(['development', 'production']).makeOptionMandatory();

interface SetOptions {
  environment: EnvironmentKind;
  tenant?: string;
  json?: boolean;
  displayName?: string;
  logoUrl?: string;
  primaryColor?: string;
  privacyPolicyUrl?: string;
  supportEmail?: string;
  supportUrl?: string;
  missingToolUrl?: string;
  skipConsentForPreselected?: boolean;
  allowedOrigins?: string[];
}

/** `settings get|set`: an environment's branding and flow settings (audited). */
export function settingsCommand(): Command {
  const cmd = new Command('settings').description("read and change an environment's branding and flow settings");

  cmd
    .command('get')
    .description("print an environment's settings")
    .addOption(environmentOption())
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { environment: EnvironmentKind; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const env = await getEnvironment(ctx.deps.db, ctx.tenantId, opts.environment);
        printSettings(opts.environment, await getEnvironmentSettings(ctx.deps.db, env.id), opts.json);
      });
    });

  cmd
    .command('set')
    .description('change settings; an empty value ("") clears one; the change is audited')
    .addOption(environmentOption())
    .option('--display-name <name>', "the vendor's name shown to customers")
    .option('--logo-url <url>', "the vendor's logo (https)")
    .option('--primary-color <hex>', 'primary colour of the flow, e.g. #0a7f5a')
    .option('--privacy-policy-url <url>', 'privacy policy linked from the consent step')
    .option('--support-email <email>', 'support contact shown with errors')
    .option('--support-url <url>', 'support page shown with errors')
    .option('--missing-tool-url <url>', `where "Don't see your tool?" leads (http(s) or mailto:)`)
    .option('--skip-consent-for-preselected <yes|no>', 'links that preselect a tool skip the consent step', parseYesNo)
    .option('--allowed-origins <list>', 'comma-separated origins allowed to embed the flow ("" = any origin)', parseOrigins)
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: SetOptions) => {
      const change: Record<string, unknown> = {};
      const strings = ['displayName', 'logoUrl', 'primaryColor', 'privacyPolicyUrl', 'supportEmail', 'supportUrl', 'missingToolUrl'] as const;
      for (const key of strings) if (opts[key] !== undefined) change[key] = orNull(opts[key]);
      if (opts.skipConsentForPreselected !== undefined) change.skipConsentForPreselected = opts.skipConsentForPreselected;
      if (opts.allowedOrigins !== undefined) change.allowedOrigins = opts.allowedOrigins;
      if (Object.keys(change).length === 0) throw new CliError('Nothing to change: pass at least one setting (see settings set --help).');
      await withContext(opts.tenant, async (ctx) => {
        const env = await getEnvironment(ctx.deps.db, ctx.tenantId, opts.environment);
        const after = await updateEnvironmentSettings(ctx.deps, ctx.actor, { tenantId: ctx.tenantId, environmentId: env.id, environment: env.kind }, change);
        printSettings(opts.environment, after, opts.json);
      });
    });
  return cmd;
}
