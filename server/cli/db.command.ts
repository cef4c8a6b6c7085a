import crypto from 'node:crypto';
import { Command } from 'commander';
import { createDeps } from '../composition-root.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';

/**
 * `db migrate`: applies pending migrations and creates the job queue's schema, as the database role that
 * owns the schema. With `DATABASE_MIGRATE=false` the server (and other CLI commands) never migrate, so they
 * can run as a role that owns nothing and cannot TRUNCATE, ALTER or DISABLE TRIGGER on the audit tables.
 */
export function dbCommand(): Command {
  const cmd = new Command('db').description('database administration');
  cmd
    .command('migrate')
    .description('apply pending migrations (run as the owner of the schema)')
    .action(async () => {
      const config = { ...loadConfig(), databaseMigrate: true };
      // Migrating reads and seals nothing: a throwaway secret keeps this command from creating secret.key.
      const { close } = await createDeps(config, createLogger('warn', process.stderr), { poolSize: 1, secret: crypto.randomBytes(32) });
      await close();
      console.log('Migrations are up to date.');
    });
  return cmd;
}
