import { Command, Option } from 'commander';
import { CONSOLE_ROLES, type ConsoleRole } from '../domain/console/policy.ts';
import { consoleLink } from '../domain/console/tokens.ts';
import type { ConsoleUser } from '../domain/console/user-record.ts';
import { findUserByEmail, inviteUser, issuePasswordReset, listUsers } from '../domain/console/users.ts';
import { CliError, withContext } from './context.ts';
import { printJson, printTable } from './output.ts';

const toJson = (u: ConsoleUser) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  status: u.status,
  created_at: u.createdAt.toISOString(),
  updated_at: u.updatedAt.toISOString(),
});

/** `users invite|list|reset-password`: the console's team, from the command line (works before anyone can sign in). */
export function usersCommand(): Command {
  const cmd = new Command('users').description("invite and list the console's users, issue password-reset links");

  cmd
    .command('invite')
    .description('invite a user; the single-use link (valid 7 days) is printed alone on the last line')
    .requiredOption('--email <email>', "the user's email")
    .addOption(new Option('--role <role>', 'their role').choices(CONSOLE_ROLES).makeOptionMandatory())
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; role: ConsoleRole; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const { user, token } = await inviteUser(ctx.deps, ctx.actor, { tenantId: ctx.tenantId, email: opts.email, role: opts.role });
        const link = consoleLink(ctx.config.publicUrl, 'invitation', token);
        if (opts.json) return printJson({ ...toJson(user), invitation_link: link });
        console.log(`Invited ${user.email} as ${user.role}. Send them this link (single use, valid 7 days):`);
        console.log(link);
      });
    });

  cmd
    .command('list')
    .description("list the tenant's users")
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const users = await listUsers(ctx.deps.db, ctx.tenantId);
        if (opts.json) return printJson(users.map(toJson));
        printTable(users.map((u) => ({ id: u.id, email: u.email ?? '(first admin, not accepted yet)', role: u.role, status: u.status })), 'No users.');
      });
    });

  cmd
    .command('reset-password')
    .description("issue a password-reset link (single use, valid 24 hours), printed alone on the last line; it ends the user's sessions once used")
    .requiredOption('--email <email>', "the user's email")
    .option('--tenant <slug>', 'tenant slug or ID (default: the default tenant)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { email: string; tenant?: string; json?: boolean }) => {
      await withContext(opts.tenant, async (ctx) => {
        const row = await findUserByEmail(ctx.deps.db, ctx.tenantId, opts.email);
        if (!row) throw new CliError(`No user with email '${opts.email}'.`);
        const { user, token } = await issuePasswordReset(ctx.deps, ctx.actor, ctx.tenantId, row.id);
        const link = consoleLink(ctx.config.publicUrl, 'password_reset', token);
        if (opts.json) return printJson({ ...toJson(user), password_reset_link: link });
        console.log(`Password-reset link for ${user.email} (single use, valid 24 hours):`);
        console.log(link);
      });
    });

  return cmd;
}
