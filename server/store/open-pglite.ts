import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The extensions the schema uses (`pg_trgm`: the integrations search index). PGlite loads an extension's
 * files only when given it, on every instance (an instance without it could not write a row such an
 * index covers), and does not list it as available, so a migration cannot tell that it may create it.
 */
const EXTENSIONS = { pg_trgm };

/**
 * The embedded store's buffer cache. PGlite allocates all of it in its memory at start, so PostgreSQL's
 * default of 128 MB stays resident for the life of the process. With 16 MB the server idles about 140 MB
 * lower and peaks about 200 MB lower during a 10k sync. Its files stay in the operating system's page
 * cache: a 10k full sync took as long as with 32 or 128 MB (within run-to-run noise) and an incremental
 * one about 0.1 s longer than with 128 MB, well within its budget (see bench/results.md).
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * The embedded store's WAL buffers (PostgreSQL derives 512 kB from the 16 MB cache). PGlite runs without
 * a WAL writer, so WAL reaches the files only when a buffer is needed again or a dirty page is evicted,
 * mostly one 8 kB page per write: with 4 MB a 10k Sandbox sync made 49,000 writes instead of 58,000,
 * and its write took 3.8 / 4.0 s against 4.2 / 4.2 s with the store in its own thread. 16 MB wrote no
 * less. It costs 4 MB of memory.
 */
export const EMBEDDED_WAL_BUFFERS = '4MB';

/** PostgreSQL's OID of `text`. */
const TEXT_OID = 25;

/**
 * How a parameter the statement types as `text` is sent: bytes (a Buffer, or the Uint8Array it becomes on
 * its way to the store's thread) as they are, in binary format, which for text is its UTF-8; anything else
 * as PGlite's own serializer sends it. PGlite would otherwise send bytes as the text of `toString()` (a
 * Uint8Array's is its numbers joined by commas), and a string only after measuring its UTF-8 length in a
 * loop over its characters: the sync's statements pass each column's values as one such buffer
 * (see hris-records.ts).
 */
const textParameter = (value: unknown): unknown =>
  value instanceof Uint8Array ? value : value instanceof Date ? value.toISOString() : String(value);

/**
 * Opens PGlite on `dir` (in memory without one), wherever it runs (in the caller's thread or the store's
 * own), with the schema's extensions loaded and created, ready for the migrations.
 */
export async function openPGlite(dir: string | undefined): Promise<PGlite> {
  // `new PGlite(undefined, options)` would ignore the options: the data directory goes among them.
  const pglite = new PGlite({ extensions: EXTENSIONS, serializers: { [TEXT_OID]: textParameter as (value: unknown) => string }, startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`, '-c', `wal_buffers=${EMBEDDED_WAL_BUFFERS}`], ...(dir ? { dataDir: dir } : {}) });
  await pglite.waitReady;
  try {
    for (const name of Object.keys(EXTENSIONS)) await pglite.exec(`create extension if not exists ${name}`);
  } catch (err) {
    await pglite.close();
    throw err;
  }
  return pglite;
}
