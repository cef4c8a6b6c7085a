import { Command, Option } from 'commander';
import { setOAuthClient } from '../domain/oauth-clients.ts';
import { withContext } from './context.ts';
import { printJson } from './output.ts';

/** `oauth-clients set`: the OAuth client an environment uses for an OAuth tool (never part of a link). */
export function oauthClientsCommand(): Command {
  const cmd = new Command('oauth-clients').description("configure the OAuth clients of OAuth tools (e.g. Factorial) per environment");
  cmd
    .command('set')
    .description('set (or replace) the client id and secret registered with the tool; the secret is stored encrypted')
    .addOption(new Option('--environment <env>', 'environment').choices(['development', 'production']).makeOptionMandatory())
    .requiredOption('--tool <tool>', 'tool ID, e.g. factorial')
    .requiredOption('--client-id <id>', 'the OAuth client (application) ID')
    .requiredOption('--client-secret <secret>', 'the OAuth client secret')
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { environment: 'development' | 'production'; tool: string; clientId: string; clientSecret: string; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const set = await setOAuthClient(ctx.deps, { tenantId: ctx.tenantId, environment: opts.environment, tool: opts.tool, clientId: opts.clientId, clientSecret: opts.clientSecret });
        const redirectUri = `${ctx.config.publicUrl}/flow/v1/oauth/callback`;
        if (opts.json) printJson({ environment: opts.environment, tool: set.tool, client_id: set.clientId, redirect_uri: redirectUri });
        else console.log(`OAuth client for ${set.tool} in ${opts.environment} set (client id ${set.clientId}). Register this redirect URI with the tool: ${redirectUri}`);
      });
    });
  return cmd;
}
