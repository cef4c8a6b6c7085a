import { Kysely } from 'kysely';
import { migrateToLatest } from './migrations/index.ts';
import { openPGlite } from './open-pglite.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

// A child process of `openStore` (see `createEmbeddedStoreApart` in db.ts): creates the embedded store
// in the directory it is given (argv[2]) and applies the migrations, then exits. The parent holds the
// data directory's lock meanwhile. On failure, its error's message is the last line on stderr.

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('create-embedded-store: give the store directory.');
  const pglite = await openPGlite(dir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')}\n`);
  process.exitCode = 1;
});
