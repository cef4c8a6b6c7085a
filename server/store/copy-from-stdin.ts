/**
 * `COPY ... FROM STDIN` with its data as the statement's one parameter (see queries/copy-records.ts).
 * Kysely has no COPY, so the statement travels through its connection like any query; the store's own
 * layer (postgres-pool.ts, and runPGliteQuery for PGlite) recognises it and sends the data as COPY data.
 */
export function isCopyFromStdin(sql: string, parameters: ReadonlyArray<unknown>): parameters is [Uint8Array] {
  return parameters.length === 1 && parameters[0] instanceof Uint8Array && /^copy\s[^;]*\sfrom\s+stdin\b/i.test(sql);
}

/** What runs a statement on PGlite: the instance, one of its transactions, or a relay to the store's own thread. */
export interface PGliteStatementRunner<Options> {
  query(sql: string, params: unknown[], options: Options): Promise<unknown>;
  /** Set when another thread's PGlite runs the statements as given (it reads a COPY's data itself). */
  readonly relaysStatements?: boolean;
}

/** The part of PGlite's own (Emscripten, in-memory) file system through which a COPY's data reaches it. */
export interface PGliteFiles {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

let copyFiles = 0;

/**
 * Runs a statement on PGlite, answering in objects. A `COPY ... FROM STDIN` (isCopyFromStdin) reads the
 * parameter's bytes from a file in PGlite's in-memory `/tmp`, written there for it and removed after:
 * its `/dev/blob` device would copy them into the database one byte at a time (0.3 s of a 10k sync in
 * this thread, 0.6 s in the store's own: profiles).
 */
export async function runPGliteQuery<R>(target: PGliteStatementRunner<{ rowMode: 'object' }>, sql: string, params: unknown[], files?: PGliteFiles): Promise<R> {
  if (target.relaysStatements || !isCopyFromStdin(sql, params)) return target.query(sql, params, { rowMode: 'object' }) as Promise<R>;
  if (!files) throw new Error('COPY FROM STDIN needs the file system of the PGlite instance that runs it.');
  const path = `/tmp/copy-${++copyFiles}`;
  files.writeFile(path, params[0]);
  try {
    return (await target.query(sql.replace(/\bfrom\s+stdin\b/i, `from '${path}'`), [], { rowMode: 'object' })) as R;
  } finally {
    files.unlink(path);
  }
}
