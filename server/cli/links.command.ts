import { Command, Option } from 'commander';
import { createLink } from '../domain/links.ts';
import { publicUrlForLinks } from '../domain/public-url.ts';
import { getEnvironment } from '../domain/tenants.ts';
import { toApiLink } from '../http/mappers/link.mapper.ts';
import { CATEGORIES, LANGUAGES, parseCreateLinkBody } from '../http/parsers/connect.ts';
import { withContext } from './context.ts';
import { printJson } from './output.ts';

interface CreateOptions {
  environment: 'development' | 'production';
  email: string;
  organization: string;
  originId?: string;
  tool?: string;
  category: string;
  magic?: boolean;
  language: string;
  tenant?: string;
  json?: boolean;
}

/** `links create`: a connection link for an end user, validated exactly like `POST /v1/connect/create-link`. */
export function linksCommand(): Command {
  const cmd = new Command('links').description('create connection links');
  cmd
    .command('create')
    .description('create a connection link; the URL is printed alone on the last line')
    .addOption(new Option('--environment <env>', 'environment of the integration').choices(['development', 'production']).makeOptionMandatory())
    .requiredOption('--email <email>', "end user's email")
    .requiredOption('--organization <name>', "end user's organization name")
    .option('--origin-id <id>', 'your ID for this customer')
    .option('--tool <tool>', 'preselect a tool, e.g. sandbox')
    .addOption(new Option('--category <category>', 'integration category').choices([...CATEGORIES]).default('HRIS'))
    .option('--magic', 'a magic link to send out (valid 1 year) instead of an embedded one (1 hour)')
    .addOption(new Option('--language <lang>', 'flow language').choices([...LANGUAGES]).default('en'))
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: CreateOptions) => {
      await withContext(opts.tenant, async (ctx) => {
        const input = parseCreateLinkBody({
          end_user_email: opts.email,
          end_user_organization_name: opts.organization,
          end_user_origin_id: opts.originId ?? null,
          integration_category: opts.category,
          integration_tool: opts.tool ?? null,
          language: opts.language,
          link_type: opts.magic ? 'MAGIC_LINK' : 'EMBEDDED',
        }, 'link options');
        const environment = await getEnvironment(ctx.deps.db, ctx.tenantId, opts.environment);
        const env = { tenantId: ctx.tenantId, environmentId: environment.id, environment: opts.environment };
        const created = await createLink(ctx.deps, env, input, ctx.actor);
        const { link } = toApiLink(await publicUrlForLinks(ctx.deps.db, ctx.config), created);
        if (opts.json) {
          printJson({ link, link_type: input.linkType, environment: opts.environment, expires_at: created.expiresAt.toISOString() });
          return;
        }
        console.error(`Created ${input.linkType === 'MAGIC_LINK' ? 'a magic' : 'an embedded'} ${opts.environment} link, valid until ${created.expiresAt.toISOString()}.`);
        console.log(link);
      });
    });
  return cmd;
}
