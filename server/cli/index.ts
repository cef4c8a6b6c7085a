import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/errors.ts';
import { DataDirLockedError } from '../store/lock.ts';
import { apiKeysCommand } from './api-keys.command.ts';
import { auditCommand } from './audit.command.ts';
import { CliError } from './context.ts';
import { dbCommand } from './db.command.ts';
import { integrationsCommand } from './integrations.command.ts';
import { linksCommand } from './links.command.ts';
import { webhooksCommand } from './webhooks.command.ts';
import { settingsCommand } from './settings.command.ts';
import { oauthClientsCommand } from './oauth-clients.command.ts';
import { usersCommand } from './users.command.ts';
import { tenantCommand } from './tenant.command.ts';
import { ssoCommand } from './sso.command.ts';

/** Builds the operator CLI (`npm run cli -- <command>`). */
export function buildCli(): Command {
  const program = new Command('plugboard')
    .description("Plugboard operator's command line; works on the same store as the server (DATA_DIR or DATABASE_URL)")
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(apiKeysCommand());
  program.addCommand(auditCommand());
  program.addCommand(dbCommand());
  program.addCommand(integrationsCommand());
  program.addCommand(linksCommand());
  program.addCommand(webhooksCommand());
  program.addCommand(settingsCommand());
  program.addCommand(oauthClientsCommand());
  program.addCommand(usersCommand());
  program.addCommand(tenantCommand());
  program.addCommand(ssoCommand());
  for (const sub of program.commands) {
    sub.exitOverride().showHelpAfterError();
    for (const leaf of sub.commands) leaf.exitOverride().showHelpAfterError();
  }
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure the user can fix, 2 bad arguments. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof AppError || err instanceof CliError || err instanceof DataDirLockedError) {
      console.error(`Error: ${err.message}`);
      return 1;
    }
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
