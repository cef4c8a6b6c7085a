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

/**
 * Runs a statement on PGlite, answering in objects. PGlite reads COPY data from its `/dev/blob` device:
 * a `COPY ... FROM STDIN` (isCopyFromStdin) is run reading the parameter's bytes from there.
 */
export function runPGliteQuery<R>(target: PGliteStatementRunner<{ rowMode: 'object'; blob?: Blob }>, sql: string, params: unknown[]): Promise<R> {
  if (target.relaysStatements || !isCopyFromStdin(sql, params)) return target.query(sql, params, { rowMode: 'object' }) as Promise<R>;
  const [data] = params;
  return target.query(sql.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'"), [], { rowMode: 'object', blob: new Blob([data as Uint8Array<ArrayBuffer>]) }) as Promise<R>;
}
