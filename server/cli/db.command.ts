import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';

/**
 * `db migrate`: applies pending migrations, as the database role that owns the schema. With
 * `DATABASE_MIGRATE=false` the server (and other CLI commands) never migrate, so they can run as a role
 * that owns nothing and cannot TRUNCATE, ALTER or DISABLE TRIGGER on the audit tables.
 */
export function dbCommand(): Command {
  const cmd = new Command('db').description('database administration');
  cmd
    .command('migrate')
    .description('apply pending migrations (run as the owner of the schema)')
    .action(async () => {
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, migrate: true });
      await store.close();
      console.log('Migrations are up to date.');
    });
  return cmd;
}
